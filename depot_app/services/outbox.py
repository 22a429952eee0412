"""The notification outbox: messages queued with the case change, read and managed by people.

:func:`queue_notices` runs inside the transaction of the case change that
causes the notice (``services.cases``), so a change and its messages are
committed together or not at all. The sending itself is
``services.outbox_sender``; this module applies the rules that decide whether
and when a message may go (opt-out, daily limit per case, quiet hours, mobile
numbers only) and offers the outbox to the screens and the command line.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from depot_app.db.engine import Database
from depot_app.db.models import OutboxMessage, PhoneOptOut, ProblemCase
from depot_app.domain.clock import Clock, to_local, to_utc
from depot_app.domain.errors import NotFoundError, PolicyError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.money import format_yuan
from depot_app.domain.notifications import (
    Channel,
    MessageState,
    NoticeEvent,
    QuietHours,
    Template,
    email_address,
    fill,
    mask_address,
    mask_tracking,
    mobile_number,
    placeholders_in,
    sms_count,
)
from depot_app.domain.permissions import Permission
from depot_app.domain.vocabulary import ResolutionState, ResolutionType
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.settings import read_setting

#: Who hears of each event: the recipient waits for the parcel, the sender is paid.
EVENT_PARTY: dict[NoticeEvent, str] = {
    NoticeEvent.REGISTERED: "recipient",
    NoticeEvent.RESOLUTION_CHOSEN: "recipient",
    NoticeEvent.COMPENSATION_APPROVED: "sender",
    NoticeEvent.COMPENSATION_PAID: "sender",
    NoticeEvent.CLOSED: "recipient",
}

#: Channels that reach a person (and count towards the daily limit per case).
PERSONAL = (Channel.SMS.value, Channel.EMAIL.value, Channel.MANUAL.value)


@dataclass(frozen=True)
class MessageView:
    """One outbox message as screens and the command line show it: the address masked."""

    id: int
    idempotency_key: str
    case_id: int | None
    case_no: str
    event: NoticeEvent
    channel: Channel
    to_masked: str
    language: str
    subject: str
    body: str
    state: MessageState
    tries: int
    max_tries: int
    created_at: datetime
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    last_outcome: str
    last_error: str
    sent_at: datetime | None
    send_now: bool

    def as_json(self) -> dict[str, Any]:
        def when(value: datetime | None) -> str | None:
            return None if value is None else value.isoformat(timespec="seconds") + "Z"
        return {"id": self.id, "idempotency_key": self.idempotency_key, "case_no": self.case_no,
                "event": self.event.value, "channel": self.channel.value, "to": self.to_masked,
                "language": self.language, "subject": self.subject, "text": self.body,
                "state": self.state.value, "tries": self.tries, "max_tries": self.max_tries,
                "created_at": when(self.created_at), "next_attempt_at": when(self.next_attempt_at),
                "last_error": self.last_error, "sent_at": when(self.sent_at)}


@dataclass(frozen=True)
class OutboxCounts:
    """What the status bar shows."""

    waiting: int
    failing: int
    failed: int
    manual: int
    offline: bool


@dataclass(frozen=True)
class Preview:
    """A message as it would go out, before a clerk sends it."""

    channel: Channel
    to_masked: str
    subject: str
    body: str
    chars: int
    parts: int
    held_until: datetime | None
    refusal: str


@dataclass(frozen=True)
class OutboxFilter:
    """Which messages a list shows."""

    state: MessageState | None = None
    channel: Channel | None = None
    case_no: str = ""
    #: Queued at or after / before these moments (UTC), when given.
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


# ----------------------------------------------------------------- queueing
def case_facts(s: Session, case: ProblemCase, language: str) -> dict[str, str]:
    """The placeholder values for a case, in the customer's language (tracking no. masked)."""
    zh = language.startswith("zh")
    kind = ProblemKind(case.kind)
    tz = str(read_setting(s, "timezone"))
    facts = {"case_no": case.case_no, "tracking_last4": mask_tracking(case.parcel.tracking_no),
             "kind": kind.zh if zh else kind.en.lower(),
             "depot_name": str(read_setting(s, "depot_name")),
             "depot_phone": str(read_setting(s, "depot_phone") or "")}
    if case.due_at is not None:
        due = to_local(case.due_at, tz)
        facts["due_time"] = f"{due.month}月{due.day}日{due:%H:%M}" if zh else f"{due:%d %b %H:%M}"
    live = [r for r in case.resolutions if r.state not in (ResolutionState.SUPERSEDED.value,
                                                           ResolutionState.REJECTED.value)]
    if live:
        res = live[-1]
        rtype = ResolutionType(res.type)
        facts["resolution"] = rtype.zh if zh else rtype.en.lower()
        if res.details.get("pickup_code"):
            facts["pickup_code"] = str(res.details["pickup_code"])
        if res.compensation is not None and res.compensation.amount is not None:
            facts["amount"] = format_yuan(res.compensation.amount)
    return facts


