"""Every desk benchmark on one big depot, from one command. (A script, not a test.)

Makes the database once with ``depot-app demo-data --cases N`` (the bulk
path: a template through the services, copied in SQLite) in a temporary or
given folder, or reuses one given with ``--db``, then measures:

* cold start: a new process (interpreter start included) until the main
  window, offscreen, shows the first queue rows;
* scan -> case open in that window: the scan as typed in the scan box until
  the case's tab is open, and the data behind it (desk scan recorded, open
  case found, case detail read) through the services;
* each search kind (tracking no., phone tail 尾号, name, pinyin, case no.)
  and a filter change: the queue's first page and its count, as the window
  asks them;
* scrolling memory: the window's RSS while the whole default queue is
  scrolled to its end, batch after batch;
* the dashboard (``DashboardService.figures``) for last month and this month.

Figures are medians of several runs after a warm-up; the machine is printed.

    python benchmarks/run_all.py --cases 1000000              # builds in a temp folder
    python benchmarks/run_all.py --cases 1000000 --dir /tmp/big --keep
    python benchmarks/run_all.py --db /tmp/big/depot.db       # measure a kept database again
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 7
TARGETS = {"start": 1500.0, "search": 50.0, "scan": 100.0, "dashboard": 300.0}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        one, five, fifteen = os.getloadavg()
        load = f"load average {one:.1f}/{five:.1f}/{fifteen:.1f}"
    except OSError:
        load = ""
    import sqlite3

    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; {load}")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


# ------------------------------------------------------------------ the window (child process)
def child(db: str, started: float, scan_no: str) -> None:
    """Run in a fresh process: time the window's start, a scan, and scrolling; print JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from depot_app.config import AppConfig, UserPreferences
    from depot_app.services import Services
    from depot_app.ui.application import build_context, make_application
    from depot_app.ui.common.i18n import LanguageManager
    from depot_app.ui.main_window import MainWindow

    imported = time.time() - started
    # As ``run_gui`` does, less the sign-in dialog (a person's step): the clerk is signed in.
    app = make_application()
    LanguageManager.instance().set_language("zh_CN")
    config = AppConfig(data_dir=Path(db).parent, db_url=f"sqlite:///{db}")
    services = Services.open(config.db_url, backup_dir=str(config.backup_dir), photo_dir=config.photo_dir)
    operator = next(op for op in services.queries.operators() if op.name == "李晓梅")
    ctx = build_context(config, services, operator, UserPreferences())
    opened_services = time.time() - started
    window = MainWindow(ctx)
    window.resize(1400, 900)
    window.show()
    shown = time.time() - started
    deadline = time.monotonic() + 120
    while window.model.rowCount() == 0 and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    window.table.viewport().repaint()
    first_rows = time.time() - started
    out: dict[str, Any] = {"start_ms": first_rows * 1000, "start_rows": window.model.rowCount(),
                           "start_parts": f"imports {imported:.2f} s, services {opened_services:.2f} s, "
                                          f"window shown {shown:.2f} s"}
    if not scan_no:  # --starts: the start alone
        print("RESULT " + json.dumps(out), flush=True)
        window.close()
        services.close()
        return

    # Scan -> the case's tab open.
    opened: list[int] = []
    window.sig_case_opened.connect(opened.append)
    scans = []
    for _ in range(3):
        opened.clear()
        t = time.perf_counter()
        window._scan_number(scan_no)
        while not opened and time.perf_counter() - t < 30:
            app.processEvents()
            time.sleep(0.0005)
        app.processEvents()
        scans.append((time.perf_counter() - t) * 1000)
    out["scan_open_ms"] = statistics.median(scans)
    out["scan_runs"] = ", ".join(f"{ms:.0f}" for ms in scans)
    window.tabs.setCurrentIndex(0)

    # Scroll the whole default queue to its end.
    app.processEvents()
    before = rss_mb()
    peak = before
    t = time.perf_counter()
    while window.model.canFetchMore() and time.perf_counter() - t < 300:
        window.table.scrollToBottom()
        app.processEvents()
        peak = max(peak, rss_mb())
    window.table.scrollToBottom()
    app.processEvents()
    out.update(scroll_rows=window.model.rowCount(), scroll_s=time.perf_counter() - t,
               rss_before_mb=before, rss_peak_mb=max(peak, rss_mb()))
    print("RESULT " + json.dumps(out), flush=True)
    window.close()
    services.close()


def run_child(db: Path, scan_no: str) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    proc = subprocess.run([sys.executable, __file__, "--child", str(db), "--started", repr(started),
                           "--scan", scan_no], capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[7:]))
    raise SystemExit(f"window benchmark failed:\n{proc.stdout}\n{proc.stderr}")


# ------------------------------------------------------------------ the services
def build(folder: Path, cases: int) -> Path:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "depot_app", "--data-dir", str(folder), "demo-data",
                    "--cases", str(cases)], check=True, cwd=ROOT)
    print(f"built {cases:,} cases in {time.perf_counter() - t:.0f} s -> {folder / 'depot.db'}")
    return folder / "depot.db"


