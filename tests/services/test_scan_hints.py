"""Scan hints: the rule for one case, and the queue's view and count asking the database the same."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scan_hints import ScanHint
from depot_app.domain.scans import NewScan, ScanType
from depot_app.domain.vocabulary import FinalOutcome
from depot_app.services import Services
from depot_app.services.queries import QueueFilter

BEIJING = timezone(timedelta(hours=8))


def _case(services: Services, by: int, number: str, kind: ProblemKind, scan: ScanType | None,
          days_ago: float) -> int:
    case_id = services.cases.register_case(tracking_no=number, kind=kind, by=by).id
    if scan is not None:
        at = (services.clock.now() - timedelta(days=days_ago)).replace(tzinfo=UTC).astimezone(BEIJING)
        services.tracking.add_scans(scans=[NewScan(tracking_no=number, at=at, scan_type=scan, source="t")], by=by)
    return case_id


def test_each_hint_on_its_case_and_in_the_queue(services: Services, clerk: int) -> None:
    lost_days = services.settings.policy().lost_after_days
    domestic = lost_days[next(iter(lost_days))]
    cases = {
        "false_sign": _case(services, clerk, "SF1000000000001", ProblemKind.LOST, ScanType.SIGNED, 0.5),
        "signed": _case(services, clerk, "SF1000000000002", ProblemKind.DAMAGED, ScanType.SIGNED, 0.5),
        "returned": _case(services, clerk, "SF1000000000003", ProblemKind.REFUSED, ScanType.RETURNED, 0.5),
        "stale": _case(services, clerk, "SF1000000000004", ProblemKind.DELAYED, ScanType.IN_TRANSIT, 40),
        "fresh": _case(services, clerk, "SF1000000000005", ProblemKind.DELAYED, ScanType.IN_TRANSIT, 0.1),
        "no_scans": _case(services, clerk, "SF1000000000006", ProblemKind.DELAYED, None, 0),
        "claimed": _case(services, clerk, "SF1000000000007", ProblemKind.FALSE_SIGN_FOR, ScanType.SIGNED, 0.5),
    }
    assert domestic < 40
    # A lost parcel scanned after it was reported has been found.
    found = services.cases.register_case(tracking_no="SF1000000000008", kind=ProblemKind.LOST, by=clerk).id
    services.clock.advance(hours=2)
    services.tracking.add_scans(scans=[NewScan(
        tracking_no="SF1000000000008", at=services.clock.now().replace(tzinfo=UTC),
        scan_type=ScanType.ARRIVED_AT_DEPOT, source="t")], by=clerk)
    cases["found"] = found
    expected = {"false_sign": [ScanHint.FALSE_SIGN_FOR], "signed": [ScanHint.CLOSE_SIGNED],
                "returned": [ScanHint.CLOSE_RETURNED], "stale": [ScanHint.MAY_TREAT_AS_LOST], "fresh": [],
                "no_scans": [], "claimed": [], "found": [ScanHint.FOUND]}
    for name, case_id in cases.items():
        assert services.tracking.for_case(case_id).hints == expected[name], name
    assert ScanHint.CLOSE_SIGNED.outcome is FinalOutcome.SIGNED
    counts = services.queries.hint_counts()
    for hint in ScanHint:
        flt = QueueFilter(scan_hint=hint)
        listed = {row.id for row in services.queries.fetch(flt)}
        wanted = {cases[n] for n, hints in expected.items() if hint in hints}
        assert listed == wanted, hint
        assert counts[hint] == len(wanted) == services.queries.count(flt)
    # A closed case gives no hints.
    services.cases.close_case(case_id=cases["signed"], outcome=FinalOutcome.SIGNED, by=clerk, satisfaction=5)
    assert services.tracking.for_case(cases["signed"]).hints == []
    assert services.queries.hint_counts()[ScanHint.CLOSE_SIGNED] == 0
