"""Every dashboard figure recomputed by brute force from the case rows of a seeded demo database."""

from __future__ import annotations

import statistics
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from depot_app.db.models import Compensation, Parcel, ProblemCase, Resolution
from depot_app.domain.clock import to_utc
from depot_app.domain.dashboard import FIGURE_BY_KEY, FIGURES, Drill, Period, age_bucket
from depot_app.domain.errors import ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services
from depot_app.services.dashboard import PeriodFigures
from depot_app.services.demo import generate_demo_data
from depot_app.services.queries import QueueFilter


def _brute(rows: list[ProblemCase], comps: list[Compensation], start: datetime, end: datetime,
           now: datetime, resolutions: list[Resolution] | None = None) -> PeriodFigures:
    at = min(now, end)
    cohort = [c for c in rows if start <= c.reported_at < end]
    closed = [c for c in rows if c.status == "closed" and c.closed_at and start <= c.closed_at < end]
    live_cases = [c for c in cohort if c.status != "cancelled"]
    met = sum(1 for c in live_cases if c.status == "closed" and c.closed_at <= c.due_at)
    missed = sum(1 for c in live_cases if (c.status == "closed" and c.closed_at > c.due_at)
                 or (c.status != "closed" and c.due_at < now))
    compl = [c for c in live_cases if c.first_response_due_at is not None]
    c_met = sum(1 for c in compl if c.first_contact_at is not None and c.first_contact_at <= c.first_response_due_at)
    c_missed = sum(1 for c in compl if (c.first_contact_at is not None and c.first_contact_at > c.first_response_due_at)
                   or (c.first_contact_at is None and c.first_response_due_at < now))
    open_at = [c for c in rows if c.reported_at < at and (c.is_open or (
        c.status in ("closed", "cancelled") and c.closed_at is not None and c.closed_at >= at))]
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
    cohort_ids = {c.id for c in cohort}
    live: dict[int, int] = {}
    for r in resolutions or []:
        if r.case_id in cohort_ids and r.state not in ("superseded", "rejected"):
            live[r.case_id] = max(live.get(r.case_id, 0), r.id)
    ledger = [p for p in comps if p.resolution_id in set(live.values())]
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
        "complaints": sum(1 for c in cohort if ProblemKind(c.kind).info.is_complaint),
        "parcel_volume": None, "case_rate_per_10k": None, "complaint_rate_per_10k": None,
        "cancelled": sum(1 for c in cohort if c.status == "cancelled"), "met_due": met, "missed_due": missed,
        "pending_due": sum(1 for c in live_cases if c.status != "closed" and c.due_at >= now),
        "rated": len(rated), "compensations": len(ledger),
        "compensation_total": float(sum((p.amount for p in ledger), Decimal(0))),
        "compensation_total_paid": float(sum((p.amount for p in ledger if p.paid_at), Decimal(0))),
    }, age_buckets=buckets, ratings={r: rated.count(r) for r in range(1, 6)})


PERIODS = [(date(2026, 11, 1), date(2026, 11, 20)), (date(2026, 10, 1), date(2026, 10, 31)),
           (date(2026, 11, 16), date(2026, 11, 22))]


def _bounds(p: Period) -> tuple[datetime, datetime]:
    return (to_utc(datetime.combine(p.first, time()), "Asia/Shanghai"),
            to_utc(datetime.combine(p.last + timedelta(days=1), time()), "Asia/Shanghai"))


def _local_day(moment: datetime) -> str:
    return (moment + timedelta(hours=8)).date().isoformat()


def test_every_figure_matches_a_brute_force_recount(services: Services, manager: int) -> None:
    generate_demo_data(services, cases=500, seed=11)
    now = services.clock.now()
    with services.db.read() as s:
        rows = list(s.scalars(select(ProblemCase)))
        comps = list(s.scalars(select(Compensation)))
        resolutions = list(s.scalars(select(Resolution)))
        carriers = {p.id: p.carrier for p in s.scalars(select(Parcel))}
        s.expunge_all()  # plain snapshots, read after the session ends
    for first, last in PERIODS:
        period = Period(first, last)
        result = services.dashboard.figures(period=period, by=manager, details=True)
        for p, got in ((period, result.current), (period.previous(), result.previous)):
            start, end = _bounds(p)
            want = _brute(rows, comps, start, end, now, resolutions)
            assert set(got.values) == set(want.values) == set(FIGURE_BY_KEY)
            for key, value in want.values.items():
                assert got.values[key] == pytest.approx(value, abs=0.11), (p, key)
            assert got.age_buckets == want.age_buckets
            assert got.ratings == want.ratings
            assert got.volume_missing_days == p.days
        # The per-day series and the breakdowns of the period itself.
        start, end = _bounds(period)
        days = [(period.first + timedelta(days=i)).isoformat() for i in range(period.days)]
        assert result.current.opened_by_day == {d: sum(1 for c in rows if start <= c.reported_at < end
                                                       and _local_day(c.reported_at) == d) for d in days}
        assert result.current.closed_by_day == {d: sum(1 for c in rows if c.status == "closed" and c.closed_at
                                                       and start <= c.closed_at < end
                                                       and _local_day(c.closed_at) == d) for d in days}
        at = min(now, end)
        brute = _brute(rows, comps, start, end, now)
        for name, key_of in (("kind", lambda c: c.kind), ("handler", lambda c: str(c.assignee_id or 0)),
                             ("carrier", lambda c: carriers[c.parcel_id])):
            got_rows = {r.key: r for r in result.breakdowns[name]}
            for key in {key_of(c) for c in rows}:
                mine = [c for c in rows if key_of(c) == key]
                want_b = _brute(mine, [], start, end, now)
                row = got_rows.get(key)
                got_t = (row.opened, row.closed, row.open_end, row.overdue_end) if row else (0, 0, 0, 0)
                assert got_t == (want_b.values["opened"], want_b.values["closed"], want_b.values["open_now"],
                                 want_b.values["overdue_now"]), (name, key)
            assert sum(r.open_end for r in result.breakdowns[name]) == brute.values["open_now"]
        assert at <= now
    assert result.current.values["opened"] > 0
    assert any((p.values["compensations"] or 0) > 0 for p in (result.current, result.previous))
    # The dashboard itself reads every headline figure, the same values, but not the ledger's details.
    shown = services.dashboard.figures(period=period, by=manager)
    ledger = {"compensations", "compensation_total", "compensation_total_paid"}
    assert set(shown.current.values) == set(FIGURE_BY_KEY) - ledger >= {f.key for f in FIGURES}
    assert shown.current.values == {k: v for k, v in result.current.values.items() if k not in ledger}


