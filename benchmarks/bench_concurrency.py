"""Registrations per second with 1, 2 and 4 writer processes, on PostgreSQL and SQLite.
(A script, not a test.)

Each writer is its own OS process (spawn) with its own ``Services.open(url)``,
as a workstation would be; all start together on a barrier and register
cases on fresh parcels through ``CaseService.register_case`` (validation,
parcel, per-day counter, case, timeline entry, then the detail the desk
shows). The rate is the total over the wall time from the barrier to the
last writer's end. Every run starts on a fresh, migrated database and checks
afterwards that the numbers are unique and gapless.

PostgreSQL is a throwaway server started here (Debian's binaries, as
``tests/pg_server.py`` does) with its default durability (fsync on,
synchronous_commit on) — unlike the test server. SQLite is a file in a
temporary folder, WAL, synchronous=FULL, BEGIN IMMEDIATE + busy_timeout.

Then the change marker the desks poll (``QueryService.change_marker``) is
timed with ``--marker-events`` timeline entries (default 1,000,000) on both.

    python benchmarks/bench_concurrency.py
    python benchmarks/bench_concurrency.py --cases 200 --writers 1 2 4 8 --marker-events 0
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy
from sqlalchemy import select, text

from depot_app.db.engine import Database
from depot_app.db.migrate import upgrade
from depot_app.db.models import ProblemCase
from depot_app.domain.case_numbers import parse_case_no
from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services
from tests.pg_server import find_bin

NOW = datetime(2026, 11, 20, 2, 0, 0)


# ---------------------------------------------------------------- writers
def writer(url: str, photo_dir: str, by: int, worker: int, count: int, barrier: Any) -> tuple[float, float]:
    """Register ``count`` cases; returns (start, end) wall-clock times."""
    sv = Services.open(url, clock=FixedClock(NOW), migrate=False, photo_dir=photo_dir)
    try:
        sv.queries.counts()  # connected and warm before the start
        barrier.wait(120)
        start = time.time()
        for i in range(count):
            sv.cases.register_case(tracking_no=f"SF{9_100_000_000_000 + worker * 1_000_000 + i}",
                                   kind=ProblemKind.DAMAGED, by=by)
        return start, time.time()
    finally:
        sv.close()


def run(url: str, writers: int, total: int, photo_dir: str) -> float:
    """Registrations per second for ``writers`` processes sharing ``total`` registrations."""
    sv = Services.open(url, clock=FixedClock(NOW), photo_dir=photo_dir)
    by = sv.operators.ensure_first().id
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(writers)
        with ctx.Pool(writers) as pool:
            share = [total // writers + (1 if w < total % writers else 0) for w in range(writers)]
            results = [pool.apply_async(writer, (url, photo_dir, by, w, share[w], barrier))
                       for w in range(writers)]
            spans = [r.get(600) for r in results]
    elapsed = max(end for _s, end in spans) - min(start for start, _e in spans)
    with sv.db.read() as s:
        numbers = list(s.scalars(select(ProblemCase.case_no)))
    sv.close()
    seqs = sorted(p.sequence for p in map(parse_case_no, numbers) if p is not None)
    if seqs != list(range(1, total + 1)):
        raise SystemExit(f"case numbers are not 1..{total}: {len(seqs)} cases, {len(set(seqs))} distinct")
    return total / elapsed


# ---------------------------------------------------------------- PostgreSQL
class Server:
    """A throwaway PostgreSQL with default durability, on a free port."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="depot-bench-pg-"))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = ["runuser", "-u", "postgres", "--", *args] if self.as_postgres else list(args)
        subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(initdb, "-D", str(self.dir / "data"), "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust",
                  "-U", "postgres")
        self._run(pg_ctl, "-D", str(self.dir / "data"), "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
                  "-l", str(self.dir / "server.log"), "-w", "start")

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def create(self, name: str, template: str | None = None) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    def version(self) -> str:
        db = Database(self.url("postgres"))
        with db.engine.connect() as conn:
            v = str(conn.execute(text("SHOW server_version")).scalar())
        db.dispose()
        return v

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        try:
            self._run(str(pg_ctl), "-D", str(self.dir / "data"), "-m", "fast", "stop")
        except subprocess.SubprocessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- change marker
