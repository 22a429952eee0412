"""The words of the Resolution tab: every label in the interface language and the current resolution's summary."""

from __future__ import annotations

from depot_app.domain.identifiers import mask_phone
from depot_app.domain.kinds import resolutions_for
from depot_app.domain.money import format_yuan
from depot_app.domain.views import CaseDetail, CompensationView, ResolutionView
from depot_app.domain.vocabulary import (
    Exemption,
    LossExtent,
    PaymentMethod,
    ResolutionState,
    ResolutionType,
)
from depot_app.ui.common.formatting import format_local, format_money, local
from depot_app.ui.common.i18n import current_language, translate
from depot_app.ui.workspace.resolution_fields import (
    bullets,
    combo_data,
    explanation_lines,
    fill_combo,
)
from depot_app.ui.workspace.resolution_forms import SUMMARY_ROWS, TRANSFER_CARRIERS

R = ResolutionType


class ResolutionTextsMixin:
    """``retranslate`` and the summary of the case's current resolution and compensation."""

    def retranslate(self) -> None:
        """Set every visible text in the interface language."""
        lang = current_language()
        self.current_box.setTitle(translate("ResolutionPanel", "Current resolution"))
        self.approval_box.setTitle(translate("ResolutionPanel", "Manager approval"))
        self.payment_box.setTitle(translate("ResolutionPanel", "Payment"))
        self.choose_box.setTitle(translate("ResolutionPanel", "Choose a resolution"))
        summary = {
            "type": translate("ResolutionPanel", "Resolution:"),
            "state": translate("ResolutionPanel", "State:"),
            "case_status": translate("ResolutionPanel", "Case status:"),
            "details": translate("ResolutionPanel", "Details:"),
            "chosen": translate("ResolutionPanel", "Chosen by:"),
            "started": translate("ResolutionPanel", "Started:"),
            "comp_suggested": translate("ResolutionPanel", "Suggested amount:"),
            "comp_amount": translate("ResolutionPanel", "Amount:"),
            "comp_explanation": translate("ResolutionPanel", "How it was worked out:"),
            "comp_adjust": translate("ResolutionPanel", "Reason for the change:"),
            "comp_approval": translate("ResolutionPanel", "Approval:"),
            "comp_payment": translate("ResolutionPanel", "Payment:"),
        }
        for key, (label, value) in self._summary.items():
            label.setText(summary[key])
            value.setAccessibleName(summary[key].rstrip(":："))
        rows = {
            "signed_at": translate("ResolutionPanel", "Signed for on:"),
            "approval_comment": translate("ResolutionPanel", "Comment:"),
            "pay_method": translate("ResolutionPanel", "Paid by:"),
            "pay_reference": translate("ResolutionPanel", "Transfer reference:"),
            "pay_payee": translate("ResolutionPanel", "Payee account:"),
            "pay_date": translate("ResolutionPanel", "Paid on:"),
            "type": translate("ResolutionPanel", "Resolution:"),
            "attempt_date": translate("ResolutionPanel", "Delivery attempt on:"),
            "new_address": translate("ResolutionPanel", "New address:"),
            "new_phone": translate("ResolutionPanel", "New phone:"),
            "new_tracking": translate("ResolutionPanel", "New tracking no.:"),
            "return_reason": translate("ResolutionPanel", "Reason for return:"),
            "return_tracking": translate("ResolutionPanel", "Return tracking no.:"),
            "carrier": translate("ResolutionPanel", "Other carrier:"),
            "transfer_tracking": translate("ResolutionPanel", "Their tracking no.:"),
            "outlet": translate("ResolutionPanel", "Pickup outlet:"),
            "pickup_code": translate("ResolutionPanel", "Pickup code:"),
            "new_cod": translate("ResolutionPanel", "New COD amount:"),
            "new_freight": translate("ResolutionPanel", "New freight:"),
            "freight_payer": translate("ResolutionPanel", "Freight paid by:"),
            "confirmation_ref": translate("ResolutionPanel", "Written confirmation ref.:"),
            "loss": translate("ResolutionPanel", "Loss:"),
            "actual_loss": translate("ResolutionPanel", "Actual loss:"),
            "full_value": translate("ResolutionPanel", "Full value:"),
            "surcharges": translate("ResolutionPanel", "Surcharges:"),
            "exemption": translate("ResolutionPanel", "Exemption:"),
            "amount": translate("ResolutionPanel", "Amount to pay:"),
            "adjust_reason": translate("ResolutionPanel", "Reason for the change:"),
        }
        self._label_rows(rows)

        # current-state actions
        self.res_start.setText(translate("ResolutionPanel", "Mark in progress"))
        self.res_start.setAccessibleName(translate("ResolutionPanel", "Mark the resolution in progress"))
        self.res_start.setToolTip(translate(
            "ResolutionPanel", "Work on the resolution has begun, e.g. the parcel is out for redelivery"))
        self.res_start_note.setPlaceholderText(translate(
            "ResolutionPanel", "Note (optional), e.g. out with courier Wang"))
        self.res_start_note.setAccessibleName(translate("ResolutionPanel", "Note for marking in progress"))
        self.res_signed_button.setText(translate("ResolutionPanel", "Record signed date"))
        self.res_signed_button.setAccessibleName(translate(
            "ResolutionPanel", "Record the date the other carrier's parcel was signed for"))

        # approval
        self.approval_comment.setPlaceholderText(translate("ResolutionPanel", "Required when rejecting"))
        self.approve_button.setText(translate("ResolutionPanel", "Approve"))
        self.approve_button.setAccessibleName(translate("ResolutionPanel", "Approve the compensation"))
        self.reject_button.setText(translate("ResolutionPanel", "Reject"))
        self.reject_button.setAccessibleName(translate("ResolutionPanel", "Reject the compensation"))
        self.approval_role_note.setText(translate("ResolutionPanel", "Only a manager can approve compensation"))

        # payment
        fill_combo(self.pay_method, [(m.label(lang), m.value) for m in PaymentMethod])
        self.pay_payee.setPlaceholderText(translate(
            "ResolutionPanel", "Bank card, Alipay or WeChat account (optional)"))
        self.pay_button.setText(translate("ResolutionPanel", "Record payment"))
        self.pay_button.setAccessibleName(translate("ResolutionPanel", "Record the compensation payment"))
        self._update_payment_hint()

        # choose
        self.res_change_button.setText(translate("ResolutionPanel", "Choose a different resolution…"))
        self.res_change_button.setAccessibleName(translate("ResolutionPanel", "Replace the current resolution"))
        self.res_cancel_change.setText(translate("ResolutionPanel", "Cancel"))
        self.res_cancel_change.setAccessibleName(translate("ResolutionPanel", "Keep the current resolution"))
        self.res_choose.setText(translate("ResolutionPanel", "Choose"))
        self.res_choose.setAccessibleName(translate("ResolutionPanel", "Choose this resolution"))
        self.res_new_address.setPlaceholderText(translate("ResolutionPanel", "Leave empty to keep the waybill address"))
        self.res_new_tracking.setPlaceholderText(translate("ResolutionPanel", "Tracking number of the new shipment"))
        self.res_return_reason.setPlaceholderText(translate(
            "ResolutionPanel", "e.g. refused by the recipient, sender wants it back"))
        self.res_return_tracking.setPlaceholderText(translate("ResolutionPanel", "Optional"))
        self.res_transfer_tracking.setPlaceholderText(translate(
            "ResolutionPanel", "The other carrier's tracking number"))
        self.transfer_hint.setText(translate(
            "ResolutionPanel", "Follow the parcel until it is signed for, then record the signed date."))
        carrier_text = self.res_carrier.currentText()
        self.res_carrier.blockSignals(True)
        self.res_carrier.clear()
        self.res_carrier.addItems([c.label(lang) for c in TRANSFER_CARRIERS])
        self.res_carrier.setEditText(carrier_text)
        self.res_carrier.blockSignals(False)
        carrier_edit = self.res_carrier.lineEdit()  # editable: never null
        if carrier_edit is not None:
            carrier_edit.setPlaceholderText(translate("ResolutionPanel", "Pick or type the carrier"))
        self.res_outlet.setPlaceholderText(translate(
            "ResolutionPanel", "Outlet or parcel locker where the recipient collects it"))
        self.res_generate_code.setText(translate("ResolutionPanel", "Generate"))
        self.res_generate_code.setAccessibleName(translate("ResolutionPanel", "Generate a 6-digit pickup code"))
        self.res_new_cod.setPlaceholderText(translate("ResolutionPanel", "Leave empty if unchanged; 0 cancels COD"))
        self.res_new_freight.setPlaceholderText(translate("ResolutionPanel", "Leave empty if unchanged"))
        fill_combo(self.res_freight_payer, [(translate("ResolutionPanel", "Unchanged"), ""),
                                                  (translate("ResolutionPanel", "Sender (prepaid)"), "sender"),
                                                  (translate("ResolutionPanel", "Recipient (to pay)"), "recipient")])
        self.res_confirmation_ref.setPlaceholderText(
            translate("ResolutionPanel", "Reference of the customer's written confirmation (required)"))
        fill_combo(self.comp_loss, [(x.label(lang), x.value) for x in LossExtent])
        fill_combo(self.comp_exemption, [(x.label(lang), x.value) for x in Exemption])
        self.comp_actual_loss.setPlaceholderText(translate(
            "ResolutionPanel", "Value of what was lost or damaged, e.g. 1500.00"))
        self.comp_surcharges.setPlaceholderText("0.00")
        self.comp_gross_negligence.setText(translate(
            "ResolutionPanel", "Caused by intent or gross negligence (no freight cap)"))
        self.comp_gross_negligence.setAccessibleName(translate("ResolutionPanel", "Intent or gross negligence"))
        self.comp_suggested.setAccessibleName(translate("ResolutionPanel", "Suggested amount"))
        self.comp_explanation.setAccessibleName(translate("ResolutionPanel", "How the suggested amount was worked out"))
        self.comp_approval_note.setAccessibleName(translate("ResolutionPanel", "Approval needed"))
        self.comp_parcel_facts.setAccessibleName(translate("ResolutionPanel", "Parcel values"))
        self.res_stack.setAccessibleName(translate("ResolutionPanel", "Details of the chosen resolution type"))
        self.choose_note.setAccessibleName(translate("ResolutionPanel", "About choosing"))
        self.res_none.setAccessibleName(translate("ResolutionPanel", "Current resolution"))
        self.approval_info.setAccessibleName(translate("ResolutionPanel", "Approval needed"))
        self.pay_amount.setAccessibleName(translate("ResolutionPanel", "Amount to pay"))
        self._fill_types()
        self._refresh()
        self._render_suggestion()
        self._update_amount_state()

    def _fill_types(self) -> None:
        lang = current_language()
        types = resolutions_for(self._kind) if self._kind is not None else ()
        current = combo_data(self.res_type)
        fill_combo(self.res_type, [(t.label(lang), t.value) for t in types])
        if combo_data(self.res_type) != current:
            self._on_type_changed()

    def _show_summary(self, d: CaseDetail | None, res: ResolutionView | None,
                      comp: CompensationView | None, lang: str) -> None:
        values: dict[str, str | None] = {key: None for key, _ in SUMMARY_ROWS}
        if res is None:
            rejected = d.resolutions[-1] if d is not None and d.resolutions else None
            if rejected is not None and rejected.state is ResolutionState.REJECTED:
                rc = rejected.compensation
                if rc is not None:
                    text = translate("ResolutionPanel", "The proposed compensation of {0} was rejected by {1}: “{2}”. "
                                   "Choose a resolution.").format(
                        format_yuan(rc.amount), rc.approver or "?", rc.approval_comment)
                else:
                    text = translate("ResolutionPanel", "The last proposal was rejected. Choose a resolution.")
            else:
                text = translate("ResolutionPanel", "No resolution has been chosen yet.")
            self.res_none.setText(text)
            self.res_none.show()
        else:
            self.res_none.hide()
            type_label = res.type.label(lang)
            values["type"] = type_label
            values["state"] = res.state.label(lang)
            values["case_status"] = d.status.label(lang) if d is not None else None
            if comp is None:
                summary = res.summary_zh if lang.startswith("zh") else res.summary_en
                sep = "；" if lang.startswith("zh") else "; "
                # The summary starts with the type, which has its own row.
                if summary.startswith(type_label + sep):
                    summary = summary[len(type_label + sep):]
                elif summary == type_label:
                    summary = ""
                # Phones on screen are masked like the parcel's (DOMAIN.md, personal data).
                phone = res.details.get("new_phone")
                if isinstance(phone, str) and phone:
                    summary = summary.replace(phone, mask_phone(phone))
                values["details"] = summary.replace(sep, "\n") or "—"
            values["chosen"] = f"{res.chosen_by} · {format_local(res.chosen_at)}"
            if res.started_at is not None:
                values["started"] = format_local(res.started_at)
            if comp is not None:
                values.update(self._compensation_summary(comp, lang))
        for key, (_label, value) in self._summary.items():
            shown = values[key]
            if shown is not None:
                value.setText(shown)
            self.current_form.setRowVisible(value, shown is not None)

    def _compensation_summary(self, comp: CompensationView, lang: str) -> dict[str, str | None]:
        out: dict[str, str | None] = {
            "comp_suggested": format_money(comp.suggested_amount),
            "comp_amount": format_money(comp.amount),
            "comp_explanation": bullets(explanation_lines(comp.explanation, lang)) or "—",
            "comp_adjust": comp.adjust_reason or None,
        }
        comment = f"\n“{comp.approval_comment}”" if comp.approval_comment else ""
        when = format_local(comp.approved_at) if comp.approved_at else "—"
        if comp.approval_state == "pending":
            out["comp_approval"] = translate("ResolutionPanel", "Waiting for a manager's approval")
        elif comp.approval_state == "approved":
            out["comp_approval"] = translate(
                "ResolutionPanel", "Approved by {0} at {1}").format(comp.approver or "?", when) + comment
        elif comp.approval_state == "rejected":
            out["comp_approval"] = translate(
                "ResolutionPanel", "Rejected by {0} at {1}").format(comp.approver or "?", when) + comment
        else:
            out["comp_approval"] = translate("ResolutionPanel", "Not needed (at most {0})").format(
                format_yuan(self.ctx.policy.approval_threshold))
        if comp.paid_at is not None:
            method = comp.payment_method.label(lang) if comp.payment_method else "—"
            lines = [translate("ResolutionPanel", "Paid {0} on {1} · {2}").format(format_yuan(comp.amount),
                                                              local(comp.paid_at).date().isoformat(), method)]
            if comp.payment_reference:
                lines.append(translate("ResolutionPanel", "Reference: {0}").format(comp.payment_reference))
            if comp.payee_account:
                lines.append(translate("ResolutionPanel", "Payee account: {0}").format(comp.payee_account))
            if comp.paid_by:
                lines.append(translate("ResolutionPanel", "Recorded by {0}").format(comp.paid_by))
            out["comp_payment"] = "\n".join(lines)
        else:
            out["comp_payment"] = translate("ResolutionPanel", "Not paid yet")
        return out
