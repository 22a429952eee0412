"""The small form of the operators dialog: add an operator, change a role or set a PIN.

:class:`OperatorEditDialog` stays open when the service refuses (weak PIN,
duplicate name, last manager) and says why next to the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError, ValidationError
from depot_app.domain.permissions import ROLE_PERMISSIONS, Permission
from depot_app.domain.views import OperatorView
from depot_app.domain.vocabulary import Role
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import (
    LanguageManager,
    RetranslatesOnLanguageChange,
    current_language,
)
from depot_app.ui.people.role_table import ROLES

_ERROR_STYLE = "color: #c62828;"
_HINT_STYLE = "color: #5f6368;"


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
