"""Queries behind the case queue, the status bar and the scan box.

Every filter and every search shape is served by an index: a search by
tracking number, case number, full phone, the last four digits of a phone
(尾号), a name or the pinyin of a name or address part (zhangsan, zs; see
``services.search_keys``) stays instant with a million cases (see
``benchmarks/bench_queue.py``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from depot_app.db.engine import Database
from depot_app.db.models import AuditEntry, CaseEvent, Operator, Parcel, ParcelSearchKey, ProblemCase
from depot_app.domain.case_numbers import format_case_no, parse_case_no
from depot_app.domain.clock import Clock, to_utc
from depot_app.domain.dashboard import Drill
from depot_app.domain.delivery_area import AddressVerdict
from depot_app.domain.errors import PhoneNumberError
from depot_app.domain.identifiers import normalize_tracking, validate_phone
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scan_hints import ScanHint
from depot_app.domain.views import CaseDetail, OperatorView, QueueCounts, QueueRow
from depot_app.domain.vocabulary import CaseStatus, ContactOutcome, Priority
from depot_app.services import mapping
from depot_app.services.address_checks import flagged_case_ids, verdict_counts
from depot_app.services.dashboard import drill_conditions
from depot_app.services.scan_hints import hint_condition, hint_counts
from depot_app.services.settings import read_policy, read_setting

SORT_KEYS = ("case_no", "tracking_no", "carrier", "kind", "status", "priority", "assignee",
             "reported_at", "due_at", "last_contact_at")

#: Sort keys whose column can be NULL.
_NULLABLE_SORTS = frozenset({"assignee", "last_contact_at"})

_PRIORITY_RANK = {Priority.LOW.value: 0, Priority.NORMAL.value: 1, Priority.HIGH.value: 2,
                  Priority.URGENT.value: 3}


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows. Empty sets mean "any"."""

    statuses: frozenset[CaseStatus] = frozenset()
    open_only: bool = False
    kinds: frozenset[ProblemKind] = frozenset()
    overdue_only: bool = False
    assignee_id: int | None = None
    reported_from: date | None = None  # depot-local calendar days, inclusive
    reported_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    text: str = ""
    drill: Drill | None = None
    """The cases behind one figure of the dashboard (its own conditions, on top of the others)."""
    #: Only open cases whose scans give this hint (``domain.scan_hints``).
    scan_hint: ScanHint | None = None
    #: Only open cases whose recipient address gets this verdict (``domain.delivery_area``).
    address_verdict: AddressVerdict | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def _prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column LIKE 'prefix%'`` written as a range so a plain B-tree index serves it."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


_DIGITS = re.compile(r"^\d+$")
_CJK_OR_LETTERS = re.compile(r"[\u3400-\u9fff]|^[A-Za-z ·.]+$")


_PINYIN = re.compile(r"^[A-Za-z][A-Za-z' ]*$")


def _pinyin_query(term: str) -> str:
    """``Zhang San`` → ``zhangsan``; "" for anything that is not letters (at least two)."""
    if not _PINYIN.match(term):
        return ""
    key = re.sub(r"[' ]", "", term).lower()
    return key if len(key) >= 2 else ""


