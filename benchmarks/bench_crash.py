"""Does a desk killed with SIGKILL ever lose a case it said was saved? (A script.)

Runs ``tests/crash_writer.py`` — a process registering cases through the real
``CaseService.register_case`` on one SQLite file, printing each case number
only after the call returned — and kills it with SIGKILL after a random
while (now and then while it is still opening the database), N times,
restarting it on the same file each time. Then it checks the file with
``PRAGMA integrity_check`` and compares the case numbers reported committed
with those in the database.

    python benchmarks/bench_crash.py --kills 200
    python benchmarks/bench_crash.py --kills 50 --seed 1 --keep

Target: 0 cases lost, integrity "ok", no duplicate case number.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy  # noqa: E402

from depot_app.db.engine import Database  # noqa: E402
from depot_app.db.migrate import upgrade  # noqa: E402
from tests.crash_harness import run_kills  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="how many times to kill the writer (default 200)")
    parser.add_argument("--max-delay", type=float, default=0.4,
                        help="longest run before a kill, seconds (default 0.4)")
    parser.add_argument("--seed", type=int, help="random seed for the kill moments")
    parser.add_argument("--keep", action="store_true", help="keep the database folder")
    args = parser.parse_args()
    if sys.platform == "win32":
        print("SIGKILL is POSIX only", file=sys.stderr)
        return 2

    print(f"machine: {platform.platform()} · {os.cpu_count()} CPUs · {platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · SQLAlchemy {sqlalchemy.__version__}"
          " · journal WAL, synchronous=FULL")
    folder = Path(tempfile.mkdtemp(prefix="bench-crash-"))
    db_file = folder / "depot.db"
    try:
        db = Database(f"sqlite:///{db_file}")
        upgrade(db.engine)
        db.dispose()
        outcome = run_kills(db_file, folder / "photos", args.kills, seed=args.seed, max_delay=args.max_delay)
        lost = outcome.lost
        print(f"kills survived:            {outcome.kills} (in {outcome.elapsed:.0f} s)")
        print(f"cases reported committed:  {len(outcome.reported)}")
        print(f"cases found:               {len(outcome.found)} "
              f"({len(outcome.found) - len(set(outcome.reported) & set(outcome.found))} committed but "
              "killed before reporting)")
        print(f"cases lost:                {len(lost)}" + (f" e.g. {lost[:5]}" if lost else ""))
        print(f"duplicate case numbers:    {outcome.duplicates}")
        print(f"integrity_check:           {outcome.integrity}")
        if args.keep:
            print(f"database kept in {folder}")
        return 0 if not lost and outcome.integrity == "ok" and not outcome.duplicates else 1
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
