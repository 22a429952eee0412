"""How the registration dialog's widgets are built and laid out.

:class:`RegistrationLayout` (a mixin of ``RegistrationDialog``, in the manner of
a Designer ui class) makes the two pages: the form, with the problem section
(tracking number, kind, reporter, handling guide, description) above the parcel
facts as on the waybill, and the success page with the new case number in large
type. It sets no text: the dialog's ``retranslate()`` does, in the current language.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
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

from depot_app.domain.identifiers import Carrier
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.parcel import MONEY_FIELDS, TEXT_LIMITS
from depot_app.domain.vocabulary import Priority, ReportChannel, ShipmentScope
from depot_app.ui.registration.registration_fields import (
    FIELD_ORDER,
    HINT_COLOUR,
    OBJECT_NAMES,
    PARCEL_TEXT_FIELDS,
    REGISTRATION_STYLE,
    FieldSlot,
)


class RegistrationLayout:
    """Builds the registration dialog's pages, shortcuts and tab order (a mixin of ``RegistrationDialog``).

    Every field goes into ``_slots`` with its caption and inline error; the
    editors' signals go to the dialog's field behaviour.
    """

    _slots: dict[str, FieldSlot]

    def _build(self) -> None:
        self.setStyleSheet(REGISTRATION_STYLE)
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
        label.setObjectName(f"{OBJECT_NAMES[key]}Label")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # Lines the caption up with the editor's text when an error grows the cell.
        label.setContentsMargins(0, 5, 0, 0)
        return label

    def _slot(self, parent: QWidget, key: str, widget: QWidget, *, extra: QWidget | None = None,
              caption: bool = True) -> QWidget:
        """Put ``widget`` in a cell with its inline error label underneath."""
        widget.setObjectName(OBJECT_NAMES[key])
        cell = QWidget(parent)
        cell.setObjectName(f"{OBJECT_NAMES[key]}Cell")
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        widget.setParent(cell)
        box.addWidget(widget)
        if extra is not None:
            extra.setParent(cell)
            box.addWidget(extra)
        error = QLabel(cell)
        error.setObjectName(f"{OBJECT_NAMES[key]}Error")
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
        self._slots[key] = FieldSlot(widget, label, error)
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
        self.operator_label.setStyleSheet(f"color: {HINT_COLOUR};")
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
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

