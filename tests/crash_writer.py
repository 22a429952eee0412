"""A desk that registers cases as fast as it can, to be killed mid-way (see test_crash_safety.py).

    python -m tests.crash_writer DB_FILE PHOTO_DIR

It imports everything, then waits for a line on stdin before opening the
database, so the parent can start the next writer while the current one
runs (Python's start-up would otherwise dominate a test of many kills).

Prints each case number on its own line, flushed only after
``register_case`` returned, i.e. after the transaction committed: every line
the parent reads is a case the database promised to keep.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services

KINDS = (ProblemKind.DAMAGED, ProblemKind.DELAYED, ProblemKind.LOST, ProblemKind.REFUSED)


def main(db_file: str, photo_dir: str) -> None:
    sys.stdin.readline()
    services = Services.open(f"sqlite:///{db_file}", photo_dir=Path(photo_dir))
    by = services.operators.ensure_first().id
    rng = random.Random()
    print("ready", flush=True)
    while True:
        tracking = f"SF{rng.randrange(10**12, 10**13)}"  # SF + 13 digits, fresh per case
        case = services.cases.register_case(tracking_no=tracking, kind=rng.choice(KINDS), by=by,
                                            reporter_name="崩溃测试", description="written until killed")
        sys.stdout.write(case.case_no + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
