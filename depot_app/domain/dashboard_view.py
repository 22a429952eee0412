"""The dashboard as plain data for its exports, and how its figures are worded in either language.

:class:`DashboardView` is what the one-page PDF is drawn from (built by
:mod:`depot_app.services.dashboard_export` from the dashboard service's
result). The short age-bucket words, the breakdown column words, the bar
slots of the opened/closed chart and the figures' formats are defined here
once, for the screen and the PDF alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from depot_app.domain.dashboard import AGE_BUCKETS, FIGURES, Period

#: Short age-bucket words for chart axes, where the full words of AGE_BUCKETS do not fit under a bar
#: (no leading "<": Qt's axis labels would take it for markup and show nothing).
AGE_BUCKET_SHORT: dict[str, tuple[str, str]] = {
    "lt_1d": ("0–1天", "0–1 d"),
    "1_3d": ("1–3天", "1–3 d"),
    "3_7d": ("3–7天", "3–7 d"),
    "7_15d": ("7–15天", "7–15 d"),
    "gt_15d": (">15天", ">15 d"),
}

#: The columns of a breakdown table with their short words (Chinese, English).
BREAKDOWN_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("opened", "登记", "Opened"),
    ("closed", "结案", "Closed"),
    ("open_end", "期末未结", "Open"),
    ("overdue_end", "超时", "Overdue"),
)

#: The breakdowns with their titles (Chinese, English).
BREAKDOWN_TITLES: tuple[tuple[str, str, str], ...] = (
    ("kind", "按问题类型", "By kind"),
    ("handler", "按处理人", "By handler"),
    ("carrier", "按快递公司", "By carrier"),
)

#: Figures shown as a share (0..1), as a duration in seconds, as money, and those that need the parcel volume.
RATES = frozenset({"on_time_rate", "complaint_response_rate", "rated_share"})
DURATIONS = frozenset({"median_first_contact_s", "median_close_s"})
MONEY = frozenset({"compensation_paid"})
VOLUME_FIGURES = frozenset({"parcel_volume", "case_rate_per_10k", "complaint_rate_per_10k"})

#: Longer periods are drawn per week (Monday to Sunday, cut to the period).
WEEKLY_AFTER_DAYS = 45


def age_bucket_short(key: str, language: str = "zh_CN") -> str:
    """The short word of an age bucket (for a chart axis)."""
    zh, en = AGE_BUCKET_SHORT.get(key, (key, key))
    return zh if language.startswith("zh") else en


def age_bucket_label(key: str, language: str = "zh_CN") -> str:
    """The full word of an age bucket."""
    for k, zh, en in AGE_BUCKETS:
        if k == key:
            return zh if language.startswith("zh") else en
    return key


def series_slots(period: Period) -> list[Period]:
    """The bars of the opened/closed chart: one per day, or one per week for long periods."""
    if period.days <= WEEKLY_AFTER_DAYS:
        return [Period(period.first + timedelta(days=i), period.first + timedelta(days=i))
                for i in range(period.days)]
    slots: list[Period] = []
    start = period.first
    while start <= period.last:
        end = min(start + timedelta(days=6 - start.weekday()), period.last)
        slots.append(Period(start, end))
        start = end + timedelta(days=1)
    return slots


def slot_sum(by_day: dict[str, int], slot: Period) -> int:
    """The count of a slot's days in a per-day series."""
    return sum(by_day.get((slot.first + timedelta(days=i)).isoformat(), 0) for i in range(slot.days))


def format_figure(key: str, value: float | None, language: str = "zh_CN") -> str:
    """A figure as reports print it; "–" when there is nothing to measure."""
    zh = language.startswith("zh")
    if value is None:
        return "–"
    if key in RATES:
        return f"{value * 100:.1f}%"
    if key in DURATIONS:
        hours = value / 3600
        if hours < 48:
            return f"{hours:.1f} 小时" if zh else f"{hours:.1f} h"
        return f"{hours / 24:.1f} 天" if zh else f"{hours / 24:.1f} days"
    if key in MONEY:
        return f"¥{value:,.2f}"
    if key == "average_rating":
        return f"{value:.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def format_change(key: str, current: float | None, previous: float | None, language: str = "zh_CN") -> str:
    """The change against the previous period ("▲ 12", "▼ 3.5 个百分点"); empty when either is missing."""
    if current is None or previous is None:
        return ""
    diff = current - previous
    if abs(diff) < 1e-9:
        return "＝"
    arrow = "▲" if diff > 0 else "▼"
    if key in RATES:
        points = abs(diff) * 100
        return f"{arrow} {points:.1f} 个百分点" if language.startswith("zh") else f"{arrow} {points:.1f} points"
    return f"{arrow} {format_figure(key, abs(diff), language)}"


@dataclass(frozen=True)
class FigureLine:
    """One headline figure of the period beside the previous period's."""

    key: str
    current: float | None
    previous: float | None
    #: The figure needs the parcel volume and some day of that period has none.
    current_missing: bool = False
    previous_missing: bool = False

    def label(self, language: str = "zh_CN") -> str:
        for figure in FIGURES:
            if figure.key == self.key:
                return figure.label(language)
        return self.key


@dataclass(frozen=True)
class GroupLine:
    """One row of a breakdown: a kind, a handler or a carrier (the dashboard's, its screen's and its PDF's)."""

    key: str
    """Kind value, operator id as text ("0": nobody), or carrier code."""
    label: str
    """The handler's name; kinds and carriers are labelled by the screen or the report in its language."""
    opened: int = 0
    closed: int = 0
    open_end: int = 0
    overdue_end: int = 0


@dataclass(frozen=True)
class DashboardView:
    """Everything the dashboard PDF shows, as plain data."""

    period: Period
    previous_period: Period
    figures: tuple[FigureLine, ...]
    #: (day, opened, closed) per day of the period, in order.
    days: tuple[tuple[str, int, int], ...]
    #: (bucket key, open cases) youngest first.
    age_buckets: tuple[tuple[str, int], ...]
    #: (stars, ratings) for 1 to 5 stars.
    ratings: tuple[tuple[int, int], ...]
    #: (breakdown name, rows busiest first) for "kind", "handler" and "carrier".
    breakdowns: tuple[tuple[str, tuple[GroupLine, ...]], ...]
    volume_missing_days: int = 0
    previous_volume_missing_days: int = 0

    def figure(self, key: str) -> FigureLine:
        return next(f for f in self.figures if f.key == key)

    def rows(self, name: str) -> tuple[GroupLine, ...]:
        return next((rows for n, rows in self.breakdowns if n == name), ())
