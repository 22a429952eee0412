"""Decoding pictures off the GUI thread: thumbnails for the gallery, full images for the viewer.

Unlike :func:`~depot_app.ui.tasks.run_task` this never runs inline, not even
in tests: decoding a 12 MP photo takes a noticeable moment, and the gallery
shows a placeholder until each thumbnail is ready, so the window stays
responsive while twenty photos come in. Tests wait with
``qtbot.waitUntil(lambda: images_pending() == 0)``.

Work runs in a small pool of its own (two threads), so a burst of thumbnails
never delays the database queries in the global pool. Only :class:`QImage`
is made in the worker (a :class:`QPixmap` belongs to the GUI thread). The
result is handed back only while ``owner`` still exists: closing a case tab
with thumbnails on the way is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6

from PySide6.QtCore import QObject, Qt, QThreadPool
from PySide6.QtGui import QImage, QImageReader

from depot_app.ui.tasks import CallRunnable, Relay

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None
_live: set[Relay] = set()


def image_pool() -> QThreadPool:
    """The pool pictures are decoded in (created on first use)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("imagePool")
        _pool.setMaxThreadCount(2)
    return _pool


def images_pending() -> int:
    """How many decodings have not yet reported back (for tests and shutdown)."""
    return len(_live)


def load_in_background(owner: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
                       on_error: Callable[[BaseException], None]) -> None:
    """Run ``fn`` in the image pool; ``on_done``/``on_error`` run on the GUI thread while ``owner`` lives."""
    relay = Relay()
    _live.add(relay)

    def done(result: Any) -> None:
        _live.discard(relay)
        if shiboken6.isValid(owner):
            on_done(result)

    def failed(exc: BaseException) -> None:
        _live.discard(relay)
        if shiboken6.isValid(owner):
            on_error(exc)

    relay.sig_done.connect(done)
    relay.sig_failed.connect(failed)
    image_pool().start(CallRunnable(fn, relay))


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

