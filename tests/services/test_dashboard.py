"""Every dashboard figure recomputed by brute force from the case rows of a seeded demo database."""

from __future__ import annotations

import statistics
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from depot_app.db.models import Compensation, ProblemCase
from depot_app.domain.clock import to_utc
from depot_app.domain.dashboard import Period, age_bucket
from depot_app.services import Services
from depot_app.services.dashboard import DashboardService, PeriodFigures
from depot_app.services.demo import generate_demo_data


def _brute(rows: list[ProblemCase], comps: list[Compensation], start: datetime, end: datetime,
           now: datetime) -> PeriodFigures:
    at = min(now, end)
    cohort = [c for c in rows if start <= c.reported_at < end]
    closed = [c for c in rows if c.status == "closed" and c.closed_at and start <= c.closed_at < end]
    live = [c for c in cohort if c.status != "cancelled"]
    met = sum(1 for c in live if c.status == "closed" and c.closed_at <= c.due_at)
    missed = sum(1 for c in live if (c.status == "closed" and c.closed_at > c.due_at)
                 or (c.status != "closed" and c.due_at < now))
    compl = [c for c in live if c.first_response_due_at is not None]
    c_met = sum(1 for c in compl if c.first_contact_at is not None and c.first_contact_at <= c.first_response_due_at)
    c_missed = sum(1 for c in compl if (c.first_contact_at is not None and c.first_contact_at > c.first_response_due_at)
                   or (c.first_contact_at is None and c.first_response_due_at < now))
    open_at = [c for c in rows if c.reported_at < at and (c.closed_at is None or c.closed_at >= at)]
    buckets = dict.fromkeys(("lt_1d", "1_3d", "3_7d", "7_15d", "gt_15d"), 0)
    for c in open_at:
        buckets[age_bucket((at - c.reported_at).total_seconds() / 3600)] += 1
    overdue = [c for c in open_at if c.due_at < at or (
        c.first_response_due_at is not None and c.first_response_due_at < at
        and (c.first_contact_at is None or c.first_contact_at >= at))]
    firsts = [(c.first_contact_at - c.reported_at).total_seconds() for c in cohort if c.first_contact_at]
    closes = [(c.closed_at - c.reported_at).total_seconds() for c in cohort
              if c.status == "closed" and c.closed_at]
    rated = [c.satisfaction for c in closed if c.satisfaction is not None]
    paid = sum((p.amount for p in comps if p.paid_at and start <= p.paid_at < end), Decimal(0))
    return PeriodFigures(values={
        "opened": len(cohort), "closed": len(closed), "open_now": len(open_at), "overdue_now": len(overdue),
        "on_time_rate": round(met / (met + missed), 4) if met + missed else None,
        "complaint_response_rate": round(c_met / (c_met + c_missed), 4) if c_met + c_missed else None,
        "median_first_contact_s": round(statistics.median(firsts), 1) if firsts else None,
        "median_close_s": round(statistics.median(closes), 1) if closes else None,
        "average_rating": round(sum(rated) / len(rated), 2) if rated else None,
        "rated_share": round(len(rated) / len(closed), 4) if closed else None,
        "compensation_paid": float(paid),
        "awaiting_approval": sum(1 for p in comps if p.approval_state == "pending" and any(
            c.id == p.case_id and c.status == "awaiting_approval" for c in rows)),
    }, age_buckets=buckets, ratings={r: rated.count(r) for r in range(1, 6)})


@pytest.mark.parametrize("first,last", [(date(2026, 11, 1), date(2026, 11, 20)),
                                        (date(2026, 10, 1), date(2026, 10, 31)),
                                        (date(2026, 11, 16), date(2026, 11, 22))])
def test_every_figure_matches_a_brute_force_recount(services: Services, manager: int, first: date,
                                                    last: date) -> None:
    generate_demo_data(services, cases=500, seed=11)
    now = services.clock.now()
    period = Period(first, last)
    result = DashboardService(services.db, services.clock).figures(period=period, by=manager)
    with services.db.read() as s:
        rows = list(s.scalars(select(ProblemCase)))
        comps = list(s.scalars(select(Compensation)))
        for p, got in ((period, result.current), (period.previous(), result.previous)):
            start = to_utc(datetime.combine(p.first, time()), "Asia/Shanghai")
            end = to_utc(datetime.combine(p.last + timedelta(days=1), time()), "Asia/Shanghai")
            want = _brute(rows, comps, start, end, now)
            for key, value in want.values.items():
                assert got.values[key] == pytest.approx(value, abs=0.11), key
            assert got.age_buckets == want.age_buckets
            assert got.ratings == want.ratings
    assert result.current.values["opened"] > 0


def test_report_dashboard_prints_every_figure_as_json(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from depot_app import cli
    from depot_app.domain.dashboard import FIGURES

    sv = Services.open(sqlite_url)
    sv.operators.ensure_first()
    sv.close()
    assert cli.main(["--db", sqlite_url, "report", "dashboard", "--from", "2026-11-01", "--to", "2026-11-30",
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["figures"]) == {f.key for f in FIGURES}
    assert data["figures"]["opened"]["value"] == 0 and data["figures"]["on_time_rate"]["value"] is None
    assert cli.main(["--db", sqlite_url, "report", "dashboard", "--from", "2026-11-30", "--to",
                     "2026-11-01"]) == 2
