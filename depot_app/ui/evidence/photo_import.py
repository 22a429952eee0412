"""Adding photos on the Evidence tab: the bar with *Add photos…*, *Paste* and *Take photos…*,
drops on the tab, the import in a worker behind a progress dialog, and the list of the files
not added, each with the reason.

:class:`PhotoImportMixin` is a part of :class:`~depot_app.ui.evidence.evidence_tab.EvidenceTab`
(it sits before ``QWidget`` among its bases) and works on the tab's state: ``host``, ``ctx``,
``photos``, ``job``, ``progress_dialog``, ``_last_result``, ``_status``, ``_cameras``,
``camera_dialog`` and the galleries' ``scroll``. Its texts keep the ``EvidenceTab``
translation context they had when the tab held this code itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from depot_app.domain.photos import PhotoSaveError
from depot_app.domain.vocabulary import PhotoSlot
from depot_app.services.photos import AddResult, Duplicate
from depot_app.ui.common import files
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.i18n import current_language
from depot_app.ui.common.image_sources import ImageSource, as_import_sources, sources_from_mime
from depot_app.ui.common.jobs import CancelledFn, ProgressFn, run_with_progress
from depot_app.ui.evidence import camera as camera_module
from depot_app.ui.evidence.thumbnails import ERROR, MUTED, ROLE_ID, ROLE_KIND


class PhotoImportMixin:
    """The Evidence tab's photo adding: by file dialog, drop, paste or camera, into the chosen slot."""

    # ------------------------------------------------------------------ build
    def _build_add_bar(self) -> QHBoxLayout:
        """The slot for new photos and the buttons that add them (the tab puts the rest of its bar after)."""
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
        self.camera_note.setStyleSheet(f"color: {MUTED};")
        bar.addWidget(self.slot_caption)
        bar.addWidget(self.slot_combo)
        bar.addSpacing(8)
        bar.addWidget(self.add_button)
        bar.addWidget(self.paste_button)
        bar.addWidget(self.camera_button)
        bar.addWidget(self.camera_note)
        return bar

    def _build_hint_row(self) -> QHBoxLayout:
        """How else photos come in, and the result of the last import."""
        self.drop_hint = QLabel(self)
        self.drop_hint.setObjectName("evidenceDropHint")
        self.drop_hint.setStyleSheet(f"color: {MUTED};")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("evidenceStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.drop_hint)
        hint_row.addStretch(1)
        hint_row.addWidget(self.status_label)
        return hint_row

    def _build_refusals(self) -> QFrame:
        """The box listing the files of the last import that were not added (hidden while empty)."""
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
        return self.refusals_box

    def _retranslate_import(self) -> None:
        """The texts of the bar, the hint row and the refusals box."""
        lang = current_language()
        self.slot_caption.setText(QCoreApplication.translate("EvidenceTab", "New photos &go to:"))
        self.slot_combo.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Slot for new photos"))
        for i in range(self.slot_combo.count()):
            self.slot_combo.setItemText(i, PhotoSlot(self.slot_combo.itemData(i)).label(lang))
        self.add_button.setText(QCoreApplication.translate("EvidenceTab", "&Add photos…"))
        self.add_button.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Add photos from files"))
        self.add_button.setToolTip(QCoreApplication.translate("EvidenceTab",
                                                              "Choose one or more JPEG, PNG or WebP files"))
        self.paste_button.setText(QCoreApplication.translate("EvidenceTab", "Paste (Ctrl+V)"))
        self.paste_button.setAccessibleName(QCoreApplication.translate("EvidenceTab",
                                                                       "Paste a picture or copied photo files"))
        self.camera_button.setText(QCoreApplication.translate("EvidenceTab", "&Take photos…"))
        self.camera_button.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Take photos with a camera"))
        self._show_camera_state()
        self.drop_hint.setText(QCoreApplication.translate(
            "EvidenceTab", "Drop photo files here, or paste a picture with Ctrl+V."))
        self.status_label.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Import result"))
        self.refusals_title.setText(QCoreApplication.translate("EvidenceTab", "Not added:"))
        self.refusals.setAccessibleName(QCoreApplication.translate("EvidenceTab", "Files not added, with the reason"))
        self.refusals_dismiss.setText(QCoreApplication.translate("EvidenceTab", "Dismiss"))
        self.refusals_dismiss.setAccessibleName(QCoreApplication.translate(
            "EvidenceTab", "Dismiss the list of files not added"))

    # ----------------------------------------------------------------- camera
    def _refresh_cameras(self) -> None:
        self._cameras = camera_module.list_cameras()

    def _show_camera_state(self) -> None:
        has = bool(self._cameras)
        self.camera_button.setEnabled(has)
        if has:
            self.camera_button.setToolTip(QCoreApplication.translate("EvidenceTab",
                                                                     "Live preview; Space takes a photo"))
            self.camera_note.setText("")
        else:
            self.camera_button.setToolTip(QCoreApplication.translate("EvidenceTab", "No camera found"))
            self.camera_note.setText(QCoreApplication.translate("EvidenceTab", "No camera found"))
        self.camera_note.setVisible(not has)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)  # type: ignore[misc]
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
        files.choose_photo_files(
            self, QCoreApplication.translate("EvidenceTab", "Add photos to {0}").format(
                self.chosen_slot().label(current_language())),
            QCoreApplication.translate("EvidenceTab", "Photos (*.jpg *.jpeg *.png *.webp);;All files (*)"),
            lambda paths: self.import_sources(list(paths)))

    def paste(self) -> None:
        """Ctrl+V: a copied picture, or copied photo files."""
        sources = sources_from_mime(QGuiApplication.clipboard().mimeData())
        if not sources:
            self._set_status(lambda: QCoreApplication.translate(
                "EvidenceTab", "The clipboard holds no picture and no photo file."), error=True)
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
        super().dragLeaveEvent(event)  # type: ignore[misc]

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
            self._set_status(lambda: QCoreApplication.translate(
                "EvidenceTab", "Wait until the photos being added are in."), error=True)
            return
        target = slot or self.chosen_slot()
        photos, case_id, by = self.photos, self.host.case_id, self.ctx.operator.id
        batch = list(sources)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> AddResult:
            named = as_import_sources(batch, prefix=prefix, fmt=fmt)
            return photos.add_photos(case_id=case_id, files=named, slot=target, by=by,
                                     progress=progress, cancelled=cancelled)

        count = len(batch)
        self._set_status(lambda: QCoreApplication.translate("EvidenceTab", "Adding {0} photo(s)…").format(count))
        self.job, self.progress_dialog = run_with_progress(
            self.window(), work, title=QCoreApplication.translate("EvidenceTab", "Adding photos"),
            label=QCoreApplication.translate("EvidenceTab", "Checking and storing {0} photo(s) in {1}…").format(
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
        parts = [QCoreApplication.translate("EvidenceTab", "{0} photo(s) added.").format(len(result.added))]
        if result.duplicates:
            parts.append(QCoreApplication.translate("EvidenceTab", "{0} already on the case.").format(
                len(result.duplicates)))
        if result.refused:
            parts.append(QCoreApplication.translate("EvidenceTab", "{0} file(s) not added: see the list.").format(
                len(result.refused)))
        if result.cancelled:
            parts.append(QCoreApplication.translate("EvidenceTab", "Stopped by Cancel."))
        # Chinese sentences follow each other without a space.
        return ("" if current_language().startswith("zh") else " ").join(parts)

    # -------------------------------------------------------------- the result
    def _set_status(self, text: Callable[[], str] | None, *, error: bool = False) -> None:
        self._status = text
        self.status_label.setStyleSheet(f"color: {ERROR}; font-weight: bold;" if error else "color: #2e7d32;")
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
        return QCoreApplication.translate(
            "EvidenceTab", "{0} is already on this case (photo #{1}): not added again.").format(dup.name, dup.photo_id)

    def clear_refusals(self) -> None:
        self._last_result = None
        self.refusals.clear()
        self.refusals_box.setVisible(False)

    def refusal_texts(self) -> list[tuple[str, str]]:
        """(kind, text) of every line in the list: ``refused`` or ``duplicate``."""
        return [(str(self.refusals.item(i).data(ROLE_KIND)), self.refusals.item(i).text())
                for i in range(self.refusals.count())]
