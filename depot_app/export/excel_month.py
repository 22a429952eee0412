"""The monthly workbook (月报) for head office and finance, written with openpyxl.

Fed by plain data only — :class:`CaseRecord` and :class:`CompensationRecord`
tuples with stored codes and naive-UTC times — so it knows nothing of the
database. The service streams the records in; this module turns codes into
labels, UTC into depot-local time, masks personal data, writes the rows and
adds every case to :class:`MonthStats` on the way, so the summary comes out
of the same single pass.

The workbook is written in openpyxl's write-only (streaming) mode: each sheet
goes to its own temporary file as rows arrive, so a month of 100,000 cases
needs a few megabytes, not gigabytes. Write-only has two rules this module
follows: a sheet's column widths and frozen panes are set before its first
row, and its rows are written strictly in order.

Sheets (Chinese names by default, English with ``language="en"``):

* 汇总 / Summary — key figures, counts by kind, status, resolution and final
  outcome, daily intake vs closed, and two native Excel charts.
* 案件明细 / Cases — one row per case; real Excel datetimes, money as numbers.
* 赔偿台账 / Compensation ledger — one row per live compensation, with totals.
* 按处理人 / By handler — per assignee. Cases are assigned to the clerk who
  handles them (the courier is usually not an operator), so the sheet is named
  after the handler rather than the courier.
"""

from __future__ import annotations

import os
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import (  # type: ignore[import-untyped, unused-ignore]
    ERROR_CODES,
    ILLEGAL_CHARACTERS_RE,
    Cell,
)
from openpyxl.chart import BarChart, LineChart, Reference  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

from depot_app.domain.dashboard import (
    DURATION_FIGURES,
    FIGURE_BY_KEY,
    MONEY_FIGURES,
    MONTH_FIGURES,
    RATE_FIGURES,
    PeriodFigures,
)
from depot_app.domain.identifiers import Carrier, mask_address, mask_name, mask_phone
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.timeline_text import APPROVAL_LABELS, BASIS_LABELS, pick
from depot_app.domain.vocabulary import (
    CaseStatus,
    FinalOutcome,
    PaymentMethod,
    Priority,
    ReportChannel,
    ResolutionType,
)

# One cancel error for every export (PDF and Excel), so the UI catches one type.
from depot_app.export.context import ExportCancelled

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
DAY_FORMAT = "mm-dd"
MONEY_FORMAT = '"¥"#,##0.00'
PERCENT_FORMAT = "0.0%"
HOURS_FORMAT = "0.0"
WEIGHT_FORMAT = "0.000"
RATING_FORMAT = "0.00"

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_RATIO = Decimal("0.0001")


# ----------------------------------------------------------------- the input
class CaseRecord(NamedTuple):
    """One case as the workbook needs it: stored codes, naive-UTC times, raw contacts."""

    case_no: str
    tracking_no: str
    carrier: str
    kind: str
    status: str
    priority: str
    report_channel: str
    assignee: str | None
    reported_at: datetime
    due_at: datetime
    first_response_due_at: datetime | None
    first_contact_at: datetime | None
    closed_at: datetime | None
    sender_name: str
    sender_phone: str
    sender_address: str
    recipient_name: str
    recipient_phone: str
    recipient_address: str
    item_description: str
    declared_value: Decimal | None
    insured_value: Decimal | None
    freight: Decimal | None
    cod_amount: Decimal | None
    weight_g: int | None
    resolution: str | None
    compensation_amount: Decimal | None
    final_outcome: str | None
    satisfaction: int | None
    description: str
    #: Carrier scans stored for the parcel.
    scan_count: int = 0


class CompensationRecord(NamedTuple):
    """One line of the compensation ledger."""

    case_no: str
    tracking_no: str
    kind: str
    suggested_amount: Decimal
    amount: Decimal
    basis: str
    approval_state: str
    approver: str | None
    approved_at: datetime | None
    paid_at: datetime | None
    payment_method: str | None
    payment_reference: str
    payee_account: str
    paid_by: str | None


