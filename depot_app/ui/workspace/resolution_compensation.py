"""The compensation form of the Resolution tab: the live suggestion, the amount and whether it needs approval."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QLineEdit,
)

from depot_app.domain.compensation import Suggestion
from depot_app.domain.errors import (
    DepotError,
    MoneyError,
)
from depot_app.domain.money import format_yuan, to_money
from depot_app.domain.vocabulary import (
    Exemption,
    LossExtent,
    PaymentMethod,
    ResolutionType,
)
from depot_app.services.cases import ClaimInput, suggest_for_detail
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.i18n import current_language, translate
from depot_app.ui.workspace.resolution_fields import (
    HINT_STYLE,
    bullets,
    combo_data,
)


class CompensationFormMixin:
    """Reads the compensation form and shows the policy's suggestion as the clerk types."""

    def _money(self, edit: QLineEdit, field_name: str) -> Decimal | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return to_money(text, strict=True)
        except MoneyError as exc:
            raise MoneyError(exc.en, exc.zh, field=field_name) from None

    def _claim_input(self) -> ClaimInput:
        loss = combo_data(self.comp_loss)
        exemption = combo_data(self.comp_exemption)
        return ClaimInput(
            loss=LossExtent(loss) if loss else LossExtent.PARTIAL,
            actual_loss=self._money(self.comp_actual_loss, "actual_loss"),
            full_value=self._money(self.comp_full_value, "full_value"),
            surcharges=self._money(self.comp_surcharges, "surcharges") or Decimal("0"),
            exemption=Exemption(exemption) if exemption else Exemption.NONE,
            gross_negligence=self.comp_gross_negligence.isChecked(),
        )

    def _update_suggestion(self, *_args: Any) -> None:
        """Ask the policy for the suggested amount of what is entered now (a quick read)."""
        if self._detail is None or self._current_type() is not ResolutionType.COMPENSATE:
            return
        suggestion: Suggestion | None = None
        problem: DepotError | None = None
        try:
            suggestion = suggest_for_detail(self._detail, self._claim_input(), self.ctx.policy)
        except DepotError as exc:
            problem = exc
        except Exception as exc:  # noqa: BLE001 - a fault, not the clerk's input
            ErrorPresenter.instance().show_error(exc, self)
        self._suggestion = suggestion
        self._suggestion_problem = problem
        if suggestion is not None:
            current = self._amount_or_none()
            untouched = not self.comp_amount.text().strip() or (
                self._prefilled is not None and current == self._prefilled)
            if untouched:
                self.comp_amount.setText(str(suggestion.amount))
                self._prefilled = suggestion.amount
                self._clear_error("choose:compensate", "amount")
                self._clear_error("choose:compensate", "adjust_reason")
        self._render_suggestion()
        self._update_amount_state()

    def _render_suggestion(self) -> None:
        lang = current_language()
        if self._suggestion is not None:
            lines = self._suggestion.lines_zh if lang.startswith("zh") else self._suggestion.lines
            self.comp_suggested.setText(translate(
                "ResolutionPanel", "Suggested {0}").format(format_yuan(self._suggestion.amount)))
            self.comp_explanation.setText(bullets(lines))
            self.comp_explanation.setStyleSheet("")
        else:
            self.comp_suggested.setText(translate("ResolutionPanel", "Suggested: —"))
            hint = (self._suggestion_problem.text(lang) if self._suggestion_problem is not None
                    else translate("ResolutionPanel", "Describe the loss to see the suggested amount."))
            self.comp_explanation.setText(hint)
            self.comp_explanation.setStyleSheet(HINT_STYLE)

    def _amount_or_none(self) -> Decimal | None:
        try:
            return self._money(self.comp_amount, "amount")
        except MoneyError:
            return None

    def _amount_adjusted(self) -> bool:
        text = self.comp_amount.text().strip()
        if not text or self._suggestion is None:
            return False
        amount = self._amount_or_none()
        return amount is None or amount != self._suggestion.amount

    def _update_amount_state(self, *_args: Any) -> None:
        adjusted = self._amount_adjusted()
        self.comp_adjust_reason.setEnabled(adjusted)
        label = self._rows["adjust_reason"][0]
        if adjusted:
            label.setText(translate("ResolutionPanel", "Reason for the change (required):"))
            self.comp_adjust_reason.setPlaceholderText(
                translate("ResolutionPanel", "Why the amount differs from the suggested {0}").format(
                    format_yuan(self._suggestion.amount) if self._suggestion else "—"))
        else:
            label.setText(translate("ResolutionPanel", "Reason for the change:"))
            self.comp_adjust_reason.setPlaceholderText(translate(
                "ResolutionPanel", "Only needed if you change the amount"))
        amount = self._amount_or_none()
        threshold = self.ctx.policy.approval_threshold
        needs = amount is not None and amount > threshold
        note = translate("ResolutionPanel", "Needs manager approval (above {0})").format(format_yuan(threshold))
        self.comp_approval_note.setText(note if needs else "")
        self.comp_approval_note.setVisible(needs)

    def _update_payment_hint(self, *_args: Any) -> None:
        cash = combo_data(self.pay_method) == PaymentMethod.CASH.value
        self.pay_reference.setPlaceholderText(
            translate("ResolutionPanel", "Optional for cash") if cash
            else translate("ResolutionPanel", "Bank, Alipay or WeChat Pay transaction number (required)"))
