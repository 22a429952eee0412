"""Storing carrier scans once, whatever their source, inside the caller's transaction.

:func:`store_scans` is what every source ends in (the tracking export import,
the query service, the desk's own scans): it drops scans it already has (by
:func:`domain.scans.fingerprint`, adding the new source's name to the stored
one), inserts the rest in batches, moves each known parcel's newest scan
(``last_scan_at``, ``last_scan_type``) and puts one entry on the timeline of
every open case of a parcel that got new scans, so the desks showing it
reload it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from depot_app.db.models import Parcel, ProblemCase, ScanEvent
from depot_app.domain.scans import (
    NewScan,
    ScanType,
    ScanView,
    fingerprint,
    offset_minutes,
    utc_naive,
)
from depot_app.services.audit import record_event

#: Rows per INSERT / lookup batch (well under SQLite's 32,766 bound parameters).
BATCH = 2000


@dataclass
class StoreResult:
    """What storing a batch of scans did."""

    added: int = 0
    merged: int = 0  # already stored (from this or another source)
    #: Tracking numbers of the parcels whose newest scan moved.
    parcels_moved: set[str] = field(default_factory=set)
    cases_touched: int = 0


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def store_scans(s: Session, scans: Iterable[NewScan], *, now: datetime, operator_id: int | None) -> StoreResult:
    """Store ``scans`` (deduplicated) and bring parcels and case timelines up to date."""
    result = StoreResult()
    rows: dict[str, dict[str, object]] = {}
    for scan in scans:
        at = utc_naive(scan.at)
        key = fingerprint(scan.tracking_no, at, scan.scan_type)
        known = rows.get(key)
        if known is not None:
            # The same scan twice in one batch: one event, both sources named.
            named = str(known["sources"]).split(",")
            if scan.source and scan.source not in named:
                known["sources"] = ",".join([*named, scan.source])[:255]
            result.merged += 1
            continue
        rows[key] = {"tracking_no": scan.tracking_no, "at": at, "utc_offset_minutes": offset_minutes(scan.at),
                     "scan_type": scan.scan_type.value, "place": scan.place[:128], "text": scan.text,
                     "sources": scan.source[:255], "fingerprint": key, "recorded_at": now}
    keys = list(rows)
    for chunk in _chunks(keys, BATCH):
        for row_id, key, sources in s.execute(select(ScanEvent.id, ScanEvent.fingerprint, ScanEvent.sources)
                                              .where(ScanEvent.fingerprint.in_(chunk))):
            new = rows.pop(key)
            result.merged += 1
            have = [x for x in sources.split(",") if x]
            extra = [x for x in str(new["sources"]).split(",") if x and x not in have]
            if extra:
                s.execute(update(ScanEvent).where(ScanEvent.id == row_id)
                          .values(sources=",".join(have + extra)[:255]))
    fresh = list(rows.values())
    for start in range(0, len(fresh), BATCH):
        s.execute(insert(ScanEvent), fresh[start:start + BATCH])
    result.added = len(fresh)

    newest: dict[str, tuple[datetime, str]] = {}
    for row in fresh:
        tracking, kind = str(row["tracking_no"]), str(row["scan_type"])
        moment = row["at"]
        assert isinstance(moment, datetime)
        if tracking not in newest or moment >= newest[tracking][0]:
            newest[tracking] = (moment, kind)
    counts: dict[str, int] = {}
    for row in fresh:
        counts[str(row["tracking_no"])] = counts.get(str(row["tracking_no"]), 0) + 1
    numbers = sorted(newest)
    for chunk in _chunks(numbers, BATCH):
        parcels = s.execute(select(Parcel.id, Parcel.tracking_no, Parcel.last_scan_at)
                            .where(Parcel.tracking_no.in_(chunk))).all()
        with_new: list[int] = []
        for parcel_id, tracking, last_at in parcels:
            at, kind = newest[tracking]
            if last_at is None or at >= last_at:
                # A plain UPDATE, version moved by hand: the desks showing the
                # parcel see it changed, as after any other edit.
                s.execute(update(Parcel).where(Parcel.id == parcel_id)
                          .values(last_scan_at=at, last_scan_type=kind, version=Parcel.version + 1)
                          .execution_options(synchronize_session=False))
                result.parcels_moved.add(tracking)
            with_new.append(parcel_id)
        if not with_new or operator_id is None:
            continue
        by_parcel = {pid: tracking for pid, tracking, _ in parcels}
        for case in s.scalars(select(ProblemCase).where(ProblemCase.parcel_id.in_(with_new),
                                                        ProblemCase.is_open.is_(True))):
            tracking = by_parcel[case.parcel_id]
            record_event(s, case, at=now, operator_id=operator_id, action="scans",
                         detail=f"{counts[tracking]}|{newest[tracking][1]}")
            result.cases_touched += 1
    return result


def refresh_parcel_scan(s: Session, parcel: Parcel) -> None:
    """Set a parcel's newest scan from the scans stored for it (a parcel new to the desk)."""
    row = s.execute(select(ScanEvent.at, ScanEvent.scan_type).where(ScanEvent.tracking_no == parcel.tracking_no)
                    .order_by(ScanEvent.at.desc(), ScanEvent.id.desc()).limit(1)).first()
    if row is not None:
        parcel.last_scan_at, parcel.last_scan_type = row[0], row[1]


def scan_view(row: ScanEvent) -> ScanView:
    return ScanView(id=row.id, tracking_no=row.tracking_no, at=row.at, utc_offset_minutes=row.utc_offset_minutes,
                    scan_type=ScanType(row.scan_type), place=row.place, text=row.text,
                    sources=tuple(x for x in row.sources.split(",") if x))


def scans_of(s: Session, tracking_no: str, *, limit: int | None = None) -> list[ScanView]:
    """A parcel's scans, newest first."""
    stmt = (select(ScanEvent).where(ScanEvent.tracking_no == tracking_no)
            .order_by(ScanEvent.at.desc(), ScanEvent.id.desc()))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [scan_view(r) for r in s.scalars(stmt)]
