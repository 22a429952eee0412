"""Decoding pictures for the gallery and the viewer.

Decoding runs in the picture pool of :mod:`depot_app.ui.common.background`
(``Pool.IMAGES``, never inline, not even in tests: a 12 MP photo takes a
noticeable moment, and the gallery shows a placeholder until each thumbnail
is ready). Only :class:`QImage` is made in the worker (a :class:`QPixmap`
belongs to the GUI thread). Tests wait with
``qtbot.waitUntil(lambda: pending(Pool.IMAGES) == 0)``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader


def read_image(path: Path, *, max_side: int | None = None) -> QImage:
    """Decode ``path`` upright per its EXIF orientation (never showing anything but pixels).

    ``max_side`` decodes a smaller copy (JPEG decoders scale while decoding).
    Raises ``ValueError`` with the decoder's message when it cannot be read.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if max_side:
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > max_side:
            size.scale(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio)
            reader.setScaledSize(size)
    image = reader.read()
    if image.isNull():
        raise ValueError(reader.errorString() or "unreadable")
    return image

