"""How fast is the case queue with a million cases? (A script, not a test.)

Creates a fresh SQLite database in a temporary folder, migrates it with the
app's own migrations, bulk-inserts N operators' worth of parcels and problem
cases straight through SQLAlchemy Core (``executemany`` in large batches —
only to have something to measure; the app itself never writes like this),
then times the QueryService calls behind the queue: ``count`` and the first
page (``fetch``, limit 200) for each filter and search shape. Each figure is
the median of 5 runs after one warm-up run. Finally it prints SQLite's
``EXPLAIN QUERY PLAN`` of the statements the app actually issued for each
search, to show which indexes are used.

    python benchmarks/bench_queue.py                 # 1,000,000 cases
    python benchmarks/bench_queue.py --cases 300000 --keep
    python benchmarks/bench_queue.py --existing /tmp/x/bench.db   # time a kept database again

The database is deleted afterwards unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy  # noqa: E402
from sqlalchemy import create_engine, event, insert, text  # noqa: E402

from depot_app.db.engine import Database  # noqa: E402
from depot_app.db.migrate import upgrade  # noqa: E402
from depot_app.db.models import Operator, Parcel, ProblemCase  # noqa: E402
from depot_app.domain.case_numbers import format_case_no  # noqa: E402
from depot_app.domain.clock import FixedClock, to_local  # noqa: E402
from depot_app.domain.kinds import ProblemKind  # noqa: E402
from depot_app.domain.vocabulary import CaseStatus  # noqa: E402
from depot_app.services.queries import QueryService, QueueFilter  # noqa: E402

#: "Now" for the benchmark: the newest case was reported just before it.
NOW = datetime(2026, 11, 20, 2, 0, 0)
TZ = "Asia/Shanghai"
BATCH = 50_000
RUNS = 5

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹")
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "欣怡", "子涵", "浩然", "雨桐", "梓萱",
         "宇轩", "思远", "晓燕", "海燕", "建华", "国强", "志明", "婷婷", "佳琪", "俊杰", "文博", "雪梅")
ROADS = ("张杨路", "世纪大道", "东方路", "浦东南路", "杨高中路", "锦绣路", "祖冲之路", "碧波路", "张江路")
ITEMS = ("手机壳", "茶叶礼盒", "儿童玩具", "笔记本电脑", "羽绒服", "运动鞋", "护肤品套装", "图书")
MOBILE = ("135", "136", "137", "138", "139", "150", "151", "158", "159", "177", "180", "186", "188", "199")
OPERATORS = (("王建国", "manager"), ("李晓梅", "clerk"), ("张丽娟", "clerk"), ("陈静", "clerk"),
             ("刘强", "courier"), ("赵磊", "courier"))
KINDS = [k.value for k in ProblemKind]
KIND_WEIGHTS = [13, 2, 4, 3, 12, 1, 1.5, 11, 14, 18, 4, 4, 2, 2, 1.5, 0.8, 2, 1, 0.5, 3]
OPEN_STATUSES = [s.value for s in CaseStatus if s.is_open]
# (tracking-number prefix, digits after it, carrier)
CARRIERS = (("SF1", 12, "sf"), ("YT7", 12, "yto"), ("JT5", 12, "jt"), ("73", 10, "zto"),
            ("77", 11, "sto"), ("43", 11, "yunda"), ("JDX0", 11, "jd"))


# ---------------------------------------------------------------- loading
def _rows(n: int, seed: int) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Batches of (parcel rows, case rows); ids are given so cases can point at parcels."""
    rng = random.Random(seed)
    span = timedelta(days=5 * 365)  # a large depot's five years
    step = span / n
    day_seq: dict[str, int] = {}
    ops = list(range(1, len(OPERATORS) + 1))
    clerks = [2, 3, 4]
    for start in range(0, n, BATCH):
        parcels: list[dict[str, Any]] = []
        cases: list[dict[str, Any]] = []
        for i in range(start, min(n, start + BATCH)):
            pid = i + 1
            prefix, width, carrier = CARRIERS[i % len(CARRIERS)]
            # A permutation of 0..10**width-1 keeps numbers unique yet scattered.
            serial = (i * 7_919_113 + 104_729) % (10 ** width)
            s_phone = rng.choice(MOBILE) + f"{rng.randrange(10 ** 8):08d}"
            r_phone = rng.choice(MOBILE) + f"{rng.randrange(10 ** 8):08d}"
            reported = NOW - span + step * i + timedelta(seconds=rng.randint(0, 60))
            parcels.append({
                "id": pid, "tracking_no": f"{prefix}{serial:0{width}d}", "carrier": carrier,
                "scope": "domestic",
                "sender_name": rng.choice(SURNAMES) + rng.choice(GIVEN), "sender_phone": s_phone,
                "sender_phone_last4": s_phone[-4:],
                "sender_address": f"浙江省杭州市西湖区文三路{rng.randint(1, 999)}号",
                "recipient_name": rng.choice(SURNAMES) + rng.choice(GIVEN), "recipient_phone": r_phone,
                "recipient_phone_last4": r_phone[-4:],
                "recipient_address": f"上海市浦东新区{rng.choice(ROADS)}{rng.randint(1, 1800)}弄{rng.randint(1, 60)}号",
                "item_description": rng.choice(ITEMS), "declared_value": Decimal(rng.randint(20, 3000)),
                "insured_value": None, "freight": Decimal(rng.randint(6, 30)), "cod_amount": None,
                "weight_g": rng.randint(100, 5000), "last_scan_at": None, "created_at": reported,
                "updated_at": reported, "version": 1,
            })
            kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
            age = NOW - reported
            # Open: nearly all of the last few days, a thin tail of stuck older cases.
            is_open = age < timedelta(days=3) or rng.random() < 0.01
            status = rng.choice(OPEN_STATUSES) if is_open else ("cancelled" if rng.random() < 0.01 else "closed")
            due = reported + timedelta(hours=rng.choice((24, 48, 72, 120, 168)))
            contact = reported + timedelta(hours=rng.uniform(0.2, 20))
            local_day = to_local(reported, TZ).date()
            key = local_day.isoformat()
            day_seq[key] = day_seq.get(key, 0) + 1
            cases.append({
                "id": pid, "case_no": format_case_no("SH01", local_day, day_seq[key]), "parcel_id": pid,
                "kind": kind, "status": status, "priority": "normal", "report_channel": "courier",
                "reporter_name": "", "reporter_contact": "", "description": "", "assignee_id": rng.choice(clerks),
                "created_by_id": rng.choice(ops), "reported_at": reported, "updated_at": reported,
                "due_at": due,
                "first_response_due_at": reported + timedelta(hours=24) if kind == "service_complaint" else None,
                "first_contact_at": contact, "last_contact_at": contact,
                "last_contact_outcome": "reached",
                "closed_at": None if is_open else reported + timedelta(hours=rng.uniform(2, 100)),
                "final_outcome": None if is_open or status == "cancelled" else "signed",
                "satisfaction": None if is_open else rng.choice((3, 4, 4, 5, 5, 5)),
                "close_note": "", "is_open": is_open, "version": 1,
            })
        yield parcels, cases


