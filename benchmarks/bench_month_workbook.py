"""How much does the monthly workbook cost over openpyxl itself? (A script, not a test.)

Creates a fresh SQLite database in a temporary folder, migrates it with the
app's own migrations and bulk-inserts one month of N problem cases (default
100,000) with their parcels, operators and some compensations straight
through SQLAlchemy Core — only to have something to measure; the app itself
never writes like this. Then, in the same run:

1. ``MonthlyExportService.export_month`` writes the month's workbook (masked,
   as by default): database streaming, labels, local times, masking, the
   summary, the four sheets and the two charts. Peak memory of this step is
   taken from ``ru_maxrss`` — the database is loaded by a child process, so
   this process holds nothing else of size before the export — and, with
   ``--tracemalloc``, from a second, separate run under ``tracemalloc`` (which
   slows Python down, so that run is not timed).
2. A bare openpyxl write-only loop writes *the same cells*: every value of
   every sheet of the workbook from step 1 is read back first (not timed) with
   its number format, money turned back into ``Decimal``; the loop then
   appends them row by row, making a ``WriteOnlyCell`` with its
   ``number_format`` for each formatted value, as the openpyxl documentation
   does, plus the same column widths, frozen panes and charts.
3. The same bare loop, but with the one trick the exporter uses (one styled
   cell per column reused from row to row), to show what is openpyxl's cost
   and what is ours.

    python benchmarks/bench_month_workbook.py              # 100,000 cases
    python benchmarks/bench_month_workbook.py --cases 20000 --keep

Target: export / bare ≤ 1.5 and export peak memory < 300 MB.

Both wall-clock and CPU time (``time.process_time``) are printed; the ratio
is given for both. On a shared machine the CPU-time ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
import sqlalchemy  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402
from openpyxl.chart import BarChart, LineChart, Reference  # noqa: E402
from openpyxl.styles import Font  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from depot_app.db.engine import Database  # noqa: E402
from depot_app.db.migrate import upgrade  # noqa: E402
from depot_app.db.models import Compensation, Operator, Parcel, ProblemCase, Resolution  # noqa: E402
from depot_app.domain.case_numbers import format_case_no  # noqa: E402
from depot_app.domain.clock import FixedClock, local_date, to_utc  # noqa: E402
from depot_app.domain.kinds import ProblemKind  # noqa: E402
from depot_app.domain.vocabulary import CaseStatus, FinalOutcome, ReportChannel  # noqa: E402
from depot_app.export.excel_month import MONEY_FORMAT  # noqa: E402
from depot_app.services.monthly import MonthlyExportService  # noqa: E402

YEAR, MONTH = 2026, 11
TZ = "Asia/Shanghai"
NOW = datetime(2026, 12, 3, 2, 0, 0)  # a few days after the month, as when it is exported
BATCH = 20_000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "欣怡", "子涵", "浩然", "雨桐", "梓萱")
CITIES = ("上海市浦东新区", "广东省深圳市南山区", "浙江省杭州市西湖区", "江苏省南京市鼓楼区", "北京市朝阳区")
ROADS = ("张杨路", "世纪大道", "东方路", "浦东南路", "杨高中路", "锦绣路", "祖冲之路", "碧波路", "张江路")
ITEMS = ("手机壳", "茶叶礼盒", "儿童玩具", "笔记本电脑", "羽绒服", "运动鞋", "护肤品套装", "图书")
NOTES = ("外箱破损，内件疑似受损，客户要求核实", "收件人电话无人接听，已短信通知", "派件时客户拒收，称未订购",
         "系统显示已签收但客户表示未收到", "中转延误两天，客户催件", "地址不详，需联系寄件人确认")
MOBILE = ("135", "136", "137", "138", "139", "150", "151", "158", "159", "177", "180", "186", "188")
OPERATORS = (("王建国", "manager"), ("李晓梅", "clerk"), ("张丽娟", "clerk"), ("陈静", "clerk"),
             ("刘强", "clerk"), ("赵磊", "clerk"))
KINDS = [k.value for k in ProblemKind]
OPEN_STATUSES = [s.value for s in CaseStatus if s.is_open]
OUTCOMES = [o.value for o in FinalOutcome if o is not FinalOutcome.COMPENSATED]
CHANNELS = [c.value for c in ReportChannel]


# ---------------------------------------------------------------- loading
def _phone(rng: random.Random) -> str:
    return rng.choice(MOBILE) + f"{rng.randrange(10**8):08d}"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _address(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)}{rng.choice(ROADS)}{rng.randrange(1, 2000)}号{rng.randrange(1, 30)}楼"


def _batches(n: int, operator_ids: list[int], seed: int) -> Iterator[tuple[list[dict[str, Any]], ...]]:
    """(parcels, cases, resolutions, compensations) in batches; ids given explicitly."""
    rng = random.Random(seed)
    start = to_utc(datetime(YEAR, MONTH, 1), TZ)
    span = (to_utc(datetime(YEAR, MONTH + 1, 1), TZ) - start).total_seconds()
    # Cases arrive in reporting order, as they do at the desk.
    moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(n))
    seq: dict[Any, int] = {}
    res_id = 0
    for first in range(0, n, BATCH):
        parcels, cases, resolutions, comps = [], [], [], []
        for i in range(first, min(first + BATCH, n)):
            reported = moments[i]
            day = local_date(reported, TZ)
            seq[day] = seq.get(day, 0) + 1
            pid = i + 1
            declared = Decimal(rng.randrange(2000, 500000)) / 100
            freight = Decimal(rng.randrange(800, 4000)) / 100
            parcels.append(dict(
                id=pid, tracking_no=f"SF{1_300_000_000_000 + i}", carrier="sf", scope="domestic",
                sender_name=_name(rng), sender_phone=_phone(rng), sender_address=_address(rng),
                recipient_name=_name(rng), recipient_phone=_phone(rng), recipient_address=_address(rng),
                item_description=rng.choice(ITEMS), declared_value=declared,
                insured_value=declared if rng.random() < 0.3 else None, freight=freight,
                cod_amount=Decimal(rng.randrange(0, 30000)) / 100 if rng.random() < 0.1 else None,
                weight_g=rng.randrange(100, 20000), created_at=reported, updated_at=reported,
                sender_phone_last4="", recipient_phone_last4=""))
            p = rng.random()
            status = (CaseStatus.CLOSED.value if p < 0.65 else CaseStatus.CANCELLED.value if p < 0.68
                      else rng.choice(OPEN_STATUSES))
            closed = status in (CaseStatus.CLOSED.value, CaseStatus.CANCELLED.value)
            closed_at = reported + timedelta(hours=rng.uniform(2, 120)) if closed else None
            first_contact = reported + timedelta(minutes=rng.uniform(5, 600)) if rng.random() < 0.85 else None
            compensated = status == CaseStatus.CLOSED.value and rng.random() < 0.08
            kind = rng.choice(KINDS)
            cases.append(dict(
                id=pid, case_no=format_case_no("SH01", day, seq[day]), parcel_id=pid, kind=kind,
                status=status, priority="normal", report_channel=rng.choice(CHANNELS),
                reporter_name=_name(rng), reporter_contact="", description=rng.choice(NOTES),
                assignee_id=rng.choice(operator_ids), created_by_id=operator_ids[0], reported_at=reported,
                updated_at=closed_at or reported, due_at=reported + timedelta(hours=rng.choice((24, 48, 72))),
                first_response_due_at=reported + timedelta(hours=24) if kind == "service_complaint" else None,
                first_contact_at=first_contact, last_contact_at=first_contact,
                last_contact_outcome="reached" if first_contact else None, closed_at=closed_at,
                final_outcome=("compensated" if compensated else rng.choice(OUTCOMES))
                if status == CaseStatus.CLOSED.value else None,
                satisfaction=rng.randint(1, 5) if status == CaseStatus.CLOSED.value and rng.random() < 0.6
                else None, close_note="", is_open=not closed, version=1))
            if compensated:
                res_id += 1
                amount = min(declared, freight * 3)
                resolutions.append(dict(id=res_id, case_id=pid, type="compensate", state="done", details={},
                                        chosen_at=reported, chosen_by_id=operator_ids[1],
                                        started_at=reported, completed_at=closed_at))
                comps.append(dict(
                    id=res_id, resolution_id=res_id, case_id=pid, suggested_amount=amount, amount=amount,
                    basis="uninsured_capped", explanation="", adjust_reason="",
                    approval_state="approved", approver_id=operator_ids[0], approved_at=reported,
                    approval_comment="", payment_method="alipay", payment_reference=f"2026{pid:012d}",
                    payee_account=_phone(rng), paid_at=closed_at, paid_by_id=operator_ids[1]))
        yield parcels, cases, resolutions, comps


def build_database(path: Path, n: int) -> Database:
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    with db.engine.begin() as conn:
        for i, (name, role) in enumerate(OPERATORS, 1):
            conn.execute(insert(Operator), [dict(id=i, name=name, role=role, active=True, created_at=NOW)])
        ids = list(range(1, len(OPERATORS) + 1))
        for parcels, cases, resolutions, comps in _batches(n, ids, seed=20261101):
            conn.execute(insert(Parcel), parcels)
            conn.execute(insert(ProblemCase), cases)
            if resolutions:
                conn.execute(insert(Resolution), resolutions)
                conn.execute(insert(Compensation), comps)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return db


# ------------------------------------------------------------ bare openpyxl
def read_back(path: Path) -> list[dict[str, Any]]:
    """Every sheet's cells as (value, number_format or None), money as Decimal (not timed)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            values = []
            for cell in row:
                value = getattr(cell, "value", None)
                fmt = getattr(cell, "number_format", "General")
                if value is not None and fmt == MONEY_FORMAT and not isinstance(value, str):
                    value = Decimal(repr(value)).quantize(Decimal("0.01"))
                values.append((value, None if fmt == "General" else fmt))
            # Trailing empties are not cells at all in the exported file.
            while values and values[-1][0] is None:
                values.pop()
            rows.append(values)
        sheets.append({"title": ws.title, "rows": rows})
    wb.close()
    return sheets


