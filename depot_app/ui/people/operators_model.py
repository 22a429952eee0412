"""The operators as table rows for :class:`~.operators_dialog.OperatorsDialog`:
the columns, the colours of deactivated and locked-out operators, and the model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from depot_app.domain.views import OperatorView
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import current_language
from depot_app.ui.common.widgets import ReadOnlyRowsModel

Index = QModelIndex | QPersistentModelIndex

COL_NAME = 0
COL_ROLE = 1
COL_ACTIVE = 2
COL_PIN = 3
COL_LOCKED = 4
COL_LAST_SIGN_IN = 5
COLUMN_COUNT = 6

INACTIVE_COLOR = QColor("#9e9e9e")
LOCKED_COLOR = QColor("#c62828")


def is_locked(op: OperatorView, now: datetime) -> bool:
    """Whether ``op`` is locked out at ``now`` (naive UTC)."""
    return op.locked_until is not None and op.locked_until > now


class OperatorsModel(ReadOnlyRowsModel):
    """The operators as table rows; data swapped in one place (:meth:`set_rows`)."""

    OPERATOR_ROLE = Qt.ItemDataRole.UserRole + 1
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, *, now: Callable[[], datetime], me: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorView] = []
        self._now = now
        self._me = me

    def set_rows(self, rows: list[OperatorView]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def operator_at(self, row: int) -> OperatorView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, operator_id: int) -> int:
        for i, op in enumerate(self._rows):
            if op.id == operator_id:
                return i
        return -1

    def operators(self) -> list[OperatorView]:
        return list(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [QCoreApplication.translate("OperatorsModel", "Name"),
                    QCoreApplication.translate("OperatorsModel", "Role"),
                    QCoreApplication.translate("OperatorsModel", "Status"),
                    QCoreApplication.translate("OperatorsModel", "PIN"),
                    QCoreApplication.translate("OperatorsModel", "Locked until"),
                    QCoreApplication.translate("OperatorsModel", "Last sign-in")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        op = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(op, col)
        if role == self.OPERATOR_ROLE:
            return op
        if role == Qt.ItemDataRole.ForegroundRole:
            if not op.active:
                return QBrush(INACTIVE_COLOR)
            if col == COL_LOCKED and is_locked(op, self._now()):
                return QBrush(LOCKED_COLOR)
        if role == Qt.ItemDataRole.FontRole and not op.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and not op.active:
            return QCoreApplication.translate("OperatorsModel",
                                              "Deactivated: cannot sign in; their records keep their name.")
        return None

    def _display(self, op: OperatorView, col: int) -> str:
        if col == COL_NAME:
            if op.id == self._me:
                return QCoreApplication.translate("OperatorsModel", "{0} (you)").format(op.name)
            return op.name
        if col == COL_ROLE:
            return op.role.label(current_language())
        if col == COL_ACTIVE:
            if op.active:
                return QCoreApplication.translate("OperatorsModel", "Active")
            return QCoreApplication.translate("OperatorsModel", "Deactivated")
        if col == COL_PIN:
            if op.has_secret:
                return QCoreApplication.translate("OperatorsModel", "Set")
            return QCoreApplication.translate("OperatorsModel", "Not set")
        if col == COL_LOCKED:
            return format_local(op.locked_until) if is_locked(op, self._now()) else "—"
        if col == COL_LAST_SIGN_IN:
            return format_local(op.last_sign_in_at)
        return ""
