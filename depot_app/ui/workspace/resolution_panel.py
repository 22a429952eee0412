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
from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.compensation import Suggestion
from depot_app.domain.errors import (
    DepotError,
    MoneyError,
    StaleEditError,
    ValidationError,
)
from depot_app.domain.identifiers import Carrier, mask_phone
from depot_app.domain.kinds import ProblemKind, resolutions_for
from depot_app.domain.money import format_yuan, to_money
from depot_app.domain.permissions import Permission
from depot_app.domain.views import CaseDetail, CompensationView, ResolutionView
from depot_app.domain.vocabulary import (
    CaseStatus,
    Exemption,
    LossExtent,
    PaymentMethod,
    ResolutionState,
    ResolutionType,
)
from depot_app.services.cases import ClaimInput, suggest_for_detail
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.formatting import format_local, format_money, local
from depot_app.ui.common.i18n import LanguageManager, current_language

log = logging.getLogger(__name__)

R = ResolutionType

#: Carriers offered for a transfer (free text is allowed too).
TRANSFER_CARRIERS = (Carrier.EMS, Carrier.CHINA_POST, Carrier.SF, Carrier.JD, Carrier.ZTO,
                     Carrier.YTO, Carrier.STO, Carrier.YUNDA, Carrier.JT, Carrier.DEBANG)

#: Below this width (pixels) the two columns are stacked.
NARROW_WIDTH = 980

