"""Every hot query is served by an index: SQLite's plan of the SQL the services really send.

Each scenario calls real service functions on a migrated database holding a
small depot (``build_population`` plus a photo), records every statement the
engine sends (``before_cursor_execute``) and asks SQLite for ``EXPLAIN QUERY
PLAN`` of each with its own parameters. On the big tables a full ``SCAN`` is
refused unless the scenario names it and says why (an unfiltered listing
walking an index in its sort order, a count of everything, a substring
search that cannot use an index, the newest entries read backwards under a
LIMIT). Sorting into a temporary B-tree is refused whenever the statement
also scans a big table: that is sorting the whole table for one page.

The plans do not depend on the amount of data: the desk never runs ANALYZE,
so SQLite plans from the schema alone (``sqlite_stat1`` is checked absent).
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import event

from depot_app.db.models import (
    AuditEntry,
    CaseEvent,
    Compensation,
    ContactAttempt,
    Parcel,
    Photo,
    ProblemCase,
    Resolution,
)
from depot_app.domain.clock import FixedClock
from depot_app.domain.dashboard import Period
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    PhotoSlot,
    Role,
)
from depot_app.services import Services
from depot_app.services.audit_trail import AuditFilter
from depot_app.services.queries import SORT_KEYS, QueueFilter
from tests.conftest import START
from tests.services.test_queries import Population, build_population

#: Tables that grow with the depot's history.
BIG_TABLES = frozenset(m.__tablename__ for m in (ProblemCase, Parcel, CaseEvent, ContactAttempt, Photo,
                                                  Resolution, Compensation, AuditEntry))

PIN = "2580"

_SCAN = re.compile(r"^SCAN (?:TABLE )?(\w+)(?: USING (COVERING )?INDEX (\w+))?")
_SEARCH = re.compile(r"^SEARCH (?:TABLE )?(\w+) USING (?:COVERING )?INDEX (\w+)")
_ALIAS = re.compile(r"\b(\w+) AS (\w+)\b")
_INSERT_VALUES = re.compile(r"\s*INSERT INTO \w+ \([^)]*\) VALUES \(", re.IGNORECASE)


@dataclass
class Statement:
    sql: str
    parameters: Any
    plan: list[str]

    @property
    def aliases(self) -> dict[str, str]:
        """Plan names to table names (SQLAlchemy's ``operator AS operator_1``)."""
        return {alias: table for table, alias in _ALIAS.findall(self.sql)}

    def table(self, name: str) -> str:
        return name if name in BIG_TABLES else self.aliases.get(name, name)

    def scans(self) -> list[tuple[str, str | None]]:
        """(table, index or None) of every SCAN of a big table."""
        found = []
        for line in self.plan:
            m = _SCAN.match(line)
            if m and self.table(m.group(1)) in BIG_TABLES:
                found.append((self.table(m.group(1)), m.group(3)))
        return found

    def indexes(self) -> set[str]:
        """Every index the plan names (searches and index-ordered scans)."""
        return {m.group(2) for line in self.plan if (m := _SEARCH.match(line))} | {
            m.group(3) for line in self.plan if (m := _SCAN.match(line)) and m.group(3)}

    def text(self) -> str:
        head = " ".join(self.sql.split())
        return head + "\n    " + "\n    ".join(self.plan or ["(no plan)"])


@dataclass
class Depot:
    services: Services
    pop: Population
    manager: int
    clerk: int
    db_file: Path

    def capture(self, call: Callable[[], Any]) -> list[Statement]:
        """The statements ``call`` sends, each with SQLite's plan."""
        sent: list[tuple[str, Any]] = []

        def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
                   executemany: bool) -> None:
            if statement.lstrip().split(None, 1)[0].upper() in ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE"):
                sent.append((statement, parameters[0] if executemany and parameters else parameters))

        engine = self.services.db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            call()
        finally:
            event.remove(engine, "before_cursor_execute", record)
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            out = []
            for sql, parameters in sent:
                rows = cursor.execute("EXPLAIN QUERY PLAN " + sql, parameters or ()).fetchall()
                out.append(Statement(sql, parameters, [row[-1] for row in rows]))
            cursor.close()
        finally:
            raw.close()
        return out


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Depot]:
    folder = tmp_path_factory.mktemp("plans")
    db_file = folder / "depot.db"
    shutil.copy(sqlite_template, db_file)
    clock = FixedClock(START)
    sv = Services.open(f"sqlite:///{db_file}", clock=clock, photo_dir=folder / "photos")
    manager = sv.operators.ensure_first().id
    clerk = sv.operators.add(name="李客服", role=Role.CLERK, by=None).id
    sv.operators.set_secret(operator_id=clerk, secret=PIN, by=None)
    pop = build_population(sv, manager, clerk, clock)
    sv.photos.add_photos(case_id=pop.damaged.id, files=[("box.jpg", _jpeg())], slot=PhotoSlot.EXTERIOR,
                         by=manager)
    yield Depot(sv, pop, manager, clerk, db_file)
    sv.close()


