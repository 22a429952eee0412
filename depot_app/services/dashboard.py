"""The manager's figures for a period, each beside the previous period's, from SQL aggregates.

Definitions (names and buckets in :mod:`depot_app.domain.dashboard`); each is
one SQL condition below, used both to count a figure and to show its cases in
the queue (:func:`drill_conditions`), so the two always agree.

* opened: cases reported in the period; closed: cases whose status is closed
  and whose closed_at lies in the period (cancelled cases are not closed).
* open / overdue at the period's end ``T`` (now, if the period has not ended):
  reported before ``T``, and open now or closed (or cancelled) at ``T`` or
  later; overdue when the resolution due time is past at ``T``, or a
  complaint's first response was due before ``T`` and had no contact by then —
  the queue's "overdue" rule. A case closed before ``T`` and reopened since
  counts as open at ``T``: the case row keeps only its latest closing.
* on-time rate: of the cases reported in the period and not cancelled, those
  closed by their due time over those closed or past their due time.
* complaint response rate: complaints reported in the period (not cancelled)
  contacted by their first-response due time over those contacted or past it.
* complaints: cases of a complaint kind reported in the period.
* medians over the cases reported in the period, in seconds.
* satisfaction: ratings of the cases closed in the period.
* compensation paid in the period (paid_at), and awaiting approval now.
* rates per 10,000 parcels: opened and complaints over the depot's parcel
  volume, only when the volume of every day of the period is known.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Integer, and_, case, exists, func, or_, select, values
from sqlalchemy import column as sa_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.visitors import InternalTraversal

from depot_app.db.engine import Database
from depot_app.db.models import Compensation, Operator, ParcelVolume, ProblemCase, Resolution
from depot_app.domain.clock import Clock, to_utc
from depot_app.domain.dashboard import (
    AGE_BUCKET_HOURS,
    AGE_BUCKETS,
    FIGURES,
    Drill,
    Period,
    PeriodFigures,
    change,
    per_10k,
)
from depot_app.domain.dashboard_view import GroupLine
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.permissions import Permission
from depot_app.domain.vocabulary import CaseStatus, ResolutionState
from depot_app.services.authz import authorize
from depot_app.services.settings import read_setting

_CLOSED = CaseStatus.CLOSED.value
_CANCELLED = CaseStatus.CANCELLED.value
_COMPLAINT_KINDS = tuple(k.value for k in ProblemKind if k.info.is_complaint)
_DEAD_RESOLUTIONS = (ResolutionState.SUPERSEDED.value, ResolutionState.REJECTED.value)
pc = ProblemCase


# ------------------------------------------------------------ the conditions
def reported_in(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(pc.reported_at >= start, pc.reported_at < end)


def closed_in(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(pc.status == _CLOSED, pc.closed_at >= start, pc.closed_at < end)


def open_at(at: datetime) -> ColumnElement[bool]:
    # Open now, or closed (or cancelled) at T or later: written as an OR of two
    # conjunctions so each side is read off its own index (is_open; status and
    # closed_at) instead of every case reported before T.
    return or_(and_(pc.is_open.is_(True), pc.reported_at < at),
               and_(pc.status.in_((_CLOSED, _CANCELLED)), pc.closed_at >= at, pc.reported_at < at))


class _Unindexed(ColumnElement[Any]):
    """A text column as an expression no index serves (same value, both databases).

    For a condition that narrows little, so SQLite reads the selective one's
    index instead (it has no statistics on how the cases spread). SQLite
    writes it ``+column``, which copies nothing: ``column || ''`` made a new
    string per case, and the allocations of two dashboard parts read at once
    queued on SQLite's one memory lock (each such statement ran slower side
    by side than one after the other).
    """

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(_Unindexed)
def _unindexed_sql(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.column, **kw)} || '')"


@compiles(_Unindexed, "sqlite")
def _unindexed_sqlite(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.column, **kw)}"


def _closed_in_off_figures(start: datetime, end: datetime) -> ColumnElement[bool]:
    """:func:`closed_in` with the status read off the closed_at figure index, which holds every column
    counted over those cases, rather than the (status, closed_at) index that would need each case's row."""
    return and_(_Unindexed(pc.status) == _CLOSED, pc.closed_at >= start, pc.closed_at < end)


