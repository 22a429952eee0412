"""What the Records menu and the backups need of the window they live in.

The main window satisfies this; naming only what is used keeps the records
screens from importing the main window (which installs them).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QMenuBar, QStatusBar, QTableView, QTabWidget

from depot_app.ui.common.context import DeskContext
from depot_app.ui.queue.queue_model import QueueModel


class DeskWindow(Protocol):
    """The main window, as the Records menu and the backups see it."""

    @property
    def ctx(self) -> DeskContext: ...

    @property
    def table(self) -> QTableView: ...

    @property
    def tabs(self) -> QTabWidget: ...

    @property
    def model(self) -> QueueModel: ...

    @property
    def menu_language(self) -> QMenu: ...

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 (Qt's name)

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)

    def installEventFilter(self, watched: QObject) -> None: ...  # noqa: N802 (Qt's name)

    def focus_scan_box(self) -> None: ...

    def reload_queue(self) -> None: ...
