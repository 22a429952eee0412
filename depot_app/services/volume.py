"""The depot's daily parcel volume: entered by hand or imported from a csv/xlsx list.

The rates per 10,000 parcels on the dashboard need it. A list is imported
whole or not at all: one bad row refuses the file, with every bad row named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from depot_app.db.engine import Database
from depot_app.db.models import ParcelVolume
from depot_app.domain.clock import Clock
from depot_app.domain.errors import ValidationError
from depot_app.domain.permissions import Permission
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.importer import cell_text, read_list_file

#: Largest believable day at one depot; a bigger number is a typing error.
MAX_PARCELS_PER_DAY = 10_000_000

_DATE_HEADERS = ("日期", "date", "day", "业务日期", "统计日期")
_COUNT_HEADERS = ("业务量", "件量", "件数", "票数", "parcels", "volume", "count", "派件量", "total")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class VolumeDay:
    day: date
    parcels: int
    source: str


def parse_day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    m = _DATE.match(text)
    if not m:
        raise ValueError(text)
    return date(int(m[1]), int(m[2]), int(m[3]))


def parse_count(value: Any) -> int:
    text = cell_text(value).replace(",", "").replace("，", "")
    if not re.fullmatch(r"\d+", text):
        raise ValueError(text)
    n = int(text)
    if n > MAX_PARCELS_PER_DAY:
        raise ValueError(text)
    return n


def _check(parcels: int) -> None:
    if not 0 <= parcels <= MAX_PARCELS_PER_DAY:
        raise ValidationError(f"{parcels} parcels in one day is not possible; enter 0 to {MAX_PARCELS_PER_DAY:,}.",
                              f"一天 {parcels} 件不合理，请输入 0 到 {MAX_PARCELS_PER_DAY:,} 之间的数。",
                              field="parcels")


def _store(s: Session, day: date, parcels: int, source: str, now: datetime, by: int) -> bool:
    row = s.get(ParcelVolume, day)
    before = None if row is None else row.parcels
    if before == parcels:
        return False
    if row is None:
        s.add(ParcelVolume(day=day, parcels=parcels, source=source, updated_at=now, updated_by_id=by))
    else:
        row.parcels, row.source, row.updated_at, row.updated_by_id = parcels, source, now, by
    record_global(s, at=now, operator_id=by, action="volume_changed", field=day.isoformat(),
                  before=before, after=parcels, detail=source)
    return True


class VolumeService:
    """Reads and records the depot's daily parcel volume (managers; every change audited)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def days(self, *, first: date, last: date) -> list[VolumeDay]:
        with self.db.read() as s:
            rows = s.scalars(select(ParcelVolume).where(ParcelVolume.day >= first, ParcelVolume.day <= last)
                             .order_by(ParcelVolume.day))
            return [VolumeDay(r.day, r.parcels, r.source) for r in rows]

    def set_days(self, *, values: dict[date, int], by: int, source: str = "manual") -> int:
        """Record several days in one transaction; returns how many changed."""
        for parcels in values.values():
            _check(parcels)
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.EDIT_SETTINGS)
            return sum(_store(s, day, n, source, now, by) for day, n in sorted(values.items()))

    def import_file(self, *, path: str | Path, by: int) -> int:
        """Import a list of days and parcel counts; returns how many days changed.

        The header row names the columns (日期/date and 业务量/件数/parcels …);
        without one, the first two columns are the day and the count.
        """
        path = Path(path)
        with self.db.read() as s:
            authorize(s, by, Permission.EDIT_SETTINGS)
        rows = [r for r in read_list_file(path) if any(cell_text(v) for v in r)]
        if not rows:
            raise ValidationError(f"{path.name} has no rows.", f"{path.name} 中没有数据行。", field="path")
        day_col, count_col, first = 0, 1, 0
        header = [cell_text(v).lower() for v in rows[0]]
        if any(h in _DATE_HEADERS for h in header) or any(h in _COUNT_HEADERS for h in header):
            day_col = next((i for i, h in enumerate(header) if h in _DATE_HEADERS), -1)
            count_col = next((i for i, h in enumerate(header) if h in _COUNT_HEADERS), -1)
            if day_col < 0 or count_col < 0:
                raise ValidationError(
                    f"{path.name}: the header needs a date column (日期/date) and a count column "
                    "(业务量/件数/parcels).",
                    f"{path.name}：表头需要“日期”列和“业务量”（或“件数”）列。", field="path")
            first = 1
        values: dict[date, int] = {}
        errors_en: list[str] = []
        errors_zh: list[str] = []
        for number, row in enumerate(rows[first:], start=first + 1):
            cells = list(row) + [None] * (max(day_col, count_col) + 1 - len(row))
            try:
                day = parse_day(cells[day_col])
            except ValueError:
                errors_en.append(f"row {number}: “{cell_text(cells[day_col])}” is not a date (YYYY-MM-DD)")
                errors_zh.append(f"第 {number} 行：“{cell_text(cells[day_col])}”不是日期（年-月-日）")
                continue
            try:
                parcels = parse_count(cells[count_col])
            except ValueError:
                errors_en.append(f"row {number}: “{cell_text(cells[count_col])}” is not a number of parcels")
                errors_zh.append(f"第 {number} 行：“{cell_text(cells[count_col])}”不是件数")
                continue
            if day in values and values[day] != parcels:
                errors_en.append(f"row {number}: {day} is listed twice with different counts")
                errors_zh.append(f"第 {number} 行：{day} 出现两次且件数不同")
                continue
            values[day] = parcels
        if errors_en:
            more = len(errors_en) - 10
            tail_en = f"; and {more} more" if more > 0 else ""
            tail_zh = f"；另有 {more} 行" if more > 0 else ""
            raise ValidationError(
                f"{path.name} was not imported, nothing was changed: " + "; ".join(errors_en[:10]) + tail_en + ".",
                f"{path.name} 未导入，没有任何更改：" + "；".join(errors_zh[:10]) + tail_zh + "。", field="path")
        return self.set_days(values=values, by=by, source="import")
