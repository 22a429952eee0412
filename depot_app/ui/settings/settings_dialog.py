"""Settings: the depot's own settings (code, name, time zone, compensation
policy, deadlines) and this user's interface language.

The two kinds are kept apart on purpose (see ``config``): depot settings live
in the database, are a manager's business and are saved together with OK;
the language is a personal preference that applies the moment it is chosen.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.case_numbers import format_case_no
from depot_app.domain.clock import to_local
from depot_app.domain.errors import DepotError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.money import format_yuan, to_money
from depot_app.domain.permissions import Permission
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Priority, ShipmentScope

# The service has no dry-run; its own validator lets the dialog check every
# value before writing any, so one bad field never leaves a half-saved depot.
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import set_timezone
from depot_app.ui.common.i18n import LanguageManager, current_language
from depot_app.ui.common.background import run_task

log = logging.getLogger(__name__)

#: Page indexes in ``settingsTabs``.
PAGE_DEPOT, PAGE_COMPENSATION, PAGE_DEADLINES, PAGE_LANGUAGE = range(4)

#: Time zones offered in the combo (any other valid IANA name may be typed).
TIMEZONES: tuple[str, ...] = (
    "Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei",
    "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok", "Asia/Tokyo", "Asia/Seoul",
    "Asia/Dubai", "Europe/London", "Europe/Berlin", "America/New_York",
    "America/Los_Angeles", "UTC",
)

#: The freight of the worked example on the compensation page.
EXAMPLE_FREIGHT = Decimal("12.00")

_ERROR_STYLE = "color: #c62828;"
_HINT_STYLE = "color: #5f6368;"


def _decimal_of(spin: QDoubleSpinBox, original: Decimal) -> Decimal:
    """The spin box's value as a Decimal; the stored value is kept when the
    box merely shows it rounded, so opening and saving changes nothing."""
    shown = Decimal(f"{spin.value():.{spin.decimals()}f}")
    half_step = Decimal(1).scaleb(-spin.decimals()) / 2
    return original if abs(original - shown) <= half_step else shown


def _with_colon(label: str) -> str:
    """A form label from a domain name: full-width colon in Chinese."""
    return label + ("：" if current_language().startswith("zh") else ":")


def _plain_number(value: Decimal) -> str:
    """``3.00`` → ``3``, ``2.50`` → ``2.5`` (and ``100`` stays ``100``)."""
    return f"{value.normalize():f}"


class SettingsDialog(QDialog):
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
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(900, 640)
        self._load()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        #: ValidationError.field → (page, widget to focus, label for the message).
        self._error_targets: dict[str, tuple[int, QWidget, QLabel]] = {}
        layout = QVBoxLayout(self)
        self.readonly_note = QLabel(self)
        self.readonly_note.setObjectName("settingsReadOnlyNote")
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setStyleSheet(
            "background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; padding: 6px;")
        layout.addWidget(self.readonly_note)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._build_depot_page(), "")
        self.tabs.addTab(self._build_compensation_page(), "")
        self.tabs.addTab(self._build_deadlines_page(), "")
        self.tabs.addTab(self._build_language_page(), "")
        self.tabs.currentChanged.connect(lambda _i: self._update_restore_button())
        layout.addWidget(self.tabs, 1)

        self.general_error = self._error_label("settingsError", self)
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

        self._error_targets.update({
            "depot_code": (PAGE_DEPOT, self.depot_code, self.depot_code_error),
            "depot_name": (PAGE_DEPOT, self.depot_name, self.depot_name_error),
            "depot_phone": (PAGE_DEPOT, self.depot_phone, self.depot_phone_error),
            "timezone": (PAGE_DEPOT, self.timezone, self.timezone_error),
            "approval_threshold": (PAGE_COMPENSATION, self.approval_threshold,
                                   self.approval_threshold_error),
        })

    def _error_label(self, object_name: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setStyleSheet(_ERROR_STYLE)
        label.setVisible(False)
        return label

    def _hint_label(self, object_name: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setStyleSheet(_HINT_STYLE)
        return label

    @staticmethod
    def _add_field(grid: QGridLayout, label: QLabel | None, field: QWidget, *notes: QLabel,
                   compact: bool = False) -> None:
        """One field on its own grid row, its hint and error lines under it.

        A grid rather than a form: a hidden error line then takes no room, and
        a shown one pushes the rows below down instead of squeezing the field.
        """
        row = grid.rowCount() if grid.count() else 0
        if label is not None:
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if compact:  # keeps its own width instead of filling the column
            grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignLeft)
        else:
            grid.addWidget(field, row, 1)
        for note in notes:
            row += 1
            grid.addWidget(note, row, 1)

    @staticmethod
    def _grid() -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        return grid

    def _build_depot_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("settingsDepotPage")
        outer = QVBoxLayout(page)
        grid = self._grid()
        outer.addLayout(grid)
        outer.addStretch(1)

        self.depot_code = QLineEdit(page)
        self.depot_code.setObjectName("setDepotCode")
        self.depot_code.setMaxLength(16)
        self.depot_code.setFixedWidth(160)
        self.depot_code_hint = self._hint_label("setDepotCodeHint", page)
        self.depot_code_error = self._error_label("setDepotCodeError", page)
        self.depot_code.textChanged.connect(lambda _t: self._update_case_number_hint())
        self.depot_code.textEdited.connect(lambda _t: self._clear_error("depot_code"))
        self.depot_code_label = QLabel(page)
        self.depot_code_label.setBuddy(self.depot_code)
        self._add_field(grid, self.depot_code_label, self.depot_code, self.depot_code_hint,
                        self.depot_code_error, compact=True)

        self.depot_name = QLineEdit(page)
        self.depot_name.setObjectName("setDepotName")
        self.depot_name.setMaxLength(64)
        self.depot_name_error = self._error_label("setDepotNameError", page)
        self.depot_name.textEdited.connect(lambda _t: self._clear_error("depot_name"))
        self.depot_name_label = QLabel(page)
        self.depot_name_label.setBuddy(self.depot_name)
        self._add_field(grid, self.depot_name_label, self.depot_name, self.depot_name_error)

        self.depot_phone = QLineEdit(page)
        self.depot_phone.setObjectName("setDepotPhone")
        self.depot_phone.setMaxLength(32)
        self.depot_phone_error = self._error_label("setDepotPhoneError", page)
        self.depot_phone.textEdited.connect(lambda _t: self._clear_error("depot_phone"))
        self.depot_phone_label = QLabel(page)
        self.depot_phone_label.setBuddy(self.depot_phone)
        self._add_field(grid, self.depot_phone_label, self.depot_phone, self.depot_phone_error)

        self.timezone = QComboBox(page)
        self.timezone.setObjectName("setTimezone")
        self.timezone.setEditable(True)  # an unlisted IANA zone may be typed
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.setMinimumWidth(380)
        for zone in TIMEZONES:
            self.timezone.addItem(zone, zone)
        self.timezone_hint = self._hint_label("setTimezoneHint", page)
        self.timezone_error = self._error_label("setTimezoneError", page)
        self.timezone.currentTextChanged.connect(lambda _t: self._clear_error("timezone"))
        self.timezone_label = QLabel(page)
        self.timezone_label.setBuddy(self.timezone)
        self._add_field(grid, self.timezone_label, self.timezone, self.timezone_hint,
                        self.timezone_error, compact=True)

        # Sign-in: shared by every workstation of the depot.
        self.sign_in_group = QGroupBox(page)
        self.sign_in_group.setObjectName("setSignInGroup")
        sign_grid = self._grid()
        self.sign_in_group.setLayout(sign_grid)
        outer.insertWidget(1, self.sign_in_group)
        self.idle_lock = QSpinBox(self.sign_in_group)
        self.idle_lock.setObjectName("setIdleLockMinutes")
        self.idle_lock.setRange(0, 240)
        self.idle_lock_label = QLabel(self.sign_in_group)
        self.idle_lock_label.setBuddy(self.idle_lock)
        self.idle_lock_hint = self._hint_label("setIdleLockHint", self.sign_in_group)
        self._add_field(sign_grid, self.idle_lock_label, self.idle_lock, self.idle_lock_hint, compact=True)
        self.sign_in_attempts = QSpinBox(self.sign_in_group)
        self.sign_in_attempts.setObjectName("setSignInAttempts")
        self.sign_in_attempts.setRange(3, 20)
        self.sign_in_attempts_label = QLabel(self.sign_in_group)
        self.sign_in_attempts_label.setBuddy(self.sign_in_attempts)
        self._add_field(sign_grid, self.sign_in_attempts_label, self.sign_in_attempts, compact=True)
        self.lockout_minutes = QSpinBox(self.sign_in_group)
        self.lockout_minutes.setObjectName("setLockoutMinutes")
        self.lockout_minutes.setRange(1, 1440)
        self.lockout_minutes_label = QLabel(self.sign_in_group)
        self.lockout_minutes_label.setBuddy(self.lockout_minutes)
        self._add_field(sign_grid, self.lockout_minutes_label, self.lockout_minutes, compact=True)
        return page

    def _build_compensation_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("settingsCompensationPage")
        outer = QVBoxLayout(page)
        self.compensation_intro = self._hint_label("setCompensationIntro", page)
        outer.addWidget(self.compensation_intro)
        outer.addSpacing(6)
        grid = self._grid()
        outer.addLayout(grid)
        outer.addStretch(1)

        self.freight_multiple = QDoubleSpinBox(page)
        self.freight_multiple.setObjectName("setFreightMultiple")
        self.freight_multiple.setDecimals(2)
        self.freight_multiple.setRange(0, 100)
        self.freight_multiple.setSingleStep(0.5)
        self.freight_multiple.setFixedWidth(160)
        self.freight_example = QLabel(page)
        self.freight_example.setObjectName("setFreightExample")
        self.freight_example.setWordWrap(True)
        self.freight_multiple.valueChanged.connect(lambda _v: self._update_examples())
        self.freight_multiple_label = QLabel(page)
        self.freight_multiple_label.setBuddy(self.freight_multiple)
        self._add_field(grid, self.freight_multiple_label, self.freight_multiple, self.freight_example,
                        compact=True)

        self.delay_waives = QCheckBox(page)
        self.delay_waives.setObjectName("setDelayWaives")
        self._add_field(grid, None, self.delay_waives)

        self.approval_threshold = QLineEdit(page)
        self.approval_threshold.setObjectName("setApprovalThreshold")
        self.approval_threshold.setFixedWidth(160)
        self.approval_hint = self._hint_label("setApprovalHint", page)
        self.approval_threshold_error = self._error_label("setApprovalThresholdError", page)
        self.approval_threshold.textChanged.connect(lambda _t: self._update_examples())
        self.approval_threshold.textEdited.connect(lambda _t: self._clear_error("approval_threshold"))
        self.approval_threshold.editingFinished.connect(self._tidy_threshold)
        self.approval_threshold_label = QLabel(page)
        self.approval_threshold_label.setBuddy(self.approval_threshold)
        self._add_field(grid, self.approval_threshold_label, self.approval_threshold, self.approval_hint,
                        self.approval_threshold_error, compact=True)

        self.force_majeure = QCheckBox(page)
        self.force_majeure.setObjectName("setForceMajeure")
        self._add_field(grid, None, self.force_majeure)
        return page

    def _build_deadlines_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("settingsDeadlinesPage")
        columns = QHBoxLayout(page)
        left = QVBoxLayout()
        columns.addLayout(left, 0)

        self.response_group = QGroupBox(page)
        form = QFormLayout(self.response_group)
        self.complaint_hours = QSpinBox(self.response_group)
        self.complaint_hours.setObjectName("setComplaintHours")
        self.complaint_hours.setRange(1, 168)
        self.complaint_hours_label = QLabel(self.response_group)
        self.complaint_hours_label.setBuddy(self.complaint_hours)
        form.addRow(self.complaint_hours_label, self.complaint_hours)
        self.due_soon_fraction = QSpinBox(self.response_group)
        self.due_soon_fraction.setObjectName("setDueSoonFraction")
        self.due_soon_fraction.setRange(0, 90)
        self.due_soon_fraction.setSingleStep(5)
        self.due_soon_fraction.setSuffix(" %")
        self.due_soon_fraction_label = QLabel(self.response_group)
        self.due_soon_fraction_label.setBuddy(self.due_soon_fraction)
        form.addRow(self.due_soon_fraction_label, self.due_soon_fraction)
        self.due_soon_hours = QSpinBox(self.response_group)
        self.due_soon_hours.setObjectName("setDueSoonHours")
        self.due_soon_hours.setRange(0, 168)
        self.due_soon_hours_label = QLabel(self.response_group)
        self.due_soon_hours_label.setBuddy(self.due_soon_hours)
        form.addRow(self.due_soon_hours_label, self.due_soon_hours)
        left.addWidget(self.response_group)

        self.priority_group = QGroupBox(page)
        self.priority_group.setObjectName("setPriorityFactors")
        pform = QFormLayout(self.priority_group)
        self.priority_hint = self._hint_label("setPriorityHint", self.priority_group)
        pform.addRow(self.priority_hint)
        self.priority_factors: dict[Priority, QDoubleSpinBox] = {}
        self.priority_labels: dict[Priority, QLabel] = {}
        for priority in Priority:
            factor_spin = QDoubleSpinBox(self.priority_group)
            factor_spin.setObjectName(f"setPriorityFactor_{priority.value}")
            factor_spin.setDecimals(2)
            factor_spin.setRange(0.05, 10)
            factor_spin.setSingleStep(0.25)
            factor_spin.setMaximumWidth(120)
            label = QLabel(self.priority_group)
            label.setBuddy(factor_spin)
            pform.addRow(label, factor_spin)
            self.priority_factors[priority] = factor_spin
            self.priority_labels[priority] = label
        left.addWidget(self.priority_group)

        self.lost_group = QGroupBox(page)
        self.lost_group.setObjectName("setLostDays")
        lform = QFormLayout(self.lost_group)
        self.lost_hint = self._hint_label("setLostDaysHint", self.lost_group)
        lform.addRow(self.lost_hint)
        self.lost_days: dict[ShipmentScope, QSpinBox] = {}
        self.lost_labels: dict[ShipmentScope, QLabel] = {}
        for scope in ShipmentScope:
            days_spin = QSpinBox(self.lost_group)
            days_spin.setObjectName(f"setLostDays_{scope.value}")
            days_spin.setRange(1, 365)
            days_spin.setMaximumWidth(120)
            label = QLabel(self.lost_group)
            label.setBuddy(days_spin)
            lform.addRow(label, days_spin)
            self.lost_days[scope] = days_spin
            self.lost_labels[scope] = label
        left.addWidget(self.lost_group)
        left.addStretch(1)

        self.resolution_group = QGroupBox(page)
        right = QVBoxLayout(self.resolution_group)
        self.resolution_table = QTableWidget(len(ProblemKind), 2, self.resolution_group)
        self.resolution_table.setObjectName("setResolutionHours")
        self.resolution_table.verticalHeader().setVisible(False)
        self.resolution_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.resolution_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.resolution_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.resolution_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.resolution_table.verticalHeader().setDefaultSectionSize(30)
        self.resolution_hours: dict[ProblemKind, QSpinBox] = {}
        for row, kind in enumerate(ProblemKind):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.resolution_table.setItem(row, 0, item)
            hours_spin = QSpinBox(self.resolution_table)
            hours_spin.setObjectName(f"setResolutionHours_{kind.value}")
            hours_spin.setRange(1, 2160)  # up to 90 days
            hours_spin.setFrame(False)
            self.resolution_table.setCellWidget(row, 1, hours_spin)
            self.resolution_hours[kind] = hours_spin
        right.addWidget(self.resolution_table)
        columns.addWidget(self.resolution_group, 1)
        return page

    def _build_language_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("settingsLanguagePage")
        outer = QVBoxLayout(page)
        self.language_group = QGroupBox(page)
        column = QVBoxLayout(self.language_group)
        # Language names are shown in their own language, so anyone can find theirs.
        self.language_zh = QRadioButton("简体中文", self.language_group)
        self.language_zh.setObjectName("setLanguageZh")
        self.language_en = QRadioButton("English", self.language_group)
        self.language_en.setObjectName("setLanguageEn")
        self.language_buttons = QButtonGroup(self)
        self.language_buttons.addButton(self.language_zh)
        self.language_buttons.addButton(self.language_en)
        self.language_zh.toggled.connect(self._on_language_toggled)
        self.language_en.toggled.connect(self._on_language_toggled)
        column.addWidget(self.language_zh)
        column.addWidget(self.language_en)
        self.language_hint = self._hint_label("setLanguageHint", self.language_group)
        column.addWidget(self.language_hint)
        outer.addWidget(self.language_group)
        outer.addStretch(1)
        self._sync_language_buttons()
        return page

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        language = current_language()
        self.setWindowTitle(self.tr("Settings"))
        self.readonly_note.setText(self.tr(
            "Only a manager can change depot settings. You can still choose your own language."))
        self.tabs.setTabText(PAGE_DEPOT, self.tr("Depot"))
        self.tabs.setTabText(PAGE_COMPENSATION, self.tr("Compensation policy"))
        self.tabs.setTabText(PAGE_DEADLINES, self.tr("Deadlines"))
        self.tabs.setTabText(PAGE_LANGUAGE, self.tr("Language"))
        self.tabs.setAccessibleName(self.tr("Settings pages"))

        # Depot
        self.depot_code_label.setText(self.tr("Depot &code:"))
        self.depot_code.setAccessibleName(self.tr("Depot code"))
        self.depot_code.setPlaceholderText(self.tr("e.g. SH01"))
        self.depot_name_label.setText(self.tr("Depot &name:"))
        self.depot_name.setAccessibleName(self.tr("Depot name"))
        self.depot_phone_label.setText(self.tr("Depot &phone:"))
        self.depot_phone.setAccessibleName(self.tr("Depot phone"))
        self.depot_phone.setPlaceholderText(self.tr("Customers call this number back, e.g. 021-58880000"))
        self.timezone_label.setText(self.tr("&Time zone:"))
        self.timezone.setAccessibleName(self.tr("Time zone"))
        self.timezone_hint.setText(self.tr(
            "Due times, the case number's date and reports follow this time zone."))
        self._retranslate_timezones()
        self._update_case_number_hint()
        self.sign_in_group.setTitle(self.tr("Sign-in"))
        self.idle_lock_label.setText(self.tr("&Lock the desk after:"))
        self.idle_lock.setSuffix(self.tr(" min idle"))
        self.idle_lock.setSpecialValueText(self.tr("never"))
        self.idle_lock.setAccessibleName(self.tr("Idle minutes before the desk locks"))
        self.idle_lock_hint.setText(self.tr(
            "With no key press or mouse movement for this long, the desk hides its content and asks for a PIN."))
        self.sign_in_attempts_label.setText(self.tr("Wrong &PINs allowed:"))
        self.sign_in_attempts.setAccessibleName(self.tr("Wrong PINs before an operator is locked out"))
        self.lockout_minutes_label.setText(self.tr("Loc&k-out time:"))
        self.lockout_minutes.setSuffix(self.tr(" min"))
        self.lockout_minutes.setAccessibleName(self.tr("Lock-out minutes"))

        # Compensation
        self.compensation_intro.setText(self.tr(
            "These rules give the suggested compensation for a case. Insured parcels are paid "
            "by their insured amount; uninsured ones by the actual loss, up to a cap (no cap where "
            "the loss came from intent or gross negligence)."))
        self.freight_multiple_label.setText(self.tr("Uninsured &cap:"))
        self.freight_multiple.setSuffix(self.tr(" × freight"))
        self.freight_multiple.setAccessibleName(self.tr("Uninsured cap as a multiple of the freight"))
        self.delay_waives.setText(self.tr("&Delay waives the freight (surcharges are still charged)"))
        self.delay_waives.setAccessibleName(self.tr("Delay waives the freight"))
        self.approval_threshold_label.setText(self.tr("&Approval above:"))
        self.approval_threshold.setAccessibleName(self.tr("Approval threshold in yuan"))
        self.approval_threshold.setPlaceholderText(self.tr("e.g. ¥200.00"))
        self.force_majeure.setText(self.tr(
            "&Force majeure also exempts insured parcels (the postal rule says it does not)"))
        self.force_majeure.setAccessibleName(self.tr("Force majeure exempts insured parcels"))
        self._update_examples()

        # Deadlines
        self.response_group.setTitle(self.tr("Response and warning"))
        hours = self.tr(" h")
        self.complaint_hours_label.setText(self.tr("Complaint &first response within:"))
        self.complaint_hours.setSuffix(hours)
        self.complaint_hours.setAccessibleName(self.tr("Complaint first response, hours"))
        self.due_soon_fraction_label.setText(self.tr("\"Due soon\" when time left is below:"))
        self.due_soon_fraction.setAccessibleName(self.tr("Due soon when this share of the time is left"))
        self.due_soon_hours_label.setText(self.tr("… or fewer hours than:"))
        self.due_soon_hours.setSuffix(hours)
        self.due_soon_hours.setAccessibleName(self.tr("Due soon when fewer than this many hours are left"))
        self.priority_group.setTitle(self.tr("Priority factors"))
        self.priority_hint.setText(self.tr("A case is due after its kind's hours × this factor."))
        for priority, spin in self.priority_factors.items():
            self.priority_labels[priority].setText(_with_colon(priority.label(language)))
            spin.setSuffix(" ×")
            spin.setAccessibleName(self.tr("Priority factor: {0}").format(priority.label(language)))
        self.lost_group.setTitle(self.tr("Treat as lost after"))
        self.lost_hint.setText(self.tr("Calendar days without a scan or delivery."))
        days = self.tr(" days")
        for scope, days_spin in self.lost_days.items():
            self.lost_labels[scope].setText(_with_colon(scope.label(language)))
            days_spin.setSuffix(days)
            days_spin.setAccessibleName(self.tr("Treat as lost after, days: {0}").format(scope.label(language)))
        self.resolution_group.setTitle(self.tr("Resolution due, per problem kind"))
        self.resolution_table.setHorizontalHeaderLabels([self.tr("Problem kind"), self.tr("Hours")])
        self.resolution_table.setAccessibleName(self.tr("Resolution hours per problem kind"))
        for row, kind in enumerate(ProblemKind):
            item = self.resolution_table.item(row, 0)
            if item is not None:
                item.setText(kind.label(language))
            hours_spin = self.resolution_hours[kind]
            hours_spin.setSuffix(hours)
            hours_spin.setAccessibleName(self.tr("Hours to resolve: {0}").format(kind.label(language)))

        # Language
        self.language_group.setTitle(self.tr("Interface language"))
        self.language_zh.setAccessibleName(self.tr("Simplified Chinese"))
        self.language_en.setAccessibleName(self.tr("English"))
        self.language_hint.setText(self.tr(
            "Your own choice on this workstation; it applies at once and is not a depot setting."))
        self._sync_language_buttons()

        # Buttons
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("Save the settings and close"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Close without saving"))
        self.restore_button.setText(self.tr("&Restore defaults"))
        self.restore_button.setAccessibleName(self.tr("Restore this page's defaults"))
        self.restore_button.setToolTip(self.tr(
            "Put this page back to the standard policy. Nothing is saved until OK."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        # Enum labels come from the domain, not from tr(): without a translator
        # change (e.g. to English) no LanguageChange event arrives for them.
        self.retranslate()

    def _retranslate_timezones(self) -> None:
        described = {
            "Asia/Shanghai": self.tr("China standard time (Beijing)"),
            "Asia/Urumqi": self.tr("Xinjiang time"),
            "Asia/Hong_Kong": self.tr("Hong Kong"),
            "Asia/Macau": self.tr("Macau"),
            "Asia/Taipei": self.tr("Taiwan"),
            "Asia/Singapore": self.tr("Singapore"),
            "Asia/Kuala_Lumpur": self.tr("Malaysia"),
            "Asia/Bangkok": self.tr("Thailand"),
            "Asia/Tokyo": self.tr("Japan"),
            "Asia/Seoul": self.tr("Korea"),
            "Asia/Dubai": self.tr("United Arab Emirates"),
            "Europe/London": self.tr("United Kingdom"),
            "Europe/Berlin": self.tr("Central Europe"),
            "America/New_York": self.tr("US Eastern"),
            "America/Los_Angeles": self.tr("US Pacific"),
            "UTC": self.tr("Coordinated Universal Time"),
        }
        current = self.timezone_value()
        with QSignalBlocker(self.timezone):
            for i in range(self.timezone.count()):
                zone = self.timezone.itemData(i)
                self.timezone.setItemText(i, f"{zone} — {described[zone]}" if zone in described else zone)
            self._set_timezone(current)

    # ------------------------------------------------------------ permissions
    def _apply_permissions(self) -> None:
        read_only = not self._editable
        self.readonly_note.setVisible(read_only)
        for edit in (self.depot_code, self.depot_name, self.depot_phone, self.approval_threshold):
            edit.setReadOnly(read_only)
        spins: list[QAbstractSpinBox] = [self.freight_multiple, self.complaint_hours,
                                         self.due_soon_hours, self.due_soon_fraction, self.idle_lock,
                                         self.sign_in_attempts, self.lockout_minutes]
        spins += [*self.priority_factors.values(), *self.lost_days.values(),
                  *self.resolution_hours.values()]
        for spin in spins:
            spin.setReadOnly(read_only)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons if read_only
                                  else QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        for widget in (self.timezone, self.delay_waives, self.force_majeure):
            widget.setEnabled(not read_only)
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
        self.depot_code.setText(str(values["depot_code"]))
        self.depot_name.setText(str(values["depot_name"]))
        self.depot_phone.setText(str(values.get("depot_phone") or ""))
        self._set_timezone(str(values["timezone"]))
        self.idle_lock.setValue(int(values["idle_lock_minutes"]))
        self.sign_in_attempts.setValue(int(values["sign_in_attempts"]))
        self.lockout_minutes.setValue(int(values["sign_in_lockout_minutes"]))
        self._policy = Policy.from_dict(values["policy"])
        self._load_compensation(self._policy)
        self._load_deadlines(self._policy)
        self._loaded = True
        self.ok_button.setEnabled(True)

    def _load_compensation(self, policy: Policy) -> None:
        self.freight_multiple.setValue(float(policy.uninsured_freight_multiple))
        self.delay_waives.setChecked(policy.delay_waives_freight)
        self.approval_threshold.setText(format_yuan(policy.approval_threshold))
        self.force_majeure.setChecked(policy.force_majeure_exempts_insured)
        self._clear_error("approval_threshold")

    def _load_deadlines(self, policy: Policy) -> None:
        self.complaint_hours.setValue(policy.complaint_first_response_hours)
        self.due_soon_hours.setValue(policy.due_soon_hours)
        self.due_soon_fraction.setValue(int((policy.due_soon_fraction * 100).to_integral_value()))
        for priority, spin in self.priority_factors.items():
            spin.setValue(float(policy.priority_factors[priority]))
        for kind, hours_spin in self.resolution_hours.items():
            hours_spin.setValue(policy.resolution_hours[kind])
        for scope, days_spin in self.lost_days.items():
            days_spin.setValue(policy.lost_after_days[scope])

    def restore_defaults(self) -> None:
        """Put the current policy page back to :class:`Policy` defaults (not saved yet)."""
        if not self._editable:
            return
        page = self.tabs.currentIndex()
        if page == PAGE_COMPENSATION:
            self._load_compensation(Policy())
        elif page == PAGE_DEADLINES:
            self._load_deadlines(Policy())

    # ----------------------------------------------------------- field values
    def timezone_value(self) -> str:
        """The chosen zone name (the text before the description, if typed)."""
        text = self.timezone.currentText().strip()
        index = self.timezone.findText(text)
        if index >= 0:
            return str(self.timezone.itemData(index))
        return text.split()[0] if text else ""

    def _set_timezone(self, zone: str) -> None:
        if not zone:
            return
        index = self.timezone.findData(zone)
        if index < 0:
            self.timezone.addItem(zone, zone)
            index = self.timezone.count() - 1
        self.timezone.setCurrentIndex(index)
        self.timezone.setEditText(self.timezone.itemText(index))

    def policy_from_fields(self) -> Policy:
        """The policy the fields describe, based on the stored one.

        Raises :class:`ValidationError` (field ``approval_threshold``) when the
        threshold is not an amount of money.
        """
        base = self._policy
        try:
            threshold = to_money(self.approval_threshold.text())
        except ValidationError as exc:
            exc.field = "approval_threshold"
            raise
        fraction_shown = Decimal(self.due_soon_fraction.value()) / 100
        fraction = (base.due_soon_fraction
                    if (base.due_soon_fraction * 100).to_integral_value() == self.due_soon_fraction.value()
                    else fraction_shown)
        return base.with_changes(
            uninsured_freight_multiple=_decimal_of(self.freight_multiple, base.uninsured_freight_multiple),
            delay_waives_freight=self.delay_waives.isChecked(),
            approval_threshold=base.approval_threshold if threshold == base.approval_threshold else threshold,
            force_majeure_exempts_insured=self.force_majeure.isChecked(),
            complaint_first_response_hours=self.complaint_hours.value(),
            due_soon_hours=self.due_soon_hours.value(),
            due_soon_fraction=fraction,
            priority_factors={p: _decimal_of(spin, base.priority_factors[p])
                              for p, spin in self.priority_factors.items()},
            resolution_hours={k: spin.value() for k, spin in self.resolution_hours.items()},
            lost_after_days={s: spin.value() for s, spin in self.lost_days.items()},
        )

    # ------------------------------------------------------------- live hints
    def _update_examples(self) -> None:
        multiple = Decimal(f"{self.freight_multiple.value():.2f}")
        self.freight_example.setText(self.tr("Example: {0} × freight {1} = {2} cap").format(
            _plain_number(multiple), format_yuan(EXAMPLE_FREIGHT), format_yuan(multiple * EXAMPLE_FREIGHT)))
        try:
            threshold = to_money(self.approval_threshold.text())
        except ValidationError:
            self.approval_hint.setText(self.tr("Enter an amount such as ¥1,200.50."))
        else:
            self.approval_hint.setText(self.tr(
                "Compensation above {0} needs a manager's approval.").format(format_yuan(threshold)))

    def _tidy_threshold(self) -> None:
        try:
            value = to_money(self.approval_threshold.text())
        except ValidationError:
            return  # left as typed; OK will say what is wrong
        tidy = format_yuan(value)
        if tidy != self.approval_threshold.text():
            self.approval_threshold.setText(tidy)

    def _update_case_number_hint(self) -> None:
        code = self.depot_code.text().strip().upper() or "SH01"
        try:
            clock = self.ctx.services.settings.clock
            today = to_local(clock.now(), self.timezone_value() or "Asia/Shanghai").date()
            example = format_case_no(code, today, 1)
        except (DepotError, ValueError, KeyError):
            example = ""
        if example:
            self.depot_code_hint.setText(self.tr(
                "New case numbers start with the code, e.g. {0}. Existing ones keep theirs.").format(example))
        else:
            self.depot_code_hint.setText(self.tr("2 to 8 letters or digits, e.g. SH01."))

    # --------------------------------------------------------------- language
    def _sync_language_buttons(self) -> None:
        chinese = current_language().startswith("zh")
        with QSignalBlocker(self.language_zh), QSignalBlocker(self.language_en):
            self.language_zh.setChecked(chinese)
            self.language_en.setChecked(not chinese)

    def _on_language_toggled(self, checked: bool) -> None:
        if checked:  # the button being switched off says nothing new
            self._choose_language("en" if self.language_en.isChecked() else "zh_CN")

    def _choose_language(self, language: str) -> None:
        if language != current_language():
            self.sig_language_chosen.emit(language)

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
        values: dict[str, Any] = {"depot_code": self.depot_code.text(), "depot_name": self.depot_name.text(),
                                  "depot_phone": self.depot_phone.text(), "timezone": self.timezone_value(),
                                  "idle_lock_minutes": self.idle_lock.value(),
                                  "sign_in_attempts": self.sign_in_attempts.value(),
                                  "sign_in_lockout_minutes": self.lockout_minutes.value()}
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

    def _clear_error(self, field: str) -> None:
        target = self._error_targets.get(field)
        if target is None:
            return
        _page, widget, label = target
        label.clear()
        label.setVisible(False)
        widget.setAccessibleDescription("")

    def _clear_errors(self) -> None:
        for field in self._error_targets:
            self._clear_error(field)
        self.general_error.clear()
        self.general_error.setVisible(False)
