"""Resolutions: the facts each one needs, how they are refused, how they read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from depot_app.domain.errors import PhoneNumberError, TrackingNumberError, ValidationError
from depot_app.domain.resolutions import (
    ChangeTerms,
    Compensate,
    Redeliver,
    Resend,
    ReturnToSender,
    SelfPickup,
    Transfer,
    parse_details,
)
from depot_app.domain.vocabulary import ResolutionType

R = ResolutionType
D = Decimal

VALID: dict[ResolutionType, dict[str, Any]] = {
    R.REDELIVER: {"attempt_date": "2026-11-23", "new_address": "上海市浦东新区张江路1号",
                  "new_phone": "138 1234 5678"},
    R.RESEND: {"new_tracking_no": "sf 1234 5678 9012 3"},
    R.RETURN: {"reason": "收件人拒收", "return_tracking_no": "SF1234567890124"},
    R.COMPENSATE: {"amount": "60", "suggested": "60.00", "basis": "uninsured_capped"},
    R.TRANSFER: {"carrier": "EMS", "new_tracking_no": "EA123456785CN", "signed_at": "2026-11-25"},
    R.SELF_PICKUP: {"outlet": "张江菜鸟驿站", "pickup_code": "8-2-1034"},
    R.CHANGE_TERMS: {"confirmation_ref": "WX-20261120-01", "new_cod_amount": "¥1,200.50"},
}

#: (type, field) for every required field; the rest of the data is valid.
REQUIRED = [
    (R.REDELIVER, "attempt_date"),
    (R.RESEND, "new_tracking_no"),
    (R.RETURN, "reason"),
    (R.COMPENSATE, "amount"),
    (R.TRANSFER, "carrier"),
    (R.TRANSFER, "new_tracking_no"),
    (R.SELF_PICKUP, "outlet"),
    (R.SELF_PICKUP, "pickup_code"),
    (R.CHANGE_TERMS, "confirmation_ref"),
]


def without(rtype: ResolutionType, field: str, blank: Any) -> dict[str, Any]:
    data = dict(VALID[rtype])
    if blank is _DROP:
        data.pop(field)
    else:
        data[field] = blank
    return data


_DROP = object()


# --- valid data -------------------------------------------------------------


def test_redeliver_valid() -> None:
    d = parse_details(R.REDELIVER, VALID[R.REDELIVER])
    assert d == Redeliver(attempt_date=date(2026, 11, 23), new_address="上海市浦东新区张江路1号",
                          new_phone="13812345678")
    assert d.type is R.REDELIVER


def test_redeliver_accepts_a_datetime_and_needs_no_address_or_phone() -> None:
    d = parse_details(R.REDELIVER, {"attempt_date": datetime(2026, 11, 23, 9, 30), "new_phone": " "})
    assert d == Redeliver(attempt_date=date(2026, 11, 23), new_address=None, new_phone=None)


def test_resend_valid_normalises_the_tracking_number() -> None:
    assert parse_details(R.RESEND, VALID[R.RESEND]) == Resend(new_tracking_no="SF1234567890123")


def test_return_valid() -> None:
    d = parse_details(R.RETURN, VALID[R.RETURN])
    assert d == ReturnToSender(reason="收件人拒收", return_tracking_no="SF1234567890124")
    assert parse_details(R.RETURN, {"reason": " 超区 "}) == ReturnToSender(reason="超区")


def test_compensate_valid() -> None:
    d = parse_details(R.COMPENSATE, VALID[R.COMPENSATE])
    assert d == Compensate(amount=D("60.00"), suggested=D("60.00"), basis="uninsured_capped")
    assert isinstance(d, Compensate) and str(d.amount) == "60.00"


def test_compensate_without_suggestion_takes_the_amount_as_suggested() -> None:
    d = parse_details(R.COMPENSATE, {"amount": D("88.8")})
    assert isinstance(d, Compensate)
    assert (d.amount, d.suggested, d.adjust_reason) == (D("88.80"), D("88.80"), None)


def test_transfer_valid() -> None:
    d = parse_details(R.TRANSFER, VALID[R.TRANSFER])
    assert d == Transfer(carrier="EMS", new_tracking_no="EA123456785CN", signed_at=date(2026, 11, 25))
    assert parse_details(R.TRANSFER, {"carrier": "EMS", "new_tracking_no": "EA123456785CN"}) == Transfer(
        carrier="EMS", new_tracking_no="EA123456785CN", signed_at=None)


def test_self_pickup_valid() -> None:
    assert parse_details(R.SELF_PICKUP, VALID[R.SELF_PICKUP]) == SelfPickup(outlet="张江菜鸟驿站",
                                                                           pickup_code="8-2-1034")


def test_change_terms_valid() -> None:
    d = parse_details(R.CHANGE_TERMS, VALID[R.CHANGE_TERMS])
    assert d == ChangeTerms(confirmation_ref="WX-20261120-01", new_cod_amount=D("1200.50"))
    d2 = parse_details(R.CHANGE_TERMS, {"confirmation_ref": "邮件 2026-11-20", "freight_payer": "recipient"})
    assert d2 == ChangeTerms(confirmation_ref="邮件 2026-11-20", freight_payer="recipient")
    d3 = parse_details(R.CHANGE_TERMS, {"confirmation_ref": "c1", "new_freight": "0"})
    assert isinstance(d3, ChangeTerms) and d3.new_freight == D("0.00")


@pytest.mark.parametrize("rtype", list(ResolutionType))
def test_every_type_round_trips_through_its_stored_form(rtype: ResolutionType) -> None:
    parsed = parse_details(rtype, VALID[rtype])
    stored = parsed.to_dict()
    assert all(isinstance(v, (str, type(None))) for v in stored.values())  # JSON-able text
    assert parse_details(rtype, stored) == parsed


# --- missing fields ---------------------------------------------------------


@pytest.mark.parametrize("blank", [_DROP, None, "", "   "], ids=["absent", "none", "empty", "blank"])
@pytest.mark.parametrize(("rtype", "field"), REQUIRED, ids=[f"{t}.{f}" for t, f in REQUIRED])
def test_each_missing_required_field_is_named(rtype: ResolutionType, field: str, blank: Any) -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(rtype, without(rtype, field, blank))
    assert info.value.field == field
    assert info.value.en and info.value.zh and info.value.en != info.value.zh


def test_a_missing_field_message_reads_in_both_languages() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.SELF_PICKUP, {"outlet": "张江菜鸟驿站"})
    assert info.value.en == "The pickup code is required for this resolution."
    assert info.value.zh == "此处理方案必须填写取件码。"


def test_a_bad_date_is_named() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.REDELIVER, {"attempt_date": "2026-13-01"})
    assert info.value.field == "attempt_date"
    assert "2026-13-01" in info.value.en and "2026-13-01" in info.value.zh
    with pytest.raises(ValidationError) as info:
        parse_details(R.TRANSFER, {**VALID[R.TRANSFER], "signed_at": "yesterday"})
    assert info.value.field == "signed_at"


# --- bad phone and tracking numbers -----------------------------------------


@pytest.mark.parametrize("phone", ["1381234567", "12345678901", "87654321", "abc"])
def test_bad_new_phone_is_refused_and_named(phone: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        parse_details(R.REDELIVER, {"attempt_date": "2026-11-23", "new_phone": phone})
    assert info.value.field == "new_phone"


@pytest.mark.parametrize(("rtype", "field", "bad"), [
    (R.RESEND, "new_tracking_no", "SF12"),
    (R.RESEND, "new_tracking_no", "RR123456789CN"),  # wrong S10 check digit (should be 5)
    (R.TRANSFER, "new_tracking_no", "EA12345678#CN"),
    (R.RETURN, "return_tracking_no", "SF-12"),
])
def test_bad_tracking_number_in_details_is_refused_and_named(rtype: ResolutionType, field: str,
                                                             bad: str) -> None:
    with pytest.raises(TrackingNumberError) as info:
        parse_details(rtype, {**VALID[rtype], field: bad})
    assert info.value.field == field
    assert info.value.en and info.value.zh


@pytest.mark.parametrize("bad", ["-5", "abc", "1,2,3"])
def test_bad_compensation_amount_is_named(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.COMPENSATE, {"amount": bad})
    assert info.value.field == "amount"


def test_bad_new_cod_amount_is_named() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.CHANGE_TERMS, {"confirmation_ref": "c1", "new_cod_amount": "-1"})
    assert info.value.field == "new_cod_amount"


# --- compensation adjustments -------------------------------------------------


def test_amount_differing_from_suggested_needs_a_reason() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.COMPENSATE, {"amount": "80", "suggested": "60", "adjust_reason": "  "})
    assert info.value.field == "adjust_reason"
    assert "¥80.00" in info.value.en and "¥60.00" in info.value.en
    assert "¥80.00" in info.value.zh and "调整原因" in info.value.zh


def test_amount_differing_from_suggested_with_a_reason_is_kept() -> None:
    d = parse_details(R.COMPENSATE, {"amount": "80", "suggested": "60", "adjust_reason": " 含包装费 "})
    assert d == Compensate(amount=D("80.00"), suggested=D("60.00"), basis="", adjust_reason="含包装费")


def test_same_amount_written_differently_needs_no_reason() -> None:
    d = parse_details(R.COMPENSATE, {"amount": "¥60", "suggested": D("60.00")})
    assert isinstance(d, Compensate) and d.adjust_reason is None


# --- change terms -------------------------------------------------------------


def test_change_terms_needs_at_least_one_change() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.CHANGE_TERMS, {"confirmation_ref": "WX-1", "new_cod_amount": "", "new_freight": None})
    assert info.value.field == "new_cod_amount"
    assert "COD" in info.value.en and "代收货款" in info.value.zh


def test_change_terms_needs_a_confirmation_ref_even_with_a_change() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.CHANGE_TERMS, {"new_freight": "12"})
    assert info.value.field == "confirmation_ref"


def test_change_terms_freight_payer_must_be_sender_or_recipient() -> None:
    with pytest.raises(ValidationError) as info:
        parse_details(R.CHANGE_TERMS, {"confirmation_ref": "WX-1", "freight_payer": "courier"})
    assert info.value.field == "freight_payer"


# --- summaries ----------------------------------------------------------------


def test_redeliver_summary_in_both_languages() -> None:
    d = parse_details(R.REDELIVER, {"attempt_date": "2026-11-23", "new_phone": "13812345678"})
    assert d.summary("zh_CN") == "重新派送；派送日期：2026-11-23；新电话：13812345678"
    assert d.summary("en") == "Redeliver; attempt date: 2026-11-23; new phone: 13812345678"


def test_compensate_summary_leaves_out_empty_fields() -> None:
    d = parse_details(R.COMPENSATE, VALID[R.COMPENSATE])
    assert d.summary("zh_CN") == "赔偿；金额：60.00；建议金额：60.00；依据：uninsured_capped"
    assert d.summary("en") == "Compensate; amount: 60.00; suggested: 60.00; basis: uninsured_capped"


def test_change_terms_summary() -> None:
    d = parse_details(R.CHANGE_TERMS, VALID[R.CHANGE_TERMS])
    assert d.summary("zh_CN") == "变更货款/运费；书面确认编号：WX-20261120-01；新代收货款：1200.50"
    assert d.summary() == d.summary("zh_CN")


@pytest.mark.parametrize("rtype", list(ResolutionType))
def test_every_summary_starts_with_the_type_name(rtype: ResolutionType) -> None:
    d = parse_details(rtype, VALID[rtype])
    assert d.summary("zh_CN").startswith(rtype.zh + "；")
    assert d.summary("en").startswith(rtype.en + "; ")


# --- field labels ---------------------------------------------------------------


def test_field_label_names_a_detail_field_in_either_language() -> None:
    from depot_app.domain.resolutions import field_label

    assert field_label("signed_at", "zh_CN") == "签收日期"
    assert field_label("signed_at", "en") == "signed on"
    assert field_label("new_tracking_no", "zh_CN") == "新单号"
    assert field_label("new_tracking_no", "en") == "new tracking no."
    assert field_label("attempt_date") == "派送日期"  # Chinese unless asked otherwise
    assert field_label("no_such_field", "zh_CN") == "no_such_field"
    assert field_label("no_such_field", "en") == "no_such_field"


@pytest.mark.parametrize("rtype", list(ResolutionType))
def test_every_detail_field_has_a_label_in_both_languages(rtype: ResolutionType) -> None:
    import re

    from depot_app.domain.resolutions import field_label

    for name in parse_details(rtype, VALID[rtype]).to_dict():
        zh, en = field_label(name, "zh_CN"), field_label(name, "en")
        assert re.search(r"[\u4e00-\u9fff]", zh), (name, zh)
        assert en and not re.search(r"[\u4e00-\u9fff]", en), (name, en)
