"""The words of the desk: enumerations with their Chinese and English names.

Values are stable lower-case codes stored in the database and in exports;
labels are what people read. ``label(member, language)`` picks one.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Chinese and an English name."""

    @property
    def zh(self) -> str:
        return _LABELS[(type(self), self.value)][0]

    @property
    def en(self) -> str:
        return _LABELS[(type(self), self.value)][1]

    def label(self, language: str = "zh_CN") -> str:
        """The name to show in ``language`` (``zh_CN`` or ``en``)."""
        return self.zh if language.startswith("zh") else self.en


class CaseStatus(Labelled):
    """Where a case stands in its life; see :mod:`depot_app.domain.lifecycle`."""

    REGISTERED = "registered"
    VERIFYING = "verifying"
    INVESTIGATING = "investigating"
    AWAITING_CUSTOMER = "awaiting_customer"
    RESOLUTION_CHOSEN = "resolution_chosen"
    AWAITING_APPROVAL = "awaiting_approval"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self not in (CaseStatus.CLOSED, CaseStatus.CANCELLED)


class Priority(Labelled):
    """How urgently a case must be handled; shortens or lengthens its due time."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class ReportChannel(Labelled):
    """How the problem reached the depot."""

    COURIER = "courier"
    COUNTER = "counter"
    PHONE = "phone"
    ONLINE = "online"
    EMAIL = "email"


class ResolutionType(Labelled):
    """The handling agreed with the party that has the say."""

    REDELIVER = "redeliver"
    RESEND = "resend"
    RETURN = "return"
    COMPENSATE = "compensate"
    TRANSFER = "transfer"
    SELF_PICKUP = "self_pickup"
    CHANGE_TERMS = "change_terms"


class ResolutionState(Labelled):
    """Progress of one chosen resolution."""

    CHOSEN = "chosen"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SUPERSEDED = "superseded"


class ContactParty(Labelled):
    """Who was contacted."""

    SENDER = "sender"
    RECIPIENT = "recipient"
    OUTLET = "outlet"
    HUB = "hub"
    OTHER = "other"


class ContactChannel(Labelled):
    """How they were contacted."""

    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    EMAIL = "email"
    VISIT = "visit"


class ContactOutcome(Labelled):
    """What came of one contact attempt."""

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    SWITCHED_OFF = "switched_off"
    WRONG_NUMBER = "wrong_number"
    REFUSED = "refused"
    LEFT_MESSAGE = "left_message"

    @property
    def failed(self) -> bool:
        """True when the person was not actually spoken to."""
        return self is not ContactOutcome.REACHED


class PaymentMethod(Labelled):
    """How compensation is paid out."""

    BANK = "bank"
    ALIPAY = "alipay"
    WECHAT = "wechat"
    CASH = "cash"


class FinalOutcome(Labelled):
    """The terminal outcome recorded when a case is closed."""

    SIGNED = "signed"
    RETURNED = "returned"
    TRANSFERRED_SIGNED = "transferred_signed"
    RESENT_SIGNED = "resent_signed"
    COMPENSATED = "compensated"
    PICKED_UP = "picked_up"
    TERMS_CHANGED = "terms_changed"
    WITHDRAWN = "withdrawn"


class ShipmentScope(Labelled):
    """Distance class of the shipment; sets the treat-as-lost limit."""

    SAME_CITY = "same_city"
    DOMESTIC = "domestic"
    INTERNATIONAL = "international"


class LossExtent(Labelled):
    """What the customer lost, for the compensation calculator."""

    TOTAL = "total"
    PARTIAL = "partial"
    DELAY = "delay"


class Exemption(Labelled):
    """Grounds that exempt the carrier from paying."""

    NONE = "none"
    FORCE_MAJEURE = "force_majeure"
    GOODS_NATURE = "goods_nature"
    CUSTOMER_FAULT = "customer_fault"


class Role(Labelled):
    """What an operator may do at the desk."""

    COURIER = "courier"
    CLERK = "clerk"
    MANAGER = "manager"


class PhotoSlot(Labelled):
    """Which piece of evidence a photo is, as a claims desk files them."""

    EXTERIOR = "exterior"
    CONTENTS = "contents"
    LABEL = "label"
    SCALE = "scale"
    HANDOVER = "handover"
    OTHER = "other"


# Keyed by (enum class, code): members of different enumerations share codes
# ("wechat" is a contact channel and a payment method) and, being strings,
# would otherwise overwrite each other's labels.
_LABELS: dict[tuple[type, str], tuple[str, str]] = {
    (CaseStatus, CaseStatus.REGISTERED.value): ("已登记", "Registered"),
    (CaseStatus, CaseStatus.VERIFYING.value): ("核实中", "Verifying"),
    (CaseStatus, CaseStatus.INVESTIGATING.value): ("调查中", "Investigating"),
    (CaseStatus, CaseStatus.AWAITING_CUSTOMER.value): ("待客户答复", "Awaiting customer"),
    (CaseStatus, CaseStatus.RESOLUTION_CHOSEN.value): ("已定方案", "Resolution chosen"),
    (CaseStatus, CaseStatus.AWAITING_APPROVAL.value): ("待审批", "Awaiting approval"),
    (CaseStatus, CaseStatus.IN_PROGRESS.value): ("处理中", "In progress"),
    (CaseStatus, CaseStatus.CLOSED.value): ("已结案", "Closed"),
    (CaseStatus, CaseStatus.CANCELLED.value): ("已撤销", "Cancelled"),
    (Priority, Priority.LOW.value): ("低", "Low"),
    (Priority, Priority.NORMAL.value): ("普通", "Normal"),
    (Priority, Priority.HIGH.value): ("高", "High"),
    (Priority, Priority.URGENT.value): ("紧急", "Urgent"),
    (ReportChannel, ReportChannel.COURIER.value): ("快递员", "Courier"),
    (ReportChannel, ReportChannel.COUNTER.value): ("柜台", "Counter"),
    (ReportChannel, ReportChannel.PHONE.value): ("电话", "Phone"),
    (ReportChannel, ReportChannel.ONLINE.value): ("网络/App", "Online / app"),
    (ReportChannel, ReportChannel.EMAIL.value): ("电子邮件", "E-mail"),
    (ResolutionType, ResolutionType.REDELIVER.value): ("重新派送", "Redeliver"),
    (ResolutionType, ResolutionType.RESEND.value): ("补发", "Resend"),
    (ResolutionType, ResolutionType.RETURN.value): ("退回寄件人", "Return to sender"),
    (ResolutionType, ResolutionType.COMPENSATE.value): ("赔偿", "Compensate"),
    (ResolutionType, ResolutionType.TRANSFER.value): ("转同行/转EMS", "Transfer to another carrier"),
    (ResolutionType, ResolutionType.SELF_PICKUP.value): ("客户自提", "Self-pickup"),
    (ResolutionType, ResolutionType.CHANGE_TERMS.value): ("变更货款/运费", "Change COD/freight terms"),
    (ResolutionState, ResolutionState.CHOSEN.value): ("已选定", "Chosen"),
    (ResolutionState, ResolutionState.AWAITING_APPROVAL.value): ("待审批", "Awaiting approval"),
    (ResolutionState, ResolutionState.APPROVED.value): ("已批准", "Approved"),
    (ResolutionState, ResolutionState.REJECTED.value): ("已驳回", "Rejected"),
    (ResolutionState, ResolutionState.IN_PROGRESS.value): ("执行中", "In progress"),
    (ResolutionState, ResolutionState.DONE.value): ("已完成", "Done"),
    (ResolutionState, ResolutionState.SUPERSEDED.value): ("已替换", "Superseded"),
    (ContactParty, ContactParty.SENDER.value): ("寄件人", "Sender"),
    (ContactParty, ContactParty.RECIPIENT.value): ("收件人", "Recipient"),
    (ContactParty, ContactParty.OUTLET.value): ("派件网点", "Delivering outlet"),
    (ContactParty, ContactParty.HUB.value): ("中转场", "Hub"),
    (ContactParty, ContactParty.OTHER.value): ("其他", "Other"),
    (ContactChannel, ContactChannel.PHONE.value): ("电话", "Phone"),
    (ContactChannel, ContactChannel.SMS.value): ("短信", "SMS"),
    (ContactChannel, ContactChannel.WECHAT.value): ("微信", "WeChat"),
    (ContactChannel, ContactChannel.EMAIL.value): ("电子邮件", "E-mail"),
    (ContactChannel, ContactChannel.VISIT.value): ("上门", "Visit"),
    (ContactOutcome, ContactOutcome.REACHED.value): ("已联系上", "Reached"),
    (ContactOutcome, ContactOutcome.NO_ANSWER.value): ("无人接听", "No answer"),
    (ContactOutcome, ContactOutcome.SWITCHED_OFF.value): ("关机", "Switched off"),
    (ContactOutcome, ContactOutcome.WRONG_NUMBER.value): ("空号/错号", "Empty or wrong number"),
    (ContactOutcome, ContactOutcome.REFUSED.value): ("拒绝沟通", "Refused to talk"),
    (ContactOutcome, ContactOutcome.LEFT_MESSAGE.value): ("已留言", "Left a message"),
    (PaymentMethod, PaymentMethod.BANK.value): ("银行转账", "Bank transfer"),
    (PaymentMethod, PaymentMethod.ALIPAY.value): ("支付宝", "Alipay"),
    (PaymentMethod, PaymentMethod.WECHAT.value): ("微信支付", "WeChat Pay"),
    (PaymentMethod, PaymentMethod.CASH.value): ("现金", "Cash"),
    (FinalOutcome, FinalOutcome.SIGNED.value): ("已签收", "Signed for"),
    (FinalOutcome, FinalOutcome.RETURNED.value): ("已退回", "Returned to sender"),
    (FinalOutcome, FinalOutcome.TRANSFERRED_SIGNED.value): ("转寄后签收", "Transferred and signed"),
    (FinalOutcome, FinalOutcome.RESENT_SIGNED.value): ("补发后签收", "Resent and signed"),
    (FinalOutcome, FinalOutcome.COMPENSATED.value): ("已赔偿", "Compensated"),
    (FinalOutcome, FinalOutcome.PICKED_UP.value): ("已自提", "Picked up"),
    (FinalOutcome, FinalOutcome.TERMS_CHANGED.value): ("条款已变更", "Terms changed"),
    (FinalOutcome, FinalOutcome.WITHDRAWN.value): ("客户撤回", "Withdrawn by customer"),
    (ShipmentScope, ShipmentScope.SAME_CITY.value): ("同城", "Same city"),
    (ShipmentScope, ShipmentScope.DOMESTIC.value): ("国内异地", "Domestic"),
    (ShipmentScope, ShipmentScope.INTERNATIONAL.value): ("国际/港澳台", "International"),
    (LossExtent, LossExtent.TOTAL.value): ("全部损失", "Total loss"),
    (LossExtent, LossExtent.PARTIAL.value): ("部分损失", "Partial loss"),
    (LossExtent, LossExtent.DELAY.value): ("延误", "Delay"),
    (Exemption, Exemption.NONE.value): ("无", "None"),
    (Exemption, Exemption.FORCE_MAJEURE.value): ("不可抗力", "Force majeure"),
    (Exemption, Exemption.GOODS_NATURE.value): ("物品自身性质", "Nature of the goods"),
    (Exemption, Exemption.CUSTOMER_FAULT.value): ("寄件人/收件人过错", "Sender's or recipient's fault"),
    (Role, Role.COURIER.value): ("快递员", "Courier"),
    (Role, Role.CLERK.value): ("客服/问题件专员", "Clerk"),
    (Role, Role.MANAGER.value): ("网点负责人", "Manager"),
    (PhotoSlot, PhotoSlot.EXTERIOR.value): ("外包装", "Exterior packaging"),
    (PhotoSlot, PhotoSlot.CONTENTS.value): ("内件", "Contents"),
    (PhotoSlot, PhotoSlot.LABEL.value): ("面单", "Waybill label"),
    (PhotoSlot, PhotoSlot.SCALE.value): ("称重", "Scale / weight"),
    (PhotoSlot, PhotoSlot.HANDOVER.value): ("签收/交接", "Signature / handover"),
    (PhotoSlot, PhotoSlot.OTHER.value): ("其他", "Other"),
}


def register_labels(cls: type[Labelled], labels: dict[Labelled, tuple[str, str]]) -> None:
    """Give the members of an enumeration declared elsewhere their (zh, en) names."""
    for member, pair in labels.items():
        _LABELS[(cls, member.value)] = pair
