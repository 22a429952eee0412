"""How the Resolution tab is put together: the current resolution, approval, payment and the choose form.

:class:`ResolutionFormsMixin` builds the boxes and the form page of each resolution
type for :class:`~depot_app.ui.workspace.resolution_panel.ResolutionPanel`; the
panel's own methods (``_start``, ``_choose``, ``_update_suggestion`` ...) are wired
to the buttons and fields here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.identifiers import Carrier
from depot_app.domain.vocabulary import (
    ResolutionType,
)
from depot_app.ui.workspace.resolution_fields import (
    HINT_STYLE,
    ResolutionFieldsMixin,
    date_edit,
    growing_form,
    line_edit,
    plain_label,
)

R = ResolutionType

#: Carriers offered for a transfer (free text is allowed too).
TRANSFER_CARRIERS = (Carrier.EMS, Carrier.CHINA_POST, Carrier.SF, Carrier.JD, Carrier.ZTO,
                     Carrier.YTO, Carrier.STO, Carrier.YUNDA, Carrier.JT, Carrier.DEBANG)

#: Object names of the summary values, by row key.
SUMMARY_ROWS = (
    ("type", "resCurrentType"),
    ("state", "resCurrentState"),
    ("case_status", "resCaseStatus"),
    ("details", "resCurrentDetails"),
    ("chosen", "resCurrentChosen"),
    ("started", "resCurrentStarted"),
    ("comp_suggested", "compCurrentSuggested"),
    ("comp_amount", "compCurrentAmount"),
    ("comp_explanation", "compCurrentExplanation"),
    ("comp_adjust", "compCurrentAdjustReason"),
    ("comp_approval", "compCurrentApproval"),
    ("comp_payment", "compCurrentPayment"),
)


class CollapsingPage(QWidget):
    """A page of the resolution stack that takes no room while another page is shown.

    QStackedLayout asks every page for its height-for-width, hidden ones too,
    so one wrapped label would make every page as tall as the compensation
    form; a page whose size policy is Ignored (not the current one) answers 0.
    """

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        if self.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Ignored:
            return 0
        return super().heightForWidth(width)


class ResolutionFormsMixin(ResolutionFieldsMixin):
    """The widgets of the Resolution tab (built once; texts are set by ``retranslate``)."""

    # ---------------------------------------------------------- current state
    def _build_current(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        box.setObjectName("resCurrentBox")
        self.current_box = box
        layout = QVBoxLayout(box)
        self.res_none = plain_label(box, "resNone")
        layout.addWidget(self.res_none)
        self.current_form = growing_form()
        # Values run over several lines (the explanation, the payment): labels sit at their top.
        self.current_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.current_form)
        self._summary: dict[str, tuple[QLabel, QLabel]] = {}
        for key, object_name in SUMMARY_ROWS:
            label = QLabel(box)
            value = plain_label(box, object_name, selectable=True)
            value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.current_form.addRow(label, value)
            self._summary[key] = (label, value)
        font = self._summary["comp_amount"][1].font()
        font.setBold(True)
        self._summary["comp_amount"][1].setFont(font)

        # Mark in progress
        self.start_widget = QWidget(box)
        self.start_widget.setObjectName("resStartRow")
        start_row = QHBoxLayout(self.start_widget)
        start_row.setContentsMargins(0, 4, 0, 0)
        self.res_start_note = line_edit(self.start_widget, "resStartNote", 500)
        self.res_start = QPushButton(self.start_widget)
        self.res_start.setObjectName("resStart")
        self.res_start.clicked.connect(self._start)
        start_row.addWidget(self.res_start_note, 1)
        start_row.addWidget(self.res_start)
        layout.addWidget(self.start_widget)

        # Transfer: the other carrier's sign-for date, which arrives later
        self.signed_widget = QWidget(box)
        self.signed_widget.setObjectName("resSignedRow")
        signed_form = growing_form(self.signed_widget)
        signed_form.setContentsMargins(0, 4, 0, 0)
        self.res_signed_date = date_edit(self.signed_widget, "resSignedDate")
        self.res_signed_button = QPushButton(self.signed_widget)
        self.res_signed_button.setObjectName("resSignedButton")
        self.res_signed_button.clicked.connect(self._record_signed)
        self._row(signed_form, "signed_at", self.res_signed_date,
                  self._with_error("signed", "signed_at", self.res_signed_date, self.res_signed_button))
        layout.addWidget(self.signed_widget)
        return box

    # ---------------------------------------------------------------- approval
    def _build_approval(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        box.setObjectName("approvalBox")
        self.approval_box = box
        layout = QVBoxLayout(box)
        self.approval_info = plain_label(box, "approvalInfo")
        layout.addWidget(self.approval_info)
        self.approval_role_note = plain_label(box, "approvalRoleNote")
        self.approval_role_note.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.approval_role_note)
        form = growing_form()
        self.approval_comment = line_edit(box, "approvalComment", 500)
        self._row(form, "approval_comment", self.approval_comment,
                  self._with_error("approval", "comment", self.approval_comment))
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.reject_button = QPushButton(box)
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.clicked.connect(lambda: self._decide(approve=False))
        self.approve_button = QPushButton(box)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(lambda: self._decide(approve=True))
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        layout.addLayout(buttons)
        return box

    # ----------------------------------------------------------------- payment
    def _build_payment(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        box.setObjectName("paymentBox")
        self.payment_box = box
        layout = QVBoxLayout(box)
        self.pay_amount = plain_label(box, "payAmount")
        layout.addWidget(self.pay_amount)
        form = growing_form()
        self.pay_method = QComboBox(box)
        self.pay_method.setObjectName("payMethod")
        self.pay_method.currentIndexChanged.connect(self._update_payment_hint)
        self._row(form, "pay_method", self.pay_method)
        self.pay_reference = line_edit(box, "payReference", 120)
        self._row(form, "pay_reference", self.pay_reference,
                  self._with_error("payment", "reference", self.pay_reference))
        self.pay_payee = line_edit(box, "payPayee", 120)
        self._row(form, "pay_payee", self.pay_payee)
        self.pay_date = date_edit(box, "payDate")
        self._row(form, "pay_date", self.pay_date, self._with_error("payment", "paid_on", self.pay_date))
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.pay_button = QPushButton(box)
        self.pay_button.setObjectName("payButton")
        self.pay_button.clicked.connect(self._record_payment)
        buttons.addWidget(self.pay_button)
        layout.addLayout(buttons)
        return box

    # ------------------------------------------------------------------ choose
    def _build_choose(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        box.setObjectName("resChooseBox")
        self.choose_box = box
        outer = QVBoxLayout(box)
        self.choose_note = plain_label(box, "resChooseNote")
        self.choose_note.setStyleSheet(HINT_STYLE)
        outer.addWidget(self.choose_note)
        change_row = QHBoxLayout()
        change_row.addStretch(1)
        self.res_change_button = QPushButton(box)
        self.res_change_button.setObjectName("resChangeButton")
        self.res_change_button.clicked.connect(self._expand_choose)
        change_row.addWidget(self.res_change_button)
        outer.addLayout(change_row)

        # The form itself: shown when nothing is chosen yet, or on request.
        holder = QWidget(box)
        holder.setObjectName("resChooseForm")
        self.choose_form = holder
        outer.addWidget(holder)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        form = growing_form()
        self.res_type = QComboBox(holder)
        self.res_type.setObjectName("resType")
        self.res_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._row(form, "type", self.res_type, self._with_error("choose", "type", self.res_type))
        layout.addLayout(form)

        self.res_stack = QStackedWidget(holder)
        self.res_stack.setObjectName("resStack")
        for rtype, build in ((R.REDELIVER, self._page_redeliver), (R.RESEND, self._page_resend),
                             (R.RETURN, self._page_return), (R.TRANSFER, self._page_transfer),
                             (R.SELF_PICKUP, self._page_pickup), (R.CHANGE_TERMS, self._page_terms),
                             (R.COMPENSATE, self._page_compensate)):
            page = CollapsingPage(self.res_stack)
            page.setObjectName(f"resPage_{rtype.value}")
            page_form = growing_form(page)
            page_form.setContentsMargins(0, 0, 0, 0)
            build(page, page_form, f"choose:{rtype.value}")
            self.res_stack.addWidget(page)
            self._pages[rtype] = page
        layout.addWidget(self.res_stack)
        self.res_type.currentIndexChanged.connect(self._on_type_changed)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.res_cancel_change = QPushButton(holder)
        self.res_cancel_change.setObjectName("resCancelChange")
        self.res_cancel_change.clicked.connect(self._collapse_choose)
        buttons.addWidget(self.res_cancel_change)
        self.res_choose = QPushButton(holder)
        self.res_choose.setObjectName("resChoose")
        self.res_choose.clicked.connect(self._choose)
        buttons.addWidget(self.res_choose)
        layout.addLayout(buttons)
        return box

    def _page_redeliver(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_attempt_date = date_edit(page, "resAttemptDate")
        self._row(form, "attempt_date", self.res_attempt_date,
                  self._with_error(scope, "attempt_date", self.res_attempt_date))
        self.res_new_address = line_edit(page, "resNewAddress", 300)
        self._row(form, "new_address", self.res_new_address,
                  self._with_error(scope, "new_address", self.res_new_address))
        self.res_new_phone = line_edit(page, "resNewPhone", 40)
        self._row(form, "new_phone", self.res_new_phone,
                  self._with_error(scope, "new_phone", self.res_new_phone))

    def _page_resend(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_new_tracking = line_edit(page, "resNewTracking", 40)
        self._row(form, "new_tracking", self.res_new_tracking,
                  self._with_error(scope, "new_tracking_no", self.res_new_tracking))

    def _page_return(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_return_reason = line_edit(page, "resReturnReason", 300)
        self._row(form, "return_reason", self.res_return_reason,
                  self._with_error(scope, "reason", self.res_return_reason))
        self.res_return_tracking = line_edit(page, "resReturnTracking", 40)
        self._row(form, "return_tracking", self.res_return_tracking,
                  self._with_error(scope, "return_tracking_no", self.res_return_tracking))

    def _page_transfer(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_carrier = QComboBox(page)
        self.res_carrier.setObjectName("resCarrier")
        self.res_carrier.setEditable(True)
        self.res_carrier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._row(form, "carrier", self.res_carrier, self._with_error(scope, "carrier", self.res_carrier))
        self.res_transfer_tracking = line_edit(page, "resTransferTracking", 40)
        self._row(form, "transfer_tracking", self.res_transfer_tracking,
                  self._with_error(scope, "new_tracking_no", self.res_transfer_tracking))
        self.transfer_hint = plain_label(page, "resTransferHint")
        self.transfer_hint.setStyleSheet(HINT_STYLE)
        form.addRow(self.transfer_hint)

    def _page_pickup(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_outlet = line_edit(page, "resOutlet", 120)
        self._row(form, "outlet", self.res_outlet, self._with_error(scope, "outlet", self.res_outlet))
        self.res_pickup_code = line_edit(page, "resPickupCode", 20)
        self.res_generate_code = QPushButton(page)
        self.res_generate_code.setObjectName("resGenerateCode")
        self.res_generate_code.clicked.connect(self._generate_code)
        self._row(form, "pickup_code", self.res_pickup_code,
                  self._with_error(scope, "pickup_code", self.res_pickup_code, self.res_generate_code))

    def _page_terms(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_new_cod = line_edit(page, "resNewCod", 20)
        self._row(form, "new_cod", self.res_new_cod, self._with_error(scope, "new_cod_amount", self.res_new_cod))
        self.res_new_freight = line_edit(page, "resNewFreight", 20)
        self._row(form, "new_freight", self.res_new_freight,
                  self._with_error(scope, "new_freight", self.res_new_freight))
        self.res_freight_payer = QComboBox(page)
        self.res_freight_payer.setObjectName("resFreightPayer")
        self._row(form, "freight_payer", self.res_freight_payer,
                  self._with_error(scope, "freight_payer", self.res_freight_payer))
        self.res_confirmation_ref = line_edit(page, "resConfirmationRef", 120)
        self._row(form, "confirmation_ref", self.res_confirmation_ref,
                  self._with_error(scope, "confirmation_ref", self.res_confirmation_ref))

    def _page_compensate(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.comp_parcel_facts = plain_label(page, "compParcelFacts")
        self.comp_parcel_facts.setStyleSheet(HINT_STYLE)
        form.addRow(self.comp_parcel_facts)
        self.comp_loss = QComboBox(page)
        self.comp_loss.setObjectName("compLoss")
        self._row(form, "loss", self.comp_loss, self._with_error(scope, "loss", self.comp_loss))
        self.comp_actual_loss = line_edit(page, "compActualLoss", 20)
        self._row(form, "actual_loss", self.comp_actual_loss,
                  self._with_error(scope, "actual_loss", self.comp_actual_loss))
        self.comp_full_value = line_edit(page, "compFullValue", 20)
        self._row(form, "full_value", self.comp_full_value,
                  self._with_error(scope, "full_value", self.comp_full_value))
        self.comp_surcharges = line_edit(page, "compSurcharges", 20)
        self._row(form, "surcharges", self.comp_surcharges,
                  self._with_error(scope, "surcharges", self.comp_surcharges))
        self.comp_exemption = QComboBox(page)
        self.comp_exemption.setObjectName("compExemption")
        self._row(form, "exemption", self.comp_exemption,
                  self._with_error(scope, "exemption", self.comp_exemption))
        self.comp_gross_negligence = QCheckBox(page)
        self.comp_gross_negligence.setObjectName("compGrossNegligence")
        form.addRow("", self.comp_gross_negligence)

        suggestion = QFrame(page)
        suggestion.setObjectName("compSuggestionFrame")
        suggestion.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(suggestion)
        self.comp_suggested = plain_label(suggestion, "compSuggested")
        big = self.comp_suggested.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.comp_suggested.setFont(big)
        self.comp_explanation = plain_label(suggestion, "compExplanation", selectable=True)
        inner.addWidget(self.comp_suggested)
        inner.addWidget(self.comp_explanation)
        form.addRow(suggestion)

        self.comp_amount = line_edit(page, "compAmount", 20)
        self._row(form, "amount", self.comp_amount, self._with_error(scope, "amount", self.comp_amount))
        self.comp_adjust_reason = line_edit(page, "compAdjustReason", 300)
        self._row(form, "adjust_reason", self.comp_adjust_reason,
                  self._with_error(scope, "adjust_reason", self.comp_adjust_reason))
        self.comp_approval_note = plain_label(page, "compApprovalNote")
        self.comp_approval_note.setStyleSheet("color: #a15c00;")
        form.addRow(self.comp_approval_note)

        for edit in (self.comp_actual_loss, self.comp_full_value, self.comp_surcharges):
            edit.textEdited.connect(self._update_suggestion)
        self.comp_loss.currentIndexChanged.connect(self._update_suggestion)
        self.comp_exemption.currentIndexChanged.connect(self._update_suggestion)
        self.comp_gross_negligence.toggled.connect(self._update_suggestion)
        self.comp_amount.textEdited.connect(self._update_amount_state)
