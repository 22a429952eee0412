"""The manager's figures for a period, each beside the previous period's, from SQL aggregates.

Definitions (names and buckets in :mod:`depot_app.domain.dashboard`):

* opened: cases reported in the period; closed: cases whose status is closed
  and whose closed_at lies in the period (cancelled cases are not closed).
* open / overdue at the period's end ``T`` (now, if the period has not ended):
  reported before ``T`` and not closed or cancelled before ``T``; overdue when
  the resolution due time is past, or a complaint's first response is due and
  had no contact by then — the queue's "overdue" rule.
* on-time rate: of the cases reported in the period and not cancelled, those
  closed by their due time over those closed or past their due time.
* complaint response rate: complaints reported in the period (not cancelled)
  contacted by their first-response due time over those contacted or past it.
* medians over the cases reported in the period, in seconds.
* satisfaction: ratings of the cases closed in the period.
* compensation paid in the period (paid_at), and awaiting approval now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from depot_app.db.engine import Database
from depot_app.db.models import Compensation, ProblemCase
from depot_app.domain.clock import Clock, to_utc
from depot_app.domain.dashboard import AGE_BUCKET_HOURS, AGE_BUCKETS, FIGURES, Period, change
from depot_app.domain.permissions import Permission
from depot_app.domain.vocabulary import CaseStatus
from depot_app.services.authz import authorize
from depot_app.services.settings import read_setting

_CLOSED = CaseStatus.CLOSED.value
_CANCELLED = CaseStatus.CANCELLED.value


@dataclass(frozen=True)
class PeriodFigures:
    """Every figure of one period (None: nothing to measure)."""

    values: dict[str, float | None]
    age_buckets: dict[str, int]
    ratings: dict[int, int]
    opened_by_day: dict[str, int] = field(default_factory=dict)
    closed_by_day: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Dashboard:
    """A period's figures beside the previous period's."""

    period: Period
    current: PeriodFigures
    previous: PeriodFigures

    def as_json(self) -> dict[str, Any]:
        figures = {}
        for f in FIGURES:
            cur, prev = self.current.values[f.key], self.previous.values[f.key]
            figures[f.key] = {"label_zh": f.zh, "label_en": f.en, "value": cur, "previous": prev,
                              "change": change(cur, prev)}
        return {"from": self.period.first.isoformat(), "to": self.period.last.isoformat(),
                "figures": figures,
                "age_buckets": {"current": self.current.age_buckets, "previous": self.previous.age_buckets},
                "ratings": {"current": {str(k): v for k, v in self.current.ratings.items()},
                            "previous": {str(k): v for k, v in self.previous.ratings.items()}},
                "opened_by_day": self.current.opened_by_day, "closed_by_day": self.current.closed_by_day}


def _seconds(s: Session, later: Any, earlier: Any) -> Any:
    if s.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def _median(s: Session, expr: Any, where: list[ColumnElement[bool]]) -> float | None:
    n = int(s.scalar(select(func.count()).select_from(ProblemCase).where(*where)) or 0)
    if n == 0:
        return None
    values = [float(v) for v in s.scalars(select(expr).where(*where).order_by(expr)
                                          .offset((n - 1) // 2).limit(2 - n % 2))]
    return round(sum(values) / len(values), 1)


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def compute_period(s: Session, *, start: datetime, end: datetime, now: datetime) -> PeriodFigures:
    """The figures of ``[start, end)`` (naive UTC) as they stand at ``now``."""
    pc = ProblemCase
    at = min(now, end)
    reported = and_(pc.reported_at >= start, pc.reported_at < end)
    closed_in = and_(pc.status == _CLOSED, pc.closed_at >= start, pc.closed_at < end)
    cohort = s.execute(select(
        func.count(pc.id),
        func.count(case((and_(pc.status == _CLOSED, pc.closed_at <= pc.due_at), 1))),
        func.count(case((and_(pc.status != _CANCELLED, or_(
            and_(pc.status == _CLOSED, pc.closed_at > pc.due_at),
            and_(pc.status != _CLOSED, pc.due_at < now))), 1))),
        func.count(case((and_(pc.status != _CANCELLED, pc.first_response_due_at.is_not(None),
                              pc.first_contact_at <= pc.first_response_due_at), 1))),
        func.count(case((and_(pc.status != _CANCELLED, pc.first_response_due_at.is_not(None), or_(
            pc.first_contact_at > pc.first_response_due_at,
            and_(pc.first_contact_at.is_(None), pc.first_response_due_at < now))), 1))),
    ).where(reported)).one()
    opened, met, missed, c_met, c_missed = (int(v or 0) for v in cohort)
    closed_row = s.execute(select(func.count(pc.id), func.count(pc.satisfaction),
                                  func.avg(pc.satisfaction)).where(closed_in)).one()
    closed, rated = int(closed_row[0] or 0), int(closed_row[1] or 0)
    ratings = dict.fromkeys(range(1, 6), 0)
    for value, n in s.execute(select(pc.satisfaction, func.count(pc.id))
                              .where(closed_in, pc.satisfaction.is_not(None)).group_by(pc.satisfaction)):
        if value is not None:
            ratings[int(value)] = int(n)
    open_at = and_(pc.reported_at < at, or_(pc.closed_at.is_(None), pc.closed_at >= at))
    overdue_at = and_(open_at, or_(pc.due_at < at, and_(pc.first_response_due_at < at, or_(
        pc.first_contact_at.is_(None), pc.first_contact_at >= at))))
    bounds = [at - timedelta(hours=h) for h in AGE_BUCKET_HOURS]
    whens = [(pc.reported_at > b, key) for b, (key, _z, _e) in zip(bounds, AGE_BUCKETS, strict=False)]
    bucket = case(*whens, else_=AGE_BUCKETS[-1][0])
    buckets = {key: 0 for key, _z, _e in AGE_BUCKETS}
    for key, n in s.execute(select(bucket, func.count(pc.id)).where(open_at).group_by(bucket)):
        buckets[str(key)] = int(n)
    overdue = int(s.scalar(select(func.count(pc.id)).where(overdue_at)) or 0)
    paid = s.scalar(select(func.coalesce(func.sum(Compensation.amount), 0))
                    .where(Compensation.paid_at >= start, Compensation.paid_at < end))
    pending = int(s.scalar(select(func.count(Compensation.id)).join(pc, pc.id == Compensation.case_id)
                           .where(Compensation.approval_state == "pending",
                                  pc.status == CaseStatus.AWAITING_APPROVAL.value)) or 0)
    values: dict[str, float | None] = {
        "opened": opened, "closed": closed, "open_now": sum(buckets.values()), "overdue_now": overdue,
        "on_time_rate": _ratio(met, met + missed),
        "complaint_response_rate": _ratio(c_met, c_met + c_missed),
        "median_first_contact_s": _median(s, _seconds(s, pc.first_contact_at, pc.reported_at),
                                          [reported, pc.first_contact_at.is_not(None)]),
        "median_close_s": _median(s, _seconds(s, pc.closed_at, pc.reported_at),
                                  [reported, pc.status == _CLOSED, pc.closed_at.is_not(None)]),
        "average_rating": None if closed_row[2] is None else round(float(closed_row[2]), 2),
        "rated_share": _ratio(rated, closed),
        "compensation_paid": float(paid) if isinstance(paid, Decimal) else float(Decimal(int(paid or 0)) / 100),
        "awaiting_approval": pending,
    }
    return PeriodFigures(values=values, age_buckets=buckets, ratings=ratings)


class DashboardService:
    """Figures for the manager's dashboard and the ``report dashboard`` command."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def figures(self, *, period: Period, by: int) -> Dashboard:
        """The period's figures and the previous period's (needs a manager)."""
        now = self.clock.now()
        with self.db.read() as s:
            authorize(s, by, Permission.APPROVE_COMPENSATION)
            tz = read_setting(s, "timezone")

            def bounds(p: Period) -> tuple[datetime, datetime]:
                return (to_utc(datetime.combine(p.first, time()), tz),
                        to_utc(datetime.combine(p.last + timedelta(days=1), time()), tz))

            cur_start, cur_end = bounds(period)
            prev_start, prev_end = bounds(period.previous())
            current = compute_period(s, start=cur_start, end=cur_end, now=now)
            previous = compute_period(s, start=prev_start, end=prev_end, now=now)
        return Dashboard(period=period, current=current, previous=previous)
