"""The monthly workbook, built through the services and read back with openpyxl."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, LineChart
from sqlalchemy import select

from depot_app.db.models import AuditEntry
from depot_app.domain.clock import FixedClock
from depot_app.domain.dashboard import FIGURE_BY_KEY, MONTH_FIGURES, Period, PeriodFigures
from depot_app.domain.errors import DepotError, PermissionDeniedError, ValidationError
from depot_app.domain.kinds import ProblemKind as K
from depot_app.domain.vocabulary import (
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    LossExtent,
    PaymentMethod,
    ResolutionType,
)
from depot_app.export import excel_month
from depot_app.export.excel_month import (
    CASE_COLUMNS,
    DATETIME_FORMAT,
    HANDLER_COLUMNS,
    LEDGER_COLUMNS,
    MONEY_FORMAT,
    DeadlineResult,
    ExportCancelled,
    deadline_result,
)
from depot_app.services import Services, monthly
from depot_app.services.cases import ClaimInput
from depot_app.services.demo import generate_demo_data
from depot_app.services.monthly import MonthlyExportService

D = Decimal
#: A month with nothing to measure, for the writer fed without a database.
NO_FIGURES = PeriodFigures(values=dict.fromkeys(FIGURE_BY_KEY), age_buckets={}, ratings={})
CENT = D("0.01")
SHEETS_ZH = ["汇总", "案件明细", "赔偿台账", "按处理人"]
SHEETS_EN = ["Summary", "Cases", "Compensation ledger", "By handler"]
CASE_HEADERS_ZH = [c.zh for c in CASE_COLUMNS]


@dataclass
class Month:
    """What the test month holds."""

    case_nos: dict[str, str]
    compensation_total: Decimal
    paid_total: Decimal


def _contact(sv: Services, case_id: int, by: int) -> None:
    sv.cases.log_contact(case_id=case_id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                         outcome=ContactOutcome.REACHED, by=by)


def build_month(sv: Services, clock: FixedClock, manager: int, clerk: int) -> Month:
    """November 2026 at the desk: seven cases of several kinds, and one from October."""
    nos: dict[str, str] = {}
    clock.moment = datetime(2026, 11, 2, 1, 0)  # 09:00 on 2 November in Shanghai
    # An October case closed in November: in the daily "closed" curve, not in the month's cases.
    october = sv.cases.register_case(tracking_no="SF9200000000099", kind=K.DELAYED, by=clerk,
                                     reported_at=datetime(2026, 10, 20, 2, 0))
    sv.cases.close_case(case_id=october.id, outcome=FinalOutcome.SIGNED, by=clerk)

    # 1. Damaged, insured: ¥500 needs the manager's approval, paid by bank, closed with ★4.
    c1 = sv.cases.register_case(
        tracking_no="SF9200000000001", kind=K.DAMAGED, by=clerk, assignee_id=clerk,
        parcel={"sender_name": "张三", "sender_phone": "13987654321",
                "sender_address": "上海市浦东新区张杨路100号", "recipient_name": "李四",
                "recipient_phone": "13812345678", "recipient_address": "广东省深圳市南山区科技园路1号",
                "item_description": "茶叶礼盒", "declared_value": "800", "insured_value": "500",
                "freight": "15", "weight_g": "1.25"})
    nos["damaged"] = c1.case_no
    clock.advance(hours=2)
    _contact(sv, c1.id, clerk)
    sv.cases.choose_resolution(case_id=c1.id, expected_version=None, type=ResolutionType.COMPENSATE,
                               details={}, by=clerk, claim=ClaimInput(loss=LossExtent.TOTAL))
    sv.cases.decide_approval(case_id=c1.id, approve=True, comment="证据齐全", by=manager)
    sv.cases.record_payment(case_id=c1.id, method=PaymentMethod.BANK, reference="ICBC-001",
                            paid_on=date(2026, 11, 2), by=manager, payee_account="6222020000001234")
    clock.advance(hours=20)
    sv.cases.close_case(case_id=c1.id, outcome=FinalOutcome.COMPENSATED, by=clerk, satisfaction=4)

    # 2. Lost, uninsured: capped at 3 × freight = ¥60, no approval, Alipay, ★5.
    clock.moment = datetime(2026, 11, 5, 3, 0)
    c2 = sv.cases.register_case(tracking_no="SF9200000000002", kind=K.LOST, by=manager, assignee_id=manager,
                                parcel={"declared_value": "200", "freight": "20",
                                        "recipient_phone": "13700001111"})
    nos["lost"] = c2.case_no
    clock.advance(hours=1)
    _contact(sv, c2.id, manager)
    sv.cases.choose_resolution(case_id=c2.id, expected_version=None, type=ResolutionType.COMPENSATE,
                               details={}, by=manager,
                               claim=ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("150")))
    sv.cases.record_payment(case_id=c2.id, method=PaymentMethod.ALIPAY, reference="ALI-002",
                            paid_on=date(2026, 11, 5), by=manager)
    clock.advance(hours=4)
    sv.cases.close_case(case_id=c2.id, outcome=FinalOutcome.COMPENSATED, by=manager, satisfaction=5)

    # 3. Delayed: redelivered and signed, ★3.
    clock.moment = datetime(2026, 11, 8, 2, 0)
    c3 = sv.cases.register_case(tracking_no="SF9200000000003", kind=K.DELAYED, by=clerk, assignee_id=clerk)
    nos["delayed"] = c3.case_no
    clock.advance(minutes=30)
    _contact(sv, c3.id, clerk)
    sv.cases.choose_resolution(case_id=c3.id, expected_version=None, type=ResolutionType.REDELIVER,
                               details={"attempt_date": "2026-11-09"}, by=clerk)
    sv.cases.start_resolution(case_id=c3.id, by=clerk)
    clock.advance(hours=10)
    sv.cases.close_case(case_id=c3.id, outcome=FinalOutcome.SIGNED, by=clerk, satisfaction=3)

    # 4. Unreachable, never contacted, left open: overdue by export time. Its
    #    description would be a formula if written carelessly.
    clock.moment = datetime(2026, 11, 10, 2, 0)
    c4 = sv.cases.register_case(tracking_no="SF9200000000004", kind=K.UNREACHABLE, by=clerk,
                                description='=HYPERLINK("http://example.invalid","点我")',
                                parcel={"recipient_phone": "13812340000"})
    nos["unreachable"] = c4.case_no

    # 5. Complaint answered within 24 hours, still open.
    clock.moment = datetime(2026, 11, 12, 2, 0)
    c5 = sv.cases.register_case(tracking_no="SF9200000000005", kind=K.SERVICE_COMPLAINT, by=clerk)
    nos["complaint"] = c5.case_no
    clock.advance(hours=3)
    _contact(sv, c5.id, clerk)

    # 6. Refused, cancelled (registered in error).
    clock.moment = datetime(2026, 11, 15, 2, 0)
    c6 = sv.cases.register_case(tracking_no="SF9200000000006", kind=K.REFUSED, by=clerk)
    nos["refused"] = c6.case_no
    sv.cases.cancel_case(case_id=c6.id, reason="重复登记", by=clerk)

    # 7. Damaged, ¥300 awaiting approval: in the ledger, unpaid.
    clock.moment = datetime(2026, 11, 18, 2, 0)
    c7 = sv.cases.register_case(tracking_no="SF9200000000007", kind=K.DAMAGED, by=clerk,
                                parcel={"declared_value": "600", "insured_value": "300"})
    nos["pending"] = c7.case_no
    sv.cases.choose_resolution(case_id=c7.id, expected_version=None, type=ResolutionType.COMPENSATE,
                               details={}, by=clerk, claim=ClaimInput(loss=LossExtent.TOTAL))

    clock.moment = datetime(2026, 12, 2, 2, 0)  # exported early in December
    return Month(case_nos=nos, compensation_total=D("860.00"), paid_total=D("560.00"))


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where workbooks go (tmp_path itself also holds the SQLite database)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def month(services: Services, clock: FixedClock, manager: int, clerk: int) -> Month:
    return build_month(services, clock, manager, clerk)


def export(services: Services, out_dir: Path, by: int, **kwargs: object) -> tuple[monthly.MonthlyExportResult,
                                                                                   openpyxl.Workbook]:
    out = out_dir / "月报-2026-11.xlsx"
    args: dict[str, object] = {"year": 2026, "month": 11, "out": out, "by": by, **kwargs}
    result = MonthlyExportService(services.db, services.clock).export_month(**args)  # type: ignore[arg-type]
    assert result.path == out and out.is_file()
    return result, openpyxl.load_workbook(out)


def rows_of(ws: object) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def summary_figures(ws: object) -> dict[str, object]:
    """Column A label → column B value for every two-column row of the summary."""
    return {r[0]: r[1] for r in rows_of(ws) if r and isinstance(r[0], str) and len(r) > 1}


def export_entries(services: Services) -> list[AuditEntry]:
    with services.db.read() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "export")))
        s.expunge_all()  # keep the loaded values after the read session ends
    return entries


def as_money(value: object) -> Decimal:
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return D(repr(value)).quantize(CENT)


# ------------------------------------------------------------------- sheets
def test_sheets_headers_and_typed_cells(services: Services, month: Month, manager: int,
                                        out_dir: Path) -> None:
    result, wb = export(services, out_dir, manager)
    assert wb.sheetnames == SHEETS_ZH
    cases = wb["案件明细"]
    rows = rows_of(cases)
    assert rows[0] == CASE_HEADERS_ZH
    assert [c.value for c in wb["赔偿台账"][1]] == [c.zh for c in LEDGER_COLUMNS]
    assert [c.value for c in wb["按处理人"][1]] == [c.zh for c in HANDLER_COLUMNS]
    # Seven November cases in reporting order; the October one is not among them.
    assert [r[0] for r in rows[1:]] == list(month.case_nos.values())
    assert result.case_count == 7
    assert "SF9200000000099" not in {r[1] for r in rows[1:]}

    col = {name: i + 1 for i, name in enumerate(CASE_HEADERS_ZH)}
    damaged = 2  # first data row
    reported = cases.cell(damaged, col["登记时间"])
    assert isinstance(reported.value, datetime) and reported.number_format == DATETIME_FORMAT
    assert reported.value == datetime(2026, 11, 2, 9, 0)  # depot local time, not UTC
    assert cases.cell(damaged, col["结案时间"]).value == datetime(2026, 11, 3, 7, 0)
    for name, expected in (("申报价值", D("800")), ("保价金额", D("500")), ("运费", D("15")),
                           ("赔偿金额", D("500"))):
        cell = cases.cell(damaged, col[name])
        assert cell.data_type == "n" and cell.number_format == MONEY_FORMAT, name
        assert as_money(cell.value) == expected, name
    weight = cases.cell(damaged, col["重量(kg)"])
    assert weight.data_type == "n" and weight.value == 1.25
    assert cases.cell(damaged, col["满意度"]).value == 4
    assert rows[1][col["问题类型"] - 1] == "破损" and rows[1][col["状态"] - 1] == "已结案"
    assert rows[1][col["处理方案"] - 1] == "赔偿" and rows[1][col["结案结果"] - 1] == "已赔偿"
    assert rows[1][col["时限"] - 1] == "按时"
    assert rows[1][col["处理人"] - 1] == "李客服"
    # Unreachable, never answered: late by December, and its "=..." text stayed text.
    unreachable = rows[4]
    assert unreachable[col["时限"] - 1] == "超时"
    assert unreachable[col["问题描述"] - 1] == '=HYPERLINK("http://example.invalid","点我")'
    assert cases.cell(5, col["问题描述"]).data_type == "s"
    assert rows[6][col["时限"] - 1] == "—"  # cancelled

    # Frozen header, filter over the data, widths set.
    assert cases.freeze_panes == "C2"
    assert cases.auto_filter.ref == "A1:AE8"  # up to the carrier scans count
    assert rows[1][col["轨迹条数"] - 1] == 0
    assert cases.column_dimensions["A"].width == 19
    assert wb["赔偿台账"].freeze_panes == "B2" and wb["赔偿台账"].auto_filter.ref == "A1:N4"


def test_phones_names_and_addresses_are_masked_by_default(services: Services, month: Month, manager: int,
                                                          out_dir: Path) -> None:
    result, wb = export(services, out_dir, manager)
    assert result.masked
    first = rows_of(wb["案件明细"])[1]
    col = {name: i for i, name in enumerate(CASE_HEADERS_ZH)}
    assert first[col["收件人电话"]] == "138****5678"
    assert first[col["寄件人电话"]] == "139****4321"
    assert first[col["收件地址"]] == "广东省深圳市*********"
    assert first[col["寄件人"]] == "张*"
    flat = "\n".join(str(v) for ws in wb for r in rows_of(ws) for v in r if v is not None)
    for secret in ("13812345678", "13987654321", "13700001111", "科技园路", "6222020000001234"):
        assert secret not in flat
    assert "****1234" in flat  # the payee account keeps its last four digits
    assert summary_figures(wb["汇总"])["个人信息"] == "已脱敏"
    (entry,) = export_entries(services)
    assert "2026-11" in entry.detail and "masked" in entry.detail and "unmasked" not in entry.detail


def test_a_manager_may_export_unmasked_and_it_is_recorded(services: Services, month: Month, manager: int,
                                                          clock: FixedClock, out_dir: Path) -> None:
    result, wb = export(services, out_dir, manager, unmasked=True)
    assert not result.masked
    first = rows_of(wb["案件明细"])[1]
    col = {name: i for i, name in enumerate(CASE_HEADERS_ZH)}
    assert first[col["收件人电话"]] == "13812345678"
    assert first[col["收件地址"]] == "广东省深圳市南山区科技园路1号"
    assert first[col["寄件人"]] == "张三"
    assert summary_figures(wb["汇总"])["个人信息"].startswith("未脱敏")
    (entry,) = export_entries(services)
    assert entry.operator_id == manager and entry.at == clock.now()
    assert "2026-11" in entry.detail and "unmasked" in entry.detail
    assert entry.after == "月报-2026-11.xlsx"


def test_a_clerk_cannot_export_unmasked(services: Services, month: Month, clerk: int,
                                        out_dir: Path) -> None:
    with pytest.raises(PermissionDeniedError) as info:
        export(services, out_dir, clerk, unmasked=True)
    assert info.value.zh != info.value.en and "负责人" in info.value.zh
    assert list(out_dir.iterdir()) == []
    assert export_entries(services) == []
    # The masked workbook is open to a clerk.
    result, _ = export(services, out_dir, clerk)
    assert result.masked and result.case_count == 7


# ------------------------------------------------------------ ledger totals
def test_ledger_total_is_the_sum_of_its_lines(services: Services, month: Month, manager: int,
                                              out_dir: Path) -> None:
    result, wb = export(services, out_dir, manager)
    ledger = rows_of(wb["赔偿台账"])
    lines, total_row = ledger[1:-1], ledger[-1]
    assert len(lines) == 3 == result.compensation_count
    amount = [c.zh for c in LEDGER_COLUMNS].index("赔偿金额")
    amounts = [as_money(r[amount]) for r in lines]
    assert sum(amounts) == result.compensation_total == month.compensation_total
    assert result.compensation_paid_total == month.paid_total
    assert total_row[0] == "合计"
    assert total_row[amount] == "=SUM(E2:E4)"
    assert total_row[amount - 1] == "=SUM(D2:D4)"
    assert wb["赔偿台账"].cell(5, amount + 1).number_format == MONEY_FORMAT
    by_case = {r[0]: r for r in lines}
    first = by_case[month.case_nos["damaged"]]
    headers = [c.zh for c in LEDGER_COLUMNS]
    assert first[headers.index("计算依据")] == "保价快件全部损失，按保价金额赔偿"
    assert first[headers.index("审批状态")] == "已批准" and first[headers.index("审批人")] == "网点负责人"
    assert first[headers.index("支付日期")] == datetime(2026, 11, 2)
    assert wb["赔偿台账"].cell(2, headers.index("支付日期") + 1).number_format == "yyyy-mm-dd"
    assert first[headers.index("支付方式")] == "银行转账" and first[headers.index("支付流水号")] == "ICBC-001"
    pending = by_case[month.case_nos["pending"]]
    assert pending[headers.index("审批状态")] == "待审批" and pending[headers.index("支付日期")] is None
    figures = summary_figures(wb["汇总"])
    assert as_money(figures["赔偿总额"]) == month.compensation_total
    assert as_money(figures["其中已支付"]) == month.paid_total
    assert figures["赔偿笔数"] == 3


# ------------------------------------------------------------------ summary
def test_summary_counts_compliance_medians_and_rating(services: Services, month: Month, manager: int,
                                                      out_dir: Path) -> None:
    result, wb = export(services, out_dir, manager)
    figures = summary_figures(wb["汇总"])
    # The dashboard's figures of November: "closed" counts the cases closed in
    # the month, the October case closed on 2 November among them; "open"
    # is open at the month's end.
    assert figures["登记案件数"] == 7 and figures["结案数"] == 4
    assert figures["未结案（期末）"] == 3 and figures["已撤销"] == 1
    # Met: the three closed cases; missed: unreachable and pending (overdue by
    # December); the complaint is overdue too.
    assert (figures["按时结案（件）"], figures["未按时限结案（件）"], figures["未到期（件）"]) == (3, 3, 0)
    assert figures["时限达标率"] == pytest.approx(0.5)
    assert figures["投诉24小时首次响应率"] == pytest.approx(1.0)
    # First contacts after 2 h, 1 h, 0.5 h and 3 h: median 1.5 h.
    assert figures["首次联系中位时长（小时）"] == pytest.approx(1.5)
    # Closed after 22 h, 5 h and 10.5 h: median 10.5 h.
    assert figures["结案中位时长（小时）"] == pytest.approx(10.5)
    # Ratings of the cases closed in November (the October one has none): ★4, ★5, ★3.
    assert figures["平均满意度（1–5）"] == pytest.approx(4.0) and figures["满意度评价数"] == 3
    assert figures["评价覆盖率"] == pytest.approx(0.75)
    assert figures["已支付赔偿"] == pytest.approx(560) and figures["待审批赔偿"] == 1
    assert figures["网点业务量（件）"] == "—"  # no parcel volume entered

    rows = rows_of(wb["汇总"])
    def table(title: str) -> dict[object, object]:
        start = next(i for i, r in enumerate(rows) if r and r[0] == title) + 2
        out = {}
        for r in rows[start:]:
            if not r or r[0] is None:
                break
            out[r[0]] = r[1] if len(r) < 3 or r[2] is None else tuple(r[1:3])
        return out

    kinds = table("按问题类型")
    assert len(kinds) == len(K) and sum(kinds.values()) == 7  # type: ignore[arg-type]
    assert kinds["破损"] == 2 and kinds["遗失"] == 1 and kinds["服务投诉"] == 1 and kinds["海关扣留"] == 0
    statuses = table("按状态")
    assert statuses["已结案"] == 3 and statuses["已撤销"] == 1 and statuses["待审批"] == 1
    resolutions = table("按处理方案")
    assert resolutions["赔偿"] == 3 and resolutions["重新派送"] == 1 and resolutions["未定方案"] == 3
    outcomes = table("按结案结果")
    assert outcomes["已赔偿"] == 2 and outcomes["已签收"] == 1
    daily = table("每日登记与结案")
    assert len(daily) == 30
    assert daily[datetime(2026, 11, 2)] == (1, 1)  # the October case was closed that day too
    assert daily[datetime(2026, 11, 3)] == (0, 1)
    assert daily[datetime(2026, 11, 10)] == (1, 0)
    assert sum(v[0] for v in daily.values()) == 7  # type: ignore[index]
    assert sum(v[1] for v in daily.values()) == 4  # type: ignore[index]

    handlers = {r[0]: r for r in rows_of(wb["按处理人"])[1:]}
    assert handlers["李客服"][1] == 6 and handlers["网点负责人"][1] == 1
    assert handlers["合计"][1] == 7


def test_charts_are_native_and_on_the_summary(services: Services, month: Month, manager: int,
                                              out_dir: Path) -> None:
    _, wb = export(services, out_dir, manager)
    charts = wb["汇总"]._charts
    assert len(charts) == 2
    bar = next(c for c in charts if isinstance(c, BarChart))
    line = next(c for c in charts if isinstance(c, LineChart))
    assert "'汇总'!$B$" in bar.series[0].val.numRef.f
    assert len(line.series) == 2  # intake and closed


def test_english_workbook(services: Services, month: Month, manager: int, out_dir: Path) -> None:
    _, wb = export(services, out_dir, manager, language="en")
    assert wb.sheetnames == SHEETS_EN
    rows = rows_of(wb["Cases"])
    assert rows[0] == [c.en for c in CASE_COLUMNS]
    assert rows[1][3] == "Damaged" and rows[1][4] == "Closed"
    figures = summary_figures(wb["Summary"])
    assert figures["Cases opened"] == 7 and figures["Median time to close (hours)"] == pytest.approx(10.5)
    assert rows_of(wb["Compensation ledger"])[-1][0] == "Total"


def test_an_empty_month_still_makes_a_valid_workbook(services: Services, manager: int,
                                                     out_dir: Path) -> None:
    out = out_dir / "empty.xlsx"
    result = MonthlyExportService(services.db, services.clock).export_month(year=2026, month=9, out=out,
                                                                            by=manager)
    assert result.case_count == 0 and result.compensation_total == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == SHEETS_ZH
    assert rows_of(wb["案件明细"]) == [CASE_HEADERS_ZH]
    ledger = rows_of(wb["赔偿台账"])
    assert len(ledger) == 2 and ledger[1][0] == "合计" and ledger[1][4] == 0
    figures = summary_figures(wb["汇总"])
    assert figures["登记案件数"] == 0 and figures["赔偿笔数"] == 0
    assert figures["时限达标率"] == "—" and figures["平均满意度（1–5）"] == "—"
    assert len(wb["汇总"]._charts) == 2
    assert [r[0] for r in rows_of(wb["按处理人"])[1:]] == ["合计"]


# ----------------------------------------------------- progress and cancel
def test_progress_is_reported_up_to_the_total(services: Services, month: Month, manager: int,
                                              out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(monthly, "BATCH_SIZE", 2)
    seen: list[tuple[int, int]] = []
    export(services, out_dir, manager, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 10) and seen[-1] == (10, 10)  # 7 cases + 3 ledger lines
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_midway_leaves_no_file(services: Services, month: Month, manager: int, out_dir: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(monthly, "BATCH_SIZE", 2)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # after two batches of cases

    out = out_dir / "月报.xlsx"
    with pytest.raises(ExportCancelled) as info:
        MonthlyExportService(services.db, services.clock).export_month(
            year=2026, month=11, out=out, by=manager, cancelled=cancelled)
    assert isinstance(info.value, DepotError) and info.value.zh == "导出已取消，未生成文件。"
    assert list(out_dir.iterdir()) == []
    assert export_entries(services) == []


def test_a_failed_export_keeps_the_previous_file(services: Services, month: Month, manager: int,
                                                 out_dir: Path) -> None:
    out = out_dir / "月报.xlsx"
    out.write_bytes(b"previous")
    with pytest.raises(ExportCancelled):
        MonthlyExportService(services.db, services.clock).export_month(
            year=2026, month=11, out=out, by=manager, cancelled=lambda: True)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in out_dir.iterdir()] == ["月报.xlsx"]


def test_bad_month_and_missing_folder_are_refused(services: Services, manager: int, out_dir: Path) -> None:
    svc = MonthlyExportService(services.db, services.clock)
    with pytest.raises(ValidationError):
        svc.export_month(year=2026, month=13, out=out_dir / "x.xlsx", by=manager)
    with pytest.raises(ValidationError):
        svc.export_month(year=2026, month=11, out=out_dir / "nope" / "x.xlsx", by=manager)


# ------------------------------------------------------------ pure writer
@pytest.mark.parametrize(("status", "closed_after", "now_after", "expected"), [
    ("closed", 24, 100, DeadlineResult.MET),       # closed exactly at the due time
    ("closed", 25, 100, DeadlineResult.MISSED),
    ("investigating", None, 24, DeadlineResult.PENDING),
    ("investigating", None, 25, DeadlineResult.MISSED),
    ("cancelled", 1, 100, DeadlineResult.NOT_APPLICABLE),
])
def test_deadline_result(status: str, closed_after: int | None, now_after: int,
                         expected: DeadlineResult) -> None:
    start = datetime(2026, 11, 1)
    due = start + timedelta(hours=24)
    closed = start + timedelta(hours=closed_after) if closed_after is not None else None
    assert deadline_result(status, due, closed, start + timedelta(hours=now_after)) is expected


@pytest.mark.parametrize("masked", [False, True])
def test_the_writer_takes_plain_records(tmp_path: Path, masked: bool) -> None:
    """No database: the writer is fed tuples, and control characters never reach the file."""
    meta = excel_month.WorkbookMeta(depot_code="SH01", depot_name="上海浦东网点", year=2026, month=2,
                                    timezone="Asia/Shanghai", exported_by="王经理",
                                    exported_at=datetime(2026, 3, 1), masked=masked, language="en")
    reported = datetime(2026, 2, 10, 2, 0)
    rec = excel_month.CaseRecord(
        "SH01-260301-0001", "SF9300000000001", "sf", "lost", "registered", "high", "phone", None,
        reported, reported + timedelta(hours=48), None, None, None, "A\x01B", "", "", "", "", "", "",
        D("12.34"), None, None, None, None, None, None, None, None, "bell\x07")
    stats = excel_month.write_monthly_workbook(tmp_path / "w.xlsx", meta, cases=[rec], compensations=[],
                                               figures=NO_FIGURES)
    assert stats.total == 1
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx")
    row = rows_of(wb["Cases"])[1]
    assert row[13] == ("A*" if masked else "AB") and row[29] == "bell"
    assert row[20] == 12.34
    assert rows_of(wb["By handler"])[1][0] == "(unassigned)"


def test_the_writer_leaves_nothing_when_its_input_fails(tmp_path: Path) -> None:
    meta = excel_month.WorkbookMeta(depot_code="SH01", depot_name="x", year=2026, month=2,
                                    timezone="Asia/Shanghai", exported_by="x",
                                    exported_at=datetime(2026, 3, 1))

    def broken() -> object:
        yield from ()
        raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        excel_month.write_monthly_workbook(
            tmp_path / "w.xlsx", meta, cases=broken(), compensations=[],  # type: ignore[arg-type]
            figures=NO_FIGURES)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------- one definition per figure
def test_the_summary_figures_are_the_dashboards(services: Services, manager: int, out_dir: Path) -> None:
    """On a seeded demo database every key figure, the daily counts and the counts by kind of the
    summary are what the dashboard shows for the same month."""
    generate_demo_data(services, cases=400, seed=7)
    services.volume.set_days(values={date(2026, 10, 1) + timedelta(days=i): 1800 + i for i in range(31)},
                             by=manager)
    period = Period(date(2026, 10, 1), date(2026, 10, 31))
    dashboard = services.dashboard.figures(period=period, by=manager, details=True)
    want = dashboard.current.values
    assert (want["opened"] or 0) > 50 and (want["compensations"] or 0) > 0 and want["parcel_volume"]
    for language, sheet in (("zh_CN", "汇总"), ("en", "Summary")):
        out = out_dir / f"{language}.xlsx"
        result = MonthlyExportService(services.db, services.clock).export_month(
            year=2026, month=10, out=out, by=manager, language=language)
        rows = rows_of(openpyxl.load_workbook(out)[sheet])
        start = next(i for i, r in enumerate(rows) if r and r[0] in ("主要指标", "Key figures")) + 2
        shown = rows[start:start + len(MONTH_FIGURES)]
        assert len(shown) == len(MONTH_FIGURES)
        for key, (label, value) in zip(MONTH_FIGURES, (tuple(r[:2]) for r in shown), strict=True):
            assert str(label).startswith(FIGURE_BY_KEY[key].label(language)), key
            expected = want[key]
            if expected is None:
                assert value == "—", key
            elif key in ("median_first_contact_s", "median_close_s"):
                assert value == pytest.approx(round(expected / 3600, 1), abs=0.051), key
            else:
                assert value == pytest.approx(expected, abs=0.005), key
        assert result.case_count == want["opened"]
        assert result.compensation_count == want["compensations"]
        assert float(result.compensation_total) == pytest.approx(want["compensation_total"])
        assert float(result.compensation_paid_total) == pytest.approx(want["compensation_total_paid"])
        day_title = "每日登记与结案" if language == "zh_CN" else "Daily intake and closed"
        first = next(i for i, r in enumerate(rows) if r and r[0] == day_title) + 2
        daily = {r[0].date().isoformat(): (r[1], r[2]) for r in rows[first:first + 31]}  # type: ignore[union-attr]
        assert daily == {d: (n, dashboard.current.closed_by_day[d])
                         for d, n in dashboard.current.opened_by_day.items()}
    by_kind = {row.key: row.opened for row in dashboard.breakdowns["kind"]}
    kind_rows = {r[0]: r[1] for r in rows if r and len(r) > 1 and r[0] in {k.label("en") for k in K}}
    assert kind_rows == {k.label("en"): by_kind.get(k.value, 0) for k in K}
