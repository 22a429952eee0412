"""Every change to a case goes through here.

Each public method is one transaction: it validates first, then writes the
change and its timeline entries together, so a failure leaves nothing half
written. Methods that edit a case take ``expected_version`` (the version the
screen showed); a mismatch is refused with :class:`StaleEditError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from depot_app.db.engine import Database, upsert_insert
from depot_app.db.models import (
    Compensation,
    ContactAttempt,
    DayCounter,
    Operator,
    Parcel,
    ProblemCase,
    Resolution,
)
from depot_app.domain import deadlines, lifecycle
from depot_app.domain.case_numbers import day_key, format_case_no
from depot_app.domain.clock import Clock, local_date, to_utc
from depot_app.domain.compensation import ClaimFacts, Suggestion, suggest_compensation
from depot_app.domain.contacts import Attempt, suggest_sender
from depot_app.domain.errors import (
    DuplicateOpenCaseError,
    IllegalTransitionError,
    NotFoundError,
    PhoneNumberError,
    PolicyError,
    StaleEditError,
    ValidationError,
)
from depot_app.domain.identifiers import (
    Carrier,
    mask_phone,
    phone_last4,
    validate_phone,
    validate_tracking,
)
from depot_app.domain.kinds import ProblemKind, resolutions_for
from depot_app.domain.notifications import NoticeEvent
from depot_app.domain.parcel import PARCEL_FIELDS, ParcelFacts, parse_parcel_facts
from depot_app.domain.permissions import Permission, allowed
from depot_app.domain.policy import Policy
from depot_app.domain.resolutions import Compensate, parse_details
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    Exemption,
    FinalOutcome,
    LossExtent,
    PaymentMethod,
    Priority,
    ReportChannel,
    ResolutionState,
    ResolutionType,
)
from depot_app.services import mapping
from depot_app.services.audit import record_event, record_global
from depot_app.services.authz import authorize
from depot_app.services.outbox import queue_notices
from depot_app.services.scan_store import refresh_parcel_scan
from depot_app.services.settings import read_policy, read_setting

log = logging.getLogger(__name__)

#: Case fields a clerk may edit through :meth:`CaseService.update_case`.
EDITABLE_CASE_FIELDS = ("kind", "priority", "report_channel", "reporter_name", "reporter_contact",
                        "description", "assignee_id")


@dataclass(frozen=True)
class ClaimInput:
    """What the clerk says about the loss when proposing compensation."""

    loss: LossExtent
    actual_loss: Decimal | None = None
    full_value: Decimal | None = None
    surcharges: Decimal = Decimal(0)
    exemption: Exemption = Exemption.NONE
    gross_negligence: bool = False


class CaseService:
    """Use cases that change problem cases."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # ------------------------------------------------------------------ helpers
    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """A write transaction that turns a lost version race into StaleEditError."""
        try:
            with self.db.write() as session:
                yield session
        except StaleDataError as exc:
            raise _stale() from exc

    def _load(self, session: Session, case_id: int, expected_version: int | None) -> ProblemCase:
        case = session.get(ProblemCase, case_id, populate_existing=True)
        if case is None:
            raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
        if expected_version is not None and case.version != expected_version:
            raise _stale(case.case_no)
        return case

    def _operator(self, session: Session, operator_id: int) -> Operator:
        op = session.get(Operator, operator_id)
        if op is None or not op.active:
            raise NotFoundError(f"Operator #{operator_id} is unknown or inactive.",
                                f"操作员 #{operator_id} 不存在或已停用。")
        return op

    def _set_status(self, session: Session, case: ProblemCase, target: CaseStatus, *, by: int,
                    now: datetime, reason: str | None = None) -> None:
        current = CaseStatus(case.status)
        lifecycle.check_transition(current, target, reason=reason)
        if current is target:
            return
        case.status = target.value
        case.is_open = target.is_open
        record_event(session, case, at=now, operator_id=by, action="status", field="status",
                     before=current, after=target, detail=reason or "")

    def _touch(self, case: ProblemCase, now: datetime) -> None:
        case.updated_at = now
        # Always write the row, so its version moves even when "now" equals the
        # stored time (a fixed clock, a coarse system clock): every change must
        # make the other desks' expected_version stale.
        flag_modified(case, "updated_at")

    def _refuse_duplicate(self, s: Session, case: ProblemCase, kind: str) -> None:
        """Refuse a second open case of ``kind`` on the case's parcel."""
        # Lock the parcel first, like register_case: otherwise two desks (on
        # PostgreSQL) could each reopen or re-kind a case and both pass the check.
        s.execute(select(Parcel.id).where(Parcel.id == case.parcel_id).with_for_update())
        other = s.scalars(select(ProblemCase).where(
            ProblemCase.parcel_id == case.parcel_id, ProblemCase.is_open.is_(True),
            ProblemCase.kind == kind, ProblemCase.id != case.id)).first()
        if other is not None:
            raise DuplicateOpenCaseError(
                f"Parcel {case.parcel.tracking_no} already has an open case of this kind, "
                f"{other.case_no}.",
                f"快件 {case.parcel.tracking_no} 已有同类未结问题件 {other.case_no}。",
                case_no=other.case_no)

    def detail(self, case_id: int) -> CaseDetail:
        """Everything about one case, phones masked."""
        with self.db.read() as s:
            return load_detail(s, case_id)

    # ------------------------------------------------------------- registration
    def register_case(self, *, tracking_no: str, kind: ProblemKind, by: int,
                      carrier: Carrier | None = None, priority: Priority | None = None,
                      report_channel: ReportChannel = ReportChannel.COUNTER,
                      reporter_name: str = "", reporter_contact: str = "", description: str = "",
                      parcel: dict[str, Any] | None = None, assignee_id: int | None = None,
                      reported_at: datetime | None = None) -> CaseDetail:
        """Register a problem on a parcel and give it a case number.

        Reuses the parcel when its tracking number is known (filling in facts
        it lacked); refuses a second open case of the same kind on one parcel.
        """
        info = validate_tracking(tracking_no, carrier)
        facts = parse_parcel_facts(parcel or {})
        reporter_name = reporter_name.strip()
        if len(reporter_name) > 64 or len(reporter_contact.strip()) > 64:
            raise ValidationError("Reporter name and contact are at most 64 characters each.",
                                  "报告人姓名和联系方式各最多 64 个字。", field="reporter_name")
        priority = priority or kind.info.default_priority
        now = self.clock.now()
        reported = reported_at or now
        with self._tx() as s:
            registrant = authorize(s, by, Permission.REGISTER_CASE)
            if assignee_id is not None:
                self._operator(s, assignee_id)
            policy = read_policy(s)
            row = self._locked_parcel(s, info.number)
            inserted = False
            if row is None:
                row = self._insert_parcel(s, info.number, info.carrier, facts, now)
                inserted = row is not None
                if row is None:  # another desk inserted it first: take theirs, locked
                    row = self._locked_parcel(s, info.number)
                    assert row is not None
            if not inserted:
                clash = s.scalars(select(ProblemCase).where(
                    ProblemCase.parcel_id == row.id, ProblemCase.is_open.is_(True),
                    ProblemCase.kind == kind.value)).first()
                if clash is not None:
                    raise DuplicateOpenCaseError(
                        f"Parcel {info.number} already has an open {kind.en.lower()} case, "
                        f"{clash.case_no}: open that case instead.",
                        f"快件 {info.number} 已有未结的“{kind.zh}”问题件 {clash.case_no}，请直接打开该问题件。",
                        case_no=clash.case_no)
                if _apply_facts(row, facts, only_missing=True):
                    row.updated_at = now
            case_no = self._next_case_no(s, reported)
            case = ProblemCase(
                case_no=case_no, parcel=row, carrier=row.carrier, kind=kind.value, status=CaseStatus.REGISTERED.value,
                priority=priority.value, report_channel=report_channel.value,
                reporter_name=reporter_name, reporter_contact=reporter_contact.strip(),
                description=description.strip(), assignee_id=assignee_id if assignee_id else (
                    # A courier hands the case on: it waits unassigned for a clerk.
                    by if allowed(registrant.role, Permission.WORK_CASES) else None),
                created_by_id=by, reported_at=reported, updated_at=now,
                due_at=deadlines.resolution_due(reported, kind, priority, policy),
                first_response_due_at=deadlines.first_response_due(reported, kind, policy),
                is_open=True)
            s.add(case)
            record_event(s, case, at=now, operator_id=by, action="registered",
                         after=case_no, detail=f"{kind.value} {info.number}")
            s.flush()
            # The customer's notices commit with the case, or neither does.
            queue_notices(s, case, NoticeEvent.REGISTERED, now=now, by=by)
            case_id = case.id
        log.info("Registered case %s on %s (%s) by operator %s", case_no, info.number, kind.value, by)
        return self.detail(case_id)

    def _locked_parcel(self, s: Session, tracking_no: str) -> Parcel | None:
        """The parcel with this number, row-locked until the transaction ends.

        On PostgreSQL (READ COMMITTED) two desks registering on one parcel at
        once would both pass the duplicate-case check; the lock makes the second
        wait and then see the first one's case. SQLite's BEGIN IMMEDIATE already
        serialises writers (FOR UPDATE is not rendered there).
        """
        return s.scalars(select(Parcel).where(Parcel.tracking_no == tracking_no)
                         .with_for_update()).first()

    def _insert_parcel(self, s: Session, tracking_no: str, carrier: Carrier, facts: ParcelFacts,
                       now: datetime) -> Parcel | None:
        """Insert a new parcel, or None when another desk committed the same number meanwhile."""
        row = Parcel(tracking_no=tracking_no, carrier=carrier.value, created_at=now, updated_at=now)
        _apply_facts(row, facts, only_missing=False)
        refresh_parcel_scan(s, row)  # scans imported before the parcel had a case
        if s.get_bind().dialect.name != "postgresql":
            # SQLite: BEGIN IMMEDIATE holds the write lock, nobody can insert meanwhile.
            s.add(row)
            s.flush()
            return row
        try:
            # A savepoint, so losing the race on the unique tracking number
            # undoes only this insert, not the transaction.
            with s.begin_nested():
                s.add(row)
                s.flush()
        except IntegrityError:
            log.info("Parcel %s was registered at another desk meanwhile; using that one", tracking_no)
            return None
        return row

    def _next_case_no(self, s: Session, reported: datetime) -> str:
        code = read_setting(s, "depot_code")
        tz = read_setting(s, "timezone")
        day = local_date(reported, tz)
        key = f"{code}-{day_key(day)}"
        stmt = upsert_insert(s)(DayCounter).values(key=key, value=1)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": DayCounter.value + 1})
        seq = s.execute(stmt.returning(DayCounter.value)).scalar_one()
        return format_case_no(code, day, seq)

    # ----------------------------------------------------------------- editing
    def update_parcel(self, *, case_id: int, expected_version: int, changes: dict[str, Any],
                      by: int) -> CaseDetail:
        """Correct parcel facts; every changed field lands on the timeline."""
        return self.update_facts(case_id=case_id, expected_version=expected_version,
                                 parcel_changes=changes, by=by)

    def update_case(self, *, case_id: int, expected_version: int, changes: dict[str, Any],
                    by: int) -> CaseDetail:
        """Change the case's own fields (kind, priority, reporter, description, assignee)."""
        return self.update_facts(case_id=case_id, expected_version=expected_version,
                                 case_changes=changes, by=by)

    def update_facts(self, *, case_id: int, expected_version: int, by: int,
                     parcel_changes: dict[str, Any] | None = None,
                     case_changes: dict[str, Any] | None = None) -> CaseDetail:
        """Correct parcel facts and case fields together, in one transaction:
        either every change is saved (each on the timeline) or none is."""
        parcel_changes = parcel_changes or {}
        case_changes = case_changes or {}
        unknown = set(parcel_changes) - set(PARCEL_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown parcel fields: {', '.join(sorted(unknown))}.",
                                  f"未知的快件字段：{'、'.join(sorted(unknown))}。")
        unknown = set(case_changes) - set(EDITABLE_CASE_FIELDS)
        if unknown:
            raise ValidationError(f"These case fields cannot be edited: {', '.join(sorted(unknown))}.",
                                  f"以下字段不可修改：{'、'.join(sorted(unknown))}。")
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            if parcel_changes:
                self._apply_parcel_changes(s, case, parcel_changes, by=by, now=now)
            if case_changes:
                self._apply_case_changes(s, case, case_changes, by=by, now=now)
        return self.detail(case_id)

    def _apply_parcel_changes(self, s: Session, case: ProblemCase, changes: dict[str, Any], *,
                              by: int, now: datetime) -> None:
        parcel = case.parcel
        current = {name: getattr(parcel, name) for name in PARCEL_FIELDS}
        merged = parse_parcel_facts({**current, **changes})
        changed = False
        for name in changes:
            new = getattr(merged, name)
            old = current[name]
            if name == "scope":
                new = new.value
            if new != old:
                setattr(parcel, name, new)
                changed = True
                record_event(s, case, at=now, operator_id=by, action="field",
                             field=f"parcel.{name}", before=_masked_if_phone(name, old),
                             after=_masked_if_phone(name, new))
        if changed:
            parcel.sender_phone_last4 = phone_last4(parcel.sender_phone)
            parcel.recipient_phone_last4 = phone_last4(parcel.recipient_phone)
            parcel.updated_at = now
            self._touch(case, now)

    def _apply_case_changes(self, s: Session, case: ProblemCase, changes: dict[str, Any], *,
                            by: int, now: datetime) -> None:
        policy = read_policy(s)
        changed = False
        for name, raw in changes.items():
            new: Any
            if name == "kind":
                new = ProblemKind(raw).value
            elif name == "priority":
                new = Priority(raw).value
            elif name == "report_channel":
                new = ReportChannel(raw).value
            elif name == "assignee_id":
                new = int(raw) if raw else None
                if new is not None:
                    self._operator(s, new)
            else:
                new = str(raw or "").strip()
                if name in ("reporter_name", "reporter_contact") and len(new) > 64:
                    raise ValidationError("Reporter name and contact are at most 64 characters each.",
                                          "报告人姓名和联系方式各最多 64 个字。", field=name)
            old = getattr(case, name)
            if new != old:
                if name == "kind":
                    self._refuse_duplicate(s, case, new)
                setattr(case, name, new)
                changed = True
                masked = name == "reporter_contact"
                record_event(s, case, at=now, operator_id=by, action="field", field=name,
                             before=_mask_contact(old) if masked else old,
                             after=_mask_contact(new) if masked else new)
        if {"kind", "priority"} & set(changes):
            kind, prio = ProblemKind(case.kind), Priority(case.priority)
            due = deadlines.resolution_due(case.reported_at, kind, prio, policy)
            if due != case.due_at:
                record_event(s, case, at=now, operator_id=by, action="field", field="due_at",
                             before=case.due_at, after=due)
                case.due_at = due
            case.first_response_due_at = deadlines.first_response_due(case.reported_at, kind, policy)
        if changed:
            # Only a real change moves the version: an idle save must neither make the
            # other desks' screens stale nor go unnoticed by their live updates, which
            # watch the timeline (QueryService.change_marker).
            self._touch(case, now)

    def set_status(self, *, case_id: int, expected_version: int | None, status: CaseStatus, by: int,
                   reason: str = "") -> CaseDetail:
        """Move the case along (verifying, investigating, awaiting the customer)."""
        if status in (CaseStatus.CLOSED, CaseStatus.CANCELLED, CaseStatus.AWAITING_APPROVAL,
                      CaseStatus.RESOLUTION_CHOSEN, CaseStatus.IN_PROGRESS):
            raise ValidationError("Use close, cancel or the resolution actions for this status.",
                                  "该状态请通过结案、撤销或处理方案操作设置。")
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            if not case.is_open:
                raise ValidationError("Use reopen for a closed or cancelled case.",
                                      "已结案或已撤销的问题件请使用“重新打开”。")
            self._set_status(s, case, status, by=by, now=now, reason=reason or None)
            self._touch(case, now)
        return self.detail(case_id)

    # ----------------------------------------------------------------- contacts
    def log_contact(self, *, case_id: int, party: ContactParty, channel: ContactChannel,
                    outcome: ContactOutcome, by: int, note: str = "",
                    expected_version: int | None = None) -> CaseDetail:
        """Record one attempt to reach somebody and what came of it."""
        if len(note) > 2000:
            raise ValidationError("The note is too long (at most 2000 characters).",
                                  "备注过长（最多 2000 个字）。", field="note")
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.LOG_CONTACT)
            case = self._load(s, case_id, expected_version)
            if not case.is_open:
                raise PolicyError(f"Case {case.case_no} is closed: reopen it before logging contacts.",
                                  f"问题件 {case.case_no} 已结案，请先重新打开再记录联系。")
            s.add(ContactAttempt(case=case, party=party.value, channel=channel.value,
                                 outcome=outcome.value, note=note.strip(), at=now, operator_id=by))
            if case.first_contact_at is None:
                case.first_contact_at = now
            case.last_contact_at = now
            case.last_contact_outcome = outcome.value
            record_event(s, case, at=now, operator_id=by, action="contact",
                         detail=f"{party.value}/{channel.value}/{outcome.value}"
                         + (f": {note.strip()}" if note.strip() else ""))
            self._touch(case, now)
        return self.detail(case_id)

    # -------------------------------------------------------------- resolution
    def suggest_compensation(self, *, case_id: int, claim: ClaimInput) -> Suggestion:
        """The policy's suggested amount for this case, with its explanation."""
        with self.db.read() as s:
            case = self._load(s, case_id, None)
            return suggest_compensation(_claim_facts(case, claim), read_policy(s))

    def choose_resolution(self, *, case_id: int, expected_version: int | None, type: ResolutionType,
                          details: dict[str, Any], by: int, claim: ClaimInput | None = None) -> CaseDetail:
        """Choose how the case is handled. Compensation above the approval
        threshold waits for a manager; otherwise the case is ready to act on."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            kind = ProblemKind(case.kind)
            if type not in resolutions_for(kind):
                allowed = resolutions_for(kind)
                raise ValidationError(
                    f"{type.en} does not fit a {kind.en.lower()} case; choose one of: "
                    f"{', '.join(r.en for r in allowed)}.",
                    f"“{type.zh}”不适用于“{kind.zh}”问题件，可选：{'、'.join(r.zh for r in allowed)}。",
                    field="type")
            policy = read_policy(s)
            suggestion: Suggestion | None = None
            if type is ResolutionType.COMPENSATE:
                if claim is None:
                    raise ValidationError("Describe the loss to compute the compensation.",
                                          "请填写损失情况以计算赔偿金额。", field="loss")
                suggestion = suggest_compensation(_claim_facts(case, claim), policy)
                details = {**details, "suggested": suggestion.amount, "basis": suggestion.basis}
                if details.get("amount") in (None, ""):
                    details["amount"] = suggestion.amount
            parsed = parse_details(type, details)
            needs_approval = False
            if isinstance(parsed, Compensate):
                amount = parsed.amount
                declared = case.parcel.declared_value
                if declared is not None and amount > declared:
                    raise ValidationError(
                        f"¥{amount} is more than the declared value ¥{declared}: compensation never exceeds it.",
                        f"¥{amount} 超过申报价值 ¥{declared}，赔偿金额不得超过申报价值。", field="amount")
                needs_approval = amount > policy.approval_threshold
            for old in case.resolutions:
                if old.state not in (ResolutionState.SUPERSEDED.value, ResolutionState.REJECTED.value,
                                     ResolutionState.DONE.value):
                    if old.compensation is not None and old.compensation.paid_at is not None:
                        raise PolicyError("Compensation has already been paid on this case; "
                                          "it cannot be replaced by another resolution.",
                                          "本问题件已支付赔偿，不能更换处理方案。")
                    old.state = ResolutionState.SUPERSEDED.value
            target = CaseStatus.AWAITING_APPROVAL if needs_approval else CaseStatus.RESOLUTION_CHOSEN
            self._set_status(s, case, target, by=by, now=now)
            res = Resolution(type=type.value, details=parsed.to_dict(), chosen_at=now, chosen_by_id=by,
                             state=(ResolutionState.AWAITING_APPROVAL if needs_approval
                                    else ResolutionState.CHOSEN).value)
            case.resolutions.append(res)
            if suggestion is not None:
                assert isinstance(parsed, Compensate)
                res.compensation = Compensation(
                    case_id=case.id, suggested_amount=suggestion.amount, amount=parsed.amount,
                    basis=suggestion.basis,
                    explanation=suggestion.explanation("zh_CN") + "\n" + suggestion.explanation("en"),
                    adjust_reason=details.get("adjust_reason") or "",
                    approval_state="pending" if needs_approval else "not_needed")
            record_event(s, case, at=now, operator_id=by, action="resolution", field="resolution",
                         after=type, detail=parsed.summary("zh_CN"))
            if not needs_approval:  # a pending amount is told when a manager approves it
                queue_notices(s, case, NoticeEvent.RESOLUTION_CHOSEN, now=now, by=by)
            self._touch(case, now)
        return self.detail(case_id)

    def decide_approval(self, *, case_id: int, approve: bool, comment: str, by: int,
                        expected_version: int | None = None) -> CaseDetail:
        """A manager approves or rejects the pending compensation."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.APPROVE_COMPENSATION)
            case = self._load(s, case_id, expected_version)
            res = _live_resolution(case)
            if res is None or res.compensation is None or res.compensation.approval_state != "pending":
                raise PolicyError(f"Case {case.case_no} has no compensation awaiting approval.",
                                  f"问题件 {case.case_no} 没有待审批的赔偿。")
            if not approve and not comment.strip():
                raise ValidationError("Say why the compensation is rejected.", "驳回赔偿须填写原因。",
                                      field="comment")
            comp = res.compensation
            comp.approval_state = "approved" if approve else "rejected"
            comp.approver_id = by
            comp.approved_at = now
            comp.approval_comment = comment.strip()
            res.state = (ResolutionState.APPROVED if approve else ResolutionState.REJECTED).value
            self._set_status(s, case, CaseStatus.RESOLUTION_CHOSEN if approve else CaseStatus.INVESTIGATING,
                             by=by, now=now)
            record_event(s, case, at=now, operator_id=by, action="approval",
                         field="compensation.approval", before="pending", after=comp.approval_state,
                         detail=f"¥{comp.amount} {comment.strip()}".strip())
            if approve:
                queue_notices(s, case, NoticeEvent.COMPENSATION_APPROVED, now=now, by=by)
            self._touch(case, now)
        return self.detail(case_id)

    def start_resolution(self, *, case_id: int, by: int, expected_version: int | None = None,
                         note: str = "") -> CaseDetail:
        """Work on the chosen resolution begins (e.g. parcel out for redelivery)."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            res = _live_resolution(case)
            if res is None:
                raise PolicyError("Choose a resolution first.", "请先选定处理方案。")
            if res.compensation is not None and res.compensation.approval_state == "pending":
                raise PolicyError("This compensation still waits for a manager's approval.",
                                  "该赔偿尚待网点负责人审批。")
            self._set_status(s, case, CaseStatus.IN_PROGRESS, by=by, now=now)
            res.state = ResolutionState.IN_PROGRESS.value
            res.started_at = now
            if note.strip():
                record_event(s, case, at=now, operator_id=by, action="note", detail=note.strip())
            self._touch(case, now)
        return self.detail(case_id)

    def update_resolution(self, *, case_id: int, details: dict[str, Any], by: int,
                          expected_version: int | None = None) -> CaseDetail:
        """Add facts that arrive later (e.g. the transfer was signed for)."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            res = _live_resolution(case)
            if res is None:
                raise PolicyError("There is no resolution to update.", "没有可更新的处理方案。")
            rtype = ResolutionType(res.type)
            if rtype is ResolutionType.COMPENSATE:
                raise PolicyError("A compensation amount cannot be edited; choose compensation again.",
                                  "赔偿金额不能直接修改，请重新选择赔偿方案。")
            merged = parse_details(rtype, {**res.details, **details}).to_dict()
            for key, value in merged.items():
                if res.details.get(key) != value:
                    record_event(s, case, at=now, operator_id=by, action="field",
                                 field=f"resolution.{key}", before=res.details.get(key), after=value)
            if merged != res.details:  # like update_facts: nothing changed, nothing to announce
                res.details = merged
                self._touch(case, now)
        return self.detail(case_id)

    def record_payment(self, *, case_id: int, method: PaymentMethod, reference: str, paid_on: date,
                       by: int, payee_account: str = "", expected_version: int | None = None) -> CaseDetail:
        """Record that approved (or below-threshold) compensation was paid."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            res = _live_resolution(case)
            comp = res.compensation if res is not None else None
            if comp is None:
                raise PolicyError(f"Case {case.case_no} has no compensation to pay.",
                                  f"问题件 {case.case_no} 没有需要支付的赔偿。")
            if comp.approval_state not in ("approved", "not_needed"):
                raise PolicyError("The compensation must be approved before it is paid.",
                                  "赔偿须经审批后才能支付。")
            if comp.paid_at is not None:
                raise PolicyError("This compensation has already been paid.", "该赔偿已支付。")
            if method is not PaymentMethod.CASH and not reference.strip():
                raise ValidationError("Enter the transfer reference (bank, Alipay or WeChat Pay).",
                                      "请填写转账流水号（银行、支付宝或微信支付）。", field="reference")
            tz = read_setting(s, "timezone")
            if paid_on > local_date(now, tz):
                raise ValidationError("The paid date cannot be in the future.", "支付日期不能晚于今天。",
                                      field="paid_on")
            comp.payment_method = method.value
            comp.payment_reference = reference.strip()
            comp.payee_account = payee_account.strip()
            # The day is what the receipt shows; noon local time keeps it on that day.
            comp.paid_at = to_utc(datetime.combine(paid_on, time(12, 0)), tz)
            comp.paid_by_id = by
            if CaseStatus(case.status) is not CaseStatus.IN_PROGRESS:
                self._set_status(s, case, CaseStatus.IN_PROGRESS, by=by, now=now)
                res.state = ResolutionState.IN_PROGRESS.value  # type: ignore[union-attr]
                res.started_at = res.started_at or now  # type: ignore[union-attr]
            record_event(s, case, at=now, operator_id=by, action="payment", field="compensation.paid",
                         after=f"¥{comp.amount}",
                         detail=f"{method.value} {reference.strip()} {paid_on.isoformat()}")
            queue_notices(s, case, NoticeEvent.COMPENSATION_PAID, now=now, by=by)
            self._touch(case, now)
        return self.detail(case_id)

    # ----------------------------------------------------------- close & co.
    def close_case(self, *, case_id: int, outcome: FinalOutcome, by: int, satisfaction: int | None = None,
                   note: str = "", expected_version: int | None = None) -> CaseDetail:
        """Record the final outcome and close the case."""
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            raise ValidationError("The satisfaction rating is 1 to 5.", "满意度评分为 1 到 5。",
                                  field="satisfaction")
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            res = _live_resolution(case)
            comp = res.compensation if res is not None else None
            if comp is not None and comp.approval_state == "pending":
                raise PolicyError("The compensation still waits for approval; it cannot be closed yet.",
                                  "赔偿尚待审批，暂不能结案。")
            if outcome is FinalOutcome.COMPENSATED and (comp is None or comp.paid_at is None):
                raise PolicyError("Record the payment before closing as compensated.",
                                  "请先登记赔付，再以“已赔偿”结案。")
            self._set_status(s, case, CaseStatus.CLOSED, by=by, now=now)
            if res is not None:
                res.state = ResolutionState.DONE.value
                res.completed_at = now
            case.closed_at = now
            case.final_outcome = outcome.value
            case.satisfaction = satisfaction
            case.close_note = note.strip()
            record_event(s, case, at=now, operator_id=by, action="closed", field="final_outcome",
                         after=outcome,
                         detail=(f"★{satisfaction} " if satisfaction else "") + note.strip())
            queue_notices(s, case, NoticeEvent.CLOSED, now=now, by=by)
            self._touch(case, now)
        return self.detail(case_id)

    def reopen_case(self, *, case_id: int, reason: str, by: int,
                    expected_version: int | None = None) -> CaseDetail:
        """Reopen a closed or cancelled case; the reason is required and recorded."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            if case.is_open:
                raise IllegalTransitionError(f"Case {case.case_no} is open: only a closed or cancelled "
                                             "case can be reopened.",
                                             f"问题件 {case.case_no} 未结案，只有已结案或已撤销的问题件才能重新打开。")
            self._refuse_duplicate(s, case, case.kind)
            self._set_status(s, case, CaseStatus.INVESTIGATING, by=by, now=now, reason=reason.strip())
            for field_name in ("closed_at", "final_outcome", "satisfaction"):
                if getattr(case, field_name) is not None:
                    record_event(s, case, at=now, operator_id=by, action="field", field=field_name,
                                 before=getattr(case, field_name), after=None)
                    setattr(case, field_name, None)
            record_event(s, case, at=now, operator_id=by, action="reopened", detail=reason.strip())
            self._touch(case, now)
        return self.detail(case_id)

    def cancel_case(self, *, case_id: int, reason: str, by: int,
                    expected_version: int | None = None) -> CaseDetail:
        """Cancel a case registered in error (a reason is required)."""
        if not reason.strip():
            raise ValidationError("Say why the case is cancelled.", "撤销问题件须填写原因。", field="reason")
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.WORK_CASES)
            case = self._load(s, case_id, expected_version)
            res = _live_resolution(case)
            if res is not None and res.compensation is not None and res.compensation.paid_at is not None:
                raise PolicyError("Compensation was paid on this case: close it instead of cancelling.",
                                  "本问题件已赔付，请结案而不是撤销。")
            self._set_status(s, case, CaseStatus.CANCELLED, by=by, now=now, reason=reason.strip())
            case.closed_at = now
            if res is not None:
                res.state = ResolutionState.SUPERSEDED.value
            self._touch(case, now)
        return self.detail(case_id)

    def reveal_contacts(self, *, case_id: int, by: int) -> dict[str, str]:
        """The unmasked phones of a case; the reveal is recorded on the timeline."""
        now = self.clock.now()
        with self._tx() as s:
            authorize(s, by, Permission.REVEAL_CONTACTS)
            case = self._load(s, case_id, None)
            record_event(s, case, at=now, operator_id=by, action="revealed", field="phones",
                         detail="sender_phone, recipient_phone")
            record_global(s, at=now, operator_id=by, action="contacts_revealed", case_id=case.id,
                          field="phones", detail=case.case_no)
            return {"sender_phone": case.parcel.sender_phone,
                    "recipient_phone": case.parcel.recipient_phone}


