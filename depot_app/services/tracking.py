"""Carrier scan history (快递轨迹) beside the cases: reading it, and the desk's own scans.

The import of head-office tracking exports is :mod:`services.tracking_import`,
the real-time query service :mod:`services.tracking_query`; all of them store
through :func:`services.scan_store.store_scans`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC
from typing import Any

from sqlalchemy import select

from depot_app.db.engine import Database
from depot_app.db.models import Parcel, ProblemCase
from depot_app.domain.clock import Clock
from depot_app.domain.errors import NotFoundError
from depot_app.domain.identifiers import Carrier, normalize_tracking, validate_tracking
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.permissions import Permission
from depot_app.domain.scan_hints import ScanHint, scan_hints
from depot_app.domain.scans import DESK_SOURCE, NewScan, ScanType, ScanView, zone_for
from depot_app.domain.vocabulary import ShipmentScope
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.scan_store import StoreResult, scans_of, store_scans
from depot_app.services.settings import SECRET_MASK, SettingsService, read_policy, read_setting, shown_setting
from depot_app.services.tracking_query import query


@dataclass(frozen=True)
class ParcelScans:
    """A parcel's scans, newest first, with the cases on it."""

    tracking_no: str
    scans: list[ScanView]
    case_numbers: list[str]
    #: What the scans suggest about the case asked for (``for_case``), strongest first.
    hints: list[ScanHint] = field(default_factory=list)

    @property
    def last(self) -> ScanView | None:
        return self.scans[0] if self.scans else None


@dataclass(frozen=True)
class RefreshOutcome:
    """What a refresh from the query service brought."""

    tracking_no: str
    added: int
    known: int
    no_data: bool

    def message(self, language: str = "zh_CN") -> str:
        zh = language.startswith("zh")
        if self.no_data:
            return (f"{self.tracking_no}：查询服务暂无轨迹，请稍后再查。" if zh else
                    f"{self.tracking_no}: the query service has no scans yet; ask again later.")
        return (f"{self.tracking_no}：新增 {self.added} 条轨迹，{self.known} 条已有。" if zh else
                f"{self.tracking_no}: {self.added} new scans, {self.known} already known.")


class TrackingService:
    """Reads a parcel's scans and records the desk's own."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.settings = SettingsService(db, clock)

    def show(self, tracking_no: str) -> ParcelScans:
        """Every stored scan of a parcel, newest first (empty when none is known)."""
        number = normalize_tracking(tracking_no)
        with self.db.read() as s:
            scans = scans_of(s, number)
            cases = list(s.scalars(select(ProblemCase.case_no).join(Parcel, Parcel.id == ProblemCase.parcel_id)
                                   .where(Parcel.tracking_no == number).order_by(ProblemCase.reported_at)))
        return ParcelScans(tracking_no=number, scans=scans, case_numbers=cases)

    def for_case(self, case_id: int) -> ParcelScans:
        """The scans of a case's parcel and the hints they give on the case."""
        with self.db.read() as s:
            row = s.execute(select(Parcel.tracking_no, Parcel.last_scan_at, Parcel.last_scan_type, Parcel.scope,
                                   ProblemCase.kind, ProblemCase.is_open, ProblemCase.reported_at)
                            .join(ProblemCase, ProblemCase.parcel_id == Parcel.id)
                            .where(ProblemCase.id == case_id)).first()
            policy = read_policy(s)
        if row is None:
            raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
        number, last_at, last_type, scope, kind, is_open, reported_at = row
        hints = scan_hints(kind=ProblemKind(kind), is_open=is_open, reported_at=reported_at, last_scan_at=last_at,
                           last_scan_type=ScanType(last_type) if last_type else None, scope=ShipmentScope(scope),
                           now=self.clock.now(), policy=policy)
        return replace(self.show(number), hints=hints)

    def add_scans(self, *, scans: Sequence[NewScan], by: int) -> StoreResult:
        """Store scans from a caller-built source (deduplicated), in one transaction."""
        with self.db.write() as s:
            authorize(s, by, Permission.IMPORT_CASES)
            return store_scans(s, scans, now=self.clock.now(), operator_id=by)

    def query_settings(self) -> dict[str, Any]:
        """The query service's settings as a screen shows them: the key as ••••."""
        with self.db.read() as s:
            return dict(shown_setting("tracking_query", read_setting(s, "tracking_query")))

    def set_query_settings(self, *, values: dict[str, Any], by: int) -> None:
        """Change the query service's settings (a manager); a key given as •••• keeps the stored one."""
        with self.db.read() as s:
            stored = dict(read_setting(s, "tracking_query"))
        merged = {**stored, **values}
        if merged.get("key") == SECRET_MASK:
            merged["key"] = stored.get("key", "")
        self.settings.set(key="tracking_query", value=merged, by=by)

    def refresh_case(self, *, case_id: int, by: int) -> RefreshOutcome:
        """Ask the query service for a case's scans now and store them (deduplicated).

        The network call runs outside any transaction; a refusal (signature,
        throttling, time-out …) raises :class:`TrackingQueryError` and stores nothing.
        """
        with self.db.read() as s:
            authorize(s, by, Permission.WORK_CASES)
            row = s.execute(select(Parcel.tracking_no, Parcel.carrier, Parcel.recipient_phone_last4)
                            .join(ProblemCase, ProblemCase.parcel_id == Parcel.id)
                            .where(ProblemCase.id == case_id)).first()
            settings = dict(read_setting(s, "tracking_query"))
        if row is None:
            raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
        tracking_no, carrier, last4 = row
        answer = query(settings=settings, carrier=Carrier(carrier), tracking_no=tracking_no, phone_last4=last4)
        stored = StoreResult()
        with self.db.write() as s:
            if answer.scans:
                stored = store_scans(s, answer.scans, now=self.clock.now(), operator_id=by)
            record_global(s, at=self.clock.now(), operator_id=by, action="tracking_query", case_id=case_id,
                          after=tracking_no, detail="no data yet" if answer.no_data else
                          f"{stored.added} new, {stored.merged} known")
        return RefreshOutcome(tracking_no=tracking_no, added=stored.added, known=stored.merged,
                              no_data=answer.no_data)

    def record_desk_scan(self, *, tracking_no: str, by: int) -> StoreResult:
        """A parcel scanned at this desk's counter: it has arrived at the depot.

        Scanned again within the same minute, it stays one event.
        """
        number = validate_tracking(tracking_no).number
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.REGISTER_CASE)
            zone = zone_for(read_setting(s, "timezone"))
            place = str(read_setting(s, "depot_name"))
            scan = NewScan(tracking_no=number, at=now.replace(tzinfo=UTC).astimezone(zone),
                           scan_type=ScanType.ARRIVED_AT_DEPOT, place=place,
                           text=f"到达【{place}】（本网点扫描）", source=DESK_SOURCE)
            return store_scans(s, [scan], now=now, operator_id=by)
