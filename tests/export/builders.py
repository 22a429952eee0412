"""Cases built through the real services, for the PDF tests and the benchmark."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    LossExtent,
    PaymentMethod,
    ReportChannel,
    ResolutionType,
    ShipmentScope,
)
from depot_app.services import Services
from depot_app.services.cases import ClaimInput

_numbers = itertools.count(1)

SENDER_PHONE = "13812345678"
RECIPIENT_PHONE = "13987654321"
INSURED = Decimal("1200.50")

LOST_PARCEL = {
    "sender_name": "张三", "sender_phone": SENDER_PHONE,
    "sender_address": "浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1203 室",
    "recipient_name": "李四", "recipient_phone": RECIPIENT_PHONE,
    "recipient_address": "上海市浦东新区张江高科技园区碧波路 690 号 3 号楼 502 室",
    "item_description": "羊毛大衣 1 件（深灰色，XL）", "declared_value": "3000", "insured_value": str(INSURED),
    "freight": "25", "cod_amount": "0", "weight_g": 1850, "scope": ShipmentScope.DOMESTIC.value,
}


def new_tracking() -> str:
    """A fresh, valid SF number per call (SF + 13 digits)."""
    return f"SF{8_000_000_000_000 + next(_numbers)}"


def compensated_lost_case(sv: Services, clock: FixedClock, *, clerk: int, manager: int,
                          tracking_no: str | None = None) -> CaseDetail:
    """A lost, insured parcel: contacts, compensation above the threshold, approval, payment, closed ★5."""
    d = sv.cases.register_case(
        tracking_no=tracking_no or new_tracking(), kind=ProblemKind.LOST, by=clerk,
        report_channel=ReportChannel.PHONE, reporter_name="张三", reporter_contact=SENDER_PHONE,
        description="寄件人来电：快件 5 天无物流更新，收件人未收到。派件网点与中转场均查无此件。",
        parcel=LOST_PARCEL)
    clock.advance(hours=1)
    d = sv.cases.set_status(case_id=d.id, expected_version=d.version, status=CaseStatus.INVESTIGATING, by=clerk)
    clock.advance(minutes=20)
    d = sv.cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                             outcome=ContactOutcome.NO_ANSWER, by=clerk, note="上午 10 点拨打，无人接听")
    clock.advance(hours=2)
    d = sv.cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT, channel=ContactChannel.SMS,
                             outcome=ContactOutcome.SWITCHED_OFF, by=clerk, note="已发短信，对方关机")
    clock.advance(hours=1)
    d = sv.cases.log_contact(case_id=d.id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
                             outcome=ContactOutcome.REACHED, by=clerk,
                             note=f"寄件人同意按保价金额赔偿，收款请打 {SENDER_PHONE} 的支付宝")
    clock.advance(minutes=30)
    d = sv.cases.choose_resolution(case_id=d.id, expected_version=d.version, type=ResolutionType.COMPENSATE,
                                   details={}, by=clerk, claim=ClaimInput(loss=LossExtent.TOTAL))
    clock.advance(hours=3)
    d = sv.cases.decide_approval(case_id=d.id, approve=True, comment="证据齐全，同意按保价赔付", by=manager)
    clock.advance(hours=20)
    d = sv.cases.record_payment(case_id=d.id, method=PaymentMethod.BANK, reference="ICBC-20261121-0778",
                                paid_on=date(2026, 11, 21), by=manager, payee_account="6222021234567890123")
    clock.advance(hours=1)
    return sv.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=clerk, satisfaction=5,
                               note="款项已到账，客户确认满意")


def redelivered_case(sv: Services, clock: FixedClock, *, clerk: int) -> CaseDetail:
    """An unreachable recipient, redelivered and signed: no compensation."""
    d = sv.cases.register_case(tracking_no=new_tracking(), kind=ProblemKind.UNREACHABLE, by=clerk,
                               parcel={"recipient_name": "王五", "recipient_phone": "13711112222"})
    clock.advance(hours=1)
    d = sv.cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                             outcome=ContactOutcome.REACHED, by=clerk, note="约定明天上午派送")
    d = sv.cases.choose_resolution(case_id=d.id, expected_version=d.version, type=ResolutionType.REDELIVER,
                                   details={"attempt_date": "2026-11-21"}, by=clerk)
    clock.advance(hours=20)
    return sv.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=clerk, satisfaction=4)
