"""CaseService on SQLite and PostgreSQL: every change, its timeline, and its refusals."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from depot_app.db.models import (
    AuditEntry,
    CaseEvent,
    Compensation,
    ContactAttempt,
    DayCounter,
    Parcel,
    ProblemCase,
    Resolution,
)
from depot_app.domain.clock import FixedClock
from depot_app.domain.errors import (
    DuplicateOpenCaseError,
    IllegalTransitionError,
    NotFoundError,
    PermissionDeniedError,
    PhoneNumberError,
    PolicyError,
    StaleEditError,
    TrackingNumberError,
    ValidationError,
)
from depot_app.domain.identifiers import Carrier
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.views import CaseDetail, EventView
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    LossExtent,
    PaymentMethod,
    Priority,
    ReportChannel,
    ResolutionState,
    ResolutionType,
)
from depot_app.services import Services
from depot_app.services.cases import ClaimInput, suggest_for_detail
from tests.conftest import START

D = Decimal
K = ProblemKind
S = CaseStatus

_numbers = itertools.count(1)


def new_tracking() -> str:
    """A fresh, valid SF number per call (SF + 13 digits)."""
    return f"SF{9_000_000_000_000 + next(_numbers)}"


def register(sv: Services, by: int, *, kind: ProblemKind = K.DAMAGED, tracking_no: str | None = None,
             **kwargs: Any) -> CaseDetail:
    return sv.cases.register_case(tracking_no=tracking_no or new_tracking(), kind=kind, by=by, **kwargs)


def rows(sv: Services, model: type) -> int:
    with sv.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def events(detail: CaseDetail, action: str | None = None) -> list[EventView]:
    return [e for e in detail.events if action is None or e.action == action]


def status_event(detail: CaseDetail, before: CaseStatus, after: CaseStatus) -> EventView:
    found = [e for e in detail.events if e.action == "status" and e.before == before.value
             and e.after == after.value]
    assert len(found) == 1, [(e.action, e.before, e.after) for e in detail.events]
    return found[0]


LOST_PARCEL = {"declared_value": "3000", "insured_value": "0", "freight": "20",
               "sender_name": "张三", "sender_phone": "13812345678",
               "recipient_name": "李四", "recipient_phone": "13987654321"}
INSURED_PARCEL = {"declared_value": "1000", "insured_value": "800", "freight": "25",
                  "sender_phone": "13812345678", "recipient_phone": "13987654321"}


# ------------------------------------------------------------------ registration


def test_register_gives_a_case_number_of_the_local_day(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST, tracking_no="sf 9000 0000 0000 1",
                 report_channel=ReportChannel.PHONE, reporter_name=" 张三 ", reporter_contact="13812345678",
                 description=" 客户称未收到 ", parcel=LOST_PARCEL)
    # 02:00 UTC on 20 November is 10:00 the same day in Shanghai.
    assert d.case_no == "SH01-261120-0001"
    assert d.status is S.REGISTERED and d.is_open
    assert d.kind is K.LOST and d.priority is Priority.HIGH  # the kind's default priority
    assert d.report_channel is ReportChannel.PHONE
    assert (d.reporter_name, d.description) == ("张三", "客户称未收到")
    assert d.parcel.tracking_no == "SF9000000000001"
    assert d.parcel.carrier == Carrier.SF.value
    assert d.parcel.declared_value == D("3000.00") and d.parcel.insured_value == D("0.00")
    assert d.parcel.freight == D("20.00")
    assert d.parcel.sender_phone == "138****5678" and d.parcel.phones_masked
    assert d.reported_at == START and d.updated_at == START
    assert d.assignee_id == manager and d.created_by == "网点负责人"
    assert d.version == 1


def test_register_late_evening_utc_is_the_next_day_in_shanghai(services: Services, manager: int,
                                                               clock: FixedClock) -> None:
    assert register(services, manager).case_no == "SH01-261120-0001"
    clock.moment = datetime(2026, 11, 20, 17, 30)  # 01:30 on 21 November in Shanghai
    late = register(services, manager)
    assert late.case_no == "SH01-261121-0001"
    assert late.reported_at == datetime(2026, 11, 20, 17, 30)
    clock.moment = datetime(2026, 11, 20, 15, 59)  # 23:59 on 20 November in Shanghai
    assert register(services, manager).case_no == "SH01-261120-0002"


def test_register_with_a_reported_time_uses_its_local_day(services: Services, manager: int) -> None:
    d = register(services, manager, reported_at=datetime(2026, 11, 18, 16, 5))
    assert d.case_no == "SH01-261119-0001"
    assert d.reported_at == datetime(2026, 11, 18, 16, 5)


def test_sequence_increments(services: Services, manager: int) -> None:
    numbers = [register(services, manager).case_no for _ in range(3)]
    assert numbers == ["SH01-261120-0001", "SH01-261120-0002", "SH01-261120-0003"]
    with services.db.read() as s:
        assert s.get(DayCounter, "SH01-261120").value == 3


def test_second_kind_on_the_same_parcel_reuses_it_and_fills_blanks(services: Services,
                                                                   manager: int) -> None:
    tn = new_tracking()
    first = register(services, manager, kind=K.DAMAGED, tracking_no=tn,
                     parcel={"sender_name": "张三", "freight": "12"})
    second = register(services, manager, kind=K.DELAYED, tracking_no=tn.lower(),
                      parcel={"sender_name": "别人", "recipient_name": "李四", "freight": "99"})
    assert second.parcel.id == first.parcel.id
    assert rows(services, Parcel) == 1
    # Known facts are kept, missing ones filled in.
    assert second.parcel.sender_name == "张三"
    assert second.parcel.freight == D("12.00")
    assert second.parcel.recipient_name == "李四"
    assert second.case_no == "SH01-261120-0002"


def test_same_kind_while_open_is_refused_with_the_open_case_number(services: Services,
                                                                   manager: int) -> None:
    tn = new_tracking()
    first = register(services, manager, kind=K.DAMAGED, tracking_no=tn)
    with pytest.raises(DuplicateOpenCaseError) as info:
        register(services, manager, kind=K.DAMAGED, tracking_no=tn)
    assert info.value.case_no == first.case_no
    assert first.case_no in info.value.en and first.case_no in info.value.zh
    assert rows(services, ProblemCase) == 1
    # The refused attempt drew no number.
    assert register(services, manager).case_no == "SH01-261120-0002"


def test_same_kind_again_after_closing(services: Services, manager: int) -> None:
    tn = new_tracking()
    first = register(services, manager, kind=K.UNREACHABLE, tracking_no=tn)
    services.cases.close_case(case_id=first.id, outcome=FinalOutcome.SIGNED, by=manager)
    again = register(services, manager, kind=K.UNREACHABLE, tracking_no=tn)
    assert again.parcel.id == first.parcel.id and again.id != first.id
    assert again.status is S.REGISTERED


@pytest.mark.parametrize("bad", ["SF12", "SF12345678901234567890123456789012345", "RR123456789CN", "", "顺丰"])
def test_invalid_tracking_number_creates_nothing(services: Services, manager: int, bad: str) -> None:
    with pytest.raises(TrackingNumberError) as info:
        services.cases.register_case(tracking_no=bad, kind=K.LOST, by=manager)
    assert info.value.field == "tracking_no"
    for model in (ProblemCase, Parcel, CaseEvent, DayCounter):
        assert rows(services, model) == 0


def test_tracking_number_too_short_for_the_chosen_carrier(services: Services, manager: int) -> None:
    with pytest.raises(TrackingNumberError):
        services.cases.register_case(tracking_no="SF12345678", kind=K.LOST, by=manager, carrier=Carrier.SF)
    assert rows(services, Parcel) == 0


def test_invalid_phone_creates_nothing(services: Services, manager: int) -> None:
    with pytest.raises(PhoneNumberError) as info:
        register(services, manager, parcel={"recipient_phone": "1391234567"})
    assert info.value.field == "recipient_phone"
    for model in (ProblemCase, Parcel, CaseEvent, DayCounter):
        assert rows(services, model) == 0


def test_unknown_operator_creates_nothing(services: Services, manager: int) -> None:
    with pytest.raises(NotFoundError):
        register(services, manager + 999)
    with pytest.raises(NotFoundError):
        register(services, manager, assignee_id=manager + 999)
    assert rows(services, ProblemCase) == 0 and rows(services, Parcel) == 0


def test_overlong_reporter_is_refused(services: Services, manager: int) -> None:
    with pytest.raises(ValidationError) as info:
        register(services, manager, reporter_name="张" * 65)
    assert info.value.field == "reporter_name"
    assert rows(services, ProblemCase) == 0


@pytest.mark.parametrize(("kind", "priority", "hours"), [
    (K.LOST, None, 84),                     # 168 h × 0.5 (lost is high priority by default)
    (K.DELAYED, None, 48),                  # 48 h × 1
    (K.DELAYED, Priority.URGENT, 12),       # 48 h × 0.25
    (K.UNREACHABLE, Priority.LOW, 72),      # 48 h × 1.5
    (K.COD_CHANGE, None, 72),
    (K.HELD_AT_HUB, None, 12),              # 24 h × 0.5
    (K.SHORT_CONTENTS, Priority.NORMAL, 120),
])
def test_due_time_per_kind_and_priority(services: Services, manager: int, kind: ProblemKind,
                                        priority: Priority | None, hours: int) -> None:
    d = register(services, manager, kind=kind, priority=priority)
    assert d.due_at == START + timedelta(hours=hours)
    assert d.first_response_due_at is None


@pytest.mark.parametrize("kind", [K.SERVICE_COMPLAINT, K.FALSE_SIGN_FOR])
def test_complaints_get_a_first_response_due_time(services: Services, manager: int,
                                                  kind: ProblemKind) -> None:
    d = register(services, manager, kind=kind, priority=Priority.LOW)
    assert d.first_response_due_at == START + timedelta(hours=24)
    assert d.due_at == START + timedelta(hours=72)  # 48 h × 1.5


# ------------------------------------------------------------------ timeline


def test_registration_is_on_the_timeline(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST, tracking_no="SF9100000000001")
    (event,) = d.events
    assert (event.action, event.after, event.operator) == ("registered", d.case_no, "网点负责人")
    assert event.detail == "lost SF9100000000001"
    assert event.at == START


def test_every_change_lands_on_the_timeline(services: Services, manager: int, clerk: int,
                                            clock: FixedClock) -> None:
    d = register(services, clerk, kind=K.LOST, parcel=LOST_PARCEL)
    clock.advance(hours=1)
    d = services.cases.set_status(case_id=d.id, expected_version=d.version, status=S.INVESTIGATING,
                                  by=clerk)
    clock.advance(hours=1)
    d = services.cases.log_contact(case_id=d.id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
                                   outcome=ContactOutcome.REACHED, by=clerk, note=" 寄件人确认价值 ")
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=clerk,
                                         claim=ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("1500")))
    d = services.cases.record_payment(case_id=d.id, method=PaymentMethod.ALIPAY, reference="ALI-1",
                                      paid_on=date(2026, 11, 20), by=manager)
    d = services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=clerk,
                                  satisfaction=4, note="客户满意")
    d = services.cases.reopen_case(case_id=d.id, reason="客户称金额有误", by=manager)
    actions = [e.action for e in d.events]
    assert actions[0] == "registered"
    for action in ("status", "contact", "resolution", "payment", "closed", "reopened", "field"):
        assert action in actions, action
    contact = events(d, "contact")[0]
    assert contact.detail == "sender/phone/reached: 寄件人确认价值"
    assert contact.operator == "李客服"
    assert contact.at == START + timedelta(hours=2)
    assert status_event(d, S.REGISTERED, S.INVESTIGATING).at == START + timedelta(hours=1)
    status_event(d, S.INVESTIGATING, S.RESOLUTION_CHOSEN)
    status_event(d, S.RESOLUTION_CHOSEN, S.IN_PROGRESS)
    status_event(d, S.IN_PROGRESS, S.CLOSED)
    assert status_event(d, S.CLOSED, S.INVESTIGATING).detail == "客户称金额有误"
    (res_event,) = events(d, "resolution")
    assert res_event.after == "compensate" and "60.00" in res_event.detail
    (payment,) = events(d, "payment")
    assert payment.after == "¥60.00" and payment.detail == "alipay ALI-1 2026-11-20"
    assert payment.operator == "网点负责人"
    (closed,) = events(d, "closed")
    assert closed.after == "compensated" and closed.detail == "★4 客户满意"
    (reopened,) = events(d, "reopened")
    assert reopened.detail == "客户称金额有误"
    cleared = {e.field: (e.before, e.after) for e in events(d, "field")}
    assert cleared["final_outcome"] == ("compensated", None)
    assert cleared["satisfaction"] == ("4", None)
    assert cleared["closed_at"][1] is None and cleared["closed_at"][0].startswith("2026-11-20T")
    # Events come back in the order they happened.
    assert [e.id for e in d.events] == sorted(e.id for e in d.events)


def test_approval_is_on_the_timeline(services: Services, manager: int, clerk: int) -> None:
    d = register(services, clerk, kind=K.LOST, parcel=INSURED_PARCEL)
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=clerk,
                                         claim=ClaimInput(loss=LossExtent.TOTAL))
    d = services.cases.decide_approval(case_id=d.id, approve=True, comment="证据齐全", by=manager)
    (approval,) = events(d, "approval")
    assert (approval.field, approval.before, approval.after) == ("compensation.approval", "pending", "approved")
    assert approval.detail == "¥800.00 证据齐全"
    assert approval.operator == "网点负责人"


# ------------------------------------------------------------------ editing


def test_update_parcel_records_before_and_after_with_masked_phones(services: Services,
                                                                   manager: int) -> None:
    d = register(services, manager, parcel={"recipient_phone": "13987654321", "declared_value": "3000",
                                            "recipient_name": "李四"})
    d2 = services.cases.update_parcel(case_id=d.id, expected_version=d.version, by=manager, changes={
        "recipient_phone": "+86 137 0000 1111", "declared_value": "¥3,500", "weight_g": "1.25kg",
        "recipient_name": "李四"})  # unchanged: no event
    assert d2.parcel.recipient_phone == "137****1111"
    assert d2.parcel.declared_value == D("3500.00") and d2.parcel.weight_g == 1250
    changes = {e.field: (e.before, e.after) for e in events(d2, "field")}
    assert changes == {
        "parcel.recipient_phone": ("139****4321", "137****1111"),
        "parcel.declared_value": ("3000.00", "3500.00"),
        "parcel.weight_g": (None, "1250"),
    }
    assert d2.version > d.version  # the change makes other desks' copies stale
    # The full number is stored (and searchable by its tail), only shown masked.
    assert services.cases.reveal_contacts(case_id=d.id, by=manager)["recipient_phone"] == "13700001111"
    with services.db.read() as s:
        assert s.get(Parcel, d.parcel.id).recipient_phone_last4 == "1111"


def test_update_parcel_validates_like_registration(services: Services, manager: int) -> None:
    d = register(services, manager, parcel={"declared_value": "100"})
    with pytest.raises(ValidationError) as info:
        services.cases.update_parcel(case_id=d.id, expected_version=d.version, by=manager,
                                     changes={"insured_value": "200"})
    assert info.value.field == "insured_value"
    with pytest.raises(PhoneNumberError) as info2:
        services.cases.update_parcel(case_id=d.id, expected_version=d.version, by=manager,
                                     changes={"sender_phone": "123"})
    assert info2.value.field == "sender_phone"
    with pytest.raises(ValidationError):
        services.cases.update_parcel(case_id=d.id, expected_version=d.version, by=manager,
                                     changes={"tracking_no": "SF9000000000099"})
    after = services.cases.detail(d.id)
    assert after.version == d.version and after.parcel.insured_value is None
    assert len(after.events) == 1


def test_update_case_records_changes_and_recomputes_the_due_time(services: Services, manager: int,
                                                                 clerk: int) -> None:
    d = register(services, manager, kind=K.DELAYED, reporter_contact="张三")
    d2 = services.cases.update_case(case_id=d.id, expected_version=d.version, by=manager, changes={
        "priority": "urgent", "assignee_id": clerk, "description": " 加急 "})
    assert d2.priority is Priority.URGENT and d2.assignee == "李客服" and d2.description == "加急"
    assert d2.due_at == START + timedelta(hours=12)
    changes = {e.field: (e.before, e.after) for e in events(d2, "field")}
    assert changes["priority"] == ("normal", "urgent")
    assert changes["assignee_id"] == (str(manager), str(clerk))
    assert changes["description"] == ("", "加急")
    assert changes["due_at"] == ("2026-11-22T02:00:00", "2026-11-20T14:00:00")


def test_update_case_masks_a_phone_given_as_reporter_contact(services: Services, manager: int) -> None:
    d = register(services, manager, reporter_contact="13812345678")
    d2 = services.cases.update_case(case_id=d.id, expected_version=d.version, by=manager,
                                    changes={"reporter_contact": "139-8765-4321"})
    (change,) = events(d2, "field")
    assert change.field == "reporter_contact"
    assert (change.before, change.after) == ("138****5678", "139****4321")
    assert d2.reporter_contact == "139-8765-4321"  # stored as given, for calling back
    d3 = services.cases.update_case(case_id=d.id, expected_version=d2.version, by=manager,
                                    changes={"reporter_contact": "微信 zhangsan88"})
    assert events(d3, "field")[-1].after == "微信 zhangsan88"  # not a phone: kept as written


def test_update_case_kind_cannot_make_a_second_open_case_of_that_kind(services: Services,
                                                                      manager: int) -> None:
    tn = new_tracking()
    lost = register(services, manager, kind=K.LOST, tracking_no=tn)
    damaged = register(services, manager, kind=K.DAMAGED, tracking_no=tn)
    with pytest.raises(DuplicateOpenCaseError) as info:
        services.cases.update_case(case_id=damaged.id, expected_version=damaged.version, by=manager,
                                   changes={"kind": "lost"})
    assert info.value.case_no == lost.case_no
    assert services.cases.detail(damaged.id).kind is K.DAMAGED


def test_update_case_refuses_overlong_reporter_fields(services: Services, manager: int) -> None:
    d = register(services, manager)
    for name in ("reporter_name", "reporter_contact"):
        with pytest.raises(ValidationError) as info:
            services.cases.update_case(case_id=d.id, expected_version=d.version, by=manager,
                                       changes={name: "x" * 65})
        assert info.value.field == name
    assert services.cases.detail(d.id).version == d.version


def test_update_case_refuses_fields_that_are_not_editable(services: Services, manager: int) -> None:
    d = register(services, manager)
    with pytest.raises(ValidationError):
        services.cases.update_case(case_id=d.id, expected_version=d.version, by=manager,
                                   changes={"status": "closed"})
    assert services.cases.detail(d.id).status is S.REGISTERED


def test_stale_edit_is_refused_and_writes_nothing(services: Services, manager: int, clerk: int) -> None:
    d = register(services, manager, parcel={"recipient_name": "李四"})
    loaded = services.cases.detail(d.id)  # both desks opened the case at this version
    first = services.cases.update_case(case_id=d.id, expected_version=loaded.version, by=clerk,
                                       changes={"priority": "urgent"})
    assert first.version > loaded.version
    with pytest.raises(StaleEditError) as info:
        services.cases.update_parcel(case_id=d.id, expected_version=loaded.version, by=manager,
                                     changes={"recipient_name": "王五"})
    assert d.case_no in info.value.en and d.case_no in info.value.zh
    with pytest.raises(StaleEditError):
        services.cases.update_case(case_id=d.id, expected_version=loaded.version, by=manager,
                                   changes={"description": "second desk"})
    with pytest.raises(StaleEditError):
        services.cases.set_status(case_id=d.id, expected_version=loaded.version,
                                  status=S.INVESTIGATING, by=manager)
    after = services.cases.detail(d.id)
    assert after.parcel.recipient_name == "李四"
    assert after.description == "" and after.status is S.REGISTERED
    assert after.version == first.version
    assert [(e.action, e.field) for e in after.events] == [(e.action, e.field) for e in first.events]


def test_set_status_refuses_statuses_owned_by_other_actions(services: Services, manager: int) -> None:
    d = register(services, manager)
    for status in (S.CLOSED, S.CANCELLED, S.AWAITING_APPROVAL, S.RESOLUTION_CHOSEN, S.IN_PROGRESS):
        with pytest.raises(ValidationError):
            services.cases.set_status(case_id=d.id, expected_version=None, status=status, by=manager)
    with pytest.raises(IllegalTransitionError):
        services.cases.set_status(case_id=d.id, expected_version=None, status=S.REGISTERED, by=manager)
    assert services.cases.detail(d.id).status is S.REGISTERED


def test_set_status_cannot_reopen_behind_reopen_case(services: Services, manager: int) -> None:
    d = register(services, manager)
    d = services.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=manager, satisfaction=5)
    with pytest.raises(DepotErrorTypes):
        services.cases.set_status(case_id=d.id, expected_version=d.version, status=S.INVESTIGATING,
                                  by=manager, reason="想重新打开")
    after = services.cases.detail(d.id)
    assert after.status is S.CLOSED and after.closed_at is not None
    assert after.final_outcome is FinalOutcome.SIGNED


DepotErrorTypes = (ValidationError, IllegalTransitionError, PolicyError)


# ------------------------------------------------------------------ compensation paths


def test_lost_uninsured_parcel_is_compensated_up_to_three_times_freight(services: Services,
                                                                         manager: int, clerk: int,
                                                                         clock: FixedClock) -> None:
    d = register(services, clerk, kind=K.LOST, parcel=LOST_PARCEL)
    claim = ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("1500"))
    suggestion = services.cases.suggest_compensation(case_id=d.id, claim=claim)
    assert suggestion.amount == D("60.00") and suggestion.basis == "uninsured_capped"
    assert not suggestion.needs_approval
    # The live suggestion of the form (no database read) agrees with the service.
    assert suggest_for_detail(d, claim, services.settings.policy()) == suggestion
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=clerk, claim=claim)
    assert d.status is S.RESOLUTION_CHOSEN
    res = d.current_resolution
    assert res is not None and res.type is ResolutionType.COMPENSATE and res.state is ResolutionState.CHOSEN
    assert res.details["amount"] == "60.00" and res.details["suggested"] == "60.00"
    comp = res.compensation
    assert comp is not None
    assert (comp.suggested_amount, comp.amount, comp.basis) == (D("60.00"), D("60.00"), "uninsured_capped")
    assert comp.approval_state == "not_needed"
    assert "¥60.00" in comp.explanation
    assert res.summary_zh.startswith("赔偿；金额：60.00")
    with pytest.raises(PolicyError):  # not paid yet
        services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=clerk)
    clock.advance(hours=3)
    d = services.cases.record_payment(case_id=d.id, method=PaymentMethod.CASH, reference="",
                                      paid_on=date(2026, 11, 20), by=clerk)
    assert d.status is S.IN_PROGRESS
    assert d.current_resolution is not None and d.current_resolution.state is ResolutionState.IN_PROGRESS
    paid = d.current_resolution.compensation
    assert paid is not None and paid.payment_method is PaymentMethod.CASH
    assert paid.paid_at == datetime(2026, 11, 20, 4, 0)  # noon in Shanghai
    assert paid.paid_by == "李客服"
    d = services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=clerk, satisfaction=5)
    assert d.status is S.CLOSED and not d.is_open
    assert d.closed_at == START + timedelta(hours=3)
    assert d.final_outcome is FinalOutcome.COMPENSATED and d.satisfaction == 5
    assert d.resolutions[-1].state is ResolutionState.DONE
    with services.db.read() as s:
        assert s.get(ProblemCase, d.id).is_open is False


def test_compensation_above_the_threshold_waits_for_a_manager(services: Services, manager: int,
                                                              clerk: int) -> None:
    d = register(services, clerk, kind=K.LOST, parcel=INSURED_PARCEL)
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=clerk,
                                         claim=ClaimInput(loss=LossExtent.TOTAL))
    assert d.status is S.AWAITING_APPROVAL
    res = d.current_resolution
    assert res is not None and res.state is ResolutionState.AWAITING_APPROVAL
    assert res.compensation is not None and res.compensation.amount == D("800.00")
    assert res.compensation.approval_state == "pending" and res.compensation.basis == "insured_total"
    # Nothing moves the money before approval.
    with pytest.raises(PolicyError):
        services.cases.record_payment(case_id=d.id, method=PaymentMethod.CASH, reference="",
                                      paid_on=date(2026, 11, 20), by=manager)
    with pytest.raises(PolicyError):
        services.cases.start_resolution(case_id=d.id, by=clerk)
    with pytest.raises(PolicyError):
        services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=manager)
    with pytest.raises(PermissionDeniedError):  # a clerk cannot approve
        services.cases.decide_approval(case_id=d.id, approve=True, comment="", by=clerk)
    assert services.cases.detail(d.id).status is S.AWAITING_APPROVAL

    d = services.cases.decide_approval(case_id=d.id, approve=True, comment="", by=manager)
    assert d.status is S.RESOLUTION_CHOSEN
    res = d.current_resolution
    assert res is not None and res.state is ResolutionState.APPROVED and res.compensation is not None
    assert res.compensation.approval_state == "approved" and res.compensation.approver == "网点负责人"
    assert res.compensation.approved_at == START
    status_event(d, S.AWAITING_APPROVAL, S.RESOLUTION_CHOSEN)
    with pytest.raises(PolicyError):  # approval is given once
        services.cases.decide_approval(case_id=d.id, approve=True, comment="", by=manager)
    with pytest.raises(PolicyError):  # closing as compensated before payment is refused
        services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=manager)

    # A bank transfer needs its reference; a future date is refused.
    with pytest.raises(ValidationError) as info:
        services.cases.record_payment(case_id=d.id, method=PaymentMethod.BANK, reference="  ",
                                      paid_on=date(2026, 11, 20), by=manager)
    assert info.value.field == "reference"
    with pytest.raises(ValidationError) as info:
        services.cases.record_payment(case_id=d.id, method=PaymentMethod.BANK, reference="ICBC-778",
                                      paid_on=date(2026, 11, 21), by=manager)
    assert info.value.field == "paid_on"
    assert services.cases.detail(d.id).current_resolution.compensation.paid_at is None  # type: ignore[union-attr]

    d = services.cases.record_payment(case_id=d.id, method=PaymentMethod.BANK, reference=" ICBC-778 ",
                                      paid_on=date(2026, 11, 19), payee_account="6222 **** 1234", by=manager)
    comp = d.current_resolution.compensation  # type: ignore[union-attr]
    assert comp is not None and comp.payment_reference == "ICBC-778"
    assert comp.paid_at == datetime(2026, 11, 19, 4, 0) and comp.payee_account == "6222 **** 1234"
    assert d.status is S.IN_PROGRESS
    with pytest.raises(PolicyError):  # paid once
        services.cases.record_payment(case_id=d.id, method=PaymentMethod.CASH, reference="",
                                      paid_on=date(2026, 11, 19), by=manager)
    with pytest.raises(PolicyError):  # paid money cannot be cancelled away
        services.cases.cancel_case(case_id=d.id, reason="录错", by=manager)
    d = services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=manager)
    assert d.status is S.CLOSED and d.final_outcome is FinalOutcome.COMPENSATED


def test_amount_exactly_at_the_threshold_needs_no_approval(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST, parcel={"declared_value": "500", "insured_value": "200",
                                                        "freight": "10"})
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=manager,
                                         claim=ClaimInput(loss=LossExtent.TOTAL))
    assert d.status is S.RESOLUTION_CHOSEN
    assert d.current_resolution.compensation.approval_state == "not_needed"  # type: ignore[union-attr]


def test_rejection_returns_to_investigating_and_needs_a_comment(services: Services, manager: int,
                                                                clerk: int) -> None:
    d = register(services, clerk, kind=K.LOST, parcel=INSURED_PARCEL)
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=clerk,
                                         claim=ClaimInput(loss=LossExtent.TOTAL))
    with pytest.raises(ValidationError) as info:
        services.cases.decide_approval(case_id=d.id, approve=False, comment="  ", by=manager)
    assert info.value.field == "comment"
    assert services.cases.detail(d.id).status is S.AWAITING_APPROVAL
    d = services.cases.decide_approval(case_id=d.id, approve=False, comment="缺购买凭证", by=manager)
    assert d.status is S.INVESTIGATING
    assert d.current_resolution is None
    rejected = d.resolutions[-1]
    assert rejected.state is ResolutionState.REJECTED and rejected.compensation is not None
    assert rejected.compensation.approval_state == "rejected"
    assert rejected.compensation.approval_comment == "缺购买凭证"
    status_event(d, S.AWAITING_APPROVAL, S.INVESTIGATING)
    # A new decision can be made afterwards.
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version, type=ResolutionType.RESEND,
                                         details={"new_tracking_no": "SF9200000000001"}, by=clerk)
    assert d.status is S.RESOLUTION_CHOSEN and len(d.resolutions) == 2


def test_resolution_not_fitting_the_kind_is_refused(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST)
    with pytest.raises(ValidationError) as info:
        services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.REDELIVER,
                                         details={"attempt_date": "2026-11-21"}, by=manager)
    assert info.value.field == "type"
    assert "Compensate" in info.value.en and "赔偿" in info.value.zh
    after = services.cases.detail(d.id)
    assert after.resolutions == [] and after.status is S.REGISTERED


def test_compensation_needs_the_loss_described(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST, parcel=LOST_PARCEL)
    with pytest.raises(ValidationError) as info:
        services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=manager)
    assert info.value.field == "loss"


def test_compensation_above_declared_value_is_refused(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST, parcel=LOST_PARCEL)
    with pytest.raises(ValidationError) as info:
        services.cases.choose_resolution(
            case_id=d.id, expected_version=d.version, type=ResolutionType.COMPENSATE, by=manager,
            details={"amount": "3000.01", "adjust_reason": "重大过失"},
            claim=ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("1500")))
    assert info.value.field == "amount"
    assert "¥3000.01" in info.value.en and "¥3000.00" in info.value.en
    assert rows(services, Resolution) == 0 and rows(services, Compensation) == 0
    # Up to the declared value is fine with a reason (and then needs approval).
    d = services.cases.choose_resolution(
        case_id=d.id, expected_version=d.version, type=ResolutionType.COMPENSATE, by=manager,
        details={"amount": "1500", "adjust_reason": "重大过失，不受运费倍数限制"},
        claim=ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("1500")))
    comp = d.current_resolution.compensation  # type: ignore[union-attr]
    assert comp is not None and (comp.suggested_amount, comp.amount) == (D("60.00"), D("1500.00"))
    assert comp.adjust_reason == "重大过失，不受运费倍数限制"
    assert d.status is S.AWAITING_APPROVAL


def test_changed_amount_without_reason_is_refused(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.LOST, parcel=LOST_PARCEL)
    with pytest.raises(ValidationError) as info:
        services.cases.choose_resolution(
            case_id=d.id, expected_version=d.version, type=ResolutionType.COMPENSATE, by=manager,
            details={"amount": "100"}, claim=ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("1500")))
    assert info.value.field == "adjust_reason"


def test_choosing_again_supersedes_the_previous_resolution(services: Services, manager: int) -> None:
    d = register(services, manager, kind=K.REFUSED)
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version, type=ResolutionType.RETURN,
                                         details={"reason": "收件人拒收"}, by=manager)
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.REDELIVER,
                                         details={"attempt_date": "2026-11-21"}, by=manager)
    assert [r.state for r in d.resolutions] == [ResolutionState.SUPERSEDED, ResolutionState.CHOSEN]
    assert d.current_resolution is not None and d.current_resolution.type is ResolutionType.REDELIVER
    d = services.cases.start_resolution(case_id=d.id, by=manager, note="已安排下午派送")
    assert d.status is S.IN_PROGRESS and events(d, "note")[0].detail == "已安排下午派送"
    d = services.cases.update_resolution(case_id=d.id, details={"new_phone": "13700001111"}, by=manager)
    assert d.current_resolution.details["new_phone"] == "13700001111"  # type: ignore[union-attr]
    d = services.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=manager)
    assert d.status is S.CLOSED


# ------------------------------------------------------------------ close, reopen, cancel


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_satisfaction_outside_one_to_five_is_refused(services: Services, manager: int, rating: int) -> None:
    d = register(services, manager)
    with pytest.raises(ValidationError) as info:
        services.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=manager, satisfaction=rating)
    assert info.value.field == "satisfaction"
    assert services.cases.detail(d.id).status is S.REGISTERED


def test_reopen_needs_a_reason_and_clears_the_closing(services: Services, manager: int,
                                                      clock: FixedClock) -> None:
    d = register(services, manager)
    d = services.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=manager, satisfaction=3)
    assert d.closed_at == START
    clock.advance(hours=5)
    for reason in ("", "   "):
        with pytest.raises(IllegalTransitionError):
            services.cases.reopen_case(case_id=d.id, reason=reason, by=manager)
    assert services.cases.detail(d.id).status is S.CLOSED
    d = services.cases.reopen_case(case_id=d.id, reason=" 客户称未收到 ", by=manager)
    assert d.status is S.INVESTIGATING and d.is_open
    assert d.closed_at is None and d.final_outcome is None and d.satisfaction is None
    assert events(d, "reopened")[0].detail == "客户称未收到"
    with services.db.read() as s:
        assert s.get(ProblemCase, d.id).is_open is True


def test_reopen_refuses_an_open_case(services: Services, manager: int) -> None:
    d = register(services, manager)
    d = services.cases.set_status(case_id=d.id, expected_version=d.version, status=S.VERIFYING, by=manager)
    with pytest.raises((IllegalTransitionError, PolicyError)):
        services.cases.reopen_case(case_id=d.id, reason="误操作", by=manager)
    after = services.cases.detail(d.id)
    assert after.status is S.VERIFYING and events(after, "reopened") == []


def test_reopen_refused_while_another_case_of_the_kind_is_open(services: Services, manager: int) -> None:
    tn = new_tracking()
    first = register(services, manager, kind=K.DAMAGED, tracking_no=tn)
    services.cases.close_case(case_id=first.id, outcome=FinalOutcome.SIGNED, by=manager)
    second = register(services, manager, kind=K.DAMAGED, tracking_no=tn)
    with pytest.raises(DuplicateOpenCaseError) as info:
        services.cases.reopen_case(case_id=first.id, reason="再次破损", by=manager)
    assert info.value.case_no == second.case_no


def test_cancel_requires_a_reason(services: Services, manager: int) -> None:
    d = register(services, manager)
    with pytest.raises(ValidationError) as info:
        services.cases.cancel_case(case_id=d.id, reason="  ", by=manager)
    assert info.value.field == "reason"
    d = services.cases.cancel_case(case_id=d.id, reason="重复登记", by=manager)
    assert d.status is S.CANCELLED and not d.is_open and d.closed_at == START
    assert status_event(d, S.REGISTERED, S.CANCELLED).detail == "重复登记"
    d = services.cases.reopen_case(case_id=d.id, reason="并非重复", by=manager)
    assert d.status is S.INVESTIGATING and d.closed_at is None


def test_contact_on_a_closed_case_is_refused(services: Services, manager: int) -> None:
    d = register(services, manager)
    services.cases.close_case(case_id=d.id, outcome=FinalOutcome.SIGNED, by=manager)
    with pytest.raises(PolicyError) as info:
        services.cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                                   outcome=ContactOutcome.REACHED, by=manager)
    assert d.case_no in info.value.en
    assert rows(services, ContactAttempt) == 0


def test_contact_sets_first_and_last_contact(services: Services, manager: int, clock: FixedClock) -> None:
    d = register(services, manager)
    clock.advance(minutes=10)
    services.cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT, channel=ContactChannel.SMS,
                               outcome=ContactOutcome.NO_ANSWER, by=manager)
    clock.advance(minutes=10)
    d = services.cases.log_contact(case_id=d.id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
                                   outcome=ContactOutcome.REACHED, by=manager)
    assert d.first_contact_at == START + timedelta(minutes=10)
    assert [c.outcome for c in d.contacts] == [ContactOutcome.NO_ANSWER, ContactOutcome.REACHED]
    with services.db.read() as s:
        row = s.get(ProblemCase, d.id)
        assert row.last_contact_at == START + timedelta(minutes=20)
        assert row.last_contact_outcome == "reached"
    with pytest.raises(ValidationError) as info:
        services.cases.log_contact(case_id=d.id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
                                   outcome=ContactOutcome.REACHED, by=manager, note="x" * 2001)
    assert info.value.field == "note"


def test_reveal_contacts_is_recorded(services: Services, manager: int, clerk: int) -> None:
    d = register(services, manager, parcel={"sender_phone": "13812345678", "recipient_phone": "021-61234567"})
    assert d.parcel.recipient_phone == "021-****4567"
    phones = services.cases.reveal_contacts(case_id=d.id, by=clerk)
    assert phones == {"sender_phone": "13812345678", "recipient_phone": "021-61234567"}
    after = services.cases.detail(d.id)
    (revealed,) = events(after, "revealed")
    assert revealed.operator == "李客服" and revealed.field == "phones"
    assert after.parcel.sender_phone == "138****5678"  # the detail stays masked


def test_suggest_sender_after_two_failed_recipient_calls(services: Services, manager: int,
                                                         clock: FixedClock) -> None:
    d = register(services, manager, kind=K.UNREACHABLE)
    assert d.suggest_sender is False
    for outcome in (ContactOutcome.NO_ANSWER, ContactOutcome.SWITCHED_OFF):
        clock.advance(minutes=30)
        d = services.cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT,
                                       channel=ContactChannel.PHONE, outcome=outcome, by=manager)
    assert d.suggest_sender is True
    assert services.cases.detail(d.id).suggest_sender is True
    clock.advance(minutes=30)
    d = services.cases.log_contact(case_id=d.id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
                                   outcome=ContactOutcome.REACHED, by=manager)
    assert d.suggest_sender is False


# ------------------------------------------------------------------ atomicity


def test_failure_mid_registration_leaves_nothing(services: Services, manager: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import depot_app.services.cases as cases_module

    real = cases_module.record_event
    calls: list[str] = []

    def record_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        calls.append(kwargs["action"])
        raise RuntimeError("disk unplugged after the first timeline entry")

    monkeypatch.setattr(cases_module, "record_event", record_then_fail)
    with pytest.raises(RuntimeError):
        register(services, manager, kind=K.LOST, parcel=LOST_PARCEL)
    assert calls == ["registered"]
    for model in (ProblemCase, Parcel, CaseEvent, DayCounter):
        assert rows(services, model) == 0, model
    monkeypatch.undo()
    # The number drawn inside the failed transaction was rolled back with it.
    assert register(services, manager).case_no == "SH01-261120-0001"


def test_failure_mid_change_leaves_the_case_as_it_was(services: Services, manager: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import depot_app.services.cases as cases_module

    d = register(services, manager, kind=K.LOST, parcel=INSURED_PARCEL)
    real = cases_module.record_event
    seen = 0

    def fail_on_second(*args: Any, **kwargs: Any) -> Any:
        nonlocal seen
        seen += 1
        if seen == 2:
            raise RuntimeError("crash between the status change and the resolution entry")
        return real(*args, **kwargs)

    monkeypatch.setattr(cases_module, "record_event", fail_on_second)
    with pytest.raises(RuntimeError):
        services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=manager,
                                         claim=ClaimInput(loss=LossExtent.TOTAL))
    monkeypatch.undo()
    after = services.cases.detail(d.id)
    assert after.status is S.REGISTERED and after.version == d.version
    assert after.resolutions == [] and len(after.events) == 1
    assert rows(services, Compensation) == 0


def test_audit_table_is_untouched_by_case_work(services: Services, manager: int) -> None:
    before = rows(services, AuditEntry)
    register(services, manager)
    assert rows(services, AuditEntry) == before


def test_update_facts_saves_parcel_and_case_fields_together_or_not_at_all(services, manager) -> None:
    from depot_app.domain.errors import ValidationError as _ValidationError

    d = services.cases.register_case(tracking_no="SF5500000000001", kind=ProblemKind.DAMAGED, by=manager,
                                     parcel={"recipient_name": "李四"})
    with pytest.raises(_ValidationError) as err:
        services.cases.update_facts(case_id=d.id, expected_version=d.version, by=manager,
                                    parcel_changes={"recipient_name": "王五"},
                                    case_changes={"reporter_name": "x" * 65})
    assert err.value.field == "reporter_name"
    unchanged = services.cases.detail(d.id)
    assert unchanged.parcel.recipient_name == "李四" and unchanged.version == d.version
    both = services.cases.update_facts(case_id=d.id, expected_version=d.version, by=manager,
                                       parcel_changes={"recipient_name": "王五"},
                                       case_changes={"reporter_name": "张先生"})
    assert both.parcel.recipient_name == "王五" and both.reporter_name == "张先生"
    assert {e.field for e in both.events if e.action == "field"} >= {"parcel.recipient_name", "reporter_name"}
