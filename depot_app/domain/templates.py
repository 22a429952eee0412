"""Ready-made SMS and WeChat messages the desk sends from the depot phone.

A clerk picks a template on the Contacts tab, checks the preview and copies
it; the text is filled from the case. Every template exists in Chinese (what
customers read) and English. Facts a case cannot supply (the pickup code, a
depot phone nobody configured) are filled with a bracketed marker such as
``【取件码】`` so the clerk sees what to type in, and a message never goes out
with a raw ``{placeholder}`` in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import ContactChannel, ContactParty, ResolutionType

K = ProblemKind

#: Every fact a template may use, with the marker shown when it is unknown.
FACTS: dict[str, tuple[str, str]] = {
    "tracking": ("【快递单号】", "[tracking number]"),
    "reason": ("【原因】", "[reason]"),
    "case_no": ("【登记号】", "[case number]"),
    "depot_name": ("【网点名称】", "[depot name]"),
    "depot_phone": ("【网点电话】", "[depot phone]"),
    "recipient": ("【收件人】", "[recipient]"),
    "pickup_code": ("【取件码】", "[pickup code]"),
    "amount": ("【金额】", "[amount]"),
}

#: Why the parcel is held, as a customer should read it (not the desk's jargon).
REASONS: dict[ProblemKind, tuple[str, str]] = {
    K.DAMAGED: ("外包装破损", "damaged packaging"),
    K.CONTAMINATED: ("外包装受到污染", "its packaging being soiled"),
    K.LOST: ("快件遗失", "the parcel being lost"),
    K.SHORT_CONTENTS: ("内件短少", "missing contents"),
    K.DELAYED: ("运输延误", "a transport delay"),
    K.FALSE_SIGN_FOR: ("签收信息有误", "an incorrect sign-for record"),
    K.SWAPPED: ("面单信息有误", "a labelling error"),
    K.REFUSED: ("收件人拒收", "the recipient refusing it"),
    K.RECIPIENT_INFO: ("收件人信息有误", "incorrect recipient details"),
    K.UNREACHABLE: ("无法联系到收件人", "the recipient being unreachable"),
    K.OUT_OF_AREA: ("地址超出派送范围", "the address being outside our delivery area"),
    K.HELD_AT_HUB: ("中转分拣延误", "a sorting delay at the hub"),
    K.WEIGHT_MISMATCH: ("重量与面单不符", "its weight differing from the waybill"),
    K.FREIGHT_DISPUTE: ("运费待确认", "the freight awaiting confirmation"),
    K.COD_CHANGE: ("代收货款待确认", "the cash-on-delivery amount awaiting confirmation"),
    K.RETURN_RECEIPT: ("回单服务待确认", "the return-receipt service awaiting confirmation"),
    K.CANNOT_PAY: ("到付/代收款未支付", "the payment due on delivery not being made"),
    K.LONG_INSPECTION: ("验货时间过长", "the inspection taking too long"),
    K.CUSTOMS_HELD: ("海关查验", "a customs inspection"),
    K.SERVICE_COMPLAINT: ("服务问题", "a service problem"),
}


def reason_for(kind: ProblemKind, language: str = "zh_CN") -> str:
    """Why a parcel of ``kind`` is held, in words for the customer."""
    zh, en = REASONS[kind]
    return zh if language.startswith("zh") else en


@dataclass(frozen=True)
class Template:
    """One message in both languages, for the kinds of problem it suits."""

    key: str
    channel: ContactChannel
    audience: ContactParty
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    kinds: frozenset[ProblemKind]

    def title(self, language: str = "zh_CN") -> str:
        """The name shown in the template chooser."""
        return self.title_zh if language.startswith("zh") else self.title_en

    def text(self, language: str = "zh_CN") -> str:
        """The unfilled text with its ``{placeholders}``."""
        return self.text_zh if language.startswith("zh") else self.text_en

    def placeholders(self, language: str = "zh_CN") -> set[str]:
        """The fact names the text in ``language`` uses."""
        return {name for _lit, name, _spec, _conv in Formatter().parse(self.text(language)) if name}

    def render(self, language: str = "zh_CN", **facts: str) -> str:
        """The text filled with ``facts``; unknown facts become visible markers."""
        zh = language.startswith("zh")
        values = {name: (marker_zh if zh else marker_en) for name, (marker_zh, marker_en) in FACTS.items()}
        values.update({name: str(value) for name, value in facts.items()
                       if name in FACTS and value not in (None, "")})
        return self.text(language).format_map(values)


def _kinds_with(resolution: ResolutionType) -> frozenset[ProblemKind]:
    return frozenset(k for k in ProblemKind if resolution in k.info.resolutions)


_DELIVERY_HELD = frozenset(ProblemKind) - {K.SERVICE_COMPLAINT, K.FALSE_SIGN_FOR, K.LOST}
_ADDRESS_KINDS = frozenset({K.RECIPIENT_INFO, K.UNREACHABLE, K.OUT_OF_AREA, K.SWAPPED, K.REFUSED,
                            K.CANNOT_PAY, K.HELD_AT_HUB})

TEMPLATES: tuple[Template, ...] = (
    Template(
        "notify_delay", ContactChannel.SMS, ContactParty.RECIPIENT,
        "通知暂缓派送", "Delivery on hold",
        "【{depot_name}】{recipient}您好，您的快件 {tracking} 因{reason}暂无法派送，"
        "我们正在处理。如有疑问请回电 {depot_phone}，登记号 {case_no}。",
        "[{depot_name}] Dear {recipient}, your parcel {tracking} cannot be delivered yet because of "
        "{reason}; we are dealing with it. Questions: call {depot_phone}, case number {case_no}.",
        _DELIVERY_HELD),
    Template(
        "complaint_ack", ContactChannel.SMS, ContactParty.OTHER,
        "投诉受理回复", "Complaint acknowledged",
        "【{depot_name}】您好，您对快件 {tracking} 的反映我们已受理（登记号 {case_no}），"
        "对给您带来的不便深表歉意，我们会在24小时内回复处理结果。如需联系请致电 {depot_phone}。",
        "[{depot_name}] Hello, we have registered your complaint about parcel {tracking} "
        "(case number {case_no}). We are sorry for the trouble and will reply with the outcome "
        "within 24 hours. To reach us, call {depot_phone}.",
        frozenset(k for k in ProblemKind if k.info.is_complaint)),
    Template(
        "ask_address", ContactChannel.SMS, ContactParty.RECIPIENT,
        "请提供正确地址/电话", "Ask for the correct address",
        "【{depot_name}】{recipient}您好，您的快件 {tracking} 因{reason}暂无法派送。"
        "请回电 {depot_phone} 或回复本短信告知正确的收件地址和电话，登记号 {case_no}。",
        "[{depot_name}] Dear {recipient}, your parcel {tracking} cannot be delivered because of "
        "{reason}. Please call {depot_phone} or reply with the correct address and phone number "
        "(case number {case_no}).",
        _ADDRESS_KINDS),
    Template(
        "ask_address_wechat", ContactChannel.WECHAT, ContactParty.RECIPIENT,
        "微信：请发送正确地址", "WeChat: send the correct address",
        "您好，这里是{depot_name}。您的快件 {tracking} 因{reason}暂无法派送，"
        "麻烦直接在微信里发送正确的收件地址（可发定位）和联系电话，我们会尽快重新派送。登记号 {case_no}。",
        "Hello, this is {depot_name}. Your parcel {tracking} cannot be delivered because of {reason}. "
        "Please send the correct delivery address (a location pin is fine) and phone number here "
        "and we will redeliver as soon as we can. Case number {case_no}.",
        _ADDRESS_KINDS),
    Template(
        "ask_sender", ContactChannel.SMS, ContactParty.SENDER,
        "请寄件人决定处理方式", "Ask the sender to decide",
        "【{depot_name}】您好，您寄给 {recipient} 的快件 {tracking} 因{reason}未能完成派送。"
        "请回电 {depot_phone} 告知处理方式（重新派送、更改地址或退回），登记号 {case_no}。",
        "[{depot_name}] Hello, the parcel {tracking} you sent to {recipient} could not be delivered "
        "because of {reason}. Please call {depot_phone} to tell us what to do (redeliver, change the "
        "address or return it); case number {case_no}.",
        _DELIVERY_HELD),
    Template(
        "ask_sender_wechat", ContactChannel.WECHAT, ContactParty.SENDER,
        "微信：请寄件人决定", "WeChat: ask the sender to decide",
        "您好，这里是{depot_name}。您寄给 {recipient} 的快件 {tracking} 因{reason}未能完成派送，"
        "请问您希望重新派送、更改地址还是退回？直接回复即可，登记号 {case_no}。",
        "Hello, this is {depot_name}. The parcel {tracking} you sent to {recipient} could not be "
        "delivered because of {reason}. Would you like us to redeliver it, change the address or "
        "return it? Just reply here; case number {case_no}.",
        _DELIVERY_HELD),
    Template(
        "ask_proof", ContactChannel.SMS, ContactParty.SENDER,
        "请提供物品价值证明", "Ask for proof of value",
        "【{depot_name}】您好，关于快件 {tracking}（登记号 {case_no}），因{reason}需办理理赔。"
        "请提供购买凭证、物品照片及包装情况，可回电 {depot_phone} 或到{depot_name}提交。",
        "[{depot_name}] Hello, a claim is being prepared for parcel {tracking} (case number {case_no}) "
        "because of {reason}. Please send proof of purchase and photos of the item and its packaging; "
        "call {depot_phone} or bring them to {depot_name}.",
        frozenset({K.LOST, K.DAMAGED, K.SHORT_CONTENTS, K.CONTAMINATED})),
    Template(
        "pickup_code", ContactChannel.SMS, ContactParty.RECIPIENT,
        "自提取件码", "Pickup code",
        "【{depot_name}】{recipient}您好，您的快件 {tracking} 已到网点，请凭取件码 {pickup_code} "
        "到{depot_name}自提。如有疑问请回电 {depot_phone}。",
        "[{depot_name}] Dear {recipient}, your parcel {tracking} is waiting at the depot. Collect it "
        "at {depot_name} with pickup code {pickup_code}. Questions: call {depot_phone}.",
        _kinds_with(ResolutionType.SELF_PICKUP)),
    Template(
        "compensation", ContactChannel.SMS, ContactParty.SENDER,
        "赔偿通知", "Compensation notice",
        "【{depot_name}】您好，关于快件 {tracking}（登记号 {case_no}），因{reason}给您带来不便，深表歉意。"
        "经核定赔偿金额为 {amount}，我们将尽快支付。如有疑问请回电 {depot_phone}。",
        "[{depot_name}] Hello, we apologise for the trouble with parcel {tracking} (case number "
        "{case_no}) caused by {reason}. The compensation agreed is {amount}; we will pay it shortly. "
        "Questions: call {depot_phone}.",
        _kinds_with(ResolutionType.COMPENSATE)),
)

_BY_KEY = {t.key: t for t in TEMPLATES}


def templates_for(kind: ProblemKind) -> list[Template]:
    """The templates that suit ``kind``, the most used first."""
    return [t for t in TEMPLATES if kind in t.kinds]


def template_by_key(key: str) -> Template:
    """One template by its key; ``KeyError`` for an unknown key."""
    return _BY_KEY[key]


def render_template(kind: ProblemKind, language: str = "zh_CN", *,
                    template: str | Template | None = None, **facts: str) -> str:
    """A message about a case of ``kind``, filled with ``facts``.

    ``template`` (a key or a :class:`Template`) picks the message; without it
    the first template for the kind is used. The ``reason`` fact defaults to
    :func:`reason_for` the kind. Raises ``ValueError`` when the template does
    not suit the kind.
    """
    if template is None:
        chosen = templates_for(kind)[0]
    else:
        chosen = template if isinstance(template, Template) else template_by_key(template)
    if kind not in chosen.kinds:
        raise ValueError(f"template {chosen.key!r} does not suit a {kind.value} case")
    facts.setdefault("reason", reason_for(kind, language))
    return chosen.render(language, **facts)
