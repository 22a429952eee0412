"""The sender: claims due outbox messages, delivers them, records what happened.

Three short transactions per batch, never one around the network:

1. **claim** — due messages (pending and due, or a ``sending`` claim that has
   run out) are locked (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so each
   message is claimed by exactly one desk; SQLite's single writer lock does
   the same), marked ``sending`` with a claim deadline, and their try counted;
2. **deliver** — each message goes out with its idempotency key;
3. **record** — sent, failed with the reason, or back to pending with an
   exponential backoff with jitter.

A sender killed between 2 and 3 leaves the message ``sending``; when its claim
runs out the next round sends it again with the same key, so a message is
never lost, and the other side can tell a resend by the key.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from depot_app.db.engine import Database
from depot_app.db.models import OutboxMessage, PhoneOptOut, ProblemCase
from depot_app.domain.clock import Clock, to_local, to_utc
from depot_app.domain.notifications import Attempt, Channel, MessageState, Outcome, QuietHours, retry_delay
from depot_app.services.channels import (
    AliyunSmsChannel,
    Deliverer,
    Outgoing,
    SmtpChannel,
    WebhookChannel,
)
from depot_app.services.outbox import opt_out_key
from depot_app.services.settings import read_setting

log = logging.getLogger(__name__)


@dataclass
class DeliveryReport:
    """What one run of the sender did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    held: int = 0
    offline: list[str] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed

    def line(self) -> str:
        text = (f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed, "
                f"{self.skipped} not sent by rule, {self.held} held for quiet hours")
        if self.offline:
            text += f"; offline: {', '.join(sorted(set(self.offline)))}"
        return text


def channels_from_settings(s: Session, *, timeout: float = 15.0) -> dict[Channel, Deliverer]:
    """The channels as the depot's settings describe them (secrets read here, never logged)."""
    return {
        Channel.EMAIL: SmtpChannel(
            host=str(read_setting(s, "smtp_host")), port=int(read_setting(s, "smtp_port")),
            security=str(read_setting(s, "smtp_security")), user=str(read_setting(s, "smtp_user")),
            password=str(read_setting(s, "smtp_password")), sender=str(read_setting(s, "smtp_from")),
            ca_file=str(read_setting(s, "smtp_ca_file")), timeout=timeout),
        Channel.SMS: AliyunSmsChannel(
            endpoint=str(read_setting(s, "sms_endpoint")),
            access_key_id=str(read_setting(s, "sms_access_key_id")),
            access_key_secret=str(read_setting(s, "sms_access_key_secret")),
            sign_name=str(read_setting(s, "sms_sign_name")),
            template_codes=dict(read_setting(s, "sms_template_codes")), timeout=timeout),
        Channel.WEBHOOK: WebhookChannel(url=str(read_setting(s, "webhook_url")),
                                        secret=str(read_setting(s, "webhook_secret")), timeout=timeout),
    }


