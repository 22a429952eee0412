"""Importing head offices' lists: .xlsx and .csv (UTF-8 with BOM, GBK), Chinese and English headers."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from depot_app.db.models import AuditEntry, Parcel, ProblemCase
from depot_app.domain.errors import NotFoundError, ValidationError
from depot_app.domain.kinds import ProblemKind as K
from depot_app.services import Services
from depot_app.services.importer import (
    ImportService,
    detect_mapping,
    kind_from_text,
    normalize_header,
)

HEADERS = ["运单号", "异常原因", "问题描述", "寄件人", "收件人", "收件人电话", "收件地址", "申报价值",
           "保价", "运费", "代收货款", "重量(kg)"]
# Data rows; the comment is what happens to each. Row numbers are counted from the header.
ROWS: list[list[Any]] = [
    ["SF9400000000001", "破损", "外箱压坏", "张三", "李四", "13812345678", "上海市浦东新区张杨路1号",
     "500", "300", "12", "", "1.5"],                                                    # +1 created (damaged)
    ["SF9400000000002", "丢件", "", "王五", "赵六", "13900001111", "", "200", "", "20", "", ""],  # +2 lost
    ["SF9400000000003", "拒收", "客户拒收", "", "钱七", "12345", "", "", "", "", "", ""],   # +3 bad phone
    ["SF12", "延误", "", "", "", "", "", "", "", "", "", ""],                             # +4 bad tracking
    ["SF9400000000005", "外星人劫持", "", "", "", "", "", "", "", "", "", ""],              # +5 unknown kind
    ["SF9400000000006", "延误", "催件", "", "", "", "", "", "", "", "", ""],                # +6 already open
    ["", "", "", "", "", "", "", "", "", "", "", ""],                                   # +7 blank: ignored
    ["SF9400000000007", "收件人地址错误", "", "", "孙八", "13700002222", "", "", "", "", "88.5", "800g"],  # +8
]
CREATED = {"SF9400000000001": K.DAMAGED, "SF9400000000002": K.LOST, "SF9400000000007": K.RECIPIENT_INFO}
REFUSED_OFFSETS = {3: "recipient_phone", 4: "tracking_no", 5: "kind"}
SKIPPED_OFFSET = 6


def count(sv: Services, model: type) -> int:
    with sv.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def write_xlsx(path: Path, *, title: bool = True, rows: list[list[Any]] | None = None,
               headers: list[str] | None = None) -> int:
    """Write the list as a workbook; returns the header's row number."""
    wb = openpyxl.Workbook()
    ws = wb.active
    header_row = 1
    if title:
        ws.append(["上海区总部 问题件清单（2026年11月）"])
        ws.append([])
        header_row = 3
    ws.append(headers or HEADERS)
    for row in rows if rows is not None else ROWS:
        ws.append(row)
    wb.save(path)
    return header_row


def write_csv(path: Path, encoding: str) -> int:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        writer.writerows(ROWS)
    return 1


@pytest.fixture
def lists(tmp_path: Path) -> Path:
    folder = tmp_path / "lists"
    folder.mkdir()
    return folder


@pytest.fixture
def open_delay(services: Services, manager: int) -> str:
    """SF9400000000006 already has an open delay case at the desk."""
    return services.cases.register_case(tracking_no="SF9400000000006", kind=K.DELAYED, by=manager).case_no


def check_result(services: Services, result: Any, header_row: int, open_delay: str) -> None:
    assert {c.tracking_no: c.kind for c in result.created} == CREATED
    assert [c.row for c in result.created] == [header_row + 1, header_row + 2, header_row + 8]
    assert all(c.case_no.startswith("SH01-") for c in result.created)
    assert {(r.row, r.field) for r in result.refused} == {
        (header_row + offset, name) for offset, name in REFUSED_OFFSETS.items()}
    (skipped,) = result.skipped
    assert (skipped.row, skipped.tracking_no, skipped.case_no) == (header_row + SKIPPED_OFFSET,
                                                                    "SF9400000000006", open_delay)
    for refused in result.refused:
        assert refused.en and refused.zh and refused.en != refused.zh
    unknown = next(r for r in result.refused if r.field == "kind")
    assert "外星人劫持" in unknown.zh and "破损" in unknown.zh and "Damaged" in unknown.en


