"""Live updates: another workstation (a second Services on the same database)
changes cases, and this desk's queue and open case tabs follow within a poll.

On an SQLite file and on PostgreSQL. The poll interval is set to 50 ms.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import CaseStatus
from depot_app.services import Services
from depot_app.services.queries import ChangeMarker
from depot_app.ui.application import build_context
from depot_app.ui.common import background
from depot_app.ui.common.context import DeskContext
from depot_app.ui.main_window import MainWindow
from depot_app.ui.queue.live_updates import LiveUpdates
from depot_app.ui.workspace.case_workspace import CaseWorkspace
from tests.conftest import START, _new_pg_database

POLL_MS = 50
WAIT_MS = 5000


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    if request.param == "sqlite":
        return sqlite_url
    server = request.getfixturevalue("pg_server")
    if server is None:
        pytest.skip("PostgreSQL is not available here")
    return _new_pg_database(server)


@pytest.fixture
def desk(desk_url: str, tmp_path: Path, language: str, errors) -> Iterator[DeskContext]:
    sv = Services.open(desk_url, clock=FixedClock(START), photo_dir=tmp_path / "photos-here")
    manager = sv.operators.ensure_first()
    config = AppConfig(data_dir=tmp_path, db_url=desk_url)
    yield build_context(config, sv, manager, UserPreferences(language=language))
    sv.close()


@pytest.fixture
def other(desk: DeskContext, desk_url: str, tmp_path: Path) -> Iterator[Services]:
    """The second workstation: its own engine and connections on the same database."""
    sv = Services.open(desk_url, clock=FixedClock(START), migrate=False, photo_dir=tmp_path / "photos-there")
    yield sv
    sv.close()


def _window(qtbot, desk: DeskContext) -> MainWindow:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    window.live_updates.set_interval(POLL_MS)
    return window


def _wait_polls(qtbot, window: MainWindow, n: int) -> None:  # noqa: ANN001
    """Until ``n`` more polls of the change marker ended (instead of a fixed sleep)."""
    ended: list[int] = []
    window.live_updates.sig_polled.connect(lambda: ended.append(1))
    qtbot.waitUntil(lambda: len(ended) >= n, timeout=WAIT_MS)


def _register(sv: Services, by: int, n: int, kind: ProblemKind = ProblemKind.DAMAGED) -> int:
    return sv.cases.register_case(tracking_no=f"SF{9_500_000_000_000 + n}", kind=kind, by=by).id


def _status_in_queue(window: MainWindow, case_id: int) -> CaseStatus | None:
    row = window.model.row_of_case(case_id)
    found = window.model.row_at(row)
    return found.status if found is not None else None


def _selected_case(window: MainWindow) -> int | None:
    found = window.model.row_at(window.table.currentIndex().row())
    return found.id if found is not None else None


def test_the_queue_shows_another_desks_changes_keeping_selection_and_scroll(qtbot, desk, other) -> None:
    by = desk.operator.id
    ids = [_register(desk.services, by, n) for n in range(60)]
    window = _window(qtbot, desk)
    assert window.model.rowCount() == 60
    # The clerk scrolled down and picked a case.
    picked = window.model.row_at(40)
    assert picked is not None
    window.table.selectRow(40)
    bar = window.table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()

    target = ids[3]
    d = other.cases.detail(target)
    other.cases.set_status(case_id=target, expected_version=d.version, status=CaseStatus.INVESTIGATING, by=by)
    new_id = _register(other, by, 999)

    qtbot.waitUntil(lambda: _status_in_queue(window, target) is CaseStatus.INVESTIGATING
                    and window.model.row_of_case(new_id) >= 0, timeout=WAIT_MS)
    assert window.model.rowCount() == 61
    assert _selected_case(window) == picked.id
    assert bar.value() == scroll
    assert "61" in window.result_label.text()


def test_an_open_case_reloads_when_another_desk_changes_it(qtbot, desk, other) -> None:
    by = desk.operator.id
    case_id = _register(desk.services, by, 1)
    window = _window(qtbot, desk)
    window.open_case(case_id)
    ws = window.workspace(case_id)
    assert isinstance(ws, CaseWorkspace) and ws.detail is not None
    shown = ws.detail.version

    d = other.cases.detail(case_id)
    other.cases.update_facts(case_id=case_id, expected_version=d.version, by=by,
                             case_changes={"description": "另一台工作站补充：外箱破损"})

    qtbot.waitUntil(lambda: ws.detail is not None and ws.detail.version > shown, timeout=WAIT_MS)
    assert ws.detail.description == "另一台工作站补充：外箱破损"
    assert ws.facts.view_labels["description"].text() == "另一台工作站补充：外箱破损"
    assert not ws.remote_change_pending()


def test_a_photo_added_elsewhere_shows_in_the_open_case(qtbot, desk, other) -> None:
    import io

    from PIL import Image

    by = desk.operator.id
    case_id = _register(desk.services, by, 2)
    window = _window(qtbot, desk)
    window.open_case(case_id)
    ws = window.workspace(case_id)
    assert isinstance(ws, CaseWorkspace)
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 200)).save(buf, "JPEG")
    other.photos.add_photos(case_id=case_id, files=[("label.jpg", buf.getvalue())], slot="label", by=by)
    qtbot.waitUntil(lambda: ws.detail is not None and len(ws.detail.photos) == 1, timeout=WAIT_MS)


def test_with_unsaved_edits_a_banner_appears_and_the_input_is_kept(qtbot, desk, other, errors) -> None:
    by = desk.operator.id
    case_id = _register(desk.services, by, 3)
    window = _window(qtbot, desk)
    window.open_case(case_id)
    ws = window.workspace(case_id)
    assert isinstance(ws, CaseWorkspace) and ws.detail is not None
    shown = ws.detail
    ws.facts.start_editing()
    name_edit = ws.facts.edit_fields["recipient_name"]
    assert isinstance(name_edit, QLineEdit)
    name_edit.setText("本台正在输入的收件人")

    d = other.cases.detail(case_id)
    other.cases.update_facts(case_id=case_id, expected_version=d.version, by=by,
                             case_changes={"priority": "urgent"})

    qtbot.waitUntil(ws.remote_change_pending, timeout=WAIT_MS)
    assert ws.remote_banner.isVisible()
    assert ws.facts.is_editing() and name_edit.text() == "本台正在输入的收件人"
    assert ws.detail is shown  # nothing was reloaded under the form
    _wait_polls(qtbot, window, 3)  # later polls do not reload it either
    assert ws.detail is shown and name_edit.text() == "本台正在输入的收件人"

    # Saving meets the stale-edit refusal: the case reloads, the typing is laid over it.
    ws.facts.save()
    assert errors and ("其他工作台" in errors[-1][1] or "another desk" in errors[-1][1])
    assert ws.detail is not None and ws.detail.priority.value == "urgent"
    assert ws.detail.parcel.recipient_name != "本台正在输入的收件人"
    assert not ws.remote_change_pending()
    assert ws.facts.is_editing() and name_edit.text() == "本台正在输入的收件人"
    assert ws.facts.pending_changes() == ({"recipient_name": "本台正在输入的收件人"}, {})


def test_the_banners_reload_button_shows_the_current_case(qtbot, desk, other) -> None:
    by = desk.operator.id
    case_id = _register(desk.services, by, 4)
    window = _window(qtbot, desk)
    window.open_case(case_id)
    ws = window.workspace(case_id)
    assert isinstance(ws, CaseWorkspace)
    ws.facts.start_editing()
    d = other.cases.detail(case_id)
    other.cases.update_facts(case_id=case_id, expected_version=d.version, by=by,
                             case_changes={"reporter_name": "王女士"})
    qtbot.waitUntil(ws.remote_change_pending, timeout=WAIT_MS)
    ws.remote_reload_button.click()
    assert not ws.remote_change_pending() and not ws.facts.is_editing()
    assert ws.detail is not None and ws.detail.reporter_name == "王女士"


def test_own_changes_do_not_come_back_as_news(qtbot, desk, other, monkeypatch) -> None:
    by = desk.operator.id
    case_id = _register(desk.services, by, 5)
    window = _window(qtbot, desk)
    window.open_case(case_id)
    ws = window.workspace(case_id)
    assert isinstance(ws, CaseWorkspace)
    _wait_polls(qtbot, window, 2)  # a baseline is taken
    news: list[object] = []
    window.live_updates.sig_changed.connect(news.append)
    reloads: list[bool] = []
    original = ws.reload
    monkeypatch.setattr(ws, "reload", lambda **kw: (reloads.append(True), original(**kw)))

    ws.move_to(CaseStatus.VERIFYING)
    assert ws.detail is not None and ws.detail.status is CaseStatus.VERIFYING
    assert _status_in_queue(window, case_id) is CaseStatus.VERIFYING
    _wait_polls(qtbot, window, 4)
    assert news == [] and reloads == []

    # ... while a change from the other desk still is.
    d = other.cases.detail(case_id)
    other.cases.set_status(case_id=case_id, expected_version=d.version, status=CaseStatus.INVESTIGATING, by=by)
    qtbot.waitUntil(lambda: len(news) == 1 and len(reloads) == 1, timeout=WAIT_MS)
    assert ws.detail is not None and ws.detail.status is CaseStatus.INVESTIGATING


def test_polling_stops_when_the_window_closes(qtbot, desk) -> None:
    window = _window(qtbot, desk)
    assert window.live_updates.is_running()
    window.close()
    assert not window.live_updates.is_running()
    calls: list[int] = []
    window.live_updates._queries = type("Q", (), {"change_marker": lambda self: calls.append(1)})()  # type: ignore[assignment]
    qtbot.wait(5 * POLL_MS)
    assert calls == []


class _SlowQueries:
    """A change marker that takes a while and counts how many reads overlap."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.calls = 0
        self.value = 0
        self.gate = threading.Event()

    def change_marker(self) -> ChangeMarker:
        with self.lock:
            self.running += 1
            self.calls += 1
            self.most = max(self.most, self.running)
        assert self.gate.wait(10), "the test never opened the gate"
        time.sleep(0.02)
        with self.lock:
            self.running -= 1
        return ChangeMarker(last_event_id=self.value, recent_ids_sum=self.value, last_audit_id=0)


def test_polls_run_off_the_gui_thread_and_never_overlap(qtbot) -> None:
    background.set_synchronous(False)  # the real thread pool for this one
    queries = _SlowQueries()
    live = LiveUpdates(queries, interval_ms=10)  # type: ignore[arg-type]
    changes: list[object] = []
    live.sig_changed.connect(changes.append)
    live.start()
    for _ in range(5):
        live.poll_now()  # asked again and again: still one at a time
    # The read is held at the gate, yet the GUI thread is here: it did not wait for it.
    qtbot.waitUntil(lambda: queries.calls == 1, timeout=WAIT_MS)
    assert live.is_polling() and queries.running == 1
    queries.gate.set()
    qtbot.waitUntil(lambda: queries.calls >= 4, timeout=WAIT_MS)
    queries.value = 1
    qtbot.waitUntil(lambda: len(changes) == 1, timeout=WAIT_MS)
    live.stop()
    qtbot.waitUntil(lambda: not live.is_polling(), timeout=WAIT_MS)
    assert queries.most == 1
    assert changes == [ChangeMarker(1, 1, 0)]