# ---------------------------------------------------------------- module helpers
def _stale(case_no: str | None = None) -> StaleEditError:
    what = f"Case {case_no}" if case_no else "This case"
    zh_what = f"问题件 {case_no} " if case_no else "该问题件"
    return StaleEditError(
        f"{what} was changed at another desk after you opened it. Your change was not saved; "
        "the case has been reloaded — check it and try again.",
        f"{zh_what}在您打开后已被其他工作台修改，您的修改未保存。已重新加载，请核对后重试。")


def _masked_if_phone(name: str, value: Any) -> Any:
    if name.endswith("_phone") and isinstance(value, str):
        return mask_phone(value)
    return value


def _mask_contact(value: str | None) -> str | None:
    """A reporter's contact for the timeline: masked when it is a phone number."""
    if not value:
        return value
    try:
        return validate_phone(value).masked
    except PhoneNumberError:
        return value


def _apply_facts(row: Parcel, facts: ParcelFacts, *, only_missing: bool) -> bool:
    """Copy facts onto a parcel row; with ``only_missing`` fill blanks only."""
    changed = False
    for name, value in facts.as_dict().items():
        if name == "scope":
            value = value.value
            if only_missing and row.scope:
                continue
        current = getattr(row, name)
        if value in (None, ""):
            continue
        if only_missing and current not in (None, ""):
            continue
        if current != value:
            setattr(row, name, value)
            changed = True
    row.sender_phone_last4 = phone_last4(row.sender_phone or "")
    row.recipient_phone_last4 = phone_last4(row.recipient_phone or "")
    return changed


