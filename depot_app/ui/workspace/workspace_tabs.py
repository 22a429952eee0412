"""The Facts, Close and Timeline tabs of a case workspace.

Each tab is handed the workspace as its *host*: the tab builds the service
call, the host runs it through :func:`~depot_app.ui.common.background.run_task`, shows the
fresh case everywhere and reports errors through the one presenter. Tabs
never keep a case of their own beyond the :class:`CaseDetail` last shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import ValidationError
from depot_app.domain.identifiers import Carrier, mask_phone
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.parcel import PARCEL_FIELDS
from depot_app.domain.photos import PHOTO_EVENT_LABELS
from depot_app.domain.resolutions import field_label as resolution_field_label
from depot_app.domain.views import CaseDetail, OperatorView
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    PaymentMethod,
    PhotoSlot,
    Priority,
    ReportChannel,
    ResolutionState,
    ResolutionType,
    ShipmentScope,
)
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import format_local, format_money, format_weight
from depot_app.ui.common.i18n import current_language

#: Colours shared by the workspace (same as the queue's).
OVERDUE_COLOR = "#c62828"
DUE_SOON_COLOR = "#b26a00"
OK_COLOR = "#2e7d32"
MUTED_COLOR = "#616161"


class CaseHost(Protocol):
    """What a tab needs from the workspace that holds it."""

    ctx: DeskContext

    def perform(self, work: Callable[[], CaseDetail], *,
                on_done: Callable[[CaseDetail], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run a change off the GUI thread and show the case it returns."""

    def request_reopen(self, reason: str | None = None) -> None:
        """Reopen the case (asking for a reason when none is given)."""

    def operators(self) -> list[OperatorView]:
        """Active operators (for the assignee picker)."""

    def role_block(self) -> str:
        """Why the signed-in operator's role may not work on the case ("" when it may)."""


