"""The Evidence tab (证据照片): a case's photos, filed by slot, added by file, drop, paste or camera.

Photos come in four ways, all into the slot chosen in ``evidenceSlot``:
*Add photos…* (a file dialog, several files at once), dropping files on the
tab, Ctrl+V (a copied picture or copied files) and *Take photos…* (the
camera dialog). Every import runs in a worker with a progress dialog and
Cancel (:mod:`depot_app.ui.common.jobs`): the service checks each file in turn, and
files it refuses are listed with the reason in ``evidenceRefusals`` while the
others are added. Thumbnails are decoded in the image pool
(:mod:`depot_app.ui.common.image_loading`) behind a placeholder, so the window stays
responsive while a batch of 12 MP photos comes in.

Each slot has a gallery (``evidenceGallery_<slot>``) showing caption, who
added the photo and when. Selecting a photo fills the panel on the right:
caption, slot, rotate left/right (display metadata: the original never
changes), delete with a reason (soft, on the timeline), and, for managers,
purge of a deleted photo. Deleted photos are hidden unless *Show deleted* is
ticked. A photo whose file is missing from the photo folder shows a "file
missing" placeholder. Enter or a double click opens the viewer.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.permissions import Permission
from depot_app.domain.photos import PhotoSaveError
from depot_app.domain.vocabulary import PhotoSlot
from depot_app.services.photos import AddResult, Duplicate, PhotoItem
from depot_app.domain.views import CaseDetail
from depot_app.ui.evidence import camera as camera_module
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import LanguageManager, current_language
from depot_app.ui.common.background import Pool, submit
from depot_app.ui.common.image_sources import ImageSource, as_import_sources, sources_from_mime
from depot_app.ui.common.jobs import (
    BackgroundJob,
    CancelledFn,
    JobProgressDialog,
    ProgressFn,
    run_with_progress,
)
from depot_app.ui.evidence.photo_viewer import PhotoViewer, size_text
from depot_app.ui.common.background import run_task
from depot_app.ui.common.widgets import ReasonDialog, ask_confirmation

log = logging.getLogger(__name__)

#: Side of a thumbnail in the gallery, and of the cell around it (caption and who/when below).
ICON = 128
GRID = QSize(150, ICON + 54)
#: Slot cards side by side on the page.
SLOT_COLUMNS = 2
PREVIEW = 240
#: The thumbnail size the import caches (PhotoPolicy.thumbnail_size): loading it is a small JPEG read.
THUMB_SIZE = 256

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_SHA = Qt.ItemDataRole.UserRole + 1
ROLE_KIND = Qt.ItemDataRole.UserRole + 2

_MUTED = "#616161"
_ERROR = "#c62828"


class EvidenceHost(Protocol):
    """What the tab needs of its workspace."""

    ctx: DeskContext
    case_id: int

    def reload(self) -> None: ...


# ================================================== the steps tests replace
def _native_dialogs() -> bool:
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


def choose_photo_files(parent: QWidget, title: str, name_filter: str,
                       then: Callable[[list[Path]], None]) -> None:
    """Ask for one or more photo files (non-blocking); ``then(paths)`` runs once chosen."""
    folder = Path.home() / "Pictures"
    dialog = QFileDialog(parent, title, str(folder if folder.is_dir() else Path.home()), name_filter)
    dialog.setObjectName("photoFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _native_dialogs())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.filesSelected.connect(lambda names: then([Path(n) for n in names]))
    dialog.open()


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
        painter.fillRect(band, QColor(_ERROR))
        painter.setPen(QColor("white"))
        painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter), badge)
    painter.end()
    return pixmap


def _load_thumbnail(photos: Any, sha256: str) -> QImage:
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


class EvidenceTab(QWidget):
    """The case's photo evidence, by slot, with import, edit, delete and purge."""

    def __init__(self, host: EvidenceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceTab")
        self.host = host
        self.ctx = host.ctx
        self.photos = host.ctx.services.photos
        self.detail: CaseDetail | None = None
        #: Every photo of the case (deleted ones too), in the order added.
        self.items: list[PhotoItem] = []
        self.current_id: int | None = None
        self._images: dict[str, QImage] = {}
        self._thumb_errors: dict[str, str] = {}
        self._pending: set[str] = set()
        self._last_result: AddResult | None = None
        self._last_error: str = ""
        self._status: Callable[[], str] | None = None
        self._cameras: list[Any] = []
        self.job: BackgroundJob | None = None
        self.progress_dialog: JobProgressDialog | None = None
        self.viewer: PhotoViewer | None = None
        self.camera_dialog: camera_module.CameraDialog | None = None
        self.reason_dialog: QWidget | None = None
        self.setAcceptDrops(True)
        self._build()
        self._refresh_cameras()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)

        bar = QHBoxLayout()
        self.slot_caption = QLabel(self)
        self.slot_combo = QComboBox(self)
        self.slot_combo.setObjectName("evidenceSlot")
        for slot in PhotoSlot:
            self.slot_combo.addItem("", slot.value)
        self.slot_combo.setCurrentIndex(0)
        self.slot_caption.setBuddy(self.slot_combo)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("evidenceAdd")
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QPushButton(self)
        self.paste_button.setObjectName("evidencePaste")
        self.paste_button.clicked.connect(self.paste)
        self.camera_button = QPushButton(self)
        self.camera_button.setObjectName("evidenceCamera")
        self.camera_button.clicked.connect(self.open_camera)
        self.camera_note = QLabel(self)
        self.camera_note.setObjectName("evidenceCameraNote")
        self.camera_note.setStyleSheet(f"color: {_MUTED};")
        self.show_deleted = QCheckBox(self)
        self.show_deleted.setObjectName("evidenceShowDeleted")
        self.show_deleted.toggled.connect(lambda _c: self._show_items())
        bar.addWidget(self.slot_caption)
        bar.addWidget(self.slot_combo)
        bar.addSpacing(8)
        bar.addWidget(self.add_button)
        bar.addWidget(self.paste_button)
        bar.addWidget(self.camera_button)
        bar.addWidget(self.camera_note)
        bar.addStretch(1)
        bar.addWidget(self.show_deleted)
        outer.addLayout(bar)

        self.drop_hint = QLabel(self)
        self.drop_hint.setObjectName("evidenceDropHint")
        self.drop_hint.setStyleSheet(f"color: {_MUTED};")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("evidenceStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.drop_hint)
        hint_row.addStretch(1)
        hint_row.addWidget(self.status_label)
        outer.addLayout(hint_row)

        self.refusals_box = QFrame(self)
        self.refusals_box.setObjectName("evidenceRefusalsBox")
        self.refusals_box.setStyleSheet("QFrame#evidenceRefusalsBox { background: #fff4e0; "
                                        "border: 1px solid #f0c36d; border-radius: 4px; }")
        rb = QVBoxLayout(self.refusals_box)
        rb.setContentsMargins(8, 6, 8, 6)
        rb.setSpacing(4)
        head = QHBoxLayout()
        self.refusals_title = QLabel(self.refusals_box)
        self.refusals_title.setObjectName("evidenceRefusalsTitle")
        self.refusals_title.setStyleSheet("font-weight: bold; color: #8d5300;")
        self.refusals_dismiss = QPushButton(self.refusals_box)
        self.refusals_dismiss.setObjectName("evidenceRefusalsDismiss")
        self.refusals_dismiss.clicked.connect(self.clear_refusals)
        head.addWidget(self.refusals_title, 1)
        head.addWidget(self.refusals_dismiss)
        rb.addLayout(head)
        self.refusals = QListWidget(self.refusals_box)
        self.refusals.setObjectName("evidenceRefusals")
        self.refusals.setWordWrap(True)
        self.refusals.setMaximumHeight(96)
        self.refusals.setStyleSheet("QListWidget { background: white; }")
        rb.addWidget(self.refusals)
        self.refusals_box.setVisible(False)
        outer.addWidget(self.refusals_box)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("evidenceSplitter")
        self.scroll = QScrollArea(self.splitter)
        self.scroll.setObjectName("evidenceGalleries")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        page.setObjectName("evidencePage")
        page_box = QVBoxLayout(page)
        page_box.setContentsMargins(8, 6, 8, 8)
        self.page_layout = QGridLayout()
        self.page_layout.setHorizontalSpacing(14)
        self.page_layout.setVerticalSpacing(8)
        page_box.addLayout(self.page_layout)
        page_box.addStretch(1)
        self.galleries: dict[PhotoSlot, SlotGallery] = {}
        self.slot_titles: dict[PhotoSlot, QLabel] = {}
        self.slot_empty: dict[PhotoSlot, QLabel] = {}
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 1.1)
        for n, slot in enumerate(PhotoSlot):
            card = QFrame(page)
            card.setObjectName(f"evidenceSlotCard_{slot.value}")
            card_box = QVBoxLayout(card)
            card_box.setContentsMargins(0, 0, 0, 0)
            card_box.setSpacing(2)
            head = QFrame(card)
            head.setObjectName(f"evidenceSlotHead_{slot.value}")
            head.setStyleSheet(f"QFrame#evidenceSlotHead_{slot.value} {{ border-bottom: 1px solid #cfd8dc; }}")
            head_box = QHBoxLayout(head)
            head_box.setContentsMargins(0, 4, 0, 3)
            title = QLabel(head)
            title.setObjectName(f"evidenceSlotTitle_{slot.value}")
            title.setFont(title_font)
            empty = QLabel(head)
            empty.setObjectName(f"evidenceEmpty_{slot.value}")
            empty.setStyleSheet(f"color: {_MUTED};")
            head_box.addWidget(title)
            head_box.addStretch(1)
            head_box.addWidget(empty)
            gallery = SlotGallery(slot, card)
            gallery.selectionModel().currentChanged.connect(
                lambda current, _prev, g=gallery: self._gallery_current(g, current))
            gallery.clicked.connect(lambda index, g=gallery: self._gallery_current(g, index))
            gallery.activated.connect(lambda index, g=gallery: self.open_viewer(self._id_at(g, index)))
            delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), gallery)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)
            delete.activated.connect(lambda: self.request_delete(self.current_id))
            card_box.addWidget(head)
            card_box.addWidget(gallery)
            card_box.addStretch(1)
            self.page_layout.addWidget(card, n // SLOT_COLUMNS, n % SLOT_COLUMNS)
            self.galleries[slot] = gallery
            self.slot_titles[slot] = title
            self.slot_empty[slot] = empty
        for column in range(SLOT_COLUMNS):
            self.page_layout.setColumnStretch(column, 1)
        self.scroll.setWidget(page)

        # The panel scrolls rather than making the window taller than the screen.
        self.details_scroll = QScrollArea(self.splitter)
        self.details_scroll.setObjectName("evidenceDetailsScroll")
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll.setMinimumWidth(PREVIEW + 48)
        self.details_scroll.setMaximumWidth(PREVIEW + 180)
        self.details = QFrame()
        self.details.setObjectName("evidenceDetails")
        dl = QVBoxLayout(self.details)
        dl.setContentsMargins(10, 10, 10, 10)
        dl.setSpacing(6)
        self.preview = QLabel(self.details)
        self.preview.setObjectName("evidencePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW, PREVIEW)
        self.preview.setCursor(Qt.CursorShape.PointingHandCursor)
        self.preview.mouseDoubleClickEvent = lambda _e: self.open_viewer(self.current_id)  # type: ignore[method-assign]
        self.info = QLabel(self.details)
        self.info.setObjectName("evidenceInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deleted_note = QLabel(self.details)
        self.deleted_note.setObjectName("evidenceDeletedNote")
        self.deleted_note.setWordWrap(True)
        self.deleted_note.setStyleSheet(f"color: {_ERROR};")
        self.caption_caption = QLabel(self.details)
        self.caption_edit = QLineEdit(self.details)
        self.caption_edit.setObjectName("evidenceCaption")
        self.caption_edit.setMaxLength(500)
        self.caption_edit.returnPressed.connect(self.save_caption)
        self.caption_caption.setBuddy(self.caption_edit)
        self.caption_save = QPushButton(self.details)
        self.caption_save.setObjectName("evidenceCaptionSave")
        self.caption_save.clicked.connect(self.save_caption)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption_edit, 1)
        caption_row.addWidget(self.caption_save)
        self.move_caption = QLabel(self.details)
        self.move_combo = QComboBox(self.details)
        self.move_combo.setObjectName("evidenceMoveSlot")
        for slot in PhotoSlot:
            self.move_combo.addItem("", slot.value)
        self.move_combo.activated.connect(lambda _i: self.move_to_slot())
        self.move_caption.setBuddy(self.move_combo)
        rotate_row = QHBoxLayout()
        self.rotate_left_button = QPushButton(self.details)
        self.rotate_left_button.setObjectName("evidenceRotateLeft")
        self.rotate_left_button.clicked.connect(lambda: self.rotate(self.current_id, -1))
        self.rotate_right_button = QPushButton(self.details)
        self.rotate_right_button.setObjectName("evidenceRotateRight")
        self.rotate_right_button.clicked.connect(lambda: self.rotate(self.current_id, 1))
        rotate_row.addWidget(self.rotate_left_button)
        rotate_row.addWidget(self.rotate_right_button)
        action_row = QHBoxLayout()
        self.view_button = QPushButton(self.details)
        self.view_button.setObjectName("evidenceView")
        self.view_button.clicked.connect(lambda: self.open_viewer(self.current_id))
        self.delete_button = QPushButton(self.details)
        self.delete_button.setObjectName("evidenceDelete")
        self.delete_button.clicked.connect(lambda: self.request_delete(self.current_id))
        self.purge_button = QPushButton(self.details)
        self.purge_button.setObjectName("evidencePurge")
        self.purge_button.clicked.connect(lambda: self.request_purge(self.current_id))
        action_row.addWidget(self.view_button)
        action_row.addWidget(self.delete_button)
        action_row.addWidget(self.purge_button)
        self.purge_note = QLabel(self.details)
        self.purge_note.setObjectName("evidencePurgeNote")
        self.purge_note.setWordWrap(True)
        self.purge_note.setStyleSheet(f"color: {_MUTED};")
        for w in (self.preview, self.info, self.deleted_note, self.caption_caption):
            dl.addWidget(w)
        dl.addLayout(caption_row)
        dl.addWidget(self.move_caption)
        dl.addWidget(self.move_combo)
        dl.addLayout(rotate_row)
        dl.addLayout(action_row)
        dl.addWidget(self.purge_note)
        dl.addStretch(1)
        self.details_scroll.setWidget(self.details)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.details_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        outer.addWidget(self.splitter, 1)

        self.paste_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        self.paste_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_shortcut.activated.connect(self.paste)

    # --------------------------------------------------------------- language
    def retranslate(self) -> None:
        lang = current_language()
        self.setAccessibleName(self.tr("Photo evidence"))
        self.slot_caption.setText(self.tr("New photos &go to:"))
        self.slot_combo.setAccessibleName(self.tr("Slot for new photos"))
        self.move_caption.setText(self.tr("Sl&ot:"))
        self.move_combo.setAccessibleName(self.tr("Slot of the selected photo"))
        for combo in (self.slot_combo, self.move_combo):
            for i in range(combo.count()):
                combo.setItemText(i, PhotoSlot(combo.itemData(i)).label(lang))
        self.add_button.setText(self.tr("&Add photos…"))
        self.add_button.setAccessibleName(self.tr("Add photos from files"))
        self.add_button.setToolTip(self.tr("Choose one or more JPEG, PNG or WebP files"))
        self.paste_button.setText(self.tr("Paste (Ctrl+V)"))
        self.paste_button.setAccessibleName(self.tr("Paste a picture or copied photo files"))
        self.camera_button.setText(self.tr("&Take photos…"))
        self.camera_button.setAccessibleName(self.tr("Take photos with a camera"))
        self._show_camera_state()
        self.show_deleted.setText(self.tr("S&how deleted"))
        self.show_deleted.setAccessibleName(self.tr("Show deleted photos"))
        self.drop_hint.setText(self.tr("Drop photo files here, or paste a picture with Ctrl+V."))
        self.status_label.setAccessibleName(self.tr("Import result"))
        self.refusals_title.setText(self.tr("Not added:"))
        self.refusals.setAccessibleName(self.tr("Files not added, with the reason"))
        self.refusals_dismiss.setText(self.tr("Dismiss"))
        self.refusals_dismiss.setAccessibleName(self.tr("Dismiss the list of files not added"))
        self.scroll.setAccessibleName(self.tr("Photos by slot"))
        for slot, gallery in self.galleries.items():
            gallery.setAccessibleName(self.tr("Photos: {0}").format(slot.label(lang)))
            self.slot_empty[slot].setText(self.tr("No photos yet."))
        self.preview.setAccessibleName(self.tr("Selected photo"))
        self.preview.setToolTip(self.tr("Double-click to open the viewer"))
        self.info.setAccessibleName(self.tr("About the selected photo"))
        self.caption_caption.setText(self.tr("&Caption:"))
        self.caption_edit.setAccessibleName(self.tr("Caption of the selected photo"))
        self.caption_edit.setPlaceholderText(self.tr("What the photo shows (Enter saves)"))
        self.caption_save.setText(self.tr("Save"))
        self.caption_save.setAccessibleName(self.tr("Save the caption"))
        self.rotate_left_button.setText(self.tr("⟲ Left"))
        self.rotate_left_button.setAccessibleName(self.tr("Rotate left"))
        self.rotate_left_button.setToolTip(self.tr("Turn the photo a quarter to the left; the file is not changed"))
        self.rotate_right_button.setText(self.tr("Right ⟳"))
        self.rotate_right_button.setAccessibleName(self.tr("Rotate right"))
        self.rotate_right_button.setToolTip(self.tr("Turn the photo a quarter to the right; the file is not changed"))
        self.view_button.setText(self.tr("View…"))
        self.view_button.setAccessibleName(self.tr("Open the photo in the viewer"))
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the photo, with a reason"))
        self.delete_button.setToolTip(self.tr("The photo is hidden, not destroyed; the reason goes on the timeline"))
        self.purge_button.setText(self.tr("Purge…"))
        self.purge_button.setAccessibleName(self.tr("Purge the deleted photo for good"))
        self._show_status()
        self._show_refusals()
        self._show_items()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()

    # ----------------------------------------------------------------- camera
    def _refresh_cameras(self) -> None:
        self._cameras = camera_module.list_cameras()

    def _show_camera_state(self) -> None:
        has = bool(self._cameras)
        self.camera_button.setEnabled(has)
        if has:
            self.camera_button.setToolTip(self.tr("Live preview; Space takes a photo"))
            self.camera_note.setText("")
        else:
            self.camera_button.setToolTip(self.tr("No camera found"))
            self.camera_note.setText(self.tr("No camera found"))
        self.camera_note.setVisible(not has)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        had = bool(self._cameras)
        self._refresh_cameras()
        if had != bool(self._cameras):
            self._show_camera_state()

    def open_camera(self) -> camera_module.CameraDialog:
        """The camera dialog (it says so when there is no camera); its shots go to the chosen slot."""
        if self.camera_dialog is not None and shiboken6.isValid(self.camera_dialog):
            self.camera_dialog.deleteLater()
        slot = self.chosen_slot()
        dialog = camera_module.CameraDialog(camera_module.list_cameras(), destination=slot.label(current_language()),
                                            parent=self)
        dialog.sig_photos_taken.connect(lambda shots, s=slot: self.import_sources(shots, slot=s, prefix="camera",
                                                                                  fmt="JPEG"))
        self.camera_dialog = dialog
        dialog.open()
        return dialog

    # ----------------------------------------------------------------- loading
    def set_case(self, detail: CaseDetail) -> None:
        """The workspace shows a (fresh) case: read its photos again."""
        self.detail = detail
        self.refresh()

    def refresh(self) -> None:
        """Read the case's photos (deleted ones too) off the GUI thread and show them."""
        photos, case_id = self.photos, self.host.case_id

        def show(items: list[PhotoItem]) -> None:
            self.items = items
            self._show_items()

        run_task(self, lambda: photos.photos(case_id, include_deleted=True), show, key="photos")

    def visible_items(self) -> list[PhotoItem]:
        """The photos the galleries show, slot by slot, in the order added."""
        shown = [i for i in self.items if self.show_deleted.isChecked() or not i.deleted]
        order = {slot: n for n, slot in enumerate(PhotoSlot)}
        return sorted(shown, key=lambda i: (order[i.slot], i.id))

    def item(self, photo_id: int | None) -> PhotoItem | None:
        for item in self.items:
            if item.id == photo_id:
                return item
        return None

    def _cell_text(self, item: PhotoItem) -> str:
        caption = item.caption or self.tr("(no caption)")
        who = f"{item.added_by} · {format_local(item.added_at, short=True)}"
        if item.deleted:
            return self.tr("Deleted: {0}").format(caption) + "\n" + who
        return f"{caption}\n{who}"

    def _icon_for(self, item: PhotoItem, side: int = ICON) -> QPixmap:
        if not item.file_present:
            return placeholder(self.tr("File missing"), fill="#ffebee", ink=_ERROR, border=_ERROR)
        if item.sha256 in self._thumb_errors:
            return placeholder(self.tr("Cannot be read"), fill="#ffebee", ink=_ERROR, border=_ERROR)
        image = self._images.get(item.sha256)
        if image is None:
            return placeholder(self.tr("Loading…"))
        return thumbnail_pixmap(image, item.rotation, side, badge=self.tr("Deleted") if item.deleted else "")

    def _show_items(self) -> None:
        """Fill the galleries from ``self.items`` (the selection stays on the same photo)."""
        lang = current_language()
        visible = self.visible_items()
        by_slot: dict[PhotoSlot, list[PhotoItem]] = {slot: [] for slot in PhotoSlot}
        for item in visible:
            by_slot[item.slot].append(item)
        keep = self.current_id if any(i.id == self.current_id for i in visible) else None
        for slot, gallery in self.galleries.items():
            model = gallery.photo_model
            gallery.blockSignals(True)
            gallery.selectionModel().blockSignals(True)
            model.clear()
            for photo in by_slot[slot]:
                cell = QStandardItem(QIcon(self._icon_for(photo)), self._cell_text(photo))
                cell.setData(photo.id, ROLE_ID)
                cell.setData(photo.sha256, ROLE_SHA)
                cell.setData("deleted" if photo.deleted else ("missing" if not photo.file_present else "photo"),
                             ROLE_KIND)
                cell.setToolTip(self._tooltip(photo))
                cell.setEditable(False)
                if photo.deleted:
                    cell.setForeground(QColor(_MUTED))
                model.appendRow(cell)
            gallery.selectionModel().blockSignals(False)
            gallery.blockSignals(False)
            count = len(by_slot[slot])
            self.slot_titles[slot].setText(f"{slot.label(lang)}（{count}）" if lang.startswith("zh")
                                           else f"{slot.label(lang)} ({count})")
            self.slot_empty[slot].setVisible(count == 0)
            gallery.setVisible(count > 0)
            gallery.fit_height()
        self.current_id = keep
        if keep is not None:
            self._select(keep)
        self._show_details()
        self._request_thumbnails(visible)
        if self.viewer is not None and shiboken6.isValid(self.viewer) and self.viewer.isVisible():
            self.viewer.update_items(visible)

    def _tooltip(self, item: PhotoItem) -> str:
        lines = [item.caption or self.tr("(no caption)"),
                 self.tr("Added by {0} on {1}").format(item.added_by, format_local(item.added_at)),
                 self.tr("File: {0}").format(item.original_name)]
        if not item.file_present:
            lines.append(self.tr("File missing from the photo folder: run “depot-app check”."))
        if item.deleted:
            lines.append(self.tr("Deleted by {0}: {1}").format(item.deleted_by or "?", item.delete_reason))
        return "\n".join(lines)

    def _request_thumbnails(self, items: Sequence[PhotoItem]) -> None:
        photos = self.photos
        for item in items:
            sha = item.sha256
            if not item.file_present or sha in self._images or sha in self._thumb_errors or sha in self._pending:
                continue
            self._pending.add(sha)
            submit(self, lambda s=sha: _load_thumbnail(photos, s),
                   on_done=lambda image, s=sha: self._thumbnail_ready(s, image),
                   on_error=lambda exc, s=sha: self._thumbnail_failed(s, exc), pool=Pool.IMAGES)

    @property
    def thumbnails_pending(self) -> int:
        return len(self._pending)

    def _thumbnail_ready(self, sha: str, image: QImage) -> None:
        self._pending.discard(sha)
        self._images[sha] = image
        self._update_icons(sha)

    def _thumbnail_failed(self, sha: str, exc: BaseException) -> None:
        self._pending.discard(sha)
        log.warning("No thumbnail for %s: %s", sha, exc)
        self._thumb_errors[sha] = str(exc)
        self._update_icons(sha)

    def _update_icons(self, sha: str) -> None:
        for gallery in self.galleries.values():
            model = gallery.photo_model
            for row in range(model.rowCount()):
                cell = model.item(row)
                if cell.data(ROLE_SHA) == sha:
                    photo = self.item(int(cell.data(ROLE_ID)))
                    if photo is not None:
                        cell.setIcon(QIcon(self._icon_for(photo)))
        current = self.item(self.current_id)
        if current is not None and current.sha256 == sha:
            self._show_details()

    # --------------------------------------------------------------- selection
    def gallery(self, slot: PhotoSlot | str) -> SlotGallery:
        return self.galleries[PhotoSlot(slot)]

    def _id_at(self, gallery: SlotGallery, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        return int(gallery.photo_model.item(index.row()).data(ROLE_ID))

    def _gallery_current(self, gallery: SlotGallery, index: QModelIndex) -> None:
        photo_id = self._id_at(gallery, index)
        if photo_id is None:
            return
        for other in self.galleries.values():
            if other is not gallery:
                other.selectionModel().blockSignals(True)
                other.clearSelection()
                other.selectionModel().blockSignals(False)
        if photo_id != self.current_id:
            self.current_id = photo_id
            self._show_details()

    def _select(self, photo_id: int) -> None:
        for gallery in self.galleries.values():
            row = gallery.row_of(photo_id)
            gallery.selectionModel().blockSignals(True)
            if row >= 0:
                index = gallery.photo_model.index(row, 0)
                gallery.setCurrentIndex(index)
            else:
                gallery.clearSelection()
            gallery.selectionModel().blockSignals(False)

    def select_photo(self, photo_id: int) -> None:
        """Select a photo (as a click on it does) and show it in the panel."""
        self.current_id = photo_id
        self._select(photo_id)
        self._show_details()

    def _is_manager(self) -> bool:
        return self.ctx.operator.can(Permission.PURGE_PHOTOS)

    def _show_details(self) -> None:
        item = self.item(self.current_id)
        live = item is not None and not item.deleted
        for w in (self.caption_edit, self.caption_save, self.move_combo, self.rotate_left_button,
                  self.rotate_right_button, self.delete_button):
            w.setEnabled(live)
        self.view_button.setEnabled(item is not None)
        deleted = item is not None and item.deleted
        self.purge_button.setVisible(deleted)
        self.purge_button.setEnabled(deleted and self._is_manager())
        self.purge_button.setToolTip(self.tr("Removes the photo and, unless another case uses it, its file")
                                     if self._is_manager() else self.tr("Only a manager can purge a photo"))
        self.purge_note.setVisible(deleted and not self._is_manager())
        self.purge_note.setText(self.tr("Only a manager can purge a deleted photo."))
        if item is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Select a photo to see and change it."))
            self.preview.setWordWrap(True)
            self.info.setText("")
            self.deleted_note.setVisible(False)
            self.caption_edit.clear()
            return
        self.preview.setText("")
        if not item.file_present or item.sha256 in self._thumb_errors or item.sha256 not in self._images:
            self.preview.setPixmap(self._icon_for(item))
        else:
            self.preview.setPixmap(thumbnail_pixmap(self._images[item.sha256], item.rotation, PREVIEW))
        lang = current_language()
        facts = [item.slot.label(lang),
                 self.tr("added by {0} on {1}").format(item.added_by, format_local(item.added_at)),
                 self.tr("File: {0} ({1})").format(item.original_name, size_text(item.size_bytes))]
        if item.width and item.height:
            facts.append(f"{item.width}×{item.height}")
        if item.rotation:
            facts.append(self.tr("shown turned {0}°").format(item.rotation))
        if not item.file_present:
            facts.append(self.tr("File missing from the photo folder: run “depot-app check”."))
        self.info.setText("\n".join(facts))
        self.deleted_note.setVisible(item.deleted)
        if item.deleted:
            self.deleted_note.setText(self.tr("Deleted by {0} on {1}: {2}").format(
                item.deleted_by or "?", format_local(item.deleted_at), item.delete_reason))
        if not self.caption_edit.hasFocus() or not self.caption_edit.isModified():
            self.caption_edit.setText(item.caption)
            self.caption_edit.setModified(False)
        self.move_combo.setCurrentIndex(self.move_combo.findData(item.slot.value))

    # ------------------------------------------------------------------ import
    def chosen_slot(self) -> PhotoSlot:
        return PhotoSlot(self.slot_combo.currentData() or PhotoSlot.OTHER.value)

    def set_chosen_slot(self, slot: PhotoSlot | str) -> None:
        self.slot_combo.setCurrentIndex(self.slot_combo.findData(PhotoSlot(slot).value))

    @property
    def importing(self) -> bool:
        return self.job is not None and self.job.running

    def choose_files(self) -> None:
        """*Add photos…*: a file dialog for several photos at once."""
        choose_photo_files(self, self.tr("Add photos to {0}").format(self.chosen_slot().label(current_language())),
                           self.tr("Photos (*.jpg *.jpeg *.png *.webp);;All files (*)"),
                           lambda paths: self.import_sources(list(paths)))

    def paste(self) -> None:
        """Ctrl+V: a copied picture, or copied photo files."""
        sources = sources_from_mime(QGuiApplication.clipboard().mimeData())
        if not sources:
            self._set_status(lambda: self.tr("The clipboard holds no picture and no photo file."), error=True)
            return
        self.import_sources(sources)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if sources_from_mime(event.mimeData()):
            event.acceptProposedAction()
            self._highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight(False)
        sources = sources_from_mime(event.mimeData())
        if not sources:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_sources(sources)

    def _highlight(self, on: bool) -> None:
        self.scroll.setStyleSheet("QScrollArea#evidenceGalleries { border: 2px dashed #1565c0; "
                                  "background: #e3f2fd; }" if on else "")

    def import_sources(self, sources: Sequence[ImageSource], *, slot: PhotoSlot | None = None,
                       prefix: str = "clipboard", fmt: str = "PNG") -> None:
        """Add photos (paths, named bytes or images) to ``slot`` (default: the chosen one) in a worker."""
        if not sources:
            return
        if self.importing:
            self._set_status(lambda: self.tr("Wait until the photos being added are in."), error=True)
            return
        target = slot or self.chosen_slot()
        photos, case_id, by = self.photos, self.host.case_id, self.ctx.operator.id
        batch = list(sources)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> AddResult:
            files = as_import_sources(batch, prefix=prefix, fmt=fmt)
            return photos.add_photos(case_id=case_id, files=files, slot=target, by=by,
                                     progress=progress, cancelled=cancelled)

        count = len(batch)
        self._set_status(lambda: self.tr("Adding {0} photo(s)…").format(count))
        self.job, self.progress_dialog = run_with_progress(
            self.window(), work, title=self.tr("Adding photos"),
            label=self.tr("Checking and storing {0} photo(s) in {1}…").format(
                count, target.label(current_language())),
            object_name="photoImportProgress", on_done=self._imported, on_error=self._import_failed)

    def _imported(self, result: AddResult) -> None:
        if not shiboken6.isValid(self):
            return
        self._last_result = result
        self._last_error = ""
        self._set_status(self._result_text, error=bool(result.refused))
        self._show_refusals()
        self.host.reload()

    def _import_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        partial = getattr(exc, "result", None) if isinstance(exc, PhotoSaveError) else None
        if isinstance(partial, AddResult):
            self._last_result = partial
            self._show_refusals()
        message = ErrorPresenter.instance().message_for(exc)[1]
        self._set_status(lambda: message, error=True)
        ErrorPresenter.instance().show_error(exc, self)
        self.host.reload()

    def _result_text(self) -> str:
        result = self._last_result
        if result is None:
            return ""
        parts = [self.tr("{0} photo(s) added.").format(len(result.added))]
        if result.duplicates:
            parts.append(self.tr("{0} already on the case.").format(len(result.duplicates)))
        if result.refused:
            parts.append(self.tr("{0} file(s) not added: see the list.").format(len(result.refused)))
        if result.cancelled:
            parts.append(self.tr("Stopped by Cancel."))
        # Chinese sentences follow each other without a space.
        return ("" if current_language().startswith("zh") else " ").join(parts)

    def _set_status(self, text: Callable[[], str] | None, *, error: bool = False) -> None:
        self._status = text
        self.status_label.setStyleSheet(f"color: {_ERROR}; font-weight: bold;" if error else "color: #2e7d32;")
        self._show_status()

    def _show_status(self) -> None:
        self.status_label.setText(self._status() if self._status is not None else "")

    def _show_refusals(self) -> None:
        """The files of the last import that were not added, each with its reason, in the UI language."""
        lang = current_language()
        self.refusals.clear()
        result = self._last_result
        if result is None:
            self.refusals_box.setVisible(False)
            return
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        info = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        for refusal in result.refused:
            entry = QListWidgetItem(warn, refusal.text(lang), self.refusals)
            entry.setData(ROLE_KIND, "refused")
            entry.setData(ROLE_ID, refusal.name)
        for dup in result.duplicates:
            entry = QListWidgetItem(info, self._duplicate_text(dup), self.refusals)
            entry.setData(ROLE_KIND, "duplicate")
            entry.setData(ROLE_ID, dup.name)
        self.refusals_box.setVisible(self.refusals.count() > 0)

    def _duplicate_text(self, dup: Duplicate) -> str:
        return self.tr("{0} is already on this case (photo #{1}): not added again.").format(dup.name, dup.photo_id)

    def clear_refusals(self) -> None:
        self._last_result = None
        self.refusals.clear()
        self.refusals_box.setVisible(False)

    def refusal_texts(self) -> list[tuple[str, str]]:
        """(kind, text) of every line in the list: ``refused`` or ``duplicate``."""
        return [(str(self.refusals.item(i).data(ROLE_KIND)), self.refusals.item(i).text())
                for i in range(self.refusals.count())]

    # ----------------------------------------------------------------- editing
    def _change(self, work: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> None:
        """One change to a photo off the GUI thread; then the whole case is read again (timeline too)."""

        def done(result: Any) -> None:
            if not shiboken6.isValid(self):
                return
            if on_done is not None:
                on_done(result)
            self.host.reload()

        run_task(self, work, done)

    def save_caption(self, photo_id: int | None = None, caption: str | None = None) -> None:
        """Save the caption typed in the panel (or the one given)."""
        photo_id = self.current_id if photo_id is None else photo_id
        item = self.item(photo_id)
        if item is None or item.deleted:
            return
        text = self.caption_edit.text() if caption is None else caption
        self.caption_edit.setModified(False)
        if text.strip() == item.caption:
            return
        photos, by = self.photos, self.ctx.operator.id
        self._change(lambda: photos.set_caption(photo_id=item.id, caption=text, by=by))

    def move_to_slot(self, photo_id: int | None = None, slot: PhotoSlot | str | None = None) -> None:
        """File the photo under another slot (the panel's slot box, or ``slot``)."""
        photo_id = self.current_id if photo_id is None else photo_id
        item = self.item(photo_id)
        target = PhotoSlot(slot if slot is not None else self.move_combo.currentData())
        if item is None or item.deleted or target is item.slot:
            return
        photos, by = self.photos, self.ctx.operator.id
        self._change(lambda: photos.set_slot(photo_id=item.id, slot=target, by=by))

    def rotate(self, photo_id: int | None, quarter_turns: int) -> None:
        """Turn how the photo is shown (clockwise quarter turns; negative: to the left)."""
        item = self.item(photo_id)
        if item is None or item.deleted:
            return
        photos, by = self.photos, self.ctx.operator.id
        self._change(lambda: photos.rotate(photo_id=item.id, quarter_turns=quarter_turns, by=by))

    def request_delete(self, photo_id: int | None, reason: str | None = None) -> None:
        """Delete (hide) a photo; without ``reason`` a small dialog asks for one first."""
        item = self.item(photo_id)
        if item is None or item.deleted:
            return
        if reason is None or not reason.strip():

            if self.reason_dialog is not None and shiboken6.isValid(self.reason_dialog):
                self.reason_dialog.deleteLater()
            dialog = ReasonDialog(self.tr("Delete photo"),
                                  self.tr("Why is this photo deleted (e.g. blurred, wrong parcel)? "
                                          "The reason is recorded on the timeline."), self)
            dialog.setObjectName("photoDeleteDialog")
            dialog.sig_reason_given.connect(lambda text, pid=item.id: self.request_delete(pid, text))
            self.reason_dialog = dialog
            dialog.open()
            return
        photos, by = self.photos, self.ctx.operator.id
        self._change(lambda: photos.delete(photo_id=item.id, reason=reason, by=by))

    def request_purge(self, photo_id: int | None) -> None:
        """Remove a deleted photo for good (managers only), after a confirmation."""
        item = self.item(photo_id)
        if item is None or not item.deleted:
            return
        if not self._is_manager():
            self._set_status(lambda: self.tr("Only a manager can purge a photo."), error=True)
            return
        photos, by = self.photos, self.ctx.operator.id
        ask_confirmation(
            self, self.tr("Purge photo"),
            self.tr("Remove “{0}” for good? The photo cannot be brought back; the timeline keeps a record "
                    "that it was purged.").format(item.caption or item.original_name),
            lambda: self._change(lambda: photos.purge(photo_id=item.id, by=by)))

    # ------------------------------------------------------------------ viewer
    def open_viewer(self, photo_id: int | None = None) -> PhotoViewer | None:
        """The viewer on ``photo_id`` (default: the selected photo), stepping through the gallery's photos."""
        visible = self.visible_items()
        if not visible:
            return None
        ids = [i.id for i in visible]
        index = ids.index(photo_id) if photo_id in ids else 0
        if self.viewer is not None and shiboken6.isValid(self.viewer):
            self.viewer.deleteLater()
        viewer = PhotoViewer(self.photos, visible, index, parent=self)
        viewer.sig_caption_edited.connect(lambda pid, text: self.save_caption(pid, text))
        viewer.sig_rotate_requested.connect(lambda pid, turns: self.rotate(pid, turns))
        viewer.sig_current_changed.connect(self.select_photo)
        self.viewer = viewer
        viewer.open()
        return viewer
