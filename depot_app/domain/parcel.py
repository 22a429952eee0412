"""Parcel facts as typed on a form or imported, validated into exact values."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from depot_app.domain.errors import ValidationError
from depot_app.domain.identifiers import validate_phone
from depot_app.domain.money import to_money
from depot_app.domain.vocabulary import ShipmentScope

#: Field names with their Chinese and English labels, in form order.
PARCEL_FIELDS: dict[str, tuple[str, str]] = {
    "sender_name": ("寄件人", "Sender"),
    "sender_phone": ("寄件人电话", "Sender phone"),
    "sender_address": ("寄件地址", "Sender address"),
    "recipient_name": ("收件人", "Recipient"),
    "recipient_phone": ("收件人电话", "Recipient phone"),
    "recipient_address": ("收件地址", "Recipient address"),
    "item_description": ("物品", "Item"),
    "declared_value": ("申报价值", "Declared value"),
    "insured_value": ("保价金额", "Insured value"),
    "freight": ("运费", "Freight"),
    "cod_amount": ("代收货款", "COD amount"),
    "weight_g": ("重量", "Weight"),
    "scope": ("寄递范围", "Scope"),
}

MONEY_FIELDS = ("declared_value", "insured_value", "freight", "cod_amount")
PHONE_FIELDS = ("sender_phone", "recipient_phone")
TEXT_LIMITS = {"sender_name": 64, "recipient_name": 64, "sender_address": 255,
               "recipient_address": 255, "item_description": 255}


@dataclass(frozen=True)
class ParcelFacts:
    """What the waybill says about a shipment; every field optional but typed."""

    sender_name: str = ""
    sender_phone: str = ""
    sender_address: str = ""
    recipient_name: str = ""
    recipient_phone: str = ""
    recipient_address: str = ""
    item_description: str = ""
    declared_value: Decimal | None = None
    insured_value: Decimal | None = None
    freight: Decimal | None = None
    cod_amount: Decimal | None = None
    weight_g: int | None = None
    scope: ShipmentScope = ShipmentScope.DOMESTIC

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def parse_weight_g(raw: Any) -> int | None:
    """Weight in kilograms as typed ("1.25", "1.25kg", "800g") to whole grams."""
    if raw is None:
        return None
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().lower().replace("公斤", "kg").replace("千克", "kg").replace("克", "g")
    if not text:
        return None
    factor = Decimal(1000)
    if text.endswith("kg"):
        text = text[:-2]
    elif text.endswith("g"):
        text, factor = text[:-1], Decimal(1)
    try:
        grams = Decimal(text.strip()) * factor
    except InvalidOperation:
        raise ValidationError(f"Weight “{raw}” is not a number of kilograms (e.g. 1.25).",
                              f"重量“{raw}”不是有效的公斤数（例如 1.25）。", field="weight_g") from None
    if grams < 0 or grams > 1_000_000:
        raise ValidationError(f"Weight “{raw}” is out of range (0 to 1000 kg).",
                              f"重量“{raw}”超出范围（0 到 1000 公斤）。", field="weight_g")
    return int(grams.to_integral_value())


def _money_field(name: str, raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return to_money(raw if isinstance(raw, (Decimal, int)) else str(raw))
    except ValidationError as exc:
        zh, en = PARCEL_FIELDS[name]
        raise ValidationError(f"{en}: {exc.en}", f"{zh}：{exc.zh}", field=name) from None


def parse_parcel_facts(data: dict[str, Any]) -> ParcelFacts:
    """Validate form or import data into :class:`ParcelFacts`.

    Raises :class:`ValidationError` naming the field and what is wrong.
    Unknown keys are ignored.
    """
    values: dict[str, Any] = {}
    for name, limit in TEXT_LIMITS.items():
        text = str(data.get(name) or "").strip()
        if len(text) > limit:
            zh, en = PARCEL_FIELDS[name]
            raise ValidationError(f"{en} is too long ({len(text)} characters, at most {limit}).",
                                  f"{zh}过长（{len(text)} 个字，最多 {limit} 个）。", field=name)
        values[name] = text
    for name in PHONE_FIELDS:
        raw = str(data.get(name) or "").strip()
        values[name] = validate_phone(raw, field=name).number if raw else ""
    for name in MONEY_FIELDS:
        values[name] = _money_field(name, data.get(name))
    values["weight_g"] = parse_weight_g(data.get("weight_g"))
    scope = data.get("scope") or ShipmentScope.DOMESTIC
    try:
        values["scope"] = ShipmentScope(scope)
    except ValueError:
        raise ValidationError(f"Unknown shipment scope “{scope}”.", f"未知的寄递范围“{scope}”。",
                              field="scope") from None
    facts = ParcelFacts(**values)
    if (facts.insured_value is not None and facts.declared_value is not None
            and facts.insured_value > facts.declared_value):
        raise ValidationError(
            f"The insured value ¥{facts.insured_value} is above the declared value ¥{facts.declared_value}.",
            f"保价金额 ¥{facts.insured_value} 高于申报价值 ¥{facts.declared_value}。", field="insured_value")
    return facts
