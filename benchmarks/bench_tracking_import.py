"""How long does a 100,000-row head-office tracking export take to import? (A script.)

Writes a realistic export — 100,000 scans of 20,000 parcels (collected, in
transit through two hubs, arrived, out for delivery, signed or failed), GBK
CSV with a title line, and the same rows as an .xlsx workbook — registers
cases on 2,000 of those parcels in a fresh SQLite database, then imports
each file through ``TrackingImportService.import_file`` (the second import
of the same scans finds every one already stored) and prints wall and CPU
time and the machine.

    python benchmarks/bench_tracking_import.py            # 100,000 rows
    python benchmarks/bench_tracking_import.py --rows 20000 --skip-xlsx

Target: under 60 s for 100,000 rows.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from depot_app.domain.clock import FixedClock  # noqa: E402
from depot_app.domain.kinds import ProblemKind  # noqa: E402
from depot_app.services import Services  # noqa: E402

TARGET_S = 60.0
STEPS = (("揽收", "【{0}网点】已揽收"), ("在途", "快件离开【{0}分拨中心】，发往【上海转运中心】"),
         ("在途", "快件到达【上海转运中心】"), ("到件", "快件到达【上海浦东网点】"),
         ("派件", "【上海浦东网点】派件员正在派件"))
ENDS = (("签收", "快件已签收，签收人：本人"), ("派送失败", "派送失败：电话无人接听"))
CITIES = ("杭州", "苏州", "南京", "宁波", "合肥", "无锡")


def write_export(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path, list[str]]:
    rng = random.Random(seed)
    lines: list[list[str]] = []
    numbers: list[str] = []
    start = datetime(2026, 11, 10, 8, 0)
    while len(lines) < rows:
        number = f"SF{1300000000000 + len(numbers):013d}"
        numbers.append(number)
        at = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 8))
        city = rng.choice(CITIES)
        for kind, text in (*STEPS[: rng.randrange(4, 6)], rng.choice(ENDS)):
            if len(lines) == rows:
                break
            at += timedelta(minutes=rng.randrange(20, 600))
            lines.append([number, f"{at:%Y-%m-%d %H:%M:%S}", f"{city}网点", kind, text.format(city)])
    header = ["运单号", "扫描时间", "扫描网点", "扫描类型", "轨迹描述"]
    csv_path = folder / "tracking.csv"
    with csv_path.open("w", encoding="gbk", newline="") as fh:
        fh.write("总部轨迹导出,,,,\r\n")
        fh.write(",".join(header) + "\r\n")
        for line in lines:
            fh.write(",".join(line) + "\r\n")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("轨迹")
    ws.append(header)
    for line in lines:
        ws.append(line)
    xlsx_path = folder / "tracking.xlsx"
    wb.save(xlsx_path)
    return csv_path, xlsx_path, numbers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--skip-xlsx", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.platform()} · {os.cpu_count()} CPUs · {platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, xlsx_path, numbers = write_export(folder, args.rows)
        print(f"export: {args.rows} rows of {len(numbers)} parcels "
              f"(CSV {csv_path.stat().st_size / 1e6:.1f} MB GBK, xlsx {xlsx_path.stat().st_size / 1e6:.1f} MB)")
        runs = [("CSV (GBK)", csv_path, "db-csv.db")]
        if not args.skip_xlsx:
            runs.append(("xlsx", xlsx_path, "db-xlsx.db"))
        worst = 0.0
        for label, path, db_name in runs:
            sv = Services.open(f"sqlite:///{folder / db_name}", clock=FixedClock(datetime(2026, 11, 20, 2, 0)))
            try:
                by = sv.operators.ensure_first().id
                for number in numbers[: args.cases]:
                    sv.cases.register_case(tracking_no=number, kind=ProblemKind.DELAYED, by=by)
                for attempt in ("first import", "same file again"):
                    wall, cpu = time.perf_counter(), time.process_time()
                    result = sv.tracking_import.import_file(path=path, by=by, source="华东总部")
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                    worst = max(worst, wall)
                    print(f"{label}, {attempt}: {wall:.1f} s wall, {cpu:.1f} s CPU — {result.added} new, "
                          f"{result.merged} already known, {len(result.refused)} refused, "
                          f"{result.cases_touched} cases got new scans")
            finally:
                sv.close()
        print(f"slowest {worst:.1f} s for {args.rows} rows; target {TARGET_S:.0f} s: "
              f"{'met' if worst < TARGET_S else 'NOT met'}; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