def templates_for(s: Session, event: NoticeEvent, language: str) -> Template:
    stored = read_setting(s, "notice_templates")
    return Template.from_dict(stored[event.value][language])


def queue_notices(s: Session, case: ProblemCase, event: NoticeEvent, *, now: datetime,
                  by: int | None) -> list[OutboxMessage]:
    """Queue the messages for ``event`` on ``case`` in the caller's transaction."""
    channels = [Channel(c) for c in read_setting(s, "notify_channels")]
    if not channels:
        return []
    party = EVENT_PARTY[event]
    phone = getattr(case.parcel, f"{party}_phone") or ""
    queued: list[OutboxMessage] = []
    for channel in channels:
        if channel is Channel.SMS:
            if not phone:
                continue
            address = mobile_number(phone)
            refusal = "" if address else "not a mobile number: no SMS"
            queued.append(_queue(s, case, event, channel, address or phone, party, now=now, by=by,
                                 refusal=refusal))
        elif channel is Channel.EMAIL:
            email = email_address(case.reporter_contact)
            if email:
                queued.append(_queue(s, case, event, channel, email, "reporter", now=now, by=by))
        elif channel is Channel.WEBHOOK:
            url = str(read_setting(s, "webhook_url") or "")
            if url:
                queued.append(_queue(s, case, event, channel, url, "system", now=now, by=by))
        elif phone:
            queued.append(_queue(s, case, event, channel, phone, party, now=now, by=by))
    return queued


def _queue(s: Session, case: ProblemCase, event: NoticeEvent, channel: Channel, address: str, party: str,
           *, now: datetime, by: int | None, refusal: str = "", send_now: bool = False,
           add: bool = True) -> OutboxMessage:
    language = str(read_setting(s, "notify_language"))
    template = templates_for(s, event, language)
    facts = case_facts(s, case, language)
    body = fill(template.sms if channel in (Channel.SMS, Channel.MANUAL) else template.email_body, facts)
    subject = fill(template.email_subject, facts) if channel is Channel.EMAIL else ""
    used = placeholders_in(template.sms)
    params = {name: facts.get(name) or "" for name in used}
    refusal = refusal or _rule_refusal(s, case, channel, address, now=now)
    release = now if send_now or channel is Channel.MANUAL else _release(s, now)
    row = OutboxMessage(
        idempotency_key=uuid.uuid4().hex, case_id=case.id, event=event.value, channel=channel.value,
        recipient=address, party=party, language=language, subject=subject, body=body, params=params,
        state=(MessageState.SKIPPED if refusal else MessageState.PENDING).value, tries=0,
        max_tries=int(read_setting(s, "outbox_max_tries")), send_now=send_now, created_at=now,
        created_by_id=by, next_attempt_at=release, last_error=refusal, last_outcome="")
    s.add(row)
    return row


def _release(s: Session, now: datetime) -> datetime:
    """``now``, or the end of tonight's quiet hours (depot time) when it falls inside them."""
    tz = str(read_setting(s, "timezone"))
    quiet = QuietHours.parse(str(read_setting(s, "quiet_hours")))
    local = to_local(now, tz)
    free = quiet.release(local)
    return now if free == local else to_utc(free.replace(tzinfo=None), tz)


