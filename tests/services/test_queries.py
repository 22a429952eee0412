"""The queue on SQLite and PostgreSQL: filters, search, sorting, batches, counts; settings."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from depot_app.db.models import AuditEntry, DepotSetting
from depot_app.domain.clock import FixedClock
from depot_app.domain.errors import ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.views import CaseDetail, QueueRow
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    LossExtent,
    Priority,
    ResolutionType,
    Role,
)
from depot_app.services import Services
from depot_app.services.cases import ClaimInput
from depot_app.services.queries import SORT_KEYS, QueueFilter
from tests.conftest import START, _new_pg_database

D = Decimal
K = ProblemKind
S = CaseStatus


def ids(rows: list[QueueRow]) -> list[int]:
    return [r.id for r in rows]


def found(sv: Services, text: str = "", **flt: Any) -> set[int]:
    rows = sv.queries.fetch(QueueFilter(text=text, **flt), limit=1000)
    assert sv.queries.count(QueueFilter(text=text, **flt)) == len(rows)
    return set(ids(rows))


@dataclass
class Population:
    """A small depot: cases of several kinds, states, people and times."""

    lost: CaseDetail            # SF9300000000001, 张三 → 李四, high, awaiting approval
    lost_delay: CaseDetail      # same parcel, delayed, contacted
    damaged: CaseDetail         # YT…, 王五 with a landline, reported two days ago, normal, clerk
    complaint: CaseDetail       # low-priority complaint: first response due in 24 h
    hub: CaseDetail             # held at hub, urgent: due in 6 h
    closed: CaseDetail          # unreachable, closed an hour after START
    cancelled: CaseDetail       # refused, cancelled at START
    late_night: CaseDetail      # reported 17:30 UTC = 01:30 the next day in Shanghai
    before_midnight: CaseDetail  # reported 15:30 UTC the day before = 23:30 in Shanghai
    unassigned: CaseDetail      # cod change, assignee removed

    @property
    def all(self) -> list[CaseDetail]:
        return [self.lost, self.lost_delay, self.damaged, self.complaint, self.hub, self.closed,
                self.cancelled, self.late_night, self.before_midnight, self.unassigned]


def build_population(services: Services, manager: int, clerk: int, clock: FixedClock) -> Population:
    c = services.cases

    def reg(tracking_no: str, kind: ProblemKind, **kw: Any) -> CaseDetail:
        return c.register_case(tracking_no=tracking_no, kind=kind, by=manager, **kw)

    lost = reg("SF9300000000001", K.LOST, parcel={
        "sender_name": "张三", "sender_phone": "13812345678", "recipient_name": "李四",
        "recipient_phone": "13987654321", "declared_value": "1000", "insured_value": "800", "freight": "20"})
    lost = c.choose_resolution(case_id=lost.id, expected_version=lost.version, type=ResolutionType.COMPENSATE,
                               details={}, by=manager, claim=ClaimInput(loss=LossExtent.TOTAL))
    lost_delay = reg("SF9300000000001", K.DELAYED)
    damaged = reg("YT1234567890123", K.DAMAGED, priority=Priority.NORMAL, assignee_id=clerk,
                  reported_at=START - timedelta(days=2),
                  parcel={"recipient_name": "王五", "recipient_phone": "021-61234567"})
    complaint = reg("SF9300000000002", K.SERVICE_COMPLAINT, priority=Priority.LOW,
                    parcel={"recipient_name": "John Smith", "recipient_phone": "13700001111"})
    hub = reg("773012345678901", K.HELD_AT_HUB, priority=Priority.URGENT)
    closed = reg("SF9300000000003", K.UNREACHABLE, assignee_id=clerk)
    cancelled = reg("SF9300000000004", K.REFUSED)
    late_night = reg("JT1234567890123", K.RECIPIENT_INFO, reported_at=datetime(2026, 11, 20, 17, 30))
    before_midnight = reg("SF9300000000005", K.WEIGHT_MISMATCH, reported_at=datetime(2026, 11, 19, 15, 30))
    unassigned = reg("SF9300000000006", K.COD_CHANGE)
    unassigned = c.update_case(case_id=unassigned.id, expected_version=unassigned.version, by=manager,
                               changes={"assignee_id": None})
    cancelled = c.cancel_case(case_id=cancelled.id, reason="重复登记", by=manager)
    clock.advance(minutes=20)
    lost_delay = c.log_contact(case_id=lost_delay.id, party=ContactParty.RECIPIENT,
                               channel=ContactChannel.PHONE, outcome=ContactOutcome.NO_ANSWER, by=clerk)
    clock.advance(minutes=20)
    closed = c.log_contact(case_id=closed.id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                           outcome=ContactOutcome.REACHED, by=clerk)
    clock.advance(minutes=20)
    closed = c.close_case(case_id=closed.id, outcome=FinalOutcome.SIGNED, by=clerk, satisfaction=5)
    clock.moment = START
    return Population(lost, lost_delay, damaged, complaint, hub, closed, cancelled, late_night,
                      before_midnight, unassigned)




@pytest.fixture
def pop(services: Services, manager: int, clerk: int, clock: FixedClock) -> Population:
    """A fresh population for tests that change it."""
    return build_population(services, manager, clerk, clock)


@dataclass
class Shared:
    services: Services
    pop: Population
    manager: int
    clerk: int


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           sqlite_template: Path) -> Iterator[Shared]:
    """One population per database for the read-only tests (building it takes seconds).

    Tests using it must not change anything; those that do take ``pop``.
    """
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("shared") / "depot.db"
        shutil.copy(sqlite_template, target)
        url = f"sqlite:///{target}"
    else:
        server = request.getfixturevalue("pg_server")
        if server is None:
            pytest.skip("PostgreSQL is not available here (apt-get install postgresql)")
        url = _new_pg_database(server)
    clock = FixedClock(START)
    sv = Services.open(url, clock=clock)
    manager = sv.operators.ensure_first().id
    clerk = sv.operators.add(name="李客服", role=Role.CLERK, by=None).id
    population = build_population(sv, manager, clerk, clock)
    yield Shared(sv, population, manager, clerk)
    sv.close()


# ------------------------------------------------------------------ filters


def test_no_filter_shows_everything(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services) == {d.id for d in pop.all}


def test_status_filter(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, statuses=frozenset({S.CLOSED})) == {pop.closed.id}
    assert found(services, statuses=frozenset({S.CLOSED, S.CANCELLED})) == {pop.closed.id, pop.cancelled.id}
    assert found(services, statuses=frozenset({S.AWAITING_APPROVAL})) == {pop.lost.id}


def test_open_only(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, open_only=True) == {d.id for d in pop.all} - {pop.closed.id, pop.cancelled.id}


def test_kinds_filter(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, kinds=frozenset({K.LOST, K.DAMAGED})) == {pop.lost.id, pop.damaged.id}
    assert found(services, kinds=frozenset({K.SWAPPED})) == set()


def test_assignee_filter(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    clerk = shared.clerk
    manager = shared.manager
    assert found(services, assignee_id=clerk) == {pop.damaged.id, pop.closed.id}
    assert pop.unassigned.id not in found(services, assignee_id=manager)


def test_overdue_only(services: Services, pop: Population, clock: FixedClock) -> None:
    assert found(services, overdue_only=True) == set()
    clock.advance(hours=7)  # the urgent hub case (6 h) is late
    assert found(services, overdue_only=True) == {pop.hub.id}
    clock.advance(hours=18)  # START + 25 h
    # damaged was due 72 h after a report two days ago; the complaint's first response is late.
    assert found(services, overdue_only=True) == {pop.hub.id, pop.damaged.id, pop.complaint.id}
    services.cases.log_contact(case_id=pop.complaint.id, party=ContactParty.RECIPIENT,
                               channel=ContactChannel.PHONE, outcome=ContactOutcome.REACHED,
                               by=pop.complaint.assignee_id or 0)
    assert found(services, overdue_only=True) == {pop.hub.id, pop.damaged.id}
    # Closed cases are never overdue, however old.
    clock.advance(days=365)
    assert pop.closed.id not in found(services, overdue_only=True)
    assert pop.cancelled.id not in found(services, overdue_only=True)


def test_reported_range_uses_local_days(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    nov20 = {pop.lost.id, pop.lost_delay.id, pop.complaint.id, pop.hub.id, pop.closed.id,
             pop.cancelled.id, pop.unassigned.id}
    assert found(services, reported_from=date(2026, 11, 20), reported_to=date(2026, 11, 20)) == nov20
    assert found(services, reported_from=date(2026, 11, 21)) == {pop.late_night.id}
    assert found(services, reported_to=date(2026, 11, 19)) == {pop.before_midnight.id, pop.damaged.id}
    assert found(services, reported_from=date(2026, 11, 19), reported_to=date(2026, 11, 19)) == {
        pop.before_midnight.id}
    assert found(services, reported_from=date(2026, 11, 18), reported_to=date(2026, 11, 18)) == {
        pop.damaged.id}


def test_closed_range(services: Services, pop: Population, manager: int, clock: FixedClock) -> None:
    clock.moment = datetime(2026, 11, 20, 16, 30)  # 00:30 on 21 November in Shanghai
    hub = services.cases.close_case(case_id=pop.hub.id, outcome=FinalOutcome.SIGNED, by=manager)
    assert found(services, closed_from=date(2026, 11, 20), closed_to=date(2026, 11, 20)) == {pop.closed.id}
    assert found(services, closed_from=date(2026, 11, 21)) == {hub.id}
    assert found(services, closed_from=date(2026, 11, 20)) == {pop.closed.id, hub.id}
    # A cancelled case is not "closed", whichever end of the range is given.
    assert found(services, closed_to=date(2026, 11, 20)) == {pop.closed.id}
    assert found(services, closed_to=date(2026, 11, 19)) == set()


def test_filters_combine(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    clerk = shared.clerk
    assert found(services, open_only=True, assignee_id=clerk) == {pop.damaged.id}
    assert found(services, "SF930000000000", kinds=frozenset({K.LOST})) == {pop.lost.id}


# ------------------------------------------------------------------ search


def test_search_by_full_tracking_number(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "SF9300000000001") == {pop.lost.id, pop.lost_delay.id}
    assert found(services, " sf 9300-0000-0000-1 ") == {pop.lost.id, pop.lost_delay.id}
    assert found(services, "773012345678901") == {pop.hub.id}


def test_search_by_tracking_prefix(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "YT12345") == {pop.damaged.id}
    assert found(services, "sf93") == {pop.lost.id, pop.lost_delay.id, pop.complaint.id, pop.closed.id,
                                       pop.cancelled.id, pop.before_midnight.id, pop.unassigned.id}


def test_search_by_case_number(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, pop.complaint.case_no) == {pop.complaint.id}
    assert found(services, pop.complaint.case_no.lower()) == {pop.complaint.id}
    # As read out over the phone, in groups.
    spaced = pop.complaint.case_no.replace("-", " ")
    assert found(services, spaced) == {pop.complaint.id}
    assert found(services, "SH01-261121-0001") == {pop.late_night.id}
    assert found(services, "SH01-261231-0001") == set()


def test_search_by_full_phone(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "13812345678") == {pop.lost.id, pop.lost_delay.id}  # the sender
    assert found(services, "139 8765 4321") == {pop.lost.id, pop.lost_delay.id}  # the recipient
    assert found(services, "13700001111") == {pop.complaint.id}
    assert found(services, "13800000000") == set()


def test_search_by_full_landline(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "021-61234567") == {pop.damaged.id}
    assert found(services, "02161234567") == {pop.damaged.id}


def test_search_by_last_four_digits(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "5678") == {pop.lost.id, pop.lost_delay.id}
    assert found(services, "4321") == {pop.lost.id, pop.lost_delay.id}
    assert found(services, "4567") == {pop.damaged.id}  # a landline's 尾号
    assert found(services, "1111") == {pop.complaint.id}
    assert found(services, "0000") == set()


def test_search_by_name_prefix(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "张三") == {pop.lost.id, pop.lost_delay.id}
    assert found(services, "张") == set()  # a lone surname matches only a one-character name
    assert found(services, "John") == {pop.complaint.id}
    assert found(services, "Jo") == {pop.complaint.id}
    assert found(services, "赵六") == set()


@pytest.mark.parametrize("garbage", ["！@#￥%", "???", "zzzz", "SF0000", "999999999999999999"])
def test_garbage_finds_nothing(shared: Shared, garbage: str) -> None:
    services = shared.services
    assert found(services, garbage) == set()


def test_empty_search_is_no_filter(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    assert found(services, "   ") == {d.id for d in pop.all}


def test_open_case_for_tracking_and_lookups(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    rows = services.queries.open_case_for_tracking("sf9300000000001")
    assert set(ids(rows)) == {pop.lost.id, pop.lost_delay.id}
    assert services.queries.open_case_for_tracking("SF9300000000004") == []  # cancelled only
    assert services.queries.case_id_by_no(pop.hub.case_no.lower()) == pop.hub.id
    known = services.queries.known_parcel("SF9300000000001")
    assert known is not None and known["sender_phone"] == "138****5678"
    assert services.queries.known_parcel("SF9399999999999") is None


# ------------------------------------------------------------------ sorting and batches

PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}


def sort_value(row: QueueRow, key: str) -> tuple[int, Any]:
    """Python's idea of the order: missing values first when ascending."""
    if key == "priority":
        return (1, PRIORITY_RANK[row.priority])
    value = getattr(row, key)
    if value is None or value == "":
        return (0, None)
    return (1, value.value if hasattr(value, "value") else value)


