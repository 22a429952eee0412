"""The settings dialog's Compensation policy page: the uninsured cap, the
delay rule, the approval threshold and force majeure, with a worked example.

Its texts belong to the ``SettingsDialog`` translation context, as they did
when the page was built by the dialog itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from depot_app.domain.errors import ValidationError
from depot_app.domain.money import format_yuan, to_money
from depot_app.domain.policy import Policy
from depot_app.ui.settings.fields import (
    add_field,
    clear_field_error,
    decimal_of,
    error_label,
    field_grid,
    hint_label,
    plain_number,
    set_spin_read_only,
)

#: The freight of the worked example on the compensation page.
EXAMPLE_FREIGHT = Decimal("12.00")


class CompensationPage(QWidget):
    """The rules behind the suggested compensation of a case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsCompensationPage")
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.compensation_intro = hint_label("setCompensationIntro", self)
        outer.addWidget(self.compensation_intro)
        outer.addSpacing(6)
        grid = field_grid()
        outer.addLayout(grid)
        outer.addStretch(1)

        self.freight_multiple = QDoubleSpinBox(self)
        self.freight_multiple.setObjectName("setFreightMultiple")
        self.freight_multiple.setDecimals(2)
        self.freight_multiple.setRange(0, 100)
        self.freight_multiple.setSingleStep(0.5)
        self.freight_multiple.setFixedWidth(160)
        self.freight_example = QLabel(self)
        self.freight_example.setObjectName("setFreightExample")
        self.freight_example.setWordWrap(True)
        self.freight_multiple.valueChanged.connect(lambda _v: self.update_examples())
        self.freight_multiple_label = QLabel(self)
        self.freight_multiple_label.setBuddy(self.freight_multiple)
        add_field(grid, self.freight_multiple_label, self.freight_multiple, self.freight_example,
                  compact=True)

        self.delay_waives = QCheckBox(self)
        self.delay_waives.setObjectName("setDelayWaives")
        add_field(grid, None, self.delay_waives)

        self.approval_threshold = QLineEdit(self)
        self.approval_threshold.setObjectName("setApprovalThreshold")
        self.approval_threshold.setFixedWidth(160)
        self.approval_hint = hint_label("setApprovalHint", self)
        self.approval_threshold_error = error_label("setApprovalThresholdError", self)
        self.approval_threshold.textChanged.connect(lambda _t: self.update_examples())
        self.approval_threshold.textEdited.connect(lambda _t: self.clear_error("approval_threshold"))
        self.approval_threshold.editingFinished.connect(self._tidy_threshold)
        self.approval_threshold_label = QLabel(self)
        self.approval_threshold_label.setBuddy(self.approval_threshold)
        add_field(grid, self.approval_threshold_label, self.approval_threshold, self.approval_hint,
                  self.approval_threshold_error, compact=True)

        self.force_majeure = QCheckBox(self)
        self.force_majeure.setObjectName("setForceMajeure")
        add_field(grid, None, self.force_majeure)

        #: ValidationError.field → (widget to focus, label for the message).
        self.error_fields: dict[str, tuple[QWidget, QLabel]] = {
            "approval_threshold": (self.approval_threshold, self.approval_threshold_error),
        }

    def clear_error(self, field: str) -> None:
        clear_field_error(*self.error_fields[field])

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        self.compensation_intro.setText(QCoreApplication.translate(
            "SettingsDialog",
            "These rules give the suggested compensation for a case. Insured parcels are paid "
            "by their insured amount; uninsured ones by the actual loss, up to a cap (no cap where "
            "the loss came from intent or gross negligence)."))
        self.freight_multiple_label.setText(QCoreApplication.translate("SettingsDialog", "Uninsured &cap:"))
        self.freight_multiple.setSuffix(QCoreApplication.translate("SettingsDialog", " × freight"))
        self.freight_multiple.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Uninsured cap as a multiple of the freight"))
        self.delay_waives.setText(QCoreApplication.translate(
            "SettingsDialog", "&Delay waives the freight (surcharges are still charged)"))
        self.delay_waives.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Delay waives the freight"))
        self.approval_threshold_label.setText(QCoreApplication.translate("SettingsDialog", "&Approval above:"))
        self.approval_threshold.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Approval threshold in yuan"))
        self.approval_threshold.setPlaceholderText(QCoreApplication.translate("SettingsDialog", "e.g. ¥200.00"))
        self.force_majeure.setText(QCoreApplication.translate(
            "SettingsDialog", "&Force majeure also exempts insured parcels (the postal rule says it does not)"))
        self.force_majeure.setAccessibleName(QCoreApplication.translate(
            "SettingsDialog", "Force majeure exempts insured parcels"))
        self.update_examples()

    # ------------------------------------------------------------- live hints
    def update_examples(self) -> None:
        multiple = Decimal(f"{self.freight_multiple.value():.2f}")
        self.freight_example.setText(QCoreApplication.translate(
            "SettingsDialog", "Example: {0} × freight {1} = {2} cap").format(
            plain_number(multiple), format_yuan(EXAMPLE_FREIGHT), format_yuan(multiple * EXAMPLE_FREIGHT)))
        try:
            threshold = to_money(self.approval_threshold.text())
        except ValidationError:
            self.approval_hint.setText(QCoreApplication.translate(
                "SettingsDialog", "Enter an amount such as ¥1,200.50."))
        else:
            self.approval_hint.setText(QCoreApplication.translate(
                "SettingsDialog", "Compensation above {0} needs a manager's approval.").format(format_yuan(threshold)))

    def _tidy_threshold(self) -> None:
        try:
            value = to_money(self.approval_threshold.text())
        except ValidationError:
            return  # left as typed; OK will say what is wrong
        tidy = format_yuan(value)
        if tidy != self.approval_threshold.text():
            self.approval_threshold.setText(tidy)

    # ----------------------------------------------------------- field values
    def set_read_only(self, read_only: bool) -> None:
        self.approval_threshold.setReadOnly(read_only)
        set_spin_read_only(self.freight_multiple, read_only)
        for widget in (self.delay_waives, self.force_majeure):
            widget.setEnabled(not read_only)

    def load(self, policy: Policy) -> None:
        """Show ``policy``'s compensation rules."""
        self.freight_multiple.setValue(float(policy.uninsured_freight_multiple))
        self.delay_waives.setChecked(policy.delay_waives_freight)
        self.approval_threshold.setText(format_yuan(policy.approval_threshold))
        self.force_majeure.setChecked(policy.force_majeure_exempts_insured)
        self.clear_error("approval_threshold")

    def policy_changes(self, base: Policy) -> dict[str, Any]:
        """The compensation rules the fields describe, as changes to ``base``.

        Raises :class:`ValidationError` (field ``approval_threshold``) when the
        threshold is not an amount of money.
        """
        try:
            threshold = to_money(self.approval_threshold.text())
        except ValidationError as exc:
            exc.field = "approval_threshold"
            raise
        return {
            "uninsured_freight_multiple": decimal_of(self.freight_multiple, base.uninsured_freight_multiple),
            "delay_waives_freight": self.delay_waives.isChecked(),
            "approval_threshold": base.approval_threshold if threshold == base.approval_threshold else threshold,
            "force_majeure_exempts_insured": self.force_majeure.isChecked(),
        }
