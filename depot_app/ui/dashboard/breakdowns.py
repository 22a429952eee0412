"""The breakdown tables: opened, closed, open and overdue at the end, by kind, handler and carrier."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from depot_app.domain.dashboard import Drill, Period
from depot_app.services.dashboard import BreakdownRow
from depot_app.ui.common.i18n import translate
from depot_app.ui.dashboard.figure_text import carrier_label, kind_label

COLUMNS = ("opened", "closed", "open_end", "overdue_end")
#: The widest the row labels get: a very long handler name is cut ("…", full name in its tooltip).
LABEL_MAX_WIDTH = 320


def column_titles() -> list[str]:
    return [translate("DashboardWindow", "Opened"), translate("DashboardWindow", "Closed"),
            translate("DashboardWindow", "Open at end"), translate("DashboardWindow", "Overdue at end")]


def group_label(name: str, row: BreakdownRow) -> str:
    if name == "kind":
        return kind_label(row.key)
    if name == "carrier":
        return carrier_label(row.key)
    return row.label or (translate("DashboardWindow", "Nobody") if row.key == "0" else f"#{row.key}")


def group_drill(name: str, what: str, period: Period, key: str) -> Drill:
    if name == "kind":
        return Drill(what, period, kind=key)
    if name == "carrier":
        return Drill(what, period, carrier=key)
    return Drill(what, period, assignee_id=int(key))


class BreakdownTable(QTableWidget):
    """One breakdown; a click on a count opens the queue on those cases."""

    sig_drill = Signal(object, str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.name = name
        self.setObjectName(f"breakdown_{name}")
        self.rows: tuple[BreakdownRow, ...] = ()
        self.period: Period | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMaximumWidth(LABEL_MAX_WIDTH)
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.cellClicked.connect(self.click)

    def show_rows(self, period: Period, rows: tuple[BreakdownRow, ...]) -> None:
        self.period = period
        self.rows = rows
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(column_titles())
        for r, row in enumerate(rows):
            header = QTableWidgetItem(group_label(self.name, row))
            header.setToolTip(header.text())
            self.setVerticalHeaderItem(r, header)
            for c, column in enumerate(COLUMNS):
                item = QTableWidgetItem(f"{getattr(row, column):,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def click(self, row: int, column: int) -> None:
        if self.period is None or not 0 <= row < len(self.rows):
            return
        group = self.rows[row]
        self.sig_drill.emit(group_drill(self.name, COLUMNS[column], self.period, group.key),
                            group_label(self.name, group) if self.name == "handler" else "")