@dataclass(frozen=True)
class Scenario:
    """A hot path: the service calls, the full scans it may do (table -> why) and
    indexes its plans must name."""

    call: Callable[[Depot], Any]
    scans: dict[str, str] = field(default_factory=dict)
    uses: frozenset[str] = frozenset()
    #: Why this statement may sort a whole big table (empty: it may not).
    full_sort: str = ""


def _queue(flt: QueueFilter, **fetch: Any) -> Callable[[Depot], Any]:
    return lambda d: (d.services.queries.count(flt), d.services.queries.fetch(flt, **fetch))


def _audit(flt: AuditFilter) -> Callable[[Depot], Any]:
    return lambda d: (d.services.audit.count(by=d.manager, filter=flt),
                      d.services.audit.entries(by=d.manager, filter=flt, limit=200))


_WHOLE_QUEUE = "the unfiltered queue: count reads the smallest index, the page walks the sort index"

SCENARIOS: dict[str, Scenario] = {
    # ----------------------------------------------------------- the queue
    "queue default order (due time)": Scenario(
        _queue(QueueFilter()), scans={"problem_case": _WHOLE_QUEUE}, uses=frozenset({"ix_problem_case_due"})),
    "queue by due time, descending": Scenario(
        _queue(QueueFilter(), descending=True), scans={"problem_case": _WHOLE_QUEUE},
        uses=frozenset({"ix_problem_case_due"})),
    "queue by case number": Scenario(_queue(QueueFilter(), sort="case_no"), scans={"problem_case": _WHOLE_QUEUE}),
    "queue by reported time": Scenario(
        _queue(QueueFilter(), sort="reported_at", descending=True), scans={"problem_case": _WHOLE_QUEUE},
        uses=frozenset({"ix_problem_case_reported_figures"})),
    "queue open only": Scenario(_queue(QueueFilter(open_only=True)), uses=frozenset({"ix_problem_case_open_due"})),
    "queue open and overdue": Scenario(_queue(QueueFilter(open_only=True, overdue_only=True)),
                                       uses=frozenset({"ix_problem_case_open_due"})),
    "queue by status": Scenario(_queue(QueueFilter(statuses=frozenset({CaseStatus.REGISTERED}))),
                                uses=frozenset({"ix_problem_case_status_due"})),
    "queue by kind": Scenario(_queue(QueueFilter(kinds=frozenset({ProblemKind.DAMAGED}))),
                              uses=frozenset({"ix_problem_case_kind_due"})),
    "queue by kind, open": Scenario(_queue(QueueFilter(kinds=frozenset({ProblemKind.DAMAGED}), open_only=True)),
                                    uses=frozenset({"ix_problem_case_kind_open_due"})),
    "queue by assignee": Scenario(lambda d: _queue(QueueFilter(assignee_id=d.clerk))(d),
                                  uses=frozenset({"ix_problem_case_assignee_due"})),
    "queue by assignee, open": Scenario(lambda d: _queue(QueueFilter(assignee_id=d.clerk, open_only=True))(d),
                                        uses=frozenset({"ix_problem_case_assignee_open_due"})),
    "queue reported between days": Scenario(
        _queue(QueueFilter(reported_from=date(2026, 11, 18), reported_to=date(2026, 11, 20))),
        uses=frozenset({"ix_problem_case_reported_figures"})),
    "queue closed between days": Scenario(
        _queue(QueueFilter(closed_from=date(2026, 11, 20), closed_to=date(2026, 11, 20))),
        uses=frozenset({"ix_problem_case_status_closed"})),
    # The ready-made views (main window's VIEWS) beyond "open" and "mine" above.
    "view: overdue": Scenario(_queue(QueueFilter(overdue_only=True)), uses=frozenset({"ix_problem_case_open_due"})),
    "view: awaiting approval": Scenario(_queue(QueueFilter(statuses=frozenset({CaseStatus.AWAITING_APPROVAL}))),
                                        uses=frozenset({"ix_problem_case_status_due"})),
    "view: closed this month": Scenario(_queue(QueueFilter(closed_from=date(2026, 11, 1))),
                                        uses=frozenset({"ix_problem_case_status_closed"})),
    # ----------------------------------------------------------- searches
    "search tracking number": Scenario(_queue(QueueFilter(text="SF9300000000001")),
                                       uses=frozenset({"sqlite_autoindex_parcel_1"})),
    "search tracking prefix": Scenario(_queue(QueueFilter(text="SF93000")),
                                       uses=frozenset({"sqlite_autoindex_parcel_1"})),
    "search case number": Scenario(lambda d: _queue(QueueFilter(text=d.pop.hub.case_no))(d),
                                   uses=frozenset({"sqlite_autoindex_problem_case_1"})),
    "search mobile phone": Scenario(_queue(QueueFilter(text="13987654321")),
                                    uses=frozenset({"ix_parcel_sender_phone", "ix_parcel_recipient_phone"})),
    "search landline": Scenario(_queue(QueueFilter(text="021-61234567")),
                                uses=frozenset({"ix_parcel_sender_phone", "ix_parcel_recipient_phone"})),
    "search last four digits": Scenario(
        _queue(QueueFilter(text="4321")),
        uses=frozenset({"ix_parcel_sender_phone_last4", "ix_parcel_recipient_phone_last4"})),
    "search name": Scenario(_queue(QueueFilter(text="李四")),
                            uses=frozenset({"ix_parcel_sender_name", "ix_parcel_recipient_name"})),
    "search surname only": Scenario(_queue(QueueFilter(text="王")),
                                    uses=frozenset({"ix_parcel_sender_name", "ix_parcel_recipient_name"})),
    "search with filters": Scenario(_queue(QueueFilter(text="李四", open_only=True), sort="reported_at")),
    "scan box: open cases of a parcel": Scenario(
        lambda d: d.services.queries.open_case_for_tracking("SF9300000000001")),
    "case number lookup": Scenario(lambda d: d.services.queries.case_id_by_no(d.pop.hub.case_no),
                                   uses=frozenset({"sqlite_autoindex_problem_case_1"})),
    "known parcel": Scenario(lambda d: d.services.queries.known_parcel("SF9300000000001"),
                             uses=frozenset({"sqlite_autoindex_parcel_1"})),
    # ----------------------------------------------------------- status bar, live updates
    "status bar counts": Scenario(lambda d: d.services.queries.counts(),
                                  uses=frozenset({"ix_problem_case_open_due"})),
    "change marker": Scenario(
        lambda d: d.services.queries.change_marker(),
        scans={"case_event": "the newest RECENT_EVENTS ids, read backwards off the primary key under a LIMIT"}),
    "open tabs' stamps": Scenario(lambda d: d.services.queries.case_stamps([c.id for c in d.pop.all]),
                                  uses=frozenset({"ix_case_event_case_id_id"})),
    "report: cases closed in a period": Scenario(
        lambda d: d.services.reports.closed_case_ids(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)),
        uses=frozenset({"ix_problem_case_status_closed"})),
    "dashboard figures of a month and the month before": Scenario(
        lambda d: d.services.dashboard.figures(period=Period(date(2026, 11, 1), date(2026, 11, 30)), by=d.manager),
        uses=frozenset({"ix_problem_case_reported_figures", "ix_problem_case_open_figures",
                        "ix_problem_case_closed_figures"})),
    # ----------------------------------------------------------- one case
    "case detail": Scenario(lambda d: d.services.cases.detail(d.pop.lost.id),
                            uses=frozenset({"ix_case_event_case_id_id", "ix_contact_attempt_case_id",
                                            "ix_resolution_case_id", "ix_photo_case_id"})),
    "case photos": Scenario(lambda d: d.services.photos.photos(d.pop.damaged.id),
                            uses=frozenset({"ix_photo_case_id"})),
    "log a contact": Scenario(lambda d: d.services.cases.log_contact(
        case_id=d.pop.hub.id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
        outcome=ContactOutcome.NO_ANSWER, by=d.clerk)),
    "register a case (per-day counter, parcel, duplicate check)": Scenario(
        lambda d: d.services.cases.register_case(tracking_no="SF9300000000001", kind=ProblemKind.DAMAGED,
                                                 by=d.manager),
        uses=frozenset({"sqlite_autoindex_parcel_1", "ix_problem_case_parcel_id"})),
    # ----------------------------------------------------------- operators
    "sign-in": Scenario(lambda d: d.services.operators.sign_in(operator_id=d.clerk, secret=PIN)),
    "operator by name": Scenario(lambda d: d.services.operators.find("李客服")),
    # ----------------------------------------------------------- audit trail
    "audit trail, newest first": Scenario(_audit(AuditFilter()), scans={
        "audit_entry": "all entries: count reads the smallest index, the page walks the primary key backwards"}),
    "audit trail by operator": Scenario(lambda d: _audit(AuditFilter(operator_id=d.clerk))(d),
                                        uses=frozenset({"ix_audit_entry_operator_id_id"})),
    "audit trail by action": Scenario(_audit(AuditFilter(action="signed_in")),
                                      uses=frozenset({"ix_audit_entry_action"})),
    "audit trail by days": Scenario(_audit(AuditFilter(date_from=START - timedelta(days=1), date_to=START)),
                                    uses=frozenset({"ix_audit_entry_at"})),
    "audit trail text search": Scenario(_audit(AuditFilter(text="李")), scans={
        "audit_entry": "a substring anywhere in the texts (LIKE '%…%'): no B-tree index can serve it"}),
    "audit trail action list": Scenario(lambda d: d.services.audit.actions(by=d.manager), scans={
        "audit_entry": "the distinct actions for the filter list: one pass over the narrow action index "
                       "(SQLite skip-scans only with ANALYZE statistics)"}, uses=frozenset({"ix_audit_entry_action"})),
}


