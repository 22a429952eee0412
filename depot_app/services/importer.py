"""Importing head offices' problem-parcel lists (.xlsx or .csv) as cases.

Head offices send lists with their own column names, in Chinese or English,
sometimes with a title line above the header, as Excel workbooks or as CSV
in UTF-8 (with or without a BOM) or GBK. :meth:`ImportService.read_table`
finds the header row and maps its columns to the fields the desk knows
(:data:`IMPORT_FIELDS`) by synonyms; the screen shows that preview and lets
the clerk correct the mapping; :meth:`ImportService.import_file` then
registers one case per row.

Each row is registered through :meth:`CaseService.register_case`, one
transaction per row: a row that fails validation leaves nothing behind, and
the rows before and after it are unaffected. A parcel that already has an
open case of the same kind is skipped (so importing the same file twice
creates nothing the second time). Every refused or skipped row is listed,
with its row number and the reason in both languages, in an error report
written next to the input (or to ``report_path``).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from depot_app.db.engine import Database
from depot_app.domain.clock import Clock
from depot_app.domain.errors import (
    DepotError,
    DuplicateOpenCaseError,
    NotFoundError,
    ValidationError,
)
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.parcel import PARCEL_FIELDS
from depot_app.domain.permissions import Permission
from depot_app.domain.vocabulary import ReportChannel
from depot_app.export.files import check_target
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.cases import CaseService
from depot_app.services.list_columns import best_header_row, resolve_columns

log = logging.getLogger(__name__)

#: Rows shown in the preview.
PREVIEW_ROWS = 20

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# ------------------------------------------------------------------ fields
#: Every field a column can be mapped to, with its Chinese and English label.
IMPORT_FIELDS: dict[str, tuple[str, str]] = {
    "tracking_no": ("快递单号", "Tracking number"),
    "kind": ("问题类型", "Problem kind"),
    "description": ("问题描述", "Description"),
    # The parcel's own fields, labelled as on the registration form.
    **{name: label for name, label in PARCEL_FIELDS.items() if name != "scope"},
    "reporter_name": ("反馈人", "Reported by"),
    "reporter_contact": ("反馈人联系方式", "Reporter contact"),
}
REQUIRED_FIELDS = ("tracking_no", "kind")
PARCEL_KEYS = ("sender_name", "sender_phone", "sender_address", "recipient_name", "recipient_phone",
               "recipient_address", "item_description", "declared_value", "insured_value", "freight",
               "cod_amount", "weight_g")

#: Header words per field, compared after :func:`normalize_header` (case,
#: width, blanks, punctuation and bracketed units removed).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "tracking_no": ("运单号", "快递单号", "单号", "运单编号", "快件单号", "面单号", "邮件号", "物流单号",
                    "tracking", "trackingno", "trackingnumber", "waybill", "waybillno", "awb"),
    "kind": ("问题类型", "异常原因", "问题件类型", "异常类型", "问题原因", "原因", "问题", "异常",
             "kind", "reason", "problem", "issue", "problemtype", "exception", "type"),
    "description": ("描述", "备注", "问题描述", "情况说明", "说明", "详情", "异常描述", "描述备注",
                    "description", "remark", "remarks", "note", "notes", "details", "comment"),
    "sender_name": ("寄件人", "寄件人姓名", "发件人", "发件人姓名", "寄件客户", "sender", "sendername",
                    "shipper"),
    "sender_phone": ("寄件人电话", "寄件人手机", "寄件电话", "寄件人手机号", "寄件人联系电话", "发件人电话",
                     "发件人手机", "senderphone", "sendertel", "sendermobile", "shipperphone"),
    "sender_address": ("寄件地址", "寄件人地址", "发件地址", "发件人地址", "senderaddress", "shipperaddress",
                       "fromaddress"),
    "recipient_name": ("收件人", "收件人姓名", "收货人", "收货人姓名", "收方", "recipient", "recipientname",
                       "consignee", "receiver"),
    "recipient_phone": ("收件人电话", "收件人手机", "收件电话", "收件人手机号", "收件人联系电话", "收货人电话",
                        "收货人手机", "recipientphone", "recipienttel", "recipientmobile", "consigneephone",
                        "receiverphone"),
    "recipient_address": ("收件地址", "收件人地址", "收货地址", "收货人地址", "派送地址", "recipientaddress",
                          "consigneeaddress", "receiveraddress", "deliveryaddress", "toaddress"),
    "item_description": ("物品", "物品名称", "内件", "内件名称", "品名", "货物名称", "托寄物", "item",
                         "items", "contents", "goods", "itemdescription"),
    "declared_value": ("申报价值", "声明价值", "物品价值", "货值", "declaredvalue", "value"),
    "insured_value": ("保价", "保价金额", "保价价值", "保额", "insuredvalue", "insurance", "insured"),
    "freight": ("运费", "快递费", "运费金额", "freight", "shippingfee", "postage", "freightcharge"),
    "cod_amount": ("代收货款", "代收款", "代收金额", "货款", "cod", "codamount", "cashondelivery"),
    "weight_g": ("重量", "计费重量", "实际重量", "weight", "chargeableweight"),
    "reporter_name": ("反馈人", "报告人", "上报人", "登记人", "reporter", "reportedby"),
    "reporter_contact": ("反馈人电话", "反馈人联系方式", "联系方式", "联系电话", "reportercontact",
                         "reporterphone", "contact"),
}

_BRACKETS = re.compile(r"[\(（\[【<《].*?[\)）\]】>》]")
_NOISE = re.compile(r"[\s_\-—:：*#.。/\\·、]+")


def normalize_header(text: Any) -> str:
    """A header cell as compared with the synonyms: ``" 重量（kg）*"`` → ``"重量"``."""
    folded = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    return _NOISE.sub("", _BRACKETS.sub("", folded))


_SYNONYM_INDEX: dict[str, str] = {
    normalize_header(word): name for name, words in HEADER_SYNONYMS.items() for word in words}

_PHONE_WORDS = ("电话", "手机", "phone", "tel", "mobile")
_ADDRESS_WORDS = ("地址", "address", "addr")
_SENDER_WORDS = ("寄", "发件", "sender", "shipper")
_RECIPIENT_WORDS = ("收", "recipient", "consignee", "receiver")


def _guess_field(header: str) -> str | None:
    """A field for a header no synonym names exactly (e.g. ``收件人联系手机``)."""
    if not header:
        return None
    party = ("sender" if any(w in header for w in _SENDER_WORDS) else
             "recipient" if any(w in header for w in _RECIPIENT_WORDS) else None)
    if party and any(w in header for w in _PHONE_WORDS):
        return f"{party}_phone"
    if party and any(w in header for w in _ADDRESS_WORDS):
        return f"{party}_address"
    if party and ("姓名" in header or "name" in header):
        return f"{party}_name"
    if "订单" not in header and any(w in header for w in ("单号", "运单", "tracking", "waybill")):
        return "tracking_no"
    return None


def detect_mapping(headers: Sequence[Any]) -> dict[str, int]:
    """Field → 0-based column for the headers recognised; each used at most once.

    Exact synonyms win over guesses; when two columns claim one field, the
    first keeps it and the other stays unmapped for the clerk to decide.
    """
    exact: dict[str, int] = {}
    guessed: dict[str, int] = {}
    for index, raw in enumerate(headers):
        header = normalize_header(raw)
        name = _SYNONYM_INDEX.get(header)
        if name is not None:
            exact.setdefault(name, index)
            continue
        guess = _guess_field(header)
        if guess is not None:
            guessed.setdefault(guess, index)
    mapping = dict(exact)
    used = set(exact.values())
    for name, index in guessed.items():
        if name not in mapping and index not in used:
            mapping[name] = index
            used.add(index)
    return dict(sorted(mapping.items(), key=lambda item: item[1]))


# --------------------------------------------------------------- kinds
#: Reason words → kind, most specific first: the first match wins, so
#: "投诉：虚假签收" is a false sign-for and "内件丢失" short contents, not lost.
_KIND_WORDS: tuple[tuple[ProblemKind, tuple[str, ...]], ...] = (
    (ProblemKind.FALSE_SIGN_FOR, ("虚假签收", "假签收", "未收到显示签收", "签收未收到", "冒签", "代签",
                                  "false sign", "fake sign", "signed but not received")),
    (ProblemKind.SHORT_CONTENTS, ("短少", "少件", "缺件", "少货", "内件丢失", "内件缺失", "内物短少",
                                  "short content", "missing item", "items missing")),
    (ProblemKind.SWAPPED, ("掉包", "调包", "错贴", "错发", "面单贴错", "swap", "mislabel")),
    (ProblemKind.CONTAMINATED, ("污染", "弄脏", "浸湿", "污损", "contaminat", "soiled")),
    (ProblemKind.DAMAGED, ("破损", "损坏", "压坏", "摔坏", "破碎", "碎了", "破", "damage", "broken")),
    (ProblemKind.LOST, ("丢失", "遗失", "丢件", "找不到", "lost", "missing parcel")),
    (ProblemKind.CUSTOMS_HELD, ("海关", "扣关", "清关", "customs")),
    (ProblemKind.HELD_AT_HUB, ("留仓", "滞留", "错分", "漏分", "held at hub", "mis-sort", "missort")),
    (ProblemKind.OUT_OF_AREA, ("超区", "超范围", "超出派送范围", "out of area", "outside delivery area")),
    (ProblemKind.REFUSED, ("拒收", "拒签", "refus", "rejected by recipient")),
    (ProblemKind.RECIPIENT_INFO, ("地址错误", "电话错误", "地址错", "电话错", "地址不详", "地址不全",
                                  "收件人信息", "信息错误", "空号", "查无此人", "wrong address", "wrong phone",
                                  "address error", "recipient info", "bad address")),
    (ProblemKind.UNREACHABLE, ("无人", "联系不上", "无法联系", "电话不通", "关机", "不接电话", "未接",
                               "unreachable", "no answer", "nobody", "not reachable")),
    (ProblemKind.CANNOT_PAY, ("没钱", "无钱", "付不起", "无法付款", "cannot pay", "can't pay", "unable to pay")),
    (ProblemKind.LONG_INSPECTION, ("验货", "inspection")),
    (ProblemKind.RETURN_RECEIPT, ("回单", "签回单", "return receipt")),
    (ProblemKind.COD_CHANGE, ("货款", "代收", "cod")),
    (ProblemKind.WEIGHT_MISMATCH, ("重量", "超重", "称重", "weight")),
    (ProblemKind.FREIGHT_DISPUTE, ("运费", "到付", "寄付", "freight")),
    (ProblemKind.DELAYED, ("延误", "延迟", "超时", "晚到", "delay", "late")),
    (ProblemKind.SERVICE_COMPLAINT, ("投诉", "态度", "服务差", "complain", "attitude")),
)


def _word_pattern(word: str) -> re.Pattern[str]:
    # Latin words match at a word start ("refus" finds refused and refusal),
    # short ones only as whole words ("cod" is not in "code", "late" not in
    # "latest"); Chinese has no spaces to match on, so it matches anywhere.
    if word.isascii():
        end = r"(?![a-z])" if len(word) <= 4 else ""
        return re.compile(rf"(?<![a-z]){re.escape(word)}{end}", re.IGNORECASE)
    return re.compile(re.escape(word))


_KIND_PATTERNS = tuple((kind, tuple(_word_pattern(w) for w in words)) for kind, words in _KIND_WORDS)
_KIND_NAMES: dict[str, ProblemKind] = {}
for _kind in ProblemKind:
    for _name in (_kind.value, _kind.zh, _kind.en):
        _KIND_NAMES[normalize_header(_name)] = _kind


def kind_from_text(text: Any) -> ProblemKind:
    """The problem kind named or described by a reason text (Chinese or English).

    Raises :class:`ValidationError` (``field="kind"``) listing the accepted
    kinds when the text names none of them.
    """
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not raw:
        raise ValidationError("The problem kind is empty.", "问题类型为空。", field="kind")
    exact = _KIND_NAMES.get(normalize_header(raw))
    if exact is not None:
        return exact
    lowered = raw.lower()
    for kind, patterns in _KIND_PATTERNS:
        if any(p.search(lowered) for p in patterns):
            return kind
    raise ValidationError(
        f"Unknown problem kind “{raw}”: use one of {', '.join(k.en for k in ProblemKind)}.",
        f"无法识别的问题类型“{raw}”，可用：{'、'.join(k.zh for k in ProblemKind)}。", field="kind")


# ------------------------------------------------------------------ results
@dataclass(frozen=True)
class TablePreview:
    """The first rows of a list and the column mapping found for it."""

    path: Path
    headers: list[str]
    header_row: int  # 1-based row number of the header line in the file
    rows: list[list[str]]  # the first data rows, as text
    mapping: dict[str, int]  # field → 0-based column
    total_rows: int  # data rows (blank lines not counted)
    encoding: str | None = None  # for CSV files
    sheet: str | None = None  # for workbooks

    @property
    def missing_required(self) -> list[str]:
        return [name for name in REQUIRED_FIELDS if name not in self.mapping]

    @property
    def unmapped_columns(self) -> list[int]:
        used = set(self.mapping.values())
        return [i for i, h in enumerate(self.headers) if i not in used and h.strip()]


@dataclass(frozen=True)
class CreatedRow:
    row: int
    tracking_no: str
    kind: ProblemKind
    case_no: str


@dataclass(frozen=True)
class SkippedRow:
    """A row whose parcel already has an open case of that kind."""

    row: int
    tracking_no: str
    kind: ProblemKind
    case_no: str  # the open case
    en: str
    zh: str


@dataclass(frozen=True)
class RefusedRow:
    """A row that was not imported, and why."""

    row: int
    tracking_no: str
    field: str | None
    en: str
    zh: str

    def text(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass
class ImportResult:
    """What an import did, row by row."""

    path: Path
    created: list[CreatedRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    report_path: Path | None = None
    cancelled: bool = False

    @property
    def created_case_numbers(self) -> list[str]:
        return [c.case_no for c in self.created]

    @property
    def rows_read(self) -> int:
        return len(self.created) + len(self.skipped) + len(self.refused)


# -------------------------------------------------------------- reading
class _Table:
    """All rows of the first sheet or the CSV file, as lists of raw cell values."""

    def __init__(self, rows: list[list[Any]], encoding: str | None, sheet: str | None) -> None:
        self.rows = rows
        self.encoding = encoding
        self.sheet = sheet


def _read_xlsx(path: Path) -> _Table:
    # openpyxl loads with the first workbook read, not with the desk.
    from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets the same answer
        raise ValidationError(f"{path.name} could not be read as an Excel workbook ({exc}).",
                              f"无法读取 Excel 文件 {path.name}（{exc}）。", field="path") from None
    try:
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        return _Table(rows, None, ws.title)
    finally:
        wb.close()


def _decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of a CSV file: UTF-8 (BOM or not), UTF-16 with a BOM, else GBK (as GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312, which Chinese Excel writes.
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        raise ValidationError("The CSV file is neither UTF-8 nor GBK text; save it again as CSV UTF-8.",
                              "CSV 文件既不是 UTF-8 也不是 GBK 编码，请另存为“CSV UTF-8”格式。",
                              field="path") from None


def _read_csv(path: Path) -> _Table:
    text, encoding = _decode(path.read_bytes())
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    return _Table(rows, encoding, None)


def _read(path: Path) -> _Table:
    if not path.is_file():
        raise NotFoundError(f"The file {path} does not exist.", f"文件 {path} 不存在。")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    raise ValidationError(f"{path.name}: only .xlsx and .csv lists can be imported "
                          "(save an old .xls workbook as .xlsx first).",
                          f"{path.name}：只能导入 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）。",
                          field="path")


def cell_text(value: Any) -> str:
    """A cell as the text a clerk would type: ``13812345678.0`` → ``"13812345678"``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    # Excel's stray non-breaking spaces and zero-width characters go too.
    return unicodedata.normalize("NFKC", str(value)).replace("\u200b", "").strip()


