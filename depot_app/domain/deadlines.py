"""Due times of a case and how close they are: resolution, first response, treat-as-lost.

All datetimes in this app are *naive* and mean UTC: the database stores them
so, and only the UI converts to the depot's local time (China Standard Time)
for display. Working in UTC keeps the arithmetic free of offsets and daylight
saving; the functions here refuse aware datetimes rather than silently mixing
the two conventions.

Nothing computed here is stored: the due state is derived from the due time
and "now" every time it is shown, so it can never go stale.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from depot_app.domain.errors import ConfigurationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Priority, ShipmentScope

_MINUTE_US = 60 * 1_000_000


class DueState(StrEnum):
    """How a due time stands right now; derived, never stored."""

    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"

    @property
    def zh(self) -> str:
        """The Chinese name."""
        return _DUE_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English name."""
        return _DUE_LABELS[self][1]

    def label(self, language: str = "zh_CN") -> str:
        """The name to show in ``language`` (``zh_CN`` or ``en``)."""
        return self.zh if language.startswith("zh") else self.en


_DUE_LABELS: dict[DueState, tuple[str, str]] = {
    DueState.OK: ("正常", "On track"),
    DueState.DUE_SOON: ("即将到期", "Due soon"),
    DueState.OVERDUE: ("已超时", "Overdue"),
    DueState.DONE: ("已完成", "Done"),
}


def resolution_due(
    reported_at: datetime, kind: ProblemKind, priority: Priority, policy: Policy
) -> datetime:
    """When a case reported at ``reported_at`` must be resolved.

    The kind's hours times the priority's factor (urgent 0.25 × 72 h = 18 h),
    computed in Decimal and rounded half-up to the whole minute, so a factor
    such as 1.5 never picks up float error.
    """
    _require_naive(reported_at, "reported_at")
    try:
        hours = Decimal(policy.resolution_hours[kind])
    except KeyError:
        raise ConfigurationError(
            f"The policy has no resolution time for the kind '{kind.en}'",
            f"网点政策中缺少“{kind.zh}”的处理时限",
        ) from None
    try:
        factor = policy.priority_factors[priority]
    except KeyError:
        raise ConfigurationError(
            f"The policy has no factor for the priority '{priority.en}'",
            f"网点政策中缺少“{priority.zh}”优先级的系数",
        ) from None
    minutes = (hours * Decimal(factor) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return reported_at + timedelta(minutes=int(minutes))


def first_response_due(
    reported_at: datetime, kind: ProblemKind, policy: Policy
) -> datetime | None:
    """When a complaint must get its first response; ``None`` for kinds that are not complaints."""
    _require_naive(reported_at, "reported_at")
    if not kind.info.is_complaint:
        return None
    return reported_at + timedelta(hours=policy.complaint_first_response_hours)


def due_state(
    due_at: datetime,
    now: datetime,
    *,
    started_at: datetime,
    closed: bool,
    policy: Policy,
) -> DueState:
    """Where a due time stands at ``now``.

    ``DONE`` once closed. ``OVERDUE`` only once ``now`` is past ``due_at``:
    "within 24 hours" includes the 24th hour, so at the exact due time the
    case is still due soon, not late. ``DUE_SOON`` when less than
    ``policy.due_soon_hours`` remain, or less than ``policy.due_soon_fraction``
    of the whole window from ``started_at`` to ``due_at`` — whichever comes
    first, so short windows still warn early and long ones warn in time.
    """
    _require_naive(due_at, "due_at")
    _require_naive(now, "now")
    _require_naive(started_at, "started_at")
    if closed:
        return DueState.DONE
    left = due_at - now
    if left < timedelta(0):
        return DueState.OVERDUE
    if left < timedelta(hours=policy.due_soon_hours):
        return DueState.DUE_SOON
    # Compared in whole microseconds and Decimal so the boundary is exact.
    window_us = Decimal((due_at - started_at) // timedelta(microseconds=1))
    left_us = Decimal(left // timedelta(microseconds=1))
    if left_us < window_us * Decimal(policy.due_soon_fraction):
        return DueState.DUE_SOON
    return DueState.OK


def remaining(due_at: datetime, now: datetime) -> timedelta:
    """Time left until ``due_at``; negative once it has passed."""
    _require_naive(due_at, "due_at")
    _require_naive(now, "now")
    return due_at - now


def format_countdown(delta: timedelta, language: str = "zh_CN") -> str:
    """A countdown for a list column: ``"2天3小时"``/``"2d 3h"``, ``"45分钟"``/``"45m"``,
    and for a negative delta ``"超时 5小时"``/``"overdue 5h"``.

    Shows the two largest units (days and hours, or hours and minutes),
    leaving out a zero second unit. Time left is rounded down and time
    overdue rounded up to the minute, so the desk never sees more time than
    it has, nor "overdue 0m".
    """
    zh = language.startswith("zh")
    micros = delta // timedelta(microseconds=1)
    overdue = micros < 0
    if overdue:
        minutes = -(micros // _MINUTE_US)  # ceiling of the time overdue
    else:
        minutes = micros // _MINUTE_US
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    units = ("天", "小时", "分钟") if zh else ("d", "h", "m")
    if days:
        parts = [(days, units[0]), (hours, units[1])]
    elif hours:
        parts = [(hours, units[1]), (mins, units[2])]
    else:
        parts = [(mins, units[2])]
    shown = [f"{n}{unit}" for i, (n, unit) in enumerate(parts) if n or i == 0]
    text = ("" if zh else " ").join(shown)
    if overdue:
        return f"超时 {text}" if zh else f"overdue {text}"
    return text


def lost_on(last_scan_at: datetime, scope: ShipmentScope, policy: Policy) -> datetime:
    """The moment a parcel last scanned at ``last_scan_at`` counts as lost (彻底延误).

    The limit is N calendar days (``policy.lost_after_days[scope]``). We take
    it as "day D + N at the same time of day" — i.e. exactly N × 24 hours
    after the last scan — rather than "from midnight of day D + N": counting
    from midnight would make a parcel scanned at 23:59 lost almost a day
    earlier than one scanned at 00:01 on the same day, and which midnight
    (UTC or Beijing) would itself be a choice. In UTC a calendar day is
    always 24 hours, so the two readings agree on the number of days.
    """
    _require_naive(last_scan_at, "last_scan_at")
    try:
        days = policy.lost_after_days[scope]
    except KeyError:
        raise ConfigurationError(
            f"The policy has no treat-as-lost limit for '{scope.en}' shipments",
            f"网点政策中缺少“{scope.zh}”快件的彻底延误期限",
        ) from None
    return last_scan_at + timedelta(days=days)


def treat_as_lost(
    last_scan_at: datetime, now: datetime, scope: ShipmentScope, policy: Policy
) -> bool:
    """True once a parcel without a scan since ``last_scan_at`` counts as lost at ``now``
    (on or after :func:`lost_on`)."""
    _require_naive(now, "now")
    return now >= lost_on(last_scan_at, scope, policy)


def _require_naive(value: datetime, name: str) -> None:
    # An aware datetime here means a caller skipped the UTC conversion;
    # failing loudly beats a deadline off by eight hours.
    if value.tzinfo is not None and value.utcoffset() is not None:
        raise ValueError(f"{name} must be a naive UTC datetime, got one with tzinfo {value.tzinfo}")
