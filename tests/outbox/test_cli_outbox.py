"""`depot-app outbox` and `depot-app settings` as a scheduled task runs them, and a sender killed mid-send."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services
from tests.outbox.servers import MailServer, SmsGateway

ROOT = Path(__file__).resolve().parents[2]


def depot(db_url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEPOT_DB_URL": db_url, "DEPOT_DATA_DIR": str(Path(os.environ.get("TMPDIR", "/tmp")))}
    return subprocess.run([sys.executable, "-m", "depot_app", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, input=stdin, timeout=120)


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    gw = SmsGateway().start()
    yield gw
    gw.stop()


def configure(sv: Services, gw: SmsGateway) -> None:
    """The gateway's settings written directly (the settings commands have their own test)."""
    sv.settings.set_many(values={
        "notify_channels": ["sms", "email"], "sms_endpoint": gw.url, "sms_access_key_id": gw.key_id,
        "sms_sign_name": "浦东网点", "sms_template_codes": {"registered": "SMS_100001"}, "quiet_hours": "off",
        "outbox_claim_seconds": 1, "sms_access_key_secret": gw.secret}, by=None)


def configure_by_command(db_url: str, gw: SmsGateway) -> None:
    for key, value in (("notify_channels", '["sms","email"]'), ("sms_endpoint", gw.url),
                       ("sms_access_key_id", gw.key_id), ("sms_sign_name", "浦东网点"),
                       ("sms_template_codes", '{"registered": "SMS_100001"}'), ("quiet_hours", "off"),
                       ("outbox_claim_seconds", "1")):
        done = depot(db_url, "settings", "set", key, value)
        assert done.returncode == 0, done.stderr
    secret = depot(db_url, "settings", "set", "sms_access_key_secret", "--value-stdin", stdin=gw.secret + "\n")
    assert secret.returncode == 0 and gw.secret not in secret.stdout + secret.stderr


def test_settings_commands_check_values_and_hide_secrets(services: Services, db_url: str,
                                                        gateway: SmsGateway) -> None:
    configure_by_command(db_url, gateway)
    listing = depot(db_url, "settings", "list").stdout
    assert "sms_access_key_secret = •••• (set)" in listing and gateway.secret not in listing
    assert "webhook_secret = (not set)" in listing and "quiet_hours = off" in listing
    assert depot(db_url, "settings", "get", "sms_template_codes").stdout.strip() == '{"registered": "SMS_100001"}'
    assert depot(db_url, "settings", "get", "sms_access_key_secret").stdout.strip() == "•••• (set)"
    bad = depot(db_url, "settings", "set", "quiet_hours", "late")
    assert bad.returncode == 2 and "21:00-08:00" in bad.stderr and "免打扰" in bad.stderr
    assert depot(db_url, "settings", "set", "no_such_key", "1").returncode == 2
    assert depot(db_url, "settings", "set", "smtp_port", "99999").returncode == 2
    assert depot(db_url, "settings", "get", "smtp_port").stdout.strip() == "587"
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "logs"
    for file in log.glob("*.log*") if log.exists() else []:
        assert gateway.secret not in file.read_text(errors="replace")


def test_an_imported_case_is_told_by_outbox_deliver_once(services: Services, db_url: str, manager: int,
                                                         gateway: SmsGateway, tmp_path: Path) -> None:
    mail = MailServer(tmp_path, security="starttls").start()
    try:
        configure(services, gateway)
        services.settings.set_many(values={
            "smtp_host": "127.0.0.1", "smtp_port": mail.port, "smtp_user": "desk", "smtp_password": "mail-pw",
            "smtp_from": "desk@depot.example", "smtp_ca_file": str(mail.cert)}, by=None)
        sheet = tmp_path / "list.csv"
        sheet.write_text("运单号,异常原因,收件人电话,反馈人联系方式\nSF9500000000001,破损,13987654321,lisi@example.com\n",
                         encoding="utf-8")
        imported = depot(db_url, "import", str(sheet))
        assert imported.returncode == 0, imported.stderr
        queued = json.loads(depot(db_url, "outbox", "list", "--json").stdout)
        assert sorted((m["channel"], m["to"], m["state"]) for m in queued) == [
            ("email", "l***@example.com", "pending"), ("sms", "139****4321", "pending")]
        sent = depot(db_url, "outbox", "deliver", "--once")
        assert sent.returncode == 0 and sent.stdout.startswith(f"{len(queued)} sent"), sent.stdout + sent.stderr
        assert [r.phone for r in gateway.received] == ["13987654321"] and gateway.rejected == []
        assert gateway.received[0].template_param["tracking_last4"] == "0001"
        after = json.loads(depot(db_url, "outbox", "list", "--json").stdout)
        assert {m["state"] for m in after} == {"sent"}
        ((rcpts, message),) = mail.messages
        assert rcpts == ["lisi@example.com"] and "SF9500000000001" not in message.get_content()
    finally:
        mail.stop()


def test_a_sender_killed_between_sent_and_marked_sent_resends_with_the_same_key(
        services: Services, db_url: str, manager: int, gateway: SmsGateway) -> None:
    configure(services, gateway)
    services.cases.register_case(tracking_no="SF9500000000002", kind=ProblemKind.LOST, by=manager,
                                 parcel={"recipient_phone": "13987654321"})
    ((key, state),) = [(m.idempotency_key, m.state.value) for m in services.outbox.messages()]
    assert state == "pending"
    gateway.hold.set()  # the gateway sends the SMS, then holds its answer
    env = {**os.environ, "DEPOT_DB_URL": db_url}
    proc = subprocess.Popen([sys.executable, "-m", "depot_app", "outbox", "deliver", "--once"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert gateway.holding.wait(60), "the sender never reached the gateway"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    (m,) = services.outbox.messages()
    assert (m.state.value, m.tries, m.sent_at) == ("sending", 1, None)  # sent, but never marked sent
    gateway.hold.clear()
    gateway.release.set()
    time.sleep(1.2)  # the dead sender's claim runs out
    rerun = depot(db_url, "outbox", "deliver", "--once")
    assert rerun.returncode == 0 and rerun.stdout.startswith("1 sent"), rerun.stdout + rerun.stderr
    (m,) = services.outbox.messages()
    assert m.state.value == "sent" and m.tries == 2
    assert [r.out_id for r in gateway.received] == [key, key]  # resent under the same key, not lost


def test_opt_out_import_reads_the_gateways_reply_export(services: Services, db_url: str, manager: int,
                                                        tmp_path: Path) -> None:
    from depot_app.domain.notifications import MessageState

    services.cases.register_case(tracking_no="SF9400000000001", kind=ProblemKind.LOST, by=manager,
                                 parcel={"declared_value": "100", "insured_value": "0", "freight": "10",
                                         "recipient_phone": "13987654321"})
    export = tmp_path / "upstream.csv"
    export.write_text("PhoneNumber,Content,SendTime\n+86 139 8765 4321, td ,2026-11-20\n"
                      "13812345678,谢谢,2026-11-20\n", encoding="utf-8")
    done = depot(db_url, "outbox", "opt-out", "import", str(export))
    assert done.returncode == 0, done.stderr
    assert "opted out: 139****4321" in done.stdout and "2 replies read, 1 phones opted out" in done.stdout
    listed = depot(db_url, "outbox", "opt-out", "list")
    assert "139****4321" in listed.stdout and "13987654321" not in listed.stdout
    assert {m.state for m in services.outbox.messages()} == {MessageState.SKIPPED}