def _open_at_rows(at: datetime, *columns: Any) -> Any:
    """``columns`` of the cases open at ``at`` (:func:`open_at`), as a subquery.

    Its two sides are read off their own covering indexes and put together
    with UNION ALL (they never overlap: a case open now is not closed or
    cancelled), so no case's table row is visited.
    """
    now_open = select(*columns).where(pc.is_open.is_(True), pc.reported_at < at)
    closed_since = select(*columns).where(pc.is_open.is_not(True), _Unindexed(pc.status).in_((_CLOSED, _CANCELLED)),
                                          pc.closed_at >= at, pc.reported_at < at)
    return now_open.union_all(closed_since).subquery("open_at")


def _overdue_when(at: datetime, t: Any) -> ColumnElement[bool]:
    """:func:`overdue_at`'s deadline part on the columns of an :func:`_open_at_rows` subquery."""
    return or_(t.c.due_at < at, and_(t.c.first_response_due_at < at, or_(
        t.c.first_contact_at.is_(None), t.c.first_contact_at >= at)))


def overdue_at(at: datetime) -> ColumnElement[bool]:
    return and_(open_at(at), or_(pc.due_at < at, and_(pc.first_response_due_at < at, or_(
        pc.first_contact_at.is_(None), pc.first_contact_at >= at))))


def _met() -> ColumnElement[bool]:
    return and_(pc.status == _CLOSED, pc.closed_at <= pc.due_at)


def late(now: datetime) -> ColumnElement[bool]:
    """Past its due time unresolved, or closed after it (cancelled cases aside)."""
    return and_(pc.status != _CANCELLED, or_(and_(pc.status == _CLOSED, pc.closed_at > pc.due_at),
                                             and_(pc.status != _CLOSED, pc.due_at < now)))


def _complaint_met() -> ColumnElement[bool]:
    return and_(pc.status != _CANCELLED, pc.first_response_due_at.is_not(None),
                pc.first_contact_at <= pc.first_response_due_at)


def complaint_late(now: datetime) -> ColumnElement[bool]:
    return and_(pc.status != _CANCELLED, pc.first_response_due_at.is_not(None), or_(
        pc.first_contact_at > pc.first_response_due_at,
        and_(pc.first_contact_at.is_(None), pc.first_response_due_at < now)))


def is_complaint() -> ColumnElement[bool]:
    return pc.kind.in_(_COMPLAINT_KINDS)


def paid_in(start: datetime, end: datetime) -> ColumnElement[bool]:
    return exists().where(Compensation.case_id == pc.id, Compensation.paid_at >= start, Compensation.paid_at < end)


def live_resolutions(cases: ColumnElement[bool]) -> Any:
    """The live resolution (the latest not superseded or rejected) of each case matching ``cases``.

    A subquery of ``case_id`` and ``rid``; its compensations are the period's
    compensation figures and the monthly workbook's ledger lines.
    """
    return (select(Resolution.case_id.label("case_id"), func.max(Resolution.id).label("rid"))
            .where(Resolution.state.not_in(_DEAD_RESOLUTIONS),
                   Resolution.case_id.in_(select(pc.id).where(cases)))
            .group_by(Resolution.case_id)
            .subquery("live"))


def _pending_due(now: datetime) -> ColumnElement[bool]:
    """Neither closed nor cancelled, and its due time not yet past."""
    return and_(pc.status.not_in((_CLOSED, _CANCELLED)), pc.due_at >= now)


def awaiting_approval() -> ColumnElement[bool]:
    return and_(pc.status == CaseStatus.AWAITING_APPROVAL.value,
                exists().where(Compensation.case_id == pc.id, Compensation.approval_state == "pending"))


def age_between(at: datetime, bucket: str) -> ColumnElement[bool]:
    """Open cases of one age bucket at ``at``: reported within the bucket's hours before it."""
    keys = [k for k, _z, _e in AGE_BUCKETS]
    i = keys.index(bucket)
    conds = []
    if i > 0:
        conds.append(pc.reported_at <= at - timedelta(hours=AGE_BUCKET_HOURS[i - 1]))
    if i < len(AGE_BUCKET_HOURS):
        conds.append(pc.reported_at > at - timedelta(hours=AGE_BUCKET_HOURS[i]))
    return and_(*conds)


