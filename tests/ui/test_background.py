"""Background work: results reach only living owners, keyed requests coalesce,
and the counter's paths never touch the database from the GUI thread.

These tests use the real thread pools (not the synchronous mode the other
widget tests use) and wait on the condition itself: the owner's callback, a
job's ``sig_over``, or ``pending() == 0``. pytest-qt fails a test on any
exception raised in the Qt event loop, so "no exception" needs no assert.
"""

from __future__ import annotations

import gc
import random
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import event

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import ContactChannel, ContactOutcome, ContactParty, Role
from depot_app.ui.common import background
from depot_app.ui.common.background import BackgroundJob, Pool, pending, run_task, submit
from depot_app.ui.main_window import MainWindow
from depot_app.ui.workspace.case_workspace import (
    TAB_CLOSE,
    TAB_CONTACTS,
    TAB_EVIDENCE,
    TAB_RESOLUTION,
    TAB_TIMELINE,
    CaseWorkspace,
)


@pytest.fixture
def threaded() -> Iterator[None]:
    """The real pools for this test (tests/ui/conftest.py makes data work inline)."""
    background.set_synchronous(False)
    yield
    background.set_synchronous(True)


def settle(qtbot, timeout: int = 30_000) -> None:  # noqa: ANN001
    """Until every piece of background work ended and its result was handed over."""
    qtbot.waitUntil(lambda: pending() == 0, timeout=timeout)
    QApplication.processEvents()


# ============================================================ the mechanism
def test_a_result_reaches_its_living_owner_on_the_gui_thread(qtbot, threaded) -> None:  # noqa: ANN001
    owner = QObject()
    threads: list[bool] = []

    def work() -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        return 42

    with qtbot.waitCallback() as done:
        run_task(owner, work, done)
    done.assert_called_with(42)
    assert threads == [False]


def test_nothing_reaches_an_owner_destroyed_while_its_work_ran(qtbot, threaded) -> None:  # noqa: ANN001
    delivered: list[object] = []
    release = threading.Event()
    started = threading.Event()
    owner = QWidget()

    def work() -> str:
        started.set()
        release.wait(10)
        return "late"

    ticket = run_task(owner, work, delivered.append, lambda exc: bool(delivered.append(exc)) or True)
    assert started.wait(10)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    assert ticket.dropped and ticket.is_stopping()
    release.set()
    settle(qtbot)
    assert delivered == []


def test_a_failure_goes_to_the_handler_of_a_living_owner(qtbot, threaded, errors) -> None:  # noqa: ANN001
    owner = QObject()
    handled: list[BaseException] = []

    def boom() -> None:
        raise ValueError("no such parcel")

    run_task(owner, boom, None, lambda exc: bool(handled.append(exc)) or True)
    qtbot.waitUntil(lambda: bool(handled))
    assert isinstance(handled[0], ValueError) and errors == []
    run_task(owner, boom)  # unhandled: the error presenter shows it
    qtbot.waitUntil(lambda: bool(errors))


def test_a_newer_request_with_the_same_key_supersedes_the_older(qtbot, threaded) -> None:  # noqa: ANN001
    owner = QObject()
    shown: list[int] = []
    gate = threading.Event()

    def slow(n: int) -> int:
        gate.wait(10)
        return n

    tickets = [run_task(owner, lambda n=n: slow(n), shown.append, key="reload") for n in range(20)]
    gate.set()
    settle(qtbot)
    assert shown == [19]
    assert all(t.dropped for t in tickets[:-1]) and not tickets[-1].dropped
    # Other keys, and keyless work, are not affected.
    run_task(owner, lambda: 100, shown.append, key="other")
    run_task(owner, lambda: 200, shown.append)
    settle(qtbot)
    assert sorted(shown[1:]) == [100, 200]


def test_a_slow_figure_never_holds_up_a_scan_or_a_queue_page(qtbot, threaded) -> None:  # noqa: ANN001
    """Counts over a large database run on their own thread: data work finishes while they are busy."""
    owner = QWidget()
    qtbot.addWidget(owner)
    release = threading.Event()
    figures: list[str] = []
    data: list[str] = []
    try:
        for n in range(3):  # more slow figures than the machine has cores
            run_task(owner, lambda n=n: release.wait(20) and f"count {n}", figures.append,
                     key=f"figure-{n}", pool=Pool.FIGURES)
        for n in range(4):
            run_task(owner, lambda n=n: f"page {n}", data.append, key=f"page-{n}")
        qtbot.waitUntil(lambda: len(data) == 4, timeout=5000)
        assert figures == [] and pending(Pool.FIGURES) == 3
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(figures) == 3, timeout=10_000)
    assert figures == ["count 0", "count 1", "count 2"]  # one thread: in the order asked


