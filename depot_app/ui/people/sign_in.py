"""Who is at the desk: the first manager, sign-in with a PIN, lock and switch.

* :class:`FirstManagerDialog` — a fresh database: name and PIN of the first manager.
* :class:`SignInDialog` — pick your name, type your PIN. The same dialog
  locks the desk after idle time (``locked`` mode) and switches operators.
  While no operator has a PIN yet (a database from before sign-in, or sample
  data), a manager chooses theirs here.
* :class:`IdleWatcher` — notices keyboard and mouse input anywhere in the
  application and says when the desk has been idle too long.
"""

from __future__ import annotations

import socket
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import AccountLockedError, DepotError, SignInError
from depot_app.domain.views import OperatorView
from depot_app.domain.vocabulary import Role
from depot_app.services import Services
from depot_app.ui.common.background import run_task
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language

#: The name this workstation is recorded under in the audit trail.
WORKSTATION = socket.gethostname()[:40]

_ERROR_STYLE = "color: #b3261e; font-weight: bold;"
_INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                 QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod}


def _pin_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(64)
    field.setMinimumWidth(220)
    return field


class FirstManagerDialog(RetranslatesOnLanguageChange, QDialog):
    """The first start: create the depot's first manager with a PIN."""

    sig_created = Signal(object)
    """Emitted with the new manager's :class:`OperatorView`."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstManagerDialog")
        self.services = services
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("firstManagerHeading")
        font = QFont(self.heading.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(self)
        self.intro.setObjectName("firstManagerIntro")
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("firstManagerName")
        self.name_edit.setMaxLength(64)
        self.pin_edit = _pin_field(self, "firstManagerPin")
        self.pin_again = _pin_field(self, "firstManagerPinAgain")
        self.name_label, self.pin_label, self.again_label = QLabel(self), QLabel(self), QLabel(self)
        for label, field in ((self.name_label, self.name_edit), (self.pin_label, self.pin_edit),
                             (self.again_label, self.pin_again)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.message = QLabel(self)
        self.message.setObjectName("firstManagerMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("firstManagerButtons")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Depot Desk"))
        self.heading.setText(self.tr("Create the first manager"))
        self.intro.setText(self.tr(
            "This database has no operators yet. The first one is the depot's manager, who then adds "
            "couriers and clerks under Desk → Operators. Choose a PIN or password of at least 4 "
            "characters; it is stored only as a salted hash."))
        self.name_label.setText(self.tr("Your &name:"))
        self.pin_label.setText(self.tr("&PIN or password:"))
        self.again_label.setText(self.tr("PIN &again:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))

    def submit(self) -> None:
        name, pin = self.name_edit.text(), self.pin_edit.text()
        if not name.strip():
            self._refuse(self.tr("Enter your name."), self.name_edit)
            return
        if pin != self.pin_again.text():
            self._refuse(self.tr("The two PINs differ; type the same PIN twice."), self.pin_again)
            return
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> bool:
            self.buttons.setEnabled(True)
            if isinstance(exc, DepotError):
                self._refuse(exc.text(current_language()), self.pin_edit)
                return True
            return False

        run_task(self, lambda: self.services.operators.create_first_manager(name=name, secret=pin),
                 self._created, failed)

    def _created(self, view: OperatorView) -> None:
        self.buttons.setEnabled(True)
        self.sig_created.emit(view)
        self.accept()

    def _refuse(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        field.setFocus()
        field.selectAll()


class SignInDialog(RetranslatesOnLanguageChange, QDialog):
    """Pick your name and type your PIN; also the lock screen and the operator switch."""

    sig_signed_in = Signal(object)
    """Emitted with the signed-in :class:`OperatorView`."""

    def __init__(self, services: Services, *, preselect: int | None = None, locked: OperatorView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.services = services
        self.locked = locked
        self._operators: list[OperatorView] = []
        self._first_secret = False
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("signInHeading")
        font = QFont(self.heading.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("signInPrompt")
        self.prompt.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("signInOperators")
        list_font = QFont(self.list.font())
        list_font.setPointSize(list_font.pointSize() + 2)
        self.list.setFont(list_font)
        self.list.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.list.currentRowChanged.connect(self._on_operator_changed)
        self.list.itemActivated.connect(lambda _item: self.pin_edit.setFocus())
        form = QFormLayout()
        self.pin_label = QLabel(self)
        self.pin_edit = _pin_field(self, "signInPin")
        self.pin_edit.returnPressed.connect(self.submit)
        self.pin_label.setBuddy(self.pin_edit)
        self.again_label = QLabel(self)
        self.pin_again = _pin_field(self, "signInPinAgain")
        self.pin_again.returnPressed.connect(self.submit)
        self.again_label.setBuddy(self.pin_again)
        form.addRow(self.pin_label, self.pin_edit)
        form.addRow(self.again_label, self.pin_again)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("signInButtons")
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.quit_button = QPushButton(self)
        self.quit_button.setObjectName("signInQuitButton")
        self.quit_button.clicked.connect(self.reject)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(420, 440)
        self.set_operators(services.operators.list(), preselect=locked.id if locked else preselect)
        self._first_secret = services.operators.needs_first_secret()
        self._on_operator_changed(self.list.currentRow())
        self.retranslate()
        QTimer.singleShot(0, self.pin_edit.setFocus)

    # ------------------------------------------------------------------ state
    def set_operators(self, operators: list[OperatorView], *, preselect: int | None = None) -> None:
        self._operators = operators
        self.list.clear()
        for op in operators:
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.UserRole, op.id)
            if op.id == preselect:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and operators:
            self.list.setCurrentRow(0)
        self._label_items()

    def _label_items(self) -> None:
        lang = current_language()
        for row, op in enumerate(self._operators):
            self.list.item(row).setText(f"{op.name}  ·  {op.role.label(lang)}")

    def chosen(self) -> OperatorView | None:
        row = self.list.currentRow()
        return self._operators[row] if 0 <= row < len(self._operators) else None

    def choosing_first_pin(self) -> bool:
        """True when the chosen manager sets the depot's first PIN here."""
        op = self.chosen()
        return bool(self._first_secret and op is not None and op.role is Role.MANAGER and not op.has_secret)

    def _on_operator_changed(self, _row: int) -> None:
        first = self.choosing_first_pin()
        self.again_label.setVisible(first)
        self.pin_again.setVisible(first)
        self.message.clear()
        self.pin_edit.clear()
        self.pin_again.clear()
        self._retranslate_mode()

    # ------------------------------------------------------------- language
    def retranslate(self) -> None:
        if self.locked is not None:
            self.setWindowTitle(self.tr("Desk locked"))
            self.heading.setText(self.tr("The desk is locked"))
            self.prompt.setText(self.tr(
                "{0} was signed in. Type your PIN to continue, or choose another name to switch operator; "
                "every change is recorded under the name signed in.").format(self.locked.name))
        else:
            self.setWindowTitle(self.tr("Sign in"))
            self.heading.setText(self.tr("Who is at the desk?"))
            self.prompt.setText(self.tr("Choose your name and type your PIN. Every change you make is "
                                        "recorded under it."))
        self.list.setAccessibleName(self.tr("Operators"))
        self.quit_button.setText(self.tr("Quit"))
        self._label_items()
        self._retranslate_mode()

    def _retranslate_mode(self) -> None:
        if self.choosing_first_pin():
            self.pin_label.setText(self.tr("Choose a &PIN:"))
            self.again_label.setText(self.tr("PIN &again:"))
            self.sign_in_button.setText(self.tr("Set PIN and sign in"))
            self.prompt.setText(self.tr("No one at this depot has a PIN yet. As a manager, choose yours "
                                        "(at least 4 characters), then add PINs for the others under "
                                        "Desk → Operators."))
        else:
            self.pin_label.setText(self.tr("&PIN or password:"))
            self.sign_in_button.setText(self.tr("Sign in"))

    # ------------------------------------------------------------------ submit
    def submit(self) -> None:
        op = self.chosen()
        if op is None:
            self.message.setText(self.tr("Choose your name first."))
            return
        pin = self.pin_edit.text()
        if not pin:
            self.message.setText(self.tr("Type your PIN."))
            self.pin_edit.setFocus()
            return
        operators = self.services.operators
        if self.choosing_first_pin():
            if pin != self.pin_again.text():
                self.message.setText(self.tr("The two PINs differ; type the same PIN twice."))
                self.pin_again.setFocus()
                self.pin_again.selectAll()
                return

            def work() -> OperatorView:
                return operators.set_initial_secret(operator_id=op.id, secret=pin)
        else:
            def work() -> OperatorView:
                return operators.sign_in(operator_id=op.id, secret=pin, workstation=WORKSTATION)
        self.sign_in_button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        run_task(self, work, self._signed_in, self._failed)

    def _signed_in(self, view: OperatorView) -> None:
        self.sign_in_button.setEnabled(True)
        self.message.clear()
        self.pin_edit.clear()
        self.pin_again.clear()
        self.sig_signed_in.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.sign_in_button.setEnabled(True)
        if not isinstance(exc, DepotError):
            self.message.clear()
            return False
        self.message.setText(exc.text(current_language()))
        self.pin_edit.clear()
        self.pin_again.clear()
        self.pin_edit.setFocus()
        if isinstance(exc, AccountLockedError):
            self.list.setFocus()  # someone else may sign in meanwhile
        elif isinstance(exc, SignInError):
            self.pin_edit.setFocus()
        return True


class IdleWatcher(QObject):
    """Emits :attr:`sig_idle` once after ``minutes`` without keyboard or mouse input.

    Watches the whole application through an event filter, so typing in any
    window or dialog counts as activity. ``minutes=0`` never locks.
    """

    sig_idle = Signal()
    """The desk has been idle for the configured time."""

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sig_idle.emit)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        self.restart()

    def set_interval_ms(self, ms: int) -> None:
        """A shorter interval (tests)."""
        self._timer.setInterval(ms)
        self._timer.start()

    def restart(self) -> None:
        if self.minutes <= 0:
            self._timer.stop()
            return
        self._timer.start(self.minutes * 60_000)

    def pause(self) -> None:
        """Stop counting (while the lock screen is up)."""
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
