"""`{% absolute_static "images/og-default.png" %}`: a static file's absolute address, from
SITE_URL (never the request's Host header), for link previews that need a whole URL."""

from django import template
from django.templatetags.static import static

from webkit.links import absolute_url

register = template.Library()


@register.simple_tag
def absolute_static(path: str) -> str:
    return absolute_url(static(path))
