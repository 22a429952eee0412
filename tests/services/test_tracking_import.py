"""Head-office tracking exports: columns found or remembered per source, bad rows reported, scans stored once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from depot_app.domain.errors import PermissionDeniedError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scans import ScanType
from depot_app.domain.vocabulary import Role
from depot_app.services import Services

NUMBER = "SF1234567890123"


def _csv(path: Path, lines: list[str], encoding: str = "gbk") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_a_gbk_export_with_a_title_line_and_bad_rows(services: Services, clerk: int, tmp_path: Path) -> None:
    case = services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.LOST, by=clerk)
    export = _csv(tmp_path / "总部轨迹.csv", [
        "总部轨迹导出 2026-11-19,,,,",
        "运单号,扫描时间,扫描网点,扫描类型,轨迹描述",
        f"{NUMBER},2026-11-17 08:10,杭州网点,揽收,【杭州网点】已揽收",
        f"{NUMBER},2026-11-17 20:45,杭州分拨中心,,快件离开【杭州分拨中心】发往【上海】",
        f"{NUMBER},2026/11/18 09:30,上海浦东网点,派件,派件员张三正在派件",
        f"{NUMBER},2026-11-18 25:00,上海浦东网点,签收,已签收",
        ",2026-11-18 10:00,上海,签收,已签收",
        f"{NUMBER},2026-11-18 11:00,上海,,天气晴朗",
        ",,,,",
        "YT9876543210,2026-11-18 12:00,北京,在途,到达北京",
    ])
    result = services.tracking_import.import_file(path=export, by=clerk, source="华东总部")
    assert (result.rows_read, result.added, result.merged) == (7, 4, 0)
    assert [(r.row, r.field) for r in result.refused] == [(6, "扫描时间 Scan time"), (7, "快递单号 Tracking number"),
                                                          (8, "扫描类型 Scan type")]
    assert "25:00" in result.refused[0].en and result.refused[0].zh
    assert result.report_path is not None and result.report_path.name == "总部轨迹_轨迹导入报告.csv"
    report = result.report_path.read_text(encoding="utf-8-sig")
    assert "天气晴朗" in report and "行号 Row" in report
    assert result.cases_touched == 1
    scans = services.tracking.for_case(case.id).scans
    assert [s.scan_type for s in scans] == [ScanType.OUT_FOR_DELIVERY, ScanType.IN_TRANSIT, ScanType.COLLECTED]
    assert scans[0].place == "上海浦东网点" and scans[0].sources == ("华东总部",)
    assert services.cases.detail(case.id).parcel.last_scan_at == datetime(2026, 11, 18, 1, 30)
    assert services.tracking.show("YT9876543210").scans[0].scan_type is ScanType.IN_TRANSIT

    again = services.tracking_import.import_file(path=export, by=clerk, source="华东总部")
    assert (again.added, again.merged) == (0, 4)
    assert len(services.tracking.for_case(case.id).scans) == 3


def test_the_mapping_is_remembered_per_source(services: Services, clerk: int, tmp_path: Path) -> None:
    odd = ["单据,发生于,哪里,发生了什么", f"{NUMBER},2026-11-18 14:03:00+08:00,上海,客户已签收"]
    first = _csv(tmp_path / "a.csv", odd, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        services.tracking_import.import_file(path=first, by=clerk, source="西南总部")
    assert err.value.field == "mapping"
    mapping = {"tracking_no": "单据", "time": "发生于", "place": 2, "text": "发生了什么"}
    done = services.tracking_import.import_file(path=first, by=clerk, source="西南总部", mapping=mapping)
    assert done.added == 1 and done.mapping == {"tracking_no": "单据", "time": "发生于", "place": "哪里",
                                                "text": "发生了什么"}
    assert services.tracking_import.saved_mappings()["西南总部"] == done.mapping
    second = _csv(tmp_path / "b.csv", [*odd[:1], f"{NUMBER},2026-11-19 08:00,上海,退回寄件人"], encoding="utf-8")
    assert services.tracking_import.import_file(path=second, by=clerk, source="西南总部").added == 1
    assert services.tracking.show(NUMBER).scans[0].scan_type is ScanType.RETURNED
    # The same source with a new layout its saved mapping does not fit: the columns are found again.
    third = _csv(tmp_path / "c.csv", ["运单号,扫描时间,扫描类型", f"{NUMBER},2026-11-19 09:00,签收"], encoding="utf-8")
    assert services.tracking_import.import_file(path=third, by=clerk, source="西南总部").added == 1
    assert services.tracking_import.saved_mappings()["西南总部"]["time"] == "扫描时间"


def test_a_workbook_export_with_dates_and_a_zone_column(services: Services, clerk: int, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Tracking No", "Scan Time", "Time zone", "Location", "Status"])
    ws.append([NUMBER, datetime(2026, 11, 18, 9, 0), "Europe/Berlin", "Frankfurt", "Departed"])
    ws.append([NUMBER, datetime(2026, 11, 18, 9, 0), "Mars/Olympus", "Frankfurt", "Arrived"])
    wb.save(tmp_path / "intl.xlsx")
    result = services.tracking_import.import_file(path=tmp_path / "intl.xlsx", by=clerk)
    assert result.added == 1 and result.source == "intl"
    assert result.refused[0].field == "时区 Time zone"
    scan = services.tracking.show(NUMBER).scans[0]
    assert scan.at == datetime(2026, 11, 18, 8, 0) and scan.zone_text == "UTC+01:00"
    report = load_workbook(result.report_path, read_only=True)
    assert "Mars/Olympus" in str(list(report.worksheets[0].iter_rows(values_only=True)))


def test_a_cancelled_import_stores_nothing_and_a_courier_may_not_import(services: Services, clerk: int,
                                                                         tmp_path: Path) -> None:
    lines = ["运单号,时间,状态"] + [f"SF{1000000000000 + i},2026-11-18 10:00,在途" for i in range(2500)]
    export = _csv(tmp_path / "big.csv", lines)
    result = services.tracking_import.import_file(path=export, by=clerk, cancelled=lambda: True)
    assert result.cancelled and result.added == 0
    assert services.tracking.show("SF1000000000001").scans == []
    courier = services.operators.add(name="王快递", role=Role.COURIER, by=services.operators.ensure_first().id).id
    with pytest.raises(PermissionDeniedError):
        services.tracking_import.import_file(path=export, by=courier)
    seen: list[tuple[int, int]] = []
    done = services.tracking_import.import_file(path=export, by=clerk, progress=lambda d, t: seen.append((d, t)))
    assert done.added == 2500 and seen[-1] == (2500, 2500)


def test_the_monthly_workbook_counts_each_cases_scans(services: Services, clerk: int, manager: int,
                                                      tmp_path: Path) -> None:
    case = services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.DELAYED, by=clerk)
    other = services.cases.register_case(tracking_no="YT9876543210", kind=ProblemKind.DAMAGED, by=clerk)
    export = _csv(tmp_path / "t.csv", ["运单号,时间,状态", f"{NUMBER},2026-11-18 08:00,揽收",
                                       f"{NUMBER},2026-11-19 08:00,在途"])
    services.tracking_import.import_file(path=export, by=clerk)
    out = tmp_path / "month.xlsx"
    services.monthly.export_month(year=2026, month=11, out=out, by=manager)
    ws = load_workbook(out, read_only=True)["案件明细"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("轨迹条数")
    counts = {row[0]: row[col] for row in rows[1:]}
    assert counts == {case.case_no: 2, other.case_no: 0}