def test_inline_mode_supersedes_and_checks_the_owner_too(qtbot) -> None:  # noqa: ANN001
    owner = QObject()
    shown: list[int] = []
    run_task(owner, lambda: 1, shown.append, key="k")
    run_task(owner, lambda: 2, shown.append, key="k")
    assert shown == [1, 2]  # inline: each runs to the end before the next starts


def test_a_long_job_reports_progress_and_stops_when_cancelled(qtbot, threaded) -> None:  # noqa: ANN001
    owner = QObject()
    seen: list[tuple[int, int]] = []
    ended: list[object] = []

    def work(progress, cancelled) -> str:  # noqa: ANN001
        for i in range(1000):
            if cancelled():
                raise InterruptedError("stopped")
            progress(i, 1000)
            time.sleep(0.002)
        return "finished"

    job = BackgroundJob(work, owner)
    job.sig_progress.connect(lambda d, t: seen.append((d, t)))
    job.sig_failed.connect(ended.append)
    with qtbot.waitSignal(job.sig_progress, timeout=10_000):
        job.start()
    assert job.running
    with qtbot.waitSignal(job.sig_over, timeout=10_000):
        job.cancel()
    assert not job.running and isinstance(ended[0], InterruptedError)
    assert seen and all(t == 1000 for _d, t in seen)
    settle(qtbot)


def test_a_long_job_whose_owner_goes_is_stopped_and_reports_nothing(qtbot, threaded) -> None:  # noqa: ANN001
    owner = QWidget()
    reported: list[object] = []
    stopped = threading.Event()

    def work(progress, cancelled) -> None:  # noqa: ANN001
        while not cancelled():
            progress(1, 2)
            time.sleep(0.001)
        stopped.set()

    job = BackgroundJob(work, owner)
    job.sig_over.connect(lambda: reported.append("over"))
    job.sig_progress.connect(lambda *_: reported.append("progress"))
    job.start()
    qtbot.waitUntil(lambda: bool(reported))
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    reported.clear()
    assert stopped.wait(10)
    settle(qtbot)
    assert reported == []


def test_pictures_decode_in_their_own_pool_even_in_inline_mode(qtbot) -> None:  # noqa: ANN001
    owner = QObject()
    where: list[bool] = []
    with qtbot.waitCallback() as done:
        submit(owner, lambda: where.append(threading.current_thread() is threading.main_thread()),
               on_done=done, on_error=lambda exc: None, pool=Pool.IMAGES)
    assert where == [False]


def test_work_needs_a_living_owner(qtbot) -> None:  # noqa: ANN001
    owner = QWidget()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    with pytest.raises(RuntimeError):
        run_task(owner, lambda: None)


# ===================================================== the desk under churn
def _register(ctx, n: int) -> list[int]:  # noqa: ANN001
    ids = []
    for i in range(n):
        case = ctx.services.cases.register_case(
            tracking_no=f"SF{1000000000000 + i}", kind=ProblemKind.DAMAGED, by=ctx.operator.id,
            reporter_name="王小明", reporter_contact="13812345678",
            parcel={"recipient_name": "王小明", "recipient_phone": "13812345678"})
        ids.append(case.id)
    return ids


def test_closing_tabs_switching_operator_and_quitting_while_loads_are_in_flight(qtbot, ctx, threaded) -> None:  # noqa: ANN001
    """Hundreds of rounds of open, reload, switch tab, close and switch operator
    with the loads still on their way; then the window quits with work in flight."""
    ids = _register(ctx, 12)
    clerk = ctx.services.operators.add(name="李客服", role=Role.CLERK, by=ctx.operator.id)
    manager = ctx.operator
    rng = random.Random(20261206)
    window = MainWindow(ctx)  # not qtbot.addWidget: the test deletes it itself
    window.show()
    settle(qtbot)
    for round_no in range(300):
        action = rng.random()
        if action < 0.35:
            window.open_case(rng.choice(ids))
        elif action < 0.55 and window.tabs.count() > 1:
            window._close_tab(rng.randrange(1, window.tabs.count()))
        elif action < 0.70:
            window.reload_queue(keep_view=rng.random() < 0.5)
        elif action < 0.80 and window.tabs.count() > 1:
            ws = window.tabs.widget(rng.randrange(1, window.tabs.count()))
            if isinstance(ws, CaseWorkspace):
                ws.reload(live=True)
                ws.tabs.setCurrentIndex(rng.choice([TAB_CONTACTS, TAB_EVIDENCE, TAB_RESOLUTION,
                                                    TAB_TIMELINE, TAB_CLOSE]))
        elif action < 0.85:
            window.session.switch_to(clerk if ctx.operator.id == manager.id else manager)
        elif action < 0.90:
            window._check_workspaces()
        # Let some results arrive and others not: deliveries race with the next change.
        for _ in range(rng.randrange(0, 3)):
            QApplication.processEvents()
        if round_no % 50 == 49:
            gc.collect()
    # Quit with loads in flight: open a few tabs and close the window at once.
    for case_id in ids[:4]:
        window.open_case(case_id)
    window.reload_queue()
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not _alive(window))
    settle(qtbot)


