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

This module holds the tab itself: its layout, the galleries and their
thumbnails, the selection and the viewer. Adding photos is
:mod:`depot_app.ui.evidence.photo_import`, the panel on the right
:mod:`depot_app.ui.evidence.photo_details`, the gallery view and its pictures
:mod:`depot_app.ui.evidence.thumbnails`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QKeySequence, QPixmap, QShortcut, QStandardItem
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import PhotoSlot
from depot_app.services.photos import AddResult, PhotoItem
from depot_app.ui.common.background import Pool, run_task, submit
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.common.jobs import BackgroundJob, JobProgressDialog
from depot_app.ui.evidence import camera as camera_module
from depot_app.ui.evidence.photo_details import PhotoDetailsMixin
from depot_app.ui.evidence.photo_import import PhotoImportMixin
from depot_app.ui.evidence.photo_viewer import PhotoViewer
from depot_app.ui.evidence.thumbnails import (
    ERROR,
    ICON,
    MUTED,
    ROLE_ID,
    ROLE_KIND,
    ROLE_SHA,
    SlotGallery,
    load_thumbnail,
    placeholder,
    thumbnail_pixmap,
)

log = logging.getLogger(__name__)

#: Slot cards side by side on the page.
SLOT_COLUMNS = 2


class EvidenceHost(Protocol):
    """What the tab needs of its workspace."""

    ctx: DeskContext
    case_id: int

    def reload(self) -> None: ...


class EvidenceTab(PhotoImportMixin, PhotoDetailsMixin, RetranslatesOnLanguageChange, QWidget):
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

        bar = self._build_add_bar()
        self.show_deleted = QCheckBox(self)
        self.show_deleted.setObjectName("evidenceShowDeleted")
        self.show_deleted.toggled.connect(lambda _c: self._show_items())
        bar.addStretch(1)
        bar.addWidget(self.show_deleted)
        outer.addLayout(bar)
        outer.addLayout(self._build_hint_row())
        outer.addWidget(self._build_refusals())

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
            empty.setStyleSheet(f"color: {MUTED};")
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

        self._build_details(self.splitter)
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
        self._retranslate_import()
        self.show_deleted.setText(self.tr("S&how deleted"))
        self.show_deleted.setAccessibleName(self.tr("Show deleted photos"))
        self.scroll.setAccessibleName(self.tr("Photos by slot"))
        for slot, gallery in self.galleries.items():
            gallery.setAccessibleName(self.tr("Photos: {0}").format(slot.label(lang)))
            self.slot_empty[slot].setText(self.tr("No photos yet."))
        self._retranslate_details()
        self._show_status()
        self._show_refusals()
        self._show_items()

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
            return placeholder(self.tr("File missing"), fill="#ffebee", ink=ERROR, border=ERROR)
        if item.sha256 in self._thumb_errors:
            return placeholder(self.tr("Cannot be read"), fill="#ffebee", ink=ERROR, border=ERROR)
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
                    cell.setForeground(QColor(MUTED))
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
            lines.append(self.missing_original_text())
        if item.deleted:
            lines.append(self.tr("Deleted by {0}: {1}").format(item.deleted_by or "?", item.delete_reason))
        return "\n".join(lines)

    def missing_original_text(self) -> str:
        """What to say of a photo whose original is not stored (in the folder, or in the database)."""
        if self.photos.store.in_database:
            return self.tr("Original missing from the database: run “depot-app check”.")
        return self.tr("File missing from the photo folder: run “depot-app check”.")

    def _request_thumbnails(self, items: Sequence[PhotoItem]) -> None:
        photos = self.photos
        for item in items:
            sha = item.sha256
            if not item.file_present or sha in self._images or sha in self._thumb_errors or sha in self._pending:
                continue
            self._pending.add(sha)
            submit(self, lambda s=sha: load_thumbnail(photos, s),
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