#: Object names of the summary values, by row key.
_SUMMARY_ROWS = (
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

_ERROR_STYLE = "color: #b3261e;"
_HINT_STYLE = "color: #5f6368;"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _plain_label(parent: QWidget, object_name: str | None = None, *, selectable: bool = False) -> QLabel:
    """A word-wrapped label that never interprets its text as HTML (it shows what people typed)."""
    label = QLabel(parent)
    if object_name:
        label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _data(combo: QComboBox) -> str:
    """The selected item's data, ``""`` when nothing is selected.

    Items carry plain strings (enum values): Qt hands a StrEnum back as a
    plain ``str`` anyway, and asking it for an empty variant is avoided
    because PySide converts that to ``None`` without owning a reference.
    """
    index = combo.currentIndex()
    if index < 0:
        return ""
    value = combo.itemData(index)
    return value if isinstance(value, str) else ""


def _form(parent: QWidget | None = None) -> QFormLayout:
    """A form whose fields take the width they are given, in every style."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _bullets(lines: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"• {line}" for line in lines if line)


def _explanation_lines(stored: str, language: str) -> list[str]:
    """The stored explanation ("zh line\\nen line") as separate steps in ``language``."""
    parts = stored.split("\n")
    zh_text = parts[0] if parts else ""
    en_text = parts[1] if len(parts) > 1 else zh_text
    if language.startswith("zh"):
        return [p for p in zh_text.split("；") if p]
    return [p for p in en_text.split("; ") if p]


class _Page(QWidget):
    """A page of the resolution stack that takes no room while another page is shown.

    QStackedLayout asks every page for its height-for-width, hidden ones too,
    so one wrapped label would make every page as tall as the compensation
    form; a page whose size policy is Ignored (not the current one) answers 0.
    """

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        if self.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Ignored:
            return 0
        return super().heightForWidth(width)


class ResolutionPanel(QWidget):
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

    def _row(self, form: QFormLayout, key: str, field: QWidget, shown: QWidget | None = None) -> None:
        """Add a form row whose label is set in :meth:`retranslate` (and names ``field``)."""
        # The form adopts the label; not form.parentWidget(), which is null for a
        # form not installed yet, and PySide 6.12 loses a reference to None on
        # every null it returns (enough of them abort the interpreter).
        label = QLabel(self)
        label.setBuddy(field)
        form.addRow(label, shown if shown is not None else field)
        self._rows[key] = (label, field)

    def _with_error(self, scope: str, field_name: str, widget: QWidget, *extras: QWidget) -> QWidget:
        """``widget`` (and ``extras`` beside it) with an inline error line beneath."""
        box = QWidget(widget.parentWidget())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        # A date needs no more room than its text; everything else takes the row.
        stretch = 0 if isinstance(widget, QDateEdit) else 1
        line.addWidget(widget, stretch)
        for extra in extras:
            line.addWidget(extra)
        if not stretch:
            line.addStretch(1)
        layout.addLayout(line)
        error = _plain_label(box, f"{widget.objectName()}Error")
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        layout.addWidget(error)
        self._errors.setdefault(scope, {})[field_name] = (widget, error)

        def clear(*_args: Any) -> None:
            self._clear_error(scope, field_name)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(clear)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(clear)
            if widget.isEditable():
                widget.editTextChanged.connect(clear)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(clear)
        return box

    @staticmethod
    def _date_edit(parent: QWidget, object_name: str) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setObjectName(object_name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    @staticmethod
    def _line(parent: QWidget, object_name: str, max_length: int = 200) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(object_name)
        edit.setMaxLength(max_length)
        return edit

    # ---------------------------------------------------------- current state
    def _build_current(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        box.setObjectName("resCurrentBox")
        self.current_box = box
        layout = QVBoxLayout(box)
        self.res_none = _plain_label(box, "resNone")
        layout.addWidget(self.res_none)
        self.current_form = _form()
        # Values run over several lines (the explanation, the payment): labels sit at their top.
        self.current_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.current_form)
        self._summary: dict[str, tuple[QLabel, QLabel]] = {}
        for key, object_name in _SUMMARY_ROWS:
            label = QLabel(box)
            value = _plain_label(box, object_name, selectable=True)
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
        self.res_start_note = self._line(self.start_widget, "resStartNote", 500)
        self.res_start = QPushButton(self.start_widget)
        self.res_start.setObjectName("resStart")
        self.res_start.clicked.connect(self._start)
        start_row.addWidget(self.res_start_note, 1)
        start_row.addWidget(self.res_start)
        layout.addWidget(self.start_widget)

        # Transfer: the other carrier's sign-for date, which arrives later
        self.signed_widget = QWidget(box)
        self.signed_widget.setObjectName("resSignedRow")
        signed_form = _form(self.signed_widget)
        signed_form.setContentsMargins(0, 4, 0, 0)
        self.res_signed_date = self._date_edit(self.signed_widget, "resSignedDate")
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
        self.approval_info = _plain_label(box, "approvalInfo")
        layout.addWidget(self.approval_info)
        self.approval_role_note = _plain_label(box, "approvalRoleNote")
        self.approval_role_note.setStyleSheet(_HINT_STYLE)
        layout.addWidget(self.approval_role_note)
        form = _form()
        self.approval_comment = self._line(box, "approvalComment", 500)
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
        self.pay_amount = _plain_label(box, "payAmount")
        layout.addWidget(self.pay_amount)
        form = _form()
        self.pay_method = QComboBox(box)
        self.pay_method.setObjectName("payMethod")
        self.pay_method.currentIndexChanged.connect(self._update_payment_hint)
        self._row(form, "pay_method", self.pay_method)
        self.pay_reference = self._line(box, "payReference", 120)
        self._row(form, "pay_reference", self.pay_reference,
                  self._with_error("payment", "reference", self.pay_reference))
        self.pay_payee = self._line(box, "payPayee", 120)
        self._row(form, "pay_payee", self.pay_payee)
        self.pay_date = self._date_edit(box, "payDate")
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
        self.choose_note = _plain_label(box, "resChooseNote")
        self.choose_note.setStyleSheet(_HINT_STYLE)
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
        form = _form()
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
            page = _Page(self.res_stack)
            page.setObjectName(f"resPage_{rtype.value}")
            page_form = _form(page)
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
        self.res_attempt_date = self._date_edit(page, "resAttemptDate")
        self._row(form, "attempt_date", self.res_attempt_date,
                  self._with_error(scope, "attempt_date", self.res_attempt_date))
        self.res_new_address = self._line(page, "resNewAddress", 300)
        self._row(form, "new_address", self.res_new_address,
                  self._with_error(scope, "new_address", self.res_new_address))
        self.res_new_phone = self._line(page, "resNewPhone", 40)
        self._row(form, "new_phone", self.res_new_phone,
                  self._with_error(scope, "new_phone", self.res_new_phone))

    def _page_resend(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_new_tracking = self._line(page, "resNewTracking", 40)
        self._row(form, "new_tracking", self.res_new_tracking,
                  self._with_error(scope, "new_tracking_no", self.res_new_tracking))

    def _page_return(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_return_reason = self._line(page, "resReturnReason", 300)
        self._row(form, "return_reason", self.res_return_reason,
                  self._with_error(scope, "reason", self.res_return_reason))
        self.res_return_tracking = self._line(page, "resReturnTracking", 40)
        self._row(form, "return_tracking", self.res_return_tracking,
                  self._with_error(scope, "return_tracking_no", self.res_return_tracking))

    def _page_transfer(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_carrier = QComboBox(page)
        self.res_carrier.setObjectName("resCarrier")
        self.res_carrier.setEditable(True)
        self.res_carrier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._row(form, "carrier", self.res_carrier, self._with_error(scope, "carrier", self.res_carrier))
        self.res_transfer_tracking = self._line(page, "resTransferTracking", 40)
        self._row(form, "transfer_tracking", self.res_transfer_tracking,
                  self._with_error(scope, "new_tracking_no", self.res_transfer_tracking))
        self.transfer_hint = _plain_label(page, "resTransferHint")
        self.transfer_hint.setStyleSheet(_HINT_STYLE)
        form.addRow(self.transfer_hint)

    def _page_pickup(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_outlet = self._line(page, "resOutlet", 120)
        self._row(form, "outlet", self.res_outlet, self._with_error(scope, "outlet", self.res_outlet))
        self.res_pickup_code = self._line(page, "resPickupCode", 20)
        self.res_generate_code = QPushButton(page)
        self.res_generate_code.setObjectName("resGenerateCode")
        self.res_generate_code.clicked.connect(self._generate_code)
        self._row(form, "pickup_code", self.res_pickup_code,
                  self._with_error(scope, "pickup_code", self.res_pickup_code, self.res_generate_code))

    def _page_terms(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.res_new_cod = self._line(page, "resNewCod", 20)
        self._row(form, "new_cod", self.res_new_cod, self._with_error(scope, "new_cod_amount", self.res_new_cod))
        self.res_new_freight = self._line(page, "resNewFreight", 20)
        self._row(form, "new_freight", self.res_new_freight,
                  self._with_error(scope, "new_freight", self.res_new_freight))
        self.res_freight_payer = QComboBox(page)
        self.res_freight_payer.setObjectName("resFreightPayer")
        self._row(form, "freight_payer", self.res_freight_payer,
                  self._with_error(scope, "freight_payer", self.res_freight_payer))
        self.res_confirmation_ref = self._line(page, "resConfirmationRef", 120)
        self._row(form, "confirmation_ref", self.res_confirmation_ref,
                  self._with_error(scope, "confirmation_ref", self.res_confirmation_ref))

    def _page_compensate(self, page: QWidget, form: QFormLayout, scope: str) -> None:
        self.comp_parcel_facts = _plain_label(page, "compParcelFacts")
        self.comp_parcel_facts.setStyleSheet(_HINT_STYLE)
        form.addRow(self.comp_parcel_facts)
        self.comp_loss = QComboBox(page)
        self.comp_loss.setObjectName("compLoss")
        self._row(form, "loss", self.comp_loss, self._with_error(scope, "loss", self.comp_loss))
        self.comp_actual_loss = self._line(page, "compActualLoss", 20)
        self._row(form, "actual_loss", self.comp_actual_loss,
                  self._with_error(scope, "actual_loss", self.comp_actual_loss))
        self.comp_full_value = self._line(page, "compFullValue", 20)
        self._row(form, "full_value", self.comp_full_value,
                  self._with_error(scope, "full_value", self.comp_full_value))
        self.comp_surcharges = self._line(page, "compSurcharges", 20)
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
        self.comp_suggested = _plain_label(suggestion, "compSuggested")
        big = self.comp_suggested.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.comp_suggested.setFont(big)
        self.comp_explanation = _plain_label(suggestion, "compExplanation", selectable=True)
        inner.addWidget(self.comp_suggested)
        inner.addWidget(self.comp_explanation)
        form.addRow(suggestion)

        self.comp_amount = self._line(page, "compAmount", 20)
        self._row(form, "amount", self.comp_amount, self._with_error(scope, "amount", self.comp_amount))
        self.comp_adjust_reason = self._line(page, "compAdjustReason", 300)
        self._row(form, "adjust_reason", self.comp_adjust_reason,
                  self._with_error(scope, "adjust_reason", self.comp_adjust_reason))
        self.comp_approval_note = _plain_label(page, "compApprovalNote")
        self.comp_approval_note.setStyleSheet("color: #a15c00;")
        form.addRow(self.comp_approval_note)

        for edit in (self.comp_actual_loss, self.comp_full_value, self.comp_surcharges):
            edit.textEdited.connect(self._update_suggestion)
        self.comp_loss.currentIndexChanged.connect(self._update_suggestion)
        self.comp_exemption.currentIndexChanged.connect(self._update_suggestion)
        self.comp_gross_negligence.toggled.connect(self._update_suggestion)
        self.comp_amount.textEdited.connect(self._update_amount_state)

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

    def retranslate(self) -> None:
        """Set every visible text in the interface language."""
        lang = current_language()
        self.current_box.setTitle(self.tr("Current resolution"))
        self.approval_box.setTitle(self.tr("Manager approval"))
        self.payment_box.setTitle(self.tr("Payment"))
        self.choose_box.setTitle(self.tr("Choose a resolution"))
        summary = {
            "type": self.tr("Resolution:"),
            "state": self.tr("State:"),
            "case_status": self.tr("Case status:"),
            "details": self.tr("Details:"),
            "chosen": self.tr("Chosen by:"),
            "started": self.tr("Started:"),
            "comp_suggested": self.tr("Suggested amount:"),
            "comp_amount": self.tr("Amount:"),
            "comp_explanation": self.tr("How it was worked out:"),
            "comp_adjust": self.tr("Reason for the change:"),
            "comp_approval": self.tr("Approval:"),
            "comp_payment": self.tr("Payment:"),
        }
        for key, (label, value) in self._summary.items():
            label.setText(summary[key])
            value.setAccessibleName(summary[key].rstrip(":："))
        rows = {
            "signed_at": self.tr("Signed for on:"),
            "approval_comment": self.tr("Comment:"),
            "pay_method": self.tr("Paid by:"),
            "pay_reference": self.tr("Transfer reference:"),
            "pay_payee": self.tr("Payee account:"),
            "pay_date": self.tr("Paid on:"),
            "type": self.tr("Resolution:"),
            "attempt_date": self.tr("Delivery attempt on:"),
            "new_address": self.tr("New address:"),
            "new_phone": self.tr("New phone:"),
            "new_tracking": self.tr("New tracking no.:"),
            "return_reason": self.tr("Reason for return:"),
            "return_tracking": self.tr("Return tracking no.:"),
            "carrier": self.tr("Other carrier:"),
            "transfer_tracking": self.tr("Their tracking no.:"),
            "outlet": self.tr("Pickup outlet:"),
            "pickup_code": self.tr("Pickup code:"),
            "new_cod": self.tr("New COD amount:"),
            "new_freight": self.tr("New freight:"),
            "freight_payer": self.tr("Freight paid by:"),
            "confirmation_ref": self.tr("Written confirmation ref.:"),
            "loss": self.tr("Loss:"),
            "actual_loss": self.tr("Actual loss:"),
            "full_value": self.tr("Full value:"),
            "surcharges": self.tr("Surcharges:"),
            "exemption": self.tr("Exemption:"),
            "amount": self.tr("Amount to pay:"),
            "adjust_reason": self.tr("Reason for the change:"),
        }
        for key, (label, field) in self._rows.items():
            label.setText(rows[key])
            field.setAccessibleName(rows[key].rstrip(":："))

        # current-state actions
        self.res_start.setText(self.tr("Mark in progress"))
        self.res_start.setAccessibleName(self.tr("Mark the resolution in progress"))
        self.res_start.setToolTip(self.tr("Work on the resolution has begun, e.g. the parcel is out for redelivery"))
        self.res_start_note.setPlaceholderText(self.tr("Note (optional), e.g. out with courier Wang"))
        self.res_start_note.setAccessibleName(self.tr("Note for marking in progress"))
        self.res_signed_button.setText(self.tr("Record signed date"))
        self.res_signed_button.setAccessibleName(self.tr("Record the date the other carrier's parcel was signed for"))

        # approval
        self.approval_comment.setPlaceholderText(self.tr("Required when rejecting"))
        self.approve_button.setText(self.tr("Approve"))
        self.approve_button.setAccessibleName(self.tr("Approve the compensation"))
        self.reject_button.setText(self.tr("Reject"))
        self.reject_button.setAccessibleName(self.tr("Reject the compensation"))
        self.approval_role_note.setText(self.tr("Only a manager can approve compensation"))

        # payment
        self._fill_combo(self.pay_method, [(m.label(lang), m.value) for m in PaymentMethod])
        self.pay_payee.setPlaceholderText(self.tr("Bank card, Alipay or WeChat account (optional)"))
        self.pay_button.setText(self.tr("Record payment"))
        self.pay_button.setAccessibleName(self.tr("Record the compensation payment"))
        self._update_payment_hint()

        # choose
        self.res_change_button.setText(self.tr("Choose a different resolution…"))
        self.res_change_button.setAccessibleName(self.tr("Replace the current resolution"))
        self.res_cancel_change.setText(self.tr("Cancel"))
        self.res_cancel_change.setAccessibleName(self.tr("Keep the current resolution"))
        self.res_choose.setText(self.tr("Choose"))
        self.res_choose.setAccessibleName(self.tr("Choose this resolution"))
        self.res_new_address.setPlaceholderText(self.tr("Leave empty to keep the waybill address"))
        self.res_new_tracking.setPlaceholderText(self.tr("Tracking number of the new shipment"))
        self.res_return_reason.setPlaceholderText(self.tr("e.g. refused by the recipient, sender wants it back"))
        self.res_return_tracking.setPlaceholderText(self.tr("Optional"))
        self.res_transfer_tracking.setPlaceholderText(self.tr("The other carrier's tracking number"))
        self.transfer_hint.setText(self.tr("Follow the parcel until it is signed for, then record the signed date."))
        carrier_text = self.res_carrier.currentText()
        self.res_carrier.blockSignals(True)
        self.res_carrier.clear()
        self.res_carrier.addItems([c.label(lang) for c in TRANSFER_CARRIERS])
        self.res_carrier.setEditText(carrier_text)
        self.res_carrier.blockSignals(False)
        carrier_edit = self.res_carrier.lineEdit()  # editable: never null
        if carrier_edit is not None:
            carrier_edit.setPlaceholderText(self.tr("Pick or type the carrier"))
        self.res_outlet.setPlaceholderText(self.tr("Outlet or parcel locker where the recipient collects it"))
        self.res_generate_code.setText(self.tr("Generate"))
        self.res_generate_code.setAccessibleName(self.tr("Generate a 6-digit pickup code"))
        self.res_new_cod.setPlaceholderText(self.tr("Leave empty if unchanged; 0 cancels COD"))
        self.res_new_freight.setPlaceholderText(self.tr("Leave empty if unchanged"))
        self._fill_combo(self.res_freight_payer, [(self.tr("Unchanged"), ""),
                                                  (self.tr("Sender (prepaid)"), "sender"),
                                                  (self.tr("Recipient (to pay)"), "recipient")])
        self.res_confirmation_ref.setPlaceholderText(
            self.tr("Reference of the customer's written confirmation (required)"))
        self._fill_combo(self.comp_loss, [(x.label(lang), x.value) for x in LossExtent])
        self._fill_combo(self.comp_exemption, [(x.label(lang), x.value) for x in Exemption])
        self.comp_actual_loss.setPlaceholderText(self.tr("Value of what was lost or damaged, e.g. 1500.00"))
        self.comp_surcharges.setPlaceholderText("0.00")
        self.comp_gross_negligence.setText(self.tr("Caused by intent or gross negligence (no freight cap)"))
        self.comp_gross_negligence.setAccessibleName(self.tr("Intent or gross negligence"))
        self.comp_suggested.setAccessibleName(self.tr("Suggested amount"))
        self.comp_explanation.setAccessibleName(self.tr("How the suggested amount was worked out"))
        self.comp_approval_note.setAccessibleName(self.tr("Approval needed"))
        self.comp_parcel_facts.setAccessibleName(self.tr("Parcel values"))
        self.res_stack.setAccessibleName(self.tr("Details of the chosen resolution type"))
        self.choose_note.setAccessibleName(self.tr("About choosing"))
        self.res_none.setAccessibleName(self.tr("Current resolution"))
        self.approval_info.setAccessibleName(self.tr("Approval needed"))
        self.pay_amount.setAccessibleName(self.tr("Amount to pay"))
        self._fill_types()
        self._refresh()
        self._render_suggestion()
        self._update_amount_state()

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        """Replace the items, keeping the selected value (without firing change signals)."""
        current = _data(combo)
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, str(data))
        index = combo.findData(current) if current else -1
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def _fill_types(self) -> None:
        lang = current_language()
        types = resolutions_for(self._kind) if self._kind is not None else ()
        current = _data(self.res_type)
        self._fill_combo(self.res_type, [(t.label(lang), t.value) for t in types])
        if _data(self.res_type) != current:
            self._on_type_changed()

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
        value = _data(self.res_type)
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
            self.pay_date.setMaximumDate(_qdate(self._today()))

        startable = (d is not None and res is not None and d.status is CaseStatus.RESOLUTION_CHOSEN
                     and res.state in (ResolutionState.CHOSEN, ResolutionState.APPROVED))
        self.start_widget.setVisible(startable)

        signable = (d is not None and d.is_open and res is not None and res.type is R.TRANSFER
                    and res.state in (ResolutionState.CHOSEN, ResolutionState.APPROVED,
                                      ResolutionState.IN_PROGRESS))
        self.signed_widget.setVisible(signable)
        if signable and res is not None:
            today = self._today()
            self.res_signed_date.setMaximumDate(_qdate(today))
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

    def _show_summary(self, d: CaseDetail | None, res: ResolutionView | None,
                      comp: CompensationView | None, lang: str) -> None:
        values: dict[str, str | None] = {key: None for key, _ in _SUMMARY_ROWS}
        if res is None:
            rejected = d.resolutions[-1] if d is not None and d.resolutions else None
            if rejected is not None and rejected.state is ResolutionState.REJECTED:
                rc = rejected.compensation
                if rc is not None:
                    text = self.tr("The proposed compensation of {0} was rejected by {1}: “{2}”. "
                                   "Choose a resolution.").format(
                        format_yuan(rc.amount), rc.approver or "?", rc.approval_comment)
                else:
                    text = self.tr("The last proposal was rejected. Choose a resolution.")
            else:
                text = self.tr("No resolution has been chosen yet.")
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
            "comp_explanation": _bullets(_explanation_lines(comp.explanation, lang)) or "—",
            "comp_adjust": comp.adjust_reason or None,
        }
        comment = f"\n“{comp.approval_comment}”" if comp.approval_comment else ""
        when = format_local(comp.approved_at) if comp.approved_at else "—"
        if comp.approval_state == "pending":
            out["comp_approval"] = self.tr("Waiting for a manager's approval")
        elif comp.approval_state == "approved":
            out["comp_approval"] = self.tr("Approved by {0} at {1}").format(comp.approver or "?", when) + comment
        elif comp.approval_state == "rejected":
            out["comp_approval"] = self.tr("Rejected by {0} at {1}").format(comp.approver or "?", when) + comment
        else:
            out["comp_approval"] = self.tr("Not needed (at most {0})").format(
                format_yuan(self.ctx.policy.approval_threshold))
        if comp.paid_at is not None:
            method = comp.payment_method.label(lang) if comp.payment_method else "—"
            lines = [self.tr("Paid {0} on {1} · {2}").format(format_yuan(comp.amount),
                                                              local(comp.paid_at).date().isoformat(), method)]
            if comp.payment_reference:
                lines.append(self.tr("Reference: {0}").format(comp.payment_reference))
            if comp.payee_account:
                lines.append(self.tr("Payee account: {0}").format(comp.payee_account))
            if comp.paid_by:
                lines.append(self.tr("Recorded by {0}").format(comp.paid_by))
            out["comp_payment"] = "\n".join(lines)
        else:
            out["comp_payment"] = self.tr("Not paid yet")
        return out

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
        self.res_attempt_date.setMinimumDate(_qdate(today))
        self.res_attempt_date.setDate(_qdate(today + timedelta(days=1)))
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
        self.pay_date.setMaximumDate(_qdate(today))
        self.pay_date.setDate(_qdate(today))

    def _reset_start(self) -> None:
        self.res_start_note.clear()
        today = self._today()
        self.res_signed_date.setMaximumDate(_qdate(today))
        self.res_signed_date.setDate(_qdate(today))

    # ========================================================== inline errors
    def _clear_error(self, scope: str, field_name: str) -> None:
        entry = self._errors.get(scope, {}).get(field_name)
        if entry is None:
            return
        widget, error = entry
        error.clear()
        error.hide()
        widget.setAccessibleDescription("")

    def _clear_errors(self, scope: str) -> None:
        for field_name in self._errors.get(scope, {}):
            self._clear_error(scope, field_name)

    def _show_field_error(self, exc: ValidationError, scopes: list[str]) -> bool:
        """Show ``exc`` under its field if one of ``scopes`` has it; False otherwise."""
        if not exc.field:
            return False
        for scope in scopes:
            entry = self._errors.get(scope, {}).get(exc.field)
            if entry is None:
                continue
            widget, error = entry
            message = exc.text(current_language())
            error.setText(message)
            error.show()
            widget.setAccessibleDescription(message)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(error)
            return True
        return False

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

    def _money(self, edit: QLineEdit, field_name: str) -> Decimal | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return to_money(text, strict=True)
        except MoneyError as exc:
            raise MoneyError(exc.en, exc.zh, field=field_name) from None

    def _claim_input(self) -> ClaimInput:
        loss = _data(self.comp_loss)
        exemption = _data(self.comp_exemption)
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
        if self._detail is None or self._current_type() is not R.COMPENSATE:
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
            self.comp_suggested.setText(self.tr("Suggested {0}").format(format_yuan(self._suggestion.amount)))
            self.comp_explanation.setText(_bullets(lines))
            self.comp_explanation.setStyleSheet("")
        else:
            self.comp_suggested.setText(self.tr("Suggested: —"))
            hint = (self._suggestion_problem.text(lang) if self._suggestion_problem is not None
                    else self.tr("Describe the loss to see the suggested amount."))
            self.comp_explanation.setText(hint)
            self.comp_explanation.setStyleSheet(_HINT_STYLE)

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
            label.setText(self.tr("Reason for the change (required):"))
            self.comp_adjust_reason.setPlaceholderText(
                self.tr("Why the amount differs from the suggested {0}").format(
                    format_yuan(self._suggestion.amount) if self._suggestion else "—"))
        else:
            label.setText(self.tr("Reason for the change:"))
            self.comp_adjust_reason.setPlaceholderText(self.tr("Only needed if you change the amount"))
        amount = self._amount_or_none()
        threshold = self.ctx.policy.approval_threshold
        needs = amount is not None and amount > threshold
        self.comp_approval_note.setText(
            self.tr("Needs manager approval (above {0})").format(format_yuan(threshold)) if needs else "")
        self.comp_approval_note.setVisible(needs)

    def _update_payment_hint(self, *_args: Any) -> None:
        cash = _data(self.pay_method) == PaymentMethod.CASH.value
        self.pay_reference.setPlaceholderText(
            self.tr("Optional for cash") if cash
            else self.tr("Bank, Alipay or WeChat Pay transaction number (required)"))

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
            return {"attempt_date": _pydate(self.res_attempt_date.date()).isoformat(),
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
                    "freight_payer": _data(self.res_freight_payer) or None,
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
        if not _data(self.pay_method):
            return
        method = PaymentMethod(_data(self.pay_method))
        reference, payee = self.pay_reference.text(), self.pay_payee.text()
        paid_on = _pydate(self.pay_date.date())
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
        signed_on = _pydate(self.res_signed_date.date())
        cases, case_id, version, by = self.ctx.services.cases, d.id, d.version, self.ctx.operator.id
        self._run(lambda: cases.update_resolution(case_id=case_id, details={"signed_at": signed_on.isoformat()},
                                                  by=by, expected_version=version),
                  ["signed"])
