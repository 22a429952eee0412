"""Small helpers every screen uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

Index = QModelIndex | QPersistentModelIndex


def name(widget: QWidget, object_name: str, accessible: str | None = None) -> QWidget:
    """Give a widget its stable objectName (for automation) and accessible name."""
    widget.setObjectName(object_name)
    if accessible is not None:
        widget.setAccessibleName(accessible)
    return widget


def ask_confirmation(parent: QWidget, title: str, text: str, then: Callable[[], None], *,
                     object_name: str = "confirmBox") -> None:
    """A Yes/No question (non-blocking, No by default); ``then()`` runs on Yes."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName(object_name)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        if result == QMessageBox.StandardButton.Yes.value:
            then()

    box.finished.connect(finished)
    box.open()


class ReadOnlyRowsModel(QAbstractTableModel):
    """A table of ``COLUMN_COUNT`` columns over ``self._rows``, selectable but never editable.

    Subclasses fill ``_rows`` and answer ``data``/``headerData``.
    """

    COLUMN_COUNT = 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def retranslate(self) -> None:
        """Repaint texts and headers in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ReasonDialog(QDialog):
    """Asks for the reason of a reopen or cancel; non-blocking (``open()``), OK only with a reason."""

    sig_reason_given = Signal(str)
    """Emitted with the stripped reason when the clerk confirms."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt, self)
        self.prompt.setObjectName("reasonPrompt")
        self.prompt.setWordWrap(True)
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("reasonText")
        self.text_edit.setAccessibleName(prompt)
        self.prompt.setBuddy(self.text_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("reasonButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("reasonOk")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        layout.addWidget(self.prompt)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def reason(self) -> str:
        return self.text_edit.text().strip()

    def accept(self) -> None:
        if not self.reason():
            self.text_edit.setFocus()
            return  # a reason is required: the dialog stays open
        reason = self.reason()
        super().accept()
        self.sig_reason_given.emit(reason)
