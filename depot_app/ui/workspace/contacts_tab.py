"""The Contacts tab: log a call in a few keystrokes, see every attempt, send a ready-made message.

Keyboard path: Ctrl+L (anywhere in the workspace) lands on *party*; Tab
through *channel* and *outcome* (arrow keys or the first letter choose),
Tab to the note, Enter saves. After two failed attempts on the recipient an
amber banner says to contact the sender and the party is preselected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.identifiers import mask_name
from depot_app.domain.money import format_yuan
from depot_app.domain.templates import Template, render_template, templates_for
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import ContactChannel, ContactOutcome, ContactParty, ResolutionType
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language
from depot_app.ui.workspace.tab_common import OVERDUE_COLOR, CaseHost, combo_value, fill_enum_combo, select_data

#: Languages a message can be written in (not necessarily the interface language).
MESSAGE_LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


class ContactsTab(RetranslatesOnLanguageChange, QWidget):
    """Log contact attempts, read the history, copy a message template."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: CaseDetail | None = None
        #: Facts for templates that do not come from the case (depot name and phone).
        self.depot_facts: dict[str, str] = {}
        self._templates: list[Template] = []
        self._build()
        self.retranslate()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        self.banner = QLabel(self)
        self.banner.setObjectName("senderSuggestion")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel#senderSuggestion { background: #fff3cd; color: #6d4c00;"
                                  " border: 1px solid #f0b429; border-radius: 4px; padding: 6px 10px;"
                                  " font-weight: bold; }")
        self.banner.setVisible(False)
        outer.addWidget(self.banner)

        self.form_box = QGroupBox(self)
        self.form_box.setObjectName("contactForm")
        form = QHBoxLayout(self.form_box)
        self.party = QComboBox(self.form_box)
        self.party.setObjectName("contactParty")
        self.channel = QComboBox(self.form_box)
        self.channel.setObjectName("contactChannel")
        self.outcome = QComboBox(self.form_box)
        self.outcome.setObjectName("contactOutcome")
        self.note = QLineEdit(self.form_box)
        self.note.setObjectName("contactNote")
        self.note.returnPressed.connect(self.save)
        self.save_button = QPushButton(self.form_box)
        self.save_button.setObjectName("contactSave")
        self.save_button.clicked.connect(self.save)
        self.party_label = QLabel(self.form_box)
        self.party_label.setBuddy(self.party)
        self.channel_label = QLabel(self.form_box)
        self.channel_label.setBuddy(self.channel)
        self.outcome_label = QLabel(self.form_box)
        self.outcome_label.setBuddy(self.outcome)
        self.note_label = QLabel(self.form_box)
        self.note_label.setBuddy(self.note)
        for label, widget, stretch in ((self.party_label, self.party, 0), (self.channel_label, self.channel, 0),
                                       (self.outcome_label, self.outcome, 0), (self.note_label, self.note, 1)):
            form.addWidget(label)
            form.addWidget(widget, stretch)
        form.addWidget(self.save_button)
        outer.addWidget(self.form_box)
        self.closed_note = QLabel(self)
        self.closed_note.setObjectName("contactClosedNote")
        self.closed_note.setStyleSheet(f"color: {OVERDUE_COLOR};")
        self.closed_note.setVisible(False)
        outer.addWidget(self.closed_note)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("contactSplitter")
        self.history = QTreeWidget(splitter)
        self.history.setObjectName("contactHistory")
        self.history.setColumnCount(6)
        self.history.setRootIsDecorated(False)
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(True)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.header().setStretchLastSection(False)
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((110, 80, 60, 100, 220, 80)):
            self.history.setColumnWidth(col, width)
        self.history.header().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        self.template_box = QGroupBox(splitter)
        self.template_box.setObjectName("templateBox")
        tlayout = QVBoxLayout(self.template_box)
        chooser_row = QHBoxLayout()
        self.template_chooser = QComboBox(self.template_box)
        self.template_chooser.setObjectName("templateChooser")
        self.template_chooser.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.template_language = QComboBox(self.template_box)
        self.template_language.setObjectName("templateLanguage")
        for code, name in MESSAGE_LANGUAGES:
            self.template_language.addItem(name, code)
        self.template_language.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        chooser_row.addWidget(self.template_chooser, 1)
        chooser_row.addWidget(self.template_language)
        tlayout.addLayout(chooser_row)
        self.preview = QPlainTextEdit(self.template_box)
        self.preview.setObjectName("templatePreview")
        self.preview.setTabChangesFocus(True)
        tlayout.addWidget(self.preview, 1)
        copy_row = QHBoxLayout()
        self.copied_label = QLabel(self.template_box)
        self.copied_label.setObjectName("templateCopied")
        self.copied_label.setStyleSheet("color: #2e7d32;")
        self.copy_button = QPushButton(self.template_box)
        self.copy_button.setObjectName("templateCopy")
        self.copy_button.clicked.connect(self.copy_message)
        copy_row.addWidget(self.copied_label, 1)
        copy_row.addWidget(self.copy_button)
        tlayout.addLayout(copy_row)
        splitter.addWidget(self.history)
        splitter.addWidget(self.template_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        self.setTabOrder(self.party, self.channel)
        self.setTabOrder(self.channel, self.outcome)
        self.setTabOrder(self.outcome, self.note)
        self.setTabOrder(self.note, self.save_button)

    # --------------------------------------------------------------- language
    def retranslate(self) -> None:
        lang = current_language()
        self.banner.setText(self.tr("The recipient failed twice — contact the sender"))
        self.banner.setAccessibleName(self.tr("Suggestion: contact the sender"))
        self.form_box.setTitle(self.tr("Log a contact attempt (Ctrl+L)"))
        self.party_label.setText(self.tr("&Who:"))
        self.channel_label.setText(self.tr("&How:"))
        self.outcome_label.setText(self.tr("O&utcome:"))
        self.note_label.setText(self.tr("&Note:"))
        self.party.setAccessibleName(self.tr("Contacted party"))
        self.channel.setAccessibleName(self.tr("Contact channel"))
        self.outcome.setAccessibleName(self.tr("Contact outcome"))
        self.note.setAccessibleName(self.tr("Contact note"))
        self.note.setPlaceholderText(self.tr("What was said (Enter saves)"))
        self.save_button.setText(self.tr("Log"))
        self.save_button.setAccessibleName(self.tr("Log this contact attempt"))
        self.save_button.setToolTip(self.tr("Log this attempt (Enter in the note does the same)"))
        self.closed_note.setText(self.tr("The case is closed or cancelled: reopen it before logging contacts."))
        self.history.setHeaderLabels([self.tr("Time"), self.tr("Who"), self.tr("How"), self.tr("Outcome"),
                                      self.tr("Note"), self.tr("Operator")])
        self.history.setAccessibleName(self.tr("Contact history, newest first"))
        self.template_box.setTitle(self.tr("Message to send from the depot phone"))
        self.template_chooser.setAccessibleName(self.tr("Message template"))
        self.template_language.setAccessibleName(self.tr("Message language"))
        self.preview.setAccessibleName(self.tr("Message preview (editable)"))
        self.preview.setToolTip(self.tr("Fill in anything in 【brackets】 before copying"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the message to the clipboard"))
        self.copied_label.clear()
        fill_enum_combo(self.party, list(ContactParty), lang)
        fill_enum_combo(self.channel, list(ContactChannel), lang)
        fill_enum_combo(self.outcome, list(ContactOutcome), lang)
        if self.detail is not None:
            self.set_case(self.detail)

    # ------------------------------------------------------------------ show
    def set_case(self, detail: CaseDetail) -> None:
        previous = self.detail
        self.detail = detail
        lang = current_language()
        suggest = detail.suggest_sender
        self.banner.setVisible(suggest)
        newly_suggested = suggest and (previous is None or not previous.suggest_sender or previous.id != detail.id)
        if newly_suggested:
            select_data(self.party, ContactParty.SENDER.value)
        open_case = detail.is_open
        for widget in (self.party, self.channel, self.outcome, self.note, self.save_button):
            widget.setEnabled(open_case)
        self.closed_note.setVisible(not open_case)

        self.history.clear()
        for contact in sorted(detail.contacts, key=lambda c: (c.at, c.id), reverse=True):
            item = QTreeWidgetItem([format_local(contact.at), contact.party.label(lang), contact.channel.label(lang),
                                    contact.outcome.label(lang), contact.note, contact.operator])
            if contact.outcome.failed:
                item.setForeground(3, Qt.GlobalColor.darkRed)
            item.setToolTip(4, contact.note)
            self.history.addTopLevelItem(item)

        if previous is None or previous.kind != detail.kind or self.template_chooser.count() == 0:
            self._fill_templates()
        if newly_suggested:
            # The message the clerk is about to need: ask the sender what to do.
            idx = self.template_chooser.findData("ask_sender")
            if idx >= 0:
                self.template_chooser.setCurrentIndex(idx)
        self.refresh_preview()

    def _fill_templates(self) -> None:
        lang = current_language()
        assert self.detail is not None
        current = combo_value(self.template_chooser)
        self._templates = templates_for(self.detail.kind)
        self.template_chooser.blockSignals(True)
        self.template_chooser.clear()
        for template in self._templates:
            channel = template.channel.label(lang)
            audience = template.audience.label(lang)
            self.template_chooser.addItem(f"{template.title(lang)}  ·  {channel} → {audience}", template.key)
        select_data(self.template_chooser, current or None)
        self.template_chooser.blockSignals(False)
        self.refresh_preview()

    def template_facts(self) -> dict[str, str]:
        """What the case tells a message: tracking and case numbers, masked recipient, amount."""
        d = self.detail
        assert d is not None
        facts = {"tracking": d.parcel.tracking_no, "case_no": d.case_no,
                 "recipient": mask_name(d.parcel.recipient_name)}
        res = d.current_resolution
        if res is not None and res.type is ResolutionType.COMPENSATE and res.compensation is not None:
            facts["amount"] = format_yuan(res.compensation.amount)
        facts.update({k: v for k, v in self.depot_facts.items() if v})
        return facts

    def refresh_preview(self) -> None:
        if self.detail is None or not self._templates:
            self.preview.clear()
            return
        key = combo_value(self.template_chooser)
        template = next((t for t in self._templates if t.key == key), self._templates[0])
        language = combo_value(self.template_language) or "zh_CN"
        self.preview.setPlainText(render_template(self.detail.kind, language, template=template,
                                                  **self.template_facts()))
        self.copied_label.clear()

    def copy_message(self) -> None:
        text = self.preview.toPlainText().strip()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        if "【" in text or "[" in text:
            self.copied_label.setText(self.tr("Copied — fill in the bracketed parts before sending."))
        else:
            self.copied_label.setText(self.tr("Copied. Paste it into the SMS or WeChat on the depot phone."))

    # ------------------------------------------------------------------ act
    def focus_form(self) -> None:
        """Ctrl+L: put the cursor on the first field of the form."""
        self.party.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save(self) -> None:
        d = self.detail
        if d is None or not self.save_button.isEnabled():
            return
        cases = self.host.ctx.services.cases
        by = self.host.ctx.operator.id
        party = ContactParty(combo_value(self.party, ContactParty.RECIPIENT.value))
        channel = ContactChannel(combo_value(self.channel, ContactChannel.PHONE.value))
        outcome = ContactOutcome(combo_value(self.outcome, ContactOutcome.REACHED.value))
        note = self.note.text()
        case_id = d.id

        def done(_d: CaseDetail) -> None:
            self.note.clear()
            self.party.setFocus(Qt.FocusReason.OtherFocusReason)

        # A contact attempt is a fact that happened whatever else changed at
        # another desk, so it is appended without a version check; the service
        # still refuses it on a closed case.
        self.host.perform(lambda: cases.log_contact(case_id=case_id, party=party, channel=channel,
                                                    outcome=outcome, by=by, note=note), on_done=done)
