"""Exact money in yuan and fen.

Every amount the desk handles (declared and insured values, freight,
compensation) is a :class:`~decimal.Decimal` with exactly two places. Floats
are refused outright: ``0.1 + 0.2`` is not ``0.3`` in binary floating point,
and a compensation slip that is off by a fen is a dispute.

Money here is never negative: the desk records amounts owed or paid, not
balances, so a minus sign is always a typing mistake.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from depot_app.domain.errors import MoneyError

#: One fen, the smallest unit; amounts are quantised to it.
CENT = Decimal("0.01")

# Either plain digits or correctly grouped thousands ("1,200"), then an
# optional fraction. A stray comma ("1,2,3") is more likely a typo than a
# thousands separator, so it is rejected rather than guessed at.
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_CURRENCY_PREFIXES = ("¥", "RMB", "CNY")
_CURRENCY_SUFFIXES = ("元",)


def to_money(value: Decimal | str | int, *, strict: bool = False) -> Decimal:
    """``value`` as an exact amount of yuan with two decimal places.

    Strings may carry a ``¥``/``￥`` sign, ``RMB``/``CNY`` or a trailing
    ``元``, thousands separators, surrounding blanks and full-width digits
    (``"１２．５０"``), as clerks paste them from waybills and chat apps.
    Extra places are rounded half-up to the fen, unless ``strict`` is true:
    then they are an error, because an entered ``12.345`` is a typo, not an
    amount to round.

    Raises :class:`TypeError` for floats (and anything else that is not a
    ``Decimal``, ``str`` or ``int``), and :class:`MoneyError` for negative,
    non-finite, non-numeric or (strict) over-precise amounts.
    """
    number = _as_decimal(value)
    if not number.is_finite():
        raise MoneyError(
            f"Amount {value} is not a finite number",
            f"金额 {value} 不是有效的数字",
        )
    if number < 0:
        raise MoneyError(
            f"Amount {_shown(value, number)} is negative; amounts of money cannot be below zero",
            f"金额 {_shown(value, number)} 为负数，金额不能小于零",
        )
    try:
        money = number.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        # Only an absurdly large figure overflows the 28-digit context.
        raise MoneyError(
            f"Amount {_shown(value, number)} is too large",
            f"金额 {_shown(value, number)} 过大",
        ) from None
    if strict and money != number:
        raise MoneyError(
            f"Amount {_shown(value, number)} has more than two decimal places",
            f"金额 {_shown(value, number)} 超过两位小数（最小单位为分）",
        )
    # ``Decimal("-0.00")`` compares equal to zero but prints with a sign.
    return money.copy_abs()


def fen(amount: Decimal | str | int) -> int:
    """``amount`` as a whole number of fen (``Decimal("12.34")`` → ``1234``).

    Strict: an amount with a fraction of a fen raises :class:`MoneyError`
    instead of being rounded, because this is how amounts are stored and a
    silent rounding there would never be noticed.
    """
    return int(to_money(amount, strict=True).scaleb(2))


def from_fen(count: int) -> Decimal:
    """A whole number of fen as yuan (``1234`` → ``Decimal("12.34")``)."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"from_fen() takes an int number of fen, not {type(count).__name__}")
    if count < 0:
        raise MoneyError(
            f"Amount of {count} fen is negative; amounts of money cannot be below zero",
            f"金额 {count} 分为负数，金额不能小于零",
        )
    return Decimal(count).scaleb(-2)


def format_yuan(amount: Decimal | str | int) -> str:
    """``amount`` for people to read: ``"¥1,234.50"`` (rounded half-up to the fen)."""
    return f"¥{to_money(amount):,.2f}"


def _as_decimal(value: object) -> Decimal:
    # ``bool`` is an ``int`` subclass; ``True`` as one yuan is never intended.
    if isinstance(value, float) or isinstance(value, bool):
        raise TypeError(
            f"money must be a Decimal, str or int, not {type(value).__name__}; "
            "floats cannot hold yuan and fen exactly"
        )
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return _parse(value)
    raise TypeError(f"money must be a Decimal, str or int, not {type(value).__name__}")


def _parse(text: str) -> Decimal:
    # NFKC folds full-width digits, "．", "，" and "￥" into their ASCII forms.
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        raise MoneyError("Enter an amount, e.g. 12.50", "请输入金额，例如 12.50")
    for prefix in _CURRENCY_PREFIXES:
        if cleaned.upper().startswith(prefix):
            cleaned = cleaned[len(prefix):].strip()
            break
    for suffix in _CURRENCY_SUFFIXES:
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if not _NUMBER.match(cleaned) or not any(ch.isdigit() for ch in cleaned):
        raise MoneyError(
            f"'{text.strip()}' is not an amount of money; enter a number such as 12.50",
            f"“{text.strip()}”不是有效金额，请输入数字，例如 12.50",
        )
    return Decimal(cleaned.replace(",", ""))


def _shown(value: object, number: Decimal) -> str:
    # Echo what the clerk typed, so the message points at their input.
    return value.strip() if isinstance(value, str) else str(number)
