"""The Timeline tab of a case workspace: every event of the case in order.

The words come from :mod:`depot_app.domain.timeline_text`, the same as on the
printed case report: the tab only decides local time, money and weight
formats and knows the operators' names.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain import timeline_text
from depot_app.domain.timeline_text import TimelineFormat
from depot_app.domain.views import CaseDetail, OperatorView
from depot_app.ui.common.formatting import format_local, format_money, format_weight
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language


class TimelineTab(RetranslatesOnLanguageChange, QWidget):
    """Every event of the case in order: who did what, which field, before → after."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: CaseDetail | None = None
        self.operator_names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.list = QTreeWidget(self)
        self.list.setObjectName("timelineList")
        self.list.setColumnCount(self.COLUMNS)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(False)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((130, 90, 100, 130, 260)):
            self.list.setColumnWidth(col, width)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.list)
        layout.addWidget(self.splitter)
        self.retranslate()

    def add_part(self, widget: QWidget) -> None:
        """Show ``widget`` under the events (the case's messages to the customer)."""
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Field"),
                                   self.tr("Before → after"), self.tr("Detail")])
        self.list.setAccessibleName(self.tr("Case timeline"))
        if self.detail is not None:
            self.set_case(self.detail)

    def set_operators(self, operators: list[OperatorView]) -> None:
        self.operator_names = {op.id: op.name for op in operators}

    def text_format(self) -> TimelineFormat:
        """How this screen shows recorded values (phones in free text stay as typed: clerks call them)."""
        return TimelineFormat(language=current_language(), time=format_local, money=format_money,
                              weight=format_weight, operators=self.operator_names)

    def set_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        fmt = self.text_format()
        self.list.clear()
        items = []
        for event in sorted(detail.events, key=lambda e: (e.at, e.id)):
            item = QTreeWidgetItem([
                format_local(event.at), event.operator, timeline_text.action_label(event.action, fmt.language),
                timeline_text.field_label(event.field, fmt.language),
                timeline_text.change_text(event.field, event.before, event.after, fmt),
                timeline_text.detail_text(event.action, event.detail, fmt),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, event.action)
            for col in range(self.COLUMNS):
                item.setToolTip(col, item.text(col))
            items.append(item)
        self.list.addTopLevelItems(items)
        if items:
            self.list.scrollToItem(items[-1])
