"""Exports never replace something that is not an ordinary file (a device, a folder, a pipe)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from depot_app.domain.errors import ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_a_pipe_or_a_folder_is_refused_and_left_alone(services: Services, manager: int, tmp_path: Path) -> None:
    case = services.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=manager)
    out = tmp_path / "exports"
    out.mkdir()
    pipe = out / "month.xlsx"
    os.mkfifo(pipe)
    folder = out / "report.pdf"
    folder.mkdir()
    with pytest.raises(ValidationError, match="not an ordinary file") as info:
        services.monthly.export_month(year=2026, month=11, out=pipe, by=manager)
    assert info.value.field == "out"
    with pytest.raises(ValidationError, match="not an ordinary file"):
        services.reports.case_report(case_id=case.id, out=folder, by=manager)
    assert pipe.is_fifo() and folder.is_dir() and not any(folder.iterdir())
    assert sorted(p.name for p in out.iterdir()) == ["month.xlsx", "report.pdf"]  # no leftovers
