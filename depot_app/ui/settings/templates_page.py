"""The settings page of the message templates: one SMS and one e-mail per notice and language.

While the manager types, the page counts the SMS's characters and parts
(70 characters in one SMS, 67 per part beyond), shows the message as a sample
case would get it, and says at once what is wrong (an unknown placeholder, a
missing 【signature】); the settings service refuses the same on OK.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from depot_app.domain.errors import ValidationError
from depot_app.domain.notifications import (
    LANGUAGES,
    PLACEHOLDERS,
    NoticeEvent,
    Template,
    check_text,
    default_templates_setting,
    fill,
    sms_count,
)
from depot_app.ui.common.i18n import current_language, translate

#: The facts of the sample case the preview fills in (per customer language).
SAMPLE_FACTS = {
    "zh_CN": {"case_no": "PD20261207-0012", "tracking_last4": "5678", "kind": "破损", "resolution": "重新派送",
              "amount": "¥120.00", "depot_phone": "021-5888 6666", "pickup_code": "8-3-1024",
              "due_time": "12月8日18:00"},
    "en": {"case_no": "PD20261207-0012", "tracking_last4": "5678", "kind": "damaged", "resolution": "redeliver",
           "amount": "¥120.00", "depot_phone": "021-5888 6666", "pickup_code": "8-3-1024",
           "due_time": "08 Dec 18:00"},
}


class TemplatesPage(QWidget):
    """The ``notice_templates`` setting as an editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsTemplatesPage")
        self.templates: dict[str, dict[str, dict[str, str]]] = default_templates_setting()
        self.depot_name = ""
        self._current: tuple[str, str] | None = None
        form = QFormLayout(self)
        choose = QHBoxLayout()
        self.event_box = QComboBox(self)
        self.event_box.setObjectName("templateEvent")
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("templateLanguage")
        choose.addWidget(self.event_box, 2)
        choose.addWidget(self.language_box, 1)
        self.sms_edit = QPlainTextEdit(self)
        self.sms_edit.setObjectName("templateSms")
        self.sms_edit.setMaximumHeight(90)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("templateSmsCount")
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("templateSubject")
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("templateBody")
        self.body_edit.setMaximumHeight(120)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("templateError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("templatePreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet("background: #f4f7fb; border: 1px solid #c9d6e6; padding: 6px;")
        self.placeholders_label = QLabel(self)
        self.placeholders_label.setObjectName("templatePlaceholders")
        self.placeholders_label.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(6)]
        rows = (choose, self.sms_edit, self.count_label, self.subject_edit, self.body_edit, self.preview_label)
        for label, row in zip(self.labels, rows, strict=True):
            if isinstance(row, QWidget):
                label.setBuddy(row)
            form.addRow(label, row)
        form.addRow(self.error_label)
        form.addRow(self.placeholders_label)
        self.retranslate()
        self.event_box.currentIndexChanged.connect(lambda _i: self._show_current())
        self.language_box.currentIndexChanged.connect(lambda _i: self._show_current())
        for edit in (self.sms_edit, self.body_edit):
            edit.textChanged.connect(self._on_edited)
        self.subject_edit.textChanged.connect(lambda _t: self._on_edited())
        self._show_current()

    def retranslate(self) -> None:
        language = current_language()
        for combo, items in ((self.event_box, [(e.label(language), e.value) for e in NoticeEvent]),
                             (self.language_box, [(translate("TemplatesPage", "Chinese"), "zh_CN"),
                                                  (translate("TemplatesPage", "English"), "en")])):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        texts = (translate("TemplatesPage", "Notice and language:"), translate("TemplatesPage", "SMS:"),
                 "", translate("TemplatesPage", "E-mail subject:"), translate("TemplatesPage", "E-mail text:"),
                 translate("TemplatesPage", "Sample SMS:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        names = "  ".join("{" + name + "} " + (zh if language.startswith("zh") else en)
                          for name, (en, zh) in PLACEHOLDERS.items())
        self.placeholders_label.setText(translate("TemplatesPage", "Placeholders: {0}").format(names))
        self._update_feedback()

    # ------------------------------------------------------------------ state
    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.sms_edit, self.body_edit):
            edit.setReadOnly(read_only)
        self.subject_edit.setReadOnly(read_only)

    def load(self, values: dict[str, Any]) -> None:
        stored = values.get("notice_templates") or default_templates_setting()
        self.templates = {event: {lang: dict(tpl) for lang, tpl in by_lang.items()}
                          for event, by_lang in stored.items()}
        self.depot_name = str(values.get("depot_name") or "")
        self._current = None
        self._show_current()

    def values(self) -> dict[str, Any]:
        """The setting to store (checked by the settings service on OK)."""
        self._keep_current()
        return {"notice_templates": self.templates}

    def choose(self, event: NoticeEvent, language: str) -> None:
        self.event_box.setCurrentIndex(self.event_box.findData(event.value))
        self.language_box.setCurrentIndex(self.language_box.findData(language))

    def template(self) -> Template:
        """The texts in the editors now."""
        return Template(sms=self.sms_edit.toPlainText(), email_subject=self.subject_edit.text(),
                        email_body=self.body_edit.toPlainText())

    def problem(self) -> str:
        """What is wrong with the shown texts, in the interface language ("" when nothing)."""
        t = self.template()
        try:
            check_text(t.sms, sms=True, field="sms")
            check_text(t.email_subject, sms=False, field="email_subject")
            check_text(t.email_body, sms=False, field="email_body")
        except ValidationError as exc:
            return exc.text(current_language())
        return ""

    # ---------------------------------------------------------------- editing
    def _key(self) -> tuple[str, str]:
        return (str(self.event_box.currentData() or NoticeEvent.REGISTERED.value),
                str(self.language_box.currentData() or LANGUAGES[0]))

    def _keep_current(self) -> None:
        if self._current is not None:
            event, language = self._current
            self.templates.setdefault(event, {})[language] = self.template().to_dict()

    def _show_current(self) -> None:
        self._keep_current()
        event, language = self._key()
        tpl = Template.from_dict(self.templates.get(event, {}).get(language, {}))
        self._current = None  # filling the editors is not an edit
        for edit, text in ((self.sms_edit, tpl.sms), (self.body_edit, tpl.email_body)):
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)
        self.subject_edit.blockSignals(True)
        self.subject_edit.setText(tpl.email_subject)
        self.subject_edit.blockSignals(False)
        self._current = (event, language)
        self._update_feedback()

    def _on_edited(self) -> None:
        self._keep_current()
        self._update_feedback()

    def _update_feedback(self) -> None:
        _event, language = self._key()
        sms = self.sms_edit.toPlainText()
        problem = self.problem()
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        if problem:
            self.preview_label.setText("")
            self.count_label.setText(translate("TemplatesPage", "{0} characters as written").format(len(sms)))
            return
        facts = {**SAMPLE_FACTS.get(language, SAMPLE_FACTS["en"]), "depot_name": self.depot_name or "浦东网点"}
        sample = fill(sms, facts)
        chars, parts = sms_count(sample)
        self.preview_label.setText(sample)
        self.count_label.setText(translate("TemplatesPage", "{0} characters, {1} SMS (one SMS holds 70 "
                                                            "characters, a longer one 67 per part)").format(
            chars, parts))
