"""Names mid-sentence: lower-cased unless they open with an acronym or inner capitals."""

from __future__ import annotations

import pytest

from webkit.templatetags.wording import in_sentence


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Backend engineer", "backend engineer"),
        ("Tech lead or engineering manager", "tech lead or engineering manager"),
        ("DevOps, SRE or platform engineer", "DevOps, SRE or platform engineer"),
        ("QA / test automation engineer", "QA / test automation engineer"),
        ("", ""),
    ],
)
def test_a_name_reads_as_it_should_mid_sentence(name: str, expected: str):
    assert in_sentence(name) == expected


def test_every_background_name_keeps_its_acronyms(content):
    for background in content.backgrounds:
        words = background.name.split()
        shown = in_sentence(background.name).split()
        for word, after in zip(words[1:], shown[1:], strict=True):
            assert word == after
        if words[0].isupper() or words[0][1:] != words[0][1:].lower():
            assert shown[0] == words[0]
