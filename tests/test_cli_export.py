"""Exports and imports from the command line, as a scheduled job runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import FinalOutcome
from depot_app.services import Services

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, db_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEPOT_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "depot_app", "--db", db_url, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.fixture
def closed_case(sqlite_url: str) -> str:
    """A closed damaged case, registered and closed on 2026-11-20 (real clock is irrelevant)."""
    from datetime import datetime

    from depot_app.domain.clock import FixedClock

    sv = Services.open(sqlite_url, clock=FixedClock(datetime(2026, 11, 20, 2, 0)))
    try:
        by = sv.operators.ensure_first().id
        d = sv.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=by,
                                   parcel={"recipient_name": "李四", "recipient_phone": "13812345678",
                                           "declared_value": "300", "freight": "18"})
        sv.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=by, satisfaction=5)
        return d.case_no
    finally:
        sv.close()


def test_case_report_and_closed_batch(sqlite_url: str, closed_case: str, tmp_path: Path) -> None:
    out = tmp_path / "case.pdf"
    result = _cli("export", "case", closed_case, "-o", str(out), db_url=sqlite_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert closed_case in text and "138****5678" in text
    batch = tmp_path / "closed.pdf"
    result = _cli("export", "closed", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(batch),
                  db_url=sqlite_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert batch.stat().st_size > 0


def test_month_workbook(sqlite_url: str, closed_case: str, tmp_path: Path) -> None:
    out = tmp_path / "2026-11.xlsx"
    result = _cli("export", "month", "2026-11", "-o", str(out), db_url=sqlite_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert len(wb.sheetnames) >= 4


@pytest.mark.parametrize("args, message", [
    (["export", "case", "SH01-000000-0001", "-o", "x.pdf"], "There is no case"),
    (["export", "claim", "{case}", "-o", "x.pdf"], "no compensation"),
    (["export", "month", "2026-13", "-o", "x.xlsx"], "not a month"),
    (["export", "closed", "--from", "2026-10-01", "--to", "2026-10-31", "-o", "x.pdf"], "No cases were closed"),
    (["export", "case", "{case}", "-o", "/nonexistent/dir/x.pdf"], "does not exist"),
    (["export", "case", "{case}", "-o", "x.pdf", "--by", "nobody"], "No active operator"),
    (["import", "/nonexistent.xlsx"], "There is no file"),
])
def test_bad_input_exits_non_zero_with_a_message(sqlite_url: str, closed_case: str, tmp_path: Path,
                                                  args: list[str], message: str) -> None:
    args = [a.replace("{case}", closed_case) for a in args]
    args = [str(tmp_path / a) if a.endswith((".pdf", ".xlsx")) and "/" not in a else a for a in args]
    result = _cli(*args, db_url=sqlite_url, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
    assert not list(tmp_path.glob("x.*")), "no partial file is left behind"


def test_import_reports_refused_rows(sqlite_url: str, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("运单号,问题类型,收件人,收件人电话\n"
                      "YT7512345678901,破损,王五,13912345678\n"
                      "YT7512345678902,破损,赵六,12345\n", encoding="utf-8-sig")
    report = tmp_path / "report.csv"
    result = _cli("import", str(source), "--report", str(report), db_url=sqlite_url, tmp_path=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "1 created" in result.stdout and "1 refused" in result.stdout
    assert report.exists()
