"""The sender on SQLite and PostgreSQL against the local SMS gateway, mail server and webhook."""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from depot_app.db.models import OutboxMessage
from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services
from depot_app.services.outbox_sender import OutboxSender
from tests.conftest import START
from tests.outbox.servers import MailServer, SmsGateway, WebhookReceiver, free_port

PARCEL = {"sender_phone": "13812345678", "recipient_phone": "13987654321"}
_n = iter(range(1, 100_000))


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    gw = SmsGateway().start()
    yield gw
    gw.stop()


def point_at(sv: Services, gw: SmsGateway, **more: object) -> None:
    sv.settings.set_many(values={
        "notify_channels": ["sms"], "sms_endpoint": gw.url, "sms_access_key_id": gw.key_id,
        "sms_access_key_secret": gw.secret, "sms_sign_name": "浦东网点",
        "sms_template_codes": {"registered": "SMS_1", "closed": "SMS_5"}, **more}, by=None)


def register(sv: Services, by: int, **kw: object) -> int:
    return sv.cases.register_case(tracking_no=f"SF{9_200_000_000_000 + next(_n)}", kind=ProblemKind.DAMAGED,
                                  by=by, parcel=PARCEL, **kw).id  # type: ignore[arg-type]


def states(sv: Services) -> Counter[str]:
    with sv.db.read() as s:
        q = select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        return Counter({str(row[0]): int(row[1]) for row in s.execute(q)})


def sender(sv: Services, **kw: object) -> OutboxSender:
    return OutboxSender(sv.db, sv.clock, timeout=0.5, rng=random.Random(3), **kw)  # type: ignore[arg-type]


def test_due_messages_go_out_once_over_sms_email_and_webhook(services: Services, clerk: int,
                                                            gateway: SmsGateway, tmp_path: Path) -> None:
    mail = MailServer(tmp_path, security="starttls").start()
    hook = WebhookReceiver().start()
    try:
        point_at(services, gateway, notify_channels=["sms", "email", "webhook"], smtp_host="127.0.0.1",
                 smtp_port=mail.port, smtp_user="desk", smtp_password="mail-pw", smtp_from="desk@depot.example",
                 smtp_ca_file=str(mail.cert), webhook_url=hook.url, webhook_secret=hook.secret)
        register(services, clerk, reporter_contact="lisi@example.com")
        report = sender(services).deliver_once()
        assert (report.sent, report.failed, report.retrying) == (3, 0, 0)
        keys = {m.channel.value: m.idempotency_key for m in services.outbox.messages()}
        assert [r.out_id for r in gateway.received] == [keys["sms"]]
        assert gateway.received[0].phone == "13987654321" and gateway.rejected == []
        assert mail.messages[0][1]["Message-ID"] == f"<{keys['email']}@depot-desk>"
        assert hook.received[0]["_key"] == keys["webhook"] and hook.bad == 0
        assert states(services) == Counter(sent=3)
        assert all(m.sent_at == START and m.tries == 1 for m in services.outbox.messages())
        assert sender(services).deliver_once().attempted == 0  # nothing is sent twice
    finally:
        mail.stop()
        hook.stop()


def test_throttling_backs_off_exponentially_then_fails_with_the_reason(services: Services, clerk: int,
                                                                      gateway: SmsGateway, clock: FixedClock) -> None:
    point_at(services, gateway, outbox_max_tries=4, outbox_backoff_seconds=60)
    register(services, clerk)
    gateway.mode = "throttled"
    waits = []
    for tries in range(1, 4):
        assert sender(services).deliver_once().retrying == 1
        (m,) = services.outbox.messages()
        waits.append((m.next_attempt_at - clock.moment).total_seconds())
        assert m.tries == tries and m.last_error.startswith("isv.BUSINESS_LIMIT_CONTROL")
        assert sender(services).deliver_once().attempted == 0  # not due yet
        clock.moment = m.next_attempt_at
    assert 30 <= waits[0] <= 60 and 60 <= waits[1] <= 120 and 120 <= waits[2] <= 240
    assert services.outbox.counts().failing == 1
    assert sender(services).deliver_once().failed == 1
    (m,) = services.outbox.messages()
    assert m.state.value == "failed" and m.last_error.startswith("gave up after 4 tries: isv.BUSINESS_LIMIT")
    # A manager's "retry now" gives it new tries; the gateway is fine again.
    gateway.mode = "ok"
    services.outbox.retry_now(message_id=m.id, by=services.operators.ensure_first().id)
    assert sender(services).deliver_once().sent == 1
    assert Counter(r.out_id for r in gateway.received) == Counter({m.idempotency_key: 5})


