"""How recorded events and the codes they carry read, in Chinese and in English.

The timeline stores stable codes: an action (``"status"``, ``"photo_purged"``),
a field (``"parcel.weight_g"``, ``"resolution.pickup_code"``), values as the
service wrote them (enum codes, ISO times, ``¥1200.50``) and a detail line
(``"recipient/phone/reached: …"``, a resolution summary in Chinese). This
module is the one place that turns them into words, so the case workspace,
the PDFs and the workbooks say the same thing.

What differs between a screen and a printed record (local time format,
masking of phone numbers in free text, operator names) comes in as a
:class:`TimelineFormat`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import Enum

from depot_app.domain.errors import MoneyError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.money import format_yuan
from depot_app.domain.parcel import PARCEL_FIELDS
from depot_app.domain.photos import PHOTO_EVENT_LABELS
from depot_app.domain.resolutions import FIELD_LABELS as RESOLUTION_FIELD_LABELS
from depot_app.domain.resolutions import field_label as resolution_field_label
from depot_app.domain.scans import ScanType
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    PaymentMethod,
    PhotoSlot,
    Priority,
    ReportChannel,
    ResolutionState,
    ResolutionType,
    ShipmentScope,
)

Pair = tuple[str, str]

#: Every action a case's timeline records (``services.audit.record_event``).
ACTION_LABELS: dict[str, Pair] = {
    "registered": ("登记", "Registered"), "contact": ("联系", "Contact"),
    "status": ("状态变更", "Status change"), "field": ("信息修改", "Field change"),
    "resolution": ("处理方案", "Resolution"), "approval": ("审批", "Approval"),
    "payment": ("付款", "Payment"), "closed": ("结案", "Closed"), "reopened": ("重新打开", "Reopened"),
    "revealed": ("查看完整号码", "Phones viewed"), "note": ("备注", "Note"),
    "exported": ("导出", "Exported"), "photo": ("照片", "Photo"),
    "scans": ("快递轨迹", "Carrier scans"),
    **PHOTO_EVENT_LABELS,
}

#: Fields of the case itself (parcel fields are named by :data:`~depot_app.domain.parcel.PARCEL_FIELDS`).
CASE_FIELD_LABELS: dict[str, Pair] = {
    "status": ("状态", "Status"), "priority": ("优先级", "Priority"), "kind": ("问题类型", "Kind"),
    "report_channel": ("反馈渠道", "Reported via"), "reporter_name": ("反馈人", "Reporter"),
    "reporter_contact": ("反馈人联系方式", "Reporter contact"), "description": ("问题描述", "Description"),
    "assignee_id": ("经办人", "Assignee"), "due_at": ("到期时间", "Due"), "closed_at": ("结案时间", "Closed at"),
    "final_outcome": ("最终结果", "Final outcome"), "satisfaction": ("满意度", "Satisfaction"),
    "resolution": ("处理方案", "Resolution"), "compensation.approval": ("赔偿审批", "Compensation approval"),
    "compensation.paid": ("赔款支付", "Compensation paid"), "phones": ("电话号码", "Phones"),
    "photo": ("照片", "Photo"), "photo.slot": ("照片类别", "Photo slot"),
    "photo.caption": ("照片说明", "Photo caption"), "photo.rotation": ("照片旋转", "Photo rotation"),
}

#: How a compensation amount was reached (``CompensationView.basis``).
BASIS_LABELS: dict[str, Pair] = {
    "insured_total": ("保价快件全部损失，按保价金额赔偿", "Insured, total loss: the insured amount"),
    "insured_partial": ("保价快件部分损失，按比例赔偿", "Insured, partial loss: in proportion"),
    "uninsured_capped": ("未保价，按运费倍数上限赔偿", "Not insured: capped at a multiple of the freight"),
    "uninsured_actual": ("未保价，按实际损失赔偿", "Not insured: the actual loss"),
    "delay_waiver": ("延误，免收运费", "Delay: freight waived"),
    "delay_no_waiver": ("延误，不免运费", "Delay: no waiver"),
    "exempt": ("免责", "Exempt"),
}

#: Where a compensation stands with the manager (``CompensationView.approval_state``).
APPROVAL_LABELS: dict[str, Pair] = {
    "not_needed": ("无需审批（未超过审批额度）", "Not needed (below the threshold)"),
    "pending": ("待审批", "Pending"),
    "approved": ("已批准", "Approved"),
    "rejected": ("已驳回", "Rejected"),
}

#: Evidence slots by code: the desk's own (PhotoSlot), then names older records and imports used.
SLOT_LABELS: dict[str, Pair] = {
    **{slot.value: (slot.zh, slot.en) for slot in PhotoSlot},
    "packaging": (PhotoSlot.EXTERIOR.zh, PhotoSlot.EXTERIOR.en),
    "outer": (PhotoSlot.EXTERIOR.zh, PhotoSlot.EXTERIOR.en),
    "item": ("物品", "Item"), "waybill": (PhotoSlot.LABEL.zh, PhotoSlot.LABEL.en),
    "damage": ("破损处", "Damage"), "weight": (PhotoSlot.SCALE.zh, PhotoSlot.SCALE.en),
    "receipt": ("凭证", "Receipt"), "signature": ("签收记录", "Sign-for record"),
}

_SUMMARY_MONEY = ("amount", "suggested", "new_cod_amount", "new_freight")
#: A resolution summary is recorded as "方案；中文标签: 值；…": its parts by their Chinese label.
_SUMMARY_BY_ZH = {zh: (key, zh, en[:1].upper() + en[1:]) for key, (zh, en) in RESOLUTION_FIELD_LABELS.items()}

#: Fields whose values are codes of one enumeration.
_FIELD_ENUMS: dict[str, type[Enum]] = {
    "status": CaseStatus, "priority": Priority, "kind": ProblemKind, "report_channel": ReportChannel,
    "final_outcome": FinalOutcome, "resolution": ResolutionType, "parcel.scope": ShipmentScope,
    "photo.slot": PhotoSlot,
}
#: Tried in order for a value of a field not listed above.
_ANY_ENUMS: tuple[type[Enum], ...] = (CaseStatus, ProblemKind, FinalOutcome, ResolutionType, ResolutionState,
                                      Priority, ContactOutcome, ContactParty, ContactChannel, PaymentMethod,
                                      ShipmentScope, ReportChannel)
_MONEY_FIELDS = ("parcel.declared_value", "parcel.insured_value", "parcel.freight", "parcel.cod_amount")
#: Values people typed: shown as written (phones masked where the format masks).
_FREE_TEXT_FIELDS = ("reporter_name", "reporter_contact", "description", "compensation.paid", "satisfaction",
                     "photo.caption")

#: The detail ``PhotoService.purge`` records: which photo, its file, why it was deleted (and purged).
_PURGED = re.compile(r"^(.*?) SHA-256 ([0-9a-f]{64}); deleted because: (.*?)(?:; purged because: (.*))?$",
                     re.DOTALL)
_RECORDED_YUAN = re.compile(r"¥(?>(\d+(?:\.\d+)?))(?!,\d)")


def _same(text: str) -> str:
    return text


def _iso_minutes(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _kilograms(grams: int) -> str:
    return f"{Decimal(grams) / 1000:.3f}".rstrip("0").rstrip(".") + " kg"


@dataclass(frozen=True)
class TimelineFormat:
    """What a screen or a document decides about how recorded values are shown."""

    language: str = "zh_CN"
    #: A stored (naive UTC) moment as local time text.
    time: Callable[[datetime], str] = _iso_minutes
    money: Callable[[Decimal], str] = format_yuan
    weight: Callable[[int], str] = _kilograms
    #: Operator names by id, for entries that record an id (a change of assignee).
    operators: Mapping[int, str] = field(default_factory=dict)
    #: Applied to free text (notes, typed values): printed records mask phone numbers in it.
    mask: Callable[[str], str] = _same

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")

    def t(self, zh: str, en: str) -> str:
        return zh if self.zh else en


def pick(pair: Pair, language: str) -> str:
    """The Chinese or the English half of a label pair."""
    return pair[0] if language.startswith("zh") else pair[1]


def _label_or_code(table: Mapping[str, Pair], code: str, language: str) -> str:
    pair = table.get(code)
    return pick(pair, language) if pair else code


def action_label(action: str, language: str) -> str:
    """The name of a timeline action (an unknown action is shown as recorded)."""
    return _label_or_code(ACTION_LABELS, action, language)


def basis_label(basis: str, language: str) -> str:
    return _label_or_code(BASIS_LABELS, basis, language)


def approval_label(state: str, language: str) -> str:
    return _label_or_code(APPROVAL_LABELS, state, language)


def slot_label(slot: str, language: str) -> str:
    pair = SLOT_LABELS.get(slot.strip().lower())
    return pick(pair, language) if pair else slot


def detail_field_label(key: str, language: str) -> str:
    """A resolution detail field as a heading ("Pickup code", 取件码)."""
    text = resolution_field_label(key, language)
    return text[:1].upper() + text[1:]


def enum_label(enum: type[Enum], code: str, language: str) -> str | None:
    """The label of ``code`` in ``enum``, or None when it is not one of its codes."""
    try:
        return str(enum(code).label(language))  # type: ignore[attr-defined]
    except ValueError:
        return None


def field_label(name: str | None, language: str) -> str:
    """What people call a recorded field."""
    if not name:
        return ""
    if name.startswith("parcel.") and name[7:] in PARCEL_FIELDS:
        return pick(PARCEL_FIELDS[name[7:]], language)
    if name in CASE_FIELD_LABELS:
        return pick(CASE_FIELD_LABELS[name], language)
    if name.startswith("resolution."):
        prefix = "处理方案：" if language.startswith("zh") else "Resolution: "
        return prefix + resolution_field_label(name[11:], language)
    return name


def value_text(name: str | None, value: str | None, fmt: TimelineFormat) -> str:
    """A recorded value as people read it: labels for codes, local times, money, weights."""
    if value is None:
        return "—"
    if value == "":
        return "“”"
    name = name or ""
    if name in _FIELD_ENUMS:
        return enum_label(_FIELD_ENUMS[name], value, fmt.language) or value
    if name == "compensation.approval":
        return approval_label(value, fmt.language)
    if name == "photo.rotation":
        return f"{value}°"
    if name == "assignee_id":
        try:
            return fmt.operators.get(int(value), f"#{value}")
        except ValueError:
            return value
    if name in ("due_at", "closed_at"):
        try:
            return fmt.time(datetime.fromisoformat(value))
        except ValueError:
            return value
    if name in _MONEY_FIELDS:
        try:
            return fmt.money(Decimal(value))
        except (InvalidOperation, ValueError, MoneyError):
            return value
    if name == "parcel.weight_g":
        try:
            return fmt.weight(int(value))
        except ValueError:
            return value
    if name.startswith("parcel.") or name in _FREE_TEXT_FIELDS:
        return fmt.mask(value)
    for enum in _ANY_ENUMS:
        label = enum_label(enum, value, fmt.language)
        if label is not None:
            return label
    return fmt.mask(value)


def change_text(name: str | None, before: str | None, after: str | None, fmt: TimelineFormat) -> str:
    """``before → after`` of a change ("" when the entry records no value)."""
    if before is None and after is None:
        return ""
    after_text = value_text(name, after, fmt)
    if before is None:
        return after_text
    return f"{value_text(name, before, fmt)} → {after_text}"


def _house_yuan(match: re.Match[str]) -> str:
    try:
        return format_yuan(Decimal(match.group(1)))
    except MoneyError:  # an absurd figure is shown as recorded
        return match.group(0)


def yuan_in_text(text: str) -> str:
    """Amounts recorded as ``¥1200.50`` shown the house way, ``¥1,200.50``."""
    return _RECORDED_YUAN.sub(_house_yuan, text)


def summary_text(summary: str, fmt: TimelineFormat) -> str:
    """A resolution summary recorded in Chinese ("赔偿；金额: 1200.50；…"), without its first part (the
    resolution, which the entry's value names), in ``fmt``'s language."""
    out: list[str] = []
    for part in summary.split("；")[1:]:
        match = re.match(r"(.*?)(: |：)(.*)", part, re.S)
        label, sep, value = match.groups() if match else (part, "", "")
        found = _SUMMARY_BY_ZH.get(label.strip())
        if not sep or found is None:
            out.append(fmt.mask(part))
            continue
        key, zh, en = found
        if key in _SUMMARY_MONEY:
            try:
                value = format_yuan(Decimal(value.strip()))
            except (InvalidOperation, ValueError, MoneyError):
                pass
        elif key == "basis":
            value = basis_label(value.strip(), fmt.language)
        else:
            value = fmt.mask(value)
        out.append(f"{zh if fmt.zh else en}{'：' if fmt.zh else ': '}{value}")
    return ("；" if fmt.zh else "; ").join(out)


def _contact_text(detail: str, fmt: TimelineFormat) -> str | None:
    codes, sep, note = detail.partition(": ")
    bits = codes.split("/")
    if len(bits) != 3:
        return None
    names = [enum_label(ContactParty, bits[0], fmt.language), enum_label(ContactChannel, bits[1], fmt.language),
             enum_label(ContactOutcome, bits[2], fmt.language)]
    if not all(names):
        return None
    said = " · ".join(n for n in names if n)
    if not sep:
        return said
    return f"{said}{fmt.t('：', ': ')}{fmt.mask(note)}"


def _photo_text(action: str, detail: str, fmt: TimelineFormat) -> str:
    purged = _PURGED.match(detail)
    if action == "photo_purged" and purged:
        label, sha, why, purge_why = purged.groups()
        text = fmt.t("照片 {0}（SHA-256 {1}…）；删除原因：{2}",
                     "Photo {0} (SHA-256 {1}…); deleted because: {2}").format(label, sha[:12], fmt.mask(why))
        if purge_why:
            text += fmt.t("；清除原因：{0}", "; purged because: {0}").format(fmt.mask(purge_why))
        return text
    return fmt.t("照片 {0}", "Photo {0}").format(fmt.mask(detail))


def detail_text(action: str, detail: str, fmt: TimelineFormat) -> str:
    """The detail line of a timeline entry in ``fmt``'s language."""
    if not detail:
        return ""
    text: str | None = None
    if action == "contact":
        text = _contact_text(detail, fmt)
    elif action == "registered":
        code, _, rest = detail.partition(" ")
        label = enum_label(ProblemKind, code, fmt.language)
        if label:
            text = f"{label} {fmt.mask(rest)}".strip()
    elif action.startswith("photo_"):
        text = _photo_text(action, detail, fmt)
    elif action == "revealed":
        shown = [_label_or_code(PARCEL_FIELDS, name.strip(), fmt.language) for name in detail.split(",")]
        text = fmt.t("、", ", ").join(shown)
    elif action == "resolution":
        text = summary_text(detail, fmt)
    elif action == "scans":
        count, _, code = detail.partition("|")
        label = enum_label(ScanType, code, fmt.language)
        if count.isdigit() and label:
            text = fmt.t("新增 {0} 条轨迹，最新：{1}", "{0} new scans, newest: {1}").format(count, label)
    elif action == "payment":
        code, _, rest = detail.partition(" ")
        label = enum_label(PaymentMethod, code, fmt.language)
        if label:
            text = f"{label} {fmt.mask(rest)}".strip()
    return yuan_in_text(fmt.mask(detail) if text is None else text)


#: Actions whose field the entry's value already names (no field label in a one-line summary).
_FIELD_IMPLIED = ("status", "closed", "approval", "payment", "resolution")


def event_line(action: str, field_name: str | None, before: str | None, after: str | None, detail: str,
               fmt: TimelineFormat) -> tuple[str, str]:
    """The action label and a one-line description of a timeline entry (for a printed record)."""
    parts: list[str] = []
    if field_name and action not in _FIELD_IMPLIED:
        parts.append(field_label(field_name, fmt.language))
    if action == "registered":
        # A registration records the case number it was given; it heads the detail.
        described = detail_text(action, detail, fmt)
        parts.append(f"{after or ''} {described}".strip())
    else:
        parts.append(change_text(field_name, before, after, fmt))
        parts.append(detail_text(action, detail, fmt))
    return action_label(action, fmt.language), yuan_in_text("  ".join(p for p in parts if p))

