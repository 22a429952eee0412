"""Telling the customer: notice events, templates, channels and the sending rules.

A case change that the customer should hear about (the parcel became a problem
case, a resolution was chosen, compensation approved or paid, the case closed)
is a :class:`NoticeEvent`. Each event has a template per language with
``{placeholder}`` facts; an SMS starts with the depot's signature ``【…】`` and
is counted in parts (70 characters fit one SMS, a longer text is split into
parts of 67). The rules (quiet hours, a daily limit per case, opt-out replies,
mobile numbers only) are plain functions so the outbox and the screens agree.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from string import Formatter
from typing import Any

import phonenumbers

from depot_app.domain.errors import ValidationError


class NoticeEvent(Enum):
    """A case change the customer is told about."""

    REGISTERED = "registered"
    RESOLUTION_CHOSEN = "resolution_chosen"
    COMPENSATION_APPROVED = "compensation_approved"
    COMPENSATION_PAID = "compensation_paid"
    CLOSED = "closed"

    @property
    def en(self) -> str:
        return _EVENT_LABELS[self][0]

    @property
    def zh(self) -> str:
        return _EVENT_LABELS[self][1]

    def label(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


_EVENT_LABELS: dict[NoticeEvent, tuple[str, str]] = {
    NoticeEvent.REGISTERED: ("Registered as a problem case", "登记为问题件"),
    NoticeEvent.RESOLUTION_CHOSEN: ("Resolution chosen", "确定处理方案"),
    NoticeEvent.COMPENSATION_APPROVED: ("Compensation approved", "赔偿已审批"),
    NoticeEvent.COMPENSATION_PAID: ("Compensation paid", "赔偿已支付"),
    NoticeEvent.CLOSED: ("Case closed (rating request)", "结案（邀请评价）"),
}


class Channel(Enum):
    """How a message reaches the customer."""

    SMS = "sms"
    EMAIL = "email"
    WEBHOOK = "webhook"
    MANUAL = "manual"

    def label(self, language: str) -> str:
        en, zh = _CHANNEL_LABELS[self]
        return zh if language.startswith("zh") else en


_CHANNEL_LABELS: dict[Channel, tuple[str, str]] = {
    Channel.SMS: ("SMS", "短信"),
    Channel.EMAIL: ("E-mail", "电子邮件"),
    Channel.WEBHOOK: ("Webhook", "Webhook 推送"),
    Channel.MANUAL: ("By hand", "人工发送"),
}


class MessageState(Enum):
    """Where a message is in the outbox."""

    PENDING = "pending"    # due now or later (quiet hours, backoff)
    SENDING = "sending"    # claimed by a sender; a crashed sender's claim runs out
    SENT = "sent"
    FAILED = "failed"      # gave up: the reason is in last_error
    SKIPPED = "skipped"    # never sent by rule (opt-out, daily limit, no valid number)

    @property
    def is_final(self) -> bool:
        return self in (MessageState.SENT, MessageState.FAILED, MessageState.SKIPPED)

    def label(self, language: str) -> str:
        en, zh = _STATE_LABELS[self]
        return zh if language.startswith("zh") else en


_STATE_LABELS: dict[MessageState, tuple[str, str]] = {
    MessageState.PENDING: ("Waiting", "待发送"),
    MessageState.SENDING: ("Sending", "发送中"),
    MessageState.SENT: ("Sent", "已发送"),
    MessageState.FAILED: ("Failed", "发送失败"),
    MessageState.SKIPPED: ("Not sent", "未发送"),
}

#: Every fact a template may use, with its meaning (English, Chinese).
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "case_no": ("case number", "登记号"),
    "tracking_last4": ("last 4 characters of the tracking number", "快递单号后四位"),
    "kind": ("kind of problem", "问题类型"),
    "resolution": ("the chosen resolution", "处理方案"),
    "amount": ("compensation amount", "赔偿金额"),
    "depot_name": ("depot name", "网点名称"),
    "depot_phone": ("depot phone", "网点电话"),
    "pickup_code": ("pickup code", "取件码"),
    "due_time": ("due time", "预计处理时间"),
}

SMS_ONE_PART = 70
SMS_PART = 67
SIGNATURE = re.compile(r"^【[^【】]{2,16}】")


@dataclass(frozen=True)
class Template:
    """What one event says in one language: the SMS text and the e-mail."""

    sms: str
    email_subject: str
    email_body: str

    def to_dict(self) -> dict[str, str]:
        return {"sms": self.sms, "email_subject": self.email_subject, "email_body": self.email_body}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Template:
        return cls(sms=str(data.get("sms", "")), email_subject=str(data.get("email_subject", "")),
                   email_body=str(data.get("email_body", "")))


_SIG = "【{depot_name}】"

#: The templates a depot starts with; managers edit them (setting ``notice_templates``).
DEFAULT_TEMPLATES: dict[NoticeEvent, dict[str, Template]] = {
    NoticeEvent.REGISTERED: {
        "zh_CN": Template(
            _SIG + "您尾号{tracking_last4}的快件因{kind}已登记为问题件（登记号{case_no}），"
            "我们将于{due_time}前处理，咨询请致电{depot_phone}。",
            "您的快件已登记为问题件 {case_no}",
            "您好：\n\n您尾号{tracking_last4}的快件因{kind}已登记为问题件，登记号{case_no}。"
            "我们将于{due_time}前处理完毕。如有疑问请致电{depot_phone}。\n\n{depot_name}"),
        "en": Template(
            _SIG + "Your parcel ending {tracking_last4} is a problem case ({kind}), no. {case_no}. "
            "We will handle it by {due_time}. Questions: {depot_phone}.",
            "Your parcel is problem case {case_no}",
            "Hello,\n\nyour parcel ending {tracking_last4} was registered as a problem case ({kind}), "
            "number {case_no}. We will handle it by {due_time}. Questions: {depot_phone}.\n\n{depot_name}"),
    },
    NoticeEvent.RESOLUTION_CHOSEN: {
        "zh_CN": Template(
            _SIG + "您的问题件{case_no}处理方案：{resolution}。取件码{pickup_code}，咨询{depot_phone}。",
            "问题件 {case_no} 的处理方案",
            "您好：\n\n问题件{case_no}（快件尾号{tracking_last4}）的处理方案为：{resolution}。\n"
            "取件码：{pickup_code}。如有疑问请致电{depot_phone}。\n\n{depot_name}"),
        "en": Template(
            _SIG + "Case {case_no}: {resolution}. Pickup code {pickup_code}. Questions: {depot_phone}.",
            "How case {case_no} will be resolved",
            "Hello,\n\ncase {case_no} (parcel ending {tracking_last4}) will be resolved as follows: "
            "{resolution}.\nPickup code: {pickup_code}. Questions: {depot_phone}.\n\n{depot_name}"),
    },
    NoticeEvent.COMPENSATION_APPROVED: {
        "zh_CN": Template(
            _SIG + "您的问题件{case_no}赔偿金额{amount}已审批通过，将尽快支付。咨询{depot_phone}。",
            "问题件 {case_no} 赔偿已审批",
            "您好：\n\n问题件{case_no}的赔偿金额{amount}已审批通过，我们将尽快支付。\n\n{depot_name}"),
        "en": Template(
            _SIG + "Compensation of {amount} on case {case_no} is approved and will be paid soon.",
            "Compensation approved on case {case_no}",
            "Hello,\n\ncompensation of {amount} on case {case_no} is approved and will be paid soon."
            "\n\n{depot_name}"),
    },
    NoticeEvent.COMPENSATION_PAID: {
        "zh_CN": Template(
            _SIG + "问题件{case_no}的赔偿{amount}已支付，请注意查收。咨询{depot_phone}。",
            "问题件 {case_no} 赔偿已支付",
            "您好：\n\n问题件{case_no}的赔偿{amount}已支付，请注意查收。\n\n{depot_name}"),
        "en": Template(
            _SIG + "Compensation of {amount} on case {case_no} has been paid.",
            "Compensation paid on case {case_no}",
            "Hello,\n\ncompensation of {amount} on case {case_no} has been paid.\n\n{depot_name}"),
    },
    NoticeEvent.CLOSED: {
        "zh_CN": Template(
            _SIG + "您的问题件{case_no}已处理完毕，请回复1-5为本次服务评分。回T退订",
            "问题件 {case_no} 已结案",
            "您好：\n\n问题件{case_no}已处理完毕。请回复1到5分为本次服务评分，感谢您的支持。\n\n{depot_name}"),
        "en": Template(
            _SIG + "Case {case_no} is closed. Reply 1-5 to rate our service. Reply T to opt out",
            "Case {case_no} is closed",
            "Hello,\n\ncase {case_no} is closed. Please reply with a rating from 1 to 5.\n\n{depot_name}"),
    },
}

LANGUAGES = ("zh_CN", "en")


def default_templates_setting() -> dict[str, dict[str, dict[str, str]]]:
    """The default templates as the JSON the depot setting stores."""
    return {event.value: {lang: tpl.to_dict() for lang, tpl in by_lang.items()}
            for event, by_lang in DEFAULT_TEMPLATES.items()}


def placeholders_in(text: str) -> list[str]:
    """The ``{names}`` a text uses, in order; a malformed brace is a ValidationError."""
    try:
        return [name for _lit, name, _spec, _conv in Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ValidationError(f"The template has an unmatched brace: {exc}.",
                              f"模板中的花括号不成对：{exc}。", field="template") from None


def check_text(text: str, *, sms: bool, field: str = "template") -> None:
    """Refuse unknown placeholders (and, for an SMS, a text without its signature)."""
    unknown = [n for n in placeholders_in(text) if n not in PLACEHOLDERS]
    if unknown:
        names = ", ".join("{" + n + "}" for n in unknown)
        known = ", ".join("{" + n + "}" for n in PLACEHOLDERS)
        raise ValidationError(f"Unknown placeholder {names}; use one of {known}.",
                              f"未知的占位符 {names}；可用：{known}。", field=field)
    if any(spec or conv for _lit, name, spec, conv in Formatter().parse(text) if name is not None):
        raise ValidationError("Placeholders take no format, write {name} only.",
                              "占位符不能带格式，只写 {名称}。", field=field)
    if sms and not SIGNATURE.match(text.strip()):
        raise ValidationError("An SMS starts with the signature in 【】, e.g. 【{depot_name}】 or 【浦东网点】.",
                              "短信必须以【】内的签名开头，例如【{depot_name}】或【浦东网点】。", field=field)
    if not text.strip():
        raise ValidationError("The template is empty.", "模板内容为空。", field=field)


def check_template(template: Template) -> Template:
    check_text(template.sms, sms=True, field="sms")
    check_text(template.email_subject, sms=False, field="email_subject")
    check_text(template.email_body, sms=False, field="email_body")
    return template


def check_templates_setting(value: Any) -> dict[str, dict[str, dict[str, str]]]:
    """Validate the ``notice_templates`` setting: every event and language, every text."""
    if not isinstance(value, dict):
        raise ValidationError("Templates are a table of event → language → texts.",
                              "模板应为“事件 → 语言 → 文本”的表。", field="notice_templates")
    result: dict[str, dict[str, dict[str, str]]] = {}
    for event in NoticeEvent:
        by_lang = value.get(event.value) or {}
        result[event.value] = {}
        for lang in LANGUAGES:
            raw = by_lang.get(lang) if isinstance(by_lang, dict) else None
            tpl = Template.from_dict(raw) if isinstance(raw, dict) else DEFAULT_TEMPLATES[event][lang]
            try:
                check_template(tpl)
            except ValidationError as exc:
                raise ValidationError(f"{event.en} ({lang}): {exc.en}", f"{event.zh}（{lang}）：{exc.zh}",
                                      field=exc.field) from None
            result[event.value][lang] = tpl.to_dict()
    return result


def fill(text: str, facts: dict[str, str]) -> str:
    """The text with its placeholders filled (a missing fact leaves a dash)."""
    return text.format_map({name: facts.get(name) or "—" for name in PLACEHOLDERS})


def sms_count(text: str) -> tuple[int, int]:
    """(characters, SMS parts): 70 characters in one SMS, 67 per part beyond."""
    chars = len(text)
    if chars == 0:
        return 0, 0
    return chars, 1 if chars <= SMS_ONE_PART else math.ceil(chars / SMS_PART)


def mask_tracking(number: str) -> str:
    """Only the last four characters of a tracking number leave the depot."""
    return number[-4:] if number else ""


def mask_address(address: str) -> str:
    """A recipient as screens show it: ``138****1234``, ``l***@example.com``, a URL's host."""
    if not address:
        return ""
    if address.startswith(("http://", "https://")):
        host = address.split("/", 3)[2]
        return host.rpartition("@")[2]
    if "@" in address:
        local, _, domain = address.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = re.sub(r"\D", "", address)
    if len(digits) >= 7:
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        return f"{digits[:3]}****{digits[-4:]}"
    return "****" + address[-2:]