#: Columns of "All cases" whose sort has no index: every page sorts the whole
#: table (tens of ms per 100,000 cases). An index per column would cost every write.
UNINDEXED_SORTS = frozenset({"status", "kind", "priority", "carrier", "assignee", "last_contact_at"})


def _sort_scenarios() -> dict[str, Scenario]:
    """The queue sorted by each column: open cases (what a clerk does all day) and all cases."""
    found = {f"open queue sorted by {key}": Scenario(_queue(QueueFilter(open_only=True), sort=key))
             for key in SORT_KEYS}
    for key in SORT_KEYS:
        found[f"all cases sorted by {key}"] = Scenario(
            _queue(QueueFilter(), sort=key, descending=True), scans={"problem_case": _WHOLE_QUEUE,
                                                                     "parcel": "joined in tracking order"},
            full_sort="no index for this column's order" if key in UNINDEXED_SORTS else "")
    return found


ALL = {**SCENARIOS, **_sort_scenarios()}


def check(statements: list[Statement], scenario: Scenario) -> list[str]:
    """What is wrong with these plans for this scenario (empty: all good)."""
    problems = []
    for st in statements:
        if _INSERT_VALUES.match(st.sql):
            # Inserting a parent row compiles in a look for orphan children (of
            # deferred foreign keys); SQLite skips it unless such are pending.
            continue
        scans = st.scans()
        for table, index in scans:
            if table not in scenario.scans:
                how = f"in index order ({index})" if index else "row by row"
                problems.append(f"full scan of {table} {how}:\n  {st.text()}")
        if scans and not scenario.full_sort and any("TEMP B-TREE" in line for line in st.plan):
            problems.append(f"sorts a whole big table for one page:\n  {st.text()}")
    if scenario.full_sort and not any("TEMP B-TREE" in line for st in statements for line in st.plan):
        problems.append("expected to sort the whole table but is read in index order now: "
                        "drop it from the exceptions")
    used = set().union(*(st.indexes() for st in statements)) if statements else set()
    for index in scenario.uses - used:
        problems.append(f"{index} is not used by any of:\n  " + "\n  ".join(st.text() for st in statements))
    return problems


