"""Settings: the depot's own settings (code, name, time zone, compensation
policy, deadlines) and this user's interface language.

The two kinds are kept apart on purpose (see ``config``): depot settings live
in the database, are a manager's business and are saved together with OK;
the language is a personal preference that applies the moment it is chosen.

The dialog holds the pages (one module each: :mod:`.depot_page`,
:mod:`.compensation_page`, :mod:`.deadlines_page`, :mod:`.language_page`),
loads and saves them together and shows a refused value next to its field.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import ValidationError
from depot_app.domain.permissions import Permission
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import ShipmentScope

# The service has no dry-run; its own validator lets the dialog check every
# value before writing any, so one bad field never leaves a half-saved depot.
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import set_timezone
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.settings.compensation_page import CompensationPage
from depot_app.ui.settings.deadlines_page import DeadlinesPage
from depot_app.ui.settings.depot_page import DepotPage
from depot_app.ui.settings.fields import clear_field_error, error_label
from depot_app.ui.settings.language_page import LanguagePage
from depot_app.ui.settings.tracking_page import TrackingPage

log = logging.getLogger(__name__)

#: Page indexes in ``settingsTabs``.
PAGE_DEPOT, PAGE_COMPENSATION, PAGE_DEADLINES, PAGE_LANGUAGE, PAGE_TRACKING, PAGE_TEMPLATES = range(6)


class SettingsDialog(RetranslatesOnLanguageChange, QDialog):
    """Depot settings for the manager, the interface language for everyone."""

    sig_language_chosen = Signal(str)
    """Emitted with ``"zh_CN"`` or ``"en"`` as soon as the user picks a language."""

    sig_saved = Signal()
    """Emitted after OK has stored the depot settings (before the dialog closes)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDialog")
        self._editable = ctx.operator.can(Permission.EDIT_SETTINGS)
        self._policy = Policy()
        self._loaded = False
        self._saving = False
        self._build()
        self._apply_permissions()
        self.retranslate()
        # Enum labels come from the domain, not from tr(): without a translator
        # change (e.g. to English) no LanguageChange event arrives for them.
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(900, 640)
        self._load()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.readonly_note = QLabel(self)
        self.readonly_note.setObjectName("settingsReadOnlyNote")
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setStyleSheet(
            "background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; padding: 6px;")
        layout.addWidget(self.readonly_note)

        self.depot_page = DepotPage(self.ctx)
        self.compensation_page = CompensationPage()
        self.deadlines_page = DeadlinesPage()
        self.language_page = LanguagePage()
        self.language_page.sig_language_chosen.connect(self.sig_language_chosen)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.depot_page, "")
        self.tabs.addTab(self.compensation_page, "")
        self.tabs.addTab(self.deadlines_page, "")
        self.tabs.addTab(self.language_page, "")
        self.tracking_page = TrackingPage()
        self.tabs.addTab(self.tracking_page, "")
        from depot_app.ui.settings.templates_page import TemplatesPage

        self.templates_page = TemplatesPage()
        self.tabs.addTab(self.templates_page, "")
        self.tabs.currentChanged.connect(lambda _i: self._update_restore_button())
        layout.addWidget(self.tabs, 1)

        self.general_error = error_label("settingsError", self)
        layout.addWidget(self.general_error)

        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("settingsButtons")
        # Own buttons rather than standard ones: the box would put Qt's texts
        # back over ours on every language change.
        self.ok_button = QPushButton(self.buttons)
        self.ok_button.setObjectName("settingsOk")
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(self.buttons)
        self.cancel_button.setObjectName("settingsCancel")
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button = QPushButton(self.buttons)
        self.restore_button.setObjectName("setRestoreDefaults")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.ok_button.setEnabled(False)  # until the stored values are shown
        self.ok_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)

        #: ValidationError.field → (page, widget to focus, label for the message).
        self._error_targets: dict[str, tuple[int, QWidget, QLabel]] = {}
        for page, fields in ((PAGE_DEPOT, self.depot_page.error_fields),
                             (PAGE_COMPENSATION, self.compensation_page.error_fields)):
            self._error_targets.update({field: (page, widget, label) for field, (widget, label) in fields.items()})

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.readonly_note.setText(self.tr(
            "Only a manager can change depot settings. You can still choose your own language."))
        self.tabs.setTabText(PAGE_DEPOT, self.tr("Depot"))
        self.tabs.setTabText(PAGE_COMPENSATION, self.tr("Compensation policy"))
        self.tabs.setTabText(PAGE_DEADLINES, self.tr("Deadlines"))
        self.tabs.setTabText(PAGE_LANGUAGE, self.tr("Language"))
        self.tabs.setTabText(PAGE_TRACKING, self.tr("Carrier scans"))
        self.tracking_page.retranslate()
        self.tabs.setTabText(PAGE_TEMPLATES, self.tr("Message templates"))
        self.templates_page.retranslate()
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        self.depot_page.retranslate()
        self.compensation_page.retranslate()
        self.deadlines_page.retranslate()
        self.language_page.retranslate()

        # Buttons
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("Save the settings and close"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Close without saving"))
        self.restore_button.setText(self.tr("&Restore defaults"))
        self.restore_button.setAccessibleName(self.tr("Restore this page's defaults"))
        self.restore_button.setToolTip(self.tr(
            "Put this page back to the standard policy. Nothing is saved until OK."))

    # ------------------------------------------------------------ permissions
    def _apply_permissions(self) -> None:
        read_only = not self._editable
        self.readonly_note.setVisible(read_only)
        for page in (self.depot_page, self.compensation_page, self.deadlines_page, self.tracking_page,
                     self.templates_page):
            page.set_read_only(read_only)
        self._update_restore_button()

    @property
    def editable(self) -> bool:
        """True when the operator may change the depot settings (a manager)."""
        return self._editable

    def _update_restore_button(self) -> None:
        # Code, name and time zone identify this depot: there is no "default"
        # to go back to, so only the policy pages can be restored.
        page = self.tabs.currentIndex()
        self.restore_button.setEnabled(self._editable and page in (PAGE_COMPENSATION, PAGE_DEADLINES))

    # ------------------------------------------------------------------- load
    def _load(self) -> None:
        run_task(self, self.ctx.services.settings.all, self._on_loaded)

    def _on_loaded(self, values: dict[str, Any]) -> None:
        self.depot_page.load(values)
        self._policy = Policy.from_dict(values["policy"])
        self.compensation_page.load(self._policy)
        self.deadlines_page.load(self._policy)
        self.tracking_page.load(values)
        self.templates_page.load(values)
        self._loaded = True
        self.ok_button.setEnabled(True)

    def restore_defaults(self) -> None:
        """Put the current policy page back to :class:`Policy` defaults (not saved yet)."""
        if not self._editable:
            return
        page = self.tabs.currentIndex()
        if page == PAGE_COMPENSATION:
            self.compensation_page.load(Policy())
        elif page == PAGE_DEADLINES:
            self.deadlines_page.load(Policy())

    # ----------------------------------------------------------- field values
    def timezone_value(self) -> str:
        """The chosen zone name (the text before the description, if typed)."""
        return self.depot_page.timezone_value()

    @property
    def resolution_table(self) -> QTableWidget:
        """The resolution hours per problem kind (on the deadlines page)."""
        return self.deadlines_page.resolution_table

    @property
    def lost_labels(self) -> dict[ShipmentScope, QLabel]:
        """The labels of the "treat as lost after" days, per shipment scope."""
        return self.deadlines_page.lost_labels

    def policy_from_fields(self) -> Policy:
        """The policy the fields describe, based on the stored one.

        Raises :class:`ValidationError` (field ``approval_threshold``) when the
        threshold is not an amount of money.
        """
        base = self._policy
        return base.with_changes(**self.compensation_page.policy_changes(base),
                                 **self.deadlines_page.policy_changes(base))

    # ------------------------------------------------------------------- save
    def save(self) -> None:
        """OK: store every depot setting, or show what is wrong next to it."""
        if not self._editable or not self._loaded:
            # A clerk may only have changed the language, which is already applied.
            self.accept()
            return
        if self._saving:
            return
        self._clear_errors()
        try:
            policy = self.policy_from_fields()
        except ValidationError as exc:
            self._show_validation_error(exc)
            return
        values = {**self.depot_page.values(), **self.tracking_page.values(),
                  **self.templates_page.values()}
        policy_changed = policy != self._policy
        settings = self.ctx.services.settings
        by = self.ctx.operator.id

        def store() -> str:
            # One transaction: either every setting is stored or none is.
            settings.set_many(values={**values, **({"policy": policy} if policy_changed else {})}, by=by)
            return str(settings.get("timezone"))

        self._saving = True
        self.ok_button.setEnabled(False)
        run_task(self, store, self._on_saved, self._on_save_failed)

    def _on_saved(self, timezone: str) -> None:
        self._saving = False
        self.ok_button.setEnabled(True)
        set_timezone(timezone)
        log.info("Depot settings saved by operator %s", self.ctx.operator.id)
        self.sig_saved.emit()
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> bool:
        self._saving = False
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self._show_validation_error(exc)
            return True
        return False  # the error presenter shows anything else

    def _show_validation_error(self, exc: ValidationError) -> None:
        text = exc.text(current_language())
        target = self._error_targets.get(exc.field or "")
        if target is None:
            self.general_error.setText(text)
            self.general_error.setVisible(True)
            return
        page, widget, label = target
        label.setText(text)
        label.setVisible(True)
        widget.setAccessibleDescription(text)
        self.tabs.setCurrentIndex(page)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_errors(self) -> None:
        for _page, widget, label in self._error_targets.values():
            clear_field_error(widget, label)
        self.general_error.clear()
        self.general_error.setVisible(False)
