"""The queue's first rows before anything else of the start.

What a clerk waits for when the desk opens is the queue. The start's other
work — the view list's counts, the outbox figures, the warm-up imports — runs
in worker threads, but in Python it still takes turns with the GUI thread,
so started beside the first page it delays the page's painting. Such work is
handed to :meth:`FirstRows.later` and runs once the table has painted its
first rows (or the first load found none, or the window is not on screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView

#: However the first paint goes, the held work starts after this long.
FALLBACK_MS = 1500


class FirstRows(QObject):
    """Holds work of the start until the queue's first rows are on screen."""

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table)
        self.table = table
        self.released = False
        self._held: dict[str, Callable[[], None]] = {}
        self._watching = False

    def later(self, key: str, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the first rows are shown (now, if they are); a later call with ``key`` replaces it."""
        if self.released:
            fn()
        else:
            self._held[key] = fn

    def loaded(self, rows: int) -> None:
        """The first load is in the model: release at its paint (at once when nothing will paint)."""
        if self.released or self._watching:
            return
        if rows == 0 or not self.table.isVisible():
            self.release()
            return
        self._watching = True
        self.table.viewport().installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self.release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.released:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.release)  # after this paint has reached the screen
        return False

    def release(self) -> None:
        """Run what was held, in the order it was handed in."""
        if self.released:
            return
        self.released = True
        if self._watching:
            self.table.viewport().removeEventFilter(self)
        held, self._held = self._held, {}
        for fn in held.values():
            fn()