def _value_label(parent: QWidget, object_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setWordWrap(True)
    label.setMinimumWidth(120)
    return label


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _kg_text(grams: int | None) -> str:
    if grams is None:
        return ""
    return f"{Decimal(grams) / 1000:.3f}".rstrip("0").rstrip(".")


#: Item data of the "(nobody)" assignee entry. Combo items never carry None:
#: PySide6 6.12 drops a reference to None on every None that crosses a
#: QVariant (addItem(text, None), currentData() of an empty combo ...), which
#: after enough calls kills the interpreter ("deallocating None").
NOBODY = 0


def combo_value(combo: QComboBox, default: Any = "") -> Any:
    """The selected item's data, or ``default`` when nothing is selected."""
    if combo.currentIndex() < 0:
        return default
    return combo.currentData()


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the item carrying ``value`` (the first item when there is none)."""
    idx = combo.findData(value) if value is not None else -1
    combo.setCurrentIndex(idx if idx >= 0 else (0 if combo.count() else -1))


def _fill_enum_combo(combo: QComboBox, members: list[Enum], language: str) -> None:
    """Refill a combo with enum labels (data: the stable code), keeping the selected value."""
    current = combo_value(combo)
    combo.blockSignals(True)
    combo.clear()
    for member in members:
        combo.addItem(member.label(language), member.value)  # type: ignore[attr-defined]
    select_data(combo, current or None)
    combo.blockSignals(False)


# ============================================================================ Facts
class FactsTab(QWidget):
    """The parcel and the people, readable; an edit mode corrects them.

    Phones are shown masked until the clerk reveals them (the reveal is
    recorded on the timeline); phone fields can only be edited once revealed,
    so nobody overwrites a number they could not see.
    """

    sig_reveal_requested = Signal()
    """The clerk asked to see the unmasked phones."""

    PARCEL_ORDER = ("item_description", "scope", "declared_value", "insured_value", "freight",
                    "cod_amount", "weight_g")
    SENDER_ORDER = ("sender_name", "sender_phone", "sender_address")
    RECIPIENT_ORDER = ("recipient_name", "recipient_phone", "recipient_address")
    #: Shown masked and editable only after the phones were revealed.
    PRIVATE_FIELDS = ("sender_phone", "recipient_phone", "reporter_contact")
    CASE_ORDER = ("priority", "report_channel", "reporter_name", "reporter_contact", "description",
                  "assignee_id")

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: CaseDetail | None = None
        self.revealed: dict[str, str] | None = None
        self._initial: dict[str, str] = {}
        self._build()
        self.retranslate()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.reveal_button = QPushButton(self)
        self.reveal_button.setObjectName("wsRevealPhones")
        self.reveal_button.clicked.connect(self.sig_reveal_requested.emit)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("wsEditFacts")
        self.edit_button.clicked.connect(self.start_editing)
        self.phones_note = QLabel(self)
        self.phones_note.setObjectName("wsPhonesNote")
        self.phones_note.setStyleSheet(f"color: {MUTED_COLOR};")
        bar.addWidget(self.reveal_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.phones_note, 1)
        outer.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("factsStack")
        outer.addWidget(self.stack, 1)

        # --- read-only page
        view_scroll = QScrollArea(self.stack)
        view_scroll.setWidgetResizable(True)
        view_scroll.setFrameShape(QFrame.Shape.NoFrame)
        view = QWidget()
        grid = QGridLayout(view)
        grid.setContentsMargins(0, 0, 0, 0)
        self.view_labels: dict[str, QLabel] = {}
        self.view_captions: dict[str, QLabel] = {}

        def group(object_name: str, names: tuple[str, ...]) -> QGroupBox:
            box = QGroupBox(view)
            box.setObjectName(object_name)
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                caption = QLabel(box)
                value = _value_label(box, "fact" + _camel(name)[0].upper() + _camel(name)[1:])
                self.view_captions[name] = caption
                self.view_labels[name] = value
                form.addRow(caption, value)
            return box

        self.parcel_box = group("factsParcel", ("tracking_no", "carrier", "last_scan_at") + self.PARCEL_ORDER)
        self.sender_box = group("factsSender", self.SENDER_ORDER)
        self.recipient_box = group("factsRecipient", self.RECIPIENT_ORDER)
        self.case_box = group("factsCase", ("kind", "reported_at", "created_by") + self.CASE_ORDER)
        grid.addWidget(self.parcel_box, 0, 0, 2, 1)
        grid.addWidget(self.sender_box, 0, 1)
        grid.addWidget(self.recipient_box, 1, 1)
        grid.addWidget(self.case_box, 0, 2, 2, 1)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        grid.setRowStretch(2, 1)
        view_scroll.setWidget(view)
        self.stack.addWidget(view_scroll)

        # --- edit page
        edit_scroll = QScrollArea(self.stack)
        edit_scroll.setWidgetResizable(True)
        edit_scroll.setFrameShape(QFrame.Shape.NoFrame)
        edit = QWidget()
        egrid = QGridLayout(edit)
        egrid.setContentsMargins(0, 0, 0, 0)
        self.edit_fields: dict[str, QWidget] = {}
        self.edit_captions: dict[str, QLabel] = {}

        def edit_group(object_name: str, names: tuple[str, ...]) -> QGroupBox:
            box = QGroupBox(edit)
            box.setObjectName(object_name)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                caption = QLabel(box)
                widget: QWidget
                if name in ("scope", "priority", "report_channel", "assignee_id"):
                    widget = QComboBox(box)
                elif name == "description":
                    widget = QPlainTextEdit(box)
                    widget.setTabChangesFocus(True)
                    widget.setMaximumHeight(90)
                else:
                    widget = QLineEdit(box)
                widget.setObjectName("edit" + _camel(name)[0].upper() + _camel(name)[1:])
                caption.setBuddy(widget)
                self.edit_captions[name] = caption
                self.edit_fields[name] = widget
                form.addRow(caption, widget)
            return box

        self.edit_parcel_box = edit_group("editParcel", self.PARCEL_ORDER)
        self.edit_people_box = edit_group("editPeople", self.SENDER_ORDER + self.RECIPIENT_ORDER)
        self.edit_case_box = edit_group("editCase", self.CASE_ORDER)
        egrid.addWidget(self.edit_parcel_box, 0, 0)
        egrid.addWidget(self.edit_people_box, 0, 1)
        egrid.addWidget(self.edit_case_box, 0, 2)
        for col in range(3):
            egrid.setColumnStretch(col, 1)
        egrid.setRowStretch(2, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(edit)
        self.save_button.setObjectName("wsSaveFacts")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_edit_button = QPushButton(edit)
        self.cancel_edit_button.setObjectName("wsCancelEdit")
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_edit_button)
        buttons.addWidget(self.save_button)
        egrid.addLayout(buttons, 1, 0, 1, 3)
        edit_scroll.setWidget(edit)
        self.stack.addWidget(edit_scroll)
        for name in ("declared_value", "insured_value", "freight", "cod_amount"):
            self.edit_fields[name].setPlaceholderText("0.00")  # type: ignore[attr-defined]
        self.edit_fields["weight_g"].setPlaceholderText("1.25")  # type: ignore[attr-defined]

    # --------------------------------------------------------------- language
    def retranslate(self) -> None:
        lang = current_language()
        self.reveal_button.setText(self.tr("Reveal phones"))
        self.reveal_button.setAccessibleName(self.tr("Reveal the full phone numbers (recorded on the timeline)"))
        self.reveal_button.setToolTip(self.tr("Show the full phone numbers. Who looked is recorded on the timeline."))
        self.edit_button.setText(self.tr("Edit facts"))
        self.edit_button.setAccessibleName(self.tr("Edit the parcel and case facts"))
        self.save_button.setText(self.tr("Save changes"))
        self.save_button.setAccessibleName(self.tr("Save the corrected facts"))
        self.cancel_edit_button.setText(self.tr("Discard"))
        self.cancel_edit_button.setAccessibleName(self.tr("Discard the edits"))
        self.parcel_box.setTitle(self.tr("Parcel"))
        self.sender_box.setTitle(self.tr("Sender"))
        self.recipient_box.setTitle(self.tr("Recipient"))
        self.case_box.setTitle(self.tr("Case"))
        self.edit_parcel_box.setTitle(self.tr("Parcel"))
        self.edit_people_box.setTitle(self.tr("Sender and recipient"))
        self.edit_case_box.setTitle(self.tr("Case"))
        captions = self._captions(lang)
        colon = "：" if lang.startswith("zh") else ":"
        for name, caption in self.view_captions.items():
            caption.setText(captions[name] + colon)
            self.view_labels[name].setAccessibleName(captions[name])
        for name, caption in self.edit_captions.items():
            text = captions[name] + (self.tr(" (kg)") if name == "weight_g" else "")
            caption.setText(text + colon)
            self.edit_fields[name].setAccessibleName(text)
        _fill_enum_combo(self._combo("scope"), list(ShipmentScope), lang)
        _fill_enum_combo(self._combo("priority"), list(Priority), lang)
        _fill_enum_combo(self._combo("report_channel"), list(ReportChannel), lang)
        assignee = self._combo("assignee_id")
        if assignee.count():
            assignee.setItemText(0, self.tr("(nobody)"))
        self._update_phone_state()
        if self.detail is not None:
            self._show(self.detail)

    def _captions(self, lang: str) -> dict[str, str]:
        zh = lang.startswith("zh")
        captions = {name: (zh_label if zh else en_label) for name, (zh_label, en_label) in PARCEL_FIELDS.items()}
        captions.update({
            "tracking_no": self.tr("Tracking no."),
            "carrier": self.tr("Carrier"),
            "last_scan_at": self.tr("Last scan"),
            "kind": self.tr("Kind"),
            "reported_at": self.tr("Reported"),
            "created_by": self.tr("Registered by"),
            "priority": self.tr("Priority"),
            "report_channel": self.tr("Reported via"),
            "reporter_name": self.tr("Reporter"),
            "reporter_contact": self.tr("Reporter contact"),
            "description": self.tr("Description"),
            "assignee_id": self.tr("Assignee"),
        })
        return captions

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ show
    def _combo(self, name: str) -> QComboBox:
        widget = self.edit_fields[name]
        assert isinstance(widget, QComboBox)
        return widget

    def set_case(self, detail: CaseDetail, *, keep_revealed: bool = False) -> None:
        """Show ``detail``; unmasked phones are forgotten unless ``keep_revealed``."""
        self.detail = detail
        if not keep_revealed:
            self.revealed = None
        self._show(detail)
        self.edit_button.setEnabled(not self.is_editing() and not self.host.role_block())
        self.edit_button.setToolTip(self.host.role_block())
        self._update_phone_state()

    def set_revealed(self, phones: dict[str, str]) -> None:
        """Show the unmasked phones (until the next reload)."""
        self.revealed = dict(phones)
        if self.detail is not None:
            self._show(self.detail)
        if self.is_editing() and self.detail is not None:
            full = {**self.revealed, "reporter_contact": self.detail.reporter_contact}
            for name in self.PRIVATE_FIELDS:
                edit = self.edit_fields[name]
                assert isinstance(edit, QLineEdit)
                edit.setText(full.get(name, ""))
                self._initial[name] = edit.text()
        self._update_phone_state()

    def _phone(self, name: str) -> str:
        assert self.detail is not None
        if self.revealed is not None:
            return self.revealed.get(name, "") or "—"
        return getattr(self.detail.parcel, name) or "—"

    def _show(self, d: CaseDetail) -> None:
        lang = current_language()
        p = d.parcel
        try:
            carrier = Carrier(p.carrier).label(lang)
        except ValueError:
            carrier = p.carrier
        values = {
            "tracking_no": p.tracking_no, "carrier": carrier, "last_scan_at": format_local(p.last_scan_at),
            "item_description": p.item_description or "—", "scope": p.scope.label(lang),
            "declared_value": format_money(p.declared_value), "insured_value": format_money(p.insured_value),
            "freight": format_money(p.freight), "cod_amount": format_money(p.cod_amount),
            "weight_g": format_weight(p.weight_g),
            "sender_name": p.sender_name or "—", "sender_phone": self._phone("sender_phone"),
            "sender_address": p.sender_address or "—",
            "recipient_name": p.recipient_name or "—", "recipient_phone": self._phone("recipient_phone"),
            "recipient_address": p.recipient_address or "—",
            "kind": d.kind.label(lang), "reported_at": format_local(d.reported_at), "created_by": d.created_by,
            "priority": d.priority.label(lang), "report_channel": d.report_channel.label(lang),
            "reporter_name": d.reporter_name or "—",
            # The reporter's contact is usually a phone: masked like the others until revealed.
            "reporter_contact": (d.reporter_contact if self.revealed is not None
                                 else mask_phone(d.reporter_contact)) or "—",
            "description": d.description or "—", "assignee_id": d.assignee or self.tr("(nobody)"),
        }
        for name, label in self.view_labels.items():
            label.setText(values[name])
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        for name in ("tracking_no", "sender_phone", "recipient_phone", "reporter_contact"):
            self.view_labels[name].setFont(mono)

    def _update_phone_state(self) -> None:
        revealed = self.revealed is not None
        self.reveal_button.setEnabled(self.detail is not None and not revealed)
        self.phones_note.setText(self.tr("Full phone numbers are shown; they are masked again when the case reloads.")
                                 if revealed else self.tr("Phones are masked. Reveal them to call or correct them."))
        for name in self.PRIVATE_FIELDS:
            edit = self.edit_fields[name]
            edit.setEnabled(revealed)
            edit.setToolTip("" if revealed else self.tr("Reveal phones first to correct a number"))

    # ------------------------------------------------------------------ edit
    def is_editing(self) -> bool:
        return self.stack.currentIndex() == 1

    def start_editing(self) -> None:
        """Fill the edit form from the case shown and switch to it."""
        d = self.detail
        if d is None:
            return
        p = d.parcel
        texts = {
            "item_description": p.item_description, "declared_value": _money_text(p.declared_value),
            "insured_value": _money_text(p.insured_value), "freight": _money_text(p.freight),
            "cod_amount": _money_text(p.cod_amount), "weight_g": _kg_text(p.weight_g),
            "sender_name": p.sender_name, "sender_address": p.sender_address,
            "recipient_name": p.recipient_name, "recipient_address": p.recipient_address,
            "sender_phone": (self.revealed or {}).get("sender_phone", p.sender_phone),
            "recipient_phone": (self.revealed or {}).get("recipient_phone", p.recipient_phone),
            "reporter_name": d.reporter_name,
            "reporter_contact": d.reporter_contact if self.revealed is not None else mask_phone(d.reporter_contact),
            "description": d.description,
        }
        for name, text in texts.items():
            widget = self.edit_fields[name]
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                assert isinstance(widget, QLineEdit)
                widget.setText(text)
        select_data(self._combo("scope"), p.scope.value)
        select_data(self._combo("priority"), d.priority.value)
        select_data(self._combo("report_channel"), d.report_channel.value)
        assignee = self._combo("assignee_id")
        assignee.clear()
        assignee.addItem(self.tr("(nobody)"), NOBODY)
        for op in self.host.operators():
            assignee.addItem(op.name, op.id)
        if d.assignee_id is not None and assignee.findData(d.assignee_id) < 0:
            assignee.addItem(d.assignee or f"#{d.assignee_id}", d.assignee_id)
        select_data(assignee, d.assignee_id if d.assignee_id is not None else NOBODY)
        self._initial = self._current_texts()
        self._update_phone_state()
        self.stack.setCurrentIndex(1)
        self.edit_button.setEnabled(False)
        self.edit_fields["item_description"].setFocus(Qt.FocusReason.OtherFocusReason)

    def edited_texts(self) -> dict[str, str]:
        """The fields the clerk changed in the form, as the form holds them."""
        return {name: text for name, text in self._current_texts().items() if text != self._initial.get(name)}

    def resume_editing(self, edits: dict[str, str]) -> None:
        """Open the form on the case as it is now, with ``edits`` (from :meth:`edited_texts`) typed back in."""
        self.start_editing()
        for name, text in edits.items():
            widget = self.edit_fields.get(name)
            if isinstance(widget, QComboBox):
                index = next((i for i in range(widget.count()) if str(widget.itemData(i)) == text), -1)
                if index >= 0:
                    widget.setCurrentIndex(index)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            elif isinstance(widget, QLineEdit):
                widget.setText(text)
        self._update_phone_state()

    def stop_editing(self) -> None:
        """Leave the edit form without saving."""
        self.stack.setCurrentIndex(0)
        self.edit_button.setEnabled(self.detail is not None and not self.host.role_block())

    def _current_texts(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, widget in self.edit_fields.items():
            if isinstance(widget, QComboBox):
                out[name] = str(combo_value(widget))
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            else:
                assert isinstance(widget, QLineEdit)
                out[name] = widget.text()
        return out

    def pending_changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(parcel changes, case changes) the clerk made in the form."""
        now = self._current_texts()
        parcel: dict[str, Any] = {}
        case: dict[str, Any] = {}
        for name, text in now.items():
            if text == self._initial.get(name):
                continue
            if name in self.PRIVATE_FIELDS and self.revealed is None:
                continue  # masked text must never be written back
            if name == "assignee_id":
                case[name] = combo_value(self._combo(name), NOBODY) or None
            elif name in ("priority", "report_channel"):
                case[name] = combo_value(self._combo(name))
            elif name in self.CASE_ORDER:
                case[name] = text
            else:
                parcel[name] = combo_value(self._combo(name)) if name == "scope" else text
        return parcel, case

    def save(self) -> None:
        """Write the corrections: parcel facts, then case fields, each checked against the version shown."""
        d = self.detail
        if d is None:
            return
        parcel, case = self.pending_changes()
        if not parcel and not case:
            self.stop_editing()
            return
        cases = self.host.ctx.services.cases
        by = self.host.ctx.operator.id
        case_id, version = d.id, d.version

        def work() -> CaseDetail:
            # One transaction: a refused case field leaves the parcel facts unsaved too.
            return cases.update_facts(case_id=case_id, expected_version=version, by=by,
                                      parcel_changes=parcel, case_changes=case)

        def failed(exc: BaseException) -> None:
            # Put the cursor where the problem is; the presenter says what it is.
            field_name = getattr(exc, "field", None)
            if isinstance(exc, ValidationError) and field_name in self.edit_fields and self.is_editing():
                self.edit_fields[field_name].setFocus(Qt.FocusReason.OtherFocusReason)

        self.host.perform(work, on_done=lambda _d: self.stop_editing(), on_error=failed)


def _money_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    try:
        return f"{Decimal(value):.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


# ============================================================================ Close
#: The outcome that usually follows each resolution (preselected on the Close tab).
OUTCOME_FOR_RESOLUTION: dict[ResolutionType, FinalOutcome] = {
    ResolutionType.REDELIVER: FinalOutcome.SIGNED,
    ResolutionType.RESEND: FinalOutcome.RESENT_SIGNED,
    ResolutionType.RETURN: FinalOutcome.RETURNED,
    ResolutionType.COMPENSATE: FinalOutcome.COMPENSATED,
    ResolutionType.TRANSFER: FinalOutcome.TRANSFERRED_SIGNED,
    ResolutionType.SELF_PICKUP: FinalOutcome.PICKED_UP,
    ResolutionType.CHANGE_TERMS: FinalOutcome.TERMS_CHANGED,
}


class CloseTab(QWidget):
    """Record the final outcome and close; a closed case shows how it ended and can be reopened."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: CaseDetail | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("closeStack")
        outer.addWidget(self.stack)
        outer.addStretch(1)

        # --- closing form
        form_page = QWidget()
        page_layout = QVBoxLayout(form_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.form_box = QGroupBox(form_page)
        self.form_box.setObjectName("closeForm")
        self.form_box.setMaximumWidth(720)
        form = QFormLayout(self.form_box)
        self.outcome_caption = QLabel(self.form_box)
        self.outcome = QComboBox(self.form_box)
        self.outcome.setObjectName("closeOutcome")
        self.outcome.currentIndexChanged.connect(lambda _i: self._update_button())
        self.outcome_caption.setBuddy(self.outcome)
        self.rating_caption = QLabel(self.form_box)
        self.rating = QSpinBox(self.form_box)
        self.rating.setObjectName("closeRating")
        self.rating.setRange(0, 5)
        self.rating.setMinimumWidth(130)
        self.rating_caption.setBuddy(self.rating)
        self.rating_hint = QLabel(self.form_box)
        self.rating_hint.setObjectName("closeRatingHint")
        self.rating_hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.rating_hint.setWordWrap(True)
        rating_row = QHBoxLayout()
        rating_row.addWidget(self.rating)
        rating_row.addStretch(1)
        self.note_caption = QLabel(self.form_box)
        self.note = QLineEdit(self.form_box)
        self.note.setObjectName("closeNote")
        self.note.returnPressed.connect(self.close_case)
        self.note_caption.setBuddy(self.note)
        self.close_button = QPushButton(self.form_box)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.close_case)
        self.block_reason = QLabel(self.form_box)
        self.block_reason.setObjectName("closeBlocked")
        self.block_reason.setWordWrap(True)
        self.block_reason.setStyleSheet(f"color: {DUE_SOON_COLOR};")
        form.addRow(self.outcome_caption, self.outcome)
        form.addRow(self.rating_caption, rating_row)
        form.addRow("", self.rating_hint)
        form.addRow(self.note_caption, self.note)
        button_row = QHBoxLayout()
        button_row.addWidget(self.block_reason, 1)
        button_row.addWidget(self.close_button)
        form.addRow(button_row)
        page_layout.addWidget(self.form_box)
        self.stack.addWidget(form_page)

        # --- closed summary
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.setContentsMargins(0, 0, 0, 0)
        self.summary_box = QGroupBox(done_page)
        self.summary_box.setObjectName("closeSummary")
        self.summary_box.setMaximumWidth(720)
        summary = QFormLayout(self.summary_box)
        self.summary_captions: dict[str, QLabel] = {}
        self.summary_values: dict[str, QLabel] = {}
        for key in ("status", "outcome", "rating", "note", "closed_at"):
            caption = QLabel(self.summary_box)
            value = _value_label(self.summary_box, "closed" + key.title().replace("_", ""))
            self.summary_captions[key] = caption
            self.summary_values[key] = value
            summary.addRow(caption, value)
        self.reopen_caption = QLabel(self.summary_box)
        self.reopen_reason = QLineEdit(self.summary_box)
        self.reopen_reason.setObjectName("reopenReason")
        self.reopen_reason.returnPressed.connect(self._reopen)
        self.reopen_caption.setBuddy(self.reopen_reason)
        self.reopen_button = QPushButton(self.summary_box)
        self.reopen_reason.textChanged.connect(lambda t: self.reopen_button.setEnabled(bool(t.strip())))
        self.reopen_button.setObjectName("closeReopen")
        self.reopen_button.setEnabled(False)
        self.reopen_button.clicked.connect(self._reopen)
        reopen_row = QHBoxLayout()
        reopen_row.addWidget(self.reopen_reason, 1)
        reopen_row.addWidget(self.reopen_button)
        summary.addRow(self.reopen_caption, reopen_row)
        done_layout.addWidget(self.summary_box)
        self.stack.addWidget(done_page)

    def retranslate(self) -> None:
        lang = current_language()
        self.form_box.setTitle(self.tr("Close the case"))
        self.outcome_caption.setText(self.tr("Final &outcome:"))
        self.outcome.setAccessibleName(self.tr("Final outcome"))
        self.rating_caption.setText(self.tr("Sa&tisfaction (1–5):"))
        self.rating.setAccessibleName(self.tr("Customer satisfaction, 1 to 5"))
        self.rating.setSpecialValueText(self.tr("not asked"))
        self.rating.setSuffix(" ★")
        self.rating_hint.setText(
            self.tr("1 = very unhappy, 5 = very happy; leave at “not asked” if the customer declined."))
        self.note_caption.setText(self.tr("&Note:"))
        self.note.setAccessibleName(self.tr("Closing note"))
        self.note.setPlaceholderText(self.tr("How it ended, confirmed with whom"))
        self.close_button.setText(self.tr("Close case"))
        self.close_button.setAccessibleName(self.tr("Close the case with this outcome"))
        self.summary_box.setTitle(self.tr("How the case ended"))
        for key, text in (("status", self.tr("Status")), ("outcome", self.tr("Final outcome")),
                          ("rating", self.tr("Satisfaction")), ("note", self.tr("Note")),
                          ("closed_at", self.tr("Closed at"))):
            self.summary_captions[key].setText(self.tr("{0}:", "a caption on the closed-case summary").format(text))
            self.summary_values[key].setAccessibleName(text)
        self.reopen_caption.setText(self.tr("&Reopen because:"))
        self.reopen_reason.setAccessibleName(self.tr("Reason for reopening"))
        self.reopen_reason.setPlaceholderText(self.tr("Why is the case reopened? (required)"))
        self.reopen_button.setText(self.tr("Reopen"))
        self.reopen_button.setAccessibleName(self.tr("Reopen the case"))
        _fill_enum_combo(self.outcome, list(FinalOutcome), lang)
        if self.detail is not None:
            self.set_case(self.detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_case(self, detail: CaseDetail) -> None:
        previous = self.detail
        self.detail = detail
        lang = current_language()
        if detail.is_open:
            self.stack.setCurrentIndex(0)
            self.reopen_reason.clear()
            res = detail.current_resolution
            fresh = previous is None or previous.id != detail.id or previous.is_open is False or (
                (previous.current_resolution.type if previous.current_resolution else None)
                != (res.type if res else None))
            if fresh:
                outcome = OUTCOME_FOR_RESOLUTION.get(res.type) if res is not None else FinalOutcome.SIGNED
                select_data(self.outcome, (outcome or FinalOutcome.SIGNED).value)
            self._update_button()
        else:
            self.stack.setCurrentIndex(1)
            v = self.summary_values
            v["status"].setText(detail.status.label(lang))
            v["outcome"].setText(detail.final_outcome.label(lang) if detail.final_outcome else "—")
            v["rating"].setText("★" * detail.satisfaction + f"  ({detail.satisfaction}/5)"
                                if detail.satisfaction else self.tr("not asked"))
            v["note"].setText(detail.close_note or "—")
            v["closed_at"].setText(format_local(detail.closed_at))
            self.reopen_button.setEnabled(bool(self.reopen_reason.text().strip()))

    def blocked_reason(self) -> str:
        """Why the case cannot be closed with the chosen outcome now ("" when it can)."""
        d = self.detail
        if d is None:
            return self.tr("Loading…")
        if self.host.role_block():
            return self.host.role_block()
        from depot_app.domain.lifecycle import allowed_from

        if CaseStatus.CLOSED not in allowed_from(d.status):
            if d.status is CaseStatus.AWAITING_APPROVAL:
                return self.tr("The compensation waits for a manager's approval; the case cannot be closed yet.")
            return self.tr("A case that is {0} cannot be closed.").format(d.status.label(current_language()))
        if combo_value(self.outcome) == FinalOutcome.COMPENSATED.value:
            res = d.current_resolution
            if res is None or res.type is not ResolutionType.COMPENSATE or res.compensation is None:
                return self.tr("Choose compensation on the Resolution tab first.")
            if res.compensation.paid_at is None:
                return self.tr("Record the payment on the Resolution tab before closing as compensated.")
        return ""

    def _update_button(self) -> None:
        reason = self.blocked_reason()
        self.close_button.setEnabled(not reason)
        self.close_button.setToolTip(reason or self.tr("Close the case (Ctrl+E jumps here)"))
        self.block_reason.setText(reason)

    def focus_first(self) -> None:
        if self.stack.currentIndex() == 0:
            self.outcome.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.reopen_reason.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_case(self) -> None:
        d = self.detail
        if d is None or not self.close_button.isEnabled():
            return
        cases = self.host.ctx.services.cases
        by = self.host.ctx.operator.id
        outcome = FinalOutcome(combo_value(self.outcome, FinalOutcome.SIGNED.value))
        rating = self.rating.value() or None
        note = self.note.text()
        case_id, version = d.id, d.version

        def done(_d: CaseDetail) -> None:
            self.note.clear()
            self.rating.setValue(0)

        self.host.perform(lambda: cases.close_case(case_id=case_id, outcome=outcome, by=by, satisfaction=rating,
                                                   note=note, expected_version=version), on_done=done)

    def _reopen(self) -> None:
        reason = self.reopen_reason.text().strip()
        if not reason:
            return
        self.host.request_reopen(reason)


# ========================================================================= Timeline
#: Enumerations a recorded value may be a code of, per field.
_FIELD_ENUMS: dict[str, type[Enum]] = {
    "status": CaseStatus, "priority": Priority, "kind": ProblemKind, "report_channel": ReportChannel,
    "final_outcome": FinalOutcome, "resolution": ResolutionType, "parcel.scope": ShipmentScope,
    "photo.slot": PhotoSlot,
}
#: Tried in order for a value of a field not listed above.
_ANY_ENUMS: tuple[type[Enum], ...] = (CaseStatus, ProblemKind, FinalOutcome, ResolutionType, ResolutionState,
                                      Priority, ContactOutcome, ContactParty, ContactChannel, PaymentMethod,
                                      ShipmentScope, ReportChannel)


#: The detail :meth:`PhotoService.purge` records: which photo, its file, why it was deleted (and purged).
_PURGED = re.compile(r"^(.*?) SHA-256 ([0-9a-f]{64}); deleted because: (.*?)(?:; purged because: (.*))?$",
                     re.DOTALL)


def _enum_label(enum: type[Enum], code: str, lang: str) -> str | None:
    try:
        return enum(code).label(lang)  # type: ignore[attr-defined, no-any-return]
    except ValueError:
        return None


class TimelineTab(QWidget):
    """Every event of the case in order: who did what, which field, before → after."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: CaseDetail | None = None
        self.operator_names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.list = QTreeWidget(self)
        self.list.setObjectName("timelineList")
        self.list.setColumnCount(self.COLUMNS)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(False)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((130, 90, 100, 130, 260)):
            self.list.setColumnWidth(col, width)
        layout.addWidget(self.list)
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Field"),
                                   self.tr("Before → after"), self.tr("Detail")])
        self.list.setAccessibleName(self.tr("Case timeline"))
        if self.detail is not None:
            self.set_case(self.detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_operators(self, operators: list[OperatorView]) -> None:
        self.operator_names = {op.id: op.name for op in operators}

    def action_labels(self) -> dict[str, str]:
        """Human names of timeline actions, in the interface language."""
        zh = current_language().startswith("zh")
        photo = {action: (pair[0] if zh else pair[1]) for action, pair in PHOTO_EVENT_LABELS.items()}
        return {**photo,
            "registered": self.tr("Registered"), "contact": self.tr("Contact"),
            "status": self.tr("Status change"), "field": self.tr("Field change"),
            "resolution": self.tr("Resolution"), "approval": self.tr("Approval"),
            "payment": self.tr("Payment"), "closed": self.tr("Closed"), "reopened": self.tr("Reopened"),
            "revealed": self.tr("Phones viewed"), "note": self.tr("Note"),
        }

    def set_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        labels = self.action_labels()
        self.list.clear()
        items = []
        for event in sorted(detail.events, key=lambda e: (e.at, e.id)):
            before = self.value_text(event.field, event.before)
            after = self.value_text(event.field, event.after)
            change = ""
            if event.before is not None or event.after is not None:
                change = f"{before} → {after}" if event.before is not None else after
            item = QTreeWidgetItem([
                format_local(event.at), event.operator, labels.get(event.action, event.action),
                self.field_text(event.field), change, self.detail_text(event.action, event.detail),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, event.action)
            for col in range(self.COLUMNS):
                item.setToolTip(col, item.text(col))
            items.append(item)
        self.list.addTopLevelItems(items)
        if items:
            self.list.scrollToItem(items[-1])

    # ------------------------------------------------------------- rendering
    def field_text(self, field_name: str | None) -> str:
        if not field_name:
            return ""
        lang = current_language()
        zh = lang.startswith("zh")
        if field_name.startswith("parcel.") and field_name[7:] in PARCEL_FIELDS:
            zh_label, en_label = PARCEL_FIELDS[field_name[7:]]
            return zh_label if zh else en_label
        names = {
            "status": self.tr("Status"), "priority": self.tr("Priority"), "kind": self.tr("Kind"),
            "report_channel": self.tr("Reported via"), "reporter_name": self.tr("Reporter"),
            "reporter_contact": self.tr("Reporter contact"), "description": self.tr("Description"),
            "assignee_id": self.tr("Assignee"), "due_at": self.tr("Due"), "closed_at": self.tr("Closed at"),
            "final_outcome": self.tr("Final outcome"), "satisfaction": self.tr("Satisfaction"),
            "resolution": self.tr("Resolution"), "compensation.approval": self.tr("Compensation approval"),
            "compensation.paid": self.tr("Compensation paid"), "phones": self.tr("Phones"),
            "photo": self.tr("Photo"), "photo.slot": self.tr("Photo slot"),
            "photo.caption": self.tr("Photo caption"), "photo.rotation": self.tr("Photo rotation"),
        }
        if field_name in names:
            return names[field_name]
        if field_name.startswith("resolution."):
            return self.tr("Resolution: {0}").format(resolution_field_label(field_name[11:], lang))
        return field_name

    def value_text(self, field_name: str | None, value: str | None) -> str:
        """A recorded value as people read it: labels for codes, local times, money."""
        if value is None:
            return "—"
        if value == "":
            return "“”"
        lang = current_language()
        field_name = field_name or ""
        if field_name in _FIELD_ENUMS:
            return _enum_label(_FIELD_ENUMS[field_name], value, lang) or value
        if field_name == "assignee_id":
            try:
                return self.operator_names.get(int(value), f"#{value}")
            except ValueError:
                return value
        if field_name == "compensation.approval":
            return {"pending": self.tr("pending"), "approved": self.tr("approved"),
                    "rejected": self.tr("rejected"), "not_needed": self.tr("not needed")}.get(value, value)
        if field_name == "photo.rotation":
            return f"{value}°"
        if field_name == "photo.caption":
            return value
        if field_name in ("due_at", "closed_at"):
            try:
                return format_local(datetime.fromisoformat(value))
            except ValueError:
                return value
        if field_name in ("parcel.declared_value", "parcel.insured_value", "parcel.freight", "parcel.cod_amount"):
            try:
                return format_money(Decimal(value))
            except (InvalidOperation, ValueError):
                return value
        if field_name == "parcel.weight_g":
            try:
                return format_weight(int(value))
            except ValueError:
                return value
        if field_name.startswith("parcel.") or field_name in ("reporter_name", "reporter_contact", "description"):
            return value
        for enum in _ANY_ENUMS:
            label = _enum_label(enum, value, lang)
            if label is not None:
                return label
        return value

    def detail_text(self, action: str, detail: str) -> str:
        lang = current_language()
        if action == "contact" and detail:
            codes, sep, note = detail.partition(": ")
            parts = codes.split("/")
            if len(parts) == 3:
                names = [_enum_label(ContactParty, parts[0], lang), _enum_label(ContactChannel, parts[1], lang),
                         _enum_label(ContactOutcome, parts[2], lang)]
                if all(names):
                    said = " · ".join(n for n in names if n)
                    # The contact (party · channel · outcome), then the clerk's note.
                    return self.tr("{0}: {1}").format(said, note) if sep else said
        if action == "registered" and detail:
            code, _, rest = detail.partition(" ")
            label = _enum_label(ProblemKind, code, lang)
            if label:
                return f"{label} {rest}".strip()
        if action.startswith("photo_") and detail:
            purged = _PURGED.match(detail)
            if action == "photo_purged" and purged:
                label, sha, why, purge_why = purged.groups()
                text = self.tr("Photo {0} (SHA-256 {1}…); deleted because: {2}").format(label, sha[:12], why)
                return text + (self.tr("; purged because: {0}").format(purge_why) if purge_why else "")
            return self.tr("Photo {0}").format(detail)
        if action == "revealed" and detail:
            zh = lang.startswith("zh")
            out = []
            for name in (part.strip() for part in detail.split(",")):
                pair = PARCEL_FIELDS.get(name)
                out.append((pair[0] if zh else pair[1]) if pair else name)
            return ("、" if zh else ", ").join(out)
        return detail
