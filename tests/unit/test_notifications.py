"""Templates, SMS counting and the sending rules (pure domain)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from depot_app.domain.errors import ValidationError
from depot_app.domain.notifications import (
    DEFAULT_TEMPLATES,
    QuietHours,
    Template,
    check_template,
    check_templates_setting,
    check_text,
    default_templates_setting,
    fill,
    is_opt_out_reply,
    mask_address,
    mobile_number,
    retry_delay,
    sms_count,
)


def test_every_default_template_is_valid_and_signed() -> None:
    for by_lang in DEFAULT_TEMPLATES.values():
        for tpl in by_lang.values():
            check_template(tpl)
            assert tpl.sms.startswith("【{depot_name}】")
    assert check_templates_setting(default_templates_setting()) == default_templates_setting()


def test_unknown_placeholder_is_refused_naming_it_and_the_known_ones() -> None:
    with pytest.raises(ValidationError) as err:
        check_text("【浦东网点】您的快件{tracking}已到", sms=True)
    assert "{tracking}" in err.value.en and "{tracking_last4}" in err.value.en
    assert "未知的占位符" in err.value.zh


@pytest.mark.parametrize("text", ["您的快件已到", "[浦东]您的快件", "【】空签名", "  "])
def test_an_sms_without_its_signature_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        check_text(text, sms=True)


def test_malformed_braces_and_formats_are_refused() -> None:
    for text in ("【网点】{case_no", "【网点】{case_no:>10}", "【网点】{case_no!r}"):
        with pytest.raises(ValidationError):
            check_text(text, sms=True)


def test_a_bad_text_in_the_setting_names_its_event_and_language() -> None:
    data = default_templates_setting()
    data["closed"]["en"]["email_subject"] = "Case {nope}"
    with pytest.raises(ValidationError) as err:
        check_templates_setting(data)
    assert err.value.en.startswith("Case closed (rating request) (en)")


def test_sms_parts_are_70_then_67_each() -> None:
    assert sms_count("") == (0, 0)
    assert sms_count("字" * 70) == (70, 1)
    assert sms_count("字" * 71) == (71, 2)
    assert sms_count("字" * 134) == (134, 2)
    assert sms_count("字" * 135) == (135, 3)


def test_fill_masks_nothing_itself_and_marks_missing_facts() -> None:
    text = fill("【{depot_name}】{case_no} {pickup_code}", {"depot_name": "浦东", "case_no": "SH01-1"})
    assert text == "【浦东】SH01-1 —"


def test_only_real_mainland_mobiles_are_mobiles() -> None:
    assert mobile_number("138 1234 5678") == "+8613812345678"
    assert mobile_number("+86 139-8765-4321") == "+8613987654321"
    assert mobile_number("010-62345678") is None      # landline
    assert mobile_number("12345678901") is None       # no such mobile range
    assert mobile_number("1381234567") is None        # 10 digits
    assert mobile_number("") is None


def test_addresses_are_masked_for_screens() -> None:
    assert mask_address("+8613812345678") == "138****5678"
    assert mask_address("lisi@example.com") == "l***@example.com"
    assert mask_address("https://user:pw@hooks.example.com/depot?token=x") == "hooks.example.com"


@pytest.mark.parametrize("reply, opt_out", [("T", True), ("t", True), (" 退订 ", True), ("TD", True),
                                            ("STOP", True), ("5", False), ("谢谢", False), ("", False)])
def test_opt_out_replies(reply: str, opt_out: bool) -> None:
    assert is_opt_out_reply(reply) is opt_out


def test_quiet_hours_hold_until_morning() -> None:
    quiet = QuietHours.parse("21:00-08:00")
    assert quiet.contains(datetime(2026, 11, 20, 22, 30))
    assert quiet.contains(datetime(2026, 11, 21, 7, 59))
    assert not quiet.contains(datetime(2026, 11, 20, 8, 0))
    assert quiet.release(datetime(2026, 11, 20, 22, 30)) == datetime(2026, 11, 21, 8, 0)
    assert quiet.release(datetime(2026, 11, 21, 6, 0)) == datetime(2026, 11, 21, 8, 0)
    assert quiet.release(datetime(2026, 11, 20, 12, 0)) == datetime(2026, 11, 20, 12, 0)
    assert not QuietHours.parse("off").contains(datetime(2026, 11, 20, 23, 0))
    assert QuietHours.parse("12:00-13:30").contains(datetime(2026, 11, 20, 13, 0))
    with pytest.raises(ValidationError):
        QuietHours.parse("25:00-08:00")


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    for tries in range(1, 8):
        delays = [retry_delay(tries, base_seconds=60, rng=rng) for _ in range(50)]
        ceiling = timedelta(seconds=60 * 2 ** (tries - 1))
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 40  # jitter: desks failing together do not retry together
    assert retry_delay(30, base_seconds=60, cap_seconds=3600, rng=rng) <= timedelta(hours=1)


def test_template_round_trip() -> None:
    tpl = Template("【a】{case_no}", "s", "b")
    assert Template.from_dict(tpl.to_dict()) == tpl
