"""The operators dialog: a manager adds operators, changes roles, resets PINs,
(de)activates and unlocks; refusals are shown where the manager can fix them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from depot_app.domain.errors import DepotError, PermissionDeniedError
from depot_app.domain.permissions import ROLE_PERMISSIONS, Permission
from depot_app.domain.vocabulary import Role
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.people import operators_dialog as operators_module
from depot_app.ui.people.operator_edit import OperatorEditDialog
from depot_app.ui.people.operators_dialog import OperatorsDialog
from depot_app.ui.people.operators_model import (
    COL_LOCKED,
    COL_NAME,
    COL_PIN,
    COL_ROLE,
    INACTIVE_COLOR,
)

PIN = "2580"


def make_dialog(qtbot, ctx: DeskContext) -> OperatorsDialog:  # noqa: ANN001
    dialog = OperatorsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def find(root: QWidget, cls, name: str):  # noqa: ANN001, ANN201
    widget = root.findChild(cls, name)
    assert widget is not None, name
    return widget


def click(qtbot, root: QWidget, name: str) -> None:  # noqa: ANN001
    button = find(root, QPushButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def cell(dialog: OperatorsDialog, operator_id: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
    row = dialog.model.row_of(operator_id)
    assert row >= 0, operator_id
    return dialog.model.index(row, column).data(role)


def edit_dialog(dialog: OperatorsDialog) -> OperatorEditDialog:
    sub = dialog.edit_dialog
    assert sub is not None and sub.isVisible()
    return sub


def shown_error(sub: OperatorEditDialog, name: str) -> str:
    label = find(sub, QLabel, name)
    assert label.isVisible(), f"{name} is hidden"
    return label.text()


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every confirmation; returns the questions asked."""
    asked: list[str] = []

    def yes(_parent, _title: str, text: str, then: Callable[[], None]) -> None:  # noqa: ANN001
        asked.append(text)
        then()

    monkeypatch.setattr(operators_module, "ask_confirmation", yes)
    return asked


