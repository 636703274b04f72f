"""`get_item`: a template looks up a mapping by a key held in a variable."""

from __future__ import annotations

from django.template import Context, Template

TEMPLATE = Template("{% load lookup %}[{{ mapping|get_item:key }}]")


def render(mapping: dict[str, object], key: str) -> str:
    return TEMPLATE.render(Context({"mapping": mapping, "key": key}))


def test_a_present_key_shows_its_value():
    assert render({"rag": "Retrieval", "evals": "Evaluation"}, "evals") == "[Evaluation]"


def test_a_missing_key_renders_as_nothing_where_templates_read_a_field_of_it():
    # How the templates use it: {% with skill=skill_by_id|get_item:s %}{{ skill.name }}
    template = Template("{% load lookup %}{% with item=mapping|get_item:key %}[{{ item.name }}]"
                        "{% endwith %}")  # fmt: skip
    context = Context({"mapping": {"rag": {"name": "Retrieval"}}, "key": "wizardry"})
    assert template.render(context) == "[]"


def test_values_are_escaped_like_any_other_variable():
    assert render({"x": "<script>"}, "x") == "[&lt;script&gt;]"