@dataclass(frozen=True)
class WorkbookMeta:
    """What the workbook is about and who made it."""

    depot_code: str
    depot_name: str
    year: int
    month: int
    timezone: str
    exported_by: str
    exported_at: datetime  # naive UTC; also "now" for deadlines of open cases
    masked: bool = True
    language: str = "zh_CN"

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")

    def month_days(self) -> tuple[date, date]:
        """The month's first and last calendar day."""
        nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return date(self.year, self.month, 1), nxt - timedelta(days=1)

    def days(self) -> list[date]:
        """Every calendar day of the month."""
        first, last = self.month_days()
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# -------------------------------------------------------------- deadlines
class DeadlineResult(StrEnum):
    """How a case stands against its resolution due time."""

    MET = "met"
    MISSED = "missed"
    PENDING = "pending"
    NOT_APPLICABLE = "n/a"

    def label(self, language: str = "zh_CN") -> str:
        zh, en = _DEADLINE_LABELS[self]
        return zh if language.startswith("zh") else en


_DEADLINE_LABELS = {
    DeadlineResult.MET: ("按时", "On time"),
    DeadlineResult.MISSED: ("超时", "Late"),
    DeadlineResult.PENDING: ("未到期", "Not yet due"),
    DeadlineResult.NOT_APPLICABLE: ("—", "—"),
}

_CLOSED = CaseStatus.CLOSED.value
_CANCELLED = CaseStatus.CANCELLED.value


def deadline_result(status: str, due_at: datetime, closed_at: datetime | None,
                    now: datetime) -> DeadlineResult:
    """Met or missed for a closed case; missed once past due for an open one.

    "Within the due time" includes the due minute itself, as in
    :func:`depot_app.domain.deadlines.due_state`. Cancelled cases are not
    counted either way.
    """
    if status == _CANCELLED:
        return DeadlineResult.NOT_APPLICABLE
    if status == _CLOSED and closed_at is not None:
        return DeadlineResult.MET if closed_at <= due_at else DeadlineResult.MISSED
    return DeadlineResult.MISSED if now > due_at else DeadlineResult.PENDING


