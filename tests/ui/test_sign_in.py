"""The first manager, sign-in with a PIN, the idle lock and switching operators."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from depot_app.config import AppConfig
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Role
from depot_app.services import Services
from depot_app.ui.application import run_gui
from depot_app.ui.main_window import MainWindow
from depot_app.ui.people.session import ChangePinDialog
from depot_app.ui.people.sign_in import FirstManagerDialog, IdleWatcher, SignInDialog


def _trail(services: Services, manager_id: int) -> list[tuple[str, str | None, str]]:
    return [(r.action, r.field, r.detail.split(" · ")[0]) for r in reversed(services.audit.entries(by=manager_id))]


def test_first_start_creates_the_first_manager(qtbot, ui_services: Services, language: str) -> None:
    dialog = FirstManagerDialog(ui_services)
    qtbot.addWidget(dialog)
    created = []
    dialog.sig_created.connect(created.append)
    dialog.name_edit.setText("张经理")
    qtbot.keyClicks(dialog.pin_edit, "7391")
    qtbot.keyClicks(dialog.pin_again, "7392")
    dialog.submit()
    assert "differ" in dialog.message.text() or "不一致" in dialog.message.text()
    assert ui_services.operators.is_empty()
    dialog.pin_edit.setText("1234")
    dialog.pin_again.setText("1234")
    dialog.submit()
    assert "1234" in dialog.message.text() and ui_services.operators.is_empty()  # too easy to guess
    dialog.pin_edit.setText("7391")
    dialog.pin_again.setText("7391")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert [(v.name, v.role) for v in created] == [("张经理", Role.MANAGER)]
    assert ui_services.operators.sign_in(operator_id=created[0].id, secret="7391").name == "张经理"


def test_sign_in_with_wrong_then_right_pin(qtbot, ui_services: Services, language: str) -> None:
    boss = ui_services.operators.create_first_manager(name="张经理", secret="7391")
    clerk = ui_services.operators.add(name="李客服", role=Role.CLERK, by=boss.id, secret="2580")
    dialog = SignInDialog(ui_services, preselect=clerk.id)
    qtbot.addWidget(dialog)
    signed = []
    dialog.sig_signed_in.connect(signed.append)
    assert dialog.chosen().id == clerk.id and not dialog.pin_again.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.pin_edit, "0000x")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert "4" in dialog.message.text() and not signed and dialog.pin_edit.text() == ""
    qtbot.keyClicks(dialog.pin_edit, "2580")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert [v.name for v in signed] == ["李客服"]
    assert [a for a, _f, _d in _trail(ui_services, boss.id)][-2:] == ["sign_in_failed", "signed_in"]


def test_repeated_wrong_pins_lock_the_operator(qtbot, ui_services: Services, language: str) -> None:
    boss = ui_services.operators.create_first_manager(name="张经理", secret="7391")
    ui_services.settings.set(key="sign_in_attempts", value=3, by=boss.id)
    dialog = SignInDialog(ui_services, preselect=boss.id)
    qtbot.addWidget(dialog)
    for _ in range(3):
        dialog.pin_edit.setText("0000x")
        dialog.submit()
    assert "锁定" in dialog.message.text()
    signed = []
    dialog.sig_signed_in.connect(signed.append)
    dialog.pin_edit.setText("7391")  # the right PIN does not help while locked
    dialog.submit()
    assert "锁定" in dialog.message.text() and not signed


def test_a_manager_chooses_the_first_pin_of_an_older_database(qtbot, ui_services: Services) -> None:
    boss = ui_services.operators.ensure_first()  # no PIN: created before sign-in existed
    dialog = SignInDialog(ui_services)
    qtbot.addWidget(dialog)
    signed = []
    dialog.sig_signed_in.connect(signed.append)
    assert dialog.choosing_first_pin() and dialog.pin_again.isVisibleTo(dialog)
    dialog.pin_edit.setText("7391")
    dialog.pin_again.setText("7390")
    dialog.submit()
    assert not signed
    dialog.pin_again.setText("7391")
    dialog.submit()
    assert [v.id for v in signed] == [boss.id] and signed[0].has_secret


def _window(qtbot, ctx) -> MainWindow:  # noqa: ANN001
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_lock_hides_the_desk_and_the_same_operator_carries_on(qtbot, ctx) -> None:  # noqa: ANN001
    sv = ctx.services
    sv.operators.set_secret(operator_id=ctx.operator.id, secret="7391", by=None)
    case = sv.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=ctx.operator.id)
    window = _window(qtbot, ctx)
    window.open_case(case.id)
    window.session.action_lock.trigger()
    lock = window.session.lock_dialog
    assert lock is not None and lock.isVisible() and lock.chosen().id == ctx.operator.id
    assert window.centralWidget() is window.session.lock_panel and not window.menuBar().isEnabled()
    assert not window.statusBar().isVisible() and not window.tabs.isVisible()
    lock.pin_edit.setText("7391")
    lock.submit()
    assert window.session.lock_dialog is None and window.centralWidget().isVisible()
    assert window.tabs.isVisible() and window.statusBar().isVisible()
    assert window.workspace(case.id) is not None  # nothing of the operator's own work was lost
    assert [a for a, _f, _d in _trail(sv, ctx.operator.id)][-2:] == ["signed_out", "signed_in"]


def test_switching_operator_changes_name_permissions_and_closes_case_tabs(qtbot, ctx) -> None:  # noqa: ANN001
    sv = ctx.services
    boss = ctx.operator
    sv.operators.set_secret(operator_id=boss.id, secret="7391", by=None)
    courier = sv.operators.add(name="王快递", role=Role.COURIER, by=boss.id, secret="2580")
    case = sv.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=boss.id)
    window = _window(qtbot, ctx)
    window.open_case(case.id)
    assert window.session.action_operators.isEnabled() and window.session.action_audit.isEnabled()
    window.menu_desk.aboutToShow.emit()
    assert window.outbox.action.isVisible() and window.dashboard_action.isVisible()
    qtbot.mouseClick(window.session.switch_button, Qt.MouseButton.LeftButton)
    lock = window.session.lock_dialog
    assert lock is not None
    lock.list.setCurrentRow([op.id for op in lock._operators].index(courier.id))
    lock.pin_edit.setText("2580")
    lock.submit()
    assert ctx.operator.id == courier.id and ctx.preferences.last_operator_id == courier.id
    assert window.tabs.count() == 1 and window.workspace(case.id) is None
    assert "王快递" in window.operator_label.text()
    assert not window.session.action_operators.isEnabled() and not window.session.action_audit.isEnabled()
    window.menu_desk.aboutToShow.emit()  # the manager's entries are gone from the courier's Desk menu
    assert not window.outbox.action.isVisible() and not window.dashboard_action.isVisible()
    assert [(a, f) for a, f, _d in _trail(sv, boss.id)][-2:] == [("signed_out", "switch"), ("signed_in", None)]


def test_the_desk_locks_itself_when_idle(qtbot, ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, ctx)
    window.session.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: window.session.is_locked(), timeout=3000)
    assert window.centralWidget() is window.session.lock_panel and not window.tabs.isVisible()
    assert ("signed_out", "idle") in [(a, f) for a, f, _d in _trail(ctx.services, ctx.operator.id)]
    window.session.lock_dialog.reject()  # Quit on the lock screen closes the desk
    assert not window.isVisible()


def test_input_keeps_the_desk_awake(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    watcher = IdleWatcher(1)
    fired = []
    watcher.sig_idle.connect(lambda: fired.append(1))
    # Keys every 100 ms against a 2 s idle time: wide enough that a busy machine
    # delaying the timer or the keys does not fire it by accident.
    watcher.set_interval_ms(2000)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    for _ in range(25):
        qtbot.wait(100)
        qtbot.keyClick(field, Qt.Key.Key_A)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=10_000)
    watcher.stop()
    assert IdleWatcher(0).is_active() is False


def test_change_my_pin(qtbot, ctx) -> None:  # noqa: ANN001
    sv = ctx.services
    sv.operators.set_secret(operator_id=ctx.operator.id, secret="7391", by=None)
    dialog = ChangePinDialog(sv, ctx.operator)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("0000x")
    dialog.new_edit.setText("8642")
    dialog.again_edit.setText("8642")
    dialog.submit()
    assert dialog.message.text() and dialog.result() == 0
    dialog.current_edit.setText("7391")
    dialog.submit()
    assert sv.operators.sign_in(operator_id=ctx.operator.id, secret="8642").id == ctx.operator.id


def test_a_courier_sees_why_case_work_is_not_theirs(qtbot, ctx) -> None:  # noqa: ANN001
    sv = ctx.services
    case = sv.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=ctx.operator.id)
    ctx.operator = sv.operators.add(name="王快递", role=Role.COURIER, by=ctx.operator.id)
    window = _window(qtbot, ctx)
    window.open_case(case.id)
    ws = window.workspace(case.id)
    buttons = [*ws.move_buttons.values(), ws.close_action_button, ws.cancel_button, ws.reopen_button]
    assert buttons and not any(b.isEnabled() for b in buttons)
    assert all("快递员" in b.toolTip() for b in buttons)
    assert not ws.facts.edit_button.isEnabled() and "快递员" in ws.close_tab.blocked_reason()
    assert not ws.resolution.res_choose.isEnabled() and not ws.resolution.pay_button.isEnabled()
    assert ws.evidence.isEnabled()  # photos and contacts stay a courier's work
    assert not window.session.action_operators.isEnabled()
    records = window.records_menu
    records.update_actions()
    for action in (records.action_month, records.action_closed, records.action_import, records.action_case_report):
        assert not action.isEnabled() and "快递员" in action.toolTip()


def test_the_lock_key_works_while_a_dialog_is_open(qtbot, ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, ctx)
    window.session.open_operators()
    dialog = window.session._operators_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.is_locked() and not dialog.isVisible()  # not left open for the next person


def test_quitting_from_the_lock_screen_records_one_sign_out(qtbot, ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, ctx)
    window.session.lock(reason="idle")
    window.session.lock_dialog.reject()
    outs = [f for a, f, _d in _trail(ctx.services, ctx.operator.id) if a == "signed_out"]
    assert outs == ["idle"]


def test_a_database_from_a_newer_version_stops_the_start_with_a_message(
        qtbot, tmp_path, errors, monkeypatch) -> None:
    db_file = tmp_path / "depot.db"
    Services.open(f"sqlite:///{db_file}").close()
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    config = AppConfig(data_dir=tmp_path, db_url=f"sqlite:///{db_file}")
    assert run_gui(config, language="zh_CN") == 2
    assert len(errors) == 1 and "0099" in errors[0][1] and "更新的版本" in errors[0][1]
    # The database is left as it was: still at the newer revision.
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0099",)
    conn.close()
