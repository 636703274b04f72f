"""`{{ background.name|in_sentence }}`: a name as it reads mid-sentence. "Backend engineer"
becomes "backend engineer", while a name that opens with an acronym or a word spelt with inner
capitals ("DevOps, SRE or platform engineer", "QA / test automation engineer") is left alone,
which `|lower` would have turned into "devops, sre or platform engineer"."""

from django import template

register = template.Library()


@register.filter
def in_sentence(name: str) -> str:
    first = name.split(" ", 1)[0].strip(",/")
    if len(first) > 1 and first[1:] != first[1:].lower():
        return name
    return name[:1].lower() + name[1:]
