"""Resolutions and the facts each one needs.

Each resolution type has its own small dataclass; ``parse_details`` turns the
plain dict a form or the database holds into the right one, validating it, so
no half-filled resolution ever reaches the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from depot_app.domain.errors import MoneyError, TrackingNumberError, ValidationError
from depot_app.domain.identifiers import validate_phone, validate_tracking
from depot_app.domain.money import to_money
from depot_app.domain.vocabulary import ResolutionType


def _required(value: str | None, field: str, en: str, zh: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{en} is required for this resolution.", f"此处理方案必须填写{zh}。",
                              field=field)
    return text


def _optional(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _as_date(value: Any, field: str, en: str, zh: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise ValidationError(f"{en} is required for this resolution.", f"此处理方案必须填写{zh}。",
                              field=field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{en} “{text}” is not a date like 2026-11-23.",
                              f"{zh}“{text}”不是有效日期（例如 2026-11-23）。", field=field) from None


@dataclass(frozen=True)
class Details:
    """Base of the per-resolution facts."""

    type: ClassVar[ResolutionType]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data for the database."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if isinstance(value, (date, datetime)):
                out[key] = value.isoformat()
            elif isinstance(value, Decimal):
                out[key] = str(value)
            else:
                out[key] = value
        return out

    def summary(self, language: str = "zh_CN") -> str:
        """One line for lists and the timeline."""
        zh = language.startswith("zh")
        parts = [self.type.label(language)]
        for key, value in self.to_dict().items():
            if value in (None, ""):
                continue
            # The text is stored on the timeline; the PDF export reads it back
            # and accepts either colon (records before 2026-11 used ": ").
            parts.append(f"{field_label(key, language)}{'：' if zh else ': '}{value}")
        return ("；" if zh else "; ").join(parts)


@dataclass(frozen=True)
class Redeliver(Details):
    """Deliver again, possibly to a corrected address or phone."""

    type: ClassVar[ResolutionType] = ResolutionType.REDELIVER
    attempt_date: date
    new_address: str | None = None
    new_phone: str | None = None


@dataclass(frozen=True)
class Resend(Details):
    """Send the goods again as a new shipment."""

    type: ClassVar[ResolutionType] = ResolutionType.RESEND
    new_tracking_no: str


@dataclass(frozen=True)
class ReturnToSender(Details):
    """Send the parcel back to the sender."""

    type: ClassVar[ResolutionType] = ResolutionType.RETURN
    reason: str
    return_tracking_no: str | None = None


@dataclass(frozen=True)
class Compensate(Details):
    """Pay the customer; amount, approval and payment live on the compensation record."""

    type: ClassVar[ResolutionType] = ResolutionType.COMPENSATE
    amount: Decimal
    suggested: Decimal
    basis: str
    adjust_reason: str | None = None


@dataclass(frozen=True)
class Transfer(Details):
    """Hand over to another carrier and follow the parcel until signed."""

    type: ClassVar[ResolutionType] = ResolutionType.TRANSFER
    carrier: str
    new_tracking_no: str
    signed_at: date | None = None


@dataclass(frozen=True)
class SelfPickup(Details):
    """The recipient collects the parcel at an outlet."""

    type: ClassVar[ResolutionType] = ResolutionType.SELF_PICKUP
    outlet: str
    pickup_code: str


@dataclass(frozen=True)
class ChangeTerms(Details):
    """Change cash-on-delivery or freight terms; needs written confirmation."""

    type: ClassVar[ResolutionType] = ResolutionType.CHANGE_TERMS
    confirmation_ref: str
    new_cod_amount: Decimal | None = None
    new_freight: Decimal | None = None
    freight_payer: str | None = None  # "sender" (prepaid) or "recipient" (to pay)


#: What people call each detail field of a resolution (English in lower case, as used mid-sentence).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "attempt_date": ("派送日期", "attempt date"),
    "new_address": ("新地址", "new address"),
    "new_phone": ("新电话", "new phone"),
    "new_tracking_no": ("新单号", "new tracking no."),
    "reason": ("原因", "reason"),
    "return_tracking_no": ("退回单号", "return tracking no."),
    "amount": ("金额", "amount"),
    "suggested": ("建议金额", "suggested"),
    "basis": ("依据", "basis"),
    "adjust_reason": ("调整原因", "adjustment reason"),
    "carrier": ("承运商", "carrier"),
    "signed_at": ("签收日期", "signed on"),
    "outlet": ("自提网点", "outlet"),
    "pickup_code": ("取件码", "pickup code"),
    "confirmation_ref": ("书面确认编号", "written confirmation"),
    "new_cod_amount": ("新代收货款", "new COD amount"),
    "new_freight": ("新运费", "new freight"),
    "freight_payer": ("运费支付方", "freight payer"),
}


def field_label(name: str, language: str = "zh_CN") -> str:
    """What people call a resolution's detail field (``"signed_at"`` → 签收日期 / signed on).

    A name this module does not know is returned as given.
    """
    pair = FIELD_LABELS.get(name)
    if pair is None:
        return name
    return pair[0] if language.startswith("zh") else pair[1]


def _money_or_none(value: Any, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return to_money(value if isinstance(value, (Decimal, int)) else str(value))
    except MoneyError as exc:
        # Name the resolution's own field so the form marks the right box.
        raise MoneyError(exc.en, exc.zh, field=field) from None


def _tracking(raw: str, field: str) -> str:
    """A validated tracking number; the error names the resolution's field, not the parcel's."""
    try:
        return validate_tracking(raw).number
    except TrackingNumberError as exc:
        raise TrackingNumberError(exc.en, exc.zh, field=field) from None


def parse_details(kind: ResolutionType, data: dict[str, Any]) -> Details:
    """Validate ``data`` for a resolution of type ``kind`` and build its details.

    Raises :class:`ValidationError` naming the first missing or bad field.
    """
    if kind is ResolutionType.REDELIVER:
        phone = _optional(data.get("new_phone"))
        return Redeliver(
            attempt_date=_as_date(data.get("attempt_date"), "attempt_date", "The attempt date", "派送日期"),
            new_address=_optional(data.get("new_address")),
            new_phone=validate_phone(phone, field="new_phone").number if phone else None,
        )
    if kind is ResolutionType.RESEND:
        raw = _required(data.get("new_tracking_no"), "new_tracking_no", "The new tracking number", "新单号")
        return Resend(new_tracking_no=_tracking(raw, "new_tracking_no"))
    if kind is ResolutionType.RETURN:
        ret = _optional(data.get("return_tracking_no"))
        return ReturnToSender(
            reason=_required(data.get("reason"), "reason", "The return reason", "退回原因"),
            return_tracking_no=_tracking(ret, "return_tracking_no") if ret else None,
        )
    if kind is ResolutionType.COMPENSATE:
        amount = _money_or_none(data.get("amount"), "amount")
        suggested = _money_or_none(data.get("suggested"), "suggested")
        if amount is None:
            raise ValidationError("The compensation amount is required.", "必须填写赔偿金额。", field="amount")
        if suggested is None:
            suggested = amount
        adjust = _optional(data.get("adjust_reason"))
        if amount != suggested and not adjust:
            raise ValidationError(
                f"The amount ¥{amount} differs from the suggested ¥{suggested}: give the reason for the change.",
                f"赔偿金额 ¥{amount} 与建议金额 ¥{suggested} 不同，请填写调整原因。", field="adjust_reason")
        return Compensate(amount=amount, suggested=suggested,
                          basis=str(data.get("basis") or "").strip(), adjust_reason=adjust)
    if kind is ResolutionType.TRANSFER:
        signed = data.get("signed_at")
        return Transfer(
            carrier=_required(data.get("carrier"), "carrier", "The other carrier", "承运商"),
            new_tracking_no=_tracking(
                _required(data.get("new_tracking_no"), "new_tracking_no", "The new tracking number", "新单号"),
                "new_tracking_no"),
            signed_at=_as_date(signed, "signed_at", "The signed date", "签收日期") if signed else None,
        )
    if kind is ResolutionType.SELF_PICKUP:
        return SelfPickup(
            outlet=_required(data.get("outlet"), "outlet", "The pickup outlet", "自提网点"),
            pickup_code=_required(data.get("pickup_code"), "pickup_code", "The pickup code", "取件码"),
        )
    if kind is ResolutionType.CHANGE_TERMS:
        new_cod = _money_or_none(data.get("new_cod_amount"), "new_cod_amount")
        new_freight = _money_or_none(data.get("new_freight"), "new_freight")
        payer = _optional(data.get("freight_payer"))
        if payer is not None and payer not in ("sender", "recipient"):
            raise ValidationError("The freight payer must be the sender or the recipient.",
                                  "运费支付方只能是寄件人或收件人。", field="freight_payer")
        if new_cod is None and new_freight is None and payer is None:
            raise ValidationError("Say what changes: the COD amount, the freight or who pays it.",
                                  "请填写变更内容：代收货款、运费或运费支付方。", field="new_cod_amount")
        return ChangeTerms(
            confirmation_ref=_required(data.get("confirmation_ref"), "confirmation_ref",
                                       "The customer's written confirmation reference", "客户书面确认编号"),
            new_cod_amount=new_cod, new_freight=new_freight, freight_payer=payer,
        )
    raise ValidationError(f"Unknown resolution {kind!r}.", f"未知的处理方案 {kind!r}。")
