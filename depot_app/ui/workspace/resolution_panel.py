"""The "Resolution" tab of a case workspace.

Shows the resolution the case is on (with the money side of a compensation:
suggested and agreed amount, the policy's reasoning, approval and payment),
lets the clerk choose a resolution that fits the case's kind, and offers the
next step the case's state allows: approve or reject (managers), record the
payment, mark the work in progress, record the signed date of a transfer.

Every change goes through :mod:`depot_app.services.cases` in a task; a
validation error that names a field is shown under that field, anything else
goes to the error presenter. After a change the panel shows the fresh case
and emits :attr:`ResolutionPanel.sig_case_updated` so the workspace reloads.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.compensation import Suggestion
from depot_app.domain.errors import (
    DepotError,
    StaleEditError,
    ValidationError,
)
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.money import format_yuan
from depot_app.domain.permissions import Permission
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import (
    CaseStatus,
    Exemption,
    LossExtent,
    PaymentMethod,
    ResolutionState,
    ResolutionType,
)
from depot_app.services.cases import ClaimInput
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.formatting import format_money, local
from depot_app.ui.common.i18n import LanguageManager, current_language
from depot_app.ui.workspace.resolution_compensation import CompensationFormMixin
from depot_app.ui.workspace.resolution_fields import (
    combo_data,
    pydate,
    qdate,
)
from depot_app.ui.workspace.resolution_forms import ResolutionFormsMixin
from depot_app.ui.workspace.resolution_texts import ResolutionTextsMixin

log = logging.getLogger(__name__)

R = ResolutionType

#: Below this width (pixels) the two columns are stacked.
NARROW_WIDTH = 980


class ResolutionPanel(ResolutionTextsMixin, CompensationFormMixin, ResolutionFormsMixin, QWidget):
    """Choose, approve, start and pay the resolution of one case."""

    sig_case_updated = Signal(object)
    """Emitted with the fresh :class:`CaseDetail` after every successful change
    (and after a stale edit, with the case as it now is in the database)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("resolutionPanel")
        self._detail: CaseDetail | None = None
        self._kind: ProblemKind | None = None
        self._busy = False
        self._built = False
        self._needs_retranslate = False
        #: The last suggestion shown, or the error that prevented one.
        self._suggestion: Suggestion | None = None
        self._suggestion_problem: DepotError | None = None
        #: The amount the panel itself last put in the amount field.
        self._prefilled: Decimal | None = None
        #: scope -> field -> (input widget, its error label)
        self._errors: dict[str, dict[str, tuple[QWidget, QLabel]]] = {}
        #: key -> (row label, input) for rows whose label text is translated
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._pages: dict[ResolutionType, QWidget] = {}
        self._can_choose = False
        #: The clerk asked to replace the live resolution (the form is folded away otherwise).
        self._choose_expanded = False
        self._build()
        self._built = True
        self.retranslate()
        self._reset_choose_form()
        self._refresh()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    # ================================================================== build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("resScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area)
        body = QWidget(self.scroll_area)
        body.setObjectName("resBody")
        self.scroll_area.setWidget(body)
        # Two columns side by side; one above the other when the tab is narrow.
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.columns = columns
        columns.setContentsMargins(8, 8, 8, 8)
        columns.setSpacing(12)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        # Creation order is the tab order: what the case waits for first, then choosing.
        left.addWidget(self._build_current(body))
        left.addWidget(self._build_approval(body))
        left.addWidget(self._build_payment(body))
        left.addStretch(1)
        right.addWidget(self._build_choose(body))
        right.addStretch(1)

    # ============================================================= translation
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self._language_changed()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        # Vocabulary labels follow current_language(), which the translator
        # events can precede; the manager's signal comes after it changed.
        if shiboken6.isValid(self):
            self._language_changed()

    def _language_changed(self) -> None:
        # A panel in a tab that is not shown catches up when it is shown:
        # with many cases open, only the visible one relabels at once.
        if self.isVisible():
            self._needs_retranslate = False
            self.retranslate()
        else:
            self._needs_retranslate = True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange_columns(event.size().width())
        super().resizeEvent(event)

    def _arrange_columns(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            # Side by side the halves share the width; stacked, spare room goes below.
            self.columns.setStretch(0, 0 if narrow else 1)
            self.columns.setStretch(1, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._needs_retranslate:
            self._needs_retranslate = False
            self.retranslate()
        super().showEvent(event)

    # ================================================================ public
    def set_case(self, detail: CaseDetail) -> None:
        """Show ``detail``; what the clerk is typing is kept if it is the same case."""
        same_case = self._detail is not None and self._detail.id == detail.id
        self._detail = detail
        if detail.kind != self._kind:
            self._kind = detail.kind
            self._fill_types()
        if not same_case:
            self._choose_expanded = False
            self._reset_choose_form()
            self._reset_approval()
            self._reset_payment()
            self._reset_start()
            for scope in list(self._errors):
                self._clear_errors(scope)
        self._refresh()
        if same_case and self._current_type() is R.COMPENSATE:
            # The parcel's values may have been corrected meanwhile.
            self._update_suggestion()

    def focus_first(self) -> None:
        """Focus the first field the case's state asks for."""
        for widget in (self.approval_comment, self.pay_method, self.res_type, self.res_start_note,
                       self.res_change_button):
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.scroll_area.ensureWidgetVisible(widget)
                return
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ================================================================= state
    def _today(self) -> date:
        """The depot's calendar day (the services' clock, so tests see their own day)."""
        return local(self.ctx.services.clock.now()).date()

    def _current_type(self) -> ResolutionType | None:
        value = combo_data(self.res_type)
        return ResolutionType(value) if value else None

    def _is_manager(self) -> bool:
        return self.ctx.operator.can(Permission.APPROVE_COMPENSATION)

    def _refresh(self) -> None:
        """Show the current detail: summary, and which boxes and actions apply."""
        d = self._detail
        lang = current_language()
        res = d.current_resolution if d is not None else None
        comp = res.compensation if res is not None else None
        self._show_summary(d, res, comp, lang)
        self._show_case_facts()

        awaiting = (d is not None and d.status is CaseStatus.AWAITING_APPROVAL and comp is not None
                    and comp.approval_state == "pending")
        self.approval_box.setVisible(awaiting)
        if awaiting and comp is not None:
            self.approval_info.setText(self.tr("{0} is above the approval limit of {1}: a manager must "
                                               "approve or reject it.").format(
                format_yuan(comp.amount), format_yuan(self.ctx.policy.approval_threshold)))
        manager = self._is_manager()
        self.approval_role_note.setVisible(not manager)
        tip = "" if manager else self.tr("Only a manager can approve compensation")
        for widget in (self.approval_comment, self.approve_button, self.reject_button):
            widget.setToolTip(tip)

        payable = (d is not None and d.is_open and comp is not None and comp.paid_at is None
                   and comp.approval_state in ("approved", "not_needed"))
        self.payment_box.setVisible(payable)
        if payable and comp is not None:
            self.pay_amount.setText(self.tr("Amount to pay: {0}").format(format_yuan(comp.amount)))
            self.pay_date.setMaximumDate(qdate(self._today()))

        startable = (d is not None and res is not None and d.status is CaseStatus.RESOLUTION_CHOSEN
                     and res.state in (ResolutionState.CHOSEN, ResolutionState.APPROVED))
        self.start_widget.setVisible(startable)

        signable = (d is not None and d.is_open and res is not None and res.type is R.TRANSFER
                    and res.state in (ResolutionState.CHOSEN, ResolutionState.APPROVED,
                                      ResolutionState.IN_PROGRESS))
        self.signed_widget.setVisible(signable)
        if signable and res is not None:
            today = self._today()
            self.res_signed_date.setMaximumDate(qdate(today))
            signed = res.details.get("signed_at")
            self.res_signed_button.setText(self.tr("Change signed date") if signed
                                           else self.tr("Record signed date"))

        note = ""
        if d is None:
            note = self.tr("No case is open.")
        elif not d.is_open:
            note = self.tr("The case is closed: reopen it to choose another resolution.")
        elif d.status is CaseStatus.AWAITING_APPROVAL:
            note = self.tr("A compensation waits for a manager's decision: it must be approved or "
                           "rejected before another resolution is chosen.")
        elif comp is not None and comp.paid_at is not None:
            note = self.tr("Compensation has been paid: the resolution can no longer be replaced.")
        elif res is not None:
            note = self.tr("Choosing again replaces the current resolution.")
        self._can_choose = (d is not None and d.is_open and d.status is not CaseStatus.AWAITING_APPROVAL
                            and not (comp is not None and comp.paid_at is not None))
        form_shown = self._can_choose and (res is None or self._choose_expanded)
        self.choose_form.setVisible(form_shown)
        self.res_change_button.setVisible(self._can_choose and not form_shown)
        self.res_cancel_change.setVisible(form_shown and res is not None)
        if self._can_choose and res is not None and not form_shown:
            note = ""
        self.choose_note.setText(note)
        self.choose_note.setVisible(bool(note))
        self._update_enabled()

    def _update_enabled(self) -> None:
        # A courier registers, photographs and calls; deciding and doing the resolution is a clerk's.
        works = self.ctx.operator.can(Permission.WORK_CASES)
        idle = not self._busy and works
        can_choose = self._can_choose and works
        self.res_type.setEnabled(can_choose)
        self.res_stack.setEnabled(can_choose)
        self.res_choose.setEnabled(can_choose and idle and self._current_type() is not None)
        manager = self._is_manager()
        self.approval_comment.setEnabled(manager)
        self.approve_button.setEnabled(manager and idle)
        self.reject_button.setEnabled(manager and idle)
        self.pay_button.setEnabled(idle)
        self.res_start.setEnabled(idle)
        self.res_signed_button.setEnabled(idle)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_enabled()

    # ============================================================ form resets
    def _reset_choose_form(self) -> None:
        today = self._today()
        self.res_attempt_date.setMinimumDate(qdate(today))
        self.res_attempt_date.setDate(qdate(today + timedelta(days=1)))
        for edit in (self.res_new_address, self.res_new_phone, self.res_new_tracking,
                     self.res_return_reason, self.res_return_tracking, self.res_transfer_tracking,
                     self.res_outlet, self.res_pickup_code, self.res_new_cod, self.res_new_freight,
                     self.res_confirmation_ref, self.comp_actual_loss, self.comp_full_value,
                     self.comp_surcharges, self.comp_amount, self.comp_adjust_reason):
            edit.clear()
        self.res_carrier.setEditText("")
        self.res_freight_payer.setCurrentIndex(0)
        self.comp_exemption.blockSignals(True)
        self.comp_exemption.setCurrentIndex(max(self.comp_exemption.findData(Exemption.NONE.value), 0))
        self.comp_exemption.blockSignals(False)
        self.comp_gross_negligence.blockSignals(True)
        self.comp_gross_negligence.setChecked(False)
        self.comp_gross_negligence.blockSignals(False)
        loss = (self._kind.info.default_loss if self._kind is not None else None) or LossExtent.PARTIAL
        self.comp_loss.blockSignals(True)
        self.comp_loss.setCurrentIndex(max(self.comp_loss.findData(loss.value), 0))
        self.comp_loss.blockSignals(False)
        self._prefilled = None
        self._suggestion = None
        self._suggestion_problem = None
        if self.res_type.count():
            self.res_type.setCurrentIndex(0)
        self._on_type_changed()
        for scope in [s for s in self._errors if s.startswith("choose")]:
            self._clear_errors(scope)

    def _show_case_facts(self) -> None:
        """Context for the claim and placeholders that show what stays if left empty."""
        d = self._detail
        if d is None:
            self.comp_parcel_facts.setText("")
            return
        p = d.parcel
        insured = (self.tr("insured {0}").format(format_yuan(p.insured_value)) if p.insured_value
                   else self.tr("not insured"))
        self.comp_parcel_facts.setText(self.tr("Declared value {0} · {1} · freight {2}").format(
            format_money(p.declared_value), insured, format_money(p.freight)))
        self.comp_full_value.setPlaceholderText(
            self.tr("Whole shipment; empty = declared value {0}").format(format_money(p.declared_value)))
        self.res_new_phone.setPlaceholderText(
            self.tr("Leave empty to keep {0}").format(p.recipient_phone) if p.recipient_phone
            else self.tr("Mobile or landline with area code"))

    def _reset_approval(self) -> None:
        self.approval_comment.clear()

    def _reset_payment(self) -> None:
        today = self._today()
        self.pay_method.setCurrentIndex(0)
        self.pay_reference.clear()
        self.pay_payee.clear()
        self.pay_date.setMaximumDate(qdate(today))
        self.pay_date.setDate(qdate(today))

    def _reset_start(self) -> None:
        self.res_start_note.clear()
        today = self._today()
        self.res_signed_date.setMaximumDate(qdate(today))
        self.res_signed_date.setDate(qdate(today))

    # ============================================================ suggestion
    def _on_type_changed(self, *_args: Any) -> None:
        rtype = self._current_type()
        page = self._pages.get(rtype) if rtype is not None else None
        self.res_stack.setVisible(page is not None)
        if page is None:
            return
        # A stacked widget is as tall as its tallest page; ignore the hidden ones.
        for other in self._pages.values():
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.res_stack.setCurrentWidget(page)
        self.res_stack.adjustSize()
        self._clear_errors("choose")
        if rtype is R.COMPENSATE:
            self._update_suggestion()
        self._update_enabled()

    def _expand_choose(self) -> None:
        self._choose_expanded = True
        self._refresh()
        self.res_type.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(self.res_type)

    def _collapse_choose(self) -> None:
        self._choose_expanded = False
        self._reset_choose_form()
        self._refresh()

    def _after_choose(self) -> None:
        self._choose_expanded = False
        self._reset_choose_form()

    def _generate_code(self) -> None:
        self.res_pickup_code.setText(f"{secrets.randbelow(1_000_000):06d}")
        self._clear_error(f"choose:{R.SELF_PICKUP.value}", "pickup_code")

    # ================================================================ actions
    def _run(self, work: Callable[[], CaseDetail], scopes: list[str],
             on_success: Callable[[], None] | None = None) -> None:
        """Run a change in a task; inline or presented errors; refresh and announce on success."""
        self._set_busy(True)

        def done(detail: CaseDetail) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self._detail = detail
            if on_success is not None:
                on_success()
            self.set_case(detail)
            self.sig_case_updated.emit(detail)

        def failed(exc: BaseException) -> bool:
            if not shiboken6.isValid(self):
                return False
            self._set_busy(False)
            if isinstance(exc, ValidationError) and self._show_field_error(exc, scopes):
                return True
            if isinstance(exc, StaleEditError):
                ErrorPresenter.instance().show_error(exc, self)
                self._reload()
                return True
            return False

        run_task(self, work, done, failed)

    def _reload(self) -> None:
        """After a stale edit: show the case as it is now and let the workspace reload."""
        if self._detail is None:
            return
        case_id = self._detail.id
        cases = self.ctx.services.cases

        def loaded(detail: CaseDetail) -> None:
            if not shiboken6.isValid(self):
                return
            self.set_case(detail)
            self.sig_case_updated.emit(detail)

        run_task(self, lambda: cases.detail(case_id), loaded)

    def _details_for(self, rtype: ResolutionType) -> dict[str, Any]:
        if rtype is R.REDELIVER:
            return {"attempt_date": pydate(self.res_attempt_date.date()).isoformat(),
                    "new_address": self.res_new_address.text(), "new_phone": self.res_new_phone.text()}
        if rtype is R.RESEND:
            return {"new_tracking_no": self.res_new_tracking.text()}
        if rtype is R.RETURN:
            return {"reason": self.res_return_reason.text(),
                    "return_tracking_no": self.res_return_tracking.text()}
        if rtype is R.TRANSFER:
            return {"carrier": self.res_carrier.currentText(),
                    "new_tracking_no": self.res_transfer_tracking.text()}
        if rtype is R.SELF_PICKUP:
            return {"outlet": self.res_outlet.text(), "pickup_code": self.res_pickup_code.text()}
        if rtype is R.CHANGE_TERMS:
            return {"new_cod_amount": self.res_new_cod.text(), "new_freight": self.res_new_freight.text(),
                    "freight_payer": combo_data(self.res_freight_payer) or None,
                    "confirmation_ref": self.res_confirmation_ref.text()}
        # Compensation: an empty amount means "the suggestion"; the reason only counts when changed.
        return {"amount": self.comp_amount.text().strip() or None,
                "adjust_reason": self.comp_adjust_reason.text() if self._amount_adjusted() else ""}

    def _choose(self) -> None:
        d = self._detail
        rtype = self._current_type()
        if d is None or rtype is None or self._busy:
            return
        scopes = [f"choose:{rtype.value}", "choose"]
        for scope in scopes:
            self._clear_errors(scope)
        claim: ClaimInput | None = None
        try:
            details = self._details_for(rtype)
            if rtype is R.COMPENSATE:
                claim = self._claim_input()
        except ValidationError as exc:
            if not self._show_field_error(exc, scopes):
                ErrorPresenter.instance().show_error(exc, self)
            return
        cases, case_id, version, by = self.ctx.services.cases, d.id, d.version, self.ctx.operator.id
        self._run(lambda: cases.choose_resolution(case_id=case_id, expected_version=version, type=rtype,
                                                  details=details, by=by, claim=claim),
                  scopes, on_success=self._after_choose)

    def _decide(self, *, approve: bool) -> None:
        d = self._detail
        if d is None or self._busy or not self._is_manager():
            return
        self._clear_errors("approval")
        comment = self.approval_comment.text()
        cases, case_id, version, by = self.ctx.services.cases, d.id, d.version, self.ctx.operator.id
        self._run(lambda: cases.decide_approval(case_id=case_id, approve=approve, comment=comment, by=by,
                                                expected_version=version),
                  ["approval"], on_success=self._reset_approval)

    def _record_payment(self) -> None:
        d = self._detail
        if d is None or self._busy:
            return
        self._clear_errors("payment")
        if not combo_data(self.pay_method):
            return
        method = PaymentMethod(combo_data(self.pay_method))
        reference, payee = self.pay_reference.text(), self.pay_payee.text()
        paid_on = pydate(self.pay_date.date())
        cases, case_id, version, by = self.ctx.services.cases, d.id, d.version, self.ctx.operator.id
        self._run(lambda: cases.record_payment(case_id=case_id, method=method, reference=reference,
                                               paid_on=paid_on, by=by, payee_account=payee,
                                               expected_version=version),
                  ["payment"], on_success=self._reset_payment)

    def _start(self) -> None:
        d = self._detail
        if d is None or self._busy:
            return
        note = self.res_start_note.text()
        cases, case_id, version, by = self.ctx.services.cases, d.id, d.version, self.ctx.operator.id
        self._run(lambda: cases.start_resolution(case_id=case_id, by=by, expected_version=version, note=note),
                  ["start"], on_success=lambda: self.res_start_note.clear())

    def _record_signed(self) -> None:
        d = self._detail
        if d is None or self._busy:
            return
        self._clear_errors("signed")
        signed_on = pydate(self.res_signed_date.date())
        cases, case_id, version, by = self.ctx.services.cases, d.id, d.version, self.ctx.operator.id
        self._run(lambda: cases.update_resolution(case_id=case_id, details={"signed_at": signed_on.isoformat()},
                                                  by=by, expected_version=version),
                  ["signed"])