def load(path: Path, n: int, seed: int) -> float:
    """Migrate and fill the database; returns the seconds spent inserting."""
    app_db = Database(f"sqlite:///{path}")
    upgrade(app_db.engine)
    app_db.dispose()
    # The bulk load uses a plain engine without the app's per-commit fsync.
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi: Any, _rec: Any) -> None:
        dbapi.execute("PRAGMA synchronous=OFF")
        dbapi.execute("PRAGMA cache_size=-1000000")  # 1 GB page cache while loading

    began = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(Operator), [
            {"id": i, "name": name, "role": role, "active": True, "created_at": NOW - timedelta(days=2000)}
            for i, (name, role) in enumerate(OPERATORS, start=1)])
    done = 0
    for parcels, cases in _rows(n, seed):
        with engine.begin() as conn:
            conn.execute(insert(Parcel), parcels)
            conn.execute(insert(ProblemCase), cases)
        done += len(cases)
        rate = done / (time.perf_counter() - began)
        print(f"\r  inserted {done:>9,} cases ({rate:,.0f}/s)", end="", flush=True)
    print()
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return time.perf_counter() - began


# ---------------------------------------------------------------- timing
def median_ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    result = fn()  # warm-up
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def capture(engine: sqlalchemy.Engine, fn: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) ``fn`` sends to the database."""
    seen: list[tuple[str, Any]] = []

    def listener(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "depot_setting" not in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return seen


def explain(path: Path, statement: str, parameters: Any) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        rows = conn.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    finally:
        conn.close()
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000, help="number of cases (default 1,000,000)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--dir", type=Path, help="folder for the database (default: a new temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--no-explain", action="store_true", help="skip the query plans")
    ap.add_argument("--explain-all", action="store_true", help="plans of every query, not only searches and slow ones")
    ap.add_argument("--existing", type=Path, help="time this database (made with --keep) instead of loading one")
    args = ap.parse_args(argv)
    print(f"  machine: {platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})")
    print(f"  python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"SQLAlchemy {sqlalchemy.__version__}")
    if args.existing:
        with sqlite3.connect(str(args.existing)) as conn:
            args.cases = conn.execute("SELECT count(*) FROM problem_case").fetchone()[0]
        print(f"Depot Desk queue benchmark: {args.cases:,} cases in {args.existing} (existing)")
        run(args.existing, args)
        return

    folder = args.dir or Path(tempfile.mkdtemp(prefix="depot-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.db"
    if path.exists():
        path.unlink()
    print(f"Depot Desk queue benchmark: {args.cases:,} cases in {path}")
    try:
        seconds = load(path, args.cases, args.seed)
        size = path.stat().st_size / 2 ** 20
        print(f"  load: {seconds:,.1f} s ({args.cases / seconds:,.0f} cases/s), file {size:,.0f} MiB")
        run(path, args)
    finally:
        if args.keep:
            print(f"  kept {path}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(path: Path, args: argparse.Namespace) -> None:
    db = Database(f"sqlite:///{path}")  # the app's own engine settings
    queries = QueryService(db, FixedClock(NOW))
    # Real values to search for, taken from the middle of the data.
    with db.engine.connect() as conn:
        probe = conn.execute(text(
            "SELECT p.tracking_no, p.recipient_phone, p.recipient_name, c.case_no, c.assignee_id "
            "FROM problem_case c JOIN parcel p ON p.id = c.parcel_id WHERE c.id = :id"),
            {"id": args.cases // 2 + 1}).one()
    tracking, phone, name, case_no, assignee = probe
    prefix = tracking[:8]
    scenarios: list[tuple[str, QueueFilter, bool]] = [
        ("no filter, by due time", QueueFilter(), False),
        ("open only", QueueFilter(open_only=True), False),
        ("open + overdue", QueueFilter(open_only=True, overdue_only=True), False),
        (f"tracking no. {tracking}", QueueFilter(text=tracking), True),
        (f"tracking prefix {prefix}", QueueFilter(text=prefix), True),
        (f"case no. {case_no}", QueueFilter(text=case_no), True),
        (f"full phone {phone[:3]}****{phone[-4:]}", QueueFilter(text=phone), True),
        (f"last 4 digits {phone[-4:]}", QueueFilter(text=phone[-4:]), True),
        (f"name {name}", QueueFilter(text=name), True),
        (f"surname only {name[0]}", QueueFilter(text=name[0]), True),
        ("kind = damaged", QueueFilter(kinds=frozenset({ProblemKind.DAMAGED})), False),
        ("kind = damaged, open", QueueFilter(kinds=frozenset({ProblemKind.DAMAGED}), open_only=True), False),
        (f"assignee #{assignee}", QueueFilter(assignee_id=assignee), False),
        (f"assignee #{assignee}, open", QueueFilter(assignee_id=assignee, open_only=True), False),
    ]
    print()
    print(f"  {'query (median of 5 runs, ms)':<38} {'count':>9} {'count ms':>9} {'page ms':>9} {'rows':>5}")
    print("  " + "-" * 74)
    slow: list[str] = []
    plans: list[tuple[str, list[tuple[str, Any]]]] = []
    for label, flt, is_search in scenarios:
        count_ms, count = median_ms(lambda flt=flt: queries.count(flt))
        page_ms, rows = median_ms(lambda flt=flt: queries.fetch(flt, sort="due_at", limit=200))
        flag = " *" if max(count_ms, page_ms) > 50 else ""
        if flag:
            slow.append(label)
        print(f"  {label:<38} {count:>9,} {count_ms:>9.1f} {page_ms:>9.1f} {len(rows):>5}{flag}")
        if is_search or flag or args.explain_all:
            plans.append((label, capture(db.engine, lambda flt=flt: (queries.count(flt), queries.fetch(flt)))))
    print("  (* = over 50 ms)")
    if not args.no_explain:
        print("\nEXPLAIN QUERY PLAN of the statements the app issued (count, then first page):")
        for label, statements in plans:
            print(f"\n== {label}")
            for statement, parameters in statements:
                head = re.sub(r"\s+", " ", statement)[:90]
                print(f"  -- {head}…")
                for line in explain(path, statement, parameters):
                    print(f"     {line}")
    db.dispose()


if __name__ == "__main__":
    main()
