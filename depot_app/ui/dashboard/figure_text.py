"""How the dashboard words its figures, periods and selections, in the screen's language."""

from __future__ import annotations

from datetime import date, timedelta

from depot_app.domain.dashboard import AGE_BUCKETS, DRILLS, Drill, Period
from depot_app.domain.identifiers import Carrier
from depot_app.domain.kinds import ProblemKind
from depot_app.ui.common.i18n import current_language, translate

#: Figures shown as a share (0..1) and as money.
RATES = frozenset({"on_time_rate", "complaint_response_rate", "rated_share"})
DURATIONS = frozenset({"median_first_contact_s", "median_close_s"})
MONEY = frozenset({"compensation_paid"})
VOLUME_FIGURES = frozenset({"parcel_volume", "case_rate_per_10k", "complaint_rate_per_10k"})
#: Figures where a rise is good news (green) or bad news (red); the rest are shown neutral.
GOOD_UP = frozenset({"closed", "on_time_rate", "complaint_response_rate", "average_rating", "rated_share"})
BAD_UP = frozenset({"open_now", "overdue_now", "median_first_contact_s", "median_close_s", "awaiting_approval",
                    "complaints", "case_rate_per_10k", "complaint_rate_per_10k"})

#: The queue selection behind each figure card.
CARD_DRILLS: dict[str, str] = {
    "opened": "opened", "closed": "closed", "open_now": "open_end", "overdue_now": "overdue_end",
    "on_time_rate": "late", "complaint_response_rate": "complaint_late", "average_rating": "rated",
    "rated_share": "rated", "compensation_paid": "paid", "awaiting_approval": "awaiting_approval",
    "complaints": "complaints", "case_rate_per_10k": "opened", "complaint_rate_per_10k": "complaints",
    "median_first_contact_s": "opened", "median_close_s": "closed",
}


def language_is_zh() -> bool:
    return current_language().startswith("zh")


def format_value(key: str, value: float | None) -> str:
    """A figure as the card shows it; "–" when there is nothing to measure."""
    if value is None:
        return "–"
    if key in RATES:
        return f"{value * 100:.1f}%"
    if key in DURATIONS:
        hours = value / 3600
        if hours < 48:
            return translate("DashboardWindow", "{0:.1f} h").format(hours)
        return translate("DashboardWindow", "{0:.1f} days").format(hours / 24)
    if key in MONEY:
        return f"¥{value:,.2f}"
    if key == "average_rating":
        return f"{value:.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def format_change(key: str, current: float | None, previous: float | None) -> tuple[str, str]:
    """The change against the previous period as text, and its colour name (good, bad, same, none)."""
    if current is None or previous is None:
        return "", "none"
    diff = current - previous
    if abs(diff) < 1e-9:
        return "＝", "same"
    arrow = "▲" if diff > 0 else "▼"
    if key in RATES:
        text = translate("DashboardWindow", "{0} {1:.1f} points").format(arrow, abs(diff) * 100)
    else:
        text = f"{arrow} {format_value(key, abs(diff))}"
    if key in GOOD_UP:
        tone = "good" if diff > 0 else "bad"
    elif key in BAD_UP:
        tone = "bad" if diff > 0 else "good"
    else:
        tone = "same"
    return text, tone


def period_text(period: Period) -> str:
    if period.first == period.last:
        return period.first.isoformat()
    return f"{period.first.isoformat()} – {period.last.isoformat()}"


def bucket_label(key: str) -> str:
    for k, zh, en in AGE_BUCKETS:
        if k == key:
            return zh if language_is_zh() else en
    return key


def kind_label(value: str) -> str:
    try:
        return ProblemKind(value).label(current_language())
    except ValueError:
        return value


def carrier_label(value: str) -> str:
    try:
        return Carrier(value).label(current_language())
    except ValueError:
        return value


def drill_text(drill: Drill, handler: str = "") -> str:
    """What the queue shows for ``drill``: the figure's words, the period and the narrowing parts."""
    zh, en = DRILLS[drill.what]
    parts = [zh if language_is_zh() else en, period_text(drill.period)]
    if drill.day is not None:
        parts.append(drill.day.isoformat())
    if drill.bucket is not None:
        parts.append(bucket_label(drill.bucket))
    if drill.kind is not None:
        parts.append(kind_label(drill.kind))
    if drill.assignee_id is not None:
        parts.append(handler or (translate("DashboardWindow", "Nobody") if drill.assignee_id == 0 else
                                 f"#{drill.assignee_id}"))
    if drill.carrier is not None:
        parts.append(carrier_label(drill.carrier))
    if drill.rating is not None:
        parts.append(f"{drill.rating}★")
    return " · ".join(parts)


def preset_period(preset: str, today: date) -> Period:
    """This week (Monday to today), this month (the 1st to today) or last month."""
    if preset == "week":
        return Period(today - timedelta(days=today.weekday()), today)
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    return Period(today.replace(day=1), today)