# ------------------------------------------------------------------ preview
def test_read_table_finds_the_header_below_a_title(services: Services, lists: Path) -> None:
    path = lists / "总部清单.xlsx"
    header_row = write_xlsx(path)
    preview = ImportService(services.db, services.clock).read_table(path)
    assert preview.header_row == header_row == 3
    assert preview.headers == HEADERS
    assert preview.mapping == {
        "tracking_no": 0, "kind": 1, "description": 2, "sender_name": 3, "recipient_name": 4,
        "recipient_phone": 5, "recipient_address": 6, "declared_value": 7, "insured_value": 8,
        "freight": 9, "cod_amount": 10, "weight_g": 11}
    assert preview.missing_required == [] and preview.unmapped_columns == []
    assert preview.total_rows == 7  # the blank row is not counted
    assert preview.rows[0][:3] == ["SF9400000000001", "破损", "外箱压坏"]
    assert preview.sheet == "Sheet"


def test_english_and_unusual_headers_are_recognised() -> None:
    headers = ["No.", "Tracking No.", "Reason", "Recipient Phone", "Declared Value (CNY)", "Weight (kg)",
               "Remarks", "收件人联系手机", "*寄件人 地址", "订单号"]
    assert detect_mapping(headers) == {"tracking_no": 1, "kind": 2, "recipient_phone": 3,
                                       "declared_value": 4, "weight_g": 5, "description": 6,
                                       "sender_address": 8}
    # 收件人联系手机 is a recipient phone too, but the exact "Recipient Phone" came first.
    assert detect_mapping(["快递单号", "问题类型", "收件人联系手机"])["recipient_phone"] == 2
    assert normalize_header(" 重量（公斤）* ") == "重量"


@pytest.mark.parametrize(("text", "kind"), [
    ("破损", K.DAMAGED), ("外箱破", K.DAMAGED), ("damaged", K.DAMAGED), ("Broken glass", K.DAMAGED),
    ("丢失", K.LOST), ("遗失", K.LOST), ("Lost", K.LOST), ("延误", K.DELAYED), ("delay 2 days", K.DELAYED),
    ("拒收", K.REFUSED), ("地址错误", K.RECIPIENT_INFO), ("电话错误", K.RECIPIENT_INFO),
    ("超区", K.OUT_OF_AREA), ("无人签收", K.UNREACHABLE), ("联系不上", K.UNREACHABLE),
    ("短少", K.SHORT_CONTENTS), ("内件丢失", K.SHORT_CONTENTS), ("污染", K.CONTAMINATED),
    ("虚假签收", K.FALSE_SIGN_FOR), ("投诉：虚假签收", K.FALSE_SIGN_FOR), ("错贴", K.SWAPPED),
    ("掉包", K.SWAPPED), ("留仓", K.HELD_AT_HUB), ("重量不符", K.WEIGHT_MISMATCH), ("运费争议", K.FREIGHT_DISPUTE),
    ("货款变更", K.COD_CHANGE), ("代收货款取消", K.COD_CHANGE), ("COD change", K.COD_CHANGE),
    ("回单", K.RETURN_RECEIPT), ("海关扣留", K.CUSTOMS_HELD), ("投诉", K.SERVICE_COMPLAINT),
    ("快递员态度差", K.SERVICE_COMPLAINT), ("客户没钱", K.CANNOT_PAY), ("验货时间长", K.LONG_INSPECTION),
    ("收件人信息问题", K.RECIPIENT_INFO), ("掉包/错贴", K.SWAPPED), ("service_complaint", K.SERVICE_COMPLAINT),
    ("Ｄａｍａｇｅｄ", K.DAMAGED),
])
def test_kind_from_reason_text(text: str, kind: K) -> None:
    assert kind_from_text(text) is kind