def test_many_windows_closed_with_their_first_loads_on_the_way(qtbot, ctx, threaded) -> None:  # noqa: ANN001
    ids = _register(ctx, 3)
    for n in range(20):
        window = MainWindow(ctx)
        window.open_case(ids[n % 3])
        window.reload_queue()
        window.close()
        window.deleteLater()
        if n % 2:
            QApplication.processEvents()  # some deletions land before the results, some after
    settle(qtbot)


# ================================================ no SQL on the GUI thread
@pytest.fixture
def gui_thread_sql(ctx) -> Iterator[list[str]]:  # noqa: ANN001
    """Statements sent to the database from the GUI thread while the test runs."""
    seen: list[str] = []
    engine = ctx.services.db.engine

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        if threading.current_thread() is threading.main_thread():
            seen.append(statement.split("\n")[0][:120])

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_the_counter_paths_never_query_the_database_on_the_gui_thread(qtbot, ctx, threaded,  # noqa: ANN001
                                                                      gui_thread_sql) -> None:
    """Scan, open a case, switch tabs, save: every query runs in the background."""
    sv = ctx.services
    known = sv.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=ctx.operator.id,
                                   reporter_name="王小明", reporter_contact="13812345678",
                                   parcel={"recipient_name": "王小明", "recipient_phone": "13812345678"})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot)
    sv.queries.counts()
    assert gui_thread_sql, "the recorder sees statements sent from the GUI thread"
    gui_thread_sql.clear()  # building the window is start-up, not the counter

    # Scan a parcel with an open case: its workspace opens.
    window.scan_box.setText("SF1234567890123")
    window.handle_scan("SF1234567890123")
    qtbot.waitUntil(lambda: window.workspace(known.id) is not None)
    ws = window.workspace(known.id)
    qtbot.waitUntil(lambda: ws.detail is not None)
    settle(qtbot)
    # Switch tabs.
    for tab in (TAB_CONTACTS, TAB_EVIDENCE, TAB_RESOLUTION, TAB_TIMELINE, TAB_CLOSE, 0):
        ws.tabs.setCurrentIndex(tab)
        settle(qtbot)
    window.tabs.setCurrentIndex(0)
    settle(qtbot)
    window.tabs.setCurrentWidget(ws)
    settle(qtbot)
    # Save: a contact attempt, then the facts.
    ws.tabs.setCurrentIndex(TAB_CONTACTS)
    contacts = ws.contacts
    contacts.party.setCurrentIndex(contacts.party.findData(ContactParty.RECIPIENT.value))
    contacts.channel.setCurrentIndex(contacts.channel.findData(ContactChannel.PHONE.value))
    contacts.outcome.setCurrentIndex(contacts.outcome.findData(ContactOutcome.NO_ANSWER.value))
    contacts.note.setText("no answer")
    before = len(ws.detail.contacts)
    contacts.save()
    qtbot.waitUntil(lambda: len(ws.detail.contacts) == before + 1)
    settle(qtbot)
    ws.tabs.setCurrentIndex(0)
    ws.facts.edit_button.click()
    ws.facts.edit_fields["freight"].setText("15")
    ws.facts.save_button.click()
    qtbot.waitUntil(lambda: ws.detail is not None and str(ws.detail.parcel.freight) == "15.00")
    settle(qtbot)
    # Scan a new parcel: the registration form opens, prefilled.
    window.scan_box.setText("SF9876543210987")
    window.handle_scan("SF9876543210987")
    qtbot.waitUntil(lambda: getattr(window, "_registration", None) is not None and window._registration.isVisible())
    settle(qtbot)
    dialog = window._registration
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ProblemKind.LOST.value))
    dialog.reporter_name_edit.setText("王女士")
    dialog.reporter_contact_edit.setText("13812345678")
    dialog.save()
    qtbot.waitUntil(lambda: any(w.detail is not None and w.detail.parcel.tracking_no == "SF9876543210987"
                                for w in window._workspaces.values()))
    settle(qtbot)
    assert gui_thread_sql == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
