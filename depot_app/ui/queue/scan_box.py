"""The scan box at the top of the desk, and the shortcuts that must win over text fields.

A barcode scanner types the number and Enter into :class:`ScanBox`; a picture
dropped or pasted on it is offered for its barcode instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from depot_app.ui.common.image_sources import sources_from_mime

#: Desk shortcuts that text fields would otherwise swallow: on Linux a line
#: edit takes Ctrl+E ("end of line") and Ctrl+L/Ctrl+R are taken by some
#: editors, so after a scan (cursor still in the scan box) they would do nothing.
RESERVED_SHORTCUTS = (QKeySequence("Ctrl+E"), QKeySequence("Ctrl+L"), QKeySequence("Ctrl+R"))


class ReservedShortcutFilter(QObject):
    """Lets the desk's shortcuts win over a focused text field's own keys."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                   for seq in RESERVED_SHORTCUTS):
                event.ignore()  # not overridden: the shortcut system gets the key
                return True
        return False


class ScanBox(QLineEdit):
    """The line a barcode scanner types into; Enter submits.

    A picture dropped on it, or pasted into it (Ctrl+V with an image or an
    image file on the clipboard), is offered for its barcode instead of as text.
    """

    sig_scanned = Signal(str)
    """Emitted with the raw text when Enter is pressed."""
    sig_image = Signal(object)
    """Emitted with a picture (a path, ``(name, bytes)`` or a QImage) dropped or pasted to be read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanBox")
        self.setClearButtonEnabled(True)
        self.setAcceptDrops(True)
        self.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        text = self.text().strip()
        if text:
            self.sig_scanned.emit(text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if sources_from_mime(event.mimeData(), images_only=True):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if sources_from_mime(event.mimeData(), images_only=True):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        pictures = sources_from_mime(event.mimeData(), images_only=True)
        if pictures:
            event.acceptProposedAction()
            self.sig_image.emit(pictures[0])
            return
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            mime = QGuiApplication.clipboard().mimeData()
            pictures = sources_from_mime(mime, images_only=True)
            if pictures:
                self.sig_image.emit(pictures[0])
                event.accept()
                return
        super().keyPressEvent(event)
