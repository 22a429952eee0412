"""Kill a case-registering writer with SIGKILL again and again, then count what survived.

Shared by ``tests/test_crash_safety.py`` and ``benchmarks/bench_crash.py``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class CrashOutcome:
    """What the kills left: what the writers reported committed and what the database has."""

    kills: int = 0
    reported: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    integrity: str = ""
    elapsed: float = 0.0

    @property
    def lost(self) -> list[str]:
        present = set(self.found)
        return [no for no in self.reported if no not in present]

    @property
    def duplicates(self) -> int:
        return len(self.found) - len(set(self.found))


class _Writer:
    """One writer process and a thread collecting its complete output lines."""

    def __init__(self, db_file: Path, photo_dir: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.crash_writer", str(db_file), str(photo_dir)],
                                     cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):
                break  # a line cut by the kill was never reported
            line = raw.decode().strip()
            if line == "ready":
                self.ready.set()
            else:
                self.lines.append(line)
        self.ready.set()

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()

    def kill(self) -> list[str]:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join()
        return self.lines


def run_kills(db_file: Path, photo_dir: Path, kills: int, *, seed: int | None = None,
              max_delay: float = 0.4) -> CrashOutcome:
    """Start a writer, let it run a random while, SIGKILL it; ``kills`` times on one database.

    The next writer is started (and imports) while the current one runs, so
    the kills come fast. Some land while a writer is still opening the
    database, most in the middle of its registrations.
    """
    rng = random.Random(seed)
    outcome = CrashOutcome()
    started = time.perf_counter()
    # Two writers wait ready-imported behind the running one: imports use both cores.
    queue = [_Writer(db_file, photo_dir) for _ in range(min(3, kills + 1))]
    for n in range(kills):
        current = queue.pop(0)
        if n + len(queue) < kills:
            queue.append(_Writer(db_file, photo_dir))
        current.go()
        if rng.random() < 0.85:
            current.ready.wait(30)  # mostly kill while writing; now and then while opening
        time.sleep(rng.uniform(0.0, max_delay))
        outcome.reported += current.kill()
        outcome.kills += 1
    for spare in queue:
        spare.kill()
    outcome.elapsed = time.perf_counter() - started
    con = sqlite3.connect(db_file)
    try:
        outcome.integrity = "; ".join(row[0] for row in con.execute("PRAGMA integrity_check"))
        outcome.found = [row[0] for row in con.execute("SELECT case_no FROM problem_case")]
    finally:
        con.close()
    return outcome