def _rule_refusal(s: Session, case: ProblemCase, channel: Channel, address: str, *, now: datetime) -> str:
    """Why the rules forbid this message ("" when it may go)."""
    if channel is Channel.WEBHOOK:
        return ""
    if s.get(PhoneOptOut, opt_out_key(address)) is not None:
        return "opted out: the customer asked for no messages"
    limit = int(read_setting(s, "notify_max_per_case_day"))
    tz = str(read_setting(s, "timezone"))
    local = to_local(now, tz)
    day_start = to_utc(local.replace(hour=0, minute=0, second=0, microsecond=0), tz)
    today = s.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.case_id == case.id, OutboxMessage.created_at >= day_start,
        OutboxMessage.channel.in_(PERSONAL), OutboxMessage.state != MessageState.SKIPPED.value)) or 0
    if today >= limit:
        return f"daily limit reached: {limit} messages per case and day"
    return ""


def opt_out_key(address: str) -> str:
    """The opt-out list's form of a phone (E.164) or e-mail address (lower case)."""
    mobile = mobile_number(address)
    if mobile:
        return mobile
    return address.strip().lower()


def to_view(row: OutboxMessage, case_no: str) -> MessageView:
    return MessageView(
        id=row.id, idempotency_key=row.idempotency_key, case_id=row.case_id, case_no=case_no,
        event=NoticeEvent(row.event), channel=Channel(row.channel), to_masked=mask_address(row.recipient),
        language=row.language, subject=row.subject, body=row.body, state=MessageState(row.state),
        tries=row.tries, max_tries=row.max_tries, created_at=row.created_at, next_attempt_at=row.next_attempt_at,
        last_attempt_at=row.last_attempt_at, last_outcome=row.last_outcome, last_error=row.last_error,
        sent_at=row.sent_at, send_now=row.send_now)


