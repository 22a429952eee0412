"""Several workstations at once: separate OS processes on one database.

Every worker is its own process (spawn, so nothing is shared but the
database) with its own ``Services.open(url)``; workers start together on a
barrier. Run on SQLite (BEGIN IMMEDIATE + busy_timeout serialise the writers)
and on the real PostgreSQL server of the fixtures (READ COMMITTED, row locks).

The pool of worker processes is started once for the module: spawning a
Python that imports SQLAlchemy costs about a second per process.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from depot_app.db.models import CaseEvent, DayCounter, Parcel, ProblemCase
from depot_app.domain.case_numbers import parse_case_no
from depot_app.domain.clock import FixedClock
from depot_app.domain.errors import DuplicateOpenCaseError, StaleEditError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import CaseStatus, Priority, ResolutionType
from depot_app.services import Services
from tests.conftest import START

WORKERS = 4
BARRIER_TIMEOUT = 60


# ------------------------------------------------------------ worker side
# Module-level functions: a spawned process imports this module to run them.

def _open(url: str, photo_dir: str) -> Services:
    # The parent migrated the database; a desk opening it again would only check.
    return Services.open(url, clock=FixedClock(START), migrate=False, photo_dir=photo_dir)


def _tracking(worker: int, index: int) -> str:
    return f"SF{9_100_000_000_000 + worker * 100_000 + index}"


def register_many(url: str, photo_dir: str, by: int, worker: int, count: int, barrier: Any) -> list[str]:
    """Register ``count`` cases on fresh parcels; the case numbers issued."""
    sv = _open(url, photo_dir)
    try:
        sv.queries.counts()  # connect before the barrier, so the race is on the writes
        barrier.wait(BARRIER_TIMEOUT)
        return [sv.cases.register_case(tracking_no=_tracking(worker, i), kind=ProblemKind.DAMAGED,
                                       by=by).case_no for i in range(count)]
    finally:
        sv.close()


def register_same(url: str, photo_dir: str, by: int, tracking_no: str, barrier: Any) -> tuple[str, str]:
    """Register one case on a parcel every worker names: ("registered"|"duplicate", case_no)."""
    sv = _open(url, photo_dir)
    try:
        sv.queries.counts()
        barrier.wait(BARRIER_TIMEOUT)
        try:
            d = sv.cases.register_case(tracking_no=tracking_no, kind=ProblemKind.LOST, by=by)
        except DuplicateOpenCaseError as exc:
            return "duplicate", exc.case_no or ""
        return "registered", d.case_no
    finally:
        sv.close()


def edit_case(url: str, photo_dir: str, by: int, case_id: int, action: str, barrier: Any) -> tuple[str, int]:
    """Load the case, wait for the other desk, then change it from the version loaded.

    Returns ("saved" | "stale", the version this desk had loaded).
    """
    sv = _open(url, photo_dir)
    try:
        version = sv.cases.detail(case_id).version
        barrier.wait(BARRIER_TIMEOUT)
        try:
            _apply(sv, by, case_id, version, action)
        except StaleEditError:
            return "stale", version
        return "saved", version
    finally:
        sv.close()


def start_desk(url: str, photo_dir: str, barrier: Any) -> str | None:
    """Open the database as a desk starting up does (migrating it); its revision afterwards."""
    from depot_app.db.migrate import current_revision

    barrier.wait(BARRIER_TIMEOUT)
    sv = Services.open(url, clock=FixedClock(START), photo_dir=photo_dir)
    try:
        return current_revision(sv.db.engine)
    finally:
        sv.close()


def _apply(sv: Services, by: int, case_id: int, version: int, action: str) -> None:
    cases = sv.cases
    if action == "description":
        cases.update_facts(case_id=case_id, expected_version=version, by=by,
                           case_changes={"description": "desk A: 外包装破损"})
    elif action == "parcel":
        cases.update_facts(case_id=case_id, expected_version=version, by=by,
                           parcel_changes={"recipient_name": "王五"}, case_changes={"priority": "urgent"})
    elif action == "status":
        cases.set_status(case_id=case_id, expected_version=version, status=CaseStatus.INVESTIGATING, by=by)
    elif action == "resolution":
        cases.choose_resolution(case_id=case_id, expected_version=version, type=ResolutionType.REDELIVER,
                                details={"attempt_date": "2026-11-21"}, by=by)
    else:
        raise ValueError(action)


# ------------------------------------------------------------ test side

@pytest.fixture(scope="module")
def pool() -> Iterator[tuple[ProcessPoolExecutor, Any]]:
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    executor = ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx)
    try:
        yield executor, manager
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        manager.shutdown()


def _results(futures: list[Future[Any]]) -> list[Any]:
    return [f.result(timeout=120) for f in futures]


def _case_numbers(sv: Services) -> list[str]:
    with sv.db.read() as s:
        return list(s.scalars(select(ProblemCase.case_no)))


def _sequences(case_nos: list[str]) -> list[int]:
    parsed = [parse_case_no(no) for no in case_nos]
    assert all(p is not None for p in parsed), case_nos
    assert len({(p.depot_code, p.day) for p in parsed if p is not None}) == 1  # one depot, one day
    return sorted(p.sequence for p in parsed if p is not None)


@pytest.fixture
def photo_dir(tmp_path: Path) -> str:
    return str(tmp_path / "photos")


def test_registrations_started_together_get_distinct_numbers(
        pool: tuple[ProcessPoolExecutor, Any], services: Services, manager: int, db_url: str,
        photo_dir: str) -> None:
    executor, mp = pool
    barrier = mp.Barrier(WORKERS)
    per_worker = 15
    futures = [executor.submit(register_many, db_url, photo_dir, manager, w, per_worker, barrier)
               for w in range(WORKERS)]
    issued = [no for batch in _results(futures) for no in batch]
    assert len(issued) == WORKERS * per_worker
    assert len(set(issued)) == len(issued), Counter(issued).most_common(3)
    stored = _case_numbers(services)
    assert sorted(stored) == sorted(issued)  # every case the workers were told about is there
    assert _sequences(stored) == list(range(1, WORKERS * per_worker + 1))
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == WORKERS * per_worker
        assert s.scalar(select(func.count()).where(CaseEvent.action == "registered")) == len(issued)


def test_the_same_parcel_registered_at_every_desk_at_once_gives_one_case(
        pool: tuple[ProcessPoolExecutor, Any], services: Services, manager: int, db_url: str,
        photo_dir: str) -> None:
    # A new parcel (the insert races on the unique tracking number) and a known
    # one (the duplicate check races): neither may give two open lost-parcel
    # cases, nor an IntegrityError instead of "open that case instead".
    known = "SF9200000000002"
    services.cases.register_case(tracking_no=known, kind=ProblemKind.DAMAGED, by=manager)
    for tracking_no in ("SF9200000000001", known):
        executor, mp = pool
        barrier = mp.Barrier(WORKERS)
        outcomes = _results([executor.submit(register_same, db_url, photo_dir, manager, tracking_no, barrier)
                             for _ in range(WORKERS)])
        kinds = Counter(kind for kind, _no in outcomes)
        assert kinds == {"registered": 1, "duplicate": WORKERS - 1}, outcomes
        assert len({no for _kind, no in outcomes}) == 1  # the duplicates name the one case
    with services.db.read() as s:
        lost = s.scalar(select(func.count()).where(ProblemCase.kind == ProblemKind.LOST.value))
        parcels = s.scalar(select(func.count()).select_from(Parcel))
    assert (lost, parcels) == (2, 2)
    # Refused registrations gave back their numbers: the day's sequence has no holes.
    assert _sequences(_case_numbers(services)) == [1, 2, 3]


@pytest.mark.parametrize(("first", "second"), [("description", "parcel"), ("status", "resolution")])
def test_two_desks_editing_one_version_one_wins_and_nothing_is_lost(
        pool: tuple[ProcessPoolExecutor, Any], services: Services, manager: int, clerk: int, db_url: str,
        photo_dir: str, first: str, second: str) -> None:
    executor, mp = pool
    # Several rounds, so both ways of losing are likely exercised: refused at
    # load (the winner had committed) and refused at the UPDATE ... WHERE
    # version = n (the winner committed while the loser's transaction ran).
    for round_no in range(3):
        d = services.cases.register_case(tracking_no=f"SF93000000000{round_no:02d}", kind=ProblemKind.DELAYED,
                                         by=manager, parcel={"recipient_name": "李四"})
        barrier = mp.Barrier(2)
        futures = [executor.submit(edit_case, db_url, photo_dir, by, d.id, action, barrier)
                   for by, action in ((manager, first), (clerk, second))]
        (out_a, ver_a), (out_b, ver_b) = _results(futures)
        assert ver_a == ver_b == d.version  # both desks edited from the same version
        assert sorted((out_a, out_b)) == ["saved", "stale"], (out_a, out_b)
        winner, loser = (first, second) if out_a == "saved" else (second, first)
        loser_by = clerk if loser == second else manager

        after = services.cases.detail(d.id)
        assert after.version > d.version
        _assert_applied(after, winner, True)
        _assert_applied(after, loser, False)
        new_events = [e for e in after.events if e.id > max(x.id for x in d.events)]
        names = {op.id: op.name for op in services.queries.operators()}
        winner_name = names[manager if winner == first else clerk]
        assert new_events and all(e.operator == winner_name for e in new_events), \
            [(e.operator, e.action) for e in new_events]

        # The loser reloads and applies the change again: both are now in.
        _apply(services, loser_by, d.id, after.version, loser)
        final = services.cases.detail(d.id)
        _assert_applied(final, winner, True)
        _assert_applied(final, loser, True)
        assert final.version > after.version


def _assert_applied(d: Any, action: str, applied: bool) -> None:
    if action == "description":
        assert (d.description == "desk A: 外包装破损") is applied
    elif action == "parcel":
        assert (d.parcel.recipient_name == "王五") is applied
        assert (d.priority is Priority.URGENT) is applied
        assert (d.parcel.recipient_name == "李四") is not applied
    elif action == "status":
        assert any(e.action == "status" and e.after == CaseStatus.INVESTIGATING.value
                   for e in d.events) is applied
    elif action == "resolution":
        assert (d.current_resolution is not None
                and d.current_resolution.type is ResolutionType.REDELIVER) is applied


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_burst_of_a_thousand_registrations_from_four_processes(
        pool: tuple[ProcessPoolExecutor, Any], services: Services, manager: int, db_url: str,
        photo_dir: str) -> None:
    # PostgreSQL only: that is where writers really overlap and the counter's
    # upsert must hold under load. SQLite's BEGIN IMMEDIATE runs one writer at
    # a time (the 60-case race above covers its busy_timeout path), and the
    # extra 20 s of fsyncs would prove nothing more.
    executor, mp = pool
    barrier = mp.Barrier(WORKERS)
    total = 1000
    futures = [executor.submit(register_many, db_url, photo_dir, manager, w, total // WORKERS, barrier)
               for w in range(WORKERS)]
    issued = [no for batch in _results(futures) for no in batch]
    stored = _case_numbers(services)
    assert len(stored) == total and sorted(stored) == sorted(issued)
    assert _sequences(stored) == list(range(1, total + 1))  # unique and gapless for the day
    with services.db.read() as s:
        counters = s.execute(select(DayCounter.key, DayCounter.value)).all()
    assert [value for _key, value in counters] == [total]


@pytest.mark.postgres
def test_desks_starting_together_on_an_empty_server_database_all_start(
        pool: tuple[ProcessPoolExecutor, Any], pg_server: Any, photo_dir: str) -> None:
    # The first start migrates: several desks doing it at once must not fail
    # with "relation already exists" (SQLite is per desk, or serialised by its lock).
    import psycopg

    from depot_app.db.migrate import head_revision

    if pg_server is None:
        pytest.skip("PostgreSQL is not available here")
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE empty_for_desks")
    executor, mp = pool
    barrier = mp.Barrier(WORKERS)
    url = pg_server.url("empty_for_desks")
    revisions = _results([executor.submit(start_desk, url, photo_dir, barrier) for _ in range(WORKERS)])
    assert revisions == [head_revision()] * WORKERS
