"""How fast is the pinyin search with a million cases? (A script, not a test.)

Loads the queue benchmark's data (``bench_queue.load``: N parcels and cases
bulk-inserted with SQLAlchemy Core, so no keys are written on the way), then
fills the search keys with ``services.search_keys.fill_search_keys`` — the
same call an upgraded database and the bulk demo data use — and times it.
Then it times the queue's ``count`` and first page (200 rows) for pinyin
searches: a full name, its initials, a surname's pinyin, a road. Each figure
is the median of 5 runs after a warm-up.

    python benchmarks/bench_pinyin_search.py                # 1,000,000 cases
    python benchmarks/bench_pinyin_search.py --cases 200000
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from benchmarks.bench_queue import NOW, load, median_ms  # noqa: E402
from depot_app.db.engine import Database  # noqa: E402
from depot_app.db.models import ParcelSearchKey  # noqa: E402
from depot_app.domain.clock import FixedClock  # noqa: E402
from depot_app.services.queries import QueryService, QueueFilter  # noqa: E402
from depot_app.services.search_keys import fill_search_keys, name_keys  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    print(f"  machine: {platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})")
    print(f"  python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"SQLAlchemy {sqlalchemy.__version__}")
    folder = Path(tempfile.mkdtemp(prefix="depot-pinyin-"))
    path = folder / "bench.db"
    try:
        print(f"Depot Desk pinyin search benchmark: {args.cases:,} cases in {path}")
        seconds = load(path, args.cases, args.seed)
        print(f"  load: {seconds:,.1f} s")
        db = Database(f"sqlite:///{path}")
        began = time.perf_counter()
        with db.write() as s:
            written = fill_search_keys(s)
        fill = time.perf_counter() - began
        print(f"  fill_search_keys: {written:,} keys in {fill:,.1f} s ({args.cases / fill:,.0f} parcels/s)")
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(ParcelSearchKey)) == written
        queries = QueryService(db, FixedClock(NOW))
        with db.engine.connect() as conn:
            name = conn.execute(text("SELECT recipient_name FROM parcel WHERE id = :id"),
                                {"id": args.cases // 2 + 1}).scalar_one()
        keys = sorted(name_keys(name), key=len)
        initials, full = keys[0], keys[-1]
        scenarios = [(f"full pinyin {full} ({name})", full), (f"initials {initials}", initials),
                     (f"surname {full[:4]}", full[:4]), ("road bibolu (碧波路)", "bibolu"),
                     ("district pudong", "pudong"), ("no match xqzv", "xqzv")]
        print(f"\n  {'search (median of 5 runs, ms)':<38} {'count':>9} {'count ms':>9} {'page ms':>9} {'rows':>5}")
        print("  " + "-" * 74)
        for label, term in scenarios:
            flt = QueueFilter(text=term)
            count_ms, count = median_ms(lambda flt=flt: queries.count(flt))
            page_ms, rows = median_ms(lambda flt=flt: queries.fetch(flt, sort="due_at", limit=200))
            flag = " *" if max(count_ms, page_ms) > 50 else ""
            print(f"  {label:<38} {count:>9,} {count_ms:>9.1f} {page_ms:>9.1f} {len(rows):>5}{flag}")
        print("  (* = over 50 ms)")
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
