"""Who is at the desk: picked at start, recorded on every change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.services.views import OperatorView
from depot_app.ui.i18n import current_language


class OperatorPicker(QDialog):
    """Choose the operator for this session (sign-in with roles comes later)."""

    sig_operator_chosen = Signal(object)
    """Emitted with the chosen :class:`OperatorView`."""

    def __init__(self, operators: list[OperatorView], *, preselect: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorPicker")
        self._operators = operators
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("operatorPrompt")
        self.list = QListWidget(self)
        self.list.setObjectName("operatorList")
        for op in operators:
            item = QListWidgetItem(f"{op.name}  ·  {op.role.label(current_language())}")
            item.setData(Qt.ItemDataRole.UserRole, op.id)
            self.list.addItem(item)
            if op.id == preselect:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and operators:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("operatorButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(360, 320)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Who is at the desk?"))
        self.prompt.setText(self.tr("Choose your name. Every change you make is recorded under it."))
        self.list.setAccessibleName(self.tr("Operators"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen(self) -> OperatorView | None:
        item = self.list.currentItem()
        if item is None:
            return None
        op_id = item.data(Qt.ItemDataRole.UserRole)
        return next((op for op in self._operators if op.id == op_id), None)

    def accept(self) -> None:
        op = self.chosen()
        if op is None:
            return
        self.sig_operator_chosen.emit(op)
        super().accept()
