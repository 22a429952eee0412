"""The registration form's fields and the checks run on them.

Which fields there are (their keys are the service's argument names, in tab
order), the object names their widgets carry, the cell each field sits in with
its inline error underneath, and :class:`FieldChecks`, the part of the
registration dialog that checks a field when focus leaves it and shows, clears
and focuses its error. The dialog builds the cells (``registration_layout``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QWidget

from depot_app.domain.errors import DepotError
from depot_app.domain.identifiers import validate_phone, validate_tracking
from depot_app.domain.parcel import PHONE_FIELDS, parse_parcel_facts
from depot_app.ui.common.i18n import current_language

#: Parcel facts typed into line edits, in form (and tab) order.
PARCEL_TEXT_FIELDS = ("sender_name", "sender_phone", "sender_address",
                      "recipient_name", "recipient_phone", "recipient_address",
                      "item_description", "declared_value", "insured_value", "freight",
                      "cod_amount", "weight_g")

#: Every field of the form in tab order; keys are the service's argument names
#: (and the ``field`` its ValidationErrors carry).
FIELD_ORDER = ("tracking_no", "carrier", "kind", "priority", "report_channel", "reporter_name",
               "reporter_contact", "description", *PARCEL_TEXT_FIELDS, "scope")

OBJECT_NAMES = {
    "tracking_no": "regTrackingNo", "carrier": "regCarrier", "kind": "regKind",
    "priority": "regPriority", "report_channel": "regReportChannel",
    "reporter_name": "regReporterName", "reporter_contact": "regReporterContact",
    "description": "regDescription", "sender_name": "regSenderName",
    "sender_phone": "regSenderPhone", "sender_address": "regSenderAddress",
    "recipient_name": "regRecipientName", "recipient_phone": "regRecipientPhone",
    "recipient_address": "regRecipientAddress", "item_description": "regItem",
    "declared_value": "regDeclaredValue", "insured_value": "regInsuredValue",
    "freight": "regFreight", "cod_amount": "regCodAmount", "weight_g": "regWeight",
    "scope": "regScope",
}

# A reporter contact made only of phone characters is checked as a phone; anything
# else (a WeChat id, an e-mail address) is taken as written.
_PHONE_LIKE = re.compile(r"^[0-9０-９+＋()（）\s\-—–.转轉分机機ext]+$", re.IGNORECASE)

ERROR_COLOUR = "#c62828"
OK_COLOUR = "#2e7d32"
HINT_COLOUR = "#6d6d6d"

REGISTRATION_STYLE = f"""
QLabel[role="fieldError"] {{ color: {ERROR_COLOUR}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {ERROR_COLOUR}; border-radius: 2px; padding: 2px;
}}
QLineEdit[locked="true"] {{ background: #f1f3f5; color: #37474f; }}
QFrame#regGuidePanel {{ background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; }}
QFrame#regMessageBanner {{ background: #ffebee; border: 1px solid #ef9a9a; border-radius: 4px; }}
QLabel#regMessage {{ color: #b71c1c; }}
QLabel#regKnownParcel {{ background: #e3f2fd; border: 1px solid #90caf9; border-radius: 4px;
                         padding: 6px; color: #0d47a1; }}
QLabel#regCaseNoLabel {{ background: #f5f5f5; border: 1px solid #bdbdbd; border-radius: 6px;
                         padding: 14px 28px; color: #212121; }}
QLabel#regSuccessMark {{ color: {OK_COLOUR}; }}
QLabel#regKeyHint, QLabel#regCopiedNote, QLabel#regSuccessDetails {{ color: {HINT_COLOUR}; }}
"""


@dataclass
class FieldSlot:
    """One field of the form: its editor, its caption and its inline error."""

    widget: QWidget
    caption: QLabel | None
    error: QLabel


def in_language(exc: DepotError) -> Callable[[], str]:
    """The error's message in whatever language is current when it is shown."""
    return lambda: exc.text(current_language())


class FieldChecks:
    """The registration dialog's field checks and inline errors (a mixin of ``RegistrationDialog``).

    Works on the dialog's fields (``_slots``), the errors shown (``_errors``, as
    callables so they re-render in the current language) and the facts locked
    from a known parcel; the carrier and kind come from the dialog's other parts.
    """

    _slots: dict[str, FieldSlot]
    _errors: dict[str, Callable[[], str]]
    _locked: set[str]
    scroll_area: QScrollArea
    tracking_edit: QLineEdit
    reporter_name_edit: QLineEdit
    reporter_contact_edit: QLineEdit
    parcel_edits: dict[str, QLineEdit]

    def _problem(self, key: str) -> Callable[[], str] | None:
        """What is wrong with one field now, or None."""
        if key in self._locked:
            return None
        try:
            if key == "tracking_no":
                validate_tracking(self.tracking_edit.text(), self._chosen_carrier())
            elif key == "kind":
                if self._kind() is None:
                    return lambda: QCoreApplication.translate("RegistrationDialog",
                                                              "Choose the kind of problem.")
            elif key == "reporter_name":
                if not self.reporter_name_edit.text().strip():
                    return lambda: QCoreApplication.translate("RegistrationDialog",
                                                              "Enter who reported the problem.")
            elif key == "reporter_contact":
                contact = self.reporter_contact_edit.text().strip()
                if not contact:
                    return lambda: QCoreApplication.translate(
                        "RegistrationDialog", "Enter how to reach the reporter (phone, WeChat, e-mail).")
                if _PHONE_LIKE.match(contact) and sum(c.isdigit() for c in contact) >= 5:
                    validate_phone(contact, field="reporter_contact")
            elif key in PHONE_FIELDS:
                text = self.parcel_edits[key].text().strip()
                if text:
                    validate_phone(text, field=key)
            elif key in PARCEL_TEXT_FIELDS:
                parse_parcel_facts({key: self.parcel_edits[key].text()})
                if key == "insured_value":
                    self._check_insured_against_declared()
        except DepotError as exc:
            return in_language(exc)
        return None

    def _check_insured_against_declared(self) -> None:
        declared = self.parcel_edits["declared_value"]
        try:
            parse_parcel_facts({"declared_value": declared.text()})
        except DepotError:
            return  # the declared value's own error says enough
        parse_parcel_facts({"declared_value": declared.text(),
                            "insured_value": self.parcel_edits["insured_value"].text()})

    def _validate(self, key: str) -> bool:
        problem = self._problem(key)
        if problem is None:
            self._clear_error(key)
        else:
            self._set_error(key, problem)
        if key == "declared_value" and self.parcel_edits["insured_value"].text().strip():
            self._validate("insured_value")
        return problem is None

    def _set_error(self, key: str, message: Callable[[], str]) -> None:
        self._errors[key] = message
        self._render_error(key)
        if key == "tracking_no":
            self._show_tracking_status(final=True)

    def _render_error(self, key: str) -> None:
        slot = self._slots[key]
        message = self._errors.get(key)
        slot.error.setText(message() if message else "")
        slot.error.setVisible(message is not None)
        slot.widget.setProperty("invalid", message is not None)
        slot.widget.style().unpolish(slot.widget)
        slot.widget.style().polish(slot.widget)

    def _clear_error(self, key: str) -> None:
        if key in self._errors:
            del self._errors[key]
            self._render_error(key)

    def field_error(self, key: str) -> str:
        """The inline message shown under a field ("" when none), e.g. for tests."""
        message = self._errors.get(key)
        return message() if message else ""

    def _focus_field(self, key: str) -> None:
        widget = self._slots[key].widget
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(self._slots[key].error if key in self._errors else widget)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

