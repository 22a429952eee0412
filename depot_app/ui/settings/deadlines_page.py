"""The settings dialog's Deadlines page: first response and "due soon",
priority factors, when a parcel counts as lost, and resolution hours per kind.

Its texts belong to the ``SettingsDialog`` translation context, as they did
when the page was built by the dialog itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Priority, ShipmentScope
from depot_app.ui.common.i18n import current_language
from depot_app.ui.settings.fields import decimal_of, hint_label, set_spin_read_only, with_colon


class DeadlinesPage(QWidget):
    """How long the desk has for a case, and when it warns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDeadlinesPage")
        self._build()

    def _build(self) -> None:
        columns = QHBoxLayout(self)
        left = QVBoxLayout()
        columns.addLayout(left, 0)

        self.response_group = QGroupBox(self)
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

        self.priority_group = QGroupBox(self)
        self.priority_group.setObjectName("setPriorityFactors")
        pform = QFormLayout(self.priority_group)
        self.priority_hint = hint_label("setPriorityHint", self.priority_group)
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

        self.lost_group = QGroupBox(self)
        self.lost_group.setObjectName("setLostDays")
        lform = QFormLayout(self.lost_group)
        self.lost_hint = hint_label("setLostDaysHint", self.lost_group)
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

        self.resolution_group = QGroupBox(self)
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

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        language = current_language()
        self.response_group.setTitle(QCoreApplication.translate("SettingsDialog", "Response and warning"))
        hours = QCoreApplication.translate("SettingsDialog", " h")
        self.complaint_hours_label.setText(QCoreApplication.translate(
            "SettingsDialog", "Complaint &first response within:"))
        self.complaint_hours.setSuffix(hours)
        self.complaint_hours.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Complaint first response, hours"))
        self.due_soon_fraction_label.setText(QCoreApplication.translate(
            "SettingsDialog", "\"Due soon\" when time left is below:"))
        self.due_soon_fraction.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Due soon when this share of the time is left"))
        self.due_soon_hours_label.setText(QCoreApplication.translate("SettingsDialog", "… or fewer hours than:"))
        self.due_soon_hours.setSuffix(hours)
        self.due_soon_hours.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Due soon when fewer than this many hours are left"))
        self.priority_group.setTitle(QCoreApplication.translate("SettingsDialog", "Priority factors"))
        self.priority_hint.setText(QCoreApplication.translate(
            "SettingsDialog", "A case is due after its kind's hours × this factor."))
        for priority, spin in self.priority_factors.items():
            self.priority_labels[priority].setText(with_colon(priority.label(language)))
            spin.setSuffix(" ×")
            spin.setAccessibleName(QCoreApplication.translate(
                "SettingsDialog", "Priority factor: {0}").format(priority.label(language)))
        self.lost_group.setTitle(QCoreApplication.translate("SettingsDialog", "Treat as lost after"))
        self.lost_hint.setText(QCoreApplication.translate(
            "SettingsDialog", "Calendar days without a scan or delivery."))
        days = QCoreApplication.translate("SettingsDialog", " days")
        for scope, days_spin in self.lost_days.items():
            self.lost_labels[scope].setText(with_colon(scope.label(language)))
            days_spin.setSuffix(days)
            days_spin.setAccessibleName(QCoreApplication.translate(
                "SettingsDialog", "Treat as lost after, days: {0}").format(scope.label(language)))
        self.resolution_group.setTitle(QCoreApplication.translate(
            "SettingsDialog", "Resolution due, per problem kind"))
        self.resolution_table.setHorizontalHeaderLabels([QCoreApplication.translate("SettingsDialog", "Problem kind"),
                                                         QCoreApplication.translate("SettingsDialog", "Hours")])
        self.resolution_table.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Resolution hours per problem kind"))
        for row, kind in enumerate(ProblemKind):
            item = self.resolution_table.item(row, 0)
            if item is not None:
                item.setText(kind.label(language))
            hours_spin = self.resolution_hours[kind]
            hours_spin.setSuffix(hours)
            hours_spin.setAccessibleName(QCoreApplication.translate(
                "SettingsDialog", "Hours to resolve: {0}").format(kind.label(language)))

    # ----------------------------------------------------------- field values
    def set_read_only(self, read_only: bool) -> None:
        spins: list[QAbstractSpinBox] = [self.complaint_hours, self.due_soon_hours, self.due_soon_fraction]
        spins += [*self.priority_factors.values(), *self.lost_days.values(), *self.resolution_hours.values()]
        for spin in spins:
            set_spin_read_only(spin, read_only)

    def load(self, policy: Policy) -> None:
        """Show ``policy``'s deadlines."""
        self.complaint_hours.setValue(policy.complaint_first_response_hours)
        self.due_soon_hours.setValue(policy.due_soon_hours)
        self.due_soon_fraction.setValue(int((policy.due_soon_fraction * 100).to_integral_value()))
        for priority, spin in self.priority_factors.items():
            spin.setValue(float(policy.priority_factors[priority]))
        for kind, hours_spin in self.resolution_hours.items():
            hours_spin.setValue(policy.resolution_hours[kind])
        for scope, days_spin in self.lost_days.items():
            days_spin.setValue(policy.lost_after_days[scope])

    def policy_changes(self, base: Policy) -> dict[str, Any]:
        """The deadlines the fields describe, as changes to ``base`` (whose values
        stay where the fields merely show them rounded)."""
        fraction_shown = Decimal(self.due_soon_fraction.value()) / 100
        fraction = (base.due_soon_fraction
                    if (base.due_soon_fraction * 100).to_integral_value() == self.due_soon_fraction.value()
                    else fraction_shown)
        return {
            "complaint_first_response_hours": self.complaint_hours.value(),
            "due_soon_hours": self.due_soon_hours.value(),
            "due_soon_fraction": fraction,
            "priority_factors": {p: decimal_of(spin, base.priority_factors[p])
                                 for p, spin in self.priority_factors.items()},
            "resolution_hours": {k: spin.value() for k, spin in self.resolution_hours.items()},
            "lost_after_days": {s: spin.value() for s, spin in self.lost_days.items()},
        }
