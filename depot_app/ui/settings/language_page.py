"""The settings dialog's Language page: this user's interface language.

A personal choice, not a depot setting: it is announced the moment it is
picked (:attr:`LanguagePage.sig_language_chosen`), not saved with OK. Its
texts belong to the ``SettingsDialog`` translation context, as they did when
the page was built by the dialog itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QRadioButton, QVBoxLayout, QWidget

from depot_app.ui.common.i18n import current_language
from depot_app.ui.settings.fields import hint_label


class LanguagePage(QWidget):
    """Simplified Chinese or English, for everyone (managers or not)."""

    sig_language_chosen = Signal(str)
    """Emitted with ``"zh_CN"`` or ``"en"`` as soon as the user picks a language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsLanguagePage")
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.language_group = QGroupBox(self)
        column = QVBoxLayout(self.language_group)
        # Language names are shown in their own language, so anyone can find theirs.
        self.language_zh = QRadioButton("简体中文", self.language_group)
        self.language_zh.setObjectName("setLanguageZh")
        self.language_en = QRadioButton("English", self.language_group)
        self.language_en.setObjectName("setLanguageEn")
        self.language_buttons = QButtonGroup(self)
        self.language_buttons.addButton(self.language_zh)
        self.language_buttons.addButton(self.language_en)
        self.language_zh.toggled.connect(self._on_language_toggled)
        self.language_en.toggled.connect(self._on_language_toggled)
        column.addWidget(self.language_zh)
        column.addWidget(self.language_en)
        self.language_hint = hint_label("setLanguageHint", self.language_group)
        column.addWidget(self.language_hint)
        outer.addWidget(self.language_group)
        outer.addStretch(1)
        self.sync_language_buttons()

    def retranslate(self) -> None:
        self.language_group.setTitle(QCoreApplication.translate("SettingsDialog", "Interface language"))
        self.language_zh.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Simplified Chinese"))
        self.language_en.setAccessibleName(QCoreApplication.translate("SettingsDialog", "English"))
        self.language_hint.setText(QCoreApplication.translate(
            "SettingsDialog", "Your own choice on this workstation; it applies at once and is not a depot setting."))
        self.sync_language_buttons()

    def sync_language_buttons(self) -> None:
        """Check the button of the language the interface shows now (announcing nothing)."""
        chinese = current_language().startswith("zh")
        with QSignalBlocker(self.language_zh), QSignalBlocker(self.language_en):
            self.language_zh.setChecked(chinese)
            self.language_en.setChecked(not chinese)

    def _on_language_toggled(self, checked: bool) -> None:
        if checked:  # the button being switched off says nothing new
            self._choose_language("en" if self.language_en.isChecked() else "zh_CN")

    def _choose_language(self, language: str) -> None:
        if language != current_language():
            self.sig_language_chosen.emit(language)
