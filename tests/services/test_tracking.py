"""Scan events stored once whatever their source, on the parcels and cases they belong to."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scans import DESK_SOURCE, NewScan, ScanType
from depot_app.services import Services

BEIJING = timezone(timedelta(hours=8))
NUMBER = "SF1234567890123"


def _scan(minute: int, kind: ScanType, source: str, *, second: int = 0, tracking: str = NUMBER) -> NewScan:
    return NewScan(tracking_no=tracking, at=datetime(2026, 11, 18, 9, minute, second, tzinfo=BEIJING),
                   scan_type=kind, place="上海转运中心", text=f"{kind.zh}", source=source)


def test_the_same_scan_from_two_sources_is_one_event(services: Services, clerk: int) -> None:
    case = services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.LOST, by=clerk)
    first = services.tracking.add_scans(scans=[_scan(1, ScanType.COLLECTED, "总部"),
                                               _scan(30, ScanType.IN_TRANSIT, "总部")], by=clerk)
    assert (first.added, first.merged, first.cases_touched) == (2, 0, 1)
    again = services.tracking.add_scans(scans=[_scan(30, ScanType.IN_TRANSIT, "kuaidi100", second=40),
                                               _scan(30, ScanType.IN_TRANSIT, "kuaidi100", second=50),
                                               _scan(45, ScanType.OUT_FOR_DELIVERY, "kuaidi100")], by=clerk)
    assert (again.added, again.merged) == (1, 2)
    shown = services.tracking.show(NUMBER.lower())
    assert [s.scan_type for s in shown.scans] == [ScanType.OUT_FOR_DELIVERY, ScanType.IN_TRANSIT,
                                                  ScanType.COLLECTED]
    assert shown.scans[1].sources == ("总部", "kuaidi100")
    assert shown.scans[0].local_at == datetime(2026, 11, 18, 9, 45) and shown.scans[0].zone_text == "UTC+08:00"
    assert shown.case_numbers == [case.case_no]
    detail = services.cases.detail(case.id)
    assert detail.parcel.last_scan_at == datetime(2026, 11, 18, 1, 45)
    assert detail.parcel.version > case.parcel.version
    assert [e.action for e in detail.events].count("scans") == 2


def test_an_older_scan_does_not_move_the_newest(services: Services, clerk: int) -> None:
    case = services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.DELAYED, by=clerk)
    services.tracking.add_scans(scans=[_scan(40, ScanType.SIGNED, "a")], by=clerk)
    services.tracking.add_scans(scans=[_scan(5, ScanType.IN_TRANSIT, "b")], by=clerk)
    assert services.cases.detail(case.id).parcel.last_scan_at == datetime(2026, 11, 18, 1, 40)


def test_scans_before_the_case_are_on_the_parcel_when_it_is_registered(services: Services, clerk: int) -> None:
    services.tracking.add_scans(scans=[_scan(12, ScanType.OUT_FOR_DELIVERY, "总部")], by=clerk)
    case = services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.UNREACHABLE, by=clerk)
    assert case.parcel.last_scan_at == datetime(2026, 11, 18, 1, 12)
    assert len(services.tracking.for_case(case.id).scans) == 1


def test_a_counter_scan_is_an_arrival_at_the_depot(services: Services, clerk: int) -> None:
    case = services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.DAMAGED, by=clerk)
    services.tracking.record_desk_scan(tracking_no=NUMBER, by=clerk)
    services.tracking.record_desk_scan(tracking_no=NUMBER, by=clerk)  # the same minute: one event
    scans = services.tracking.for_case(case.id).scans
    assert len(scans) == 1
    assert scans[0].scan_type is ScanType.ARRIVED_AT_DEPOT and scans[0].sources == (DESK_SOURCE,)
    assert scans[0].place == "上海浦东网点" and scans[0].zone_text == "UTC+08:00"
    assert scans[0].at == services.clock.now()
