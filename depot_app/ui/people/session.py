"""The signed-in operator of a desk window: lock, switch, PIN and role menus.

:func:`install_session` gives the main window

* Desk → *Lock / switch operator* (<kbd>Ctrl+Shift+L</kbd>) and the idle lock:
  the window's content is hidden behind the sign-in dialog until someone
  signs in; the same person carries on where they were, another person gets
  the queue with no case tabs of the previous operator left open;
* Desk → *Change my PIN…*, *Operators…* and *Audit trail…* (the last two
  enabled only for roles holding the permission; the services refuse anyway).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError
from depot_app.domain.permissions import Permission
from depot_app.domain.views import OperatorView
from depot_app.ui.common.background import run_task
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language
from depot_app.ui.people.sign_in import WORKSTATION, IdleWatcher, SignInDialog, _pin_field

log = logging.getLogger(__name__)

LOCK_SHORTCUT = "Ctrl+Shift+L"


class ChangePinDialog(RetranslatesOnLanguageChange, QDialog):
    """An operator changes their own PIN (the current one is asked first)."""

    def __init__(self, services: Any, operator: OperatorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePinDialog")
        self.services = services
        self.operator = operator
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current_edit = _pin_field(self, "changePinCurrent")
        self.new_edit = _pin_field(self, "changePinNew")
        self.again_edit = _pin_field(self, "changePinAgain")
        self.current_label, self.new_label, self.again_label = QLabel(self), QLabel(self), QLabel(self)
        for label, field in ((self.current_label, self.current_edit), (self.new_label, self.new_edit),
                             (self.again_label, self.again_edit)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.message = QLabel(self)
        self.message.setObjectName("changePinMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("changePinButtons")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change my PIN — {0}").format(self.operator.name))
        self.current_label.setText(self.tr("&Current PIN:"))
        self.new_label.setText(self.tr("&New PIN:"))
        self.again_label.setText(self.tr("New PIN &again:"))

    def submit(self) -> None:
        new = self.new_edit.text()
        if new != self.again_edit.text():
            self.message.setText(self.tr("The two new PINs differ; type the same PIN twice."))
            self.again_edit.setFocus()
            return
        current = self.current_edit.text()
        operators = self.services.operators
        op_id = self.operator.id

        def failed(exc: BaseException) -> bool:
            self.buttons.setEnabled(True)
            if isinstance(exc, DepotError):
                self.message.setText(exc.text(current_language()))
                return True
            return False

        def done(_view: Any) -> None:
            self.buttons.setEnabled(True)
            self.accept()

        self.buttons.setEnabled(False)
        run_task(self, lambda: operators.set_secret(operator_id=op_id, secret=new, by=op_id, current=current),
                 done, failed)


class DeskSession(QObject):
    """Keeps a main window's operator: idle lock, switching, role-dependent menus."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx  # type: ignore[attr-defined]
        self.lock_dialog: SignInDialog | None = None
        self.lock_panel: QWidget | None = None
        self._desk: QWidget | None = None
        self._dialogs: dict[str, QDialog] = {}
        menu = window.menu_desk  # type: ignore[attr-defined]
        self.action_lock = QAction(window)
        self.action_lock.setObjectName("actionLockDesk")
        self.action_lock.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.action_lock.triggered.connect(lambda: self.lock(reason="switch"))
        self.action_change_pin = QAction(window)
        self.action_change_pin.setObjectName("actionChangePin")
        self.action_change_pin.triggered.connect(self.open_change_pin)
        self.action_operators = QAction(window)
        self.action_operators.setObjectName("actionOperators")
        self.action_operators.triggered.connect(self.open_operators)
        self.action_audit = QAction(window)
        self.action_audit.setObjectName("actionAuditTrail")
        self.action_audit.triggered.connect(self.open_audit_trail)
        quit_action = window.action_quit  # type: ignore[attr-defined]
        for action in (self.action_operators, self.action_audit):
            menu.insertAction(quit_action, action)
        menu.insertSeparator(quit_action)
        for action in (self.action_lock, self.action_change_pin):
            menu.insertAction(quit_action, action)
        menu.insertSeparator(quit_action)
        # One click at a shared counter: next to the operator's name in the status bar.
        self.switch_button = QToolButton(window)
        self.switch_button.setObjectName("switchOperatorButton")
        self.switch_button.setAutoRaise(True)
        self.switch_button.clicked.connect(lambda: self.lock(reason="switch"))
        window.statusBar().addPermanentWidget(self.switch_button)
        self.idle = IdleWatcher(self._idle_minutes(), self)
        self.idle.sig_idle.connect(lambda: self.lock(reason="idle"))
        window.installEventFilter(self)
        # Ctrl+Shift+L must also lock while a dialog of this window (settings, operators…) is
        # open: those block the window's own shortcuts, so the key is caught application-wide.
        self._signed_out = False
        self._lock_keys = QKeySequence(LOCK_SHORTCUT)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate()
        self.apply_permissions()

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.action_lock.setText(self.tr("&Lock / switch operator"))
        self.action_change_pin.setText(self.tr("Change my &PIN…"))
        self.action_operators.setText(self.tr("&Operators…"))
        self.action_audit.setText(self.tr("&Audit trail…"))
        self.switch_button.setText(self.tr("Switch operator"))
        self.switch_button.setToolTip(self.tr("Lock the desk so another operator can sign in ({0})").format(
            LOCK_SHORTCUT))
        self.switch_button.setAccessibleName(self.tr("Switch operator"))
        for action, permission in ((self.action_operators, Permission.MANAGE_OPERATORS),
                                   (self.action_audit, Permission.VIEW_AUDIT)):
            action.setToolTip("" if self.ctx.operator.can(permission) else self.tr(
                "Needs the “{0}” permission (managers).").format(permission.label(current_language())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close and self.lock_dialog is None and not self._signed_out:
                self._signed_out = True
                self._record_sign_out("quit")
        elif (event.type() == QEvent.Type.KeyPress and self.lock_dialog is None
              and isinstance(event, QKeyEvent) and self._is_lock_key(event) and self._belongs_here(watched)):
            self.lock(reason="switch")
            return True
        return False

    def _is_lock_key(self, event: QKeyEvent) -> bool:
        return QKeySequence(event.keyCombination()) == self._lock_keys

    def _belongs_here(self, watched: QObject) -> bool:
        """Whether the key went to this window or one of its dialogs."""
        if not isinstance(watched, QWidget):
            return False
        top = watched.window()
        while top is not None and top is not self.window:
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return top is self.window

    def apply_permissions(self) -> None:
        op = self.ctx.operator
        self.action_operators.setEnabled(op.can(Permission.MANAGE_OPERATORS))
        self.action_audit.setEnabled(op.can(Permission.VIEW_AUDIT))
        self.retranslate()

    def _idle_minutes(self) -> int:
        try:
            return int(self.ctx.services.settings.get("idle_lock_minutes"))
        except (DepotError, ValueError):
            log.exception("Could not read idle_lock_minutes; the desk locks after 10 minutes")
            return 10

    def settings_changed(self) -> None:
        """The depot settings were saved: the idle time may have changed."""
        self.idle.set_minutes(self._idle_minutes())

    # ------------------------------------------------------------------ lock
    def _record_sign_out(self, reason: str) -> None:
        try:
            self.ctx.services.operators.sign_out(operator_id=self.ctx.operator.id, reason=reason,
                                                 workstation=WORKSTATION)
        except Exception:  # noqa: BLE001 - a missing audit line must not keep the desk unlocked
            log.exception("Could not record the sign-out of %s", self.ctx.operator.name)

    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self, *, reason: str = "switch") -> SignInDialog:
        """Hide the desk behind the sign-in dialog until someone signs in."""
        if self.lock_dialog is not None:
            return self.lock_dialog
        self.idle.pause()
        self._record_sign_out(reason)
        self._signed_out = True
        # The desk's content is taken out of the window (not merely covered) and a
        # plain panel stands in, so nothing of the previous operator's work shows.
        self._desk = self.window.takeCentralWidget()
        self.lock_panel = self._make_lock_panel()
        self.window.setCentralWidget(self.lock_panel)
        self.window.statusBar().setVisible(False)
        self.window.menuBar().setEnabled(False)
        for child in self.window.findChildren(QDialog):
            if child.isVisible() and not isinstance(child, SignInDialog):
                child.hide()  # what the previous operator had open is not for the next one's eyes
                self._dialogs[child.objectName()] = child
        dialog = SignInDialog(self.ctx.services, locked=self.ctx.operator, parent=self.window)
        dialog.sig_signed_in.connect(self._unlocked)
        dialog.rejected.connect(self._quit_from_lock)
        self.lock_dialog = dialog
        dialog.open()
        return dialog

    def _unlocked(self, view: OperatorView) -> None:
        previous = self.ctx.operator
        self.lock_dialog = None
        self._signed_out = False
        self._restore_desk()
        if view.id == previous.id:
            for child in self._dialogs.values():
                child.show()
        else:
            for child in self._dialogs.values():
                child.reject()
            self.switch_to(view)
        self._dialogs.clear()
        self.idle.restart()
        self.window.focus_scan_box()  # type: ignore[attr-defined]

    def _make_lock_panel(self) -> QWidget:
        panel = QLabel()
        panel.setObjectName("lockPanel")
        panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel.setStyleSheet("QLabel#lockPanel { background: #2b3a4a; color: #f0f0f0; font-size: 22pt; }")
        panel.setText(self.tr("The desk is locked — sign in to continue"))
        return panel

    def _restore_desk(self) -> None:
        if self._desk is not None:
            self.window.setCentralWidget(self._desk)  # the lock panel is deleted by Qt here
            self._desk.setVisible(True)
            self._desk = None
        self.lock_panel = None
        self.window.statusBar().setVisible(True)
        self.window.menuBar().setEnabled(True)

    def _quit_from_lock(self) -> None:
        self.lock_dialog = None
        self._restore_desk()
        for child in self._dialogs.values():
            child.reject()
        self._dialogs.clear()
        self.window.close()

    def switch_to(self, view: OperatorView) -> None:
        """Another operator takes the desk: their name, their permissions, no
        case tabs of the previous operator left open."""
        window = self.window
        self.ctx.operator = view
        self.ctx.preferences.last_operator_id = view.id
        try:
            self.ctx.save_preferences()
        except OSError:
            log.exception("Could not save the preferences")
        tabs = window.tabs  # type: ignore[attr-defined]
        for index in range(tabs.count() - 1, 0, -1):
            window._close_tab(index)  # type: ignore[attr-defined]
        window.retranslate()  # type: ignore[attr-defined]
        self.apply_permissions()
        window.reload_queue()  # type: ignore[attr-defined]

    # --------------------------------------------------------------- dialogs
    def open_change_pin(self) -> None:
        dialog = ChangePinDialog(self.ctx.services, self.ctx.operator, parent=self.window)
        dialog.finished.connect(lambda _r: self.window.focus_scan_box())  # type: ignore[attr-defined]
        self._change_pin = dialog
        dialog.open()

    def open_operators(self) -> None:
        from depot_app.ui.people.operators_dialog import OperatorsDialog

        dialog = OperatorsDialog(self.ctx, parent=self.window)
        dialog.finished.connect(lambda _r: self.window.focus_scan_box())  # type: ignore[attr-defined]
        self._operators_dialog = dialog
        dialog.open()

    def open_audit_trail(self) -> None:
        from depot_app.ui.people.audit_view import AuditTrailDialog

        dialog = AuditTrailDialog(self.ctx, parent=self.window)
        dialog.finished.connect(lambda _r: self.window.focus_scan_box())  # type: ignore[attr-defined]
        self._audit_dialog = dialog
        dialog.open()


def install_session(window: QMainWindow) -> DeskSession:
    """Add the operator's menu entries and the idle lock to ``window``."""
    session = DeskSession(window)
    window.session = session  # type: ignore[attr-defined]
    return session
