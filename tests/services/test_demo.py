"""The demo data generator: realistic, rule-abiding, deterministic.

One generation per database kind (it goes through the real services, so it
takes a few seconds); every check runs on that one result.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy import func, select

from depot_app.db.models import CaseEvent, Compensation, Parcel, ProblemCase
from depot_app.domain.clock import FixedClock
from depot_app.domain.identifiers import phone_last4, validate_phone, validate_tracking
from depot_app.domain.vocabulary import CaseStatus, Role
from depot_app.services import Services
from depot_app.services.demo import DEMO_OPERATORS, generate_demo_data
from depot_app.services.queries import QueueFilter
from tests.conftest import START

CASES = 60
OPEN_STATUSES = {s for s in CaseStatus if s.is_open}


def _numbers(services: Services) -> list[tuple[str, str]]:
    with services.db.read() as s:
        rows = s.execute(select(ProblemCase.case_no, Parcel.tracking_no)
                         .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                         .order_by(ProblemCase.case_no)).all()
    return [(r[0], r[1]) for r in rows]


def test_demo_data(services: Services, clock: FixedClock, sqlite_url: str) -> None:
    seen: list[tuple[int, int]] = []
    summary = generate_demo_data(services, cases=CASES, seed=7,
                                 progress=lambda done, total: seen.append((done, total)))

    # --- counts
    assert summary.cases == CASES
    assert summary.open + summary.closed + summary.cancelled == CASES
    assert 7 <= summary.open < summary.closed
    assert summary.cancelled >= 1
    assert summary.compensated >= 1
    assert summary.elapsed_seconds > 0
    assert seen and seen[-1] == (CASES, CASES)
    q = services.queries
    assert q.count(QueueFilter()) == CASES
    assert q.count(QueueFilter(open_only=True)) == summary.open
    assert q.count(QueueFilter(statuses=frozenset({CaseStatus.CLOSED}))) == summary.closed
    assert q.count(QueueFilter(statuses=frozenset({CaseStatus.CANCELLED}))) == summary.cancelled
    # History runs up to the clock's now, which is left where it was.
    assert services.clock is clock and clock.now() == START

    # --- operators: the demo staff, with their roles
    ops = {op.name: op.role for op in services.operators.list()}
    assert summary.operators == len(DEMO_OPERATORS)
    for name, role in DEMO_OPERATORS:
        assert ops[name] is role
    assert ops["王建国"] is Role.MANAGER

    # --- every open status occurs; some open cases are overdue
    open_rows = q.fetch(QueueFilter(open_only=True), limit=1000)
    assert {r.status for r in open_rows} == OPEN_STATUSES
    assert q.count(QueueFilter(overdue_only=True)) >= 1
    assert all(r.reported_at < START for r in open_rows)

    with services.db.read() as s:
        # --- compensation: paid ones were approved or below the threshold
        threshold = services.settings.policy().approval_threshold
        comps = s.scalars(select(Compensation)).all()
        assert comps
        paid = [c for c in comps if c.paid_at is not None]
        assert paid
        for c in paid:
            assert c.approval_state in ("approved", "not_needed")
            if c.approval_state == "not_needed":
                assert c.amount <= threshold
            assert c.payment_method is not None and c.amount > Decimal("0")
        assert all(c.paid_at is None for c in comps if c.approval_state in ("pending", "rejected"))
        assert any(c.approval_state == "approved" for c in comps)

        # --- every case has its 'registered' event (and a timeline longer than that)
        registered = s.scalar(select(func.count(func.distinct(CaseEvent.case_id)))
                              .where(CaseEvent.action == "registered"))
        assert registered == CASES
        per_case = Counter(s.scalars(select(CaseEvent.case_id)).all())
        assert len(per_case) == CASES and sum(per_case.values()) > 3 * CASES

        # --- closed cases: outcome set; ratings 1..5 where given, skewed high
        closed = s.scalars(select(ProblemCase).where(ProblemCase.status == CaseStatus.CLOSED.value)).all()
        assert all(c.final_outcome and c.closed_at for c in closed)
        ratings = [c.satisfaction for c in closed if c.satisfaction is not None]
        assert ratings and all(1 <= r <= 5 for r in ratings)
        assert sum(ratings) / len(ratings) >= 3.5

        # --- parcels: valid tracking numbers of the carrier stored, valid phones
        parcels = s.scalars(select(Parcel)).all()
        assert len({p.carrier for p in parcels}) >= 5
        for p in parcels:
            info = validate_tracking(p.tracking_no)
            assert info.number == p.tracking_no and info.carrier.value == p.carrier
            for phone, last4 in ((p.sender_phone, p.sender_phone_last4),
                                 (p.recipient_phone, p.recipient_phone_last4)):
                assert validate_phone(phone).number == phone
                assert last4 == phone_last4(phone) and len(last4) == 4
            assert p.recipient_name and p.recipient_address.startswith("上海市")

    # --- deterministic: the same seed gives the same numbers in a fresh database
    other = Services.open(sqlite_url, clock=FixedClock(START))
    try:
        again = generate_demo_data(other, cases=CASES, seed=7)
        assert _numbers(other) == _numbers(services)
        assert (again.open, again.closed, again.cancelled, again.compensated) == \
            (summary.open, summary.closed, summary.cancelled, summary.compensated)
    finally:
        other.close()