def measure(db: Path) -> list[tuple[str, str, float | None, str]]:
    from sqlalchemy import func, select

    from depot_app.db.models import Parcel, ProblemCase
    from depot_app.domain.dashboard import Period
    from depot_app.domain.kinds import ProblemKind
    from depot_app.services import Services
    from depot_app.services.dashboard import DashboardService
    from depot_app.services.queries import QueueFilter
    from depot_app.services.search_keys import name_keys

    sv = Services.open(f"sqlite:///{db}")
    q = sv.queries
    with sv.db.read() as s:
        total = s.scalar(select(func.count()).select_from(ProblemCase)) or 0
        middle = s.execute(select(ProblemCase.case_no, Parcel.tracking_no, Parcel.recipient_phone,
                                  Parcel.recipient_name)
                           .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                           .where(ProblemCase.id >= total // 2).order_by(ProblemCase.id).limit(1)).one()
        open_case = s.execute(select(ProblemCase.id, Parcel.tracking_no)
                              .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                              .where(ProblemCase.is_open).order_by(ProblemCase.id.desc()).limit(1)).one()
    case_no, tracking, phone, name = middle
    pinyin = max(name_keys(name), key=len)
    clerk = next(op.id for op in sv.queries.operators() if op.name == "李晓梅")
    manager = next(op.id for op in sv.queries.operators() if op.name == "王建国")
    rows: list[tuple[str, str, float | None, str]] = [("cases in the database", f"{total:,}", None, "")]

    def page(flt: QueueFilter) -> Callable[[], Any]:
        return lambda: (q.fetch(flt, sort="due_at", offset=0, limit=200), q.count(flt))

    for label, text in ((f"search: tracking no. {tracking}", tracking), (f"search: 尾号 {phone[-4:]}", phone[-4:]),
                        (f"search: name {name}", name), (f"search: pinyin {pinyin}", pinyin),
                        (f"search: case no. {case_no}", case_no)):
        hits = q.count(QueueFilter(text=text))
        rows.append((label, f"{hits:,} hits", median_ms(page(QueueFilter(text=text))), "search"))
    flt = QueueFilter(kinds=frozenset({ProblemKind.DAMAGED}), open_only=True)
    rows.append(("filter change: open + kind damaged", f"{q.count(flt):,} rows",
                 median_ms(page(flt)), "search"))
    flt = QueueFilter(kinds=frozenset({ProblemKind.DAMAGED}))
    rows.append(("filter change: kind damaged (all)", f"{q.count(flt):,} rows", median_ms(page(flt)), "search"))

    def scan() -> None:
        sv.tracking.record_desk_scan(tracking_no=open_case[1], by=clerk)
        found = q.open_case_for_tracking(open_case[1])
        sv.cases.detail(found[0].id)

    rows.append(("scan -> case data (desk scan, open case, detail)", open_case[1], median_ms(scan), "scan"))

    dash = DashboardService(sv.db, sv.clock)
    today = sv.clock.now().date()
    first = today.replace(day=1)
    last_month = Period((first - timedelta(days=1)).replace(day=1), first - timedelta(days=1))
    with sv.db.read() as s:  # the month with the most cases reported (depot-local months ~ UTC months here)
        month = func.substr(ProblemCase.reported_at, 1, 7)
        busiest, busiest_n = s.execute(select(month, func.count()).group_by(month)
                                       .order_by(func.count().desc()).limit(1)).one()
    year, mon = (int(x) for x in str(busiest).split("-"))
    busiest_first = date(year, mon, 1)
    busiest_period = Period(busiest_first, (busiest_first + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    for label, period in (("dashboard: last month", last_month), ("dashboard: this month to date",
                                                                    Period(first, today)),
                          (f"dashboard: busiest month ({busiest_n:,} cases)", busiest_period)):
        rows.append((label, f"{period.first}..{period.last}",
                     median_ms(lambda p=period: dash.figures(period=p, by=manager), runs=3), "dashboard"))
    sv.close()
    window = run_child(db, open_case[1])
    rows.insert(1, ("cold start -> first queue rows (new process, offscreen)",
                    f"{window['start_rows']} rows; {window['start_parts']}", window["start_ms"], "start"))
    rows.insert(2, ("scan -> case tab open (window)", f"{open_case[1]}; runs {window['scan_runs']} ms",
                    window["scan_open_ms"], "scan"))
    rows.append(("scrolling the whole default queue: RSS",
                 f"{window['scroll_rows']:,} rows in {window['scroll_s']:.1f} s, "
                 f"{window['rss_before_mb']:.0f} -> {window['rss_peak_mb']:.0f} MB peak", None, ""))
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="measure this SQLite file (made by depot-app demo-data)")
    ap.add_argument("--dir", type=Path, help="build the database in this folder (kept)")
    ap.add_argument("--keep", action="store_true", help="keep a temporary database")
    ap.add_argument("--starts", type=int, metavar="N",
                    help="only time N cold starts of the window on --db (one after another)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--started", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--scan", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child, args.started, args.scan or "")
        return
    print(f"machine: {machine()}")
    if args.starts:
        if not args.db:
            raise SystemExit("--starts needs --db")
        for n in range(args.starts):
            got = run_child(args.db, "")
            print(f"start {n + 1}: {got['start_ms']:.0f} ms ({got['start_parts']})")
        return
    temp: Path | None = None
    if args.db:
        db = args.db
    else:
        folder = args.dir or Path(tempfile.mkdtemp(prefix="depot-bench-"))
        temp = None if args.dir or args.keep else folder
        db = build(folder, args.cases)
    try:
        rows = measure(db)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    print(f"\n{'measurement':58} {'figure':>10}  {'target':>8}  detail")
    for label, detail, ms, target in rows:
        figure = f"{ms:8.1f} ms" if ms is not None else ""
        goal = f"<= {TARGETS[target]:.0f} ms" if target else ""
        miss = "  MISSED" if ms is not None and target and ms > TARGETS[target] else ""
        print(f"{label:58} {figure:>10}  {goal:>8}  {detail}{miss}")
    print(f"\nmachine: {machine()}  ({date.today()})")


if __name__ == "__main__":
    main()
