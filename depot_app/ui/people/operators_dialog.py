"""Operators (managers only): who works at the desk, their roles, PINs and lock-outs.

:class:`OperatorsDialog` lists every operator, inactive ones greyed, and
offers the manager's actions: add an operator, change a role, reset a PIN,
deactivate or reactivate, unlock after too many wrong PINs. Each action is
one service call with ``by=ctx.operator.id``; the services check the
permission again, so a dialog built for a non-manager (it should not be
offered) has every action disabled and would be refused anyway.

Adding, changing a role and resetting a PIN happen in a small
:class:`~.operator_edit.OperatorEditDialog`. The rows come from
:class:`~.operators_model.OperatorsModel`; beside them,
:class:`~.role_table.RolePermissionsTable` shows what each role may do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.permissions import Permission
from depot_app.domain.views import OperatorView
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import (
    LanguageManager,
    RetranslatesOnLanguageChange,
    current_language,
)
from depot_app.ui.common.widgets import ask_confirmation as confirm
from depot_app.ui.people.operator_edit import OperatorEditDialog
from depot_app.ui.people.operators_model import COL_NAME, OperatorsModel, is_locked
from depot_app.ui.people.role_table import RolePermissionsTable

_HINT_STYLE = "color: #5f6368;"
_NOTE_STYLE = "background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; padding: 6px;"


# ============================================================ the steps tests replace
def ask_confirmation(parent: QWidget, title: str, text: str, then: Callable[[], None]) -> None:
    """A Yes/No question (No by default); ``then()`` runs on Yes. Tests replace this step."""
    confirm(parent, title, text, then, object_name="opsConfirmBox")


class OperatorsDialog(RetranslatesOnLanguageChange, QDialog):
    """The depot's operators for a manager: add, change role, reset PIN, (de)activate, unlock."""

    sig_operators_changed = Signal()
    """Emitted after any change to an operator was saved (pickers may reload)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("operatorsDialog")
        self._may_manage = ctx.operator.can(Permission.MANAGE_OPERATORS)
        #: The sub-dialog open now (for tests and to keep it alive).
        self.edit_dialog: OperatorEditDialog | None = None
        self._busy = False
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(1060, 560)
        self.refresh()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.readonly_note = QLabel(self)
        self.readonly_note.setObjectName("opsReadOnlyNote")
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setStyleSheet(_NOTE_STYLE)
        outer.addWidget(self.readonly_note)

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        left = QVBoxLayout()
        columns.addLayout(left, 1)

        self.model = OperatorsModel(now=self.ctx.services.clock.now, me=self.ctx.operator.id, parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("opsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        # Enter (filtered below, so the dialog does not also press a default button) or a
        # double-click on a row changes its role.
        self.table.doubleClicked.connect(lambda _i: self.change_role())
        self.table.installEventFilter(self)
        left.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = self._button("opsAdd", self.add_operator, buttons)
        self.role_button = self._button("opsChangeRole", self.change_role, buttons)
        self.pin_button = self._button("opsResetPin", self.reset_pin, buttons)
        self.active_button = self._button("opsToggleActive", self.toggle_active, buttons)
        self.unlock_button = self._button("opsUnlock", self.unlock, buttons)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.status = QLabel(self)
        self.status.setObjectName("opsStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(_HINT_STYLE)
        left.addWidget(self.status)

        self.roles_group = QGroupBox(self)
        self.roles_group.setObjectName("opsRolesGroup")
        right = QVBoxLayout(self.roles_group)
        self.roles_table = RolePermissionsTable(self.roles_group)
        right.addWidget(self.roles_table)
        right.addStretch(1)
        columns.addWidget(self.roles_group, 0)

        bottom = QHBoxLayout()
        self.refresh_button = self._button("opsRefresh", self.refresh, bottom)
        bottom.addStretch(1)
        self.close_button = self._button("opsClose", self.reject, bottom)
        outer.addLayout(bottom)
        refresh_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh_key.activated.connect(lambda: self.refresh())

    def _button(self, object_name: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)):
            if self.selected() is not None and self.role_button.isEnabled():
                self.change_role()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Operators"))
        self.readonly_note.setText(self.tr(
            "Only a manager can manage operators. You can see the list but not change it."))
        self.table.setAccessibleName(self.tr("Operators"))
        self.add_button.setText(self.tr("&Add operator…"))
        self.add_button.setAccessibleName(self.tr("Add an operator"))
        self.role_button.setText(self.tr("Change &role…"))
        self.role_button.setAccessibleName(self.tr("Change the selected operator's role"))
        self.pin_button.setText(self.tr("Reset &PIN…"))
        self.pin_button.setAccessibleName(self.tr("Set a new PIN for the selected operator"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.unlock_button.setAccessibleName(self.tr("Lift the selected operator's lock-out"))
        self.unlock_button.setToolTip(self.tr("After too many wrong PINs an operator is locked out for a while."))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.refresh_button.setAccessibleName(self.tr("Read the operators again"))
        self.close_button.setText(self.tr("Close"))
        self.roles_group.setTitle(self.tr("What each role may do"))
        self.roles_table.retranslate()
        self.model.retranslate()
        self._update_actions()

    # ------------------------------------------------------------------- data
    @property
    def may_manage(self) -> bool:
        """True while the operator at the desk may manage operators."""
        return self._may_manage

    def refresh(self, select_id: int | None = None) -> None:
        """Read the operators again, keeping (or moving) the selection."""
        current = self.selected()
        keep = select_id if select_id is not None else (current.id if current is not None else None)
        run_task(self, lambda: self.ctx.services.operators.list(include_inactive=True),
                 lambda rows: self._show(rows, keep))

    def _show(self, rows: list[OperatorView], select_id: int | None) -> None:
        self.model.set_rows(rows)
        me = next((op for op in rows if op.id == self.ctx.operator.id), None)
        # A manager who just demoted or deactivated themselves loses the actions here too.
        self._may_manage = me is not None and me.active and me.can(Permission.MANAGE_OPERATORS)
        row = self.model.row_of(select_id) if select_id is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_actions()

    def selected(self) -> OperatorView | None:
        """The operator on the selected row."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.operator_at(rows[0].row()) if rows else None

    def select_operator(self, operator_id: int) -> None:
        """Select the row of ``operator_id`` (for keyboard users after an action, and tests)."""
        row = self.model.row_of(operator_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _update_actions(self) -> None:
        op = self.selected()
        manage = self._may_manage and not self._busy
        self.readonly_note.setVisible(not self._may_manage)
        self.add_button.setEnabled(manage)
        for button in (self.role_button, self.pin_button, self.active_button):
            button.setEnabled(manage and op is not None)
        self.unlock_button.setEnabled(manage and op is not None and is_locked(op, self.ctx.services.clock.now()))
        if op is not None and not op.active:
            self.active_button.setText(self.tr("Reac&tivate"))
            self.active_button.setAccessibleName(self.tr("Let the selected operator sign in again"))
        else:
            self.active_button.setText(self.tr("Deac&tivate…"))
            self.active_button.setAccessibleName(self.tr("Stop the selected operator from signing in"))

    # ---------------------------------------------------------------- actions
    def _open_edit(self, mode: str, target: OperatorView | None) -> OperatorEditDialog | None:
        if not self._may_manage:
            return None
        dialog = OperatorEditDialog(self.ctx, mode, target, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(lambda view: self._changed(view, self._done_text(mode, view)))
        dialog.finished.connect(lambda _r: self._edit_closed(dialog))
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _edit_closed(self, dialog: OperatorEditDialog) -> None:
        if self.edit_dialog is dialog:
            self.edit_dialog = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _done_text(self, mode: str, view: OperatorView) -> str:
        if mode == OperatorEditDialog.ADD:
            return self.tr("{0} added.").format(view.name)
        if mode == OperatorEditDialog.ROLE:
            return self.tr("{0} is now: {1}.").format(view.name, view.role.label(current_language()))
        return self.tr("New PIN set for {0}.").format(view.name)

    def add_operator(self) -> OperatorEditDialog | None:
        """Open the form for a new operator."""
        return self._open_edit(OperatorEditDialog.ADD, None)

    def change_role(self) -> OperatorEditDialog | None:
        """Open the role form for the selected operator."""
        op = self.selected()
        return self._open_edit(OperatorEditDialog.ROLE, op) if op is not None else None

    def reset_pin(self) -> OperatorEditDialog | None:
        """Open the PIN form for the selected operator."""
        op = self.selected()
        return self._open_edit(OperatorEditDialog.PIN, op) if op is not None else None

    def toggle_active(self) -> None:
        """Deactivate the selected operator (after a question) or reactivate them."""
        op = self.selected()
        if op is None or not self._may_manage:
            return
        if not op.active:
            self._set_active(op, True)
            return
        ask_confirmation(
            self, self.tr("Deactivate operator"),
            self.tr("Deactivate {0}? They can no longer sign in; cases and records keep their name. "
                    "You can reactivate them later.").format(op.name),
            lambda: self._set_active(op, False))

    def _set_active(self, op: OperatorView, active: bool) -> None:
        by = self.ctx.operator.id
        text = (self.tr("{0} reactivated.") if active else self.tr("{0} deactivated.")).format(op.name)
        self._run(lambda: self.ctx.services.operators.set_active(operator_id=op.id, active=active, by=by), text)

    def unlock(self) -> None:
        """Lift the selected operator's lock-out."""
        op = self.selected()
        if op is None or not self._may_manage:
            return
        by = self.ctx.operator.id
        self._run(lambda: self.ctx.services.operators.unlock(operator_id=op.id, by=by),
                  self.tr("{0} unlocked; they can sign in again.").format(op.name))

    def _run(self, call: Callable[[], OperatorView], done_text: str) -> None:
        self._busy = True
        self._update_actions()

        def done(view: OperatorView) -> None:
            self._busy = False
            self._changed(view, done_text)

        def failed(_exc: BaseException) -> bool:
            self._busy = False
            self.status.clear()  # the last success no longer describes where things stand
            self._update_actions()
            return False  # the error presenter says why (e.g. the only active manager)

        run_task(self, call, done, failed)

    def _changed(self, view: OperatorView, text: str) -> None:
        self.status.setText(text)
        self.sig_operators_changed.emit()
        self.refresh(select_id=view.id)
