"""The case queue as a Qt table model, fetched in batches, and the table that shows it.

The model knows nothing of the database: it is given a ``fetch(offset, limit)``
callable and asks for the next batch when the view scrolls near the end
(``canFetchMore``/``fetchMore``). Countdown columns are recomputed from the
clock on every paint and refreshed by a timer, so "overdue" is never stale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from depot_app.domain.deadlines import DueState, due_state, format_countdown
from depot_app.domain.identifiers import Carrier
from depot_app.domain.policy import Policy
from depot_app.domain.scans import ScanType, since_text
from depot_app.domain.views import QueueRow
from depot_app.ui.common.formatting import format_age, format_local
from depot_app.ui.common.i18n import current_language

Index = QModelIndex | QPersistentModelIndex

COL_CASE_NO = 0
COL_TRACKING = 1
COL_CARRIER = 2
COL_KIND = 3
COL_STATUS = 4
COL_PRIORITY = 5
COL_ASSIGNEE = 6
COL_AGE = 7
COL_DUE = 8
COL_LAST_CONTACT = 9
COL_LAST_SCAN = 10
COLUMN_COUNT = 11

#: Sort key of each column for the query service.
SORT_KEY_BY_COLUMN = {
    COL_CASE_NO: "case_no", COL_TRACKING: "tracking_no", COL_CARRIER: "carrier", COL_KIND: "kind",
    COL_STATUS: "status", COL_PRIORITY: "priority", COL_ASSIGNEE: "assignee",
    COL_AGE: "reported_at", COL_DUE: "due_at", COL_LAST_CONTACT: "last_contact_at",
    # The last-scan column is not a sort key: no index serves that order on a large depot yet.
}

OVERDUE_COLOR = QColor("#c62828")
DUE_SOON_COLOR = QColor("#b26a00")
OVERDUE_BACKGROUND = QColor("#fdecea")
DUE_SOON_BACKGROUND = QColor("#fff4e0")

BATCH_SIZE = 200

Fetcher = Callable[[int, int], list[QueueRow]]


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("QueueModel", "Case no."),
        QCoreApplication.translate("QueueModel", "Tracking no."),
        QCoreApplication.translate("QueueModel", "Carrier"),
        QCoreApplication.translate("QueueModel", "Kind"),
        QCoreApplication.translate("QueueModel", "Status"),
        QCoreApplication.translate("QueueModel", "Priority"),
        QCoreApplication.translate("QueueModel", "Assignee"),
        QCoreApplication.translate("QueueModel", "Age"),
        QCoreApplication.translate("QueueModel", "Due in"),
        QCoreApplication.translate("QueueModel", "Last contact"),
        QCoreApplication.translate("QueueModel", "Last scan"),
    ]


class QueueModel(QAbstractTableModel):
    """Rows of the case queue; data swapped in one place (:meth:`set_rows`)."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    DUE_STATE_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, *, now: Callable[[], datetime], policy: Callable[[], Policy],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._fetch: Fetcher | None = None
        self._exhausted = True
        self._now = now
        self._policy = policy

    # --- loading ----------------------------------------------------------
    def set_rows(self, rows: list[QueueRow], fetch: Fetcher | None, *, exhausted: bool) -> None:
        """Replace every row; ``fetch`` serves later batches from ``len(rows)``."""
        self.beginResetModel()
        self._rows = list(rows)
        self._fetch = fetch
        self._exhausted = exhausted or fetch is None
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        batch = self._fetch(len(self._rows), BATCH_SIZE)
        if len(batch) < BATCH_SIZE:
            self._exhausted = True
        if not batch:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_case(self, case_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == case_id:
                return i
        return -1

    def refresh_countdowns(self) -> None:
        """Repaint the time columns (called by a timer)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_AGE), self.index(len(self._rows) - 1, COL_DUE))
            self.dataChanged.emit(self.index(0, COL_LAST_SCAN), self.index(len(self._rows) - 1, COL_LAST_SCAN))

    # --- Qt model API -----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def due_state_of(self, row: QueueRow) -> DueState:
        return due_state(row.due_at, self._now(), started_at=row.reported_at,
                         closed=not row.status.is_open, policy=self._policy())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == self.ROW_ROLE:
            return row
        if role == self.DUE_STATE_ROLE:
            return self.due_state_of(row)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_DUE:
            state = self.due_state_of(row)
            if state is DueState.OVERDUE:
                return QBrush(OVERDUE_COLOR)
            if state is DueState.DUE_SOON:
                return QBrush(DUE_SOON_COLOR)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_DUE:
            state = self.due_state_of(row)
            if state is DueState.OVERDUE:
                return QBrush(OVERDUE_BACKGROUND)
            if state is DueState.DUE_SOON:
                return QBrush(DUE_SOON_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and col in (COL_CASE_NO, COL_TRACKING):
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DUE:
            return format_local(row.due_at)
        return None

    def _display(self, row: QueueRow, col: int) -> str:
        lang = current_language()
        if col == COL_CASE_NO:
            return row.case_no
        if col == COL_TRACKING:
            return row.tracking_no
        if col == COL_CARRIER:
            try:
                return Carrier(row.carrier).label(lang)
            except ValueError:
                return row.carrier
        if col == COL_KIND:
            return row.kind.label(lang)
        if col == COL_STATUS:
            return row.status.label(lang)
        if col == COL_PRIORITY:
            return row.priority.label(lang)
        if col == COL_ASSIGNEE:
            return row.assignee
        if col == COL_AGE:
            return format_age(self._now() - row.reported_at)
        if col == COL_DUE:
            if not row.status.is_open:
                return row.status.label(lang)
            return format_countdown(row.due_at - self._now(), lang)
        if col == COL_LAST_CONTACT:
            if row.last_contact_at is None:
                return "—"
            outcome = row.last_contact_outcome.label(lang) if row.last_contact_outcome else ""
            return f"{format_local(row.last_contact_at, short=True)} {outcome}".strip()
        if col == COL_LAST_SCAN:
            if row.last_scan_at is None:
                return "—"
            scan = ScanType(row.last_scan_type).label(lang) if row.last_scan_type else ""
            return f"{since_text(row.last_scan_at, self._now(), lang)} {scan}".strip()
        return ""



class QueueTable(QTableView):
    """The queue's table: whole rows, one at a time, sorted by the server on header clicks."""

    #: Starting widths of the columns, in pixels (the clerk's own widths are restored over them).
    COLUMN_WIDTHS = (150, 150, 96, 120, 130, 60, 80, 80, 130, 160, 150)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
        for col, width in enumerate(self.COLUMN_WIDTHS):
            self.setColumnWidth(col, width)
