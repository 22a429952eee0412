"""Registering a problem parcel: one keyboard-only form from scan to case number.

The clerk scans (or types) the tracking number, picks the kind of problem,
says who reported it and fills in what the waybill shows; Ctrl+Enter saves.
Every field is checked when focus leaves it, with the same domain functions
the service uses, and the service's own refusals land next to the field they
name. After saving, the form gives way to the new case number in large type
so it can be read to the customer over the phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMetaMethod, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError, DuplicateOpenCaseError, ValidationError
from depot_app.domain.identifiers import Carrier, TrackingInfo, normalize_tracking, validate_phone, validate_tracking
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.parcel import MONEY_FIELDS, PHONE_FIELDS, TEXT_LIMITS, parse_parcel_facts
from depot_app.domain.vocabulary import Priority, ReportChannel, ShipmentScope
from depot_app.domain.views import CaseDetail, QueueRow
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import LanguageManager, current_language
from depot_app.ui.common.image_sources import ImageSource, open_tracking_chooser, read_tracking_numbers
from depot_app.ui.common.background import run_task

#: Parcel facts typed into line edits, in form (and tab) order.
PARCEL_TEXT_FIELDS = ("sender_name", "sender_phone", "sender_address",
                      "recipient_name", "recipient_phone", "recipient_address",
                      "item_description", "declared_value", "insured_value", "freight",
                      "cod_amount", "weight_g")

#: Every field of the form in tab order; keys are the service's argument names
#: (and the ``field`` its ValidationErrors carry).
FIELD_ORDER = ("tracking_no", "carrier", "kind", "priority", "report_channel", "reporter_name",
               "reporter_contact", "description", *PARCEL_TEXT_FIELDS, "scope")

_OBJECT_NAMES = {
    "tracking_no": "regTrackingNo", "carrier": "regCarrier", "kind": "regKind",
    "priority": "regPriority", "report_channel": "regReportChannel",
    "reporter_name": "regReporterName", "reporter_contact": "regReporterContact",
    "description": "regDescription", "sender_name": "regSenderName",
    "sender_phone": "regSenderPhone", "sender_address": "regSenderAddress",
    "recipient_name": "regRecipientName", "recipient_phone": "regRecipientPhone",
    "recipient_address": "regRecipientAddress", "item_description": "regItem",
    "declared_value": "regDeclaredValue", "insured_value": "regInsuredValue",
    "freight": "regFreight", "cod_amount": "regCodAmount", "weight_g": "regWeight",
    "scope": "regScope",
}

# A reporter contact made only of phone characters is checked as a phone; anything
# else (a WeChat id, an e-mail address) is taken as written.
_PHONE_LIKE = re.compile(r"^[0-9０-９+＋()（）\s\-—–.转轉分机機ext]+$", re.IGNORECASE)

_ERROR_COLOUR = "#c62828"
_OK_COLOUR = "#2e7d32"
_HINT_COLOUR = "#6d6d6d"

_STYLE = f"""
QLabel[role="fieldError"] {{ color: {_ERROR_COLOUR}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {_ERROR_COLOUR}; border-radius: 2px; padding: 2px;
}}
QLineEdit[locked="true"] {{ background: #f1f3f5; color: #37474f; }}
QFrame#regGuidePanel {{ background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; }}
QFrame#regMessageBanner {{ background: #ffebee; border: 1px solid #ef9a9a; border-radius: 4px; }}
QLabel#regMessage {{ color: #b71c1c; }}
QLabel#regKnownParcel {{ background: #e3f2fd; border: 1px solid #90caf9; border-radius: 4px;
                         padding: 6px; color: #0d47a1; }}
QLabel#regCaseNoLabel {{ background: #f5f5f5; border: 1px solid #bdbdbd; border-radius: 6px;
                         padding: 14px 28px; color: #212121; }}
QLabel#regSuccessMark {{ color: {_OK_COLOUR}; }}
QLabel#regKeyHint, QLabel#regCopiedNote, QLabel#regSuccessDetails {{ color: {_HINT_COLOUR}; }}
"""


@dataclass
class _Slot:
    """One field of the form: its editor, its caption and its inline error."""

    widget: QWidget
    caption: QLabel | None
    error: QLabel


def _in_language(exc: DepotError) -> Callable[[], str]:
    """The error's message in whatever language is current when it is shown."""
    return lambda: exc.text(current_language())


def _money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _weight_text(grams: int | None) -> str:
    if grams is None:
        return ""
    return f"{Decimal(grams) / 1000:.3f}".rstrip("0").rstrip(".")


def choose_label_photo(parent: QWidget, title: str, name_filter: str, then: Callable[[Path], None]) -> None:
    """Ask for a photo of the waybill label (non-blocking); ``then(path)`` once chosen (tests replace this)."""
    from PySide6.QtGui import QGuiApplication

    dialog = QFileDialog(parent, title, str(Path.home()), name_filter)
    dialog.setObjectName("labelPhotoDialog")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog,
                     QGuiApplication.platformName() in ("offscreen", "minimal"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()


class RegistrationDialog(QDialog):
    """Register a problem on a parcel and hand out its case number.

    Opened non-blocking with ``open()``. Nothing is written until Save
    succeeds; a refusal from the service is shown next to the field it names.
    """

    sig_registered = Signal(int, str)
    """Emitted with (case id, case number) once the case is saved."""

    sig_open_existing = Signal(str)
    """Emitted with a case number when the clerk chooses to open the open case
    that already exists for this parcel and kind instead of registering a new one."""

    def __init__(self, ctx: DeskContext, *, tracking_no: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("registrationDialog")
        self._slots: dict[str, _Slot] = {}
        #: Field errors as callables so they re-render in the current language.
        self._errors: dict[str, Callable[[], str]] = {}
        self._banner_text: Callable[[], str] | None = None
        self._existing_case_no: str | None = None
        self._carrier_touched = False
        self._priority_touched = False
        self._tracking: TrackingInfo | None = None
        self._tracking_problem: DepotError | None = None
        self._known: dict[str, Any] | None = None
        self._known_open: list[QueueRow] = []
        self._looked_up = ""
        self._lookup_generation = 0
        #: Values filled in from a known parcel (cleared again if the number changes).
        self._prefilled: dict[str, str] = {}
        self._locked: set[str] = set()
        self._saving = False
        self._saved: CaseDetail | None = None

        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(300)
        self._lookup_timer.timeout.connect(self._look_up_parcel)

        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(920, 720)
        self.setMinimumSize(760, 560)

        if tracking_no:
            self.tracking_edit.setText(normalize_tracking(tracking_no))
            self._tracking_changed()
            self._look_up_parcel()
        if self._tracking is not None:
            self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tracking_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ================================================================== build
    def _build(self) -> None:
        self.setStyleSheet(_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("regStack")
        outer.addWidget(self.stack)
        self.form_page = QWidget()
        self.form_page.setObjectName("regFormPage")
        self.success_page = QWidget()
        self.success_page.setObjectName("regSuccessPage")
        self.stack.addWidget(self.form_page)
        self.stack.addWidget(self.success_page)
        self._build_form_page()
        self._build_success_page()
        self._build_shortcuts()
        self._set_tab_order()
        for key in FIELD_ORDER:
            self._slots[key].widget.installEventFilter(self)

    def _caption(self, parent: QWidget, key: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(f"{_OBJECT_NAMES[key]}Label")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # Lines the caption up with the editor's text when an error grows the cell.
        label.setContentsMargins(0, 5, 0, 0)
        return label

    def _slot(self, parent: QWidget, key: str, widget: QWidget, *, extra: QWidget | None = None,
              caption: bool = True) -> QWidget:
        """Put ``widget`` in a cell with its inline error label underneath."""
        widget.setObjectName(_OBJECT_NAMES[key])
        cell = QWidget(parent)
        cell.setObjectName(f"{_OBJECT_NAMES[key]}Cell")
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        widget.setParent(cell)
        box.addWidget(widget)
        if extra is not None:
            extra.setParent(cell)
            box.addWidget(extra)
        error = QLabel(cell)
        error.setObjectName(f"{_OBJECT_NAMES[key]}Error")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.setVisible(False)
        box.addWidget(error)
        # Keeps the editor at the top of a row that a neighbour's error made taller.
        box.addStretch(1)
        label = self._caption(parent, key) if caption else None
        if label is not None:
            label.setBuddy(widget)
        self._slots[key] = _Slot(widget, label, error)
        return cell

    def _combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    def _build_form_page(self) -> None:
        page = self.form_page
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)

        head = QHBoxLayout()
        self.title_label = QLabel(page)
        self.title_label.setObjectName("regTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title_label.setFont(font)
        self.operator_label = QLabel(page)
        self.operator_label.setObjectName("regOperator")
        self.operator_label.setStyleSheet(f"color: {_HINT_COLOUR};")
        head.addWidget(self.title_label)
        head.addStretch(1)
        head.addWidget(self.operator_label)
        layout.addLayout(head)

        # Message banner for refusals that belong to no single field.
        self.banner = QFrame(page)
        self.banner.setObjectName("regMessageBanner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(10, 6, 6, 6)
        self.message_label = QLabel(self.banner)
        self.message_label.setObjectName("regMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_existing_button = QPushButton(self.banner)
        self.open_existing_button.setObjectName("regOpenExisting")
        self.open_existing_button.setAutoDefault(False)
        self.open_existing_button.clicked.connect(self._open_existing)
        self.open_existing_button.setVisible(False)
        banner_row.addWidget(self.message_label, 1)
        banner_row.addWidget(self.open_existing_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.banner.setVisible(False)
        layout.addWidget(self.banner)

        self.known_label = QLabel(page)
        self.known_label.setObjectName("regKnownParcel")
        self.known_label.setWordWrap(True)
        self.known_label.setVisible(False)
        layout.addWidget(self.known_label)

        self.scroll_area = QScrollArea(page)
        self.scroll_area.setObjectName("regScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field only
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("regContent")
        self.scroll_area.setWidget(content)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 4, 0)
        body.setSpacing(10)
        body.addLayout(self._build_problem_section(content))
        body.addWidget(self._build_parcel_group(content))
        body.addStretch(1)
        layout.addWidget(self.scroll_area, 1)

        buttons = QHBoxLayout()
        self.key_hint = QLabel(page)
        self.key_hint.setObjectName("regKeyHint")
        self.cancel_button = QPushButton(page)
        self.cancel_button.setObjectName("regCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(page)
        self.save_button.setObjectName("regSave")
        self.save_button.setAutoDefault(False)
        self.save_button.setMinimumWidth(130)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.key_hint)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def _build_problem_section(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(18)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)

        self.tracking_edit = QLineEdit()
        self.tracking_edit.setMaxLength(64)
        self.tracking_edit.setClearButtonEnabled(True)
        self.tracking_edit.setMinimumHeight(32)
        font = self.tracking_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.tracking_edit.setFont(font)
        self.tracking_edit.textChanged.connect(lambda _t: self._tracking_changed())
        self.tracking_edit.textEdited.connect(lambda _t: self._lookup_timer.start())
        self.tracking_status = QLabel()
        self.tracking_status.setObjectName("regTrackingStatus")
        self.tracking_status.setWordWrap(True)
        tracking_cell = self._slot(parent, "tracking_no", self.tracking_edit, extra=self.tracking_status)
        # The number can also be read from a photo of the label (its barcode).
        self.read_photo_button = QPushButton(tracking_cell)
        self.read_photo_button.setObjectName("regReadFromPhoto")
        self.read_photo_button.setAutoDefault(False)
        self.read_photo_button.clicked.connect(self.read_from_photo)
        self._barcode_chooser: QDialog | None = None
        cell_box = tracking_cell.layout()
        assert isinstance(cell_box, QVBoxLayout)
        cell_box.removeWidget(self.tracking_edit)
        tracking_row = QHBoxLayout()
        tracking_row.setSpacing(6)
        tracking_row.addWidget(self.tracking_edit, 1)
        tracking_row.addWidget(self.read_photo_button)
        cell_box.insertLayout(0, tracking_row)

        self.carrier_combo = self._combo()
        for carrier in Carrier:
            self.carrier_combo.addItem("", carrier.value)
        self.carrier_combo.setCurrentIndex(-1)
        self.carrier_combo.activated.connect(self._carrier_chosen)
        carrier_cell = self._slot(parent, "carrier", self.carrier_combo)

        self.kind_combo = self._combo()
        for kind in ProblemKind:
            self.kind_combo.addItem("", kind.value)
        self.kind_combo.setCurrentIndex(-1)
        self.kind_combo.setMaxVisibleItems(len(ProblemKind))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        kind_cell = self._slot(parent, "kind", self.kind_combo)

        self.priority_combo = self._combo()
        for prio in Priority:
            self.priority_combo.addItem("", prio.value)
        self.priority_combo.setCurrentIndex(self.priority_combo.findData(Priority.NORMAL.value))
        self.priority_combo.activated.connect(self._priority_chosen)
        priority_cell = self._slot(parent, "priority", self.priority_combo)

        self.channel_combo = self._combo()
        for channel in ReportChannel:
            self.channel_combo.addItem("", channel.value)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(ReportChannel.COUNTER.value))
        channel_cell = self._slot(parent, "report_channel", self.channel_combo)

        self.reporter_name_edit = QLineEdit()
        self.reporter_name_edit.setMaxLength(64)
        reporter_cell = self._slot(parent, "reporter_name", self.reporter_name_edit)
        self.reporter_contact_edit = QLineEdit()
        self.reporter_contact_edit.setMaxLength(64)
        contact_cell = self._slot(parent, "reporter_contact", self.reporter_contact_edit)

        for r, (key, cell) in enumerate((("tracking_no", tracking_cell), ("carrier", carrier_cell),
                                         ("kind", kind_cell), ("priority", priority_cell),
                                         ("report_channel", channel_cell),
                                         ("reporter_name", reporter_cell),
                                         ("reporter_contact", contact_cell))):
            caption = self._slots[key].caption
            assert caption is not None
            grid.addWidget(caption, r, 0)
            grid.addWidget(cell, r, 1)
        grid.setRowStretch(7, 1)
        row.addLayout(grid, 5)

        right = QVBoxLayout()
        right.setSpacing(6)
        self.guide_panel = QFrame(parent)
        self.guide_panel.setObjectName("regGuidePanel")
        guide_box = QVBoxLayout(self.guide_panel)
        guide_box.setContentsMargins(12, 8, 12, 10)
        guide_box.setSpacing(4)
        self.guide_title = QLabel(self.guide_panel)
        self.guide_title.setObjectName("regKindGuideTitle")
        bold = self.guide_title.font()
        bold.setBold(True)
        self.guide_title.setFont(bold)
        self.guide_label = QLabel(self.guide_panel)
        self.guide_label.setObjectName("regKindGuide")
        self.guide_label.setWordWrap(True)
        self.guide_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guide_notes = QLabel(self.guide_panel)
        self.guide_notes.setObjectName("regKindNotes")
        self.guide_notes.setWordWrap(True)
        self.guide_notes.setStyleSheet("color: #8d5300;")
        guide_box.addWidget(self.guide_title)
        guide_box.addWidget(self.guide_label)
        guide_box.addWidget(self.guide_notes)
        guide_box.addStretch(1)
        self.guide_panel.setMinimumHeight(112)
        right.addWidget(self.guide_panel)

        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(90)
        # Takes the height the left column needs, no more: the parcel facts stay in view.
        self.description_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        description_cell = self._slot(parent, "description", self.description_edit)
        description_caption = self._slots["description"].caption
        assert description_caption is not None
        description_caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        description_caption.setContentsMargins(0, 4, 0, 0)
        right.addWidget(description_caption)
        right.addWidget(description_cell, 1)
        row.addLayout(right, 6)
        return row

    def _build_parcel_group(self, parent: QWidget) -> QGroupBox:
        self.parcel_group = QGroupBox(parent)
        self.parcel_group.setObjectName("regParcelGroup")
        grid = QGridLayout(self.parcel_group)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        grid.setColumnMinimumWidth(2, 14)

        self.sender_heading = QLabel(self.parcel_group)
        self.sender_heading.setObjectName("regSenderHeading")
        self.recipient_heading = QLabel(self.parcel_group)
        self.recipient_heading.setObjectName("regRecipientHeading")
        for heading in (self.sender_heading, self.recipient_heading):
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        grid.addWidget(self.sender_heading, 0, 1)
        grid.addWidget(self.recipient_heading, 0, 4)

        self.parcel_edits: dict[str, QLineEdit] = {}
        cells: dict[str, QWidget] = {}
        for key in PARCEL_TEXT_FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(TEXT_LIMITS.get(key, 40))
            if key in MONEY_FIELDS or key == "weight_g":
                edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.parcel_edits[key] = edit
            cells[key] = self._slot(self.parcel_group, key, edit)
        self.scope_combo = self._combo()
        for scope in ShipmentScope:
            self.scope_combo.addItem("", scope.value)
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(ShipmentScope.DOMESTIC.value))
        cells["scope"] = self._slot(self.parcel_group, "scope", self.scope_combo)

        def place(key: str, row: int, col: int, span: int = 1) -> None:
            caption = self._slots[key].caption
            assert caption is not None
            grid.addWidget(caption, row, col)
            grid.addWidget(cells[key], row, col + 1, 1, span)

        place("sender_name", 1, 0)
        place("recipient_name", 1, 3)
        place("sender_phone", 2, 0)
        place("recipient_phone", 2, 3)
        place("sender_address", 3, 0)
        place("recipient_address", 3, 3)
        line = QFrame(self.parcel_group)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 4, 0, 1, 5)
        place("item_description", 5, 0, 4)
        place("declared_value", 6, 0)
        place("insured_value", 6, 3)
        place("freight", 7, 0)
        place("cod_amount", 7, 3)
        place("weight_g", 8, 0)
        place("scope", 8, 3)
        return self.parcel_group

    def _build_success_page(self) -> None:
        page = self.success_page
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.setSpacing(12)
        layout.addStretch(2)
        self.success_mark = QLabel("✔", page)
        self.success_mark.setObjectName("regSuccessMark")
        mark_font = self.success_mark.font()
        mark_font.setPointSize(40)
        self.success_mark.setFont(mark_font)
        self.success_mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.success_title = QLabel(page)
        self.success_title.setObjectName("regSuccessTitle")
        title_font = self.success_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.success_title.setFont(title_font)
        self.success_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.success_prompt = QLabel(page)
        self.success_prompt.setObjectName("regSuccessPrompt")
        self.success_prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.case_no_label = QLabel(page)
        self.case_no_label.setObjectName("regCaseNoLabel")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSize(34)
        mono.setBold(True)
        # A little air between characters keeps 0/O and 1/I apart when read aloud.
        mono.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.case_no_label.setFont(mono)
        self.case_no_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.case_no_label.setTextFormat(Qt.TextFormat.PlainText)
        self.case_no_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.case_no_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        self.success_details = QLabel(page)
        self.success_details.setObjectName("regSuccessDetails")
        self.success_details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.success_details.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        self.copy_button = QPushButton(page)
        self.copy_button.setObjectName("regCopyButton")
        self.copy_button.setAutoDefault(False)
        self.copy_button.setMinimumSize(140, 36)
        self.copy_button.clicked.connect(self.copy_case_no)
        self.done_button = QPushButton(page)
        self.done_button.setObjectName("regDoneButton")
        self.done_button.setAutoDefault(False)
        self.done_button.setMinimumSize(140, 36)
        self.done_button.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        self.copied_note = QLabel(page)
        self.copied_note.setObjectName("regCopiedNote")
        self.copied_note.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout.addWidget(self.success_mark)
        layout.addWidget(self.success_title)
        layout.addSpacing(6)
        layout.addWidget(self.success_prompt)
        layout.addWidget(self.case_no_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.success_details)
        layout.addSpacing(10)
        layout.addLayout(buttons)
        layout.addWidget(self.copied_note)
        layout.addStretch(3)

    def _build_shortcuts(self) -> None:
        self._save_shortcuts = []
        for seq in (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"),
                    QKeySequence(QKeySequence.StandardKey.Save)):
            shortcut = QShortcut(seq, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.save)
            self._save_shortcuts.append(shortcut)

    def _set_tab_order(self) -> None:
        chain = [self.open_existing_button, *(self._slots[k].widget for k in FIELD_ORDER),
                 self.cancel_button, self.save_button, self.read_photo_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)

    # ============================================================== language
    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        lang = current_language()
        self.setWindowTitle(self.tr("Register a problem parcel"))
        self.title_label.setText(self.tr("Register a problem parcel"))
        self.operator_label.setText(self.tr("Registered by {0}").format(self.ctx.operator.name))

        captions = {
            "tracking_no": self.tr("&Tracking number *"),
            "carrier": self.tr("&Carrier"),
            "kind": self.tr("&Kind of problem *"),
            "priority": self.tr("&Priority"),
            "report_channel": self.tr("Reported &via"),
            "reporter_name": self.tr("&Reporter *"),
            "reporter_contact": self.tr("Reporter c&ontact *"),
            "description": self.tr("&Description"),
            "sender_name": self.tr("&Name"),
            "sender_phone": self.tr("Phone"),
            "sender_address": self.tr("Address"),
            "recipient_name": self.tr("N&ame"),
            "recipient_phone": self.tr("Phone"),
            "recipient_address": self.tr("Address"),
            "item_description": self.tr("Ite&m"),
            "declared_value": self.tr("Declared value ¥"),
            "insured_value": self.tr("Insured value ¥"),
            "freight": self.tr("Freight ¥"),
            "cod_amount": self.tr("COD amount ¥"),
            "weight_g": self.tr("Weight (kg)"),
            "scope": self.tr("Scope"),
        }
        accessible = {
            "tracking_no": self.tr("Tracking number"),
            "carrier": self.tr("Carrier"),
            "kind": self.tr("Kind of problem"),
            "priority": self.tr("Priority"),
            "report_channel": self.tr("Reported via"),
            "reporter_name": self.tr("Reporter name"),
            "reporter_contact": self.tr("Reporter contact"),
            "description": self.tr("Description of the problem"),
            "sender_name": self.tr("Sender name"),
            "sender_phone": self.tr("Sender phone"),
            "sender_address": self.tr("Sender address"),
            "recipient_name": self.tr("Recipient name"),
            "recipient_phone": self.tr("Recipient phone"),
            "recipient_address": self.tr("Recipient address"),
            "item_description": self.tr("Item"),
            "declared_value": self.tr("Declared value in yuan"),
            "insured_value": self.tr("Insured value in yuan"),
            "freight": self.tr("Freight in yuan"),
            "cod_amount": self.tr("Cash-on-delivery amount in yuan"),
            "weight_g": self.tr("Weight in kilograms"),
            "scope": self.tr("Shipment scope"),
        }
        for key, slot in self._slots.items():
            if slot.caption is not None:
                slot.caption.setText(captions[key])
            slot.widget.setAccessibleName(accessible[key])
            slot.error.setAccessibleName(self.tr("Problem with {0}").format(accessible[key]))
        self.tracking_status.setAccessibleName(self.tr("Tracking number check"))

        self.tracking_edit.setPlaceholderText(self.tr("Scan or type the waybill number"))
        self.read_photo_button.setText(self.tr("Read from p&hoto…"))
        self.read_photo_button.setAccessibleName(self.tr("Read the tracking number from a photo of the label"))
        self.read_photo_button.setToolTip(self.tr("Choose a photo of the waybill label: its barcode gives the number"))
        self.reporter_name_edit.setPlaceholderText(self.tr("Who reported the problem"))
        self.reporter_contact_edit.setPlaceholderText(self.tr("Phone, WeChat or e-mail"))
        self.description_edit.setPlaceholderText(
            self.tr("What happened, what the customer wants (Tab moves on)"))
        money_hint = self.tr("e.g. 120.00")
        for key in MONEY_FIELDS:
            self.parcel_edits[key].setPlaceholderText(money_hint)
        self.parcel_edits["weight_g"].setPlaceholderText(self.tr("e.g. 1.25"))
        self.parcel_edits["item_description"].setPlaceholderText(self.tr("What is in the parcel"))
        self._refresh_phone_placeholders()

        self._fill_combo(self.carrier_combo, {c.value: c.label(lang) for c in Carrier})
        self.carrier_combo.setPlaceholderText(self.tr("Detected from the number"))
        self._fill_combo(self.kind_combo, {k.value: k.label(lang) for k in ProblemKind})
        self.kind_combo.setPlaceholderText(self.tr("Choose the problem…"))
        self._fill_combo(self.priority_combo, {p.value: p.label(lang) for p in Priority})
        self._fill_combo(self.channel_combo, {c.value: c.label(lang) for c in ReportChannel})
        self._fill_combo(self.scope_combo, {s.value: s.label(lang) for s in ShipmentScope})

        self.parcel_group.setTitle(self.tr("Parcel facts, as on the waybill"))
        self.sender_heading.setText(self.tr("Sender"))
        self.recipient_heading.setText(self.tr("Recipient"))
        self.guide_panel.setAccessibleName(self.tr("Handling guide"))
        self.guide_label.setAccessibleName(self.tr("Handling guide"))
        self.open_existing_button.setText(self.tr("Open that case"))
        self.open_existing_button.setAccessibleName(self.tr("Open the existing case"))
        self.message_label.setAccessibleName(self.tr("Message"))
        self.known_label.setAccessibleName(self.tr("Known parcel"))
        self.key_hint.setText(self.tr("Ctrl+Enter saves · Esc cancels · * required"))
        self.save_button.setText(self.tr("&Save case"))
        self.save_button.setAccessibleName(self.tr("Save the case"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter or Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel without saving"))

        self.success_title.setText(self.tr("Case registered"))
        self.success_prompt.setText(self.tr("Case number, to read to the customer:"))
        self.case_no_label.setAccessibleName(self.tr("Case number"))
        self.copy_button.setText(self.tr("&Copy number"))
        self.copy_button.setAccessibleName(self.tr("Copy the case number"))
        self.done_button.setText(self.tr("Done"))
        self.done_button.setAccessibleName(self.tr("Done"))
        self.success_details.setAccessibleName(self.tr("Case details"))
        if self.copied_note.text():
            self.copied_note.setText(self.tr("Copied to the clipboard."))

        self._show_guide()
        self._show_tracking_status(final=bool(self._errors.get("tracking_no")))
        self._show_known_parcel()
        self._show_success_details()
        for key in list(self._errors):
            self._render_error(key)
        if self._banner_text is not None:
            self.message_label.setText(self._banner_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        # Enum labels come from the domain, not from a translator, so a switch
        # that installs no translator (no .qm yet) still needs a refresh.
        self.retranslate()

    @staticmethod
    def _fill_combo(combo: QComboBox, labels: dict[str, str]) -> None:
        """Relabel a combo's items in place (keeps the selection and emits nothing)."""
        combo.blockSignals(True)
        for i in range(combo.count()):
            combo.setItemText(i, labels.get(combo.itemData(i), combo.itemText(i)))
        combo.blockSignals(False)

    # ======================================================== field behaviour
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.stack.currentWidget() is self.form_page:
            reason = event.reason()  # type: ignore[attr-defined]
            if reason not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
                key = self._key_of(watched)
                if key is not None and not self._saving:
                    self._validate(key)
                    if key == "tracking_no":
                        self._look_up_parcel()
        return super().eventFilter(watched, event)

    def _key_of(self, widget: QObject) -> str | None:
        for key, slot in self._slots.items():
            if slot.widget is widget:
                return key
        return None

    def _chosen_carrier(self) -> Carrier | None:
        """The carrier the clerk picked by hand; None while the detected one stands."""
        if not self._carrier_touched or self.carrier_combo.currentIndex() < 0:
            return None
        return Carrier(self.carrier_combo.currentData())

    def _carrier_chosen(self, _index: int) -> None:
        self._carrier_touched = True
        self._tracking_changed()
        if "tracking_no" in self._errors:
            self._validate("tracking_no")

    def _priority_chosen(self, _index: int) -> None:
        self._priority_touched = True

    def _tracking_changed(self) -> None:
        """Check the number as it is typed and show the carrier it belongs to."""
        text = self.tracking_edit.text()
        try:
            info = validate_tracking(text, self._chosen_carrier())
        except ValidationError as exc:
            self._tracking, self._tracking_problem = None, exc
        else:
            self._tracking, self._tracking_problem = info, None
            if not self._carrier_touched:
                carrier = info.carrier
                if self._known is not None and self._known.get("tracking_no") == info.number:
                    carrier = Carrier(self._known["carrier"])
                self.carrier_combo.setCurrentIndex(self.carrier_combo.findData(carrier.value))
            self._clear_error("tracking_no")
        if self._tracking is None and not self._carrier_touched:
            self.carrier_combo.setCurrentIndex(-1)
        if self._tracking is None or self._tracking.number != self._looked_up:
            # Another parcel now: forget the last lookup and any answer still on its way.
            self._looked_up = ""
            self._lookup_generation += 1
            if self._known is not None:
                self._apply_known(None, [])
        self._show_tracking_status(final="tracking_no" in self._errors)

    def _show_tracking_status(self, *, final: bool) -> None:
        """Detected carrier in green; while typing, what is still wrong in grey."""
        lang = current_language()
        if self._tracking is not None:
            if self._carrier_touched:
                text = self.tr("✓ Valid for {0} (chosen by hand)").format(self._tracking.carrier.label(lang))
            else:
                text = self.tr("✓ Detected: {0}").format(self._tracking.carrier.label(lang))
            colour = _OK_COLOUR
        elif self._tracking_problem is not None and self.tracking_edit.text().strip() and not final:
            text, colour = self._tracking_problem.text(lang), _HINT_COLOUR
        else:
            text, colour = "", _HINT_COLOUR
        self.tracking_status.setText(text)
        self.tracking_status.setStyleSheet(f"color: {colour};")
        self.tracking_status.setVisible(bool(text))

    def _kind(self) -> ProblemKind | None:
        data = self.kind_combo.currentData()
        return ProblemKind(data) if data else None

    def _kind_changed(self) -> None:
        kind = self._kind()
        if kind is not None:
            self._clear_error("kind")
            if not self._priority_touched:
                self.priority_combo.setCurrentIndex(self.priority_combo.findData(kind.info.default_priority.value))
        self._show_guide()

    def _show_guide(self) -> None:
        lang = current_language()
        kind = self._kind()
        if kind is None:
            self.guide_title.setText(self.tr("Handling guide"))
            self.guide_label.setText(self.tr("Choose the kind of problem to see how it is usually handled."))
            self.guide_notes.setVisible(False)
            return
        self.guide_title.setText(self.tr("How to handle: {0}").format(kind.label(lang)))
        self.guide_label.setText(kind.guide(lang))
        notes = []
        if kind.info.needs_photos:
            notes.append(self.tr("Take photos first: damage is argued over photos."))
        if kind.info.needs_written_confirmation:
            notes.append(self.tr("Money terms change: the customer's written confirmation is required."))
        if kind.info.is_complaint:
            notes.append(self.tr("Complaint: first response due within {0} hours.")
                         .format(self.ctx.policy.complaint_first_response_hours))
        self.guide_notes.setText("\n".join(notes))
        self.guide_notes.setVisible(bool(notes))

    # ======================================================== known parcels
    def _look_up_parcel(self) -> None:
        """Fetch the facts of a parcel already on record (off the GUI thread)."""
        self._lookup_timer.stop()
        info = self._tracking
        if info is None or info.number == self._looked_up:
            return
        self._looked_up = info.number
        self._lookup_generation += 1
        generation = self._lookup_generation
        queries = self.ctx.services.queries
        number = info.number

        def load() -> tuple[dict[str, Any] | None, list[QueueRow]]:
            known = queries.known_parcel(number)
            return known, (queries.open_case_for_tracking(number) if known else [])

        def loaded(result: tuple[dict[str, Any] | None, list[QueueRow]]) -> None:
            if generation != self._lookup_generation or self._saving or self._saved is not None:
                return  # the number changed meanwhile, or the case is already saved
            if self._tracking is None or self._tracking.number != number:
                return
            self._apply_known(*result)

        def failed(_exc: BaseException) -> bool:
            self._looked_up = ""  # try again next time; the lookup is only a convenience
            return False

        run_task(self, load, loaded, failed)

    def _apply_known(self, known: dict[str, Any] | None, open_cases: list[QueueRow]) -> None:
        """Fill in (and lock) the facts on record; undo an earlier fill-in first."""
        for key, value in self._prefilled.items():
            if key == "scope":
                continue
            edit = self.parcel_edits[key]
            if edit.text() == value:
                edit.clear()
        self._prefilled.clear()
        for key in list(self._locked):
            self._set_locked(key, False)
        self._known, self._known_open = known, open_cases
        if known is None:
            self._refresh_phone_placeholders()
            self._show_known_parcel()
            return
        values: dict[str, str] = {}
        for key in PARCEL_TEXT_FIELDS:
            raw = known.get(key)
            if key in MONEY_FIELDS:
                values[key] = _money_text(raw)
            elif key == "weight_g":
                values[key] = _weight_text(raw)
            else:
                values[key] = str(raw or "")
        for key, value in values.items():
            if not value:
                continue
            # Phones come masked: the service only fills blanks on a known parcel, so
            # the masked number is shown as a placeholder and the field stays locked.
            # Whatever was typed over a recorded fact would be ignored, so the record wins.
            if key in PHONE_FIELDS:
                self.parcel_edits[key].clear()
            else:
                self.parcel_edits[key].setText(value)
                self._prefilled[key] = value
            self._clear_error(key)
            self._set_locked(key, True)
        scope = known.get("scope")
        if scope:
            self.scope_combo.setCurrentIndex(self.scope_combo.findData(ShipmentScope(scope).value))
            self._prefilled["scope"] = str(ShipmentScope(scope).value)
            self._set_locked("scope", True)
        if not self._carrier_touched and known.get("carrier"):
            self.carrier_combo.setCurrentIndex(self.carrier_combo.findData(known["carrier"]))
        self._refresh_phone_placeholders()
        self._show_known_parcel()

    def _set_locked(self, key: str, locked: bool) -> None:
        widget = self._slots[key].widget
        if isinstance(widget, QLineEdit):
            widget.setReadOnly(locked)
            widget.setProperty("locked", locked)
            # Tab skips facts that are already on record; a click still selects them.
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus if locked else Qt.FocusPolicy.StrongFocus)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        else:
            widget.setEnabled(not locked)
        if locked:
            self._locked.add(key)
            widget.setToolTip(self.tr("On record for this parcel; correct it in the case after saving."))
        else:
            self._locked.discard(key)
            widget.setToolTip("")

    def _refresh_phone_placeholders(self) -> None:
        for key in PHONE_FIELDS:
            masked = (self._known or {}).get(key) or ""
            if masked and key in self._locked:
                self.parcel_edits[key].setPlaceholderText(self.tr("{0} (on record)").format(masked))
            else:
                self.parcel_edits[key].setPlaceholderText(self.tr("Mobile or landline with area code"))

    def _show_known_parcel(self) -> None:
        if self._known is None:
            self.known_label.setVisible(False)
            self.known_label.clear()
            return
        lang = current_language()
        text = self.tr("Known parcel {0}: the facts on record are filled in and locked; "
                       "blank ones can be added here.").format(self._known.get("tracking_no", ""))
        if self._known_open:
            # Between the open cases listed on the banner (“、” in Chinese).
            separator = self.tr(", ")
            cases = separator.join(self.tr("{0} ({1})", "case number and its kind of problem").format(
                row.case_no, row.kind.label(lang)) for row in self._known_open)
            text += " " + self.tr("Open cases on this parcel: {0}.").format(cases)
        self.known_label.setText(text)
        self.known_label.setVisible(True)

    # ============================================================ validation
    def _problem(self, key: str) -> Callable[[], str] | None:
        """What is wrong with one field now, or None."""
        if key in self._locked:
            return None
        try:
            if key == "tracking_no":
                validate_tracking(self.tracking_edit.text(), self._chosen_carrier())
            elif key == "kind":
                if self._kind() is None:
                    return lambda: self.tr("Choose the kind of problem.")
            elif key == "reporter_name":
                if not self.reporter_name_edit.text().strip():
                    return lambda: self.tr("Enter who reported the problem.")
            elif key == "reporter_contact":
                contact = self.reporter_contact_edit.text().strip()
                if not contact:
                    return lambda: self.tr("Enter how to reach the reporter (phone, WeChat, e-mail).")
                if _PHONE_LIKE.match(contact) and sum(c.isdigit() for c in contact) >= 5:
                    validate_phone(contact, field="reporter_contact")
            elif key in PHONE_FIELDS:
                text = self.parcel_edits[key].text().strip()
                if text:
                    validate_phone(text, field=key)
            elif key in PARCEL_TEXT_FIELDS:
                parse_parcel_facts({key: self.parcel_edits[key].text()})
                if key == "insured_value":
                    self._check_insured_against_declared()
        except DepotError as exc:
            return _in_language(exc)
        return None

    def _check_insured_against_declared(self) -> None:
        declared = self.parcel_edits["declared_value"]
        try:
            parse_parcel_facts({"declared_value": declared.text()})
        except DepotError:
            return  # the declared value's own error says enough
        parse_parcel_facts({"declared_value": declared.text(),
                            "insured_value": self.parcel_edits["insured_value"].text()})

    def _validate(self, key: str) -> bool:
        problem = self._problem(key)
        if problem is None:
            self._clear_error(key)
        else:
            self._set_error(key, problem)
        if key == "declared_value" and self.parcel_edits["insured_value"].text().strip():
            self._validate("insured_value")
        return problem is None

    def _set_error(self, key: str, message: Callable[[], str]) -> None:
        self._errors[key] = message
        self._render_error(key)
        if key == "tracking_no":
            self._show_tracking_status(final=True)

    def _render_error(self, key: str) -> None:
        slot = self._slots[key]
        message = self._errors.get(key)
        slot.error.setText(message() if message else "")
        slot.error.setVisible(message is not None)
        slot.widget.setProperty("invalid", message is not None)
        slot.widget.style().unpolish(slot.widget)
        slot.widget.style().polish(slot.widget)

    def _clear_error(self, key: str) -> None:
        if key in self._errors:
            del self._errors[key]
            self._render_error(key)

    def field_error(self, key: str) -> str:
        """The inline message shown under a field ("" when none), e.g. for tests."""
        message = self._errors.get(key)
        return message() if message else ""

    def _focus_field(self, key: str) -> None:
        widget = self._slots[key].widget
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(self._slots[key].error if key in self._errors else widget)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _show_banner(self, message: Callable[[], str] | None, *, case_no: str | None = None) -> None:
        self._banner_text = message
        self._existing_case_no = case_no
        self.message_label.setText(message() if message else "")
        # Offered only when someone listens; otherwise the message names the case anyway.
        listening = self.isSignalConnected(QMetaMethod.fromSignal(self.sig_open_existing))
        self.open_existing_button.setVisible(case_no is not None and listening)
        self.banner.setVisible(message is not None)

    def _open_existing(self) -> None:
        if self._existing_case_no:
            self.sig_open_existing.emit(self._existing_case_no)
            self.reject()

    # ================================================================== save
    def _values(self) -> dict[str, Any]:
        """The service's keyword arguments, from the form as it stands."""
        parcel: dict[str, Any] = {}
        for key, edit in self.parcel_edits.items():
            if key not in self._locked and edit.text().strip():
                parcel[key] = edit.text().strip()
        if "scope" not in self._locked:
            parcel["scope"] = self.scope_combo.currentData()
        kind = self._kind()
        assert kind is not None
        return dict(
            tracking_no=self.tracking_edit.text(), kind=kind, by=self.ctx.operator.id,
            carrier=self._chosen_carrier(),
            priority=Priority(self.priority_combo.currentData()),
            report_channel=ReportChannel(self.channel_combo.currentData()),
            reporter_name=self.reporter_name_edit.text().strip(),
            reporter_contact=self.reporter_contact_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            parcel=parcel,
        )

    def save(self) -> None:
        """Check every field, then register the case off the GUI thread."""
        if self._saving or self._saved is not None or self.stack.currentWidget() is not self.form_page:
            return
        self._show_banner(None)
        invalid = [key for key in FIELD_ORDER if not self._validate(key)]
        if invalid:
            self._focus_field(invalid[0])
            return
        kwargs = self._values()
        cases = self.ctx.services.cases
        self._set_saving(True)
        run_task(self, lambda: cases.register_case(**kwargs), self._saved_case, self._save_failed)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        if saving:
            self.form_page.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.form_page.unsetCursor()

    def _save_failed(self, exc: BaseException) -> bool:
        self._set_saving(False)
        if isinstance(exc, DuplicateOpenCaseError):
            self._show_banner(_in_language(exc), case_no=exc.case_no)
            self.scroll_area.ensureVisible(0, 0)
            if self.open_existing_button.isVisibleTo(self):
                self.open_existing_button.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self._focus_field("kind")
            return True
        if isinstance(exc, ValidationError) and exc.field in self._slots:
            self._set_error(exc.field, _in_language(exc))
            self._focus_field(exc.field)
            return True
        if isinstance(exc, DepotError):
            self._show_banner(_in_language(exc))
            self.scroll_area.ensureVisible(0, 0)
            return True
        return False  # a fault, not the clerk's business: the error presenter logs and shows it

    def _saved_case(self, detail: CaseDetail) -> None:
        self._set_saving(False)
        self._saved = detail
        self.case_no_label.setText(detail.case_no)
        self.copied_note.clear()
        self._show_success_details()
        self.stack.setCurrentWidget(self.success_page)
        self.done_button.setDefault(True)
        self.sig_registered.emit(detail.id, detail.case_no)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_success_details(self) -> None:
        detail = self._saved
        if detail is None:
            self.success_details.clear()
            return
        lang = current_language()
        text = self.tr("Tracking number {0} · {1} · due {2}").format(
            detail.parcel.tracking_no, detail.kind.label(lang), format_local(detail.due_at))
        if detail.kind.info.is_complaint and detail.first_response_due_at is not None:
            text += "\n" + self.tr("First response to the customer due {0}").format(
                format_local(detail.first_response_due_at))
        self.success_details.setText(text)

    @property
    def case_no(self) -> str | None:
        """The number of the case this dialog registered, once saved."""
        return self._saved.case_no if self._saved is not None else None

    def copy_case_no(self) -> None:
        """Put the new case number on the clipboard."""
        if self._saved is None:
            return
        QGuiApplication.clipboard().setText(self._saved.case_no)
        self.copied_note.setText(self.tr("Copied to the clipboard."))

    # ============================================================== keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                self.save()
                return
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
                return
            if self.stack.currentWidget() is self.form_page and focus is not None:
                if focus is self.tracking_edit:
                    self._tracking_entered()
                else:
                    # Enter moves on like Tab: clerks used to paper forms press it. It
                    # never lands on Cancel, so pressing it through the form cannot lose it.
                    self.focusNextChild()
                    if self.focusWidget() is self.cancel_button:
                        self.save_button.setFocus(Qt.FocusReason.TabFocusReason)
                return
        super().keyPressEvent(event)

    # ===================================================== number from a photo
    def read_from_photo(self) -> None:
        """*Read from photo…*: choose a label photo, read its barcode, fill the tracking number."""
        choose_label_photo(self, self.tr("Photo of the waybill label"),
                           self.tr("Pictures (*.jpg *.jpeg *.png *.webp);;All files (*)"), self.read_label_photo)

    def read_label_photo(self, source: ImageSource) -> None:
        """Read the tracking number from ``source`` off the GUI thread and put it in the field."""
        self.read_photo_button.setEnabled(False)

        def found(numbers: list[TrackingInfo]) -> None:
            self.read_photo_button.setEnabled(True)
            if not numbers:
                self._set_error("tracking_no", lambda: self.tr("No tracking number found in that picture"))
                self._focus_field("tracking_no")
            elif len(numbers) == 1:
                self.use_tracking_number(numbers[0].number)
            else:
                self._barcode_chooser = open_tracking_chooser(self, numbers, self.use_tracking_number)

        def failed(exc: BaseException) -> bool:
            self.read_photo_button.setEnabled(True)
            if isinstance(exc, DepotError):
                self._set_error("tracking_no", _in_language(exc))
                self._focus_field("tracking_no")
                return True
            return False

        read_tracking_numbers(self, source, found, failed)

    def use_tracking_number(self, number: str) -> None:
        """Put a number read from a label into the field, check it, go on to the kind."""
        self.tracking_edit.setText(normalize_tracking(number))
        self._tracking_changed()
        self._tracking_entered()

    def _tracking_entered(self) -> None:
        """A scanner ends with Enter: check the number and go to the kind of problem."""
        if self._validate("tracking_no"):
            self._look_up_parcel()
            self.kind_combo.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.tracking_edit.selectAll()

    def reject(self) -> None:
        # After saving, Esc or closing the window means "done", not "cancelled".
        if self._saved is not None:
            self.accept()
            return
        super().reject()