def search_condition(text: str) -> ColumnElement[bool] | None:
    """The WHERE clause for a free-text search, or None for an empty search."""
    term = (text or "").strip()
    if not term:
        return None
    parcel_terms: list[ColumnElement[bool]] = []
    case_terms: list[ColumnElement[bool]] = []
    parsed = parse_case_no(term)
    if parsed is not None:
        # The canonical form, so "sh01 261122 0007" read out over the phone matches too.
        case_terms.append(ProblemCase.case_no == format_case_no(parsed.depot_code, parsed.day,
                                                                parsed.sequence))
    digits = re.sub(r"[\s\-]", "", term)
    if _DIGITS.match(digits) and len(digits) == 4:
        parcel_terms += [Parcel.sender_phone_last4 == digits, Parcel.recipient_phone_last4 == digits]
    elif _DIGITS.match(digits) and 7 <= len(digits) <= 12 and digits.startswith(("1", "0")):
        # Phones are stored canonical: a landline keeps its area-code dash (021-61234567).
        numbers = {digits}
        try:
            numbers.add(validate_phone(term).number)
        except PhoneNumberError:
            pass
        parcel_terms += [Parcel.sender_phone.in_(sorted(numbers)), Parcel.recipient_phone.in_(sorted(numbers))]
    if _CJK_OR_LETTERS.search(term) and not any(ch.isdigit() for ch in term):
        if len(term) >= 2:
            parcel_terms += [_prefix_range(Parcel.sender_name, term),
                             _prefix_range(Parcel.recipient_name, term)]
        else:
            # A lone surname (王, 李) matches a few percent of all parcels; only
            # a name that is exactly that character is worth listing.
            parcel_terms += [Parcel.sender_name == term, Parcel.recipient_name == term]
    pinyin = _pinyin_query(term)
    if pinyin:
        # 张三 by zhangsan, zhang or zs: a prefix of any key, on the (key, parcel_id) index.
        parcel_terms.append(Parcel.id.in_(select(ParcelSearchKey.parcel_id)
                                          .where(_prefix_range(ParcelSearchKey.key, pinyin))))
    norm = normalize_tracking(term)
    if norm and norm.isascii() and norm.isalnum():
        parcel_terms.append(_prefix_range(Parcel.tracking_no, norm))
        if len(norm) >= 2:
            case_terms.append(_prefix_range(ProblemCase.case_no, term.strip().upper()))
    if parcel_terms:
        case_terms.append(ProblemCase.parcel_id.in_(select(Parcel.id).where(or_(*parcel_terms))))
    if not case_terms:
        return ProblemCase.id < 0  # nothing can match (e.g. punctuation only)
    return or_(*case_terms)


#: How many of the newest timeline ids the change marker adds up; see :class:`ChangeMarker`.
RECENT_EVENTS = 1000


@dataclass(frozen=True)
class ChangeMarker:
    """A cheap fingerprint of "what the desks have changed so far".

    Every change to a case writes a timeline entry (registration, fields,
    status, contacts, resolutions, photos, reveals and exports; a save that
    changes nothing writes none and moves no version), so the newest entry's id
    moves with every change. Ids come from a sequence, and on PostgreSQL a
    transaction that took id 100 may commit after the one that took 101; the
    sum of the newest ``RECENT_EVENTS`` ids catches such a late commit.
    ``last_audit_id`` covers depot-wide changes (operators, settings) that
    show in the queue. Compare markers for equality only.
    """

    last_event_id: int
    recent_ids_sum: int
    last_audit_id: int


@dataclass(frozen=True)
class CaseStamp:
    """What an open case looked like when last read: changes when anything shown on it changes."""

    version: int
    parcel_version: int
    last_event_id: int


def stamp_of(detail: CaseDetail) -> CaseStamp:
    """The stamp of a case as loaded (compare with :meth:`QueryService.case_stamps`)."""
    return CaseStamp(version=detail.version, parcel_version=detail.parcel.version,
                     last_event_id=max((e.id for e in detail.events), default=0))


