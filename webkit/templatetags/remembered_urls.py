"""`{% url %}` that remembers what a fixed name reverses to.

Every page's header and footer link the same dozen sections: `{% url 'pages:route' %}` and the
like, reversed again on every render (about 0.3 ms of a 1.5 ms page). A name written as a
literal, without arguments, always reverses to the same path for a given URLconf and script
prefix, so this tag (a builtin: settings.TEMPLATES) keeps that path after the first time. Any
other use (arguments, a name held in a variable, `as var`) is Django's own tag, unchanged.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

register = template.Library()

_reversed: dict[tuple[str, str | None, object, str], str] = {}


def _fixed_name(expression: FilterExpression) -> str | None:
    """The view name when it is written as a literal string with no filters."""
    if expression.filters or not isinstance(expression.var, str):
        return None
    return str(expression.var)


class RememberedURLNode(URLNode):
    def render(self, context: Context) -> str | SafeString:
        name = _fixed_name(self.view_name)
        if name is None or self.args or self.kwargs or self.asvar:
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            match = getattr(request, "resolver_match", None)
            current_app = getattr(match, "namespace", None)
        key = (name, current_app, get_urlconf(), get_script_prefix())
        if key not in _reversed:
            _reversed[key] = reverse(name, current_app=current_app)
        url = _reversed[key]
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> URLNode:
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
