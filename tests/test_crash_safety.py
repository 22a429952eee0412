"""Crash safety: a desk killed with SIGKILL at random moments loses nothing it reported saved.

A writer process (``tests/crash_writer.py``) registers cases through the real
``CaseService.register_case`` and prints each case number only after the call
returned (committed). It is killed at least 25 times, restarted on the same
SQLite file each time; afterwards the file passes ``PRAGMA integrity_check``,
every reported case is there, and no case number appears twice.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.crash_harness import run_kills

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_sigkill_loses_no_committed_case(tmp_path: Path, sqlite_template: Path) -> None:
    db_file = tmp_path / "depot.db"
    shutil.copy(sqlite_template, db_file)
    outcome = run_kills(db_file, tmp_path / "photos", kills=25, max_delay=0.4)
    assert outcome.kills == 25
    assert outcome.integrity == "ok"
    assert len(outcome.reported) > 25, "the writers hardly wrote anything; the test proves little"
    assert outcome.lost == []
    assert outcome.duplicates == 0
    assert len(outcome.reported) == len(set(outcome.reported))
    assert outcome.elapsed < 60