def time_marker(url: str, events: int, photo_dir: str) -> tuple[float, float, list[str]]:
    """(median ms of change_marker, median ms of case_stamps for 10 cases, query plan)."""
    sv = Services.open(url, clock=FixedClock(NOW), photo_dir=photo_dir)
    by = sv.operators.ensure_first().id
    ids = [sv.cases.register_case(tracking_no=f"SF{9_800_000_000_000 + i}", kind=ProblemKind.DAMAGED,
                                  by=by).id for i in range(11)]
    bulk, ids = ids[-1], ids[:10]  # the bulk entries go on an 11th case, not on the open tabs
    pg = not sv.db.is_sqlite
    with sv.db.write() as s:
        # Bulk timeline rows on one case: the marker's cost is about the table's size; a
        # tab's stamp reads its own case's entries (tens in real life), timed on the others.
        if pg:
            s.execute(text("INSERT INTO case_event (case_id, at, operator_id, action, detail) "
                           "SELECT :c, :at, :by, 'note', '' FROM generate_series(1, :n)"),
                      {"c": bulk, "at": NOW, "by": by, "n": events})
        else:
            s.execute(text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n) "
                           "INSERT INTO case_event (case_id, at, operator_id, action, detail) "
                           "SELECT :c, :at, :by, 'note', '' FROM n"),
                      {"c": bulk, "at": NOW.isoformat(" "), "by": by, "n": events})
    if pg:
        with sv.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE case_event"))
    plan: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if "max(case_event.id)" in statement and not plan:
            plan.append((statement, params))

    sqlalchemy.event.listen(sv.db.engine, "before_cursor_execute", capture)
    sv.queries.change_marker()
    sqlalchemy.event.remove(sv.db.engine, "before_cursor_execute", capture)
    marker_ms, stamp_ms = [], []
    for _ in range(30):
        t = time.perf_counter()
        sv.queries.change_marker()
        marker_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        sv.queries.case_stamps(ids)
        stamp_ms.append((time.perf_counter() - t) * 1000)
    lines: list[str] = []
    if plan:
        stmt, params = plan[0]
        with sv.db.engine.connect() as conn:
            if pg:
                rows = conn.exec_driver_sql("EXPLAIN " + stmt, params).all()
                lines = [r[0] for r in rows]
            else:
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params).all()
                lines = [r[-1] for r in rows]
    sv.close()
    return statistics.median(marker_ms), statistics.median(stamp_ms), lines


# ---------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=400, help="registrations per run (default 400)")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--marker-events", type=int, default=1_000_000,
                        help="timeline entries for timing the change marker (0: skip)")
    args = parser.parse_args()

    import psycopg

    print("Registrations per second, separate writer processes, one database")
    print(f"  machine: {platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})")
    print(f"  python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
          f"psycopg {psycopg.__version__}, SQLite {sqlite3.sqlite_version}")
    tmp = Path(tempfile.mkdtemp(prefix="depot-bench-conc-"))
    photo_dir = str(tmp / "photos")
    server = Server()
    server.start()
    try:
        print(f"  PostgreSQL {server.version()} on 127.0.0.1 (fsync on), {args.cases} registrations per run")
        template = server.create("bench_template")
        db = Database(template)
        upgrade(db.engine)
        db.dispose()
        sqlite_template = tmp / "template.db"
        db = Database(f"sqlite:///{sqlite_template}")
        upgrade(db.engine)
        db.dispose()

        print(f"\n  {'writers':>7}  {'PostgreSQL /s':>13}  {'SQLite /s':>10}")
        for n in args.writers:
            pg_url = server.create(f"bench_{n}", template="bench_template")
            pg_rate = run(pg_url, n, args.cases, photo_dir)
            target = tmp / f"bench_{n}.db"
            shutil.copy(sqlite_template, target)
            sq_rate = run(f"sqlite:///{target}", n, args.cases, photo_dir)
            print(f"  {n:>7}  {pg_rate:>13.0f}  {sq_rate:>10.0f}", flush=True)
        print("  (numbers checked unique and gapless 1..N after every run)")

        if args.marker_events:
            print(f"\nChange marker with {args.marker_events:,} timeline entries (median of 30)")
            for name, url in (("PostgreSQL", server.create("bench_marker", template="bench_template")),
                              ("SQLite", f"sqlite:///{tmp / 'marker.db'}")):
                if name == "SQLite":
                    shutil.copy(sqlite_template, tmp / "marker.db")
                marker, stamps, plan = time_marker(url, args.marker_events, photo_dir)
                print(f"  {name:<10}  change_marker {marker:6.2f} ms   case_stamps(10 cases) {stamps:6.2f} ms")
                for line in plan:
                    print(f"      {line}")
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
