"""Importing head offices' tracking exports (.xlsx or .csv, UTF-8 or GBK) as scan events.

An export lists one scan a row: tracking number, time, place, what happened
(a scan type, a carrier's wording, or both). Its columns are found the way
the problem-list import finds them (:mod:`services.importer`: the header row
among the first lines, synonyms in Chinese and English); a mapping the clerk
gives, or the one that worked last time for the same source, wins. The
mapping used is saved per source (setting ``tracking_import_mappings``), so
the next export from that head office needs none.

Rows are checked first; a row that cannot be read (no number, a bad number,
no time, a type nobody can tell) is refused and listed with its row number
and the reason in both languages in the error report beside the file, like
the problem-list import. The good rows are stored in one transaction through
:func:`services.scan_store.store_scans` (a scan already known from another
source is the same event); a cancelled import stores nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from depot_app.db.engine import Database
from depot_app.db.models import DepotSetting
from depot_app.domain.clock import Clock
from depot_app.domain.errors import DepotError, ValidationError
from depot_app.domain.identifiers import validate_tracking
from depot_app.domain.permissions import Permission
from depot_app.domain.scans import NewScan, parse_scan_time, scan_type_from_text, zone_for
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.importer import (
    ImportResult,
    RefusedRow,
    cell_text,
    normalize_header,
    read_list_file,
    write_error_report,
)
from depot_app.services.list_columns import best_header_row, resolve_columns
from depot_app.services.scan_store import store_scans
from depot_app.services.settings import read_setting, validate_setting

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: The fields a tracking export's column can be mapped to, with their Chinese and English names.
SCAN_FIELDS: dict[str, tuple[str, str]] = {
    "tracking_no": ("快递单号", "Tracking number"),
    "time": ("扫描时间", "Scan time"),
    "zone": ("时区", "Time zone"),
    "place": ("扫描地点", "Place"),
    "scan_type": ("扫描类型", "Scan type"),
    "text": ("轨迹描述", "Scan text"),
}
REQUIRED = ("tracking_no", "time")

SCAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "tracking_no": ("运单号", "快递单号", "单号", "运单编号", "快件单号", "邮件号", "物流单号", "tracking",
                    "trackingno", "trackingnumber", "waybill", "waybillno", "awb"),
    "time": ("扫描时间", "操作时间", "时间", "轨迹时间", "发生时间", "记录时间", "scantime", "time", "datetime",
             "eventtime", "timestamp", "date"),
    "zone": ("时区", "timezone", "zone", "tz"),
    "place": ("扫描地点", "扫描网点", "操作网点", "地点", "网点", "站点", "所在地", "城市", "位置", "place",
              "location", "site", "station", "city", "depot"),
    "scan_type": ("扫描类型", "操作类型", "类型", "状态", "轨迹状态", "物流状态", "scantype", "type", "status",
                  "event", "eventtype", "state"),
    "text": ("轨迹描述", "描述", "轨迹", "物流信息", "轨迹信息", "内容", "详情", "备注", "说明", "text",
             "description", "context", "detail", "details", "remark", "message"),
}
_INDEX = {normalize_header(word): name for name, words in SCAN_SYNONYMS.items() for word in words}


def detect_scan_mapping(headers: Sequence[Any]) -> dict[str, int]:
    """Field → 0-based column for the headers recognised (the first column naming a field keeps it)."""
    mapping: dict[str, int] = {}
    for index, raw in enumerate(headers):
        name = _INDEX.get(normalize_header(raw))
        if name is not None and name not in mapping:
            mapping[name] = index
    return mapping


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    best, mapping = best_header_row(rows, detect_scan_mapping, REQUIRED)
    return (0, {}) if best is None else (best, mapping)


def _resolve(mapping: Mapping[str, int | str], headers: list[str]) -> dict[str, int]:
    resolved = resolve_columns(mapping, headers, SCAN_FIELDS, normalize=normalize_header,
                               unknown=("tracking field", "轨迹字段"), source=("export", "表"))
    missing = [n for n in REQUIRED if n not in resolved]
    if "scan_type" not in resolved and "text" not in resolved:
        missing.append("scan_type")
    if missing:
        en = ", ".join(SCAN_FIELDS[n][1] for n in missing)
        zh = "、".join(SCAN_FIELDS[n][0] for n in missing)
        raise ValidationError(f"Map a column to: {en} (a scan type or a scan text tells what happened).",
                              f"请为以下字段指定列：{zh}（扫描类型或轨迹描述至少一列）。", field="mapping")
    return resolved


@dataclass
class TrackingImportResult:
    """What a tracking export import did."""

    path: Path
    source: str
    rows_read: int = 0
    added: int = 0
    merged: int = 0
    parcels_moved: int = 0
    cases_touched: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # field → header text
    report_path: Path | None = None
    cancelled: bool = False


def _label(name: str) -> str:
    name = {"timezone": "zone"}.get(name, name)  # domain.scans names the zone's field after the setting
    zh, en = SCAN_FIELDS.get(name, (name, name))
    return f"{zh} {en}"


class TrackingImportService:
    """Reads tracking exports and stores their scans."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def saved_mappings(self) -> dict[str, dict[str, str]]:
        """The column mapping saved for each source (field → header text)."""
        with self.db.read() as s:
            return dict(read_setting(s, "tracking_import_mappings"))

    def import_file(self, *, path: str | Path, by: int, source: str = "",
                    mapping: Mapping[str, int | str] | None = None, report_path: str | Path | None = None,
                    progress: Progress | None = None, cancelled: Cancelled | None = None) -> TrackingImportResult:
        """Store every readable scan of the export at ``path``; list the rest in the report.

        ``source`` names the head office or system the export came from; the
        mapping used is remembered under that name (default: the file's name
        without its extension). ``mapping`` (field → 0-based column or header
        text) overrides the saved and the detected one.
        """
        path = Path(path)
        source = (source or path.stem).strip()[:64]
        with self.db.read() as s:
            authorize(s, by, Permission.IMPORT_CASES)
            zone_name = str(read_setting(s, "timezone"))
            saved = dict(read_setting(s, "tracking_import_mappings")).get(source)
        rows = read_list_file(path)
        header_index, detected = _find_header(rows)
        headers = [cell_text(v) for v in rows[header_index]] if rows else []
        if mapping is not None:
            columns = _resolve(mapping, headers)
        else:
            try:
                columns = _resolve(saved if saved is not None else detected, headers)
            except ValidationError:
                if saved is None:
                    raise
                # The source changed its layout: the columns found in this file, if they suffice.
                columns = _resolve(detected, headers)
        result = TrackingImportResult(path=path, source=source,
                                      mapping={name: headers[col] for name, col in columns.items()})

        scans: list[NewScan] = []
        body = rows[header_index + 1:]
        total = len(body)
        row_no = header_index + 1
        for done, row in enumerate(body, start=1):
            row_no += 1
            if done % 1000 == 0:
                if cancelled is not None and cancelled():
                    result.cancelled = True
                    break
                if progress is not None:
                    progress(done, total)
            values = {name: cell_text(row[col]) if col < len(row) else "" for name, col in columns.items()}
            if not any(values.values()):
                continue
            result.rows_read += 1
            raw_time = row[columns["time"]] if columns["time"] < len(row) else None
            try:
                scans.append(self._scan(values, raw_time, zone_name, source))
            except DepotError as exc:
                where = exc.field if isinstance(exc, ValidationError) else None
                result.refused.append(RefusedRow(row_no, values.get("tracking_no", ""),
                                                 _label(where) if where else None, exc.en, exc.zh))
        if result.cancelled:
            log.info("Import of %s cancelled; nothing stored", path.name)
            return result

        if result.refused:
            target = Path(report_path) if report_path else _default_report_path(path)
            source_rows = {header_index + 2 + i: row for i, row in enumerate(body)}
            write_error_report(target, ImportResult(path=path, refused=result.refused), headers, source_rows)
            result.report_path = target
        now = self.clock.now()
        with self.db.write() as s:
            stored = store_scans(s, scans, now=now, operator_id=by)
            mappings = dict(read_setting(s, "tracking_import_mappings"))
            if mappings.get(source) != result.mapping:
                mappings[source] = result.mapping
                setting = s.get(DepotSetting, "tracking_import_mappings")
                value = validate_setting("tracking_import_mappings", mappings)
                if setting is None:
                    s.add(DepotSetting(key="tracking_import_mappings", value=value, updated_at=now,
                                       updated_by_id=by))
                else:
                    setting.value = value
                    setting.updated_at, setting.updated_by_id = now, by
            record_global(s, at=now, operator_id=by, action="import", field="tracking_export", after=path.name,
                          detail=f"source {source}: {stored.added} new scans, {stored.merged} already known, "
                                 f"{len(result.refused)} rows refused")
        result.added, result.merged = stored.added, stored.merged
        result.parcels_moved, result.cases_touched = len(stored.parcels_moved), stored.cases_touched
        if progress is not None:
            progress(total, total)
        log.info("Imported scans from %s (%s): %d new, %d known, %d refused", path.name, source, result.added,
                 result.merged, len(result.refused))
        return result

    @staticmethod
    def _scan(values: dict[str, str], raw_time: Any, zone_name: str, source: str) -> NewScan:
        number = validate_tracking(values.get("tracking_no", "")).number
        zone = values.get("zone") or zone_name
        if values.get("zone"):
            zone_for(zone)
        at = parse_scan_time(raw_time if raw_time not in (None, "") else values.get("time", ""), zone)
        text = values.get("text", "")
        scan_type = scan_type_from_text(values.get("scan_type"), text)
        return NewScan(tracking_no=number, at=at, scan_type=scan_type, place=values.get("place", ""),
                       text=text or values.get("scan_type", ""), source=source)


def _default_report_path(path: Path) -> Path:
    suffix = ".xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else ".csv"
    return path.with_name(f"{path.stem}_轨迹导入报告{suffix}")