def mobile_number(raw: str) -> str | None:
    """The mainland mobile number in E.164 (``+8613812345678``), or None when it is not one.

    Only mobiles get an SMS: landlines, 400 numbers and numbers that cannot
    exist are refused by the ``phonenumbers`` library's tables.
    """
    text = (raw or "").strip()
    if not text:
        return None
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.number_type(parsed) not in (phonenumbers.PhoneNumberType.MOBILE,
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def email_address(raw: str) -> str | None:
    text = (raw or "").strip()
    return text if EMAIL.match(text) else None


_OPT_OUT_WORDS = {"T", "TD", "N", "退订", "退", "取消", "STOP", "UNSUBSCRIBE"}


def is_opt_out_reply(text: str) -> bool:
    """A customer's reply that asks for no more messages (T, TD, 退订, STOP …)."""
    return re.sub(r"[\s。.!！]", "", text or "").upper() in _OPT_OUT_WORDS


@dataclass(frozen=True)
class QuietHours:
    """A nightly window (local depot time) in which nothing is sent unless on purpose."""

    start: time = time(21, 0)
    end: time = time(8, 0)

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """``"21:00-08:00"``; an empty text or ``"off"`` means no quiet hours (start == end)."""
        raw = (text or "").strip()
        if raw.lower() in ("", "off"):
            return cls(time(0, 0), time(0, 0))
        match = re.fullmatch(r"(\d{1,2}):(\d{2})\s*[-–~]\s*(\d{1,2}):(\d{2})", raw)
        if not match or int(match[1]) > 23 or int(match[3]) > 23 or int(match[2]) > 59 or int(match[4]) > 59:
            raise ValidationError(f"Quiet hours “{raw}” are not like 21:00-08:00.",
                                  f"免打扰时段“{raw}”格式应为 21:00-08:00。", field="quiet_hours")
        return cls(time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4])))

    def text(self) -> str:
        return "off" if self.start == self.end else f"{self.start:%H:%M}-{self.end:%H:%M}"

    def contains(self, local: datetime) -> bool:
        t = local.time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def release(self, local: datetime) -> datetime:
        """The first local moment at or after ``local`` outside the window."""
        if not self.contains(local):
            return local
        day = local.date() if local.time() < self.end else local.date() + timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=local.tzinfo)


def retry_delay(tries: int, *, base_seconds: float, cap_seconds: float = 6 * 3600,
                rng: random.Random | None = None) -> timedelta:
    """How long to wait after the ``tries``-th failed attempt: exponential, with jitter.

    The ceiling doubles with each try (base, 2×base, 4×base …, capped); the
    delay is drawn from its upper half, so desks that failed together do not
    retry together, and no retry comes sooner than half the ceiling.
    """
    ceiling = min(cap_seconds, base_seconds * 2 ** max(0, tries - 1))
    draw = (rng or random).uniform(0.5, 1.0)
    return timedelta(seconds=ceiling * draw)


class Outcome(Enum):
    """What a channel says about one attempt."""

    SENT = "sent"
    RETRY = "retry"        # throttled, server error, time-out: try again later
    OFFLINE = "offline"    # the gateway cannot be reached at all: wait, and show it
    GIVE_UP = "give_up"    # invalid number, refused for good: failed at once


@dataclass(frozen=True)
class Attempt:
    """The result of one delivery attempt; ``detail`` never holds a secret."""

    outcome: Outcome
    detail: str = ""
    provider_ref: str = ""
