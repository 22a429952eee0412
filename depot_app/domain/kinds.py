"""The kinds of problem parcel, each with its handling guide and fitting resolutions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from depot_app.domain.vocabulary import LossExtent, Priority, ResolutionType

R = ResolutionType


class ProblemKind(StrEnum):
    """Every kind of problem parcel the desk handles (DOMAIN.md)."""

    DAMAGED = "damaged"
    CONTAMINATED = "contaminated"
    LOST = "lost"
    SHORT_CONTENTS = "short_contents"
    DELAYED = "delayed"
    FALSE_SIGN_FOR = "false_sign_for"
    SWAPPED = "swapped"
    REFUSED = "refused"
    RECIPIENT_INFO = "recipient_info"
    UNREACHABLE = "unreachable"
    OUT_OF_AREA = "out_of_area"
    HELD_AT_HUB = "held_at_hub"
    WEIGHT_MISMATCH = "weight_mismatch"
    FREIGHT_DISPUTE = "freight_dispute"
    COD_CHANGE = "cod_change"
    RETURN_RECEIPT = "return_receipt"
    CANNOT_PAY = "cannot_pay"
    LONG_INSPECTION = "long_inspection"
    CUSTOMS_HELD = "customs_held"
    SERVICE_COMPLAINT = "service_complaint"

    @property
    def info(self) -> KindInfo:
        return KIND_INFO[self]

    @property
    def zh(self) -> str:
        return KIND_INFO[self].zh

    @property
    def en(self) -> str:
        return KIND_INFO[self].en

    def label(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en

    def guide(self, language: str = "zh_CN") -> str:
        info = KIND_INFO[self]
        return info.guide_zh if language.startswith("zh") else info.guide_en


@dataclass(frozen=True, slots=True)
class KindInfo:
    """What the desk knows about one kind of problem."""

    zh: str
    en: str
    guide_zh: str
    guide_en: str
    resolutions: tuple[ResolutionType, ...]
    default_priority: Priority = Priority.NORMAL
    is_complaint: bool = False
    #: The loss the compensation calculator assumes unless the clerk says otherwise.
    default_loss: LossExtent | None = None
    #: A photo is the first thing to take (damage is argued over photos).
    needs_photos: bool = False
    #: Money terms change: the customer's written confirmation is required.
    needs_written_confirmation: bool = False


KIND_INFO: dict[ProblemKind, KindInfo] = {
    ProblemKind.DAMAGED: KindInfo(
        "破损", "Damaged",
        "立即拍照留证（外包装、内件、面单）；判断是包装问题还是运输责任；可用则重新派送，否则赔偿或补发。",
        "Photograph at once (packaging, contents, label); decide packaging vs transit fault; "
        "redeliver if usable, else compensate or resend.",
        (R.REDELIVER, R.COMPENSATE, R.RESEND, R.RETURN),
        Priority.HIGH, default_loss=LossExtent.PARTIAL, needs_photos=True),
    ProblemKind.CONTAMINATED: KindInfo(
        "污染", "Contaminated",
        "拍照留证，查找污染源快件，重新包装后派送；收件人拒收则走理赔。",
        "Photograph, find the source parcel, rewrap and deliver; if refused, claim.",
        (R.REDELIVER, R.COMPENSATE, R.RETURN),
        Priority.HIGH, default_loss=LossExtent.PARTIAL, needs_photos=True),
    ProblemKind.LOST: KindInfo(
        "遗失", "Lost",
        "向寄件人索取包装、物品及价值证明；网点与中转场查找；查无下落则赔偿或补发。",
        "Ask the sender for packaging, item and value proof; search outlet and hub; "
        "then compensate or resend.",
        (R.COMPENSATE, R.RESEND),
        Priority.HIGH, default_loss=LossExtent.TOTAL),
    ProblemKind.SHORT_CONTENTS: KindInfo(
        "内件短少", "Short contents",
        "拍照、核对称重记录（揽收重量与到件重量），走理赔流程。",
        "Photographs, compare weights at pickup and arrival, claim.",
        (R.COMPENSATE, R.RESEND),
        Priority.HIGH, default_loss=LossExtent.PARTIAL, needs_photos=True),
    ProblemKind.DELAYED: KindInfo(
        "延误", "Delayed",
        "查扫描记录，向客户说明原因并加急；承运责任可免运费作为补偿。",
        "Check the scan history, explain the cause, expedite; if the carrier is at fault, "
        "offer compensation (e.g. waive the freight).",
        (R.REDELIVER, R.COMPENSATE, R.TRANSFER),
        default_loss=LossExtent.DELAY),
    ProblemKind.FALSE_SIGN_FOR: KindInfo(
        "虚假签收", "False sign-for",
        "核实签收人及签收时间，调查派件员；重新派送或赔偿。",
        "Verify the signer and time, investigate the courier; redeliver or compensate.",
        (R.REDELIVER, R.COMPENSATE),
        Priority.HIGH, is_complaint=True, default_loss=LossExtent.TOTAL),
    ProblemKind.SWAPPED: KindInfo(
        "掉包/错贴", "Swapped / mislabelled",
        "核查双方网点；未签收则更正地址，已签收则取回后重新派送。",
        "Check both outlets; unsigned: fix the address; signed: retrieve and resend.",
        (R.REDELIVER, R.RESEND, R.COMPENSATE),
        Priority.HIGH, needs_photos=True),
    ProblemKind.REFUSED: KindInfo(
        "拒收", "Refused",
        "询问拒收原因，告知寄件人，按寄件人意见退回或重新派送。",
        "Ask why, inform the sender, follow the sender's decision (return, redeliver).",
        (R.RETURN, R.REDELIVER, R.SELF_PICKUP)),
    ProblemKind.RECIPIENT_INFO: KindInfo(
        "收件人信息问题", "Recipient information",
        "对照面单核实电话、地址；向寄件人获取正确信息后重新派送。",
        "Verify against the waybill, get the correct details from the sender, redeliver.",
        (R.REDELIVER, R.RETURN, R.SELF_PICKUP)),
    ProblemKind.UNREACHABLE: KindInfo(
        "无法联系", "Unreachable",
        "短信加电话联系并重试；两次未果联系寄件人。",
        "SMS and call, retry; after two failures contact the sender.",
        (R.REDELIVER, R.SELF_PICKUP, R.RETURN)),
    ProblemKind.OUT_OF_AREA: KindInfo(
        "超区", "Out of area",
        "可选客户自提、加收派送费、转同行、改地址或退回。",
        "Self-pickup, extra delivery fee, transfer to another carrier, change address, or return.",
        (R.SELF_PICKUP, R.TRANSFER, R.REDELIVER, R.CHANGE_TERMS, R.RETURN)),
    ProblemKind.HELD_AT_HUB: KindInfo(
        "留仓", "Held at hub",
        "错分、错目的地代码或漏分：立即转发到正确站点并更正目的地。",
        "Mis-sorted, wrong destination code or missed sort: forward to the right station at once, "
        "correct the destination.",
        (R.REDELIVER, R.TRANSFER),
        Priority.HIGH),
    ProblemKind.WEIGHT_MISMATCH: KindInfo(
        "重量不符", "Weight mismatch",
        "拍摄称重照片，与业务员确认，更正运费。",
        "Photograph the scale, confirm with the salesperson, correct the charges.",
        (R.CHANGE_TERMS, R.REDELIVER),
        needs_photos=True, needs_written_confirmation=True),
    ProblemKind.FREIGHT_DISPUTE: KindInfo(
        "运费问题", "Freight dispute",
        "到付与寄付互转或金额争议：由寄件人决定，通知财务。",
        "To-pay vs prepaid, or amount disputed: the sender decides, finance is notified.",
        (R.CHANGE_TERMS, R.RETURN, R.REDELIVER),
        needs_written_confirmation=True),
    ProblemKind.COD_CHANGE: KindInfo(
        "货款问题", "COD change",
        "取消或变更代收货款须有寄件人书面确认，通知财务。",
        "Cancelling or changing cash-on-delivery needs the sender's written confirmation; "
        "finance is notified.",
        (R.CHANGE_TERMS, R.REDELIVER, R.RETURN),
        needs_written_confirmation=True),
    ProblemKind.RETURN_RECEIPT: KindInfo(
        "回单问题", "Return-receipt change",
        "签回单服务的取消或变更须有寄件人书面确认。",
        "Cancelling or changing the signed-receipt service needs the sender's written confirmation.",
        (R.CHANGE_TERMS, R.REDELIVER),
        needs_written_confirmation=True),
    ProblemKind.CANNOT_PAY: KindInfo(
        "客户没钱", "Recipient cannot pay",
        "代收款或到付未能支付：再次派送；两次未果联系寄件人。",
        "COD or to-pay not paid: retry; after two attempts, the sender.",
        (R.REDELIVER, R.CHANGE_TERMS, R.RETURN, R.SELF_PICKUP)),
    ProblemKind.LONG_INSPECTION: KindInfo(
        "验货时间长", "Long inspection",
        "收件人验货超出服务时间：与双方协商。",
        "The recipient inspects past the service time: negotiate with both.",
        (R.REDELIVER, R.SELF_PICKUP, R.RETURN)),
    ProblemKind.CUSTOMS_HELD: KindInfo(
        "海关扣留", "Held by customs",
        "违禁品或未缴税：通知寄件人补充单证/缴税，或退回。",
        "Prohibited item or unpaid duty: inform the sender, documents or tax, or return.",
        (R.RETURN, R.REDELIVER, R.COMPENSATE),
        Priority.HIGH),
    ProblemKind.SERVICE_COMPLAINT: KindInfo(
        "服务投诉", "Service complaint",
        "致歉并调查（派件员态度等），24小时内首次回复。",
        "Apologise, investigate (courier attitude, other), first response within 24 hours.",
        (R.REDELIVER, R.COMPENSATE),
        Priority.HIGH, is_complaint=True),
}


def resolutions_for(kind: ProblemKind) -> tuple[ResolutionType, ...]:
    """The resolutions that make sense for ``kind``, most usual first."""
    return KIND_INFO[kind].resolutions
