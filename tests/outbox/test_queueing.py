"""Notices are queued in the transaction of the case change that causes them, by the rules."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from depot_app.db.models import AuditEntry, OutboxMessage, ProblemCase
from depot_app.domain.clock import FixedClock
from depot_app.domain.errors import DuplicateOpenCaseError, PolicyError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.notifications import Channel, MessageState, NoticeEvent
from depot_app.domain.vocabulary import FinalOutcome, LossExtent, PaymentMethod, ResolutionType
from depot_app.services import Services, cases
from depot_app.services.cases import ClaimInput
from depot_app.services.outbox import OutboxFilter
from tests.conftest import START
from tests.services.test_importer import write_xlsx

PARCEL = {"declared_value": "3000", "insured_value": "0", "freight": "20", "sender_name": "张三",
          "sender_phone": "13812345678", "recipient_name": "李四", "recipient_phone": "13987654321"}
_n = iter(range(1, 10_000))


def register(sv: Services, by: int, **kw: Any) -> int:
    kw.setdefault("parcel", PARCEL)
    kind = kw.pop("kind", ProblemKind.LOST)
    return sv.cases.register_case(tracking_no=f"SF{9_100_000_000_000 + next(_n)}", kind=kind, by=by, **kw).id


def messages(sv: Services) -> list[OutboxMessage]:
    with sv.db.read() as s:
        rows = list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        s.expunge_all()  # plain records after the read session ends
        return rows


def test_registering_queues_an_sms_and_an_email_with_the_case(services: Services, clerk: int) -> None:
    services.settings.set(key="depot_phone", value="021-58881234", by=None)
    case_id = register(services, clerk, reporter_contact="lisi@example.com")
    sms, email = messages(services)
    assert (sms.channel, sms.recipient, sms.state, sms.event) == ("sms", "+8613987654321", "pending", "registered")
    assert sms.case_id == case_id and sms.next_attempt_at == START and sms.tries == 0
    assert sms.body.startswith("【上海浦东网点】您尾号") and "SH01-261120-0001" in sms.body
    assert "021-58881234" in sms.body and "9100000000001" not in sms.body  # the tracking number masked
    assert sms.params["tracking_last4"] == sms.body.split("尾号")[1][:4]
    assert set(sms.params) == {"depot_name", "tracking_last4", "kind", "case_no", "due_time", "depot_phone"}
    assert (email.channel, email.recipient) == ("email", "lisi@example.com")
    assert email.subject == "您的快件已登记为问题件 SH01-261120-0001"
    assert len({sms.idempotency_key, email.idempotency_key}) == 2
    (view,) = services.outbox.messages(OutboxFilter(channel=Channel.SMS))
    assert view.to_masked == "139****4321" and view.case_no == "SH01-261120-0001"


def test_a_change_that_fails_leaves_no_message_and_a_failed_message_no_change(
        services: Services, clerk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = register(services, clerk)
    with pytest.raises(DuplicateOpenCaseError):  # refused before anything is written
        services.cases.register_case(tracking_no=services.cases.detail(case_id).parcel.tracking_no,
                                     kind=ProblemKind.LOST, by=clerk)
    assert len(messages(services)) == 1
    real = cases.queue_notices

    def queue_then_break(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(cases, "queue_notices", queue_then_break)
    with pytest.raises(RuntimeError):
        register(services, clerk)
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ProblemCase)) == 1
    assert len(messages(services)) == 1  # neither the case nor its notice


def test_each_step_of_a_compensation_tells_the_right_party(services: Services, clerk: int, manager: int,
                                                           clock: FixedClock) -> None:
    services.settings.set(key="notify_max_per_case_day", value=10, by=None)
    insured = {**PARCEL, "insured_value": "800", "declared_value": "1000"}
    case_id = register(services, clerk, parcel=insured)
    d = services.cases.choose_resolution(case_id=case_id, expected_version=None, type=ResolutionType.COMPENSATE,
                                         details={}, by=clerk, claim=ClaimInput(loss=LossExtent.TOTAL))
    assert [m.event for m in messages(services)] == ["registered"]  # waiting for approval: nothing told
    services.cases.decide_approval(case_id=d.id, approve=True, comment="", by=manager)
    services.cases.record_payment(case_id=d.id, method=PaymentMethod.ALIPAY, reference="ALI-9",
                                  paid_on=date(2026, 11, 20), by=clerk)
    services.cases.close_case(case_id=d.id, outcome=FinalOutcome.COMPENSATED, by=clerk, satisfaction=None)
    got = [(m.event, m.recipient) for m in messages(services)]
    assert got == [("registered", "+8613987654321"), ("compensation_approved", "+8613812345678"),
                   ("compensation_paid", "+8613812345678"), ("closed", "+8613987654321")]
    approved = messages(services)[1]
    assert "¥800.00" in approved.body and approved.params["amount"] == "¥800.00"
    assert "回T退订" in messages(services)[-1].body


def test_resolution_chosen_below_the_threshold_is_told_at_once(services: Services, clerk: int) -> None:
    case_id = register(services, clerk, kind=ProblemKind.OUT_OF_AREA)
    services.cases.choose_resolution(case_id=case_id, expected_version=None, type=ResolutionType.SELF_PICKUP,
                                     details={"outlet": "张江驿站", "pickup_code": "8-2-1034"}, by=clerk)
    chosen = messages(services)[-1]
    assert chosen.event == "resolution_chosen"
    assert "自提" in chosen.body and "8-2-1034" in chosen.body


def test_landlines_get_no_sms_and_opt_outs_no_message(services: Services, clerk: int) -> None:
    register(services, clerk, parcel={**PARCEL, "recipient_phone": "021-62345678"})
    (landline,) = messages(services)
    assert landline.state == "skipped" and landline.last_error.startswith("not a mobile number")
    assert services.outbox.opt_out(address="139 8765 4321", by=clerk, reason="回复 T") == "139****4321"
    register(services, clerk)
    assert messages(services)[-1].state == "skipped"
    assert messages(services)[-1].last_error.startswith("opted out")
    with services.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "opt_out")).one()
        assert "13987654321" not in (entry.after or "") + entry.detail


def test_at_most_n_messages_per_case_and_day(services: Services, clerk: int, clock: FixedClock) -> None:
    services.settings.set(key="notify_max_per_case_day", value=2, by=None)
    case_id = register(services, clerk)  # the first of the day
    services.outbox.send_to_case(case_id=case_id, event=NoticeEvent.REGISTERED, channel=Channel.SMS, by=clerk)
    with pytest.raises(PolicyError) as err:
        services.outbox.send_to_case(case_id=case_id, event=NoticeEvent.REGISTERED, channel=Channel.SMS, by=clerk)
    assert "daily limit" in err.value.en and "上限" in err.value.zh
    clock.advance(hours=16)  # the next depot day (02:00 next morning in Shanghai is still quiet)
    view = services.outbox.send_to_case(case_id=case_id, event=NoticeEvent.REGISTERED, channel=Channel.SMS,
                                        by=clerk)
    assert view.state is MessageState.PENDING


def test_quiet_hours_hold_messages_until_morning_unless_sent_now(services: Services, clerk: int,
                                                                 clock: FixedClock) -> None:
    clock.moment = datetime(2026, 11, 20, 14, 30)  # 22:30 in Shanghai
    case_id = register(services, clerk)
    (held,) = messages(services)
    assert held.next_attempt_at == datetime(2026, 11, 21, 0, 0)  # 08:00 in Shanghai
    preview = services.outbox.preview(case_id=case_id, event=NoticeEvent.REGISTERED, channel=Channel.SMS)
    assert preview.held_until == datetime(2026, 11, 21, 0, 0) and preview.parts == 2 and preview.chars > 70
    assert len(messages(services)) == 1  # a preview writes nothing
    now = services.outbox.send_to_case(case_id=case_id, event=NoticeEvent.REGISTERED, channel=Channel.SMS,
                                       by=clerk, send_now=True)
    assert now.next_attempt_at == clock.moment and now.send_now


def test_clerk_sends_need_an_address(services: Services, clerk: int) -> None:
    case_id = register(services, clerk)
    with pytest.raises(ValidationError) as err:
        services.outbox.send_to_case(case_id=case_id, event=NoticeEvent.REGISTERED, channel=Channel.EMAIL, by=clerk)
    assert "e-mail" in err.value.en and "电子邮件" in err.value.zh


def test_manual_messages_are_ticked_off_by_the_clerk(services: Services, clerk: int, manager: int) -> None:
    services.settings.set(key="notify_channels", value=["manual"], by=None)
    register(services, clerk)
    (manual,) = services.outbox.messages()
    assert manual.channel is Channel.MANUAL and services.outbox.counts().manual == 1
    done = services.outbox.mark_sent_by_hand(message_id=manual.id, by=clerk)
    assert done.state is MessageState.SENT and done.sent_at == START
    with pytest.raises(PolicyError):
        services.outbox.mark_sent_by_hand(message_id=manual.id, by=clerk)
    assert services.outbox.counts().manual == 0


def test_an_imported_list_queues_the_notices_of_its_cases(services: Services, manager: int,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    write_xlsx(path)
    result = services.importer.import_file(path=path, by=manager)
    queued = [m for m in messages(services) if m.event == "registered"]
    assert len(result.created) == 4  # one of them has no phone
    assert sorted(m.recipient for m in queued) == ["+8613700002222", "+8613812345678", "+8613900001111"]
    assert all(m.state == "pending" for m in queued)


def test_secret_settings_are_never_in_the_audit_trail(services: Services, manager: int) -> None:
    services.settings.set(key="sms_access_key_secret", value="s3cr3t-KEY", by=manager)
    services.settings.set(key="sms_access_key_secret", value="another-KEY", by=manager)
    with services.db.read() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.field == "sms_access_key_secret")))
        assert [(e.before, e.after) for e in entries] == [("", "••••"), ("••••", "••••")]
    assert services.settings.get("sms_access_key_secret") == "another-KEY"


def test_unknown_template_placeholders_are_refused_as_a_setting(services: Services, manager: int) -> None:
    templates = services.settings.get("notice_templates")
    templates["registered"]["zh_CN"]["sms"] = "【网点】快件{tracking_no}有问题"
    with pytest.raises(ValidationError):
        services.settings.set(key="notice_templates", value=templates, by=manager)
    templates["registered"]["zh_CN"]["sms"] = "【网点】尾号{tracking_last4}有问题"
    services.settings.set(key="notice_templates", value=templates, by=manager)
    assert services.settings.get("notice_templates")["registered"]["zh_CN"]["sms"].endswith("有问题")