def _ratio(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else (Decimal(part) / Decimal(whole)).quantize(_RATIO, ROUND_HALF_UP)


def _median_hours(seconds: list[int]) -> Decimal | None:
    if not seconds:
        return None
    return (Decimal(statistics.median(seconds)) / 3600).quantize(_TENTH, ROUND_HALF_UP)


# ------------------------------------------------------------- the summary
@dataclass
class HandlerStats:
    """Figures of one handler (assignee) over the month."""

    cases: int = 0
    closed: int = 0
    open: int = 0
    met: int = 0
    missed: int = 0
    compensations: int = 0
    compensation_total: Decimal = Decimal("0.00")
    rating_sum: int = 0
    ratings: int = 0
    first_contact_s: list[int] = field(default_factory=list)
    close_s: list[int] = field(default_factory=list)

    @property
    def compliance(self) -> Decimal | None:
        return _ratio(self.met, self.met + self.missed)

    @property
    def average_rating(self) -> Decimal | None:
        return None if not self.ratings else (Decimal(self.rating_sum) / self.ratings).quantize(_CENT)


@dataclass
class MonthStats:
    """The counts by kind, status, resolution and outcome, the per-handler figures and the ledger
    totals, accumulated row by row as the sheets are written.

    The summary's key figures and its daily counts are not counted here: they
    are the dashboard's figures of the month (:class:`PeriodFigures`), so each
    figure has one definition.
    """

    tz: ZoneInfo
    now: datetime
    total: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    by_resolution: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    first_contact_s: list[int] = field(default_factory=list)
    close_s: list[int] = field(default_factory=list)
    handlers: dict[str, HandlerStats] = field(default_factory=dict)
    compensation_count: int = 0
    compensation_total: Decimal = Decimal("0.00")
    compensation_paid_total: Decimal = Decimal("0.00")
    suggested_total: Decimal = Decimal("0.00")

    def add_case(self, rec: CaseRecord) -> DeadlineResult:
        """Count one case."""
        self.total += 1
        status = rec.status
        self.by_kind[rec.kind] += 1
        self.by_status[status] += 1
        self.by_resolution[rec.resolution or ""] += 1
        if rec.final_outcome and status == _CLOSED:
            self.by_outcome[rec.final_outcome] += 1
        handler = self.handlers.get(rec.assignee or "")
        if handler is None:
            handler = self.handlers[rec.assignee or ""] = HandlerStats()
        handler.cases += 1
        result = deadline_result(status, rec.due_at, rec.closed_at, self.now)
        if result is DeadlineResult.MET:
            handler.met += 1
        elif result is DeadlineResult.MISSED:
            handler.missed += 1
        if status == _CLOSED:
            handler.closed += 1
            if rec.closed_at is not None:
                seconds = int((rec.closed_at - rec.reported_at).total_seconds())
                self.close_s.append(seconds)
                handler.close_s.append(seconds)
        elif status != _CANCELLED:
            handler.open += 1
        if rec.first_contact_at is not None:
            seconds = int((rec.first_contact_at - rec.reported_at).total_seconds())
            self.first_contact_s.append(seconds)
            handler.first_contact_s.append(seconds)
        if rec.satisfaction is not None:
            handler.rating_sum += rec.satisfaction
            handler.ratings += 1
        if rec.compensation_amount is not None:
            handler.compensations += 1
            handler.compensation_total += rec.compensation_amount
        return result

    def add_compensation(self, rec: CompensationRecord) -> None:
        self.compensation_count += 1
        self.compensation_total += rec.amount
        self.suggested_total += rec.suggested_amount
        if rec.paid_at is not None:
            self.compensation_paid_total += rec.amount

    @property
    def open(self) -> int:
        return self.total - self.by_status[_CLOSED] - self.by_status[_CANCELLED]



# ------------------------------------------------------------------ labels
def _labels(enum: Iterable[Any], language: str) -> dict[str, str]:
    return {m.value: m.label(language) for m in enum}


class _Column(NamedTuple):
    zh: str
    en: str
    width: float


#: The Cases sheet, in order. ``_case_row`` writes the values in this order.
CASE_COLUMNS: tuple[_Column, ...] = (
    _Column("登记号", "Case no.", 19), _Column("快递单号", "Tracking no.", 18),
    _Column("快递公司", "Carrier", 12), _Column("问题类型", "Kind", 14),
    _Column("状态", "Status", 11), _Column("优先级", "Priority", 8),
    _Column("登记渠道", "Channel", 10), _Column("处理人", "Handler", 12),
    _Column("登记时间", "Reported", 17), _Column("处理时限", "Due", 17),
    _Column("首次联系", "First contact", 17), _Column("结案时间", "Closed", 17),
    _Column("时限", "Deadline", 9), _Column("寄件人", "Sender", 10),
    _Column("寄件人电话", "Sender phone", 14), _Column("寄件地址", "Sender address", 28),
    _Column("收件人", "Recipient", 10), _Column("收件人电话", "Recipient phone", 14),
    _Column("收件地址", "Recipient address", 28), _Column("物品", "Item", 16),
    _Column("申报价值", "Declared value", 13), _Column("保价金额", "Insured value", 13),
    _Column("运费", "Freight", 11), _Column("代收货款", "COD amount", 13),
    _Column("重量(kg)", "Weight (kg)", 10), _Column("处理方案", "Resolution", 13),
    _Column("赔偿金额", "Compensation", 13), _Column("结案结果", "Outcome", 13),
    _Column("满意度", "Rating", 8), _Column("问题描述", "Description", 40),
    _Column("轨迹条数", "Carrier scans", 10),
)
#: Columns of the Cases sheet (1-based) holding datetimes and money.
CASE_DATETIME_COLUMNS = (9, 10, 11, 12)
CASE_MONEY_COLUMNS = (21, 22, 23, 24, 27)

LEDGER_COLUMNS: tuple[_Column, ...] = (
    _Column("登记号", "Case no.", 19), _Column("快递单号", "Tracking no.", 18),
    _Column("问题类型", "Kind", 14), _Column("建议金额", "Suggested", 13),
    _Column("赔偿金额", "Amount", 13), _Column("计算依据", "Basis", 22),
    _Column("审批状态", "Approval", 10), _Column("审批人", "Approver", 12),
    _Column("审批时间", "Approved at", 17), _Column("支付日期", "Paid on", 12),
    _Column("支付方式", "Method", 11), _Column("支付流水号", "Reference", 22),
    _Column("收款账户", "Payee account", 20), _Column("经办人", "Paid by", 12),
)
LEDGER_AMOUNT_COLUMN = 5

HANDLER_COLUMNS: tuple[_Column, ...] = (
    _Column("处理人", "Handler", 14), _Column("案件数", "Cases", 9), _Column("已结案", "Closed", 9),
    _Column("未结案", "Open", 9), _Column("按时", "On time", 9), _Column("超时", "Late", 9),
    _Column("时限达标率", "On-time rate", 12),
    _Column("首次联系中位时长(小时)", "Median to first contact (h)", 16),
    _Column("结案中位时长(小时)", "Median to close (h)", 14),
    _Column("平均满意度", "Average rating", 11), _Column("赔偿笔数", "Compensations", 11),
    _Column("赔偿金额", "Compensation total", 14),
)

SHEET_NAMES = {
    "summary": ("汇总", "Summary"),
    "cases": ("案件明细", "Cases"),
    "ledger": ("赔偿台账", "Compensation ledger"),
    "handlers": ("按处理人", "By handler"),
}


def sheet_name(key: str, language: str = "zh_CN") -> str:
    zh, en = SHEET_NAMES[key]
    return zh if language.startswith("zh") else en


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TITLE_FONT = Font(bold=True, size=14)
_SECTION_FONT = Font(bold=True, size=11)


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    return tz.fromutc(moment.replace(tzinfo=tz)).replace(tzinfo=None)


def _clean(text: str | None) -> str:
    """Text as a cell can hold it: control characters dropped (they make a file Excel rejects)."""
    if not text:
        return ""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


# ------------------------------------------------------------------ writer
class MonthlyWorkbookWriter:
    """Writes one monthly workbook to ``path``, row by row.

    Call :meth:`add_case` for every case (in reporting order),
    :meth:`add_compensation` for every ledger line, then :meth:`finish`.
    On any failure call :meth:`abort`, which removes the temporary sheet
    files. ``figures`` are the month's dashboard figures (with the daily
    series), which the summary lists.
    """

    def __init__(self, path: str | os.PathLike[str], meta: WorkbookMeta, figures: PeriodFigures) -> None:
        self.path = Path(path)
        self.meta = meta
        self.figures = figures
        lang = meta.language
        self._lang = lang
        self._zh = meta.zh
        self._tz = ZoneInfo(meta.timezone)
        self.stats = MonthStats(tz=self._tz, now=meta.exported_at)
        self._wb = Workbook(write_only=True)
        # Summary comes first in the file but is written last: every
        # write-only sheet streams to its own temporary file.
        self._summary = self._wb.create_sheet(sheet_name("summary", lang))
        self._cases = self._data_sheet("cases", CASE_COLUMNS, freeze="C2")
        self._ledger = self._data_sheet("ledger", LEDGER_COLUMNS, freeze="B2")
        self._handlers = self._data_sheet("handlers", HANDLER_COLUMNS, freeze="B2")
        self._case_rows = 0
        self._ledger_rows = 0
        self._finished = False
        self._saving = False

        self._carrier = _labels(Carrier, lang)
        self._kind = _labels(ProblemKind, lang)
        self._status = _labels(CaseStatus, lang)
        self._priority = _labels(Priority, lang)
        self._channel = _labels(ReportChannel, lang)
        self._resolution = _labels(ResolutionType, lang)
        self._outcome = _labels(FinalOutcome, lang)
        self._method = _labels(PaymentMethod, lang)
        self._basis = {code: pick(pair, lang) for code, pair in BASIS_LABELS.items()}
        self._approval = {code: pick(pair, lang) for code, pair in APPROVAL_LABELS.items()}
        self._deadline = {r: r.label(lang) for r in DeadlineResult}
        # Cleaned before masking: a control character kept by a mask would
        # still make the sheet unreadable.
        if meta.masked:
            self._phone: Callable[[str], str] = lambda v: mask_phone(_clean(v))
            self._address: Callable[[str], str] = lambda v: mask_address(_clean(v))
            self._name: Callable[[str], str] = lambda v: mask_name(_clean(v))
        else:
            self._phone = self._address = self._name = _clean

        # One styled cell per typed column, reused row after row: write-only
        # sheets serialise a row as soon as it is appended, so the cell can
        # take the next row's value at once. This saves building and styling
        # a new cell for each of the hundreds of thousands of values.
        self._case_dt = [self._styled(self._cases, DATETIME_FORMAT) for _ in CASE_DATETIME_COLUMNS]
        self._case_money = [self._styled(self._cases, MONEY_FORMAT) for _ in CASE_MONEY_COLUMNS]
        self._case_weight = self._styled(self._cases, WEIGHT_FORMAT)
        self._ledger_money = [self._styled(self._ledger, MONEY_FORMAT) for _ in range(2)]
        self._ledger_dt = self._styled(self._ledger, DATETIME_FORMAT)
        self._ledger_date = self._styled(self._ledger, DATE_FORMAT)

    # -------------------------------------------------------------- set-up
    def _data_sheet(self, key: str, columns: tuple[_Column, ...], *, freeze: str) -> Any:
        ws = self._wb.create_sheet(sheet_name(key, self._lang))
        for i, col in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = freeze
        ws.append([self._header(col.zh if self._zh else col.en, ws) for col in columns])
        return ws

    def _header(self, text: str, ws: Any = None) -> Cell:
        cell = WriteOnlyCell(ws if ws is not None else self._summary, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        return cell

    @staticmethod
    def _styled(ws: Any, number_format: str) -> Cell:
        cell = WriteOnlyCell(ws)
        cell.number_format = number_format
        return cell

    def _text(self, value: str) -> Any:
        """User text as a cell value: None when empty, forced to text when openpyxl would
        otherwise take it for a formula ("=...") or an error code ("#N/A")."""
        if not value:
            return None
        if value[0] == "=" or value[0] == "#" and value in ERROR_CODES:
            cell = WriteOnlyCell(self._cases, value=None)
            cell._value = value  # noqa: SLF001 - force text; "=..." must never become a formula
            cell.data_type = "s"
            return cell
        return value

    # --------------------------------------------------------------- rows
    def add_case(self, rec: CaseRecord) -> None:
        """Write one case and count it in the summary."""
        tz = self._tz
        reported = _local(rec.reported_at, tz)
        result = self.stats.add_case(rec)
        dt = self._case_dt
        dt[0].value = reported
        dt[1].value = _local(rec.due_at, tz)
        first = None
        if rec.first_contact_at is not None:
            first = dt[2]
            first.value = _local(rec.first_contact_at, tz)
        closed = None
        if rec.closed_at is not None:
            closed = dt[3]
            closed.value = _local(rec.closed_at, tz)
        money = self._case_money
        declared = insured = freight = cod = comp = weight = None
        if rec.declared_value is not None:
            declared = money[0]
            declared.value = rec.declared_value
        if rec.insured_value is not None:
            insured = money[1]
            insured.value = rec.insured_value
        if rec.freight is not None:
            freight = money[2]
            freight.value = rec.freight
        if rec.cod_amount is not None:
            cod = money[3]
            cod.value = rec.cod_amount
        if rec.compensation_amount is not None:
            comp = money[4]
            comp.value = rec.compensation_amount
        if rec.weight_g is not None:
            weight = self._case_weight
            weight.value = Decimal(rec.weight_g).scaleb(-3)
        name, phone, address, text = self._name, self._phone, self._address, self._text
        description = _clean(rec.description)
        item = _clean(rec.item_description)
        self._cases.append([
            rec.case_no, rec.tracking_no, self._carrier.get(rec.carrier, rec.carrier),
            self._kind.get(rec.kind, rec.kind), self._status.get(rec.status, rec.status),
            self._priority.get(rec.priority, rec.priority),
            self._channel.get(rec.report_channel, rec.report_channel), text(_clean(rec.assignee)),
            dt[0], dt[1], first, closed, self._deadline[result],
            text(name(rec.sender_name)), text(phone(rec.sender_phone)), text(address(rec.sender_address)),
            text(name(rec.recipient_name)), text(phone(rec.recipient_phone)),
            text(address(rec.recipient_address)),
            text(item),
            declared, insured, freight, cod, weight,
            self._resolution.get(rec.resolution, rec.resolution) if rec.resolution else None,
            comp, self._outcome.get(rec.final_outcome, rec.final_outcome) if rec.final_outcome else None,
            rec.satisfaction, text(description), rec.scan_count,
        ])
        self._case_rows += 1

    def add_compensation(self, rec: CompensationRecord) -> None:
        """Write one ledger line."""
        self.stats.add_compensation(rec)
        tz = self._tz
        suggested, amount = self._ledger_money
        suggested.value = rec.suggested_amount
        amount.value = rec.amount
        approved = paid = None
        if rec.approved_at is not None:
            approved = self._ledger_dt
            approved.value = _local(rec.approved_at, tz)
        if rec.paid_at is not None:
            paid = self._ledger_date
            paid.value = _local(rec.paid_at, tz).date()
        account = rec.payee_account
        if account and self.meta.masked:
            account = "****" + account[-4:] if len(account) > 4 else "****"
        self._ledger.append([
            rec.case_no, rec.tracking_no, self._kind.get(rec.kind, rec.kind), suggested, amount,
            self._basis.get(rec.basis, rec.basis), self._approval.get(rec.approval_state, rec.approval_state),
            self._text(_clean(rec.approver)), approved, paid,
            self._method.get(rec.payment_method, rec.payment_method) if rec.payment_method else None,
            self._text(_clean(rec.payment_reference)) or None, self._text(_clean(account)) or None,
            self._text(_clean(rec.paid_by)),
        ])
        self._ledger_rows += 1

    # -------------------------------------------------------------- finish
    def finish(self) -> MonthStats:
        """Write the totals, the per-handler sheet and the summary; save the file."""
        if self._finished:
            raise RuntimeError("workbook already finished")
        self._finish_cases()
        self._finish_ledger()
        self._write_handlers()
        self._write_summary()
        self._saving = True
        self._wb.save(self.path)
        self._finished = True
        return self.stats

    def abort(self) -> None:
        """Drop the half-written sheets' temporary files (after a failure or a cancel),
        and the output file if saving it had begun."""
        if self._finished:
            return
        self._finished = True
        if self._saving:
            self.path.unlink(missing_ok=True)
        for ws in self._wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            try:
                rows = getattr(ws, "_rows", None)
                if rows is not None:
                    rows.close()
                writer.close()
                writer.cleanup()
            except Exception:  # noqa: BLE001 - best effort; openpyxl also removes them at exit
                pass

    def _finish_cases(self) -> None:
        last = get_column_letter(len(CASE_COLUMNS))
        self._cases.auto_filter.ref = f"A1:{last}{self._case_rows + 1}"

    def _finish_ledger(self) -> None:
        n = self._ledger_rows
        last = get_column_letter(len(LEDGER_COLUMNS))
        self._ledger.auto_filter.ref = f"A1:{last}{n + 1}"
        total_label = WriteOnlyCell(self._ledger, value="合计" if self._zh else "Total")
        total_label.font = _HEADER_FONT
        cells: list[Any] = [total_label, None, None]
        for col in (4, LEDGER_AMOUNT_COLUMN):
            letter = get_column_letter(col)
            # The formula keeps the total honest when finance edits a line;
            # an empty ledger gets a plain zero (SUM over no rows reads oddly).
            value: Any = f"=SUM({letter}2:{letter}{n + 1})" if n else Decimal("0.00")
            cell = WriteOnlyCell(self._ledger, value=value)
            cell.number_format = MONEY_FORMAT
            cell.font = _HEADER_FONT
            cells.append(cell)
        self._ledger.append(cells)

    def _write_handlers(self) -> None:
        ws = self._handlers
        handlers = self.stats.handlers
        names = sorted(handlers, key=lambda n: (-handlers[n].cases, n))
        for name in names:
            h = handlers[name]
            ws.append(self._handler_row(name or ("（未分配）" if self._zh else "(unassigned)"), h))
        ws.auto_filter.ref = f"A1:{get_column_letter(len(HANDLER_COLUMNS))}{len(names) + 1}"
        total = HandlerStats()
        for h in handlers.values():
            for attr in ("cases", "closed", "open", "met", "missed", "compensations", "rating_sum",
                         "ratings"):
                setattr(total, attr, getattr(total, attr) + getattr(h, attr))
            total.compensation_total += h.compensation_total
        total.first_contact_s = self.stats.first_contact_s
        total.close_s = self.stats.close_s
        row = self._handler_row("合计" if self._zh else "Total", total)
        label = WriteOnlyCell(ws, value=row[0])
        label.font = _HEADER_FONT
        ws.append([label, *row[1:]])

    def _handler_row(self, name: str, h: HandlerStats) -> list[Any]:
        ws = self._handlers
        return [self._text(_clean(name)), h.cases, h.closed, h.open, h.met, h.missed,
                _num(ws, h.compliance, PERCENT_FORMAT),
                _num(ws, _median_hours(h.first_contact_s), HOURS_FORMAT),
                _num(ws, _median_hours(h.close_s), HOURS_FORMAT),
                _num(ws, h.average_rating, RATING_FORMAT), h.compensations,
                _num(ws, h.compensation_total, MONEY_FORMAT)]

    def _write_summary(self) -> None:
        ws = self._summary
        meta, st, zh = self.meta, self.stats, self._zh
        for letter, width in (("A", 26), ("B", 16), ("C", 12)):
            ws.column_dimensions[letter].width = width
        rows: list[list[Any]] = []

        def section(title: str, *headers: str) -> None:
            rows.append([])
            cell = WriteOnlyCell(ws, value=title)
            cell.font = _SECTION_FONT
            rows.append([cell])
            if headers:
                rows.append([self._header(h) for h in headers])

        title = WriteOnlyCell(ws, value=(f"网点问题件月报 {meta.year}年{meta.month}月" if zh else
                                         f"Problem parcels, monthly report {meta.year}-{meta.month:02d}"))
        title.font = _TITLE_FONT
        rows.append([title])
        exported = WriteOnlyCell(ws, value=_local(meta.exported_at, self._tz))
        exported.number_format = DATETIME_FORMAT
        rows += [
            ["网点" if zh else "Depot", f"{meta.depot_code} {meta.depot_name}"],
            ["月份" if zh else "Month", f"{meta.year}-{meta.month:02d}"],
            ["导出时间" if zh else "Exported at", exported],
            ["导出人" if zh else "Exported by", self._text(_clean(meta.exported_by))],
            ["个人信息" if zh else "Personal data",
             ("已脱敏" if meta.masked else "未脱敏（仅限内部使用）") if zh else
             ("Masked" if meta.masked else "NOT masked (internal use only)")],
        ]
        section("主要指标" if zh else "Key figures", "指标" if zh else "Figure", "数值" if zh else "Value")
        for key in MONTH_FIGURES:
            rows.append(self._figure_row(key))

        section("按问题类型" if zh else "By kind", "问题类型" if zh else "Kind", "案件数" if zh else "Cases")
        kind_first = len(rows) + 1
        for kind in ProblemKind:
            rows.append([self._kind[kind.value], st.by_kind[kind.value]])
        kind_last = len(rows)

        section("按状态" if zh else "By status", "状态" if zh else "Status", "案件数" if zh else "Cases")
        for status in CaseStatus:
            rows.append([self._status[status.value], st.by_status[status.value]])

        section("按处理方案" if zh else "By resolution", "处理方案" if zh else "Resolution",
                "案件数" if zh else "Cases")
        for rtype in ResolutionType:
            rows.append([self._resolution[rtype.value], st.by_resolution[rtype.value]])
        rows.append(["未定方案" if zh else "None chosen yet", st.by_resolution[""]])

        section("按结案结果" if zh else "By final outcome", "结案结果" if zh else "Outcome",
                "案件数" if zh else "Cases")
        for outcome in FinalOutcome:
            rows.append([self._outcome[outcome.value], st.by_outcome[outcome.value]])

        section("每日登记与结案" if zh else "Daily intake and closed", "日期" if zh else "Day",
                "登记" if zh else "Reported", "结案" if zh else "Closed")
        day_header = len(rows)
        opened_by_day, closed_by_day = self.figures.opened_by_day, self.figures.closed_by_day
        for day in meta.days():
            cell = WriteOnlyCell(ws, value=day)
            cell.number_format = DAY_FORMAT
            rows.append([cell, opened_by_day.get(day.isoformat(), 0), closed_by_day.get(day.isoformat(), 0)])
        day_last = len(rows)

        bar = BarChart()
        bar.type = "bar"  # horizontal: twenty kind names read better down the side
        bar.title = "按问题类型的案件数" if zh else "Cases by kind"
        bar.legend = None
        bar.add_data(Reference(ws, min_col=2, min_row=kind_first - 1, max_row=kind_last),
                     titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=kind_first, max_row=kind_last))
        bar.y_axis.title = "案件数" if zh else "Cases"
        bar.height, bar.width = 15, 16  # tall enough for every kind's name to show
        ws.add_chart(bar, "E3")

        line = LineChart()
        line.title = "每日登记与结案" if zh else "Daily intake vs closed"
        line.add_data(Reference(ws, min_col=2, max_col=3, min_row=day_header, max_row=day_last),
                      titles_from_data=True)
        line.set_categories(Reference(ws, min_col=1, min_row=day_header + 1, max_row=day_last))
        line.y_axis.title = "案件数" if zh else "Cases"
        line.x_axis.number_format = "d"  # day of the month: 31 labels fit on one line
        for series in line.series:
            series.smooth = False  # counts per day: a smoothed curve would dip below zero
        line.height, line.width = 9, 22
        ws.add_chart(line, "E35")

        for row in rows:
            ws.append(row)


    def _figure_row(self, key: str) -> list[Any]:
        """One key figure: its label (the dashboard's), and its value as the workbook shows it."""
        label = FIGURE_BY_KEY[key].label(self._lang)
        value = self.figures.values[key]
        ws = self._summary
        if key in DURATION_FIGURES:
            hours = None if value is None else (Decimal(repr(value)) / 3600).quantize(_TENTH, ROUND_HALF_UP)
            return [f"{label}（小时）" if self._zh else f"{label} (hours)", _num(ws, hours, HOURS_FORMAT)]
        if key in RATE_FIGURES:
            return [label, _num(ws, value, PERCENT_FORMAT)]
        if key in MONEY_FIGURES:
            money = None if value is None else Decimal(repr(value)).quantize(_CENT, ROUND_HALF_UP)
            return [label, _num(ws, money, MONEY_FORMAT)]
        if key == "average_rating":
            return [f"{label}（1–5）" if self._zh else f"{label} (1–5)", _num(ws, value, RATING_FORMAT)]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return [label, "—" if value is None else value]


def _num(ws: Any, value: Any, number_format: str) -> Any:
    """A formatted number cell, or "—" when there is nothing to measure."""
    if value is None:
        return "—"
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def write_monthly_workbook(path: str | os.PathLike[str], meta: WorkbookMeta, *,
                           cases: Iterable[CaseRecord], compensations: Iterable[CompensationRecord],
                           figures: PeriodFigures) -> MonthStats:
    """Write the whole workbook from two iterables and the month's figures; returns the row counts.

    The iterables are consumed once, in order: cases, compensations. An
    exception from either (e.g. :class:`ExportCancelled`) leaves no file and
    no temporary sheet files behind.
    """
    writer = MonthlyWorkbookWriter(path, meta, figures)
    try:
        for rec in cases:
            writer.add_case(rec)
        for comp in compensations:
            writer.add_compensation(comp)
        return writer.finish()
    except BaseException:
        writer.abort()
        raise


__all__ = [
    "CASE_COLUMNS", "CaseRecord", "CompensationRecord", "DeadlineResult", "ExportCancelled",
    "HANDLER_COLUMNS", "LEDGER_COLUMNS", "MonthStats", "MonthlyWorkbookWriter", "WorkbookMeta",
    "deadline_result", "sheet_name", "write_monthly_workbook",
]
