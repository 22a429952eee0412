"""An entry of a feature in the desk window's Desk menu, kept in the operator's language and role."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from depot_app.ui.common.i18n import LanguageManager


class DeskMenuEntry(QObject):
    """Runs ``update`` (the entry's words, and whether the operator sees it) when the Desk menu opens and
    when the language changes. The window owns it, so Qt drops both connections when the window goes."""

    def __init__(self, window: QMainWindow, action: QAction, update: Callable[[], None]) -> None:
        super().__init__(window)
        self.action = action
        self._update = update

    def refresh(self, _language: str = "") -> None:
        self._update()


def add_desk_entry(window: QMainWindow, action: QAction, update: Callable[[], None]) -> DeskMenuEntry:
    """Put ``action`` in the Desk menu before Settings and keep it current through ``update``."""
    entry = DeskMenuEntry(window, action, update)
    menu = window.menu_desk  # type: ignore[attr-defined]
    menu.insertAction(window.action_settings, action)  # type: ignore[attr-defined]
    menu.aboutToShow.connect(entry.refresh)
    LanguageManager.instance().sig_language_changed.connect(entry.refresh)
    entry.refresh()
    return entry
