"""`{{ mapping|get_item:key }}`: look up a dict entry by a variable key in a template."""

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object], key: str) -> object:
    return mapping.get(key)