def test_the_queue_shows_the_cases_behind_each_figure(services: Services, manager: int) -> None:
    generate_demo_data(services, cases=300, seed=5)
    period = Period(date(2026, 11, 1), date(2026, 11, 20))
    result = services.dashboard.figures(period=period, by=manager)
    cur = result.current

    def count(**kw: object) -> int:
        return services.queries.count(QueueFilter(drill=Drill(period=period, **kw)))  # type: ignore[arg-type]

    assert count(what="opened") == cur.values["opened"] > 0
    assert count(what="closed") == cur.values["closed"]
    assert count(what="open_end") == cur.values["open_now"] > 0
    assert count(what="overdue_end") == cur.values["overdue_now"]
    assert count(what="complaints") == cur.values["complaints"]
    assert count(what="awaiting_approval") == cur.values["awaiting_approval"]
    assert count(what="rated") == sum(cur.ratings.values())
    for bucket, n in cur.age_buckets.items():
        assert count(what="open_end", bucket=bucket) == n, bucket
    for rating, n in cur.ratings.items():
        assert count(what="rated", rating=rating) == n
    for day, n in cur.opened_by_day.items():
        assert count(what="opened", day=date.fromisoformat(day)) == n
    for name, field_name in (("kind", "kind"), ("handler", "assignee_id"), ("carrier", "carrier")):
        for row in result.breakdowns[name]:
            value: object = int(row.key) if field_name == "assignee_id" else row.key
            assert count(what="open_end", **{field_name: value}) == row.open_end
            assert count(what="opened", **{field_name: value}) == row.opened
    now = services.clock.now()
    start, end = _bounds(period)
    with services.db.read() as s:
        rows = list(s.scalars(select(ProblemCase)))
        s.expunge_all()
    assert count(what="late") == sum(1 for c in rows if start <= c.reported_at < end and c.status != "cancelled"
                                     and ((c.status == "closed" and c.closed_at > c.due_at)
                                          or (c.status != "closed" and c.due_at < now)))
    # A drill narrows whatever else the queue is filtered by.
    assert services.queries.count(QueueFilter(open_only=True, drill=Drill("opened", period))) <= count(what="opened")


def test_rates_per_10000_parcels_need_every_day_of_the_volume(services: Services, manager: int) -> None:
    generate_demo_data(services, cases=200, seed=3)
    period = Period(date(2026, 11, 1), date(2026, 11, 10))
    services.volume.set_days(values={period.first + timedelta(days=i): 2000 for i in range(9)}, by=manager)
    missing = services.dashboard.figures(period=period, by=manager).current
    assert missing.volume_missing_days == 1
    assert missing.values["parcel_volume"] is None and missing.values["complaint_rate_per_10k"] is None
    services.volume.set_days(values={period.last: 2000}, by=manager)
    full = services.dashboard.figures(period=period, by=manager).current
    assert full.volume_missing_days == 0 and full.values["parcel_volume"] == 20000
    assert full.values["case_rate_per_10k"] == round(int(full.values["opened"] or 0) * 10000 / 20000, 2)
    assert full.values["complaint_rate_per_10k"] == round(int(full.values["complaints"] or 0) / 2, 2)


def test_a_volume_list_is_imported_whole_or_not_at_all(services: Services, manager: int, tmp_path: Path) -> None:
    good = tmp_path / "volume.csv"
    good.write_bytes("日期,业务量\n2026-11-01,1850\n2026/11/02,\"2,031\"\n2026年11月3日,1999\n".encode("gbk"))
    assert services.volume.import_file(path=good, by=manager) == 3
    assert [(d.day.day, d.parcels, d.source) for d in services.volume.days(
        first=date(2026, 11, 1), last=date(2026, 11, 30))] == [(1, 1850, "import"), (2, 2031, "import"),
                                                                 (3, 1999, "import")]
    bad = tmp_path / "bad.csv"
    bad.write_text("date,parcels\n2026-11-04,100\n2026-13-01,5\n2026-11-05,many\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        services.volume.import_file(path=bad, by=manager)
    assert "row 3" in info.value.en and "row 4" in info.value.en and "nothing was changed" in info.value.en
    assert "第 3 行" in info.value.zh
    assert len(services.volume.days(first=date(2026, 11, 1), last=date(2026, 11, 30))) == 3
    with pytest.raises(ValidationError):
        services.volume.set_days(values={date(2026, 11, 9): -5}, by=manager)
    entries = services.audit.entries(by=manager)
    assert sum(1 for e in entries if e.action == "volume_changed") == 3


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