# ===================================================================== list
def test_lists_every_operator_with_inactive_ones_greyed(qtbot, ctx) -> None:  # noqa: ANN001
    ops = ctx.services.operators
    clerk = ops.add(name="王丽", role=Role.CLERK, by=ctx.operator.id, secret=PIN)
    gone = ops.add(name="赵磊", role=Role.COURIER, by=ctx.operator.id)
    ops.set_active(operator_id=gone.id, active=False, by=ctx.operator.id)

    dialog = make_dialog(qtbot, ctx)

    assert dialog.model.rowCount() == 3
    assert cell(dialog, ctx.operator.id, COL_NAME).startswith(ctx.operator.name)
    assert cell(dialog, clerk.id, COL_ROLE) == Role.CLERK.label("zh_CN")
    assert cell(dialog, clerk.id, COL_PIN) != cell(dialog, gone.id, COL_PIN)  # set / not set
    assert cell(dialog, clerk.id, COL_LOCKED) == "—"
    grey = cell(dialog, gone.id, COL_NAME, Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color() == INACTIVE_COLOR
    assert cell(dialog, clerk.id, COL_NAME, Qt.ItemDataRole.ForegroundRole) is None
    assert not dialog.model.flags(dialog.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not find(dialog, QLabel, "opsReadOnlyNote").isVisible()


def test_role_panel_lists_each_roles_permissions_in_the_current_language(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    table = dialog.roles_table
    assert table.horizontalHeaderItem(0).text() == Role.COURIER.zh
    permissions = list(Permission)
    assert table.verticalHeaderItem(0).text() == permissions[0].zh
    for row, permission in enumerate(permissions):
        for col, role in enumerate((Role.COURIER, Role.CLERK, Role.MANAGER)):
            assert table.item(row, col).data(Qt.ItemDataRole.UserRole) == (permission in ROLE_PERMISSIONS[role])
    try:
        LanguageManager.instance().set_language("en")
        assert table.horizontalHeaderItem(0).text() == "Courier"
        assert table.verticalHeaderItem(0).text() == "Register cases"
        assert cell(dialog, ctx.operator.id, COL_ROLE) == "Manager"
        assert dialog.windowTitle() == "Operators"
    finally:
        LanguageManager.instance().set_language("zh_CN")
    assert table.horizontalHeaderItem(0).text() == Role.COURIER.zh


# ====================================================================== add
def test_add_an_operator_with_a_pin(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    click(qtbot, dialog, "opsAdd")
    sub = edit_dialog(dialog)
    assert sub.pin.echoMode() == sub.pin.EchoMode.Password
    assert sub.pin_again.echoMode() == sub.pin_again.EchoMode.Password
    sub.name.setText("孙晓梅")  # keyClicks cannot type Chinese
    sub.role.setCurrentIndex(sub.role.findData(Role.COURIER.value))
    qtbot.keyClicks(sub.pin, PIN)
    qtbot.keyClicks(sub.pin_again, PIN)
    qtbot.keyClick(sub.pin_again, Qt.Key.Key_Return)  # the default button

    assert dialog.edit_dialog is None
    added = ctx.services.operators.find("孙晓梅")
    assert added is not None and added.role is Role.COURIER and added.has_secret
    assert dialog.selected() is not None and dialog.selected().id == added.id
    assert "孙晓梅" in dialog.status.text()


def test_two_different_pins_are_refused_inline(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    sub = dialog.add_operator()
    assert sub is not None
    sub.name.setText("孙晓梅")
    sub.pin.setText(PIN)
    sub.pin_again.setText("2581")
    click(qtbot, sub, "opEditOk")

    assert sub.isVisible()
    assert shown_error(sub, "opEditPinAgainError")
    assert sub.pin_again.text() == ""
    assert ctx.services.operators.find("孙晓梅") is None
    # Fixed in place, it goes through.
    sub.pin_again.setText(PIN)
    click(qtbot, sub, "opEditOk")
    assert not sub.isVisible()
    assert ctx.services.operators.find("孙晓梅") is not None


def test_a_weak_pin_and_a_taken_name_are_refused_inline(qtbot, ctx) -> None:  # noqa: ANN001
    ctx.services.operators.add(name="王丽", role=Role.CLERK, by=ctx.operator.id)
    dialog = make_dialog(qtbot, ctx)
    sub = dialog.add_operator()
    assert sub is not None
    sub.name.setText("张伟")
    sub.pin.setText("1234")
    sub.pin_again.setText("1234")
    click(qtbot, sub, "opEditOk")
    assert sub.isVisible()
    assert "1234" in shown_error(sub, "opEditPinError")  # the service's own words
    assert ctx.services.operators.find("张伟") is None

    sub.name.setText("王丽")
    sub.pin.setText(PIN)
    sub.pin_again.setText(PIN)
    click(qtbot, sub, "opEditOk")
    assert sub.isVisible()
    assert "王丽" in shown_error(sub, "opEditNameError")
    assert not find(sub, QLabel, "opEditPinError").isVisible()


# =============================================================== change role
def test_change_a_role(qtbot, ctx) -> None:  # noqa: ANN001
    clerk = ctx.services.operators.add(name="王丽", role=Role.CLERK, by=ctx.operator.id)
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(clerk.id)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter on a row: change its role
    sub = edit_dialog(dialog)
    assert sub.mode == OperatorEditDialog.ROLE
    assert sub.role.currentData() == Role.CLERK.value
    sub.role.setCurrentIndex(sub.role.findData(Role.MANAGER.value))
    click(qtbot, sub, "opEditOk")

    assert not sub.isVisible()
    assert ctx.services.operators.get(clerk.id).role is Role.MANAGER
    assert cell(dialog, clerk.id, COL_ROLE) == Role.MANAGER.zh


def test_demoting_the_only_manager_is_refused_inside_the_role_dialog(qtbot, ctx, errors) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(ctx.operator.id)
    sub = dialog.change_role()
    assert sub is not None
    sub.role.setCurrentIndex(sub.role.findData(Role.CLERK.value))
    click(qtbot, sub, "opEditOk")
    assert sub.isVisible()
    assert "唯一" in shown_error(sub, "opEditError")
    assert ctx.services.operators.get(ctx.operator.id).role is Role.MANAGER
    assert errors == []


# ================================================================ reset PIN
def test_reset_a_pin(qtbot, ctx) -> None:  # noqa: ANN001
    courier = ctx.services.operators.add(name="张伟", role=Role.COURIER, by=ctx.operator.id)
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(courier.id)
    no_pin = cell(dialog, courier.id, COL_PIN)
    click(qtbot, dialog, "opsResetPin")
    sub = edit_dialog(dialog)
    assert not sub.name.isVisible() and not sub.role.isVisible() and not sub.current_pin.isVisible()
    sub.pin.setText("aaaa")
    sub.pin_again.setText("aaaa")
    click(qtbot, sub, "opEditOk")
    assert sub.isVisible() and shown_error(sub, "opEditPinError")
    sub.pin.setText(PIN)
    sub.pin_again.setText(PIN)
    click(qtbot, sub, "opEditOk")
    assert not sub.isVisible()
    assert ctx.services.operators.get(courier.id).has_secret
    assert cell(dialog, courier.id, COL_PIN) not in ("", no_pin)
    assert ctx.services.operators.sign_in(operator_id=courier.id, secret=PIN).id == courier.id


# ========================================================= (de)activate
def test_deactivate_and_reactivate(qtbot, ctx, confirm) -> None:  # noqa: ANN001
    courier = ctx.services.operators.add(name="张伟", role=Role.COURIER, by=ctx.operator.id)
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(courier.id)
    toggle = find(dialog, QPushButton, "opsToggleActive")
    deactivate_text = toggle.text()
    click(qtbot, dialog, "opsToggleActive")

    assert len(confirm) == 1 and "张伟" in confirm[0]
    assert not ctx.services.operators.get(courier.id).active
    assert cell(dialog, courier.id, COL_NAME, Qt.ItemDataRole.ForegroundRole).color() == INACTIVE_COLOR
    assert dialog.selected().id == courier.id
    assert toggle.text() != deactivate_text  # now offers to reactivate

    click(qtbot, dialog, "opsToggleActive")
    assert len(confirm) == 1  # reactivating asks nothing
    assert ctx.services.operators.get(courier.id).active
    assert toggle.text() == deactivate_text


def test_no_deactivation_without_a_yes(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    courier = ctx.services.operators.add(name="张伟", role=Role.COURIER, by=ctx.operator.id)
    monkeypatch.setattr(operators_module, "ask_confirmation", lambda *_a: None)  # the box is still open
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(courier.id)
    click(qtbot, dialog, "opsToggleActive")
    assert ctx.services.operators.get(courier.id).active


def test_deactivating_the_last_manager_is_refused_with_the_reason(qtbot, ctx, confirm, errors) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(ctx.operator.id)
    click(qtbot, dialog, "opsToggleActive")

    assert len(errors) == 1
    assert ctx.operator.name in errors[0][1] and "唯一" in errors[0][1]
    assert ctx.services.operators.get(ctx.operator.id).active
    assert find(dialog, QPushButton, "opsToggleActive").isEnabled()  # the dialog is usable again


# =================================================================== unlock
def test_unlock_after_a_lock_out(qtbot, ctx) -> None:  # noqa: ANN001
    ops = ctx.services.operators
    ctx.services.settings.set(key="sign_in_attempts", value=3, by=ctx.operator.id)
    clerk = ops.add(name="王丽", role=Role.CLERK, by=ctx.operator.id, secret=PIN)
    for _ in range(3):
        with pytest.raises(DepotError):
            ops.sign_in(operator_id=clerk.id, secret="9999")
    assert ops.get(clerk.id).locked_until is not None

    dialog = make_dialog(qtbot, ctx)
    unlock = find(dialog, QPushButton, "opsUnlock")
    dialog.select_operator(ctx.operator.id)
    assert not unlock.isEnabled()  # nobody to unlock on this row
    dialog.select_operator(clerk.id)
    assert cell(dialog, clerk.id, COL_LOCKED) != "—"
    assert cell(dialog, clerk.id, COL_LOCKED, Qt.ItemDataRole.ForegroundRole) is not None
    click(qtbot, dialog, "opsUnlock")

    assert ops.get(clerk.id).locked_until is None
    assert cell(dialog, clerk.id, COL_LOCKED) == "—"
    assert not unlock.isEnabled()
    assert "王丽" in dialog.status.text()


# ============================================================ non-managers
def test_a_clerk_gets_no_action_and_the_service_refuses_anyway(qtbot, ctx) -> None:  # noqa: ANN001
    clerk = ctx.services.operators.add(name="王丽", role=Role.CLERK, by=ctx.operator.id)
    clerk_ctx = dataclasses.replace(ctx, operator=clerk)
    dialog = make_dialog(qtbot, clerk_ctx)
    dialog.select_operator(ctx.operator.id)

    assert dialog.model.rowCount() == 2
    assert find(dialog, QLabel, "opsReadOnlyNote").isVisible()
    for name in ("opsAdd", "opsChangeRole", "opsResetPin", "opsToggleActive", "opsUnlock"):
        assert not find(dialog, QPushButton, name).isEnabled(), name
    assert dialog.add_operator() is None and dialog.change_role() is None
    with pytest.raises(PermissionDeniedError):
        ctx.services.operators.set_role(operator_id=ctx.operator.id, role=Role.CLERK, by=clerk.id)


def test_a_manager_who_demotes_themselves_loses_the_actions(qtbot, ctx) -> None:  # noqa: ANN001
    ctx.services.operators.add(name="刘洋", role=Role.MANAGER, by=ctx.operator.id)
    dialog = make_dialog(qtbot, ctx)
    dialog.select_operator(ctx.operator.id)
    sub = dialog.change_role()
    assert sub is not None
    sub.role.setCurrentIndex(sub.role.findData(Role.CLERK.value))
    click(qtbot, sub, "opEditOk")
    assert ctx.services.operators.get(ctx.operator.id).role is Role.CLERK
    assert not dialog.may_manage
    assert not find(dialog, QPushButton, "opsAdd").isEnabled()


def test_every_interactive_widget_has_an_object_name(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    sub = dialog.add_operator()
    assert sub is not None
    for root in (dialog, sub):
        for widget in root.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible() \
                    and widget.parent() in (root, root.findChild(QWidget, "opEditButtons")):
                assert widget.objectName(), f"{type(widget).__name__} without objectName"
