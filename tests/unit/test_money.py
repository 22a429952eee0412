"""Exact money: parsing, rounding, fen conversion and display."""

from __future__ import annotations

from decimal import Decimal

import pytest

from depot_app.domain.errors import MoneyError, ValidationError
from depot_app.domain.money import fen, format_yuan, from_fen, to_money


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("¥12.00", "12.00"),
        ("￥12.00", "12.00"),
        ("12", "12.00"),
        ("12.5", "12.50"),
        (" 1,200.00 ", "1200.00"),
        ("1,234,567.89", "1234567.89"),
        ("１２．５０", "12.50"),  # full-width digits and point
        ("￥１，２００", "1200.00"),
        ("12.5元", "12.50"),
        ("RMB 8", "8.00"),
        (".5", "0.50"),
        ("0", "0.00"),
        (12, "12.00"),
        (0, "0.00"),
        (Decimal("7.1"), "7.10"),
    ],
)
def test_to_money_accepts_what_clerks_type(raw: Decimal | str | int, expected: str) -> None:
    result = to_money(raw)
    assert result == Decimal(expected)
    assert str(result) == expected  # exactly two places, no exponent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.345", "12.35"),  # half-up, not banker's rounding
        ("12.344", "12.34"),
        ("0.005", "0.01"),
        ("2.675", "2.68"),  # 2.675 is 2.67499… as a float; Decimal keeps it exact
        (Decimal("0.125"), "0.13"),
    ],
)
def test_to_money_rounds_half_up_to_the_fen(raw: Decimal | str, expected: str) -> None:
    assert str(to_money(raw)) == expected


def test_strict_rejects_more_than_two_places_with_a_clear_message() -> None:
    with pytest.raises(MoneyError) as caught:
        to_money("12.345", strict=True)
    assert str(caught.value) == "Amount 12.345 has more than two decimal places"
    assert "两位小数" in caught.value.text("zh_CN")
    assert isinstance(caught.value, ValidationError)


def test_strict_accepts_trailing_zeros() -> None:
    assert to_money("12.3400", strict=True) == Decimal("12.34")


@pytest.mark.parametrize("raw", ["-1", "-0.01", Decimal("-5"), -3, "¥-12.00"])
def test_negative_amounts_are_refused(raw: Decimal | str | int) -> None:
    with pytest.raises(MoneyError) as caught:
        to_money(raw)
    assert "negative" in caught.value.en
    assert "负数" in caught.value.zh


def test_negative_zero_is_plain_zero() -> None:
    assert str(to_money(Decimal("-0"))) == "0.00"


@pytest.mark.parametrize("raw", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")])
def test_non_finite_decimals_are_refused(raw: Decimal) -> None:
    with pytest.raises(MoneyError, match="not a finite number"):
        to_money(raw)


@pytest.mark.parametrize(
    "raw", ["abc", "12abc", "1,2,3", "12.5.0", "NaN", "inf", "1e3", "¥", ".", "--1", "12 50"]
)
def test_non_numeric_strings_are_refused(raw: str) -> None:
    with pytest.raises(MoneyError) as caught:
        to_money(raw)
    assert "not an amount of money" in caught.value.en
    assert "不是有效金额" in caught.value.zh


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_asks_for_an_amount(raw: str) -> None:
    with pytest.raises(MoneyError, match="Enter an amount"):
        to_money(raw)


def test_huge_amount_is_an_error_not_a_crash() -> None:
    with pytest.raises(MoneyError, match="too large"):
        to_money(Decimal("1E+40"))


@pytest.mark.parametrize("raw", [12.5, 0.0, True])
def test_float_and_bool_are_type_errors(raw: object) -> None:
    with pytest.raises(TypeError):
        to_money(raw)  # type: ignore[arg-type]


def test_fen_round_trip() -> None:
    assert fen(Decimal("12.34")) == 1234
    assert fen("¥1,200.05") == 120005
    assert fen(0) == 0
    assert from_fen(1234) == Decimal("12.34")
    assert str(from_fen(5)) == "0.05"
    assert str(from_fen(0)) == "0.00"
    for count in (0, 1, 99, 100, 123456789):
        assert fen(from_fen(count)) == count


def test_fen_refuses_fractions_of_a_fen() -> None:
    with pytest.raises(MoneyError, match="more than two decimal places"):
        fen(Decimal("0.005"))


def test_from_fen_refuses_negative_and_non_int() -> None:
    with pytest.raises(MoneyError):
        from_fen(-1)
    with pytest.raises(TypeError):
        from_fen(12.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        from_fen(True)
    with pytest.raises(TypeError):
        fen(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234.5"), "¥1,234.50"),
        (Decimal("0"), "¥0.00"),
        (Decimal("36"), "¥36.00"),
        ("1234567.891", "¥1,234,567.89"),
        (999, "¥999.00"),
    ],
)
def test_format_yuan(amount: Decimal | str | int, shown: str) -> None:
    assert format_yuan(amount) == shown
