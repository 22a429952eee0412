"""The row of filters above the case queue: search text, status, kind, assignee, overdue, report dates.

:class:`QueueFilterBar` emits :attr:`~QueueFilterBar.sig_changed` when a
filter changes (the search text after a short pause, so typing does not
query on every key) and adds its choices to the keyword arguments of a
:class:`~depot_app.services.queries.QueueFilter`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.views import OperatorView
from depot_app.domain.vocabulary import CaseStatus
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language

#: Pause after the last key before the search text is applied.
SEARCH_DELAY_MS = 250


class QueueFilterBar(RetranslatesOnLanguageChange, QWidget):
    """Search box and filter combos of the queue; the ready-made views sit beside it."""

    sig_changed = Signal()
    """A filter changed: the queue should be read again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operators: list[OperatorView] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.sig_changed)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("kindFilter")
        self.assignee_filter = QComboBox(self)
        self.assignee_filter.setObjectName("assigneeFilter")
        # Its operators arrive after the first show (read in the background): grow to fit them.
        self.assignee_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.overdue_only = QCheckBox(self)
        self.overdue_only.setObjectName("overdueOnly")
        self.date_filter = QCheckBox(self)
        self.date_filter.setObjectName("dateFilterEnabled")
        self.date_from = QDateEdit(self)
        self.date_from.setObjectName("dateFrom")
        self.date_to = QDateEdit(self)
        self.date_to.setObjectName("dateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        today = QDate.currentDate()
        self.date_from.setDate(today.addDays(-30))
        self.date_to.setDate(today)
        self.date_filter.toggled.connect(self.date_from.setEnabled)
        self.date_filter.toggled.connect(self.date_to.setEnabled)
        for combo in (self.status_filter, self.kind_filter, self.assignee_filter):
            combo.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.overdue_only.toggled.connect(lambda _c: self.sig_changed.emit())
        self.date_filter.toggled.connect(lambda _c: self.sig_changed.emit())
        self.date_from.dateChanged.connect(lambda _d: self.date_filter.isChecked() and self.sig_changed.emit())
        self.date_to.dateChanged.connect(lambda _d: self.date_filter.isChecked() and self.sig_changed.emit())
        row.addWidget(self.search_box, 2)
        for widget in (self.status_filter, self.kind_filter, self.assignee_filter, self.overdue_only,
                       self.date_filter, self.date_from, self.date_to):
            row.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(
            self.tr("Search: tracking no., case no., phone, last 4 digits, name (Ctrl+F)"))
        self.search_box.setAccessibleName(self.tr("Search cases"))
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.kind_filter.setAccessibleName(self.tr("Kind filter"))
        self.assignee_filter.setAccessibleName(self.tr("Assignee filter"))
        self.overdue_only.setText(self.tr("Overdue only"))
        self.overdue_only.setAccessibleName(self.tr("Overdue only"))
        self.date_filter.setText(self.tr("Reported between"))
        self.date_filter.setAccessibleName(self.tr("Filter by report date"))
        self.date_from.setAccessibleName(self.tr("Reported from"))
        self.date_to.setAccessibleName(self.tr("Reported until"))
        self.fill_combos()

    def set_operators(self, operators: list[OperatorView]) -> None:
        """The people the assignee filter offers (read by the window in the background)."""
        self.operators = list(operators)
        self.fill_combos()

    def fill_combos(self) -> None:
        """(Re)fill the combos in the interface language, keeping what was chosen."""
        lang = current_language()
        combos = (self.status_filter, self.kind_filter, self.assignee_filter)
        chosen = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.status_filter.addItem(self.tr("Any status"), None)
        for st in CaseStatus:
            self.status_filter.addItem(st.label(lang), st.value)
        self.kind_filter.addItem(self.tr("Any kind"), None)
        for kind in ProblemKind:
            self.kind_filter.addItem(kind.label(lang), kind.value)
        self.assignee_filter.addItem(self.tr("Anyone"), None)
        for op in self.operators:
            self.assignee_filter.addItem(op.name, op.id)
        for combo, value in zip(combos, chosen, strict=True):
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

    def add_to(self, kwargs: dict[str, Any]) -> None:
        """Add the chosen filters to the keyword arguments of a ``QueueFilter``."""
        kwargs["text"] = self.search_box.text()
        status = self.status_filter.currentData()
        if status:
            kwargs["statuses"] = frozenset({CaseStatus(status)})
        kind = self.kind_filter.currentData()
        if kind:
            kwargs["kinds"] = frozenset({ProblemKind(kind)})
        assignee = self.assignee_filter.currentData()
        if assignee is not None:
            kwargs["assignee_id"] = assignee
        if self.overdue_only.isChecked():
            kwargs["overdue_only"] = True
        if self.date_filter.isChecked():
            kwargs["reported_from"] = self.date_from.date().toPython()
            kwargs["reported_to"] = self.date_to.date().toPython()