def _is_blank(row: Sequence[Any]) -> bool:
    return all(cell_text(v) == "" for v in row)


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    """0-based index of the header row (the one naming most fields) and its mapping."""
    best, mapping = best_header_row(rows, detect_mapping, REQUIRED_FIELDS)
    if best is None:
        return next((i for i, r in enumerate(rows) if not _is_blank(r)), 0), {}
    return best, mapping


def _resolve_mapping(mapping: Mapping[str, int | str], headers: list[str]) -> dict[str, int]:
    """A mapping given by the clerk (columns by index or by header text), checked."""
    return resolve_columns(mapping, headers, IMPORT_FIELDS, normalize=normalize_header,
                           unknown=("import field", "导入字段"), source=("list", "表"))


def _check_required(mapping: Mapping[str, int]) -> None:
    missing = [name for name in REQUIRED_FIELDS if name not in mapping]
    if missing:
        en = ", ".join(IMPORT_FIELDS[n][1] for n in missing)
        zh = "、".join(IMPORT_FIELDS[n][0] for n in missing)
        raise ValidationError(f"Map a column to: {en}. Every row needs them.",
                              f"请为以下字段指定列：{zh}。每一行都必须有。", field="mapping")


def _weight_unit(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).lower()
    if "kg" in folded or "公斤" in folded or "千克" in folded:
        return "kg"
    if re.search(r"\(g\)|（g）|\bg\b|克", folded):
        return "g"
    return "kg"


