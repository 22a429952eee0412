"""The bulk demo data path: every copied row keeps the services' own rules.

A small template (through the services) is copied to a few hundred cases;
each case is then checked as the services would have written it, and the
services open, edit and close a bulk-made case. SQLite only: the bulk path
uses SQLite's own date functions and PRAGMAs.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from depot_app.db.models import CaseEvent, Compensation, OutboxMessage, Parcel, ParcelSearchKey, ProblemCase
from depot_app.domain.case_numbers import parse_case_no
from depot_app.domain.clock import FixedClock, local_date
from depot_app.domain.deadlines import first_response_due, resolution_due
from depot_app.domain.errors import ConfigurationError
from depot_app.domain.identifiers import phone_last4, validate_phone, validate_tracking
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.lifecycle import TRANSITIONS
from depot_app.domain.vocabulary import CaseStatus, ContactChannel, ContactOutcome, ContactParty, FinalOutcome, Priority
from depot_app.services import Services
from depot_app.services.demo_bulk import _shift_text, generate_bulk_demo_data
from depot_app.services.search_keys import parcel_keys
from tests.conftest import START

TEMPLATE = 40
CASES = 400


@pytest.fixture
def bulk(sqlite_url: str) -> Services:
    services = Services.open(sqlite_url, clock=FixedClock(START))
    steps: list[str] = []
    summary = generate_bulk_demo_data(services, cases=CASES, seed=5, template=TEMPLATE,
                                      progress=lambda step: steps.append(step.step))
    assert summary.cases == CASES
    assert summary.open + summary.closed + summary.cancelled == CASES
    assert {"template", "plan", "problem_case", "case_event", "search keys"} <= set(steps)
    return services


def test_copied_cases_follow_the_rules(bulk: Services) -> None:
    services = bulk
    tz = services.settings.get("timezone")
    policy = services.settings.policy()
    try:
        with services.db.read() as s:
            cases = s.scalars(select(ProblemCase).order_by(ProblemCase.id)).all()
            parcels = {p.id: p for p in s.scalars(select(Parcel))}
            events: dict[int, list[CaseEvent]] = {}
            for e in s.scalars(select(CaseEvent).order_by(CaseEvent.id)):
                events.setdefault(e.case_id, []).append(e)
            comps = s.scalars(select(Compensation)).all()
            messages = s.scalars(select(OutboxMessage)).all()
            keys: dict[int, set[str]] = {}
            for k in s.scalars(select(ParcelSearchKey)):
                keys.setdefault(k.parcel_id, set()).add(k.key)
            assert len(cases) == CASES == len(parcels)

            # --- case numbers: the domain's format, unique, dated by the local report day
            assert len({c.case_no for c in cases}) == CASES
            for c in cases:
                number = parse_case_no(c.case_no)
                assert number is not None and number.depot_code == "SH01"
                assert number.day == local_date(c.reported_at, tz)
            # History reaches back more than a year; every case is reported before now.
            assert min(c.reported_at for c in cases) < START - timedelta(days=365)
            assert all(c.reported_at < START for c in cases)
            # Open cases stay recent.
            assert all(c.reported_at > START - timedelta(days=130) for c in cases if c.is_open)

            # --- deadlines from the policy
            for c in cases:
                kind = ProblemKind(c.kind)
                assert c.due_at == resolution_due(c.reported_at, kind, Priority(c.priority), policy)
                assert c.first_response_due_at == first_response_due(c.reported_at, kind, policy)

            # --- the state machine along each timeline, ending at the case's status
            for c in cases:
                timeline = events[c.id]
                assert timeline[0].action == "registered" and timeline[0].after == c.case_no
                assert [e.at for e in timeline] == sorted(e.at for e in timeline)
                assert timeline[0].at == c.reported_at
                status = CaseStatus.REGISTERED
                for e in timeline:
                    if e.field == "status" and e.before != e.after:
                        assert CaseStatus(e.before) is status
                        assert CaseStatus(e.after) in TRANSITIONS[status]
                        status = CaseStatus(e.after)
                assert status is CaseStatus(c.status)
                assert c.is_open == status.is_open
                assert (c.closed_at is not None) == (not status.is_open)
                assert parcels[c.parcel_id].tracking_no in timeline[0].detail

            # --- compensation within the rules: approval above the threshold, paid only when allowed
            assert comps
            for k in comps:
                assert Decimal("0") < k.amount
                if k.amount > policy.approval_threshold:
                    assert k.approval_state != "not_needed"
                if k.paid_at is not None:
                    assert k.approval_state in ("approved", "not_needed")
                    assert k.payment_method
                if k.approval_state in ("approved", "rejected"):
                    assert k.approver_id is not None and k.approved_at is not None

            # --- parcels: fresh valid tracking numbers, valid phones, varied names, keys present
            assert len({p.tracking_no for p in parcels.values()}) == CASES
            for p in parcels.values():
                info = validate_tracking(p.tracking_no)
                assert info.number == p.tracking_no and info.carrier.value == p.carrier
                for phone, last4 in ((p.sender_phone, p.sender_phone_last4),
                                     (p.recipient_phone, p.recipient_phone_last4)):
                    assert validate_phone(phone).number == phone
                    assert last4 == phone_last4(phone)
                assert keys[p.id] == parcel_keys(sender_name=p.sender_name, recipient_name=p.recipient_name,
                                                 sender_address=p.sender_address,
                                                 recipient_address=p.recipient_address)
            names = Counter(p.recipient_name for p in parcels.values())
            assert len(names) > CASES // 3

            # --- messages: fresh keys, the copied case's number and tracking tail, dates moved along
            assert len({m.idempotency_key for m in messages}) == len(messages)
            by_id = {c.id: c for c in cases}
            for m in messages:
                c = by_id[m.case_id]
                assert m.params.get("case_no", c.case_no) == c.case_no
                tail = m.params.get("tracking_last4")
                if tail is not None:
                    assert tail == parcels[c.parcel_id].tracking_no[-4:] and f"尾号{tail}" in m.body
                if "due_time" in m.params:
                    local_due = c.due_at + timedelta(hours=8)
                    assert m.params["due_time"].startswith(f"{local_due.month}月{local_due.day}日")
                    assert m.params["due_time"] in m.body
            assert {m.case_id for m in messages if m.case_id > TEMPLATE}
            # History holds sent messages: only copies of cases still open may have some waiting.
            for m in messages:
                c = by_id[m.case_id]
                if m.case_id > TEMPLATE and m.state == "sent":
                    assert m.sent_at is not None and m.last_outcome == "sent" and m.tries >= 1
                    assert m.sent_at >= m.created_at
                if m.case_id > TEMPLATE and m.state in ("pending", "sending"):
                    assert c.is_open, f"{c.case_no}'s message {m.id} waits although the case was closed"
            assert any(m.state == "sent" for m in messages if m.case_id > TEMPLATE)
    finally:
        services.close()


def test_services_carry_on_with_a_bulk_case(bulk: Services) -> None:
    services = bulk
    try:
        with services.db.read() as s:
            case_id = s.scalar(select(ProblemCase.id).where(ProblemCase.id > TEMPLATE, ProblemCase.is_open)
                               .order_by(ProblemCase.id.desc()))
        clerk = next(op.id for op in services.operators.list() if op.name == "李晓梅")
        assert case_id is not None and clerk is not None
        detail = services.cases.detail(case_id)
        services.cases.log_contact(case_id=case_id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                                   outcome=ContactOutcome.REACHED, note="已电话确认", by=clerk)
        closed = services.cases.close_case(case_id=case_id, outcome=FinalOutcome.WITHDRAWN, by=clerk,
                                           note="客户撤回")
        assert closed.status is CaseStatus.CLOSED and closed.case_no == detail.case_no
        # A new case on a copied day draws the next number, never a copied one.
        fresh = services.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DELAYED, by=clerk)
        with services.db.read() as s:
            assert s.scalar(select(ProblemCase.id).where(ProblemCase.case_no == fresh.case_no)) == fresh.id
    finally:
        services.close()


def test_dates_in_texts_move_with_the_case() -> None:
    assert _shift_text("上门 2026-08-12，单号 HX20260812001234", 10, 2026) == "上门 2026-08-02，单号 HX20260802001234"
    assert _shift_text("将于8月13日09:17前处理", 13, 2026) == "将于7月31日09:17前处理"
    assert _shift_text("8\\u670813\\u65e5", 13, 2026) == "7\\u670831\\u65e5"
    assert _shift_text("QR40960 20261399887766", 3, 2026) == "QR40960 20261399887766"
    assert _shift_text(None, 3, 2026) is None


def test_bulk_path_refuses_postgresql(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("the refusal is PostgreSQL's")
    services = Services.open(db_url, clock=FixedClock(START))
    try:
        with pytest.raises(ConfigurationError):
            generate_bulk_demo_data(services, cases=10, template=5)
    finally:
        services.close()
