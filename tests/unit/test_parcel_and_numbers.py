"""Parcel facts, case numbers, the whom-to-call-next rule and the kinds' handbook."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from depot_app.domain.case_numbers import (
    CaseNumber,
    format_case_no,
    normalize_depot_code,
    parse_case_no,
)
from depot_app.domain.contacts import Attempt, failed_recipient_streak, suggest_sender
from depot_app.domain.errors import PhoneNumberError, ValidationError
from depot_app.domain.kinds import KIND_INFO, ProblemKind, resolutions_for
from depot_app.domain.parcel import ParcelFacts, parse_parcel_facts, parse_weight_g
from depot_app.domain.vocabulary import (
    ContactChannel,
    ContactOutcome,
    ContactParty,
    ResolutionType,
    ShipmentScope,
)

D = Decimal

# ----------------------------------------------------------------- parcel facts


def test_empty_form_gives_empty_facts() -> None:
    assert parse_parcel_facts({}) == ParcelFacts()
    assert parse_parcel_facts({}).scope is ShipmentScope.DOMESTIC


@pytest.mark.parametrize(("raw", "expected"), [
    ("¥1,200.50", D("1200.50")),
    ("1200.5", D("1200.50")),
    (" 3000 元", D("3000.00")),
    ("RMB 20", D("20.00")),
    ("１２．５０", D("12.50")),
    (D("99.999"), D("100.00")),
    (150, D("150.00")),
])
def test_money_strings_become_exact_yuan(raw: object, expected: Decimal) -> None:
    facts = parse_parcel_facts({"declared_value": raw})
    assert facts.declared_value == expected
    assert facts.declared_value is not None and facts.declared_value.as_tuple().exponent == -2


def test_blank_money_is_none() -> None:
    facts = parse_parcel_facts({"declared_value": "  ", "freight": None, "cod_amount": ""})
    assert (facts.declared_value, facts.freight, facts.cod_amount) == (None, None, None)


@pytest.mark.parametrize("field", ["declared_value", "insured_value", "freight", "cod_amount"])
@pytest.mark.parametrize("bad", ["abc", "-5", "1,2,3"])
def test_bad_money_names_its_field(field: str, bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_parcel_facts({field: bad})
    assert info.value.field == field


def test_bad_money_message_names_the_field_in_both_languages() -> None:
    with pytest.raises(ValidationError) as info:
        parse_parcel_facts({"freight": "-5"})
    assert info.value.en.startswith("Freight: ")
    assert info.value.zh.startswith("运费：")


@pytest.mark.parametrize(("raw", "grams"), [
    ("1.25", 1250),
    ("1.25kg", 1250),
    ("2kg", 2000),
    ("2 KG", 2000),
    ("800g", 800),
    ("800克", 800),
    ("1.5公斤", 1500),
    ("0.0004", 0),
    ("1.2346", 1235),
    ("", None),
    (None, None),
])
def test_weights(raw: str | None, grams: int | None) -> None:
    assert parse_weight_g(raw) == grams
    assert parse_parcel_facts({"weight_g": raw}).weight_g == grams


def test_a_stored_weight_in_grams_stays_grams() -> None:
    # The database holds whole grams; re-validating a stored parcel must not scale it.
    assert parse_parcel_facts({"weight_g": 1250}).weight_g == 1250


@pytest.mark.parametrize("bad", ["heavy", "1.2.3kg", "-1", "1001kg"])
def test_bad_weights_are_named(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_parcel_facts({"weight_g": bad})
    assert info.value.field == "weight_g"
    assert bad in info.value.en and bad in info.value.zh


def test_phones_are_normalised() -> None:
    facts = parse_parcel_facts({"sender_phone": "+86 138-1234-5678", "recipient_phone": "021 6123 4567"})
    assert facts.sender_phone == "13812345678"
    assert facts.recipient_phone == "021-61234567"


@pytest.mark.parametrize("field", ["sender_phone", "recipient_phone"])
@pytest.mark.parametrize("bad", ["1381234567", "23812345678", "61234567", "138abc45678"])
def test_bad_phone_names_its_field(field: str, bad: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        parse_parcel_facts({field: bad})
    assert info.value.field == field


def test_insured_above_declared_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        parse_parcel_facts({"declared_value": "500", "insured_value": "500.01"})
    assert info.value.field == "insured_value"
    assert "¥500.01" in info.value.en and "¥500.00" in info.value.en
    assert "保价金额" in info.value.zh


def test_insured_equal_to_declared_or_without_declared_is_accepted() -> None:
    assert parse_parcel_facts({"declared_value": "500", "insured_value": "500"}).insured_value == D("500.00")
    assert parse_parcel_facts({"insured_value": "800"}).insured_value == D("800.00")


@pytest.mark.parametrize(("field", "limit"), [
    ("sender_name", 64), ("recipient_name", 64), ("sender_address", 255),
    ("recipient_address", 255), ("item_description", 255),
])
def test_text_limits(field: str, limit: int) -> None:
    ok = parse_parcel_facts({field: "张" * limit})
    assert getattr(ok, field) == "张" * limit
    with pytest.raises(ValidationError) as info:
        parse_parcel_facts({field: "张" * (limit + 1)})
    assert info.value.field == field
    assert f"{limit + 1}" in info.value.en and f"{limit}" in info.value.zh


def test_text_is_trimmed_before_the_limit() -> None:
    assert parse_parcel_facts({"sender_name": "  张三  "}).sender_name == "张三"
    assert parse_parcel_facts({"sender_name": " " + "张" * 64 + " "}).sender_name == "张" * 64


def test_scope() -> None:
    assert parse_parcel_facts({"scope": "same_city"}).scope is ShipmentScope.SAME_CITY
    assert parse_parcel_facts({"scope": ShipmentScope.INTERNATIONAL}).scope is ShipmentScope.INTERNATIONAL
    with pytest.raises(ValidationError) as info:
        parse_parcel_facts({"scope": "mars"})
    assert info.value.field == "scope"


def test_unknown_keys_are_ignored() -> None:
    assert parse_parcel_facts({"colour": "red", "sender_name": "王五"}) == ParcelFacts(sender_name="王五")


# ----------------------------------------------------------------- case numbers


def test_format_case_no() -> None:
    assert format_case_no("SH01", date(2026, 11, 22), 7) == "SH01-261122-0007"
    assert format_case_no(" sh01 ", date(2026, 1, 2), 9999) == "SH01-260102-9999"
    assert format_case_no("BJ", date(2027, 12, 31), 10_000) == "BJ-271231-010000"


def test_format_case_no_refuses_sequence_zero_and_bad_depot_codes() -> None:
    with pytest.raises(ValueError):
        format_case_no("SH01", date(2026, 11, 22), 0)
    with pytest.raises(ValidationError) as info:
        format_case_no("S", date(2026, 11, 22), 1)
    assert info.value.field == "depot_code"


@pytest.mark.parametrize("raw", ["S", "SH-01", "上海01", "ABCDEFGHI", ""])
def test_bad_depot_codes(raw: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_depot_code(raw)
    assert info.value.field == "depot_code"


@pytest.mark.parametrize(("day", "seq"), [
    (date(2026, 11, 22), 1), (date(2026, 1, 1), 42), (date(2029, 12, 31), 9999),
    (date(2026, 2, 28), 123456),
])
def test_case_no_round_trip(day: date, seq: int) -> None:
    text = format_case_no("SH01", day, seq)
    assert parse_case_no(text) == CaseNumber("SH01", day, seq)


def test_parse_forgives_case_and_spaces_as_typed() -> None:
    assert parse_case_no(" sh01 - 261122 - 0007 ") == CaseNumber("SH01", date(2026, 11, 22), 7)
    assert parse_case_no("sh01_261122_0007") == CaseNumber("SH01", date(2026, 11, 22), 7)
    assert parse_case_no("SH01 261122 0007") == CaseNumber("SH01", date(2026, 11, 22), 7)
    assert parse_case_no("SH01  261122\t0007") == CaseNumber("SH01", date(2026, 11, 22), 7)


@pytest.mark.parametrize("bad", ["", "SH01-261122", "SH01-261322-0001", "SH01-260230-0001",
                                 "SH01-261122-07", "SF1234567890123", "张三", "SH012611220007",
                                 "SH01--261122-0007", "SH01-261122-0007-1"])
def test_parse_refuses_what_is_not_a_case_number(bad: str) -> None:
    assert parse_case_no(bad) is None


def test_case_numbers_sort_by_date() -> None:
    days_and_seq = [
        (date(2027, 1, 1), 1), (date(2026, 12, 31), 9999), (date(2026, 11, 20), 2),
        (date(2026, 11, 20), 10), (date(2026, 2, 3), 500), (date(2026, 11, 21), 1),
    ]
    numbers = [format_case_no("SH01", d, s) for d, s in days_and_seq]
    assert sorted(numbers) == [format_case_no("SH01", d, s) for d, s in sorted(days_and_seq)]
    assert sorted(numbers)[0] == "SH01-260203-0500"
    assert sorted(numbers)[-1] == "SH01-270101-0001"


# ----------------------------------------------------------------- contacts

T0 = datetime(2026, 11, 20, 2, 0)


def attempt(minutes: int, party: ContactParty, outcome: ContactOutcome) -> Attempt:
    return Attempt(party, ContactChannel.PHONE, outcome, T0 + timedelta(minutes=minutes))


R, SND = ContactParty.RECIPIENT, ContactParty.SENDER
NO, OK = ContactOutcome.NO_ANSWER, ContactOutcome.REACHED


def test_no_attempts_no_suggestion() -> None:
    assert suggest_sender([]) is False


def test_one_failed_recipient_attempt_is_not_enough() -> None:
    assert suggest_sender([attempt(0, R, NO)]) is False


def test_two_failed_recipient_attempts_suggest_the_sender() -> None:
    attempts = [attempt(0, R, NO), attempt(30, R, ContactOutcome.SWITCHED_OFF)]
    assert failed_recipient_streak(attempts) == 2
    assert suggest_sender(attempts) is True


def test_order_of_logging_does_not_matter_only_time() -> None:
    assert suggest_sender([attempt(30, R, ContactOutcome.WRONG_NUMBER), attempt(0, R, NO)]) is True


def test_a_reached_recipient_resets_the_streak() -> None:
    attempts = [attempt(0, R, NO), attempt(10, R, OK), attempt(20, R, NO)]
    assert failed_recipient_streak(attempts) == 1
    assert suggest_sender(attempts) is False
    assert suggest_sender(attempts + [attempt(30, R, ContactOutcome.LEFT_MESSAGE)]) is True


def test_a_sender_contact_after_the_failures_clears_the_suggestion() -> None:
    attempts = [attempt(0, R, NO), attempt(10, R, NO), attempt(20, SND, OK)]
    assert suggest_sender(attempts) is False


def test_a_sender_contact_before_the_failures_does_not_count() -> None:
    attempts = [attempt(0, SND, OK), attempt(10, R, NO), attempt(20, R, NO)]
    assert suggest_sender(attempts) is True


def test_other_parties_do_not_break_the_streak() -> None:
    attempts = [attempt(0, R, NO), attempt(10, ContactParty.OUTLET, OK), attempt(20, R, NO)]
    assert suggest_sender(attempts) is True


def test_every_outcome_but_reached_is_a_failure() -> None:
    assert {o for o in ContactOutcome if o.failed} == set(ContactOutcome) - {ContactOutcome.REACHED}


# ----------------------------------------------------------------- kinds


def test_there_are_twenty_kinds_all_described() -> None:
    assert len(ProblemKind) == 20
    assert set(KIND_INFO) == set(ProblemKind)


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_kind_has_names_a_guide_and_a_resolution(kind: ProblemKind) -> None:
    assert kind.zh.strip() and kind.en.strip()
    assert kind.label("zh_CN") == kind.zh and kind.label("en") == kind.en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in kind.zh)
    assert kind.en.isascii()
    zh_guide, en_guide = kind.guide("zh_CN"), kind.guide("en")
    assert len(zh_guide) >= 10 and len(en_guide) >= 20
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh_guide)
    assert en_guide.isascii()
    assert len(resolutions_for(kind)) >= 1
    assert all(isinstance(r, ResolutionType) for r in resolutions_for(kind))
    assert len(set(resolutions_for(kind))) == len(resolutions_for(kind))


def test_kind_names_are_unique() -> None:
    assert len({k.zh for k in ProblemKind}) == 20
    assert len({k.en for k in ProblemKind}) == 20


def test_some_kinds_as_domain_md_describes_them() -> None:
    assert ProblemKind.LOST.zh == "遗失"
    assert resolutions_for(ProblemKind.LOST) == (ResolutionType.COMPENSATE, ResolutionType.RESEND)
    assert ProblemKind.SERVICE_COMPLAINT.info.is_complaint
    assert ProblemKind.FALSE_SIGN_FOR.info.is_complaint
    assert {k for k in ProblemKind if k.info.needs_written_confirmation} >= {
        ProblemKind.COD_CHANGE, ProblemKind.RETURN_RECEIPT}
    assert ResolutionType.CHANGE_TERMS in resolutions_for(ProblemKind.COD_CHANGE)
