"""Pictures arriving from outside the desk: dropped, pasted, captured, read for barcodes.

Shared by the Evidence tab (photos to import), the scan box and the
registration dialog (a label photo whose barcode gives the tracking number).

* :func:`sources_from_mime` turns a drop or the clipboard into what
  :meth:`PhotoService.add_photos` takes: local file paths, the original bytes
  of a copied JPEG/PNG/WebP, or a :class:`QImage` (a screenshot) that
  :func:`encode_image` turns into PNG bytes *in the worker*.
* :func:`read_tracking_numbers` reads a picture's barcodes off the GUI thread
  (``run_task``) and hands back the tracking numbers found.
* :class:`TrackingChooser` lets the clerk pick one when a picture carries
  several numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.identifiers import TrackingInfo
from depot_app.ui.common.background import run_task
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language

#: One picture to import or read: a file, a named byte string, or an image still to encode.
ImageSource = Path | tuple[str, bytes] | QImage

#: File name endings that look like pictures (the scan box accepts only these;
#: the photo import takes every file and says why it refuses one).
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".heic", ".heif", ".avif", ".gif",
                            ".bmp", ".tif", ".tiff"})
#: Raw image formats a copy from a browser or a photo app may carry, with the file ending to name them by.
_RAW_FORMATS = (("image/jpeg", ".jpg"), ("image/png", ".png"), ("image/webp", ".webp"))


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drop or a copy carries (remote URLs are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def sources_from_mime(mime: QMimeData | None, *, images_only: bool = False) -> list[ImageSource]:
    """What a drop or the clipboard offers as pictures, best form first.

    Files win (they keep their names and EXIF); then the original bytes of a
    copied JPEG/PNG/WebP; then decoded image data (a screenshot), left as a
    :class:`QImage` for the worker to encode. ``images_only`` keeps only files
    whose names look like pictures.
    """
    if mime is None:
        return []
    files = local_files(mime)
    if images_only:
        files = [f for f in files if f.suffix.lower() in IMAGE_SUFFIXES]
    if files:
        return list(files)
    for fmt, ext in _RAW_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return [(f"clipboard-{_stamp()}{ext}", data)]
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [image.copy()]
    return []


def encode_image(image: QImage, fmt: str = "PNG", quality: int = -1) -> bytes:
    """``image`` as PNG (or JPEG) bytes; safe in a worker thread (QImage, not QPixmap)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt, quality):
        raise ValueError(f"the picture could not be encoded as {fmt}")
    buffer.close()
    return bytes(data.data())


def as_import_sources(sources: Sequence[ImageSource], *, prefix: str = "clipboard",
                      fmt: str = "PNG") -> list[Path | tuple[str, bytes]]:
    """What ``add_photos`` takes: images encoded to bytes (call in the worker)."""
    out: list[Path | tuple[str, bytes]] = []
    ext = ".jpg" if fmt.upper() == "JPEG" else ".png"
    stamp = _stamp()
    for n, source in enumerate(sources, start=1):
        if isinstance(source, QImage):
            out.append((f"{prefix}-{stamp}-{n}{ext}", encode_image(source, fmt, 92 if ext == ".jpg" else -1)))
        else:
            out.append(source)
    return out


def _barcode_input(source: ImageSource) -> Path | bytes:
    if isinstance(source, QImage):
        return encode_image(source)
    if isinstance(source, tuple):
        return source[1]
    return source


def read_tracking_numbers(parent: QWidget, source: ImageSource,
                          on_done: Callable[[list[TrackingInfo]], None],
                          on_error: Callable[[BaseException], bool] | None = None) -> None:
    """Read the tracking numbers in a picture off the GUI thread; ``on_done(numbers)`` follows.

    An unreadable picture is a ``ValidationError``: ``on_error`` may show it
    itself (return True), otherwise the error presenter does.
    """
    from depot_app.services.barcodes import tracking_numbers_in

    run_task(parent, lambda: tracking_numbers_in(_barcode_input(source)), on_done, on_error)


class TrackingChooser(RetranslatesOnLanguageChange, QDialog):
    """Which of several tracking numbers found in one picture to use (non-blocking, ``open()``)."""

    sig_chosen = Signal(str)
    """Emitted with the tracking number the clerk picked."""

    def __init__(self, numbers: Sequence[TrackingInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barcodeChooser")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.numbers = list(numbers)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("barcodeChooserPrompt")
        self.prompt.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("barcodeChoices")
        for info in self.numbers:
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.number)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.prompt.setBuddy(self.list)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("barcodeChooserButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(380, 260)

    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(self.tr("Choose the tracking number"))
        self.prompt.setText(self.tr("The picture carries several tracking numbers. Which one is this parcel's?"))
        self.list.setAccessibleName(self.tr("Tracking numbers found"))
        for row, info in enumerate(self.numbers):
            self.list.item(row).setText(f"{info.number}  ·  {info.carrier.label(lang)}")

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def accept(self) -> None:
        number = self.chosen()
        super().accept()
        if number:
            self.sig_chosen.emit(number)


def open_tracking_chooser(parent: QWidget, numbers: Sequence[TrackingInfo],
                          then: Callable[[str], None]) -> TrackingChooser:
    """Show the chooser (non-blocking); ``then(number)`` runs once the clerk picked one."""
    dialog = TrackingChooser(numbers, parent)
    dialog.sig_chosen.connect(then)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

