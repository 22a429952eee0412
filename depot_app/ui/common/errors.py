"""The one place errors reach the user.

A :class:`DepotError` is the clerk's own business: its message, in the
interface language, says what to do. Anything else is a fault: it is logged
with its traceback and the user is told where the log is. Dialogs are opened
with ``open()`` (non-blocking); tests replace :attr:`ErrorPresenter.sink` to
collect messages instead.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from depot_app.domain.errors import DepotError, StaleEditError

log = logging.getLogger(__name__)


class ErrorPresenter(QObject):
    """Shows errors to the user; a single instance per application."""

    sig_error_shown = Signal(str, str)
    """Emitted with (title, message) each time an error is shown."""

    _instance: ErrorPresenter | None = None

    def __init__(self) -> None:
        super().__init__()
        self.log_dir: str = ""
        #: Tests set this to a callable(title, message) to capture instead of showing.
        self.sink: Callable[[str, str], None] | None = None
        ErrorPresenter._instance = self

    @classmethod
    def instance(cls) -> ErrorPresenter:
        if cls._instance is None:
            cls._instance = ErrorPresenter()
        return cls._instance

    def message_for(self, exc: BaseException) -> tuple[str, str]:
        """Title and text for ``exc`` in the interface language."""
        from depot_app.ui.common.i18n import current_language

        if isinstance(exc, StaleEditError):
            return QCoreApplication.translate("ErrorPresenter", "Changed at another desk"), exc.text(current_language())
        if isinstance(exc, DepotError):
            return QCoreApplication.translate("ErrorPresenter", "Cannot do that"), exc.text(current_language())
        return (QCoreApplication.translate("ErrorPresenter", "Unexpected error"),
                QCoreApplication.translate(
                    "ErrorPresenter",
                    "Something went wrong and was not saved. The details are in the log folder: {0}",
                ).format(self.log_dir or "logs"))

    def show_error(self, exc: BaseException, parent: QWidget | QObject | None = None) -> None:
        if not isinstance(exc, DepotError):
            tb = getattr(exc, "__traceback_text__", None)
            if tb:
                log.error("Unexpected error in a background task:\n%s", tb)
            else:
                log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        title, text = self.message_for(exc)
        self.sig_error_shown.emit(title, text)
        if self.sink is not None:
            self.sink(title, text)
            return
        box = QMessageBox(parent if isinstance(parent, QWidget) else None)
        box.setObjectName("errorMessageBox")
        box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, DepotError) else QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


    def show_blocking(self, exc: BaseException) -> None:
        """Show ``exc`` and wait for OK: for what stops the desk before any window (no event loop yet)."""
        title, text = self.message_for(exc)
        self.sig_error_shown.emit(title, text)
        if self.sink is not None:
            self.sink(title, text)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
        box.setObjectName("errorMessageBox")
        box.exec()


def install_excepthook() -> None:
    """Uncaught exceptions in slots go to the presenter instead of killing the app."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("Uncaught exception", exc_info=(kind, exc, tb))
        try:
            ErrorPresenter.instance().show_error(exc)
        except Exception:  # noqa: BLE001 - never fail inside the hook
            previous(kind, exc, tb)

    sys.excepthook = hook
