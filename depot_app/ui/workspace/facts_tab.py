"""The Facts tab of a case workspace: the parcel, the people and the case, readable; an edit mode corrects them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import ValidationError
from depot_app.domain.identifiers import Carrier, mask_phone
from depot_app.domain.parcel import PARCEL_FIELDS
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import (
    Priority,
    ReportChannel,
    ShipmentScope,
)
from depot_app.ui.addresses.address_hint import AddressHint
from depot_app.ui.common.formatting import format_local, format_money, format_weight, kg_input_text, money_input_text
from depot_app.ui.common.i18n import current_language
from depot_app.ui.workspace.tab_common import (
    MUTED_COLOR,
    NOBODY,
    CaseHost,
    camel,
    combo_value,
    fill_enum_combo,
    select_data,
    value_label,
)


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
                value = value_label(box, "fact" + camel(name)[0].upper() + camel(name)[1:])
                self.view_captions[name] = caption
                self.view_labels[name] = value
                form.addRow(caption, value)
            return box

        self.parcel_box = group("factsParcel", ("tracking_no", "carrier", "last_scan_at") + self.PARCEL_ORDER)
        self.sender_box = group("factsSender", self.SENDER_ORDER)
        self.recipient_box = group("factsRecipient", self.RECIPIENT_ORDER)
        # The recipient address's parts and the out-of-area / address-unclear hint.
        self.address_hint = AddressHint(self.host.ctx, self.recipient_box, with_actions=True)
        self.address_hint.linkActivated.connect(
            lambda link: self.host.go_to_contact_form() if link == "#contact" else self.host.go_to_resolution())
        self.recipient_box.layout().addRow(self.address_hint)  # type: ignore[attr-defined]
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
                widget.setObjectName("edit" + camel(name)[0].upper() + camel(name)[1:])
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
        fill_enum_combo(self._combo("scope"), list(ShipmentScope), lang)
        fill_enum_combo(self._combo("priority"), list(Priority), lang)
        fill_enum_combo(self._combo("report_channel"), list(ReportChannel), lang)
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
        self.address_hint.set_address(p.recipient_address)
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
            "item_description": p.item_description, "declared_value": money_input_text(p.declared_value),
            "insured_value": money_input_text(p.insured_value), "freight": money_input_text(p.freight),
            "cod_amount": money_input_text(p.cod_amount), "weight_g": kg_input_text(p.weight_g),
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