# ---------------------------------------------------------------- service
class ImportService:
    """Reads head offices' lists and registers their rows as cases."""

    def __init__(self, db: Database, clock: Clock, cases: CaseService | None = None) -> None:
        self.db = db
        self.clock = clock
        self.cases = cases or CaseService(db, clock)

    def read_table(self, path: str | Path) -> TablePreview:
        """Header, first rows and the detected column mapping of a list, for the preview."""
        path = Path(path)
        table = _read(path)
        header_index, mapping = _find_header(table.rows)
        headers = [cell_text(v) for v in table.rows[header_index]] if table.rows else []
        data = [r for r in table.rows[header_index + 1:] if not _is_blank(r)]
        width = len(headers)
        preview = [[cell_text(v) for v in r] + [""] * (width - len(r)) for r in data[:PREVIEW_ROWS]]
        return TablePreview(path=path, headers=headers, header_row=header_index + 1, rows=preview,
                            mapping=mapping, total_rows=len(data), encoding=table.encoding, sheet=table.sheet)

    def import_file(self, *, path: str | Path, by: int, mapping: Mapping[str, int | str] | None = None,
                    header_row: int | None = None, report_path: str | Path | None = None,
                    report_channel: ReportChannel = ReportChannel.ONLINE, reporter_name: str = "总部",
                    progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportResult:
        """Register a case for every row of the list at ``path``.

        ``mapping`` (field → 0-based column index or header text) and
        ``header_row`` (1-based) override the detected ones. Rows are
        imported one transaction each; refused and skipped rows go to the
        error report (``report_path``, or ``<name>_导入报告.xlsx|.csv`` next
        to the input). ``cancelled()`` is asked before each row: rows already
        imported stay, the rest are not read, and the result says
        ``cancelled``. Row numbers are the file's own (the header's row + n).
        """
        path = Path(path)
        with self.db.read() as s:
            authorize(s, by, Permission.IMPORT_CASES)
        table = _read(path)
        header_index, detected = _find_header(table.rows)
        if header_row is not None:
            if not 1 <= header_row <= len(table.rows):
                raise ValidationError(f"Row {header_row} is not in the list.", f"表中没有第 {header_row} 行。",
                                      field="header_row")
            header_index = header_row - 1
            detected = detect_mapping(table.rows[header_index])
        headers = [cell_text(v) for v in table.rows[header_index]] if table.rows else []
        columns = _resolve_mapping(mapping, headers) if mapping is not None else detected
        _check_required(columns)
        weight_unit = _weight_unit(headers[columns["weight_g"]]) if "weight_g" in columns else "kg"

        result = ImportResult(path=path)
        body = [(header_index + 2 + i, row) for i, row in enumerate(table.rows[header_index + 1:])]
        body = [(n, row) for n, row in body if not _is_blank(row)]
        for done, (row_no, row) in enumerate(body):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            values = {name: cell_text(row[col]) if col < len(row) else "" for name, col in columns.items()}
            self._import_row(result, row_no, values, weight_unit=weight_unit, by=by,
                             report_channel=report_channel, reporter_name=reporter_name)
            if progress is not None:
                progress(done + 1, len(body))

        if result.refused or result.skipped:
            target = Path(report_path) if report_path else _default_report_path(path)
            write_error_report(target, result, headers, dict(body))
            result.report_path = target
        with self.db.write() as s:
            record_global(s, at=self.clock.now(), operator_id=by, action="import", field="case_list",
                          after=path.name,
                          detail=f"created {len(result.created)}, skipped {len(result.skipped)}, "
                                 f"refused {len(result.refused)}"
                                 + (", cancelled" if result.cancelled else ""))
        log.info("Imported %s: %d created, %d skipped, %d refused", path.name, len(result.created),
                 len(result.skipped), len(result.refused))
        return result

    def _import_row(self, result: ImportResult, row_no: int, values: dict[str, str], *, weight_unit: str,
                    by: int, report_channel: ReportChannel, reporter_name: str) -> None:
        tracking = values.get("tracking_no", "")
        if not tracking:
            result.refused.append(RefusedRow(row_no, "", "tracking_no", "The tracking number is empty.",
                                             "快递单号为空。"))
            return
        try:
            kind = kind_from_text(values.get("kind"))
        except ValidationError as exc:
            result.refused.append(RefusedRow(row_no, tracking, exc.field, exc.en, exc.zh))
            return
        parcel: dict[str, Any] = {k: values[k] for k in PARCEL_KEYS if values.get(k)}
        weight = parcel.get("weight_g")
        if weight and re.fullmatch(r"[0-9.]+", weight):
            parcel["weight_g"] = weight + weight_unit
        description = values.get("description", "")
        reason = values.get("kind", "")
        if not description and normalize_header(reason) not in _KIND_NAMES:
            description = reason  # "外箱破损，客户拒收" says more than the kind alone
        elif description and normalize_header(reason) not in _KIND_NAMES:
            description = f"{reason}：{description}"
        try:
            detail = self.cases.register_case(
                tracking_no=tracking, kind=kind, by=by, report_channel=report_channel,
                reporter_name=values.get("reporter_name") or reporter_name,
                reporter_contact=values.get("reporter_contact", ""), description=description,
                parcel=parcel)
        except DuplicateOpenCaseError as exc:
            result.skipped.append(SkippedRow(row_no, tracking, kind, exc.case_no, exc.en, exc.zh))
            return
        except ValidationError as exc:
            result.refused.append(RefusedRow(row_no, tracking, exc.field, exc.en, exc.zh))
            return
        except DepotError as exc:
            result.refused.append(RefusedRow(row_no, tracking, None, exc.en, exc.zh))
            return
        result.created.append(CreatedRow(row_no, detail.parcel.tracking_no, kind, detail.case_no))


# ---------------------------------------------------------------- report
def _default_report_path(path: Path) -> Path:
    suffix = ".xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else ".csv"
    return path.with_name(f"{path.stem}_导入报告{suffix}")


REPORT_HEADERS = ("行号 Row", "结果 Result", "快递单号 Tracking no.", "字段 Field", "原因", "Reason",
                  "已有问题件 Open case")


def _report_rows(result: ImportResult, headers: list[str],
                 source: Mapping[int, Sequence[Any]]) -> Iterator[list[Any]]:
    lines: list[tuple[int, list[Any]]] = []
    for r in result.refused:
        label = IMPORT_FIELDS.get(r.field or "", ("", ""))
        where = f"{label[0]} {label[1]}".strip() if r.field in IMPORT_FIELDS else (r.field or "")
        lines.append((r.row, [r.row, "拒绝 Refused", r.tracking_no, where, r.zh, r.en, ""]))
    for k in result.skipped:
        lines.append((k.row, [k.row, "跳过 Skipped", k.tracking_no, "", k.zh, k.en, k.case_no]))
    lines.sort(key=lambda item: item[0])
    yield [*REPORT_HEADERS, *(f"原表: {h}" for h in headers)]
    for row_no, line in lines:
        yield [*line, *(cell_text(v) for v in source.get(row_no, ()))]


_NUMBER = re.compile(r"[+-]?[0-9.,]+")


def _csv_safe(value: Any) -> Any:
    """Text Excel would run as a formula when it opens the CSV, quoted with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_error_report(target: Path, result: ImportResult, headers: list[str],
                       source: Mapping[int, Sequence[Any]]) -> None:
    """Refused and skipped rows with reasons and the original values, as .xlsx or .csv."""
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]

    rows: Iterable[list[Any]] = _report_rows(result, headers, source)
    check_target(target)
    tmp = target.with_name(f".{target.name}.part")
    try:
        if target.suffix.lower() in (".xlsx", ".xlsm"):
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("导入报告")
            for letter, width in zip("ABCDEFG", (9, 13, 20, 18, 48, 48, 20), strict=True):
                ws.column_dimensions[letter].width = width
            ws.freeze_panes = "A2"
            for i, row in enumerate(rows):
                cells: list[Any] = []
                for value in row:
                    if isinstance(value, str):
                        value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    cell = WriteOnlyCell(ws, value=value)
                    if isinstance(value, str) and cell.data_type in ("f", "e"):
                        cell.data_type = "s"  # the original text, never a formula or an error
                    if i == 0:
                        cell.font = Font(bold=True)
                    cells.append(cell)
                ws.append(cells)
            wb.save(tmp)
        else:
            # UTF-8 with a BOM: Excel on a Chinese Windows opens it without mangling.
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerows([_csv_safe(v) for v in row] for row in rows)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_list_file(path: str | Path) -> list[list[Any]]:
    """The rows of a .xlsx or .csv list (UTF-8 or GBK), as read for an import."""
    return _read(Path(path)).rows