def _carrier_is(carrier: str) -> ColumnElement[bool]:
    return pc.carrier == carrier


def period_bounds(period: Period, tz: str) -> tuple[datetime, datetime]:
    """The period's first and after-last instants, naive UTC."""
    return (to_utc(datetime.combine(period.first, time()), tz),
            to_utc(datetime.combine(period.last + timedelta(days=1), time()), tz))


def drill_conditions(s: Session, drill: Drill, now: datetime) -> list[ColumnElement[bool]]:
    """The WHERE clause of the cases behind one dashboard figure (the queue shows them)."""
    tz = read_setting(s, "timezone")
    start, end = period_bounds(drill.period, tz)
    if drill.day is not None:
        start, end = period_bounds(Period(drill.day, drill.day), tz)
    at = min(now, period_bounds(drill.period, tz)[1])
    where: list[ColumnElement[bool]] = {
        "opened": lambda: [reported_in(start, end)],
        "closed": lambda: [closed_in(start, end)],
        "open_end": lambda: [open_at(at)],
        "overdue_end": lambda: [overdue_at(at)],
        "late": lambda: [reported_in(start, end), late(now)],
        "complaint_late": lambda: [reported_in(start, end), complaint_late(now)],
        "complaints": lambda: [reported_in(start, end), is_complaint()],
        "rated": lambda: [closed_in(start, end), pc.satisfaction.is_not(None)],
        "paid": lambda: [paid_in(start, end)],
        "awaiting_approval": lambda: [awaiting_approval()],
    }[drill.what]()
    if drill.bucket is not None:
        where.append(age_between(at, drill.bucket))
    if drill.kind is not None:
        where.append(pc.kind == drill.kind)
    if drill.assignee_id is not None:
        where.append(pc.assignee_id.is_(None) if drill.assignee_id == 0 else pc.assignee_id == drill.assignee_id)
    if drill.carrier is not None:
        where.append(_carrier_is(drill.carrier))
    if drill.rating is not None:
        where.append(pc.satisfaction == drill.rating)
    return where


# --------------------------------------------------------------- the figures
#: One group of a breakdown table (a kind, a handler or a carrier): the screen and the PDF share the row.
BreakdownRow = GroupLine


@dataclass(frozen=True)
class Dashboard:
    """A period's figures beside the previous period's, and the period's breakdowns."""

    period: Period
    current: PeriodFigures
    previous: PeriodFigures
    breakdowns: dict[str, tuple[BreakdownRow, ...]] = field(default_factory=dict)
    """"kind", "handler" and "carrier", each group with cases, busiest first."""

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
                "opened_by_day": self.current.opened_by_day, "closed_by_day": self.current.closed_by_day,
                "volume_missing_days": {"current": self.current.volume_missing_days,
                                        "previous": self.previous.volume_missing_days},
                "breakdowns": {name: [{"key": r.key, "label": r.label, "opened": r.opened, "closed": r.closed,
                                       "open_end": r.open_end, "overdue_end": r.overdue_end} for r in rows]
                               for name, rows in self.breakdowns.items()}}


def _hour(s: Session, column: Any) -> Any:
    if s.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM-DD HH24")
    return func.strftime("%Y-%m-%d %H", column)