def test_sqlite_plans_from_the_schema_alone(depot: Depot) -> None:
    raw = depot.services.db.engine.raw_connection()
    try:
        stat = raw.cursor().execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchall()
    finally:
        raw.close()
    assert stat == []


@pytest.mark.parametrize("name", list(ALL))
def test_hot_query_reads_an_index(depot: Depot, name: str) -> None:
    scenario = ALL[name]
    statements = depot.capture(lambda: scenario.call(depot))
    assert statements, "the scenario sent no SQL"
    problems = check(statements, scenario)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_timeline_read_uses_the_case_id_id_index(depot: Depot) -> None:
    """The case's timeline (selectin load, ordered by id) is a search of (case_id, id), no sort."""
    statements = depot.capture(lambda: depot.services.cases.detail(depot.pop.lost.id))
    timeline = [st for st in statements if re.search(r"\bFROM case_event\b", st.sql)]
    assert len(timeline) == 1, [st.text() for st in statements]
    plan = timeline[0].plan
    assert len(plan) == 1 and re.match(r"SEARCH (TABLE )?case_event USING INDEX ix_case_event_case_id_id "
                                       r"\(case_id=\?\)", plan[0]), timeline[0].text()


def test_stamps_are_one_index_only_probe_per_case(depot: Depot) -> None:
    """max(id) per case in one statement, read off the covering (case_id, id) index."""
    ids = [c.id for c in depot.pop.all]
    statements = depot.capture(lambda: depot.services.queries.case_stamps(ids))
    assert len(statements) == 1, [st.text() for st in statements]
    probe = [line for line in statements[0].plan if "case_event" in line]
    assert probe and all(re.match(r"SEARCH (TABLE )?case_event USING COVERING INDEX ix_case_event_case_id_id "
                                  r"\(case_id=\?\)", line) for line in probe), statements[0].text()
    stamps = depot.services.queries.case_stamps(ids)
    assert set(stamps) == set(ids)
    for case_id in ids:
        assert stamps[case_id].last_event_id == max(e.id for e in depot.services.cases.detail(case_id).events)


def test_the_checker_catches_a_full_scan_and_a_sort(depot: Depot) -> None:
    """A query without an index for its filter fails the check (the checker itself works)."""
    from sqlalchemy import select

    def bad() -> None:
        with depot.services.db.read() as s:
            s.execute(select(ContactAttempt.id).where(ContactAttempt.note == "x")
                      .order_by(ContactAttempt.channel)).all()

    problems = check(depot.capture(bad), Scenario(lambda _d: bad()))
    assert any("full scan of contact_attempt row by row" in p for p in problems)
    assert any("sorts a whole big table" in p for p in problems)
