"""The scan hints (``domain.scan_hints``) asked of the database: for a queue view and its count."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from depot_app.db.models import Parcel as ParcelModel
from depot_app.db.models import ProblemCase
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.scan_hints import NOT_RECEIVED_KINDS, ScanHint
from depot_app.domain.scans import ScanType

_ENDS = (ScanType.SIGNED.value, ScanType.RETURNED.value)


def hint_condition(hint: ScanHint, *, now: datetime, policy: Policy) -> ColumnElement[bool]:
    """Open cases showing ``hint`` (the same rule as :func:`domain.scan_hints.scan_hints`)."""
    not_received = [k.value for k in NOT_RECEIVED_KINDS]
    # Its own alias: the queue's fetch joins Parcel already, and the EXISTS must
    # still look up the case's own parcel.
    Parcel = aliased(ParcelModel)  # noqa: N806
    parcel: list[ColumnElement[bool]] = [Parcel.id == ProblemCase.parcel_id, Parcel.last_scan_at.is_not(None)]
    if hint is ScanHint.FALSE_SIGN_FOR:
        parcel += [Parcel.last_scan_type == ScanType.SIGNED.value, ProblemCase.kind.in_(not_received)]
    elif hint is ScanHint.CLOSE_SIGNED:
        parcel += [Parcel.last_scan_type == ScanType.SIGNED.value,
                   ProblemCase.kind.not_in([*not_received, ProblemKind.FALSE_SIGN_FOR.value])]
    elif hint is ScanHint.CLOSE_RETURNED:
        parcel.append(Parcel.last_scan_type == ScanType.RETURNED.value)
    elif hint is ScanHint.FOUND:
        parcel += [Parcel.last_scan_type.not_in(_ENDS), ProblemCase.kind == ProblemKind.LOST.value,
                   Parcel.last_scan_at > ProblemCase.reported_at]
    else:
        lost = [and_(Parcel.scope == scope.value, Parcel.last_scan_at <= now - timedelta(days=days))
                for scope, days in policy.lost_after_days.items()]
        parcel += [Parcel.last_scan_type.not_in(_ENDS), or_(*lost),
                   or_(ProblemCase.kind != ProblemKind.LOST.value, Parcel.last_scan_at <= ProblemCase.reported_at)]
    return and_(ProblemCase.is_open.is_(True), exists(select(Parcel.id).where(*parcel)).correlate(ProblemCase))


def hint_counts(s: Session, *, now: datetime, policy: Policy) -> dict[ScanHint, int]:
    """How many open cases show each hint."""
    return {hint: int(s.scalar(select(func.count(ProblemCase.id))
                               .where(hint_condition(hint, now=now, policy=policy))) or 0)
            for hint in ScanHint}
