"""The settings dialog's Depot page: code, name, phone, time zone and sign-in rules.

Its texts belong to the ``SettingsDialog`` translation context, as they did
when the page was built by the dialog itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from depot_app.domain.case_numbers import format_case_no
from depot_app.domain.clock import to_local
from depot_app.domain.errors import DepotError
from depot_app.ui.common.context import DeskContext
from depot_app.ui.settings.fields import (
    add_field,
    clear_field_error,
    error_label,
    field_grid,
    hint_label,
    set_spin_read_only,
)

#: Time zones offered in the combo (any other valid IANA name may be typed).
TIMEZONES: tuple[str, ...] = (
    "Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei",
    "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok", "Asia/Tokyo", "Asia/Seoul",
    "Asia/Dubai", "Europe/London", "Europe/Berlin", "America/New_York",
    "America/Los_Angeles", "UTC",
)


class DepotPage(QWidget):
    """What identifies this depot, and the sign-in rules every workstation shares."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDepotPage")
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        grid = field_grid()
        outer.addLayout(grid)
        outer.addStretch(1)

        self.depot_code = QLineEdit(self)
        self.depot_code.setObjectName("setDepotCode")
        self.depot_code.setMaxLength(16)
        self.depot_code.setFixedWidth(160)
        self.depot_code_hint = hint_label("setDepotCodeHint", self)
        self.depot_code_error = error_label("setDepotCodeError", self)
        self.depot_code.textChanged.connect(lambda _t: self.update_case_number_hint())
        self.depot_code.textEdited.connect(lambda _t: self.clear_error("depot_code"))
        self.depot_code_label = QLabel(self)
        self.depot_code_label.setBuddy(self.depot_code)
        add_field(grid, self.depot_code_label, self.depot_code, self.depot_code_hint,
                  self.depot_code_error, compact=True)

        self.depot_name = QLineEdit(self)
        self.depot_name.setObjectName("setDepotName")
        self.depot_name.setMaxLength(64)
        self.depot_name_error = error_label("setDepotNameError", self)
        self.depot_name.textEdited.connect(lambda _t: self.clear_error("depot_name"))
        self.depot_name_label = QLabel(self)
        self.depot_name_label.setBuddy(self.depot_name)
        add_field(grid, self.depot_name_label, self.depot_name, self.depot_name_error)

        self.depot_phone = QLineEdit(self)
        self.depot_phone.setObjectName("setDepotPhone")
        self.depot_phone.setMaxLength(32)
        self.depot_phone_error = error_label("setDepotPhoneError", self)
        self.depot_phone.textEdited.connect(lambda _t: self.clear_error("depot_phone"))
        self.depot_phone_label = QLabel(self)
        self.depot_phone_label.setBuddy(self.depot_phone)
        add_field(grid, self.depot_phone_label, self.depot_phone, self.depot_phone_error)

        self.timezone = QComboBox(self)
        self.timezone.setObjectName("setTimezone")
        self.timezone.setEditable(True)  # an unlisted IANA zone may be typed
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.setMinimumWidth(380)
        for zone in TIMEZONES:
            self.timezone.addItem(zone, zone)
        self.timezone_hint = hint_label("setTimezoneHint", self)
        self.timezone_error = error_label("setTimezoneError", self)
        self.timezone.currentTextChanged.connect(lambda _t: self.clear_error("timezone"))
        self.timezone_label = QLabel(self)
        self.timezone_label.setBuddy(self.timezone)
        add_field(grid, self.timezone_label, self.timezone, self.timezone_hint,
                  self.timezone_error, compact=True)

        # Sign-in: shared by every workstation of the depot.
        self.sign_in_group = QGroupBox(self)
        self.sign_in_group.setObjectName("setSignInGroup")
        sign_grid = field_grid()
        self.sign_in_group.setLayout(sign_grid)
        outer.insertWidget(1, self.sign_in_group)
        self.idle_lock = QSpinBox(self.sign_in_group)
        self.idle_lock.setObjectName("setIdleLockMinutes")
        self.idle_lock.setRange(0, 240)
        self.idle_lock_label = QLabel(self.sign_in_group)
        self.idle_lock_label.setBuddy(self.idle_lock)
        self.idle_lock_hint = hint_label("setIdleLockHint", self.sign_in_group)
        add_field(sign_grid, self.idle_lock_label, self.idle_lock, self.idle_lock_hint, compact=True)
        self.sign_in_attempts = QSpinBox(self.sign_in_group)
        self.sign_in_attempts.setObjectName("setSignInAttempts")
        self.sign_in_attempts.setRange(3, 20)
        self.sign_in_attempts_label = QLabel(self.sign_in_group)
        self.sign_in_attempts_label.setBuddy(self.sign_in_attempts)
        add_field(sign_grid, self.sign_in_attempts_label, self.sign_in_attempts, compact=True)
        self.lockout_minutes = QSpinBox(self.sign_in_group)
        self.lockout_minutes.setObjectName("setLockoutMinutes")
        self.lockout_minutes.setRange(1, 1440)
        self.lockout_minutes_label = QLabel(self.sign_in_group)
        self.lockout_minutes_label.setBuddy(self.lockout_minutes)
        add_field(sign_grid, self.lockout_minutes_label, self.lockout_minutes, compact=True)

        #: ValidationError.field → (widget to focus, label for the message).
        self.error_fields: dict[str, tuple[QWidget, QLabel]] = {
            "depot_code": (self.depot_code, self.depot_code_error),
            "depot_name": (self.depot_name, self.depot_name_error),
            "depot_phone": (self.depot_phone, self.depot_phone_error),
            "timezone": (self.timezone, self.timezone_error),
        }

    def clear_error(self, field: str) -> None:
        clear_field_error(*self.error_fields[field])

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        self.depot_code_label.setText(QCoreApplication.translate("SettingsDialog", "Depot &code:"))
        self.depot_code.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Depot code"))
        self.depot_code.setPlaceholderText(QCoreApplication.translate("SettingsDialog", "e.g. SH01"))
        self.depot_name_label.setText(QCoreApplication.translate("SettingsDialog", "Depot &name:"))
        self.depot_name.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Depot name"))
        self.depot_phone_label.setText(QCoreApplication.translate("SettingsDialog", "Depot &phone:"))
        self.depot_phone.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Depot phone"))
        self.depot_phone.setPlaceholderText(QCoreApplication.translate(
            "SettingsDialog", "Customers call this number back, e.g. 021-58880000"))
        self.timezone_label.setText(QCoreApplication.translate("SettingsDialog", "&Time zone:"))
        self.timezone.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Time zone"))
        self.timezone_hint.setText(QCoreApplication.translate(
            "SettingsDialog", "Due times, the case number's date and reports follow this time zone."))
        self._retranslate_timezones()
        self.update_case_number_hint()
        self.sign_in_group.setTitle(QCoreApplication.translate("SettingsDialog", "Sign-in"))
        self.idle_lock_label.setText(QCoreApplication.translate("SettingsDialog", "&Lock the desk after:"))
        self.idle_lock.setSuffix(QCoreApplication.translate("SettingsDialog", " min idle"))
        self.idle_lock.setSpecialValueText(QCoreApplication.translate("SettingsDialog", "never"))
        self.idle_lock.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Idle minutes before the desk locks"))
        self.idle_lock_hint.setText(QCoreApplication.translate(
            "SettingsDialog",
            "With no key press or mouse movement for this long, the desk hides its content and asks for a PIN."))
        self.sign_in_attempts_label.setText(QCoreApplication.translate("SettingsDialog", "Wrong &PINs allowed:"))
        self.sign_in_attempts.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Wrong PINs before an operator is locked out"))
        self.lockout_minutes_label.setText(QCoreApplication.translate("SettingsDialog", "Loc&k-out time:"))
        self.lockout_minutes.setSuffix(QCoreApplication.translate("SettingsDialog", " min"))
        self.lockout_minutes.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Lock-out minutes"))

    def _retranslate_timezones(self) -> None:
        described = {
            "Asia/Shanghai": QCoreApplication.translate("SettingsDialog", "China standard time (Beijing)"),
            "Asia/Urumqi": QCoreApplication.translate("SettingsDialog", "Xinjiang time"),
            "Asia/Hong_Kong": QCoreApplication.translate("SettingsDialog", "Hong Kong"),
            "Asia/Macau": QCoreApplication.translate("SettingsDialog", "Macau"),
            "Asia/Taipei": QCoreApplication.translate("SettingsDialog", "Taiwan"),
            "Asia/Singapore": QCoreApplication.translate("SettingsDialog", "Singapore"),
            "Asia/Kuala_Lumpur": QCoreApplication.translate("SettingsDialog", "Malaysia"),
            "Asia/Bangkok": QCoreApplication.translate("SettingsDialog", "Thailand"),
            "Asia/Tokyo": QCoreApplication.translate("SettingsDialog", "Japan"),
            "Asia/Seoul": QCoreApplication.translate("SettingsDialog", "Korea"),
            "Asia/Dubai": QCoreApplication.translate("SettingsDialog", "United Arab Emirates"),
            "Europe/London": QCoreApplication.translate("SettingsDialog", "United Kingdom"),
            "Europe/Berlin": QCoreApplication.translate("SettingsDialog", "Central Europe"),
            "America/New_York": QCoreApplication.translate("SettingsDialog", "US Eastern"),
            "America/Los_Angeles": QCoreApplication.translate("SettingsDialog", "US Pacific"),
            "UTC": QCoreApplication.translate("SettingsDialog", "Coordinated Universal Time"),
        }
        current = self.timezone_value()
        with QSignalBlocker(self.timezone):
            for i in range(self.timezone.count()):
                zone = self.timezone.itemData(i)
                self.timezone.setItemText(i, f"{zone} — {described[zone]}" if zone in described else zone)
            self.set_timezone(current)

    def update_case_number_hint(self) -> None:
        code = self.depot_code.text().strip().upper() or "SH01"
        try:
            clock = self.ctx.services.settings.clock
            today = to_local(clock.now(), self.timezone_value() or "Asia/Shanghai").date()
            example = format_case_no(code, today, 1)
        except (DepotError, ValueError, KeyError):
            example = ""
        if example:
            self.depot_code_hint.setText(QCoreApplication.translate(
                "SettingsDialog",
                "New case numbers start with the code, e.g. {0}. Existing ones keep theirs.").format(example))
        else:
            self.depot_code_hint.setText(QCoreApplication.translate(
                "SettingsDialog", "2 to 8 letters or digits, e.g. SH01."))

    # ----------------------------------------------------------- field values
    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.depot_code, self.depot_name, self.depot_phone):
            edit.setReadOnly(read_only)
        for spin in (self.idle_lock, self.sign_in_attempts, self.lockout_minutes):
            set_spin_read_only(spin, read_only)
        self.timezone.setEnabled(not read_only)

    def load(self, values: dict[str, Any]) -> None:
        """Show the stored depot settings (``values`` as the settings service gives them)."""
        self.depot_code.setText(str(values["depot_code"]))
        self.depot_name.setText(str(values["depot_name"]))
        self.depot_phone.setText(str(values.get("depot_phone") or ""))
        self.set_timezone(str(values["timezone"]))
        self.idle_lock.setValue(int(values["idle_lock_minutes"]))
        self.sign_in_attempts.setValue(int(values["sign_in_attempts"]))
        self.lockout_minutes.setValue(int(values["sign_in_lockout_minutes"]))

    def values(self) -> dict[str, Any]:
        """The page's settings by their keys in the settings service."""
        return {"depot_code": self.depot_code.text(), "depot_name": self.depot_name.text(),
                "depot_phone": self.depot_phone.text(), "timezone": self.timezone_value(),
                "idle_lock_minutes": self.idle_lock.value(),
                "sign_in_attempts": self.sign_in_attempts.value(),
                "sign_in_lockout_minutes": self.lockout_minutes.value()}

    def timezone_value(self) -> str:
        """The chosen zone name (the text before the description, if typed)."""
        text = self.timezone.currentText().strip()
        index = self.timezone.findText(text)
        if index >= 0:
            return str(self.timezone.itemData(index))
        return text.split()[0] if text else ""

    def set_timezone(self, zone: str) -> None:
        if not zone:
            return
        index = self.timezone.findData(zone)
        if index < 0:
            self.timezone.addItem(zone, zone)
            index = self.timezone.count() - 1
        self.timezone.setCurrentIndex(index)
        self.timezone.setEditText(self.timezone.itemText(index))