@pytest.mark.parametrize("key", SORT_KEYS)
def test_sort_by_each_key_both_ways(shared: Shared, key: str) -> None:
    services, pop = shared.services, shared.pop
    everything = services.queries.fetch(QueueFilter(), limit=1000)
    expected = sorted(everything, key=lambda r: (sort_value(r, key), r.id))
    ascending = services.queries.fetch(QueueFilter(), sort=key, limit=1000)
    descending = services.queries.fetch(QueueFilter(), sort=key, descending=True, limit=1000)
    assert ids(ascending) == ids(expected)
    assert ids(descending) == list(reversed(ids(expected)))
    assert len(ascending) == len(pop.all)


def test_the_sort_keys_cover_the_queue_columns() -> None:
    assert set(SORT_KEYS) == {"case_no", "tracking_no", "carrier", "kind", "status", "priority",
                              "assignee", "reported_at", "due_at", "last_contact_at"}


def test_priority_sorts_by_rank_not_alphabetically(shared: Shared) -> None:
    services = shared.services
    rows = services.queries.fetch(QueueFilter(), sort="priority", limit=1000)
    order = [r.priority for r in rows]
    ranks = [PRIORITY_RANK[p] for p in order]
    assert ranks == sorted(ranks)
    assert order[0] is Priority.LOW and order[-1] is Priority.URGENT
    assert sorted({p.value for p in order}) != [p.value for p in dict.fromkeys(order)]  # not a-z


