"""Printing a PDF the desk made: the print dialog and the page-by-page rendering.

:func:`choose_printer` asks for the printer (tests replace it); :func:`print_pdf`
renders each page with Qt's PDF module (pyside6-addons) and may run off the GUI
thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from depot_app.domain.errors import DepotError
from depot_app.ui.common.jobs import CancelledFn, ProgressFn

#: Renders PDF pages for the printer at most at this resolution: sharp on paper,
#: and an A4 page stays about 8.7 million pixels instead of 140 at 1200 dpi.
PRINT_DPI = 300


def choose_printer(parent: QWidget | None, then: Callable[[QPrinter | None], None]) -> None:
    """Ask which printer (non-blocking); ``then(printer)``, or ``then(None)`` when the clerk cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")

    def finished(result: int) -> None:
        dialog.deleteLater()
        then(printer if result == QDialog.DialogCode.Accepted.value else None)

    dialog.finished.connect(finished)
    dialog.open()


def pdf_printing_available() -> bool:
    """True when Qt's PDF module (pyside6-addons) can be loaded."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class PrintOutcome:
    """How many pages went to the printer."""

    printed: int
    pages: int
    cancelled: bool


class PrintError(DepotError):
    """The printer or the document could not be opened; the message says which."""


def print_pdf(path: Path, printer: QPrinter, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> PrintOutcome:
    """Send every page of the PDF at ``path`` to ``printer``, each scaled to fit the paper.

    Safe off the GUI thread (a QPainter may paint on a QPrinter in any thread).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() == 0:
            message = QCoreApplication.translate("RecordsMenu", "The document to print could not be read.")
            raise PrintError(message, message)
        pages = document.pageCount()
        # The document brings its own margins: print on the whole sheet, at true size on A4.
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            message = QCoreApplication.translate(
                "RecordsMenu", "The printer could not be opened. Check that it is switched on and try again.")
            raise PrintError(message, message)
        printed = 0
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            sheet = printer.pageLayout().fullRectPixels(printer.resolution())
            for index in range(pages):
                if cancelled is not None and cancelled():
                    printer.abort()
                    return PrintOutcome(printed, pages, True)
                if index:
                    printer.newPage()
                points = document.pagePointSize(index)
                image = document.render(index, QSize(max(1, round(points.width() / 72 * dpi)),
                                                     max(1, round(points.height() / 72 * dpi))))
                scale = min(sheet.width() / points.width(), sheet.height() / points.height())
                width, height = points.width() * scale, points.height() * scale
                target = QRectF((sheet.width() - width) / 2, (sheet.height() - height) / 2, width, height)
                painter.drawImage(target, image)
                printed += 1
                if progress is not None:
                    progress(printed, pages)
        finally:
            painter.end()
        return PrintOutcome(printed, pages, False)
    finally:
        document.close()
