"""Operators (managers only): who works at the desk, their roles, PINs and lock-outs.

:class:`OperatorsDialog` lists every operator, inactive ones greyed, and
offers the manager's actions: add an operator, change a role, reset a PIN,
deactivate or reactivate, unlock after too many wrong PINs. Each action is
one service call with ``by=ctx.operator.id``; the services check the
permission again, so a dialog built for a non-manager (it should not be
offered) has every action disabled and would be refused anyway.

Adding, changing a role and resetting a PIN happen in a small
:class:`OperatorEditDialog` that stays open when the service refuses (weak
PIN, duplicate name, last manager) and says why next to the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError, ValidationError
from depot_app.domain.permissions import ROLE_PERMISSIONS, Permission
from depot_app.domain.vocabulary import Role
from depot_app.domain.views import OperatorView
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import (
    LanguageManager,
    RetranslatesOnLanguageChange,
    current_language,
)
from depot_app.ui.common.background import run_task
from depot_app.ui.common.widgets import ReadOnlyRowsModel
from depot_app.ui.common.widgets import ask_confirmation as confirm

Index = QModelIndex | QPersistentModelIndex

COL_NAME = 0
COL_ROLE = 1
COL_ACTIVE = 2
COL_PIN = 3
COL_LOCKED = 4
COL_LAST_SIGN_IN = 5
COLUMN_COUNT = 6

#: Roles in the order they are offered (least senior first).
ROLES: tuple[Role, ...] = (Role.COURIER, Role.CLERK, Role.MANAGER)

INACTIVE_COLOR = QColor("#9e9e9e")
LOCKED_COLOR = QColor("#c62828")
_ERROR_STYLE = "color: #c62828;"
_HINT_STYLE = "color: #5f6368;"
_NOTE_STYLE = "background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; padding: 6px;"



def _capitalized(label: str) -> str:
    """``register cases`` → ``Register cases`` (a row heading, not part of a sentence)."""
    return label[:1].upper() + label[1:]


def is_locked(op: OperatorView, now: datetime) -> bool:
    """Whether ``op`` is locked out at ``now`` (naive UTC)."""
    return op.locked_until is not None and op.locked_until > now


# ============================================================ the steps tests replace
def ask_confirmation(parent: QWidget, title: str, text: str, then: Callable[[], None]) -> None:
    """A Yes/No question (No by default); ``then()`` runs on Yes. Tests replace this step."""
    confirm(parent, title, text, then, object_name="opsConfirmBox")


# ====================================================================== model
class OperatorsModel(ReadOnlyRowsModel):
    """The operators as table rows; data swapped in one place (:meth:`set_rows`)."""

    OPERATOR_ROLE = Qt.ItemDataRole.UserRole + 1
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, *, now: Callable[[], datetime], me: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorView] = []
        self._now = now
        self._me = me

    def set_rows(self, rows: list[OperatorView]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def operator_at(self, row: int) -> OperatorView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, operator_id: int) -> int:
        for i, op in enumerate(self._rows):
            if op.id == operator_id:
                return i
        return -1

    def operators(self) -> list[OperatorView]:
        return list(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [QCoreApplication.translate("OperatorsModel", "Name"),
                    QCoreApplication.translate("OperatorsModel", "Role"),
                    QCoreApplication.translate("OperatorsModel", "Status"),
                    QCoreApplication.translate("OperatorsModel", "PIN"),
                    QCoreApplication.translate("OperatorsModel", "Locked until"),
                    QCoreApplication.translate("OperatorsModel", "Last sign-in")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        op = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(op, col)
        if role == self.OPERATOR_ROLE:
            return op
        if role == Qt.ItemDataRole.ForegroundRole:
            if not op.active:
                return QBrush(INACTIVE_COLOR)
            if col == COL_LOCKED and is_locked(op, self._now()):
                return QBrush(LOCKED_COLOR)
        if role == Qt.ItemDataRole.FontRole and not op.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and not op.active:
            return QCoreApplication.translate("OperatorsModel",
                                              "Deactivated: cannot sign in; their records keep their name.")
        return None

    def _display(self, op: OperatorView, col: int) -> str:
        if col == COL_NAME:
            if op.id == self._me:
                return QCoreApplication.translate("OperatorsModel", "{0} (you)").format(op.name)
            return op.name
        if col == COL_ROLE:
            return op.role.label(current_language())
        if col == COL_ACTIVE:
            if op.active:
                return QCoreApplication.translate("OperatorsModel", "Active")
            return QCoreApplication.translate("OperatorsModel", "Deactivated")
        if col == COL_PIN:
            if op.has_secret:
                return QCoreApplication.translate("OperatorsModel", "Set")
            return QCoreApplication.translate("OperatorsModel", "Not set")
        if col == COL_LOCKED:
            return format_local(op.locked_until) if is_locked(op, self._now()) else "—"
        if col == COL_LAST_SIGN_IN:
            return format_local(op.last_sign_in_at)
        return ""


# ================================================================ sub-dialog
class OperatorEditDialog(RetranslatesOnLanguageChange, QDialog):
    """Add an operator, change a role or set a PIN; stays open until the service accepts.

    ``mode`` is :attr:`ADD`, :attr:`ROLE` or :attr:`PIN`; ``target`` is the
    operator changed (None when adding).
    """

    ADD, ROLE, PIN = "add", "role", "pin"

    sig_saved = Signal(object)
    """Emitted with the :class:`OperatorView` the service returned, before the dialog closes."""

    def __init__(self, ctx: DeskContext, mode: str, target: OperatorView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = mode
        self.target = target
        self._saving = False
        #: Own PIN of a manager who already has one: the service wants the current one.
        self._needs_current = (mode == self.PIN and target is not None and target.id == ctx.operator.id
                               and target.has_secret)
        self.setObjectName("operatorEditDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.setMinimumWidth(520)
        self.fit_height()

    def fit_height(self) -> None:
        """Grow to the height the wrapped hints and error lines need at this width.

        A dialog's minimum size ignores its labels' height-for-width, so
        without this a shown error line squeezes the lines around it.
        """
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), self.minimumWidth())
        needed = layout.totalHeightForWidth(width)
        if needed <= 0:
            return
        self.setMinimumHeight(needed)
        if not self.isVisible() or self.height() < needed:
            self.resize(width, needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("opEditIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        layout.addLayout(grid)

        def add_row(label: QLabel, field: QWidget, *notes: QLabel) -> None:
            row = grid.rowCount() if grid.count() else 0
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(field, row, 1)
            for note in notes:
                row += 1
                grid.addWidget(note, row, 1)

        self.name = QLineEdit(self)
        self.name.setObjectName("opEditName")
        self.name.setMaxLength(64)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        self.name_error = self._error_label("opEditNameError")
        self.name.textEdited.connect(lambda _t: self._clear(self.name_error))
        if self.mode == self.ADD:
            add_row(self.name_label, self.name, self.name_error)
        else:
            self.name.setVisible(False)
            self.name_label.setVisible(False)

        self.role = QComboBox(self)
        self.role.setObjectName("opEditRole")
        for role in ROLES:
            self.role.addItem("", role.value)
        self.role.setCurrentIndex(self.role.findData(
            (self.target.role if self.target is not None else Role.CLERK).value))
        self.role_label = QLabel(self)
        self.role_label.setBuddy(self.role)
        self.role_hint = self._hint_label("opEditRoleHint")
        self.role.currentIndexChanged.connect(lambda _i: self._update_role_hint())
        if self.mode in (self.ADD, self.ROLE):
            add_row(self.role_label, self.role, self.role_hint)
        else:
            self.role.setVisible(False)
            self.role_label.setVisible(False)
            self.role_hint.setVisible(False)

        self.current_pin = self._pin_edit("opEditCurrentPin")
        self.current_pin_label = QLabel(self)
        self.current_pin_label.setBuddy(self.current_pin)
        if self._needs_current:
            add_row(self.current_pin_label, self.current_pin)
        else:
            self.current_pin.setVisible(False)
            self.current_pin_label.setVisible(False)

        self.pin = self._pin_edit("opEditPin")
        self.pin_label = QLabel(self)
        self.pin_label.setBuddy(self.pin)
        self.pin_hint = self._hint_label("opEditPinHint")
        self.pin_error = self._error_label("opEditPinError")
        self.pin_again = self._pin_edit("opEditPinAgain")
        self.pin_again_label = QLabel(self)
        self.pin_again_label.setBuddy(self.pin_again)
        self.pin_again_error = self._error_label("opEditPinAgainError")
        self.pin.textEdited.connect(lambda _t: self._clear_pin_errors())
        self.pin_again.textEdited.connect(lambda _t: self._clear(self.pin_again_error))
        if self.mode in (self.ADD, self.PIN):
            add_row(self.pin_label, self.pin, self.pin_hint, self.pin_error)
            add_row(self.pin_again_label, self.pin_again, self.pin_again_error)
        else:
            for widget in (self.pin, self.pin_label, self.pin_hint, self.pin_error, self.pin_again,
                           self.pin_again_label, self.pin_again_error):
                widget.setVisible(False)

        self.general_error = self._error_label("opEditError")
        layout.addWidget(self.general_error)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("opEditButtons")
        # Own buttons: the box would put Qt's texts back over ours on every language change.
        self.ok_button = QPushButton(self.buttons)
        self.ok_button.setObjectName("opEditOk")
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(self.buttons)
        self.cancel_button.setObjectName("opEditCancel")
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def _pin_edit(self, object_name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(object_name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(64)
        edit.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText)
        return edit

    def _error_label(self, object_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setStyleSheet(_ERROR_STYLE)
        label.setVisible(False)
        return label

    def _hint_label(self, object_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setStyleSheet(_HINT_STYLE)
        return label

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        language = current_language()
        who = self.target.name if self.target is not None else ""
        if self.mode == self.ADD:
            self.setWindowTitle(self.tr("Add an operator"))
            self.intro.setText(self.tr(
                "The new operator signs in with this name and PIN. Tell them the PIN in person."))
            self.ok_button.setText(self.tr("&Add operator"))
        elif self.mode == self.ROLE:
            self.setWindowTitle(self.tr("Change role"))
            self.intro.setText(self.tr("Role of {0}. It applies from their next action.").format(who))
            self.ok_button.setText(self.tr("&Change role"))
        else:
            self.setWindowTitle(self.tr("Reset PIN"))
            self.intro.setText(self.tr(
                "New PIN for {0}. It replaces the old one and lifts a lock-out.").format(who))
            self.ok_button.setText(self.tr("&Set PIN"))
        self.name_label.setText(self.tr("&Name:"))
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("As colleagues know them, e.g. 王丽"))
        self.role_label.setText(self.tr("&Role:"))
        self.role.setAccessibleName(self.tr("Role"))
        for i in range(self.role.count()):
            self.role.setItemText(i, Role(self.role.itemData(i)).label(language))
        self._update_role_hint()
        self.current_pin_label.setText(self.tr("C&urrent PIN:"))
        self.current_pin.setAccessibleName(self.tr("Current PIN"))
        self.pin_label.setText(self.tr("&PIN:"))
        self.pin.setAccessibleName(self.tr("New PIN"))
        self.pin_hint.setText(self.tr(
            "At least 4 characters; not one repeated digit and not a run such as 1234."))
        self.pin_again_label.setText(self.tr("PIN a&gain:"))
        self.pin_again.setAccessibleName(self.tr("New PIN again"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _update_role_hint(self) -> None:
        data = self.role.currentData()
        if data is None:
            return
        role = Role(data)
        language = current_language()
        if role is Role.MANAGER:
            self.role_hint.setText(self.tr("May do everything, including managing operators."))
        else:
            labels = [p.label(language) for p in Permission if p in ROLE_PERMISSIONS[role]]
            self.role_hint.setText(self.tr("May: {0}").format(
                "、".join(labels) if language.startswith("zh") else ", ".join(labels)))
        self.fit_height()

    # ------------------------------------------------------------------- save
    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def save(self) -> None:
        """Check what can be checked here, then ask the service; refusals stay in the dialog."""
        if self._saving:
            return
        self._clear_all()
        if self.mode == self.ADD and not self.name.text().strip():
            self._show(self.name_error, self.name, self.tr("Enter the operator's name."))
            return
        if self.mode in (self.ADD, self.PIN):
            if not self.pin.text():
                self._show(self.pin_error, self.pin, self.tr("Enter a PIN."))
                return
            if self.pin.text() != self.pin_again.text():
                self._show(self.pin_again_error, self.pin_again,
                           self.tr("The two PINs differ. Type the same PIN twice."))
                self.pin_again.clear()
                return
        operators = self.ctx.services.operators
        by = self.ctx.operator.id
        name, role, secret, current = self.name.text(), self.chosen_role(), self.pin.text(), self.current_pin.text()
        target_id = self.target.id if self.target is not None else 0

        def call() -> OperatorView:
            if self.mode == self.ADD:
                return operators.add(name=name, role=role, by=by, secret=secret)
            if self.mode == self.ROLE:
                return operators.set_role(operator_id=target_id, role=role, by=by)
            return operators.set_secret(operator_id=target_id, secret=secret, by=by,
                                        current=current if self._needs_current else None)

        self._saving = True
        self.ok_button.setEnabled(False)
        run_task(self, call, self._on_saved, self._on_failed)

    def _on_saved(self, view: OperatorView) -> None:
        self._saving = False
        self.ok_button.setEnabled(True)
        self.sig_saved.emit(view)
        self.accept()

    def _on_failed(self, exc: BaseException) -> bool:
        self._saving = False
        self.ok_button.setEnabled(True)
        if not isinstance(exc, DepotError):
            return False  # a fault: the error presenter logs and shows it
        text = exc.text(current_language())
        field = exc.field if isinstance(exc, ValidationError) else None
        if field == "name" and self.mode == self.ADD:
            self._show(self.name_error, self.name, text)
        elif field == "secret" and self.mode in (self.ADD, self.PIN):
            self._show(self.pin_error, self.pin, text)
            self.pin_again.clear()
        else:
            self._show(self.general_error, None, text)
        return True

    def _show(self, label: QLabel, widget: QWidget | None, text: str) -> None:
        label.setText(text)
        label.setVisible(True)
        self.fit_height()
        if widget is not None:
            widget.setAccessibleDescription(text)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def _clear_pin_errors(self) -> None:
        self._clear(self.pin_error)
        self._clear(self.pin_again_error)

    def _clear(self, label: QLabel) -> None:
        label.clear()
        label.setVisible(False)

    def _clear_all(self) -> None:
        for label in (self.name_error, self.pin_error, self.pin_again_error, self.general_error):
            self._clear(label)
        for widget in (self.name, self.pin, self.pin_again):
            widget.setAccessibleDescription("")


# ==================================================================== dialog
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
        self.roles_table = QTableWidget(len(Permission), len(ROLES), self.roles_group)
        self.roles_table.setObjectName("opsRolePermissions")
        self.roles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.roles_table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.roles_table.verticalHeader().setDefaultSectionSize(24)
        self.roles_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.roles_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.roles_table.horizontalHeader().setMinimumSectionSize(64)
        self.roles_table.horizontalHeader().setHighlightSections(False)
        self.roles_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.roles_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As big as its fourteen rows and three columns: the whole matrix at a glance.
        self.roles_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.roles_table.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for row, permission in enumerate(Permission):
            for col, role in enumerate(ROLES):
                granted = permission in ROLE_PERMISSIONS[role]
                item = QTableWidgetItem("✓" if granted else "—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setData(Qt.ItemDataRole.UserRole, granted)
                if not granted:
                    item.setForeground(QBrush(INACTIVE_COLOR))
                else:
                    item.setForeground(QBrush(QColor("#2e7d32")))
                self.roles_table.setItem(row, col, item)
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
        language = current_language()
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
        self.roles_table.setAccessibleName(self.tr("Permissions of each role"))
        self.roles_table.setHorizontalHeaderLabels([role.label(language) for role in ROLES])
        self.roles_table.setVerticalHeaderLabels([_capitalized(p.label(language)) for p in Permission])
        for row, permission in enumerate(Permission):
            for col, role in enumerate(ROLES):
                item = self.roles_table.item(row, col)
                if item is not None:
                    granted = bool(item.data(Qt.ItemDataRole.UserRole))
                    item.setToolTip((self.tr("{0} may {1}") if granted else self.tr("{0} may not {1}")).format(
                        role.label(language), permission.label(language)))
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
