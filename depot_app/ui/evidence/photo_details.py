"""The Evidence tab's panel on the right: the selected photo and the changes made to it.

Preview, slot, who added it and when, file and size; caption, slot, rotate
left/right (display metadata: the original never changes), delete with a
reason (soft, on the timeline), and, for managers, purge of a deleted photo.

:class:`PhotoDetailsMixin` is a part of :class:`~depot_app.ui.evidence.evidence_tab.EvidenceTab`
(it sits before ``QWidget`` among its bases) and works on the tab's state: ``host``, ``ctx``,
``photos``, ``current_id``, ``item()``, ``_images``, ``_thumb_errors``, ``_icon_for()``, ``missing_original_text()``,
``open_viewer()`` and ``_set_status()``. Its texts keep the ``EvidenceTab`` translation
context they had when the tab held this code itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.permissions import Permission
from depot_app.domain.vocabulary import PhotoSlot
from depot_app.ui.common.background import run_task
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import current_language
from depot_app.ui.common.widgets import ReasonDialog, ask_confirmation
from depot_app.ui.evidence.photo_viewer import size_text
from depot_app.ui.evidence.thumbnails import ERROR, MUTED, thumbnail_pixmap

#: Side of the selected photo's preview in the panel.
PREVIEW = 240


class PhotoDetailsMixin:
    """The selected photo's panel: what it is, and its caption, slot, rotation, delete and purge."""

    # ------------------------------------------------------------------ build
    def _build_details(self, parent: QWidget) -> QScrollArea:
        """The panel, in a scroll area of its own (it scrolls rather than making the window taller)."""
        self.details_scroll = QScrollArea(parent)
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
        self.deleted_note.setStyleSheet(f"color: {ERROR};")
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
        self.purge_note.setStyleSheet(f"color: {MUTED};")
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
        return self.details_scroll

    def _retranslate_details(self) -> None:
        """The panel's fixed texts (what it shows of the photo follows in ``_show_details``)."""
        lang = current_language()
        self.move_caption.setText(QCoreApplication.translate("EvidenceTab", "Sl&ot:"))
        self.move_combo.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Slot of the selected photo"))
        for i in range(self.move_combo.count()):
            self.move_combo.setItemText(i, PhotoSlot(self.move_combo.itemData(i)).label(lang))
        self.preview.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Selected photo"))
        self.preview.setToolTip(QCoreApplication.translate("EvidenceTab", "Double-click to open the viewer"))
        self.info.setAccessibleName(QCoreApplication.translate("EvidenceTab", "About the selected photo"))
        self.caption_caption.setText(QCoreApplication.translate("EvidenceTab", "&Caption:"))
        self.caption_edit.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Caption of the selected photo"))
        self.caption_edit.setPlaceholderText(QCoreApplication.translate("EvidenceTab",
                                                                        "What the photo shows (Enter saves)"))
        self.caption_save.setText(QCoreApplication.translate("EvidenceTab", "Save"))
        self.caption_save.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Save the caption"))
        self.rotate_left_button.setText(QCoreApplication.translate("EvidenceTab", "⟲ Left"))
        self.rotate_left_button.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Rotate left"))
        self.rotate_left_button.setToolTip(QCoreApplication.translate(
            "EvidenceTab", "Turn the photo a quarter to the left; the file is not changed"))
        self.rotate_right_button.setText(QCoreApplication.translate("EvidenceTab", "Right ⟳"))
        self.rotate_right_button.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Rotate right"))
        self.rotate_right_button.setToolTip(QCoreApplication.translate(
            "EvidenceTab", "Turn the photo a quarter to the right; the file is not changed"))
        self.view_button.setText(QCoreApplication.translate("EvidenceTab", "View…"))
        self.view_button.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Open the photo in the viewer"))
        self.delete_button.setText(QCoreApplication.translate("EvidenceTab", "Delete…"))
        self.delete_button.setAccessibleName(QCoreApplication.translate("EvidenceTab",
                                                                        "Delete the photo, with a reason"))
        self.delete_button.setToolTip(QCoreApplication.translate(
            "EvidenceTab", "The photo is hidden, not destroyed; the reason goes on the timeline"))
        self.purge_button.setText(QCoreApplication.translate("EvidenceTab", "Purge…"))
        self.purge_button.setAccessibleName(QCoreApplication.translate("EvidenceTab",
                                                                       "Purge the deleted photo for good"))

    # ---------------------------------------------------------------- showing
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
        self.purge_button.setToolTip(
            QCoreApplication.translate("EvidenceTab", "Removes the photo and, unless another case uses it, its file")
            if self._is_manager() else QCoreApplication.translate("EvidenceTab", "Only a manager can purge a photo"))
        self.purge_note.setVisible(deleted and not self._is_manager())
        self.purge_note.setText(QCoreApplication.translate("EvidenceTab", "Only a manager can purge a deleted photo."))
        if item is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(QCoreApplication.translate("EvidenceTab", "Select a photo to see and change it."))
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
                 QCoreApplication.translate("EvidenceTab", "added by {0} on {1}").format(
                     item.added_by, format_local(item.added_at)),
                 QCoreApplication.translate("EvidenceTab", "File: {0} ({1})").format(
                     item.original_name, size_text(item.size_bytes))]
        if item.width and item.height:
            facts.append(f"{item.width}×{item.height}")
        if item.rotation:
            facts.append(QCoreApplication.translate("EvidenceTab", "shown turned {0}°").format(item.rotation))
        if not item.file_present:
            facts.append(self.missing_original_text())
        self.info.setText("\n".join(facts))
        self.deleted_note.setVisible(item.deleted)
        if item.deleted:
            self.deleted_note.setText(QCoreApplication.translate("EvidenceTab", "Deleted by {0} on {1}: {2}").format(
                item.deleted_by or "?", format_local(item.deleted_at), item.delete_reason))
        if not self.caption_edit.hasFocus() or not self.caption_edit.isModified():
            self.caption_edit.setText(item.caption)
            self.caption_edit.setModified(False)
        self.move_combo.setCurrentIndex(self.move_combo.findData(item.slot.value))

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
            dialog = ReasonDialog(QCoreApplication.translate("EvidenceTab", "Delete photo"),
                                  QCoreApplication.translate(
                                      "EvidenceTab", "Why is this photo deleted (e.g. blurred, wrong parcel)? "
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
            self._set_status(lambda: QCoreApplication.translate("EvidenceTab", "Only a manager can purge a photo."),
                             error=True)
            return
        photos, by = self.photos, self.ctx.operator.id
        ask_confirmation(
            self, QCoreApplication.translate("EvidenceTab", "Purge photo"),
            QCoreApplication.translate(
                "EvidenceTab",
                "Remove “{0}” for good? The photo cannot be brought back; the timeline keeps a record "
                "that it was purged.").format(item.caption or item.original_name),
            lambda: self._change(lambda: photos.purge(photo_id=item.id, by=by)))
