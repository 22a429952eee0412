"""How fast are the queue's address views with thousands of open cases? (A script, not a test.)

Loads the queue benchmark's data (``bench_queue.load``), makes ``--open``
cases open with distinct recipient addresses (about 70 % in the delivery
area, 15 % in another district, 15 % without district or house number),
stores the area (浦东新区), then times what the queue does for the views:
the counts of both views and the first page of the out-of-area view. The
first count parses every distinct address ("cold"); later ones reuse the
verdicts kept per address and area ("warm", the median of 5 runs); after
the area changes, only the kept parses are checked again.

    python benchmarks/bench_address_views.py                 # 5,000 open of 20,000 cases
    python benchmarks/bench_address_views.py --open 20000 --cases 50000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy  # noqa: E402

from benchmarks.bench_queue import NOW, load, median_ms  # noqa: E402
from depot_app.db.engine import Database  # noqa: E402
from depot_app.domain.clock import FixedClock  # noqa: E402
from depot_app.domain.delivery_area import AddressVerdict, DeliveryArea  # noqa: E402
from depot_app.services.addresses import AddressService  # noqa: E402
from depot_app.services.queries import QueryService, QueueFilter  # noqa: E402

ROADS_IN = ("碧波路", "张衡路", "祖冲之路", "川沙路", "浦东南路", "世纪大道", "东方路", "杨高南路")
ROADS_OUT = ("上海市闵行区七宝镇七莘路", "上海市徐汇区漕溪北路", "北京市朝阳区建国路", "江苏省苏州市工业园区星湖街")


def address(rng: random.Random, i: int) -> str:
    roll = rng.random()
    if roll < 0.70:
        return f"上海市浦东新区{rng.choice(ROADS_IN)}{i % 2000 + 1}弄{i // 2000 + 1}号"
    if roll < 0.85:
        return f"{rng.choice(ROADS_OUT)}{i + 1}号"
    return f"上海浦东{rng.choice(ROADS_IN)}{'' if i % 2 else '小区'}{i}"  # no house number


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--open", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    print(f"  machine: {platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})")
    print(f"  python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"SQLAlchemy {sqlalchemy.__version__}")
    folder = Path(tempfile.mkdtemp(prefix="depot-address-"))
    path = folder / "bench.db"
    try:
        load(path, args.cases, args.seed)
        rng = random.Random(args.seed)
        con = sqlite3.connect(path)
        con.execute("UPDATE problem_case SET is_open = (id <= ?)", (args.open,))
        con.executemany("UPDATE parcel SET recipient_address = ? WHERE id = "
                        "(SELECT parcel_id FROM problem_case WHERE id = ?)",
                        [(address(rng, i), i) for i in range(1, args.open + 1)])
        con.commit()
        con.close()
        db = Database(f"sqlite:///{path}")
        clock = FixedClock(NOW)
        AddressService(db, clock).set_area(area=DeliveryArea(districts=frozenset({"310115"})), by=None)
        queries = QueryService(db, clock)
        print(f"  {args.cases:,} cases, {args.open:,} open with distinct addresses")
        t = time.perf_counter()
        counts = queries.address_counts()
        cold = (time.perf_counter() - t) * 1000
        print(f"  counts, cold (every address parsed):  {cold:8.1f} ms  "
              f"unclear {counts[AddressVerdict.UNCLEAR]:,}, out of area {counts[AddressVerdict.OUT_OF_AREA]:,}")
        warm, _ = median_ms(queries.address_counts)
        print(f"  counts, warm:                          {warm:8.1f} ms")
        wider = DeliveryArea(districts=frozenset({"310115", "310112"}))
        AddressService(db, clock).set_area(area=wider, by=None)
        t = time.perf_counter()
        counts = queries.address_counts()
        changed = (time.perf_counter() - t) * 1000
        print(f"  counts after the area changed (闵行区 added): {changed:6.1f} ms  "
              f"out of area {counts[AddressVerdict.OUT_OF_AREA]:,}")
        flt = QueueFilter(address_verdict=AddressVerdict.OUT_OF_AREA)
        page, rows = median_ms(lambda: queries.fetch(flt, limit=200))
        print(f"  out-of-area view, first 200 rows:      {page:8.1f} ms  ({len(rows)} rows)")
        total, n = median_ms(lambda: queries.count(flt))
        print(f"  out-of-area view, count:               {total:8.1f} ms  ({n:,})")
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
