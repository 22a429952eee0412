"""Looking at one evidence photo closely: zoom, pan, rotate, step through, caption.

The original is decoded off the GUI thread, upright per its EXIF
orientation (``QImageReader.setAutoTransform``); the stored display rotation
is applied on top and can be changed here (the file never is). Only pixels,
size, time taken and camera are shown: never a location.

Keys: wheel or +/− zoom, 0 or F fits, 1 shows actual size, drag pans,
←/→ or PgUp/PgDn step through the photos, Enter in the caption saves it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeySequence, QPainter, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.services.photos import PhotoItem, PhotoMetadata
from depot_app.ui.common.background import Pool, submit
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.common.image_loading import read_image

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.02, 16.0


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


class ImageView(QGraphicsView):
    """The picture: wheel zooms around the pointer, dragging pans, rotation in quarter turns."""

    sig_zoom_changed = Signal(float)
    """Emitted with the new zoom factor (1.0 = actual pixels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewerImage")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform | QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QColor("#303030"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pixmap_item: QGraphicsPixmapItem | None = None
        self.message_item: QGraphicsTextItem | None = None
        self.rotation = 0
        self.fit_mode = True

    def has_image(self) -> bool:
        return self.pixmap_item is not None

    def set_image(self, image: QImage | None, message: str = "") -> None:
        """Show ``image`` (fitted), or ``message`` in its place."""
        self._scene.clear()
        self.pixmap_item = None
        self.message_item = None
        if image is not None and not image.isNull():
            self.pixmap_item = self._scene.addPixmap(QPixmap.fromImage(image))
            self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            self._scene.setSceneRect(QRectF(self.pixmap_item.boundingRect()))
        else:
            self.message_item = self._scene.addText(message)
            self.message_item.setDefaultTextColor(QColor("#f5f5f5"))
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.4)
            self.message_item.setFont(font)
            self.message_item.setTextWidth(420)
            self._scene.setSceneRect(self.message_item.boundingRect())
        self.fit()

    def set_message(self, message: str) -> None:
        if self.message_item is not None:
            self.message_item.setPlainText(message)

    def set_rotation(self, degrees: int) -> None:
        self.rotation = degrees % 360
        if self.fit_mode:
            self.fit()
        else:
            self._apply(self.zoom())

    def zoom(self) -> float:
        t = self.transform()
        return math.hypot(t.m11(), t.m12())

    def _apply(self, factor: float) -> None:
        self.resetTransform()
        if self.pixmap_item is not None:
            self.rotate(self.rotation)
        self.scale(factor, factor)
        self.sig_zoom_changed.emit(factor)

    def zoom_by(self, step: float) -> None:
        factor = min(max(self.zoom() * step, ZOOM_MIN), ZOOM_MAX)
        self.fit_mode = False
        self.scale(factor / self.zoom(), factor / self.zoom())
        self.sig_zoom_changed.emit(self.zoom())

    def actual_size(self) -> None:
        self.fit_mode = False
        self._apply(1.0)

    def fit(self) -> None:
        """The whole picture in the window (never enlarged beyond actual size)."""
        self.fit_mode = True
        self.resetTransform()
        item = self.pixmap_item or self.message_item
        if item is None:
            return
        if self.pixmap_item is None:
            self.centerOn(item)
            self.sig_zoom_changed.emit(1.0)
            return
        self.rotate(self.rotation)
        self.fitInView(item, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self._apply(1.0)
        self.centerOn(item)
        self.sig_zoom_changed.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and self.pixmap_item is not None:
            self.zoom_by(ZOOM_STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()


class PhotoViewer(RetranslatesOnLanguageChange, QDialog):
    """One photo at a time, large; steps through the photos the gallery shows."""

    sig_caption_edited = Signal(int, str)
    """Emitted with (photo id, caption) when the clerk saves a caption."""
    sig_rotate_requested = Signal(int, int)
    """Emitted with (photo id, clockwise quarter turns) for the rotate buttons."""
    sig_current_changed = Signal(int)
    """Emitted with the photo id shown after stepping to another photo."""

    def __init__(self, photo_service: Any, items: Sequence[PhotoItem], index: int = 0, *,
                 editable: Callable[[PhotoItem], bool] | None = None,
                 slot_label: Callable[[PhotoItem], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.photos = photo_service
        self.items: list[PhotoItem] = list(items)
        self.index = min(max(index, 0), max(len(self.items) - 1, 0))
        self._editable = editable or (lambda item: not item.deleted)
        self._slot_label = slot_label or (lambda item: item.slot.label(current_language()))
        self._shown_sha = ""
        self._image_state = "none"  # loading, ready, missing, unreadable
        self._image_error = ""
        self._metadata: PhotoMetadata | None = None
        self._generation = 0
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(1000, 760)
        self._show_current(load=True)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()

        def button(name: str) -> QPushButton:
            b = QPushButton(self)
            b.setObjectName(name)
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            return b

        self.prev_button = button("viewerPrev")
        self.prev_button.clicked.connect(self.previous)
        self.next_button = button("viewerNext")
        self.next_button.clicked.connect(self.next)
        self.position_label = QLabel(self)
        self.position_label.setObjectName("viewerPosition")
        self.zoom_out_button = button("viewerZoomOut")
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("viewerZoom")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = button("viewerZoomIn")
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        for small in (self.zoom_out_button, self.zoom_in_button):
            small.setFixedWidth(36)
        self.fit_button = button("viewerFit")
        self.fit_button.clicked.connect(lambda: self.view.fit())
        self.actual_button = button("viewerActualSize")
        self.actual_button.clicked.connect(lambda: self.view.actual_size())
        self.rotate_left_button = button("viewerRotateLeft")
        self.rotate_left_button.clicked.connect(lambda: self.rotate(-1))
        self.rotate_right_button = button("viewerRotateRight")
        self.rotate_right_button.clicked.connect(lambda: self.rotate(1))
        for w in (self.prev_button, self.next_button):
            bar.addWidget(w)
        bar.addWidget(self.position_label)
        bar.addStretch(1)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button, self.actual_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.rotate_left_button)
        bar.addWidget(self.rotate_right_button)
        layout.addLayout(bar)

        self.view = ImageView(self)
        self.view.sig_zoom_changed.connect(lambda f: self.zoom_label.setText(f"{round(f * 100)}%"))
        layout.addWidget(self.view, 1)

        caption_row = QHBoxLayout()
        self.caption_label = QLabel(self)
        self.caption_edit = QLineEdit(self)
        self.caption_edit.setObjectName("viewerCaption")
        self.caption_edit.setMaxLength(500)
        self.caption_edit.returnPressed.connect(self.save_caption)
        self.caption_label.setBuddy(self.caption_edit)
        self.caption_save = QPushButton(self)
        self.caption_save.setObjectName("viewerCaptionSave")
        self.caption_save.setAutoDefault(False)
        self.caption_save.clicked.connect(self.save_caption)
        caption_row.addWidget(self.caption_label)
        caption_row.addWidget(self.caption_edit, 1)
        caption_row.addWidget(self.caption_save)
        layout.addLayout(caption_row)

        info_row = QHBoxLayout()
        self.info_label = QLabel(self)
        self.info_label.setObjectName("viewerInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.setStyleSheet("color: #424242;")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("viewerClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        info_row.addWidget(self.info_label, 1)
        info_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(info_row)

        def shortcut(keys: QKeySequence | str, slot: Callable[[], None]) -> None:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

        for key in ("Left", "PgUp"):
            shortcut(key, self.previous)
        for key in ("Right", "PgDown"):
            shortcut(key, self.next)
        for key in ("+", "=", QKeySequence.StandardKey.ZoomIn):
            shortcut(key, lambda: self.view.zoom_by(ZOOM_STEP))
        for key in ("-", QKeySequence.StandardKey.ZoomOut):
            shortcut(key, lambda: self.view.zoom_by(1 / ZOOM_STEP))
        for key in ("0", "F"):
            shortcut(key, self.view.fit)
        shortcut("1", self.view.actual_size)
        shortcut("Ctrl+Left", lambda: self.rotate(-1))
        shortcut("Ctrl+Right", lambda: self.rotate(1))

    # --------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Photo viewer"))
        self.prev_button.setText(self.tr("◀ Previous"))
        self.prev_button.setToolTip(self.tr("Previous photo (← or PgUp)"))
        self.prev_button.setAccessibleName(self.tr("Previous photo"))
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("Next photo (→ or PgDn)"))
        self.next_button.setAccessibleName(self.tr("Next photo"))
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out (−)"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+ or the wheel)"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit the photo to the window (0)"))
        self.fit_button.setAccessibleName(self.tr("Fit the photo to the window"))
        self.actual_button.setText(self.tr("1:1"))
        self.actual_button.setToolTip(self.tr("Actual size (1)"))
        self.actual_button.setAccessibleName(self.tr("Actual size"))
        self.rotate_left_button.setText(self.tr("⟲ Rotate left"))
        self.rotate_left_button.setToolTip(
            self.tr("Turn the photo a quarter to the left (Ctrl+←); the file is not changed"))
        self.rotate_left_button.setAccessibleName(self.tr("Rotate left"))
        self.rotate_right_button.setText(self.tr("Rotate right ⟳"))
        self.rotate_right_button.setToolTip(
            self.tr("Turn the photo a quarter to the right (Ctrl+→); the file is not changed"))
        self.rotate_right_button.setAccessibleName(self.tr("Rotate right"))
        self.view.setAccessibleName(self.tr("Photo"))
        self.caption_label.setText(self.tr("Ca&ption:"))
        self.caption_edit.setAccessibleName(self.tr("Caption"))
        self.caption_edit.setPlaceholderText(self.tr("What the photo shows (Enter saves)"))
        self.caption_save.setText(self.tr("Save caption"))
        self.caption_save.setAccessibleName(self.tr("Save the caption"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the viewer"))
        self.info_label.setAccessibleName(self.tr("About this photo"))
        self._show_texts()

    # ---------------------------------------------------------------- showing
    def current(self) -> PhotoItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def _state_message(self) -> str:
        item = self.current()
        if item is None:
            return self.tr("No photo")
        if self._image_state == "missing":
            return self.tr("File missing: the original of {0} is not in the photo folder. "
                           "Run “depot-app check”, or restore the photo folder from a backup.").format(
                               item.original_name)
        if self._image_state == "unreadable":
            return self.tr("The photo file cannot be read: {0}").format(self._image_error)
        return self.tr("Loading…")

    def _show_texts(self) -> None:
        item = self.current()
        n = len(self.items)
        self.setWindowTitle(self.tr("Photo {0} of {1}").format(self.index + 1, n) if item else self.tr("Photo"))
        self.position_label.setText(f"{self.index + 1} / {n}" if item else "")
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < n - 1)
        editable = item is not None and self._editable(item)
        for w in (self.rotate_left_button, self.rotate_right_button, self.caption_edit, self.caption_save):
            w.setEnabled(editable)
        if item is None:
            self.info_label.setText("")
            return
        if not self.view.has_image():
            self.view.set_message(self._state_message())
        lines = [self.tr("{0} · added by {1} on {2}").format(self._slot_label(item), item.added_by,
                                                             format_local(item.added_at))]
        facts = [item.original_name, size_text(item.size_bytes)]
        if item.width and item.height:
            facts.append(f"{item.width}×{item.height}")
        meta = self._metadata
        if meta is not None and meta.taken_at:
            facts.append(self.tr("taken {0}").format(meta.taken_at))
        if meta is not None and meta.camera:
            facts.append(self.tr("camera: {0}").format(meta.camera))
        if item.rotation:
            facts.append(self.tr("shown turned {0}°").format(item.rotation))
        lines.append(self.tr("File: {0}").format(" · ".join(facts)))
        if item.deleted:
            lines.append(self.tr("Deleted by {0} on {1}: {2}").format(
                item.deleted_by or "?", format_local(item.deleted_at), item.delete_reason))
        self.info_label.setText("\n".join(lines))

    def _show_current(self, *, load: bool) -> None:
        item = self.current()
        self.caption_edit.setText(item.caption if item else "")
        self.caption_edit.setModified(False)
        if item is None:
            self.view.set_image(None, self._state_message())
            self._show_texts()
            return
        if load or item.sha256 != self._shown_sha:
            self._load(item)
        else:
            self.view.set_rotation(item.rotation)
        self._show_texts()

    def _load(self, item: PhotoItem) -> None:
        self._generation += 1
        generation = self._generation
        self._shown_sha = item.sha256
        self._metadata = None
        self.view.rotation = item.rotation
        if not item.file_present:
            self._image_state = "missing"
            self.view.set_image(None, self._state_message())
            return
        self._image_state = "loading"
        self.view.set_image(None, self._state_message())
        photos, sha = self.photos, item.sha256

        def work() -> tuple[QImage, PhotoMetadata | None]:
            # In the worker: on a PostgreSQL depot this may fetch the original from the database.
            path = photos.path_for(sha)
            if path is None:
                raise FileNotFoundError(sha)
            image = read_image(path)
            try:
                meta: PhotoMetadata | None = photos.metadata(sha)
            except Exception:  # noqa: BLE001 - the picture matters, its facts are a bonus
                meta = None
            return image, meta

        def done(result: tuple[QImage, PhotoMetadata | None]) -> None:
            if generation != self._generation:
                return
            image, meta = result
            self._image_state, self._metadata = "ready", meta
            current = self.current()
            self.view.rotation = current.rotation if current else 0
            self.view.set_image(image)
            self._show_texts()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._image_state = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
            self._image_error = str(exc)
            self.view.set_image(None, self._state_message())
            self._show_texts()

        submit(self, work, on_done=done, on_error=failed, pool=Pool.IMAGES, key="image")

    @property
    def loading(self) -> bool:
        return self._image_state == "loading"

    @property
    def image_state(self) -> str:
        """``loading``, ``ready``, ``missing`` or ``unreadable``."""
        return self._image_state

    # ---------------------------------------------------------------- actions
    def _save_pending_caption(self) -> None:
        item = self.current()
        if item is not None and self.caption_edit.isModified() and self._editable(item) \
                and self.caption_edit.text().strip() != item.caption:
            self.save_caption()

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.items) or index == self.index:
            return
        self._save_pending_caption()
        self.index = index
        self._show_current(load=True)
        item = self.current()
        if item is not None:
            self.sig_current_changed.emit(item.id)

    def next(self) -> None:
        self.go_to(self.index + 1)

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def rotate(self, quarter_turns: int) -> None:
        item = self.current()
        if item is not None and self._editable(item):
            self.sig_rotate_requested.emit(item.id, quarter_turns)

    def save_caption(self) -> None:
        item = self.current()
        if item is None or not self._editable(item):
            return
        self.caption_edit.setModified(False)
        self.sig_caption_edited.emit(item.id, self.caption_edit.text().strip())

    def update_items(self, items: Sequence[PhotoItem]) -> None:
        """The gallery changed (a caption, a rotation, a deletion): show the same photo, freshly."""
        current = self.current()
        self.items = list(items)
        if not self.items:
            self.index = 0
            self._show_current(load=True)
            return
        ids = [i.id for i in self.items]
        if current is not None and current.id in ids:
            self.index = ids.index(current.id)
        else:
            self.index = min(self.index, len(self.items) - 1)
        fresh = self.current()
        assert fresh is not None
        if not self.caption_edit.isModified():
            self.caption_edit.setText(fresh.caption)
        reload = fresh.sha256 != self._shown_sha or (not fresh.file_present and self._image_state != "missing")
        if reload:
            self._load(fresh)
        else:
            self.view.set_rotation(fresh.rotation)
        self._show_texts()

    def done(self, result: int) -> None:
        self._save_pending_caption()
        self._generation += 1  # a decoding still on its way is no longer wanted
        super().done(result)