def test_an_invalid_number_fails_at_once(services: Services, clerk: int, gateway: SmsGateway) -> None:
    point_at(services, gateway)
    register(services, clerk)
    gateway.mode = "invalid"
    assert sender(services).deliver_once().failed == 1
    (m,) = services.outbox.messages()
    assert (m.state.value, m.tries) == ("failed", 1) and m.last_error.startswith("isv.MOBILE_NUMBER_ILLEGAL")


def test_an_unreachable_gateway_shows_offline_and_the_message_waits(services: Services, clerk: int,
                                                                   gateway: SmsGateway) -> None:
    point_at(services, gateway, sms_endpoint=f"http://127.0.0.1:{free_port()}/")
    register(services, clerk)
    report = sender(services).deliver_once()
    assert report.offline == ["sms"] and report.retrying == 1
    counts = services.outbox.counts()
    assert counts.offline and counts.waiting == 1 and counts.failing == 1


def test_quiet_hours_at_send_time_hold_the_message_until_morning(services: Services, clerk: int,
                                                                gateway: SmsGateway, clock: FixedClock) -> None:
    point_at(services, gateway)
    register(services, clerk)
    clock.moment = datetime(2026, 11, 20, 13, 30)  # 21:30 in Shanghai
    assert sender(services).deliver_once().held == 1
    (m,) = services.outbox.messages()
    assert m.state.value == "pending" and m.tries == 0 and m.next_attempt_at == datetime(2026, 11, 21, 0, 0)
    assert gateway.received == []


def test_two_senders_at_once_send_each_message_exactly_once(services: Services, clerk: int,
                                                           gateway: SmsGateway) -> None:
    point_at(services, gateway)
    add_messages(services, 120)
    reports = []

    def run() -> None:
        reports.append(sender(services, batch=5).deliver_once())

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sum(r.sent for r in reports) == 120
    assert all(r.sent > 0 for r in reports), [r.sent for r in reports]  # both desks did work
    assert max(gateway.delivered().values()) == 1 and len(gateway.delivered()) == 120
    assert states(services) == Counter(sent=120)


def add_messages(sv: Services, count: int) -> list[str]:
    keys = [uuid.uuid4().hex for _ in range(count)]
    with sv.db.write() as s:
        s.execute(insert(OutboxMessage), [dict(
            idempotency_key=key, case_id=None, event="registered", channel="sms",
            recipient=f"+86139{i:08d}", party="recipient", language="zh_CN", subject="", body="【浦东网点】测试",
            params={"case_no": f"C{i}"}, state="pending", tries=0, max_tries=6, send_now=False,
            created_at=START, next_attempt_at=START, last_outcome="", last_error="", provider_ref="")
            for i, key in enumerate(keys)])
    return keys


def test_a_thousand_messages_with_random_failures_none_lost_none_twice(services: Services, clerk: int,
                                                                      gateway: SmsGateway, clock: FixedClock) -> None:
    point_at(services, gateway, outbox_max_tries=6, outbox_backoff_seconds=30)
    gateway.mode = "random"
    gateway.failure_rate, gateway.timeout_share, gateway.stall_seconds = 0.3, 0.01, 0.8
    keys = add_messages(services, 1000)
    for _round in range(20):
        sender(services, batch=50).deliver_once()
        if not (states(services)["pending"] or states(services)["sending"]):
            break
        clock.advance(hours=7)  # past the longest backoff
    with services.db.read() as s:
        final = dict(s.execute(select(OutboxMessage.idempotency_key, OutboxMessage.state)).all())
    assert sorted(final) == sorted(keys)  # 0 lost
    assert set(final.values()) <= {"sent", "failed"}
    sent = {k for k, state in final.items() if state == "sent"}
    answered_ok = Counter(r.out_id for r in gateway.received if r.code == "OK" and r.on_time)
    # 0 duplicates: no message went out again after the desk heard "OK", and what it marked sent it heard.
    assert max(answered_ok.values()) == 1
    assert set(answered_ok) == sent
    failed = set(final) - sent
    assert all(r.code != "OK" or not r.on_time for r in gateway.received if r.out_id in failed)
    assert len(sent) > 800 and len(failed) > 0  # about one failure in ten is an invalid number: given up at once
    print(f"1,000 messages: {len(sent)} sent, {len(failed)} failed, {len(gateway.received)} requests")
