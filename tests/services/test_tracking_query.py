"""The tracking query adapter against a local service that checks the signature as the real one does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from depot_app.db.models import AuditEntry
from depot_app.domain.errors import PermissionDeniedError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scans import QUERY_SOURCE, ScanType
from depot_app.services import Services
from depot_app.services.tracking_query import TrackingQueryError, sign
from tests.tracking_server import TrackingServer

NUMBER = "SF1234567890123"
SCANS = [
    {"time": "2026-11-18 14:03:10", "ftime": "2026-11-18 14:03:10", "context": "快件已签收，签收人：本人",
     "status": "签收", "areaName": "上海市浦东新区"},
    {"time": "2026-11-18 08:40:00", "ftime": "2026-11-18 08:40:00", "context": "【上海浦东网点】派件员正在派件",
     "status": "派件", "areaName": "上海市浦东新区"},
    {"time": "2026-11-17 20:12:00", "ftime": "2026-11-17 20:12:00", "context": "到达【上海浦东网点】到件扫描",
     "status": "在途", "areaName": "上海市"},
]


@pytest.fixture
def server() -> Iterator[TrackingServer]:
    srv = TrackingServer().start()
    srv.parcels[("shunfeng", NUMBER)] = ("5678", "3", SCANS)
    yield srv
    srv.stop()


@pytest.fixture
def case_id(services: Services, manager: int, server: TrackingServer) -> int:
    services.tracking.set_query_settings(values={"enabled": True, "url": server.url, "customer": server.customer,
                                                 "key": server.key, "timeout_seconds": 2}, by=manager)
    return services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.LOST, by=manager,
                                        parcel={"recipient_phone": "13812345678"}).id


def test_the_signature_is_kuaidi100s() -> None:
    # MD5('{"com":"yuantong","num":"1"}' + 'KEY' + 'CUST'), upper-case, computed once with md5sum.
    assert sign('{"com":"yuantong","num":"1"}', "KEY", "CUST") == "CD958DDE5E14B3695498612753D11AEA"


def test_ok_stores_the_scans_with_their_types(services: Services, manager: int, case_id: int,
                                              server: TrackingServer) -> None:
    outcome = services.tracking.refresh_case(case_id=case_id, by=manager)
    assert (outcome.added, outcome.known, outcome.no_data) == (3, 0, False)
    scans = services.tracking.for_case(case_id).scans
    assert [s.scan_type for s in scans] == [ScanType.SIGNED, ScanType.OUT_FOR_DELIVERY, ScanType.ARRIVED_AT_DEPOT]
    assert scans[0].sources == (QUERY_SOURCE,) and scans[0].place == "上海市浦东新区"
    assert server.requests[-1]["customer"] == "DESK0001" and "k3y" not in str(server.requests[-1])
    assert '"phone":"5678"' in server.requests[-1]["param"]
    again = services.tracking.refresh_case(case_id=case_id, by=manager)
    assert (again.added, again.known) == (0, 3)
    assert "3 条已有" in again.message("zh_CN")


def test_no_data_yet_is_an_answer(services: Services, manager: int, case_id: int, server: TrackingServer) -> None:
    server.parcels.clear()
    outcome = services.tracking.refresh_case(case_id=case_id, by=manager)
    assert outcome.no_data and "no scans yet" in outcome.message("en")


def test_a_wrong_key_is_refused_by_the_signature(services: Services, manager: int, case_id: int) -> None:
    services.tracking.set_query_settings(values={"key": "not-the-key"}, by=manager)
    with pytest.raises(TrackingQueryError) as err:
        services.tracking.refresh_case(case_id=case_id, by=manager)
    assert err.value.reason == "signature" and "key" in err.value.zh
    assert services.tracking.for_case(case_id).scans == []


def test_throttled_and_timed_out(services: Services, manager: int, case_id: int, server: TrackingServer) -> None:
    server.throttled = True
    with pytest.raises(TrackingQueryError) as err:
        services.tracking.refresh_case(case_id=case_id, by=manager)
    assert err.value.reason == "throttled"
    server.throttled = False
    services.tracking.set_query_settings(values={"timeout_seconds": 1}, by=manager)
    server.delay = 2.5
    with pytest.raises(TrackingQueryError) as err:
        services.tracking.refresh_case(case_id=case_id, by=manager)
    assert err.value.reason == "timeout" and "1 秒" in err.value.zh


def test_settings_show_the_key_as_dots_and_need_a_manager(services: Services, manager: int, clerk: int,
                                                           case_id: int) -> None:
    shown = services.tracking.query_settings()
    assert shown["key"] == "••••" and shown["customer"] == "DESK0001"
    services.tracking.set_query_settings(values={"key": "••••", "timeout_seconds": 3}, by=manager)
    assert services.settings.get("tracking_query")["key"] == "k3y-s3cret"
    with services.db.read() as s:
        recorded = " ".join(f"{e.before} {e.after}" for e in s.scalars(select(AuditEntry)))
    assert "tracking_query" not in recorded or "••••" in recorded
    assert "k3y-s3cret" not in recorded
    with pytest.raises(PermissionDeniedError):
        services.tracking.set_query_settings(values={"timeout_seconds": 4}, by=clerk)
    with pytest.raises(ValidationError):
        services.tracking.set_query_settings(values={"url": "ftp://x"}, by=manager)
    services.tracking.set_query_settings(values={"enabled": False}, by=manager)
    with pytest.raises(TrackingQueryError) as err:
        services.tracking.refresh_case(case_id=case_id, by=clerk)
    assert err.value.reason == "disabled"