class OutboxService:
    """The outbox as people see and manage it (the sender is :mod:`services.outbox_sender`)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def messages(self, flt: OutboxFilter | None = None) -> list[MessageView]:
        """Messages, newest first."""
        flt = flt or OutboxFilter()
        with self.db.read() as s:
            q = (select(OutboxMessage, ProblemCase.case_no)
                 .outerjoin(ProblemCase, ProblemCase.id == OutboxMessage.case_id)
                 .order_by(OutboxMessage.id.desc()).limit(flt.limit))
            if flt.state is not None:
                q = q.where(OutboxMessage.state == flt.state.value)
            if flt.channel is not None:
                q = q.where(OutboxMessage.channel == flt.channel.value)
            if flt.case_no.strip():
                q = q.where(ProblemCase.case_no.contains(flt.case_no.strip()))
            if flt.since is not None:
                q = q.where(OutboxMessage.created_at >= flt.since)
            if flt.until is not None:
                q = q.where(OutboxMessage.created_at < flt.until)
            return [to_view(row, case_no or "") for row, case_no in s.execute(q)]

    def for_case(self, case_id: int) -> list[MessageView]:
        """A case's messages in the order they were queued (for its timeline)."""
        with self.db.read() as s:
            case = s.get(ProblemCase, case_id)
            if case is None:
                raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
            rows = s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id)
                             .order_by(OutboxMessage.id))
            return [to_view(row, case.case_no) for row in rows]

    def counts(self) -> OutboxCounts:
        """Waiting, failing (retrying after an error), failed, by hand; whether a gateway is offline."""
        with self.db.read() as s:
            rows = s.execute(select(OutboxMessage.state, OutboxMessage.channel, OutboxMessage.tries,
                                    OutboxMessage.last_outcome, func.count())
                             .where(OutboxMessage.state.in_(("pending", "sending", "failed")))
                             .group_by(OutboxMessage.state, OutboxMessage.channel, OutboxMessage.tries,
                                       OutboxMessage.last_outcome)).all()
        waiting = failing = failed = manual = 0
        offline = False
        for state, channel, tries, outcome, n in rows:
            if state == "failed":
                failed += n
            elif channel == Channel.MANUAL.value:
                manual += n
            else:
                waiting += n
                if tries > 0 and outcome in ("retry", "offline"):
                    failing += n
                offline = offline or outcome == "offline"
        return OutboxCounts(waiting=waiting, failing=failing, failed=failed, manual=manual, offline=offline)

    # -------------------------------------------------------------- by people
    def retry_now(self, *, message_id: int, by: int) -> MessageView:
        """Send a waiting or failed message at the next round, outside quiet hours' hold."""
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.EDIT_SETTINGS)
            row = self._row(s, message_id)
            if row.state == MessageState.SENT.value or row.channel == Channel.MANUAL.value:
                raise PolicyError("This message was already sent or is sent by hand.",
                                  "该消息已发送或需人工发送。")
            if row.state == MessageState.SKIPPED.value and row.last_error.startswith("opted out"):
                raise PolicyError("The customer opted out: this message may not be sent.",
                                  "客户已退订，该消息不能发送。")
            before = row.state
            row.state = MessageState.PENDING.value
            row.next_attempt_at = now
            row.send_now = True
            if before == MessageState.FAILED.value:
                row.max_tries = row.tries + max(1, int(read_setting(s, "outbox_max_tries")))
            record_global(s, at=now, operator_id=by, action="outbox_retry", case_id=row.case_id,
                          field="outbox", before=before, after=row.state, detail=row.idempotency_key)
            return to_view(row, self._case_no(s, row))

    def mark_sent_by_hand(self, *, message_id: int, by: int, note: str = "") -> MessageView:
        """The clerk sent a manual message themselves and ticks it off."""
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.WORK_CASES)
            row = self._row(s, message_id)
            if row.channel != Channel.MANUAL.value or row.state != MessageState.PENDING.value:
                raise PolicyError("Only a waiting message to send by hand can be ticked off.",
                                  "只有待人工发送的消息可以勾选为已发送。")
            row.state = MessageState.SENT.value
            row.sent_at = now
            row.sent_by_id = by
            row.tries += 1
            row.last_attempt_at = now
            row.last_outcome = "sent"
            row.provider_ref = note.strip()[:128]
            record_global(s, at=now, operator_id=by, action="outbox_sent_by_hand", case_id=row.case_id,
                          field="outbox", detail=row.idempotency_key)
            return to_view(row, self._case_no(s, row))

    def preview(self, *, case_id: int, event: NoticeEvent, channel: Channel) -> Preview:
        """What :meth:`send_to_case` would queue, with the rule that would stop it."""
        now = self.clock.now()
        with self.db.read() as s:
            case = self._case(s, case_id)
            address, refusal = self._address(s, case, event, channel)
            row = _queue(s, case, event, channel, address or "", EVENT_PARTY[event], now=now, by=None,
                         refusal=refusal, send_now=False, add=False)
            chars, parts = sms_count(row.body)
            held = row.next_attempt_at if row.next_attempt_at > now else None
            view = Preview(channel=channel, to_masked=mask_address(row.recipient), subject=row.subject,
                           body=row.body, chars=chars, parts=parts, held_until=held,
                           refusal=row.last_error if row.state == MessageState.SKIPPED.value else "")
            return view

    def send_to_case(self, *, case_id: int, event: NoticeEvent, channel: Channel, by: int,
                     send_now: bool = False) -> MessageView:
        """A clerk sends a notice on purpose; ``send_now`` goes out even in quiet hours."""
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._case(s, case_id)
            address, refusal = self._address(s, case, event, channel)
            if refusal:
                raise ValidationError(refusal_text(refusal, "en"), refusal_text(refusal, "zh_CN"),
                                      field="channel")
            row = _queue(s, case, event, channel, address, EVENT_PARTY[event], now=now, by=by,
                         send_now=send_now)
            if row.state == MessageState.SKIPPED.value:
                raise PolicyError(refusal_text(row.last_error, "en"), refusal_text(row.last_error, "zh_CN"))
            s.flush()
            return to_view(row, case.case_no)

    def opt_out(self, *, address: str, by: int, reason: str = "") -> str:
        """Add a phone or e-mail address to the opt-out list; its waiting messages are not sent."""
        now = self.clock.now()
        key = opt_out_key(address)
        if not key:
            raise ValidationError("Give the phone or e-mail address that opts out.",
                                  "请填写要退订的电话或电子邮件地址。", field="address")
        with self.db.write() as s:
            authorize(s, by, Permission.WORK_CASES)
            if s.get(PhoneOptOut, key) is None:
                s.add(PhoneOptOut(address=key, at=now, reason=reason.strip(), by_id=by))
            for row in s.scalars(select(OutboxMessage).where(
                    OutboxMessage.state == MessageState.PENDING.value)):
                if opt_out_key(row.recipient) == key:
                    row.state = MessageState.SKIPPED.value
                    row.last_error = "opted out: the customer asked for no messages"
            record_global(s, at=now, operator_id=by, action="opt_out", field="outbox",
                          after=mask_address(key), detail=reason.strip())
        return mask_address(key)

    def opt_out_case(self, *, case_id: int, party: str, by: int, reason: str = "") -> str:
        """The case's sender or recipient asked not to be messaged: their phone opts out."""
        if party not in ("sender", "recipient"):
            raise ValidationError(f"Unknown party “{party}”: sender or recipient.",
                                  f"未知的对象“{party}”：应为寄件人或收件人。", field="party")
        with self.db.read() as s:
            phone = getattr(self._case(s, case_id).parcel, f"{party}_phone") or ""
        if not phone:
            raise ValidationError("The case has no phone for this person.", "问题件上没有此人的电话。",
                                  field="party")
        return self.opt_out(address=phone, by=by, reason=reason or f"{party} asked not to be messaged")

    def opted_out(self) -> list[tuple[str, datetime, str]]:
        """The opt-out list (masked address, when, why), newest first."""
        with self.db.read() as s:
            rows = s.scalars(select(PhoneOptOut).order_by(PhoneOptOut.at.desc()))
            return [(mask_address(r.address), r.at, r.reason) for r in rows]

    # ---------------------------------------------------------------- helpers
    def _row(self, s: Session, message_id: int) -> OutboxMessage:
        row = s.get(OutboxMessage, message_id, with_for_update=not self.db.is_sqlite)
        if row is None:
            raise NotFoundError(f"Message #{message_id} does not exist.", f"消息 #{message_id} 不存在。")
        return row

    def _case(self, s: Session, case_id: int) -> ProblemCase:
        case = s.get(ProblemCase, case_id)
        if case is None:
            raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
        return case

    def _case_no(self, s: Session, row: OutboxMessage) -> str:
        case = s.get(ProblemCase, row.case_id) if row.case_id is not None else None
        return case.case_no if case is not None else ""

    def _address(self, s: Session, case: ProblemCase, event: NoticeEvent, channel: Channel) -> tuple[str, str]:
        phone = getattr(case.parcel, f"{EVENT_PARTY[event]}_phone") or ""
        if channel is Channel.SMS:
            mobile = mobile_number(phone)
            return (mobile, "") if mobile else (phone, "not a mobile number: no SMS")
        if channel is Channel.EMAIL:
            email = email_address(case.reporter_contact)
            return (email, "") if email else ("", "no e-mail address on the case")
        if channel is Channel.WEBHOOK:
            url = str(read_setting(s, "webhook_url") or "")
            return (url, "") if url else ("", "no webhook address is set up")
        return (phone, "") if phone else ("", "no phone on the case")


_REFUSALS_ZH = {
    "not a mobile number": "不是手机号码，不能发短信",
    "no e-mail address": "问题件上没有电子邮件地址",
    "no webhook address": "尚未设置 Webhook 地址",
    "no phone": "问题件上没有电话",
    "opted out": "客户已退订，不再发送消息",
    "daily limit reached": "已达到每个问题件每天的消息上限",
    # The desk's own reasons for holding a message (channels.py): a manager fills the settings.
    "e-mail is not set up": "电子邮件尚未设置：请经理在设置中填写邮件服务器和发件人",
    "SMS is not set up": "短信尚未设置：请经理在设置中填写短信网关、密钥和签名",
    "no SMS template code": "短信模板编号尚未设置：请经理在设置中填写",
    "the webhook is not set up": "Webhook 尚未设置：请经理在设置中填写地址",
}


def refusal_text(reason: str, language: str) -> str:
    """A recorded refusal or last error in the clerk's language (the English form is stored)."""
    if language.startswith("zh"):
        for start, zh in _REFUSALS_ZH.items():
            if reason.startswith(start):
                return zh
    return reason

