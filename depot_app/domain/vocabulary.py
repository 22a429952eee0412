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
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        return _LABELS[self][1]

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


_LABELS: dict[Labelled, tuple[str, str]] = {
    CaseStatus.REGISTERED: ("已登记", "Registered"),
    CaseStatus.VERIFYING: ("核实中", "Verifying"),
    CaseStatus.INVESTIGATING: ("调查中", "Investigating"),
    CaseStatus.AWAITING_CUSTOMER: ("待客户答复", "Awaiting customer"),
    CaseStatus.RESOLUTION_CHOSEN: ("已定方案", "Resolution chosen"),
    CaseStatus.AWAITING_APPROVAL: ("待审批", "Awaiting approval"),
    CaseStatus.IN_PROGRESS: ("处理中", "In progress"),
    CaseStatus.CLOSED: ("已结案", "Closed"),
    CaseStatus.CANCELLED: ("已撤销", "Cancelled"),
    Priority.LOW: ("低", "Low"),
    Priority.NORMAL: ("普通", "Normal"),
    Priority.HIGH: ("高", "High"),
    Priority.URGENT: ("紧急", "Urgent"),
    ReportChannel.COURIER: ("快递员", "Courier"),
    ReportChannel.COUNTER: ("柜台", "Counter"),
    ReportChannel.PHONE: ("电话", "Phone"),
    ReportChannel.ONLINE: ("网络/App", "Online / app"),
    ReportChannel.EMAIL: ("电子邮件", "E-mail"),
    ResolutionType.REDELIVER: ("重新派送", "Redeliver"),
    ResolutionType.RESEND: ("补发", "Resend"),
    ResolutionType.RETURN: ("退回寄件人", "Return to sender"),
    ResolutionType.COMPENSATE: ("赔偿", "Compensate"),
    ResolutionType.TRANSFER: ("转同行/转EMS", "Transfer to another carrier"),
    ResolutionType.SELF_PICKUP: ("客户自提", "Self-pickup"),
    ResolutionType.CHANGE_TERMS: ("变更货款/运费", "Change COD/freight terms"),
    ResolutionState.CHOSEN: ("已选定", "Chosen"),
    ResolutionState.AWAITING_APPROVAL: ("待审批", "Awaiting approval"),
    ResolutionState.APPROVED: ("已批准", "Approved"),
    ResolutionState.REJECTED: ("已驳回", "Rejected"),
    ResolutionState.IN_PROGRESS: ("执行中", "In progress"),
    ResolutionState.DONE: ("已完成", "Done"),
    ResolutionState.SUPERSEDED: ("已替换", "Superseded"),
    ContactParty.SENDER: ("寄件人", "Sender"),
    ContactParty.RECIPIENT: ("收件人", "Recipient"),
    ContactParty.OUTLET: ("派件网点", "Delivering outlet"),
    ContactParty.HUB: ("中转场", "Hub"),
    ContactParty.OTHER: ("其他", "Other"),
    ContactChannel.PHONE: ("电话", "Phone"),
    ContactChannel.SMS: ("短信", "SMS"),
    ContactChannel.WECHAT: ("微信", "WeChat"),
    ContactChannel.EMAIL: ("电子邮件", "E-mail"),
    ContactChannel.VISIT: ("上门", "Visit"),
    ContactOutcome.REACHED: ("已联系上", "Reached"),
    ContactOutcome.NO_ANSWER: ("无人接听", "No answer"),
    ContactOutcome.SWITCHED_OFF: ("关机", "Switched off"),
    ContactOutcome.WRONG_NUMBER: ("空号/错号", "Empty or wrong number"),
    ContactOutcome.REFUSED: ("拒绝沟通", "Refused to talk"),
    ContactOutcome.LEFT_MESSAGE: ("已留言", "Left a message"),
    PaymentMethod.BANK: ("银行转账", "Bank transfer"),
    PaymentMethod.ALIPAY: ("支付宝", "Alipay"),
    PaymentMethod.WECHAT: ("微信支付", "WeChat Pay"),
    PaymentMethod.CASH: ("现金", "Cash"),
    FinalOutcome.SIGNED: ("已签收", "Signed for"),
    FinalOutcome.RETURNED: ("已退回", "Returned to sender"),
    FinalOutcome.TRANSFERRED_SIGNED: ("转寄后签收", "Transferred and signed"),
    FinalOutcome.RESENT_SIGNED: ("补发后签收", "Resent and signed"),
    FinalOutcome.COMPENSATED: ("已赔偿", "Compensated"),
    FinalOutcome.PICKED_UP: ("已自提", "Picked up"),
    FinalOutcome.TERMS_CHANGED: ("条款已变更", "Terms changed"),
    FinalOutcome.WITHDRAWN: ("客户撤回", "Withdrawn by customer"),
    ShipmentScope.SAME_CITY: ("同城", "Same city"),
    ShipmentScope.DOMESTIC: ("国内异地", "Domestic"),
    ShipmentScope.INTERNATIONAL: ("国际/港澳台", "International"),
    LossExtent.TOTAL: ("全部损失", "Total loss"),
    LossExtent.PARTIAL: ("部分损失", "Partial loss"),
    LossExtent.DELAY: ("延误", "Delay"),
    Exemption.NONE: ("无", "None"),
    Exemption.FORCE_MAJEURE: ("不可抗力", "Force majeure"),
    Exemption.GOODS_NATURE: ("物品自身性质", "Nature of the goods"),
    Exemption.CUSTOMER_FAULT: ("寄件人/收件人过错", "Sender's or recipient's fault"),
    Role.COURIER: ("快递员", "Courier"),
    Role.CLERK: ("客服/问题件专员", "Clerk"),
    Role.MANAGER: ("网点负责人", "Manager"),
}
