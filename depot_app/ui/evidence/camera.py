"""Taking evidence photos with a camera attached to the desk (a webcam or a document camera).

Live preview, a camera chooser, Space takes a shot, several shots in a row
collect in a strip; *Use these photos* hands them to the Evidence tab, which
imports them like any other photo (:meth:`PhotoService.add_photos`, in a
worker). With no camera the dialog says so instead of failing, and the
Evidence tab's *Take photos…* button is disabled.

:func:`list_cameras` is the one place that asks Qt Multimedia for devices;
tests replace it (or pass ``devices=`` to :class:`CameraDialog`).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut, QTextDocumentFragment
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.ui.common.i18n import RetranslatesOnLanguageChange

log = logging.getLogger(__name__)

STRIP_ICON = 96


def list_cameras() -> list[Any]:
    """The video inputs Qt Multimedia sees (``QCameraDevice``); empty when none or when it fails."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        return list(QMediaDevices.videoInputs())
    except Exception:  # noqa: BLE001 - no multimedia backend is the same as no camera here
        log.warning("Qt Multimedia could not list cameras", exc_info=True)
        return []


def has_camera() -> bool:
    return bool(list_cameras())


class CameraDialog(RetranslatesOnLanguageChange, QDialog):
    """Live preview, camera chooser, Space to capture, a strip of the shots taken."""

    sig_photos_taken = Signal(list)
    """Emitted with the shots (``list[QImage]``) when the clerk chooses *Use these photos*."""

    def __init__(self, devices: Sequence[Any] | None = None, *, destination: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.devices = list(list_cameras() if devices is None else devices)
        #: Where the photos will go (the slot's name), shown to the clerk.
        self.destination = destination
        self.shots: list[QImage] = []
        self._camera: Any = None
        self._session: Any = None
        self._capture: Any = None
        self._error = ""
        self._build()
        self.retranslate()
        self.resize(820, 640)
        if self.devices:
            self._start(0)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.chooser_label = QLabel(self)
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("cameraChooser")
        self.chooser.setMinimumContentsLength(24)
        for device in self.devices:
            self.chooser.addItem(str(device.description()))
        self.chooser.setEnabled(bool(self.devices))
        self.chooser.currentIndexChanged.connect(self._start)
        self.chooser_label.setBuddy(self.chooser)
        self.destination_label = QLabel(self)
        self.destination_label.setObjectName("cameraDestination")
        top.addWidget(self.chooser_label)
        top.addWidget(self.chooser, 1)
        top.addSpacing(12)
        top.addWidget(self.destination_label)
        layout.addLayout(top)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("cameraStack")
        self.no_camera = QLabel(self.stack)
        self.no_camera.setObjectName("cameraNoCamera")
        self.no_camera.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_camera.setWordWrap(True)
        self.no_camera.setTextFormat(Qt.TextFormat.RichText)
        self.no_camera.setFrameShape(QFrame.Shape.StyledPanel)
        self.no_camera.setMargin(24)
        self.no_camera.setStyleSheet("QLabel#cameraNoCamera { background: #f5f5f5; color: #424242; "
                                     "font-size: 15px; }")
        self.stack.addWidget(self.no_camera)
        self.preview: QWidget | None = None
        if self.devices:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self.preview = QVideoWidget(self.stack)
            self.preview.setObjectName("cameraPreview")
            self.preview.setMinimumSize(480, 320)
            self.stack.addWidget(self.preview)
            self.stack.setCurrentWidget(self.preview)
        layout.addWidget(self.stack, 1)

        row = QHBoxLayout()
        self.capture_button = QPushButton(self)
        self.capture_button.setObjectName("cameraCapture")
        self.capture_button.setMinimumHeight(36)
        self.capture_button.setEnabled(False)
        self.capture_button.clicked.connect(self.capture)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("cameraCount")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("cameraRemove")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.capture_button)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)

        self.strip = QListWidget(self)
        self.strip.setObjectName("cameraStrip")
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setFlow(QListView.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setMovement(QListView.Movement.Static)
        self.strip.setIconSize(QSize(STRIP_ICON, STRIP_ICON))
        self.strip.setFixedHeight(STRIP_ICON + 40)
        self.strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.strip.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        layout.addWidget(self.strip)

        buttons = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setObjectName("cameraHint")
        self.hint.setStyleSheet("color: #616161;")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cameraCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.use_button = QPushButton(self)
        self.use_button.setObjectName("cameraUse")
        self.use_button.setAutoDefault(False)
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.accept)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.use_button)
        layout.addLayout(buttons)

        # Without a camera only the message and the buttons to leave remain.
        for widget in (self.capture_button, self.remove_button, self.count_label, self.strip, self.hint):
            widget.setVisible(bool(self.devices))

        self.capture_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self.capture_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.capture_shortcut.activated.connect(self.capture)
        self.delete_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.strip)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.remove_selected)

    # --------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Take photos"))
        self.setAccessibleName(self.tr("Take photos with a camera"))
        self.chooser_label.setText(self.tr("&Camera:"))
        self.chooser.setAccessibleName(self.tr("Camera"))
        self.chooser.setPlaceholderText(self.tr("No camera"))
        if self.destination:
            self.destination_label.setText(self.tr("Photos go to: {0}").format(self.destination))
        self.no_camera.setAccessibleName(self.tr("No camera found"))
        if not self.devices:
            self._say(self.tr("No camera found"),
                      self.tr("Connect a USB camera or a document camera and open this window again, "
                              "or add photos from files with “Add photos…”."))
        elif self._error:
            self._say(self.tr("The camera cannot be used"), self._error)
        self.capture_button.setText(self.tr("Take photo (Space)"))
        self.capture_button.setAccessibleName(self.tr("Take a photo"))
        self.remove_button.setText(self.tr("Remove shot"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected shot"))
        self.strip.setAccessibleName(self.tr("Shots taken"))
        self.hint.setText(self.tr("Space takes a photo; take as many as you need, then use them."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Close without adding photos"))
        self.use_button.setText(self.tr("Use these photos"))
        self.use_button.setAccessibleName(self.tr("Add the shots to the case"))
        self._show_count()

    def _say(self, title: str, text: str) -> None:
        """The big message shown instead of the live picture."""
        self.no_camera.setText(f"<p style='font-size: 20px; font-weight: bold;'>{html.escape(title)}</p>"
                               f"<p>{html.escape(text)}</p>")

    def message(self) -> str:
        """The no-camera message as plain text (for tests and screen readers)."""
        return QTextDocumentFragment.fromHtml(self.no_camera.text()).toPlainText()

    def _show_count(self) -> None:
        n = len(self.shots)
        self.count_label.setText(self.tr("{0} shot(s) taken").format(n) if n else "")
        self.use_button.setEnabled(n > 0)

    # ----------------------------------------------------------------- camera
    def _start(self, index: int) -> None:
        """Show the live picture of camera ``index`` (stopping the previous one)."""
        self._stop()
        if not 0 <= index < len(self.devices):
            return
        try:
            from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession

            self._camera = QCamera(self.devices[index], self)
            self._session = QMediaCaptureSession(self)
            self._capture = QImageCapture(self)
            self._session.setCamera(self._camera)
            self._session.setImageCapture(self._capture)
            self._session.setVideoOutput(self.preview)
            self._capture.imageCaptured.connect(self._captured)
            self._capture.readyForCaptureChanged.connect(self.capture_button.setEnabled)
            self._capture.errorOccurred.connect(lambda _id, _err, text: self._failed(text))
            self._camera.errorOccurred.connect(lambda _err, text: self._failed(text))
            self._camera.start()
        except Exception as exc:  # noqa: BLE001 - a broken driver is shown, not raised
            log.warning("Camera could not be started", exc_info=True)
            self._failed(str(exc))

    def _stop(self) -> None:
        if self._camera is not None:
            try:
                self._camera.stop()
            except RuntimeError:
                pass
            self._camera.deleteLater()
        for obj in (self._capture, self._session):
            if obj is not None:
                obj.deleteLater()
        self._camera = self._session = self._capture = None
        self.capture_button.setEnabled(False)

    def _failed(self, text: str) -> None:
        self._error = text or "?"
        self.stack.setCurrentWidget(self.no_camera)
        self.capture_button.setEnabled(False)
        self.retranslate()

    def capture(self) -> None:
        """Take one shot (Space); it joins the strip when the camera delivers it."""
        if self._capture is None or not self.capture_button.isEnabled():
            return
        self._capture.capture()

    def _captured(self, _request_id: int, image: QImage) -> None:
        self.add_shot(image)

    def add_shot(self, image: QImage) -> None:
        """Keep one shot and show it in the strip."""
        if image.isNull():
            return
        self.shots.append(image)
        self.strip.setVisible(True)
        self.remove_button.setVisible(True)
        self.count_label.setVisible(True)
        icon = QPixmap.fromImage(image.scaled(STRIP_ICON * 2, STRIP_ICON * 2, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
        item = QListWidgetItem(QIcon(icon), str(len(self.shots)), self.strip)
        self.strip.scrollToItem(item)
        self._show_count()

    def remove_selected(self) -> None:
        row = self.strip.currentRow()
        if 0 <= row < len(self.shots):
            del self.shots[row]
            self.strip.takeItem(row)
            for i in range(self.strip.count()):
                self.strip.item(i).setText(str(i + 1))
            self._show_count()

    # ----------------------------------------------------------------- ending
    def accept(self) -> None:
        shots = list(self.shots)
        self._stop()
        super().accept()
        if shots:
            self.sig_photos_taken.emit(shots)

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)
