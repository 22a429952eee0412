"""Languages: Simplified Chinese by default, English on request, switchable live.

Source strings are English, written with ``tr()``; the Chinese lives in
``resources/i18n/depot_zh_CN.ts`` compiled to ``.qm`` (see README, "Translations").
Widgets set every visible text in a ``retranslate()`` method, called once on
construction and again on ``QEvent.LanguageChange``.

Labels of domain vocabulary (kinds, statuses, ...) carry both languages in the
domain layer; widgets ask :func:`current_language` which one to show.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")


class LanguageManager(QObject):
    """Owns the installed translator; one per application."""

    sig_language_changed = Signal(str)
    """Emitted with the new language code after the translator changed."""

    _instance: LanguageManager | None = None

    def __init__(self) -> None:
        super().__init__()
        self._language = "en"
        self._translators: list[QTranslator] = []
        LanguageManager._instance = self

    @classmethod
    def instance(cls) -> LanguageManager:
        if cls._instance is None:
            cls._instance = LanguageManager()
        return cls._instance

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """Install the translations for ``language`` (``zh_CN`` or ``en``)."""
        if language not in LANGUAGES:
            language = "zh_CN"
        app = QCoreApplication.instance()
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
        self._translators.clear()
        self._language = language
        if language != "en":
            translator = QTranslator(self)
            qm = I18N_DIR / f"depot_{language}.qm"
            if translator.load(str(qm)):
                self._translators.append(translator)
            else:
                log.error("Translation file %s could not be loaded", qm)
            qt_translator = QTranslator(self)
            from PySide6.QtCore import QLibraryInfo

            if qt_translator.load(QLocale(language), "qtbase", "_",
                                  QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._translators.append(qt_translator)
        if app is not None:
            for translator in self._translators:
                app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if language == "zh_CN" else QLocale(QLocale.Language.English,
                                                               QLocale.Country.UnitedKingdom))
        self.sig_language_changed.emit(language)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` under the name lupdate reads with a literal context.

    For code split from a widget into mixins: the strings keep the widget's
    context, which ``self.tr`` in a mixin would not.
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def current_language() -> str:
    """The language the interface shows now."""
    return LanguageManager.instance().language


def is_chinese() -> bool:
    return current_language().startswith("zh")


class RetranslatesOnLanguageChange:
    """Mixin for a widget with a ``retranslate()`` that redoes its texts.

    Qt's LanguageChange event covers texts from the translator; the language
    manager's signal (connect it to ``_on_language_changed``) also covers
    labels that come from the domain, for which switching to English brings
    no LanguageChange. Put it before the Qt base: ``class D(RetranslatesOnLanguageChange, QDialog)``.
    """

    def retranslate(self) -> None:
        """Set every visible text again; each widget using the mixin defines its own."""
        raise NotImplementedError(f"{type(self).__name__} must define retranslate()")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()
