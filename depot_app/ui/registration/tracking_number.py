"""The tracking number of a registration: checked as typed, read from a label photo, looked up.

:class:`TrackingNumberEntry` (a mixin of ``RegistrationDialog``) checks the
number while it is typed and shows the carrier it belongs to, reads it from the
barcode of a photo of the waybill label, and looks the parcel up off the GUI
thread: facts already on record are filled in and locked, and its open cases
are named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPushButton

from depot_app.domain.errors import DepotError, ValidationError
from depot_app.domain.identifiers import Carrier, TrackingInfo, normalize_tracking, validate_tracking
from depot_app.domain.parcel import MONEY_FIELDS, PHONE_FIELDS
from depot_app.domain.views import CaseDetail, QueueRow
from depot_app.domain.vocabulary import ShipmentScope
from depot_app.ui.common import files
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import kg_input_text, money_input_text
from depot_app.ui.common.i18n import current_language
from depot_app.ui.common.image_sources import ImageSource, open_tracking_chooser, read_tracking_numbers
from depot_app.ui.registration.registration_fields import (
    HINT_COLOUR,
    OK_COLOUR,
    PARCEL_TEXT_FIELDS,
    FieldSlot,
    in_language,
)


class TrackingNumberEntry:
    """The tracking number field's behaviour and the known-parcel fill-in (a mixin of ``RegistrationDialog``)."""

    ctx: DeskContext
    _slots: dict[str, FieldSlot]
    _errors: dict[str, Callable[[], str]]
    _carrier_touched: bool
    _tracking: TrackingInfo | None
    _tracking_problem: DepotError | None
    _known: dict[str, Any] | None
    _known_open: list[QueueRow]
    _looked_up: str
    _lookup_generation: int
    _prefilled: dict[str, str]
    _locked: set[str]
    _saving: bool
    _saved: CaseDetail | None
    _lookup_timer: QTimer
    _barcode_chooser: QDialog | None
    tracking_edit: QLineEdit
    tracking_status: QLabel
    carrier_combo: QComboBox
    kind_combo: QComboBox
    scope_combo: QComboBox
    parcel_edits: dict[str, QLineEdit]
    known_label: QLabel
    read_photo_button: QPushButton

    # ======================================================== the number
    def _chosen_carrier(self) -> Carrier | None:
        """The carrier the clerk picked by hand; None while the detected one stands."""
        if not self._carrier_touched or self.carrier_combo.currentIndex() < 0:
            return None
        return Carrier(self.carrier_combo.currentData())

    def _carrier_chosen(self, _index: int) -> None:
        self._carrier_touched = True
        self._tracking_changed()
        if "tracking_no" in self._errors:
            self._validate("tracking_no")

    def _tracking_changed(self) -> None:
        """Check the number as it is typed and show the carrier it belongs to."""
        text = self.tracking_edit.text()
        try:
            info = validate_tracking(text, self._chosen_carrier())
        except ValidationError as exc:
            self._tracking, self._tracking_problem = None, exc
        else:
            self._tracking, self._tracking_problem = info, None
            if not self._carrier_touched:
                carrier = info.carrier
                if self._known is not None and self._known.get("tracking_no") == info.number:
                    carrier = Carrier(self._known["carrier"])
                self.carrier_combo.setCurrentIndex(self.carrier_combo.findData(carrier.value))
            self._clear_error("tracking_no")
        if self._tracking is None and not self._carrier_touched:
            self.carrier_combo.setCurrentIndex(-1)
        if self._tracking is None or self._tracking.number != self._looked_up:
            # Another parcel now: forget the last lookup and any answer still on its way.
            self._looked_up = ""
            self._lookup_generation += 1
            if self._known is not None:
                self._apply_known(None, [])
        self._show_tracking_status(final="tracking_no" in self._errors)

    def _show_tracking_status(self, *, final: bool) -> None:
        """Detected carrier in green; while typing, what is still wrong in grey."""
        lang = current_language()
        if self._tracking is not None:
            if self._carrier_touched:
                text = QCoreApplication.translate("RegistrationDialog", "✓ Valid for {0} (chosen by hand)").format(
                    self._tracking.carrier.label(lang))
            else:
                text = QCoreApplication.translate("RegistrationDialog", "✓ Detected: {0}").format(
                    self._tracking.carrier.label(lang))
            colour = OK_COLOUR
        elif self._tracking_problem is not None and self.tracking_edit.text().strip() and not final:
            text, colour = self._tracking_problem.text(lang), HINT_COLOUR
        else:
            text, colour = "", HINT_COLOUR
        self.tracking_status.setText(text)
        self.tracking_status.setStyleSheet(f"color: {colour};")
        self.tracking_status.setVisible(bool(text))

    # ======================================================== known parcels
    def _look_up_parcel(self) -> None:
        """Fetch the facts of a parcel already on record (off the GUI thread)."""
        self._lookup_timer.stop()
        info = self._tracking
        if info is None or info.number == self._looked_up:
            return
        self._looked_up = info.number
        self._lookup_generation += 1
        generation = self._lookup_generation
        queries = self.ctx.services.queries
        number = info.number

        def load() -> tuple[dict[str, Any] | None, list[QueueRow]]:
            known = queries.known_parcel(number)
            return known, (queries.open_case_for_tracking(number) if known else [])

        def loaded(result: tuple[dict[str, Any] | None, list[QueueRow]]) -> None:
            if generation != self._lookup_generation or self._saving or self._saved is not None:
                return  # the number changed meanwhile, or the case is already saved
            if self._tracking is None or self._tracking.number != number:
                return
            self._apply_known(*result)

        def failed(_exc: BaseException) -> bool:
            self._looked_up = ""  # try again next time; the lookup is only a convenience
            return False

        run_task(self, load, loaded, failed)

    def _apply_known(self, known: dict[str, Any] | None, open_cases: list[QueueRow]) -> None:
        """Fill in (and lock) the facts on record; undo an earlier fill-in first."""
        for key, value in self._prefilled.items():
            if key == "scope":
                continue
            edit = self.parcel_edits[key]
            if edit.text() == value:
                edit.clear()
        self._prefilled.clear()
        for key in list(self._locked):
            self._set_locked(key, False)
        self._known, self._known_open = known, open_cases
        if known is None:
            self._refresh_phone_placeholders()
            self._show_known_parcel()
            return
        values: dict[str, str] = {}
        for key in PARCEL_TEXT_FIELDS:
            raw = known.get(key)
            if key in MONEY_FIELDS:
                values[key] = money_input_text(raw)
            elif key == "weight_g":
                values[key] = kg_input_text(raw)
            else:
                values[key] = str(raw or "")
        for key, value in values.items():
            if not value:
                continue
            # Phones come masked: the service only fills blanks on a known parcel, so
            # the masked number is shown as a placeholder and the field stays locked.
            # Whatever was typed over a recorded fact would be ignored, so the record wins.
            if key in PHONE_FIELDS:
                self.parcel_edits[key].clear()
            else:
                self.parcel_edits[key].setText(value)
                self._prefilled[key] = value
            self._clear_error(key)
            self._set_locked(key, True)
        scope = known.get("scope")
        if scope:
            self.scope_combo.setCurrentIndex(self.scope_combo.findData(ShipmentScope(scope).value))
            self._prefilled["scope"] = str(ShipmentScope(scope).value)
            self._set_locked("scope", True)
        if not self._carrier_touched and known.get("carrier"):
            self.carrier_combo.setCurrentIndex(self.carrier_combo.findData(known["carrier"]))
        self._refresh_phone_placeholders()
        self._show_known_parcel()

    def _set_locked(self, key: str, locked: bool) -> None:
        widget = self._slots[key].widget
        if isinstance(widget, QLineEdit):
            widget.setReadOnly(locked)
            widget.setProperty("locked", locked)
            # Tab skips facts that are already on record; a click still selects them.
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus if locked else Qt.FocusPolicy.StrongFocus)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        else:
            widget.setEnabled(not locked)
        if locked:
            self._locked.add(key)
            widget.setToolTip(QCoreApplication.translate(
                "RegistrationDialog", "On record for this parcel; correct it in the case after saving."))
        else:
            self._locked.discard(key)
            widget.setToolTip("")

    def _refresh_phone_placeholders(self) -> None:
        for key in PHONE_FIELDS:
            masked = (self._known or {}).get(key) or ""
            if masked and key in self._locked:
                self.parcel_edits[key].setPlaceholderText(
                    QCoreApplication.translate("RegistrationDialog", "{0} (on record)").format(masked))
            else:
                self.parcel_edits[key].setPlaceholderText(
                    QCoreApplication.translate("RegistrationDialog", "Mobile or landline with area code"))

    def _show_known_parcel(self) -> None:
        if self._known is None:
            self.known_label.setVisible(False)
            self.known_label.clear()
            return
        lang = current_language()
        text = QCoreApplication.translate("RegistrationDialog",
                                          "Known parcel {0}: the facts on record are filled in and locked; "
                                          "blank ones can be added here.").format(self._known.get("tracking_no", ""))
        if self._known_open:
            # Between the open cases listed on the banner (“、” in Chinese).
            separator = QCoreApplication.translate("RegistrationDialog", ", ")
            cases = separator.join(QCoreApplication.translate(
                "RegistrationDialog", "{0} ({1})", "case number and its kind of problem").format(
                row.case_no, row.kind.label(lang)) for row in self._known_open)
            text += " " + QCoreApplication.translate("RegistrationDialog", "Open cases on this parcel: {0}.").format(
                cases)
        self.known_label.setText(text)
        self.known_label.setVisible(True)

    # ===================================================== number from a photo
    def read_from_photo(self) -> None:
        """*Read from photo…*: choose a label photo, read its barcode, fill the tracking number."""
        files.choose_label_photo(
            self, QCoreApplication.translate("RegistrationDialog", "Photo of the waybill label"),
            QCoreApplication.translate("RegistrationDialog", "Pictures (*.jpg *.jpeg *.png *.webp);;All files (*)"),
            self.read_label_photo)

    def read_label_photo(self, source: ImageSource) -> None:
        """Read the tracking number from ``source`` off the GUI thread and put it in the field."""
        self.read_photo_button.setEnabled(False)

        def found(numbers: list[TrackingInfo]) -> None:
            self.read_photo_button.setEnabled(True)
            if not numbers:
                self._set_error("tracking_no", lambda: QCoreApplication.translate(
                    "RegistrationDialog", "No tracking number found in that picture"))
                self._focus_field("tracking_no")
            elif len(numbers) == 1:
                self.use_tracking_number(numbers[0].number)
            else:
                self._barcode_chooser = open_tracking_chooser(self, numbers, self.use_tracking_number)

        def failed(exc: BaseException) -> bool:
            self.read_photo_button.setEnabled(True)
            if isinstance(exc, DepotError):
                self._set_error("tracking_no", in_language(exc))
                self._focus_field("tracking_no")
                return True
            return False

        read_tracking_numbers(self, source, found, failed)

    def use_tracking_number(self, number: str) -> None:
        """Put a number read from a label into the field, check it, go on to the kind."""
        self.tracking_edit.setText(normalize_tracking(number))
        self._tracking_changed()
        self._tracking_entered()

    def _tracking_entered(self) -> None:
        """A scanner ends with Enter: check the number and go to the kind of problem."""
        if self._validate("tracking_no"):
            self._look_up_parcel()
            self.kind_combo.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.tracking_edit.selectAll()