class QueryService:
    """Read-only questions about cases."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def _where(self, s: Session, flt: QueueFilter, now: datetime) -> list[ColumnElement[bool]]:
        tz = read_setting(s, "timezone")
        where: list[ColumnElement[bool]] = []
        if flt.statuses:
            where.append(ProblemCase.status.in_([st.value for st in flt.statuses]))
        if flt.open_only:
            where.append(ProblemCase.is_open.is_(True))
        if flt.kinds:
            where.append(ProblemCase.kind.in_([k.value for k in flt.kinds]))
        if flt.overdue_only:
            where.append(ProblemCase.is_open.is_(True))
            where.append(or_(ProblemCase.due_at < now,
                             and_(ProblemCase.first_response_due_at < now,
                                  ProblemCase.first_contact_at.is_(None))))
        if flt.assignee_id is not None:
            where.append(ProblemCase.assignee_id == flt.assignee_id)
        if flt.reported_from is not None:
            where.append(ProblemCase.reported_at >= to_utc(datetime.combine(flt.reported_from, time()), tz))
        if flt.reported_to is not None:
            end = datetime.combine(flt.reported_to + timedelta(days=1), time())
            where.append(ProblemCase.reported_at < to_utc(end, tz))
        if flt.closed_from is not None or flt.closed_to is not None:
            # Cancelled cases carry a closed_at too, but they were not closed.
            where.append(ProblemCase.status == CaseStatus.CLOSED.value)
        if flt.closed_from is not None:
            where.append(ProblemCase.closed_at >= to_utc(datetime.combine(flt.closed_from, time()), tz))
        if flt.closed_to is not None:
            end = datetime.combine(flt.closed_to + timedelta(days=1), time())
            where.append(ProblemCase.closed_at < to_utc(end, tz))
        cond = search_condition(flt.text)
        if cond is not None:
            where.append(cond)
        if flt.drill is not None:
            where.extend(drill_conditions(s, flt.drill, now))
        if flt.scan_hint is not None:
            where.append(hint_condition(flt.scan_hint, now=now, policy=read_policy(s)))
        if flt.address_verdict is not None:
            where.append(ProblemCase.is_open.is_(True))
            where.append(ProblemCase.id.in_(flagged_case_ids(s, flt.address_verdict)))
        return where

    def hint_counts(self) -> dict[ScanHint, int]:
        """How many open cases show each scan hint (for the queue's views)."""
        with self.db.read() as s:
            return hint_counts(s, now=self.clock.now(), policy=read_policy(s))

    def address_counts(self) -> dict[AddressVerdict, int]:
        """How many open cases are "address unclear" and "out of area" (for the queue's views)."""
        with self.db.read() as s:
            return verdict_counts(s)

    def count(self, flt: QueueFilter) -> int:
        """How many cases match."""
        with self.db.read() as s:
            stmt = select(func.count(ProblemCase.id)).where(*self._where(s, flt, self.clock.now()))
            return int(s.scalar(stmt) or 0)

    def fetch(self, flt: QueueFilter, *, sort: str = "due_at", descending: bool = False,
              offset: int = 0, limit: int = 200) -> list[QueueRow]:
        """One batch of queue rows in the requested order."""
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key {sort!r}")
        assignee = aliased(Operator)
        with self.db.read() as s:
            stmt = (
                select(ProblemCase.id, ProblemCase.case_no, Parcel.tracking_no, Parcel.carrier,
                       ProblemCase.kind, ProblemCase.status, ProblemCase.priority, assignee.name,
                       ProblemCase.reported_at, ProblemCase.due_at, ProblemCase.last_contact_at,
                       ProblemCase.last_contact_outcome, Parcel.recipient_name, ProblemCase.version,
                       Parcel.last_scan_at, Parcel.last_scan_type)
                .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                .outerjoin(assignee, assignee.id == ProblemCase.assignee_id)
                .where(*self._where(s, flt, self.clock.now())))
            order_col: Any = {
                "case_no": ProblemCase.case_no, "tracking_no": Parcel.tracking_no,
                "carrier": Parcel.carrier, "kind": ProblemCase.kind, "status": ProblemCase.status,
                "priority": case(_PRIORITY_RANK, value=ProblemCase.priority, else_=1),
                "assignee": assignee.name, "reported_at": ProblemCase.reported_at,
                "due_at": ProblemCase.due_at, "last_contact_at": ProblemCase.last_contact_at,
            }[sort]
            ordered = order_col.desc() if descending else order_col.asc()
            if sort in _NULLABLE_SORTS:
                # Missing values (never contacted, unassigned) count as smallest on both
                # databases; SQLite and PostgreSQL disagree by default. Only here, so the
                # NOT NULL columns keep plain orderings their indexes serve.
                ordered = ordered.nulls_last() if descending else ordered.nulls_first()
            stmt = stmt.order_by(ordered, ProblemCase.id.desc() if descending else ProblemCase.id.asc())
            rows = s.execute(stmt.offset(offset).limit(limit)).all()
        return [QueueRow(
            id=r[0], case_no=r[1], tracking_no=r[2], carrier=r[3], kind=ProblemKind(r[4]),
            status=CaseStatus(r[5]), priority=Priority(r[6]), assignee=r[7] or "", reported_at=r[8],
            due_at=r[9], last_contact_at=r[10],
            last_contact_outcome=ContactOutcome(r[11]) if r[11] else None, recipient_name=r[12],
            version=r[13], last_scan_at=r[14], last_scan_type=r[15]) for r in rows]

    def counts(self) -> QueueCounts:
        """Open, overdue, due-soon and awaiting-approval figures for the status bar."""
        now = self.clock.now()
        with self.db.read() as s:
            policy = read_policy(s)
            soon = now + timedelta(hours=policy.due_soon_hours)
            overdue = or_(ProblemCase.due_at < now,
                          and_(ProblemCase.first_response_due_at < now, ProblemCase.first_contact_at.is_(None)))
            row = s.execute(
                select(func.count(ProblemCase.id),
                       func.count(case((overdue, 1))),
                       func.count(case((and_(ProblemCase.due_at >= now, ProblemCase.due_at < soon), 1))),
                       func.count(case((ProblemCase.status == CaseStatus.AWAITING_APPROVAL.value, 1))))
                .where(ProblemCase.is_open.is_(True))).one()
        return QueueCounts(open=row[0], overdue=row[1], due_soon=row[2], awaiting_approval=row[3])

    def open_case_for_tracking(self, tracking_no: str) -> list[QueueRow]:
        """Open cases on a parcel, newest first (what the scan box opens)."""
        number = normalize_tracking(tracking_no)
        if not number:
            return []
        rows = self.fetch(QueueFilter(open_only=True, text=number), sort="reported_at", descending=True,
                          limit=50)
        return [r for r in rows if r.tracking_no == number]

    def change_marker(self) -> ChangeMarker:
        """The current :class:`ChangeMarker`, in one statement read off primary-key indexes.

        Both maxima are a single index probe; the sum reads the newest
        ``RECENT_EVENTS`` index entries (a LIMIT the planner can see, so
        PostgreSQL walks the index backwards instead of planning a parallel
        range scan), so the cost does not grow with the number of cases
        (``benchmarks/bench_concurrency.py`` times it with a million entries).
        """
        newest = select(func.coalesce(func.max(CaseEvent.id), 0)).scalar_subquery()
        tail = select(CaseEvent.id).order_by(CaseEvent.id.desc()).limit(RECENT_EVENTS).subquery()
        recent = select(func.coalesce(func.sum(tail.c.id), 0)).scalar_subquery()
        audit = select(func.coalesce(func.max(AuditEntry.id), 0)).scalar_subquery()
        with self.db.read() as s:
            row = s.execute(select(newest, recent, audit)).one()
        return ChangeMarker(last_event_id=int(row[0]), recent_ids_sum=int(row[1]), last_audit_id=int(row[2]))

    def case_stamps(self, case_ids: Collection[int]) -> dict[int, CaseStamp]:
        """The current :class:`CaseStamp` of each case (those that exist) — for the open tabs."""
        ids = sorted(set(case_ids))
        if not ids:
            return {}
        # The newest timeline id per case as a correlated max(): one probe of the
        # (case_id, id) index per case, index-only, on both databases (neither
        # walks the whole table's primary key nor reads a case's other entries).
        last_event = (select(func.max(CaseEvent.id)).where(CaseEvent.case_id == ProblemCase.id)
                      .correlate(ProblemCase).scalar_subquery())
        with self.db.read() as s:
            rows = s.execute(select(ProblemCase.id, ProblemCase.version, Parcel.version, last_event)
                             .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                             .where(ProblemCase.id.in_(ids))).all()
        return {case_id: CaseStamp(version=version, parcel_version=parcel_version,
                                   last_event_id=int(last_event_id or 0))
                for case_id, version, parcel_version, last_event_id in rows}

    def case_id_by_no(self, case_no: str) -> int | None:
        with self.db.read() as s:
            return s.scalar(select(ProblemCase.id).where(ProblemCase.case_no == case_no.strip().upper()))

    def known_parcel(self, tracking_no: str) -> dict[str, Any] | None:
        """Facts of a parcel already in the database (to prefill registration), masked phones."""
        with self.db.read() as s:
            p = s.scalars(select(Parcel).where(Parcel.tracking_no == normalize_tracking(tracking_no))).first()
            if p is None:
                return None
            view = mapping.parcel_view(p, masked=True)
            return {k: getattr(view, k) for k in view.__dataclass_fields__}

    def operators(self, *, include_inactive: bool = False) -> list[OperatorView]:
        with self.db.read() as s:
            stmt = select(Operator).order_by(Operator.name)
            if not include_inactive:
                stmt = stmt.where(Operator.active.is_(True))
            return [mapping.operator_view(o) for o in s.scalars(stmt)]
