"""Dashboard figures at 1,000,000 cases on SQLite: every figure of a month and the month before.

Builds the depot with a bulk insert (two years of cases, about 4% open), then
times ``DashboardService.figures`` for the month before the clock's month and
for the current month to date, and prints the median of several runs and the
machine. Usage: ``python benchmarks/bench_dashboard.py [--cases N] [--db FILE]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta

from sqlalchemy import event

from depot_app.domain.clock import FixedClock
from depot_app.domain.dashboard import Period
from depot_app.services import Services
from depot_app.services.dashboard import DashboardService

NOW = datetime(2026, 11, 20, 2, 0)
KINDS = ("damaged", "lost", "delayed", "refused", "unreachable", "service_complaint", "held_at_hub")
OPEN = ("registered", "investigating", "awaiting_customer", "in_progress", "awaiting_approval")


def build(sv: Services, n: int) -> None:
    rng = random.Random(5)
    manager = sv.operators.ensure_first().id
    with sv.db.engine.begin() as conn:
        raw = conn.connection.driver_connection
        parcels, cases = [], []
        for i in range(1, n + 1):
            reported = NOW - timedelta(minutes=rng.randrange(0, 730 * 24 * 60))
            age_h = (NOW - reported).total_seconds() / 3600
            kind = rng.choice(KINDS)
            due = reported + timedelta(hours=rng.choice((24, 48, 72)))
            fr_due = reported + timedelta(hours=24) if kind == "service_complaint" else None
            first = reported + timedelta(minutes=rng.randrange(5, 3000)) if rng.random() < 0.9 else None
            still_open = age_h < 24 * 30 and rng.random() < 0.6 or rng.random() < 0.01
            status = rng.choice(OPEN) if still_open else ("cancelled" if rng.random() < 0.03 else "closed")
            closed = None if still_open else reported + timedelta(minutes=rng.randrange(30, 9000))
            if closed is not None and closed > NOW:
                closed = NOW
            rating = rng.randint(1, 5) if status == "closed" and rng.random() < 0.8 else None
            parcels.append((i, f"SF{i:013d}", "sf", "domestic", reported, reported))
            cases.append((i, f"SH01-B{i:09d}", i, "sf", kind, status, "normal", "counter", "", "", "", manager,
                          manager, reported, reported, due, fr_due, first, closed, rating, "",
                          status not in ("closed", "cancelled"), 1))
        raw.executemany("INSERT INTO parcel (id, tracking_no, carrier, scope, sender_name, sender_phone, "
                        "sender_phone_last4, sender_address, recipient_name, recipient_phone, "
                        "recipient_phone_last4, recipient_address, item_description, created_at, updated_at, "
                        "version) VALUES (?, ?, ?, ?, '', '', '', '', '', '', '', '', '', ?, ?, 1)", parcels)
        raw.executemany("INSERT INTO problem_case (id, case_no, parcel_id, carrier, kind, status, priority, "
                        "report_channel, reporter_name, reporter_contact, description, assignee_id, created_by_id, "
                        "reported_at, "
                        "updated_at, due_at, first_response_due_at, first_contact_at, closed_at, satisfaction, "
                        "close_note, is_open, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "?, ?, ?, ?, ?, ?)", cases)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--db", help="reuse this SQLite file (built when missing)")
    args = ap.parse_args()
    path = args.db or os.path.join(tempfile.mkdtemp(), "bench.db")
    fresh = not os.path.exists(path)
    sv = Services.open(f"sqlite:///{path}", clock=FixedClock(NOW))
    if fresh:
        t = time.perf_counter()
        build(sv, args.cases)
        print(f"built {args.cases:,} cases in {time.perf_counter() - t:.0f} s")
    manager = sv.operators.ensure_first().id
    service = DashboardService(sv.db, sv.clock)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, SQLite")
    statements: list[str] = []
    event.listen(sv.db.engine, "before_cursor_execute",
                 lambda _conn, _cur, stmt, *_rest: statements.append(stmt))
    for name, period in (("last month", Period(date(2026, 10, 1), date(2026, 10, 31))),
                         ("this month to date", Period(date(2026, 11, 1), date(2026, 11, 20)))):
        times = []
        statements.clear()
        service.figures(period=period, by=manager)
        count = len(statements)
        for _ in range(5):
            t = time.perf_counter()
            service.figures(period=period, by=manager)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{name} (+ the period before): median {statistics.median(times):.0f} ms, "
              f"min {min(times):.0f} ms over {len(times)} runs, {count} statements")
    sv.close()


if __name__ == "__main__":
    main()
