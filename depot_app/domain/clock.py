"""Time: naive UTC in storage and rules, the depot's local time for people.

A ``Clock`` is passed to the services so tests can freeze or move time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Now as naive UTC, to the microsecond."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(moment: datetime, tz_name: str) -> datetime:
    """A naive-UTC moment as naive local time in ``tz_name``."""
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(tz_name)).replace(tzinfo=None)


def to_utc(local: datetime, tz_name: str) -> datetime:
    """A naive local time in ``tz_name`` as naive UTC."""
    return local.replace(tzinfo=ZoneInfo(tz_name)).astimezone(UTC).replace(tzinfo=None)


def local_date(moment: datetime, tz_name: str) -> date:
    """The depot's calendar day at a naive-UTC moment."""
    return to_local(moment, tz_name).date()


class Clock:
    """Source of 'now'; the real one reads the system clock."""

    def now(self) -> datetime:
        return utcnow()


class FixedClock(Clock):
    """A clock that stands still until moved (for tests and demo data)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        from datetime import timedelta
        self.moment += timedelta(**delta)
