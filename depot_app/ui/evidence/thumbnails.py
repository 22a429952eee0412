"""The Evidence tab's thumbnails: one slot's photos as a grid (``SlotGallery``).

Also the pictures drawn for a gallery cell (a placeholder with a word on it,
a photo turned and fitted on a square), the cached thumbnail read in the image
pool, the item data roles of a cell and the sizes and colours the tab shares.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap, QStandardItemModel, QTransform
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QSizePolicy, QWidget

from depot_app.domain.vocabulary import PhotoSlot

#: Side of a thumbnail in the gallery, and of the cell around it (caption and who/when below).
ICON = 128
GRID = QSize(150, ICON + 54)
#: The thumbnail size the import caches (PhotoPolicy.thumbnail_size): loading it is a small JPEG read.
THUMB_SIZE = 256

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_SHA = Qt.ItemDataRole.UserRole + 1
ROLE_KIND = Qt.ItemDataRole.UserRole + 2

#: Ink of hints and deleted photos, and of errors.
MUTED = "#616161"
ERROR = "#c62828"


# ================================================================= pictures
def _canvas(fill: str) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(ICON, ICON)
    pixmap.fill(QColor(fill))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def placeholder(text: str, *, fill: str = "#eceff1", ink: str = "#78909c", border: str = "") -> QPixmap:
    """A grey (or red) square with a word on it, in place of a thumbnail."""
    pixmap, painter = _canvas(fill)
    if border:
        painter.setPen(QPen(QColor(border), 2))
        painter.drawRect(1, 1, ICON - 2, ICON - 2)
    painter.setPen(QColor(ink))
    font = QFont(painter.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.1)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(8, 8, ICON - 16, ICON - 16),
                     int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap), text)
    painter.end()
    return pixmap


def thumbnail_pixmap(image: QImage, rotation: int, side: int, *, badge: str = "") -> QPixmap:
    """``image`` turned by ``rotation``, fitted and centred on a ``side``×``side`` square."""
    if rotation:
        image = image.transformed(QTransform().rotate(rotation), Qt.TransformationMode.SmoothTransformation)
    scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    area = QRect((side - scaled.width()) // 2, (side - scaled.height()) // 2, scaled.width(), scaled.height())
    painter.drawImage(area.topLeft(), scaled)
    if badge:
        painter.fillRect(area, QColor(255, 255, 255, 150))
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        band = QRect(0, side // 2 - 14, side, 28)
        painter.fillRect(band, QColor(ERROR))
        painter.setPen(QColor("white"))
        painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter), badge)
    painter.end()
    return pixmap


def load_thumbnail(photos: Any, sha256: str) -> QImage:
    """The cached thumbnail (made on first use by the service), decoded (worker thread)."""
    path = photos.thumbnail(sha256, THUMB_SIZE)
    image = QImage(str(path))
    if image.isNull():
        raise ValueError(f"{path.name} cannot be decoded")
    return image


# ================================================================= galleries
class SlotGallery(QListView):
    """One slot's photos as thumbnails; as tall as its rows (the page scrolls, not the list)."""

    def __init__(self, slot: PhotoSlot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot = slot
        self.setObjectName(f"evidenceGallery_{slot.value}")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(ICON, ICON))
        self.setGridSize(GRID)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QListView { background: transparent; }")
        self.photo_model = QStandardItemModel(self)
        self.setModel(self.photo_model)

    def fit_height(self) -> None:
        """Tall enough for every row at the current width."""
        n = self.photo_model.rowCount()
        per_row = max(1, (self.width() - 2 * self.frameWidth() - 4) // GRID.width())
        rows = max(1, math.ceil(n / per_row))
        self.setFixedHeight(rows * GRID.height() + 2 * self.frameWidth() + 6)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def wheelEvent(self, event: Any) -> None:
        event.ignore()  # the page scrolls

    def row_of(self, photo_id: int) -> int:
        for row in range(self.photo_model.rowCount()):
            if self.photo_model.item(row).data(ROLE_ID) == photo_id:
                return row
        return -1

    def photo_ids(self) -> list[int]:
        return [int(self.photo_model.item(r).data(ROLE_ID)) for r in range(self.photo_model.rowCount())]