def _live_resolution(case: ProblemCase) -> Resolution | None:
    for res in reversed(case.resolutions):
        if res.state not in (ResolutionState.SUPERSEDED.value, ResolutionState.REJECTED.value):
            return res
    return None


def suggest_for_detail(detail: CaseDetail, claim: ClaimInput, policy: Policy) -> Suggestion:
    """The policy's suggested amount for a case already on screen, without a database read.

    For the live suggestion while a clerk types; choosing the resolution
    computes it again from the stored case and the current policy.
    """
    parcel = detail.parcel
    return suggest_compensation(ClaimFacts(
        kind=detail.kind, loss=claim.loss, declared_value=parcel.declared_value,
        insured_value=parcel.insured_value, freight=parcel.freight or Decimal(0),
        actual_loss=claim.actual_loss, full_value=claim.full_value, surcharges=claim.surcharges,
        exemption=claim.exemption, gross_negligence=claim.gross_negligence), policy)


def _claim_facts(case: ProblemCase, claim: ClaimInput) -> ClaimFacts:
    parcel = case.parcel
    return ClaimFacts(
        kind=ProblemKind(case.kind), loss=claim.loss, declared_value=parcel.declared_value,
        insured_value=parcel.insured_value, freight=parcel.freight or Decimal(0),
        actual_loss=claim.actual_loss, full_value=claim.full_value, surcharges=claim.surcharges,
        exemption=claim.exemption, gross_negligence=claim.gross_negligence)


def load_detail(s: Session, case_id: int) -> CaseDetail:
    """Load a case with everything it owns in a fixed number of queries."""
    case = s.scalars(
        select(ProblemCase).where(ProblemCase.id == case_id).options(
            selectinload(ProblemCase.parcel), selectinload(ProblemCase.contacts),
            selectinload(ProblemCase.resolutions).selectinload(Resolution.compensation),
            selectinload(ProblemCase.events), selectinload(ProblemCase.photos))
    ).first()
    if case is None:
        raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
    names = mapping.operator_names(s)
    detail = mapping.case_detail(case, names)
    attempts = [Attempt(c.party, c.channel, c.outcome, c.at) for c in detail.contacts]
    object.__setattr__(detail, "suggest_sender", case.is_open and suggest_sender(attempts))
    return detail
