"""The delivery area as a list file (.csv UTF-8 with BOM, or .xlsx) that the area import reads back."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

from depot_app.export.files import check_target


def write_area_list(target: str | Path, rows: Sequence[Sequence[str]]) -> Path:
    """Write ``rows`` (header first) to ``target``: a workbook for .xlsx, else CSV that Excel opens as UTF-8."""
    target = Path(target)
    check_target(target)
    tmp = target.with_name(target.name + ".part")
    try:
        if target.suffix.lower() == ".xlsx":
            wb = Workbook()
            ws = wb.active
            assert ws is not None
            ws.title = "派送范围"
            for row in rows:
                ws.append(list(row))
            ws.column_dimensions["A"].width = 48
            wb.save(tmp)
        else:
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerows(rows)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
