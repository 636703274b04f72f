"""`{{ mapping|get_item:key }}`: look up a dict entry by a variable key in a template."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key)
