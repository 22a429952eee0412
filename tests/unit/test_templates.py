"""Message templates: every kind has some, in both languages, and none leaves a placeholder."""

from __future__ import annotations

import re

import pytest

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.templates import (
    FACTS,
    REASONS,
    TEMPLATES,
    reason_for,
    render_template,
    template_by_key,
    templates_for,
)
from depot_app.domain.vocabulary import ContactChannel

LANGUAGES = ("zh_CN", "en")
FULL_FACTS = {
    "tracking": "SF1234567890123",
    "case_no": "SH01-261120-0007",
    "depot_name": "上海浦东网点",
    "depot_phone": "021-58881234",
    "recipient": "王*",
    "pickup_code": "8-2-1043",
    "amount": "¥120.00",
}
_BRACES = re.compile(r"[{}]")


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_kind_has_a_template_in_both_languages(kind: ProblemKind) -> None:
    found = templates_for(kind)
    assert found, f"no template for {kind}"
    for template in found:
        for language in LANGUAGES:
            assert template.text(language).strip()
            assert template.title(language).strip()


@pytest.mark.parametrize("kind", list(ProblemKind))
@pytest.mark.parametrize("language", LANGUAGES)
def test_rendered_messages_have_no_placeholder_left(kind: ProblemKind, language: str) -> None:
    for template in templates_for(kind):
        text = render_template(kind, language, template=template, **FULL_FACTS)
        assert not _BRACES.search(text), text
        # Full facts leave no "unknown" marker either.
        for marker_zh, marker_en in FACTS.values():
            assert marker_zh not in text and marker_en not in text, text
        assert FULL_FACTS["tracking"] in text
        assert reason_for(kind, language) in text or "reason" not in template.placeholders(language)


def test_missing_facts_become_visible_markers_not_placeholders() -> None:
    text = render_template(ProblemKind.REFUSED, "zh_CN", template="pickup_code", tracking="YT1234567890123")
    assert "{" not in text and "}" not in text
    assert "【取件码】" in text
    english = render_template(ProblemKind.REFUSED, "en", template="pickup_code")
    assert "[pickup code]" in english and "[tracking number]" in english


def test_both_languages_use_the_same_facts() -> None:
    for template in TEMPLATES:
        assert template.placeholders("zh_CN") == template.placeholders("en"), template.key
        assert template.placeholders("zh_CN") <= set(FACTS), template.key


def test_the_example_notice_reads_as_the_desk_writes_it() -> None:
    text = render_template(ProblemKind.DAMAGED, "zh_CN", **FULL_FACTS)
    assert text.startswith("【上海浦东网点】王*您好，您的快件 SF1234567890123 因外包装破损暂无法派送")
    assert "021-58881234" in text and "SH01-261120-0007" in text


def test_the_requested_template_families_exist() -> None:
    keys = {t.key for t in TEMPLATES}
    assert {"notify_delay", "ask_address", "ask_sender", "pickup_code", "compensation"} <= keys
    assert {t.channel for t in TEMPLATES} == {ContactChannel.SMS, ContactChannel.WECHAT}


def test_every_kind_has_a_reason_in_both_languages() -> None:
    assert set(REASONS) == set(ProblemKind)
    for kind in ProblemKind:
        assert reason_for(kind, "zh_CN") and reason_for(kind, "en")


def test_a_template_that_does_not_suit_the_kind_is_refused() -> None:
    assert ProblemKind.LOST not in template_by_key("pickup_code").kinds
    with pytest.raises(ValueError):
        render_template(ProblemKind.LOST, "zh_CN", template="pickup_code")
    with pytest.raises(KeyError):
        template_by_key("no_such_template")


def test_complaints_open_with_the_acknowledgement() -> None:
    assert templates_for(ProblemKind.SERVICE_COMPLAINT)[0].key == "complaint_ack"
