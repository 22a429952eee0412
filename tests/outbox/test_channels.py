"""Each channel against its local server on 127.0.0.1: what is sent, and what each answer means."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from depot_app.domain.notifications import Outcome
from depot_app.services.channels import (
    AliyunSmsChannel,
    Outgoing,
    SmtpChannel,
    WebhookChannel,
    canonical_query,
    percent_encode,
    rpc_signature,
)
from tests.outbox.servers import MailServer, SmsGateway, WebhookReceiver, free_port


def message(recipient: str = "+8613987654321", key: str = "k-0001", **kw: str) -> Outgoing:
    return Outgoing(id=1, key=key, channel=kw.get("channel", "sms"), event="registered", case_no="SH01-261120-0001",
                    recipient=recipient, language="zh_CN", subject="问题件 SH01-261120-0001",
                    body="【浦东网点】您尾号0001的快件已登记为问题件", params={"case_no": "SH01-261120-0001",
                                                                "kind": "破损 & 污染*~"})


def test_signature_matches_the_documented_example() -> None:
    # The worked example of Alibaba Cloud's RPC signature documentation (DescribeRegions, secret "testsecret").
    params = {"TimeStamp": "2016-02-23T12:46:24Z", "Format": "XML", "AccessKeyId": "testid",
              "Action": "DescribeRegions", "SignatureMethod": "HMAC-SHA1",
              "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "Version": "2014-05-26",
              "SignatureVersion": "1.0"}
    assert rpc_signature(params, "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


def test_percent_encoding_follows_rfc_3986() -> None:
    assert percent_encode("a b*c~d/é") == "a%20b%2Ac~d%2F%C3%A9"
    assert canonical_query({"b": "2", "a": "1 +"}) == "a=1%20%2B&b=2"


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    gw = SmsGateway().start()
    yield gw
    gw.stop()


def sms(gw: SmsGateway, **kw: object) -> AliyunSmsChannel:
    args: dict[str, object] = dict(endpoint=gw.url, access_key_id=gw.key_id, access_key_secret=gw.secret,
                                   sign_name="浦东网点", template_codes={"registered": "SMS_100001"}, timeout=0.5)
    args.update(kw)
    return AliyunSmsChannel(**args)  # type: ignore[arg-type]


def test_sms_ok_carries_the_key_as_out_id_and_the_facts(gateway: SmsGateway) -> None:
    attempt = sms(gateway).send(message())
    assert attempt.outcome is Outcome.SENT and attempt.provider_ref == "biz-k-0001"
    (got,) = gateway.received
    assert (got.out_id, got.phone) == ("k-0001", "13987654321")
    assert got.template_param == {"case_no": "SH01-261120-0001", "kind": "破损 & 污染*~"}
    assert gateway.rejected == []


@pytest.mark.parametrize("mode, outcome, detail", [
    ("throttled", Outcome.RETRY, "isv.BUSINESS_LIMIT_CONTROL"),
    ("invalid", Outcome.GIVE_UP, "isv.MOBILE_NUMBER_ILLEGAL"),
    ("http500", Outcome.RETRY, "HTTP 500"),
    ("timeout", Outcome.RETRY, "no answer in time"),
])
def test_sms_answers_map_to_retry_or_give_up(gateway: SmsGateway, mode: str, outcome: Outcome,
                                             detail: str) -> None:
    gateway.mode = mode
    attempt = sms(gateway).send(message())
    assert attempt.outcome is outcome and detail in attempt.detail


def test_a_wrong_secret_is_refused_by_the_gateway_and_never_shown(gateway: SmsGateway) -> None:
    attempt = sms(gateway, access_key_secret="not-the-secret").send(message())
    assert attempt.outcome is Outcome.RETRY and attempt.detail.startswith("SignatureDoesNotMatch")
    assert "not-the-secret" not in attempt.detail and "not-the-secret" not in repr(sms(gateway))
    assert gateway.received == [] and gateway.rejected == ["SignatureDoesNotMatch: signature"]


def test_sms_unset_or_unreachable(gateway: SmsGateway) -> None:
    assert sms(gateway, access_key_id="").send(message()).outcome is Outcome.RETRY
    assert "template code" in sms(gateway, template_codes={}).send(message()).detail
    down = sms(gateway, endpoint=f"http://127.0.0.1:{free_port()}/").send(message())
    assert down.outcome is Outcome.OFFLINE and "unreachable" in down.detail


def test_webhook_is_signed_and_keyed() -> None:
    receiver = WebhookReceiver().start()
    try:
        attempt = WebhookChannel(url=receiver.url, secret=receiver.secret).send(message(channel="webhook"))
        assert attempt.outcome is Outcome.SENT
        (got,) = receiver.received
        assert got["_key"] == "k-0001" and got["event"] == "registered" and got["text"].startswith("【浦东网点】")
        wrong = WebhookChannel(url=receiver.url, secret="wrong").send(message(channel="webhook"))
        assert wrong.outcome is Outcome.GIVE_UP and "401" in wrong.detail and receiver.bad == 1
        receiver.status = 503
        assert WebhookChannel(url=receiver.url, secret=receiver.secret).send(message()).outcome is Outcome.RETRY
    finally:
        receiver.stop()


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_email_over_tls_with_a_login(tmp_path: Path, security: str) -> None:
    server = MailServer(tmp_path, security=security).start()
    try:
        channel = SmtpChannel(host="127.0.0.1", port=server.port, security=security, user="desk",
                              password="mail-pw", sender="desk@depot.example", ca_file=str(server.cert), timeout=5)
        assert channel.send(message("lisi@example.com", channel="email")).outcome is Outcome.SENT
        ((rcpts, mail),) = server.messages
        assert rcpts == ["lisi@example.com"] and mail["Message-ID"] == "<k-0001@depot-desk>"
        assert mail["Subject"] == "问题件 SH01-261120-0001" and "已登记为问题件" in mail.get_content()
        refused = channel.send(message("nobody@invalid.example", channel="email"))
        assert refused.outcome is Outcome.GIVE_UP and "550" in refused.detail
        bad_login = SmtpChannel(host="127.0.0.1", port=server.port, security=security, user="desk",
                                password="guess", sender="desk@depot.example", ca_file=str(server.cert), timeout=5)
        attempt = bad_login.send(message("lisi@example.com", channel="email"))
        assert attempt.outcome is Outcome.RETRY and "login" in attempt.detail and "guess" not in attempt.detail
        untrusted = SmtpChannel(host="127.0.0.1", port=server.port, security=security, user="desk",
                                password="mail-pw", sender="desk@depot.example", timeout=5)
        assert untrusted.send(message("lisi@example.com", channel="email")).outcome is Outcome.RETRY
        assert len(server.messages) == 1  # nothing went out over an unverified connection
    finally:
        server.stop()