def _median(s: Session, x: Any, where: list[ColumnElement[bool]], n: int) -> float | None:
    """The median of the duration column ``x`` over the ``n`` cases matching ``where``: the middle one or two
    values only, the durations read off the reported-in-period index (migration 0013)."""
    if n == 0:
        return None
    values = [float(v) for v in s.scalars(select(x).where(*where, x.is_not(None)).order_by(x)
                                          .offset((n - 1) // 2).limit(2 - n % 2))]
    return round(sum(values) / len(values), 1) if values else None


def _yuan(total: Any) -> float:
    """A sum of a money column in yuan (SQLite may hand back the stored fen)."""
    if total is None:
        return 0.0
    return float(total) if isinstance(total, Decimal) else float(Decimal(int(total)) / 100)


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def _by_day(s: Session, column: Any, period: Period, tz: str, *where: ColumnElement[bool]) -> dict[str, int]:
    """Counts per depot-local day: one range count per day off ``column``'s index, in one statement.

    The days' bounds (local midnights in UTC) are a VALUES list; each day's
    count is a correlated count of the index range, so no case is sorted or
    grouped (a GROUP BY over a busy month's cases sorts all of them). ``where``
    holds equalities only (an index's leading columns); a range of its own
    would be read instead of each day's.
    """
    days = [period.first + timedelta(days=i) for i in range(period.days)]
    bounds = [(i, *period_bounds(Period(day, day), tz)) for i, day in enumerate(days)]
    table = values(sa_column("i", Integer), sa_column("lo", DateTime), sa_column("hi", DateTime),
                   name="days").data(bounds).cte("days")  # WITH days(i, lo, hi) AS (VALUES ...): both databases
    count = (select(func.count()).select_from(pc).where(*where, column >= table.c.lo, column < table.c.hi)
             .correlate(table).scalar_subquery())
    counts = {int(i): n for i, n in s.execute(select(table.c.i, count))}
    return {day.isoformat(): int(counts.get(i) or 0) for i, day in enumerate(days)}


def _volume(s: Session, period: Period) -> tuple[int, int]:
    """The period's parcel volume and how many of its days have none."""
    total, known = s.execute(select(func.coalesce(func.sum(ParcelVolume.parcels), 0), func.count())
                             .where(ParcelVolume.day >= period.first, ParcelVolume.day <= period.last)).one()
    return int(total or 0), period.days - int(known or 0)


def _cohort_compensations(s: Session, reported: ColumnElement[bool]) -> dict[str, float | None]:
    """The compensations of the live resolutions of the cases matching ``reported``: count, total, paid.

    Each case's compensations are looked up by case, the live resolution only
    for those (few cases have one).
    """
    live_rid = (select(func.max(Resolution.id))
                .where(Resolution.case_id == Compensation.case_id, Resolution.state.not_in(_DEAD_RESOLUTIONS))
                .scalar_subquery())
    n_comps, comp_total, comp_paid = s.execute(
        select(func.count(Compensation.id), func.sum(Compensation.amount),
               func.sum(case((Compensation.paid_at.is_not(None), Compensation.amount))))
        .select_from(pc).join(Compensation, Compensation.case_id == pc.id)
        .where(reported, Compensation.resolution_id == live_rid)).one()
    return {"compensations": int(n_comps or 0), "compensation_total": _yuan(comp_total),
            "compensation_total_paid": _yuan(comp_paid)}


def compute_period(s: Session, *, period: Period, start: datetime, end: datetime, now: datetime,
                   tz: str = "Asia/Shanghai", series: bool = False, details: bool = True) -> PeriodFigures:
    """The figures of ``[start, end)`` (naive UTC) as they stand at ``now``.

    Without ``details`` the cohort's compensations (the monthly summary's
    ledger figures, which the dashboard does not show) are not looked up.
    """
    at = min(now, end)
    reported = reported_in(start, end)
    closed_cond = _closed_in_off_figures(start, end)
    cohort = s.execute(select(
        func.count(pc.id),
        func.count(case((_met(), 1))),
        func.count(case((late(now), 1))),
        func.count(case((_complaint_met(), 1))),
        func.count(case((complaint_late(now), 1))),
        func.count(case((is_complaint(), 1))),
        func.count(pc.first_contact_at),
        func.count(case((pc.status == _CLOSED, 1))),
        func.count(case((pc.status == _CANCELLED, 1))),
        func.count(case((_pending_due(now), 1))),
    ).where(reported)).one()
    (opened, met, missed, c_met, c_missed, complaints, contacted, cohort_closed, cancelled,
     pending_due) = (int(v or 0) for v in cohort)
    # Closed in the period, by rating (None: not rated): the count, the ratings and their average at once.
    # Conditional counts rather than a GROUP BY: no sort of the period's cases.
    closed, *by_rating = (int(v or 0) for v in s.execute(select(
        func.count(), *(func.count(case((pc.satisfaction == r, 1))) for r in range(1, 6))).where(closed_cond)).one())
    ratings = dict(zip(range(1, 6), by_rating, strict=True))
    rated = sum(by_rating)
    rating_sum = sum(r * n for r, n in ratings.items())
    bounds = [at - timedelta(hours=h) for h in AGE_BUCKET_HOURS]
    open_rows = _open_at_rows(at, pc.reported_at, pc.due_at, pc.first_response_due_at, pc.first_contact_at)
    # How many are younger than each bucket's upper bound (conditional counts, no GROUP BY sort).
    younger = [func.count(case((open_rows.c.reported_at > b, 1))) for b in bounds]
    n_open, overdue, *within = (int(v or 0) for v in s.execute(
        select(func.count(), func.count(case((_overdue_when(at, open_rows), 1))), *younger)
        .select_from(open_rows)).one())
    edges = [0, *within, n_open]
    buckets = {key: edges[i + 1] - edges[i] for i, (key, _z, _e) in enumerate(AGE_BUCKETS)}
    paid = s.scalar(select(func.coalesce(func.sum(Compensation.amount), 0))
                    .where(Compensation.paid_at >= start, Compensation.paid_at < end))
    pending = int(s.scalar(select(func.count(Compensation.id)).join(pc, pc.id == Compensation.case_id)
                           .where(Compensation.approval_state == "pending",
                                  pc.status == CaseStatus.AWAITING_APPROVAL.value)) or 0)
    volume, missing = _volume(s, period)
    values: dict[str, float | None] = {
        "opened": opened, "closed": closed, "open_now": sum(buckets.values()), "overdue_now": overdue,
        "on_time_rate": _ratio(met, met + missed),
        "complaint_response_rate": _ratio(c_met, c_met + c_missed),
        "median_first_contact_s": _median(s, pc.seconds_to_first_contact, [reported], contacted),
        "median_close_s": _median(s, pc.seconds_to_close, [reported, _Unindexed(pc.status) == _CLOSED],
                                  cohort_closed),
        "average_rating": None if rated == 0 else round(rating_sum / rated, 2),
        "rated_share": _ratio(rated, closed),
        "compensation_paid": _yuan(paid),
        "awaiting_approval": pending,
        "complaints": complaints,
        "parcel_volume": volume if missing == 0 else None,
        "case_rate_per_10k": per_10k(opened, volume) if missing == 0 else None,
        "complaint_rate_per_10k": per_10k(complaints, volume) if missing == 0 else None,
        "cancelled": cancelled, "met_due": met, "missed_due": missed, "pending_due": pending_due,
        "rated": rated,
    }
    if details:
        values.update(_cohort_compensations(s, reported))
    return PeriodFigures(
        values=values, age_buckets=buckets, ratings=ratings, volume_missing_days=missing,
        opened_by_day=_by_day(s, pc.reported_at, period, tz) if series else {},
        closed_by_day=_by_day(s, pc.closed_at, period, tz, pc.status == _CLOSED) if series else {})


def figures_of(s: Session, *, period: Period, now: datetime, series: bool = False,
               details: bool = True) -> PeriodFigures:
    """The figures of ``period`` (depot-local days) as they stand at ``now``: the dashboard's and the
    monthly workbook's, one definition for both (``details``: :func:`compute_period`)."""
    tz = read_setting(s, "timezone")
    start, end = period_bounds(period, tz)
    return compute_period(s, period=period, start=start, end=end, now=now, tz=tz, series=series, details=details)


def compute_breakdowns(s: Session, *, start: datetime, end: datetime, now: datetime
                       ) -> dict[str, tuple[BreakdownRow, ...]]:
    """Opened, closed, open and overdue at the end, by kind, by handler and by carrier.

    Three grouped counts over (kind, handler, carrier), each read off its
    covering index alone (the carrier is kept on the case row): opened,
    closed, and open at the end with how many of those are overdue. The three
    tables are sums of those groups.
    """
    at = min(now, end)
    tables: dict[str, dict[str, dict[str, int]]] = {"kind": {}, "handler": {}, "carrier": {}}

    def add(stmt: Any, *columns: str) -> None:
        for kind, assignee, carrier, *counts in s.execute(stmt):
            for name, key in (("kind", str(kind)), ("handler", str(assignee or 0)), ("carrier", str(carrier))):
                row = tables[name].setdefault(key, {})
                for column, n in zip(columns, counts, strict=True):
                    row[column] = row.get(column, 0) + int(n or 0)

    closed_cond = _closed_in_off_figures(start, end)
    for column, cond in (("opened", reported_in(start, end)), ("closed", closed_cond)):
        add(select(pc.kind, pc.assignee_id, pc.carrier, func.count()).where(cond)
            .group_by(pc.kind, pc.assignee_id, pc.carrier), column)
    rows = _open_at_rows(at, pc.kind, pc.assignee_id, pc.carrier, pc.due_at, pc.first_response_due_at,
                         pc.first_contact_at)
    add(select(rows.c.kind, rows.c.assignee_id, rows.c.carrier, func.count(),
               func.count(case((_overdue_when(at, rows), 1))))
        .group_by(rows.c.kind, rows.c.assignee_id, rows.c.carrier), "open_end", "overdue_end")
    ids = [int(k) for k in tables["handler"] if k != "0"]
    names = {str(i): n for i, n in s.execute(select(Operator.id, Operator.name).where(Operator.id.in_(ids)))}
    out: dict[str, tuple[BreakdownRow, ...]] = {}
    for name, groups in tables.items():
        rows = [BreakdownRow(key=k, label=names.get(k, "") if name == "handler" else k, **v)
                for k, v in groups.items()]
        out[name] = tuple(sorted(rows, key=lambda r: (-(r.opened + r.open_end), r.key)))
    return out


#: Threads that read one dashboard's parts side by side (made on first use).
_PARTS: ThreadPoolExecutor | None = None
_PARTS_LOCK = threading.Lock()


def _parts_pool() -> ThreadPoolExecutor:
    global _PARTS
    with _PARTS_LOCK:
        if _PARTS is None:
            _PARTS = ThreadPoolExecutor(max_workers=3, thread_name_prefix="dashboard")
        return _PARTS


class DashboardService:
    """Figures for the manager's dashboard, its exports and the ``report dashboard`` command."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def figures(self, *, period: Period, by: int, breakdowns: bool = True, details: bool = False) -> Dashboard:
        """The period's figures and the previous period's (needs the dashboard permission).

        The headline figures (:data:`~depot_app.domain.dashboard.FIGURES`) and
        the counts behind the rates; ``details`` adds the cohort's compensation
        figures the monthly summary lists (the dashboard does not show them).

        The three parts — the period, the previous period, the breakdowns —
        are read at once on connections of their own (SQLite and PostgreSQL
        both run readers side by side; the database does the work outside
        Python's lock), each part in one transaction of its own.
        """
        now = self.clock.now()
        with self.db.read() as s:
            authorize(s, by, Permission.VIEW_DASHBOARD)
            tz = read_setting(s, "timezone")
        cur_start, cur_end = period_bounds(period, tz)
        parts: list[Callable[[Session], Any]] = [
            lambda s: figures_of(s, period=period, now=now, series=True, details=details),
            lambda s: figures_of(s, period=period.previous(), now=now, details=details),
        ]
        if breakdowns:
            parts.append(lambda s: compute_breakdowns(s, start=cur_start, end=cur_end, now=now))
        current, previous, *groups = self._read_parts(parts)
        return Dashboard(period=period, current=current, previous=previous, breakdowns=groups[0] if groups else {})

    def _read_parts(self, parts: list[Callable[[Session], Any]]) -> list[Any]:
        def read(part: Callable[[Session], Any]) -> Any:
            with self.db.read() as s:
                return part(s)

        if self.db.in_memory:  # one connection per thread would each see an empty database
            return [read(part) for part in parts]
        futures = [_parts_pool().submit(read, part) for part in parts]
        return [future.result() for future in futures]
