"""Registering a problem parcel: one keyboard-only form from scan to case number.

The clerk scans (or types) the tracking number, picks the kind of problem,
says who reported it and fills in what the waybill shows; Ctrl+Enter saves.
Every field is checked when focus leaves it, with the same domain functions
the service uses, and the service's own refusals land next to the field they
name. After saving, the form gives way to the new case number in large type
so it can be read to the customer over the phone.

This module holds the dialog itself: its texts, the kind of problem and its
handling guide, saving in the background and the success page's behaviour.
Its other parts: ``registration_layout`` (the widgets), ``registration_fields``
(the fields and their checks) and ``tracking_number`` (the number, its label
photo and the parcel already on record).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMetaMethod, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QWidget

from depot_app.domain.errors import DepotError, DuplicateOpenCaseError, ValidationError
from depot_app.domain.identifiers import Carrier, TrackingInfo, normalize_tracking
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.parcel import MONEY_FIELDS
from depot_app.domain.views import CaseDetail, QueueRow
from depot_app.domain.vocabulary import Priority, ReportChannel, ShipmentScope
from depot_app.ui.addresses.address_hint import attach_address_hint
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.registration.registration_fields import FIELD_ORDER, FieldChecks, FieldSlot, in_language
from depot_app.ui.registration.registration_layout import RegistrationLayout
from depot_app.ui.registration.tracking_number import TrackingNumberEntry


class RegistrationDialog(RetranslatesOnLanguageChange, RegistrationLayout, FieldChecks, TrackingNumberEntry,
                         QDialog):
    """Register a problem on a parcel and hand out its case number.

    Opened non-blocking with ``open()``. Nothing is written until Save
    succeeds; a refusal from the service is shown next to the field it names.
    """

    sig_registered = Signal(int, str)
    """Emitted with (case id, case number) once the case is saved."""

    sig_open_existing = Signal(str)
    """Emitted with a case number when the clerk chooses to open the open case
    that already exists for this parcel and kind instead of registering a new one."""

    def __init__(self, ctx: DeskContext, *, tracking_no: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("registrationDialog")
        self._slots: dict[str, FieldSlot] = {}
        #: Field errors as callables so they re-render in the current language.
        self._errors: dict[str, Callable[[], str]] = {}
        self._banner_text: Callable[[], str] | None = None
        self._existing_case_no: str | None = None
        self._carrier_touched = False
        self._priority_touched = False
        self._tracking: TrackingInfo | None = None
        self._tracking_problem: DepotError | None = None
        self._known: dict[str, Any] | None = None
        self._known_open: list[QueueRow] = []
        self._looked_up = ""
        self._lookup_generation = 0
        #: Values filled in from a known parcel (cleared again if the number changes).
        self._prefilled: dict[str, str] = {}
        self._locked: set[str] = set()
        self._saving = False
        self._saved: CaseDetail | None = None
        self._barcode_chooser: QDialog | None = None

        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(300)
        self._lookup_timer.timeout.connect(self._look_up_parcel)

        self._build()
        # The recipient address's parts and check, as typed.
        self.address_hint = attach_address_hint(ctx, self.parcel_edits["recipient_address"])
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(920, 720)
        self.setMinimumSize(760, 560)

        if tracking_no:
            self.tracking_edit.setText(normalize_tracking(tracking_no))
            self._tracking_changed()
            self._look_up_parcel()
        if self._tracking is not None:
            self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tracking_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ============================================================== language
    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        lang = current_language()
        self.setWindowTitle(self.tr("Register a problem parcel"))
        self.title_label.setText(self.tr("Register a problem parcel"))
        self.operator_label.setText(self.tr("Registered by {0}").format(self.ctx.operator.name))

        captions = {
            "tracking_no": self.tr("&Tracking number *"),
            "carrier": self.tr("&Carrier"),
            "kind": self.tr("&Kind of problem *"),
            "priority": self.tr("&Priority"),
            "report_channel": self.tr("Reported &via"),
            "reporter_name": self.tr("&Reporter *"),
            "reporter_contact": self.tr("Reporter c&ontact *"),
            "description": self.tr("&Description"),
            "sender_name": self.tr("&Name"),
            "sender_phone": self.tr("Phone"),
            "sender_address": self.tr("Address"),
            "recipient_name": self.tr("N&ame"),
            "recipient_phone": self.tr("Phone"),
            "recipient_address": self.tr("Address"),
            "item_description": self.tr("Ite&m"),
            "declared_value": self.tr("Declared value ¥"),
            "insured_value": self.tr("Insured value ¥"),
            "freight": self.tr("Freight ¥"),
            "cod_amount": self.tr("COD amount ¥"),
            "weight_g": self.tr("Weight (kg)"),
            "scope": self.tr("Scope"),
        }
        accessible = {
            "tracking_no": self.tr("Tracking number"),
            "carrier": self.tr("Carrier"),
            "kind": self.tr("Kind of problem"),
            "priority": self.tr("Priority"),
            "report_channel": self.tr("Reported via"),
            "reporter_name": self.tr("Reporter name"),
            "reporter_contact": self.tr("Reporter contact"),
            "description": self.tr("Description of the problem"),
            "sender_name": self.tr("Sender name"),
            "sender_phone": self.tr("Sender phone"),
            "sender_address": self.tr("Sender address"),
            "recipient_name": self.tr("Recipient name"),
            "recipient_phone": self.tr("Recipient phone"),
            "recipient_address": self.tr("Recipient address"),
            "item_description": self.tr("Item"),
            "declared_value": self.tr("Declared value in yuan"),
            "insured_value": self.tr("Insured value in yuan"),
            "freight": self.tr("Freight in yuan"),
            "cod_amount": self.tr("Cash-on-delivery amount in yuan"),
            "weight_g": self.tr("Weight in kilograms"),
            "scope": self.tr("Shipment scope"),
        }
        for key, slot in self._slots.items():
            if slot.caption is not None:
                slot.caption.setText(captions[key])
            slot.widget.setAccessibleName(accessible[key])
            slot.error.setAccessibleName(self.tr("Problem with {0}").format(accessible[key]))
        self.tracking_status.setAccessibleName(self.tr("Tracking number check"))

        self.tracking_edit.setPlaceholderText(self.tr("Scan or type the waybill number"))
        self.read_photo_button.setText(self.tr("Read from p&hoto…"))
        self.read_photo_button.setAccessibleName(self.tr("Read the tracking number from a photo of the label"))
        self.read_photo_button.setToolTip(self.tr("Choose a photo of the waybill label: its barcode gives the number"))
        self.reporter_name_edit.setPlaceholderText(self.tr("Who reported the problem"))
        self.reporter_contact_edit.setPlaceholderText(self.tr("Phone, WeChat or e-mail"))
        self.description_edit.setPlaceholderText(
            self.tr("What happened, what the customer wants (Tab moves on)"))
        money_hint = self.tr("e.g. 120.00")
        for key in MONEY_FIELDS:
            self.parcel_edits[key].setPlaceholderText(money_hint)
        self.parcel_edits["weight_g"].setPlaceholderText(self.tr("e.g. 1.25"))
        self.parcel_edits["item_description"].setPlaceholderText(self.tr("What is in the parcel"))
        self._refresh_phone_placeholders()

        self._fill_combo(self.carrier_combo, {c.value: c.label(lang) for c in Carrier})
        self.carrier_combo.setPlaceholderText(self.tr("Detected from the number"))
        self._fill_combo(self.kind_combo, {k.value: k.label(lang) for k in ProblemKind})
        self.kind_combo.setPlaceholderText(self.tr("Choose the problem…"))
        self._fill_combo(self.priority_combo, {p.value: p.label(lang) for p in Priority})
        self._fill_combo(self.channel_combo, {c.value: c.label(lang) for c in ReportChannel})
        self._fill_combo(self.scope_combo, {s.value: s.label(lang) for s in ShipmentScope})

        self.parcel_group.setTitle(self.tr("Parcel facts, as on the waybill"))
        self.sender_heading.setText(self.tr("Sender"))
        self.recipient_heading.setText(self.tr("Recipient"))
        self.guide_panel.setAccessibleName(self.tr("Handling guide"))
        self.guide_label.setAccessibleName(self.tr("Handling guide"))
        self.open_existing_button.setText(self.tr("Open that case"))
        self.open_existing_button.setAccessibleName(self.tr("Open the existing case"))
        self.message_label.setAccessibleName(self.tr("Message"))
        self.known_label.setAccessibleName(self.tr("Known parcel"))
        self.key_hint.setText(self.tr("Ctrl+Enter saves · Esc cancels · * required"))
        self.save_button.setText(self.tr("&Save case"))
        self.save_button.setAccessibleName(self.tr("Save the case"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter or Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel without saving"))

        self.success_title.setText(self.tr("Case registered"))
        self.success_prompt.setText(self.tr("Case number, to read to the customer:"))
        self.case_no_label.setAccessibleName(self.tr("Case number"))
        self.copy_button.setText(self.tr("&Copy number"))
        self.copy_button.setAccessibleName(self.tr("Copy the case number"))
        self.done_button.setText(self.tr("Done"))
        self.done_button.setAccessibleName(self.tr("Done"))
        self.success_details.setAccessibleName(self.tr("Case details"))
        if self.copied_note.text():
            self.copied_note.setText(self.tr("Copied to the clipboard."))

        self._show_guide()
        self._show_tracking_status(final=bool(self._errors.get("tracking_no")))
        self._show_known_parcel()
        self._show_success_details()
        for key in list(self._errors):
            self._render_error(key)
        if self._banner_text is not None:
            self.message_label.setText(self._banner_text())

    @staticmethod
    def _fill_combo(combo: QComboBox, labels: dict[str, str]) -> None:
        """Relabel a combo's items in place (keeps the selection and emits nothing)."""
        combo.blockSignals(True)
        for i in range(combo.count()):
            combo.setItemText(i, labels.get(combo.itemData(i), combo.itemText(i)))
        combo.blockSignals(False)

    # ======================================================== field behaviour
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.stack.currentWidget() is self.form_page:
            reason = event.reason()  # type: ignore[attr-defined]
            if reason not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
                key = self._key_of(watched)
                if key is not None and not self._saving:
                    self._validate(key)
                    if key == "tracking_no":
                        self._look_up_parcel()
        return super().eventFilter(watched, event)

    def _key_of(self, widget: QObject) -> str | None:
        for key, slot in self._slots.items():
            if slot.widget is widget:
                return key
        return None

    def _priority_chosen(self, _index: int) -> None:
        self._priority_touched = True

    def _kind(self) -> ProblemKind | None:
        data = self.kind_combo.currentData()
        return ProblemKind(data) if data else None

    def _kind_changed(self) -> None:
        kind = self._kind()
        if kind is not None:
            self._clear_error("kind")
            if not self._priority_touched:
                self.priority_combo.setCurrentIndex(self.priority_combo.findData(kind.info.default_priority.value))
        self._show_guide()

    def _show_guide(self) -> None:
        lang = current_language()
        kind = self._kind()
        if kind is None:
            self.guide_title.setText(self.tr("Handling guide"))
            self.guide_label.setText(self.tr("Choose the kind of problem to see how it is usually handled."))
            self.guide_notes.setVisible(False)
            return
        self.guide_title.setText(self.tr("How to handle: {0}").format(kind.label(lang)))
        self.guide_label.setText(kind.guide(lang))
        notes = []
        if kind.info.needs_photos:
            notes.append(self.tr("Take photos first: damage is argued over photos."))
        if kind.info.needs_written_confirmation:
            notes.append(self.tr("Money terms change: the customer's written confirmation is required."))
        if kind.info.is_complaint:
            notes.append(self.tr("Complaint: first response due within {0} hours.")
                         .format(self.ctx.policy.complaint_first_response_hours))
        self.guide_notes.setText("\n".join(notes))
        self.guide_notes.setVisible(bool(notes))

    # ================================================================ banner
    def _show_banner(self, message: Callable[[], str] | None, *, case_no: str | None = None) -> None:
        self._banner_text = message
        self._existing_case_no = case_no
        self.message_label.setText(message() if message else "")
        # Offered only when someone listens; otherwise the message names the case anyway.
        listening = self.isSignalConnected(QMetaMethod.fromSignal(self.sig_open_existing))
        self.open_existing_button.setVisible(case_no is not None and listening)
        self.banner.setVisible(message is not None)

    def _open_existing(self) -> None:
        if self._existing_case_no:
            self.sig_open_existing.emit(self._existing_case_no)
            self.reject()

    # ================================================================== save
    def _values(self) -> dict[str, Any]:
        """The service's keyword arguments, from the form as it stands."""
        parcel: dict[str, Any] = {}
        for key, edit in self.parcel_edits.items():
            if key not in self._locked and edit.text().strip():
                parcel[key] = edit.text().strip()
        if "scope" not in self._locked:
            parcel["scope"] = self.scope_combo.currentData()
        kind = self._kind()
        assert kind is not None
        return dict(
            tracking_no=self.tracking_edit.text(), kind=kind, by=self.ctx.operator.id,
            carrier=self._chosen_carrier(),
            priority=Priority(self.priority_combo.currentData()),
            report_channel=ReportChannel(self.channel_combo.currentData()),
            reporter_name=self.reporter_name_edit.text().strip(),
            reporter_contact=self.reporter_contact_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            parcel=parcel,
        )

    def save(self) -> None:
        """Check every field, then register the case off the GUI thread."""
        if self._saving or self._saved is not None or self.stack.currentWidget() is not self.form_page:
            return
        self._show_banner(None)
        invalid = [key for key in FIELD_ORDER if not self._validate(key)]
        if invalid:
            self._focus_field(invalid[0])
            return
        kwargs = self._values()
        cases = self.ctx.services.cases
        self._set_saving(True)
        run_task(self, lambda: cases.register_case(**kwargs), self._saved_case, self._save_failed)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        if saving:
            self.form_page.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.form_page.unsetCursor()

    def _save_failed(self, exc: BaseException) -> bool:
        self._set_saving(False)
        if isinstance(exc, DuplicateOpenCaseError):
            self._show_banner(in_language(exc), case_no=exc.case_no)
            self.scroll_area.ensureVisible(0, 0)
            if self.open_existing_button.isVisibleTo(self):
                self.open_existing_button.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self._focus_field("kind")
            return True
        if isinstance(exc, ValidationError) and exc.field in self._slots:
            self._set_error(exc.field, in_language(exc))
            self._focus_field(exc.field)
            return True
        if isinstance(exc, DepotError):
            self._show_banner(in_language(exc))
            self.scroll_area.ensureVisible(0, 0)
            return True
        return False  # a fault, not the clerk's business: the error presenter logs and shows it

    def _saved_case(self, detail: CaseDetail) -> None:
        self._set_saving(False)
        self._saved = detail
        self.case_no_label.setText(detail.case_no)
        self.copied_note.clear()
        self._show_success_details()
        self.stack.setCurrentWidget(self.success_page)
        self.done_button.setDefault(True)
        self.sig_registered.emit(detail.id, detail.case_no)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_success_details(self) -> None:
        detail = self._saved
        if detail is None:
            self.success_details.clear()
            return
        lang = current_language()
        text = self.tr("Tracking number {0} · {1} · due {2}").format(
            detail.parcel.tracking_no, detail.kind.label(lang), format_local(detail.due_at))
        if detail.kind.info.is_complaint and detail.first_response_due_at is not None:
            text += "\n" + self.tr("First response to the customer due {0}").format(
                format_local(detail.first_response_due_at))
        self.success_details.setText(text)

    @property
    def case_no(self) -> str | None:
        """The number of the case this dialog registered, once saved."""
        return self._saved.case_no if self._saved is not None else None

    def copy_case_no(self) -> None:
        """Put the new case number on the clipboard."""
        if self._saved is None:
            return
        QGuiApplication.clipboard().setText(self._saved.case_no)
        self.copied_note.setText(self.tr("Copied to the clipboard."))

    # ============================================================== keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                self.save()
                return
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
                return
            if self.stack.currentWidget() is self.form_page and focus is not None:
                if focus is self.tracking_edit:
                    self._tracking_entered()
                else:
                    # Enter moves on like Tab: clerks used to paper forms press it. It
                    # never lands on Cancel, so pressing it through the form cannot lose it.
                    self.focusNextChild()
                    if self.focusWidget() is self.cancel_button:
                        self.save_button.setFocus(Qt.FocusReason.TabFocusReason)
                return
        super().keyPressEvent(event)

    # ================================================================ closing
    def reject(self) -> None:
        # After saving, Esc or closing the window means "done", not "cancelled".
        if self._saved is not None:
            self.accept()
            return
        super().reject()