def _charts(ws: Any) -> None:
    """The same two charts on the summary sheet (a negligible cost either way)."""
    bar = BarChart()
    bar.add_data(Reference(ws, min_col=2, min_row=27, max_row=47), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=28, max_row=47))
    ws.add_chart(bar, "E3")
    line = LineChart()
    line.add_data(Reference(ws, min_col=2, max_col=3, min_row=85, max_row=115), titles_from_data=True)
    line.set_categories(Reference(ws, min_col=1, min_row=86, max_row=115))
    ws.add_chart(line, "E27")


def bare_write(sheets: list[dict[str, Any]], path: Path, *, reuse: bool) -> None:
    """Write the pre-fetched cells with openpyxl write-only, nothing else."""
    wb = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for index, sheet in enumerate(sheets):
        ws = wb.create_sheet(sheet["title"])
        for col in range(1, 31):
            ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = 14
        if index:
            ws.freeze_panes = "B2"
        else:
            _charts(ws)
        templates: dict[tuple[int, str], Any] = {}
        for row_no, row in enumerate(sheet["rows"]):
            out: list[Any] = []
            for col, (value, fmt) in enumerate(row):
                if value is None:
                    out.append(None)
                elif row_no == 0 and index:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.font = bold
                    out.append(cell)
                elif fmt is None:
                    out.append(value)
                elif reuse:
                    cell = templates.get((col, fmt))
                    if cell is None:
                        cell = templates[(col, fmt)] = WriteOnlyCell(ws)
                        cell.number_format = fmt
                    cell.value = value
                    out.append(cell)
                else:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = fmt
                    out.append(cell)
            ws.append(out)
        if index:
            ws.auto_filter.ref = f"A1:AD{len(sheet['rows'])}"
    wb.save(path)