def test_never_contacted_cases_come_first_by_last_contact(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    rows = services.queries.fetch(QueueFilter(), sort="last_contact_at", limit=1000)
    contacted = [r.id for r in rows if r.last_contact_at is not None]
    assert contacted == [pop.lost_delay.id, pop.closed.id]
    assert ids(rows)[-2:] == contacted


def test_unknown_sort_key_is_refused(shared: Shared) -> None:
    services = shared.services
    with pytest.raises(ValueError):
        services.queries.fetch(QueueFilter(), sort="recipient_phone")


@pytest.mark.parametrize(("key", "descending"), [("due_at", False), ("kind", True), ("priority", False),
                                                 ("assignee", True), ("last_contact_at", False)])
@pytest.mark.parametrize("size", [1, 3, 4])
def test_batches_join_up_without_gaps_or_repeats(shared: Shared, key: str,
                                                 descending: bool, size: int) -> None:
    services, pop = shared.services, shared.pop
    whole = services.queries.fetch(QueueFilter(), sort=key, descending=descending, limit=1000)
    joined: list[QueueRow] = []
    offset = 0
    while True:
        batch = services.queries.fetch(QueueFilter(), sort=key, descending=descending, offset=offset,
                                       limit=size)
        assert len(batch) <= size
        if not batch:
            break
        joined += batch
        offset += size
    assert ids(joined) == ids(whole)
    assert len(set(ids(joined))) == len(pop.all)


def test_queue_row_contents(shared: Shared) -> None:
    services, pop = shared.services, shared.pop
    (row,) = services.queries.fetch(QueueFilter(text=pop.lost_delay.case_no))
    assert row.case_no == pop.lost_delay.case_no and row.tracking_no == "SF9300000000001"
    assert row.carrier == "sf" and row.kind is K.DELAYED and row.status is S.REGISTERED
    assert row.assignee == "网点负责人" and row.recipient_name == "李四"
    assert row.last_contact_at == START + timedelta(minutes=20)
    assert row.last_contact_outcome is ContactOutcome.NO_ANSWER
    assert row.version == pop.lost_delay.version


# ------------------------------------------------------------------ counts


def test_counts(services: Services, pop: Population, clock: FixedClock) -> None:
    counts = services.queries.counts()
    assert counts.open == 8
    assert counts.overdue == 0
    assert counts.awaiting_approval == 1
    assert counts.due_soon == 0
    clock.advance(hours=3)  # the hub case (due at +6 h) has less than 4 h left
    assert services.queries.counts().due_soon == 1
    clock.advance(hours=22)  # START + 25 h
    counts = services.queries.counts()
    assert counts.overdue == 3  # hub, damaged, and the complaint's first response
    services.cases.log_contact(case_id=pop.complaint.id, party=ContactParty.RECIPIENT,
                               channel=ContactChannel.SMS, outcome=ContactOutcome.LEFT_MESSAGE,
                               by=pop.lost.assignee_id or 0)
    assert services.queries.counts().overdue == 2
    services.cases.decide_approval(case_id=pop.lost.id, approve=True, comment="", by=pop.lost.assignee_id or 0)
    assert services.queries.counts().awaiting_approval == 0


# ------------------------------------------------------------------ settings


@dataclass(frozen=True)
class Audited:
    action: str
    field: str | None
    before: str | None
    after: str | None
    operator_id: int | None
    at: datetime


def audit(sv: Services) -> list[Audited]:
    with sv.db.read() as s:
        return [Audited(e.action, e.field, e.before, e.after, e.operator_id, e.at)
                for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_depot_code_changes_the_next_case_number(services: Services, manager: int) -> None:
    first = services.cases.register_case(tracking_no="SF9400000000001", kind=K.LOST, by=manager)
    assert first.case_no == "SH01-261120-0001"
    services.settings.set(key="depot_code", value=" bj02 ", by=manager)
    assert services.settings.get("depot_code") == "BJ02"
    second = services.cases.register_case(tracking_no="SF9400000000002", kind=K.LOST, by=manager)
    assert second.case_no == "BJ02-261120-0001"
    (entry,) = [e for e in audit(services) if e.field == "depot_code"]
    assert (entry.action, entry.before, entry.after, entry.operator_id) == (
        "setting_changed", "SH01", "BJ02", manager)


def test_time_zone_setting_decides_the_case_number_day(services: Services, manager: int,
                                                        clock: FixedClock) -> None:
    services.settings.set(key="timezone", value="UTC", by=manager)
    clock.moment = datetime(2026, 11, 20, 17, 30)
    d = services.cases.register_case(tracking_no="SF9400000000003", kind=K.LOST, by=manager)
    assert d.case_no == "SH01-261120-0001"


@pytest.mark.parametrize(("key", "value"), [
    ("depot_code", "B"),
    ("depot_code", "北京01"),
    ("depot_name", "  "),
    ("depot_name", "网" * 65),
    ("timezone", "Mars/Olympus_Mons"),
    ("timezone", ""),
    ("policy", {"approval_threshold": "-1"}),
    ("policy", {"complaint_first_response_hours": 0}),
    ("policy", {"resolution_hours": {"lost": 0}}),
    ("policy", {"lost_after_days": {"domestic": -7}}),
    ("policy", {"priority_factors": {"urgent": "0"}}),
])
def test_invalid_settings_are_refused(services: Services, manager: int, key: str, value: Any) -> None:
    before = services.settings.all()
    with pytest.raises(ValidationError) as info:
        services.settings.set(key=key, value=value, by=manager)
    assert info.value.field == key
    assert services.settings.all() == before
    assert [e for e in audit(services) if e.action == "setting_changed"] == []


def test_unknown_setting_is_refused(services: Services, manager: int) -> None:
    with pytest.raises(ValidationError) as info:
        services.settings.set(key="colour", value="red", by=manager)
    assert info.value.field == "colour"
    with services.db.read() as s:
        assert s.scalars(select(DepotSetting)).all() == []


def test_depot_name_is_trimmed(services: Services, manager: int) -> None:
    services.settings.set(key="depot_name", value="  上海张江网点 ", by=manager)
    assert services.settings.get("depot_name") == "上海张江网点"
    assert services.settings.all()["depot_name"] == "上海张江网点"


def changed_policy() -> Policy:
    base = Policy()
    return base.with_changes(
        approval_threshold=D("500.00"),
        uninsured_freight_multiple=D("5"),
        delay_waives_freight=False,
        complaint_first_response_hours=12,
        resolution_hours={**base.resolution_hours, K.LOST: 240},
        priority_factors={**base.priority_factors, Priority.URGENT: D("0.2")},
    )


def test_policy_round_trip(services: Services, manager: int) -> None:
    assert services.settings.policy() == Policy()
    new = changed_policy()
    services.settings.set_policy(policy=new, by=manager)
    stored = services.settings.policy()
    assert stored == new
    assert stored.approval_threshold == D("500.00") and stored.resolution_hours[K.LOST] == 240
    assert stored.priority_factors[Priority.URGENT] == D("0.2")
    assert stored.delay_waives_freight is False


def test_policy_change_takes_effect(services: Services, manager: int) -> None:
    services.settings.set_policy(policy=changed_policy(), by=manager)
    d = services.cases.register_case(tracking_no="SF9400000000004", kind=K.LOST, by=manager,
                                     parcel={"declared_value": "3000", "freight": "60"})
    assert d.due_at == START + timedelta(hours=120)  # 240 h × 0.5 (high)
    complaint = services.cases.register_case(tracking_no="SF9400000000005", kind=K.SERVICE_COMPLAINT,
                                             by=manager)
    assert complaint.first_response_due_at == START + timedelta(hours=12)
    d = services.cases.choose_resolution(case_id=d.id, expected_version=d.version,
                                         type=ResolutionType.COMPENSATE, details={}, by=manager,
                                         claim=ClaimInput(loss=LossExtent.TOTAL, actual_loss=D("1500")))
    comp = d.current_resolution.compensation  # type: ignore[union-attr]
    assert comp is not None and comp.amount == D("300.00")  # 5 × freight, below the new threshold
    assert d.status is S.RESOLUTION_CHOSEN


def test_policy_change_is_audited(services: Services, manager: int, clock: FixedClock) -> None:
    clock.advance(hours=2)
    services.settings.set_policy(policy=changed_policy(), by=manager)
    (entry,) = [e for e in audit(services) if e.action == "setting_changed"]
    assert entry.field == "policy" and entry.operator_id == manager
    assert entry.at == START + timedelta(hours=2)
    assert json.loads(entry.before or "")["approval_threshold"] == "200.00"
    assert json.loads(entry.after or "")["approval_threshold"] == "500.00"
    assert json.loads(entry.after or "")["resolution_hours"]["lost"] == 240
    # Setting the same policy again changes nothing and records nothing.
    services.settings.set_policy(policy=changed_policy(), by=manager)
    assert len([e for e in audit(services) if e.action == "setting_changed"]) == 1
