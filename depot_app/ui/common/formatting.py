"""How times, money and weights look on screen, in the interface language."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from depot_app.domain.clock import to_local
from depot_app.domain.deadlines import format_countdown
from depot_app.domain.money import format_yuan
from depot_app.ui.common.i18n import current_language

_timezone = "Asia/Shanghai"


def set_timezone(tz_name: str) -> None:
    """The depot's time zone, used for every time shown."""
    global _timezone
    _timezone = tz_name


def depot_timezone() -> str:
    """The depot's time zone name the screens use."""
    return _timezone


def local(moment: datetime) -> datetime:
    return to_local(moment, _timezone)


def format_local(moment: datetime | None, *, short: bool = False) -> str:
    """A naive-UTC moment as the depot's local time: ``2026-11-20 10:05``."""
    if moment is None:
        return "—"
    value = local(moment)
    return value.strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M")


def format_age(delta: timedelta) -> str:
    """How long ago, compactly: ``2天3小时`` / ``2d 3h``."""
    return format_countdown(max(delta, timedelta(0)), current_language())


def format_money(amount: Decimal | None) -> str:
    return "—" if amount is None else format_yuan(amount)


def format_weight(grams: int | None) -> str:
    if grams is None:
        return "—"
    return f"{Decimal(grams) / 1000:.3f}".rstrip("0").rstrip(".") + " kg"


def money_input_text(value: Decimal | None) -> str:
    """An amount as it goes into an edit box: ``"1200.50"``, empty for none."""
    if value is None:
        return ""
    try:
        return f"{Decimal(value):.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


def kg_input_text(grams: int | None) -> str:
    """A weight in grams as kilograms in an edit box: ``"1.25"``, empty for none."""
    if grams is None:
        return ""
    return f"{Decimal(grams) / 1000:.3f}".rstrip("0").rstrip(".")