# --------------------------------------------------------------------- main
def _maxrss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database and the workbooks")
    parser.add_argument("--build", metavar="DB", help=argparse.SUPPRESS)  # the loading child
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also export once more under tracemalloc for the Python heap peak (slow)")
    args = parser.parse_args()
    if args.build:
        build_database(Path(args.build), args.cases).dispose()
        return 0

    folder = Path(tempfile.mkdtemp(prefix="bench_month_"))
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, "
          f"{platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()}, openpyxl {openpyxl.__version__}, "
          f"SQLAlchemy {sqlalchemy.__version__}, lxml {'yes' if openpyxl.LXML else 'no'}")
    print(f"folder: {folder}")
    try:
        t0 = time.perf_counter()
        db_path = folder / "bench.db"
        subprocess.run([sys.executable, __file__, "--build", str(db_path), "--cases", str(args.cases)],
                       check=True)
        db = Database(f"sqlite:///{db_path}")
        print(f"loaded {args.cases:,} cases in {time.perf_counter() - t0:.1f} s (in a child process)")
        gc.collect()
        rss_before = _maxrss_mb()

        service = MonthlyExportService(db, FixedClock(NOW))
        out = folder / "monthly.xlsx"
        t0, c0 = time.perf_counter(), time.process_time()
        result = service.export_month(year=YEAR, month=MONTH, out=out, by=1)
        t_export, c_export = time.perf_counter() - t0, time.process_time() - c0
        rss_after = _maxrss_mb()
        print(f"export_month: {t_export:.2f} s wall, {c_export:.2f} s CPU  ({result.case_count:,} cases, "
              f"{result.compensation_count:,} compensations, ledger total ¥{result.compensation_total:,}, "
              f"{out.stat().st_size / 1e6:.1f} MB file)")
        print(f"  peak RSS (ru_maxrss) after export: {rss_after:.0f} MB (before: {rss_before:.0f} MB)")

        traced_peak = None
        if args.tracemalloc:
            gc.collect()
            tracemalloc.start()
            service.export_month(year=YEAR, month=MONTH, out=folder / "traced.xlsx", by=1)
            traced_peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"  tracemalloc peak of export_month (separate, untimed run): {traced_peak:.1f} MB")

        sheets = read_back(out)
        cells = sum(len(r) for s in sheets for r in s["rows"])
        print(f"read back {cells:,} cell slots for the bare loops (not timed)")
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        bare_write(sheets, folder / "bare.xlsx", reuse=False)
        t_bare, c_bare = time.perf_counter() - t0, time.process_time() - c0
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        bare_write(sheets, folder / "bare_reuse.xlsx", reuse=True)
        t_reuse, c_reuse = time.perf_counter() - t0, time.process_time() - c0
        del sheets

        print(f"bare openpyxl write-only loop (a new WriteOnlyCell per formatted value): "
              f"{t_bare:.2f} s wall, {c_bare:.2f} s CPU")
        print(f"bare loop reusing one styled cell per column (the exporter's trick):    "
              f"{t_reuse:.2f} s wall, {c_reuse:.2f} s CPU")
        print(f"ratio export / bare:        {c_export / c_bare:.2f} CPU, {t_export / t_bare:.2f} wall"
              "   (target ≤ 1.5)")
        print(f"ratio export / bare-reuse:  {c_export / c_reuse:.2f} CPU, {t_export / t_reuse:.2f} wall")
        peak = traced_peak if traced_peak is not None else rss_after
        print(f"export peak memory: {peak:.0f} MB {'(tracemalloc)' if traced_peak is not None else '(RSS)'}"
              f", process RSS peak {rss_after:.0f} MB   (target < 300 MB)")
        db.dispose()
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