@pytest.mark.parametrize("text", ["外星人劫持", "", "zip code wrong", "latest news"])
def test_unknown_reasons_are_refused_with_the_accepted_kinds(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        kind_from_text(text)
    assert info.value.field == "kind"
    if text:
        assert "破损" in info.value.zh and "Held by customs" in info.value.en


# ------------------------------------------------------------------ import
def test_xlsx_import_creates_skips_and_refuses_row_by_row(services: Services, manager: int, lists: Path,
                                                          open_delay: str) -> None:
    path = lists / "总部清单.xlsx"
    header_row = write_xlsx(path)
    parcels, cases = count(services, Parcel), count(services, ProblemCase)
    result = ImportService(services.db, services.clock).import_file(path=path, by=manager)
    check_result(services, result, header_row, open_delay)
    assert not result.cancelled and result.rows_read == 7
    # Exactly the three good rows landed: no parcel from a refused row.
    assert count(services, ProblemCase) == cases + 3
    assert count(services, Parcel) == parcels + 3

    damaged = services.cases.detail(services.queries.case_id_by_no(result.created[0].case_no))
    assert damaged.description == "外箱压坏" and damaged.reporter_name == "总部"
    assert damaged.parcel.recipient_name == "李四" and damaged.parcel.declared_value == Decimal("500.00")
    assert damaged.parcel.insured_value == Decimal("300.00") and damaged.parcel.weight_g == 1500
    lost = services.cases.detail(services.queries.case_id_by_no(result.created[1].case_no))
    assert lost.description == "丢件"  # the reason text says more than the kind
    info = services.cases.detail(services.queries.case_id_by_no(result.created[2].case_no))
    assert info.parcel.cod_amount == Decimal("88.50") and info.parcel.weight_g == 800

    # The error report sits next to the list, one line per refused or skipped row.
    assert result.report_path == lists / "总部清单_导入报告.xlsx"
    report = [list(r) for r in openpyxl.load_workbook(result.report_path).active.iter_rows(values_only=True)]
    assert report[0][:7] == ["行号 Row", "结果 Result", "快递单号 Tracking no.", "字段 Field", "原因", "Reason",
                             "已有问题件 Open case"]
    assert [r[0] for r in report[1:]] == [header_row + n for n in (3, 4, 5, 6)]
    assert [r[1] for r in report[1:]] == ["拒绝 Refused"] * 3 + ["跳过 Skipped"]
    phone_line = report[1]
    assert phone_line[3] == "收件人电话 Recipient phone" and "12345" in phone_line[4]
    assert phone_line[7:10] == ["SF9400000000003", "拒收", "客户拒收"]  # the original values follow
    assert report[4][6] == open_delay

    with services.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert entry.operator_id == manager and entry.after == "总部清单.xlsx"
        assert entry.detail == "created 3, skipped 1, refused 3"


def test_importing_the_same_file_again_creates_nothing(services: Services, manager: int, lists: Path,
                                                       open_delay: str) -> None:
    path = lists / "list.xlsx"
    write_xlsx(path, title=False)
    service = ImportService(services.db, services.clock)
    first = service.import_file(path=path, by=manager)
    assert len(first.created) == 3
    parcels, cases = count(services, Parcel), count(services, ProblemCase)
    again = service.import_file(path=path, by=manager)
    assert again.created == [] and len(again.skipped) == 4 and len(again.refused) == 3
    assert {s.case_no for s in again.skipped} == {*first.created_case_numbers, open_delay}
    assert (count(services, Parcel), count(services, ProblemCase)) == (parcels, cases)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_with_bom_and_in_gbk(services: Services, manager: int, lists: Path, open_delay: str,
                                         encoding: str) -> None:
    path = lists / "清单.csv"
    header_row = write_csv(path, encoding)
    service = ImportService(services.db, services.clock)
    preview = service.read_table(path)
    assert preview.headers == HEADERS
    assert preview.encoding == ("utf-8-sig" if encoding == "utf-8-sig" else "gbk")
    cases = count(services, ProblemCase)
    result = service.import_file(path=path, by=manager)
    check_result(services, result, header_row, open_delay)
    assert count(services, ProblemCase) == cases + 3
    assert result.report_path == lists / "清单_导入报告.csv"
    with result.report_path.open(encoding="utf-8-sig", newline="") as fh:
        report = list(csv.reader(fh))
    assert [int(r[0]) for r in report[1:]] == [4, 5, 6, 7]
    assert "外星人劫持" in report[3][4]


def test_numbers_typed_as_numbers_in_excel(services: Services, manager: int, lists: Path) -> None:
    """Excel stores long digit strings and amounts as numbers; they must read as typed."""
    path = lists / "numbers.xlsx"
    write_xlsx(path, title=False, headers=["快递单号", "问题类型", "收件人手机", "申报价值", "运费"],
               rows=[[731234567890, "破损", 13812345678, 99.9, 12]])
    result = ImportService(services.db, services.clock).import_file(path=path, by=manager)
    assert result.refused == [] and len(result.created) == 1
    detail = services.cases.detail(services.queries.case_id_by_no(result.created[0].case_no))
    assert detail.parcel.tracking_no == "731234567890"
    assert detail.parcel.declared_value == Decimal("99.90") and detail.parcel.freight == Decimal("12.00")
    assert result.report_path is None


def test_a_mapping_from_the_clerk_overrides_detection(services: Services, manager: int, lists: Path,
                                                      tmp_path: Path) -> None:
    path = lists / "odd.xlsx"
    write_xlsx(path, title=False, headers=["编号", "情况", "电话"],
               rows=[["SF9400000000011", "破损", "13812345678"], ["SF9400000000012", "？", ""]])
    service = ImportService(services.db, services.clock)
    with pytest.raises(ValidationError) as info:
        service.import_file(path=path, by=manager)  # neither required column is recognised
    assert "快递单号" in info.value.zh and "问题类型" in info.value.zh
    assert count(services, ProblemCase) == 0
    report = tmp_path / "report.xlsx"
    result = service.import_file(path=path, by=manager, report_path=report,
                                 mapping={"tracking_no": 0, "kind": "情况", "recipient_phone": "电话"})
    assert len(result.created) == 1 and [r.row for r in result.refused] == [3]
    assert result.report_path == report and report.is_file()
    with pytest.raises(ValidationError):
        service.import_file(path=path, by=manager, mapping={"tracking_no": 0, "kind": "没有这列"})
    with pytest.raises(ValidationError):
        service.import_file(path=path, by=manager, header_row=9)


def test_the_clerk_may_name_the_header_row(services: Services, manager: int, lists: Path) -> None:
    path = lists / "titled.xlsx"
    write_xlsx(path, rows=ROWS[:2])
    result = ImportService(services.db, services.clock, services.cases).import_file(
        path=path, by=manager, header_row=3)
    assert [c.row for c in result.created] == [4, 5]


def test_files_that_cannot_be_imported(services: Services, manager: int, lists: Path) -> None:
    service = ImportService(services.db, services.clock)
    with pytest.raises(NotFoundError):
        service.read_table(lists / "missing.xlsx")
    old = lists / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError) as info:
        service.read_table(old)
    assert ".xlsx" in info.value.zh
    broken = lists / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ValidationError):
        service.import_file(path=broken, by=manager)


def test_cancel_stops_between_rows(services: Services, manager: int, lists: Path) -> None:
    path = lists / "list.xlsx"
    write_xlsx(path, title=False)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    progress: list[tuple[int, int]] = []
    result = ImportService(services.db, services.clock).import_file(
        path=path, by=manager, cancelled=cancelled, progress=lambda d, t: progress.append((d, t)))
    assert result.cancelled and len(result.created) == 2 and result.refused == []
    assert progress == [(1, 7), (2, 7)]
    assert count(services, ProblemCase) == 2