class OutboxSender:
    """Delivers due messages; safe to run on several desks at once."""

    def __init__(self, db: Database, clock: Clock, *,
                 channels: Mapping[Channel, Deliverer] | None = None,
                 rng: random.Random | None = None, batch: int = 20, timeout: float = 15.0,
                 after_send: Callable[[Outgoing, Attempt], None] | None = None) -> None:
        self.db = db
        self.clock = clock
        self._channels = channels
        self.rng = rng or random.Random()
        self.batch = batch
        self.timeout = timeout
        self._after_send = after_send

    def deliver_once(self, *, max_messages: int | None = None) -> DeliveryReport:
        """Send everything that is due now (each message at most once per run)."""
        report = DeliveryReport()
        with self.db.read() as s:
            channels = dict(self._channels) if self._channels is not None else channels_from_settings(
                s, timeout=self.timeout)
        seen: set[int] = set()
        while max_messages is None or report.attempted < max_messages:
            limit = self.batch if max_messages is None else min(self.batch, max_messages - report.attempted)
            claimed = self._claim(limit, report, exclude=seen)
            if not claimed:
                break
            for message in claimed:
                seen.add(message.id)
                deliverer = channels.get(Channel(message.channel))
                if deliverer is None:
                    attempt = Attempt(Outcome.RETRY, f"no {message.channel} channel on this desk")
                else:
                    attempt = deliverer.send(message)
                if self._after_send is not None:
                    self._after_send(message, attempt)
                self._record(message, attempt, report)
        return report

    # ------------------------------------------------------------------ claim
    def _claim(self, limit: int, report: DeliveryReport, *, exclude: set[int]) -> list[Outgoing]:
        now = self.clock.now()
        with self.db.write() as s:
            claim_for = timedelta(seconds=int(read_setting(s, "outbox_claim_seconds")))
            tz = str(read_setting(s, "timezone"))
            quiet = QuietHours.parse(str(read_setting(s, "quiet_hours")))
            local = to_local(now, tz)
            q = (select(OutboxMessage)
                 .where(OutboxMessage.channel != Channel.MANUAL.value,
                        or_(and_(OutboxMessage.state == MessageState.PENDING.value,
                                 OutboxMessage.next_attempt_at <= now),
                            and_(OutboxMessage.state == MessageState.SENDING.value,
                                 OutboxMessage.claimed_until < now)))
                 .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit))
            if exclude:
                q = q.where(OutboxMessage.id.not_in(exclude))
            if not self.db.is_sqlite:
                q = q.with_for_update(skip_locked=True)
            rows = list(s.scalars(q))
            claimed: list[Outgoing] = []
            for row in rows:
                exclude.add(row.id)
                if quiet.contains(local) and not row.send_now:
                    row.state = MessageState.PENDING.value
                    row.next_attempt_at = to_utc(quiet.release(local).replace(tzinfo=None), tz)
                    report.held += 1
                    continue
                if row.channel != Channel.WEBHOOK.value and s.get(PhoneOptOut, opt_out_key(row.recipient)) is not None:
                    row.state = MessageState.SKIPPED.value
                    row.last_error = "opted out: the customer asked for no messages"
                    report.skipped += 1
                    continue
                row.state = MessageState.SENDING.value
                row.claimed_until = now + claim_for
                row.tries += 1
                row.last_attempt_at = now
                case = s.get(ProblemCase, row.case_id) if row.case_id is not None else None
                claimed.append(Outgoing(
                    id=row.id, key=row.idempotency_key, channel=row.channel, event=row.event,
                    case_no=case.case_no if case is not None else "", recipient=row.recipient,
                    language=row.language, subject=row.subject, body=row.body, params=dict(row.params or {})))
            return claimed

    # ----------------------------------------------------------------- record
    def _record(self, message: Outgoing, attempt: Attempt, report: DeliveryReport) -> None:
        now = self.clock.now()
        with self.db.write() as s:
            q = select(OutboxMessage).where(OutboxMessage.id == message.id)
            if not self.db.is_sqlite:
                q = q.with_for_update()
            row = s.scalars(q).one()
            if row.state != MessageState.SENDING.value:
                return  # a retry-now or another desk's later claim moved it on
            row.last_outcome = attempt.outcome.value
            row.claimed_until = None
            if attempt.outcome is Outcome.SENT:
                row.state = MessageState.SENT.value
                row.sent_at = now
                row.provider_ref = attempt.provider_ref[:128]
                row.last_error = ""
                report.sent += 1
                return
            row.last_error = attempt.detail[:1000]
            if attempt.outcome is Outcome.OFFLINE:
                report.offline.append(message.channel)
            if attempt.outcome is Outcome.GIVE_UP or row.tries >= row.max_tries:
                row.state = MessageState.FAILED.value
                if attempt.outcome is not Outcome.GIVE_UP:
                    row.last_error = f"gave up after {row.tries} tries: {attempt.detail}"[:1000]
                report.failed += 1
                log.warning("Message %s (%s) failed: %s", message.key, message.channel, row.last_error)
                return
            base = float(read_setting(s, "outbox_backoff_seconds"))
            row.state = MessageState.PENDING.value
            row.next_attempt_at = now + retry_delay(row.tries, base_seconds=base, rng=self.rng)
            report.retrying += 1


def next_due(db: Database) -> datetime | None:
    """When the next waiting message is due (for a loop that sleeps until then)."""
    with db.read() as s:
        return s.scalar(select(OutboxMessage.next_attempt_at).where(
            OutboxMessage.state == MessageState.PENDING.value, OutboxMessage.channel != Channel.MANUAL.value)
            .order_by(OutboxMessage.next_attempt_at).limit(1))
