"""The steps that talk to the operating system's file handling.

The save and open file dialogs, the pickers for photos and for a waybill label
photo, and opening a file or folder with the desktop's own program. Screens
call them through this module (``files.choose_save_path``) so tests can
replace them with ones that answer at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def _native_dialogs() -> bool:
    """The platform's own file dialogs, except on the headless platforms tests run on."""
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


def choose_save_path(parent: QWidget | None, title: str, suggested: Path, name_filter: str,
                     then: Callable[[Path], None]) -> None:
    """Ask where to save (non-blocking); ``then(path)`` runs when the clerk chose a file."""
    dialog = QFileDialog(parent, title, str(suggested), name_filter)
    dialog.setObjectName("saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suggested.suffix.lstrip("."))
    dialog.selectFile(suggested.name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _native_dialogs())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()


def choose_open_path(parent: QWidget | None, title: str, folder: Path, name_filter: str,
                     then: Callable[[Path], None]) -> None:
    """Ask which file to open (non-blocking); ``then(path)`` runs when the clerk chose one."""
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setObjectName("openFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _native_dialogs())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the program the desktop uses for it."""
    return QDesktopServices.openUrl(url)


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


def choose_label_photo(parent: QWidget, title: str, name_filter: str, then: Callable[[Path], None]) -> None:
    """Ask for a photo of the waybill label (non-blocking); ``then(path)`` runs once chosen."""
    dialog = QFileDialog(parent, title, str(Path.home()), name_filter)
    dialog.setObjectName("labelPhotoDialog")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _native_dialogs())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()
