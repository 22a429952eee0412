"""The depot-wide audit trail for managers: who did what, when, filtered and exported.

:class:`AuditTrailDialog` filters by operator, action, depot-local dates and
free text, shows the entries newest first in
:class:`~.audit_model.AuditModel` (fetched in pages as the table scrolls),
counts them, and exports exactly what the filter shows to a CSV file (UTF-8
with BOM, so Excel opens the Chinese correctly). Nothing here can change an
entry: the trail is append-only in the services and the database, and
read-only on screen.

Every read runs through :func:`run_task`; the service refuses anyone without
the *view audit trail* permission, and that refusal is shown by the error
presenter.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.audit_actions import action_label
from depot_app.domain.clock import to_local, to_utc
from depot_app.domain.errors import PermissionDeniedError
from depot_app.domain.views import OperatorView
from depot_app.services.audit_trail import AuditFilter, AuditRow, check_target
from depot_app.ui.common import files
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import (
    LanguageManager,
    RetranslatesOnLanguageChange,
    current_language,
)
from depot_app.ui.people.audit_model import (
    BATCH_SIZE,
    COL_ACTION,
    COL_CASE_NO,
    COL_CHANGE,
    COL_FIELD,
    COL_OPERATOR,
    COL_TIME,
    SYSTEM,
    AuditModel,
)

#: Days the date filter covers when first switched on.
DEFAULT_DAYS = 30
#: Filter typing settles this long before the trail is read again.
SEARCH_DELAY_MS = 300


def csv_safe(value: str) -> str:
    """A cell that spreadsheet programs show as text, never run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def utc_bounds(first: date, last: date, tz_name: str) -> tuple[datetime, datetime]:
    """Depot-local days ``first`` … ``last`` (inclusive) as a UTC range, end exclusive."""
    start = to_utc(datetime.combine(first, time()), tz_name)
    end = to_utc(datetime.combine(last + timedelta(days=1), time()), tz_name)
    return start, end


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write ``rows`` under ``header`` as UTF-8 with BOM (Excel reads the Chinese right)."""
    check_target(path)  # never move the file over a device or a folder
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([[csv_safe(cell) for cell in row] for row in rows])
    tmp.replace(path)  # no half-written file under the chosen name


# ==================================================================== dialog
class AuditTrailDialog(RetranslatesOnLanguageChange, QDialog):
    """The audit trail for a manager: filters, the entries in pages, a count and CSV export."""

    sig_exported = Signal(str)
    """Emitted with the path of a CSV file after it was written."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditTrailDialog")
        self._timezone = "Asia/Shanghai"
        self._operators: list[OperatorView] = []
        self._actions: list[str] = []
        self._total: int | None = None
        #: The filter the table shows now (what Export writes).
        self.shown_filter = AuditFilter()
        self._generation = 0
        self._allowed = True
        self._exporting = False
        self._status: tuple[str, tuple[Any, ...]] | None = None
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(1180, 640)
        self._load_choices()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.operator_label = QLabel(self)
        self.operator_combo = QComboBox(self)
        self.operator_combo.setObjectName("auditOperator")
        self.operator_combo.setMinimumContentsLength(8)
        self.operator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.operator_label.setBuddy(self.operator_combo)
        self.action_label = QLabel(self)
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("auditAction")
        self.action_combo.setMinimumContentsLength(10)
        self.action_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.action_label.setBuddy(self.action_combo)
        self.date_enabled = QCheckBox(self)
        self.date_enabled.setObjectName("auditDateEnabled")
        today = self._local_today()
        self.date_from = self._date_edit("auditDateFrom", today - timedelta(days=DEFAULT_DAYS - 1))
        self.date_to_label = QLabel("–", self)
        self.date_to = self._date_edit("auditDateTo", today)
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("auditSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.search_label.setBuddy(self.search)
        first: list[QWidget] = [self.operator_label, self.operator_combo, self.action_label, self.action_combo]
        dates: list[QWidget] = [self.date_enabled, self.date_from, self.date_to_label, self.date_to]
        for widget in first:
            filters.addWidget(widget)
        filters.addSpacing(12)
        for widget in dates:
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 1)
        outer.addLayout(filters)

        self.note = QLabel(self)
        self.note.setObjectName("auditNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; padding: 6px;")
        self.note.setVisible(False)
        outer.addWidget(self.note)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((COL_TIME, 130), (COL_OPERATOR, 110), (COL_ACTION, 130), (COL_CASE_NO, 150),
                           (COL_FIELD, 110), (COL_CHANGE, 220)):
            header.resizeSection(col, width)
        outer.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("auditStatus")
        self.status_label.setStyleSheet("color: #5f6368;")
        bottom.addWidget(self.status_label, 1)
        self.refresh_button = self._button("auditRefresh", self.reload, bottom)
        self.export_button = self._button("auditExport", self.export_csv, bottom)
        self.close_button = self._button("auditClose", self.reject, bottom)
        outer.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.reload)
        self.operator_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.action_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.date_enabled.toggled.connect(self._on_date_toggled)
        self.date_from.dateChanged.connect(lambda _d: self._on_date_changed(self.date_from))
        self.date_to.dateChanged.connect(lambda _d: self._on_date_changed(self.date_to))
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        refresh_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh_key.activated.connect(self.reload)
        find_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find_key.activated.connect(self._focus_search)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _date_edit(self, object_name: str, day: date) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(object_name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate(day.year, day.month, day.day))
        return edit

    def _button(self, object_name: str, slot: Callable[[], None], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    def _local_today(self) -> date:
        return to_local(self.ctx.services.clock.now(), self._timezone).date()

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit trail"))
        self.operator_label.setText(self.tr("&Operator:"))
        self.operator_combo.setAccessibleName(self.tr("Operator filter"))
        self.action_label.setText(self.tr("&Action:"))
        self.action_combo.setAccessibleName(self.tr("Action filter"))
        self.date_enabled.setText(self.tr("&Dates"))
        self.date_enabled.setAccessibleName(self.tr("Filter by date"))
        self.date_from.setAccessibleName(self.tr("From (depot-local date)"))
        self.date_to.setAccessibleName(self.tr("Until (depot-local date, inclusive)"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setAccessibleName(self.tr("Search the audit trail"))
        self.search.setPlaceholderText(self.tr("Setting, value or detail (Ctrl+F)"))
        self.table.setAccessibleName(self.tr("Audit trail entries"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Read the audit trail again"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the entries the filter shows to a CSV file"))
        self.close_button.setText(self.tr("Close"))
        self.note.setText(self.tr("Only a manager can view the audit trail."))
        self._fill_combos()
        self._show_count()
        self._show_status()
        self.model.retranslate()

    def _fill_combos(self) -> None:
        """(Re)fill the operator and action lists, keeping the choice, without reloading."""
        language = current_language()
        operator_id, action = self.operator_combo.currentData(), self.action_combo.currentData()
        self.operator_combo.blockSignals(True)
        self.operator_combo.clear()
        self.operator_combo.addItem(self.tr("All operators"), None)
        for op in self._operators:
            self.operator_combo.addItem(op.name if op.active else self.tr("{0} (deactivated)").format(op.name),
                                        op.id)
        index = self.operator_combo.findData(operator_id)
        self.operator_combo.setCurrentIndex(max(index, 0))
        self.operator_combo.blockSignals(False)
        self.action_combo.blockSignals(True)
        self.action_combo.clear()
        self.action_combo.addItem(self.tr("All actions"), None)
        for code in sorted(self._actions, key=lambda a: action_label(a, language)):
            self.action_combo.addItem(action_label(code, language), code)
        index = self.action_combo.findData(action)
        self.action_combo.setCurrentIndex(max(index, 0))
        self.action_combo.blockSignals(False)

    # ------------------------------------------------------------------- data
    def _load_choices(self) -> None:
        by = self.ctx.operator.id
        services = self.ctx.services

        def load() -> tuple[str, list[OperatorView], list[str]]:
            actions = services.audit.actions(by=by)  # first: refuses a non-manager
            return str(services.settings.get("timezone")), services.operators.list(include_inactive=True), actions

        run_task(self, load, self._on_choices, self._on_refused)

    def _on_choices(self, result: tuple[str, list[OperatorView], list[str]]) -> None:
        timezone, self._operators, self._actions = result
        if timezone != self._timezone:
            self._timezone = timezone
            today = self._local_today()
            for edit, day in ((self.date_from, today - timedelta(days=DEFAULT_DAYS - 1)), (self.date_to, today)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self._fill_combos()
        self.reload()

    def _on_refused(self, exc: BaseException) -> bool:
        if isinstance(exc, PermissionDeniedError):
            self._allowed = False
            self.note.setVisible(True)
            for widget in (self.operator_combo, self.action_combo, self.date_enabled, self.date_from,
                           self.date_to, self.search, self.refresh_button, self.export_button):
                widget.setEnabled(False)
        return False  # the error presenter says why

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe now (dates as UTC bounds of depot-local days)."""
        date_from = date_to = None
        if self.date_enabled.isChecked():
            first, last = _day(self.date_from.date()), _day(self.date_to.date())
            date_from, date_to = utc_bounds(first, last, self._timezone)
        return AuditFilter(operator_id=self.operator_combo.currentData(), action=self.action_combo.currentData(),
                           date_from=date_from, date_to=date_to, text=self.search.text().strip())

    def reload(self) -> None:
        """Read the first page and the count for the current filter."""
        self._search_timer.stop()
        if not self._allowed:
            return
        flt = self.current_filter()
        audit, by = self.ctx.services.audit, self.ctx.operator.id
        self._generation += 1
        generation = self._generation

        def load() -> tuple[list[AuditRow], int]:
            return audit.entries(by=by, filter=flt, offset=0, limit=BATCH_SIZE), audit.count(by=by, filter=flt)

        def show(result: tuple[list[AuditRow], int]) -> None:
            if generation != self._generation:
                return  # a newer filter superseded this one
            rows, total = result

            def fetch_more(offset: int, limit: int) -> list[AuditRow]:
                return audit.entries(by=by, filter=flt, offset=offset, limit=limit)

            self.shown_filter = flt
            self.model.set_rows(rows, fetch_more, exhausted=len(rows) < BATCH_SIZE)
            self._total = total
            self._show_count()

        run_task(self, load, show, self._on_refused)

    def _on_date_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(checked)
        self.date_to.setEnabled(checked)
        self.reload()

    def _on_date_changed(self, edited: QDateEdit) -> None:
        # Keep from ≤ until: moving one past the other drags the other along.
        if self.date_from.date() > self.date_to.date():
            other = self.date_to if edited is self.date_from else self.date_from
            other.blockSignals(True)
            other.setDate(edited.date())
            other.blockSignals(False)
        if self.date_enabled.isChecked():
            self.reload()

    def _show_count(self) -> None:
        if self._total is None:
            self.count_label.setText("")
        elif self._total == 1:
            self.count_label.setText(self.tr("1 entry"))
        else:
            self.count_label.setText(self.tr("{0} entries").format(f"{self._total:,}"))
        self.export_button.setEnabled(self._allowed and not self._exporting and bool(self._total))

    @property
    def total(self) -> int | None:
        """How many entries the current filter matches (None before the first read)."""
        return self._total

    # ----------------------------------------------------------------- export
    def export_csv(self) -> None:
        """Ask for a file, then write every entry the filter shows (not only the rows read so far)."""
        if not self._allowed or self._exporting:
            return
        stamp = self._local_today().strftime("%Y%m%d")
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        files.choose_save_path(self, self.tr("Export the audit trail"), folder / f"audit-trail-{stamp}.csv",
                               self.tr("CSV files (*.csv)"), self._write)

    def _write(self, path: Path) -> None:
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        flt = self.shown_filter
        audit, by = self.ctx.services.audit, self.ctx.operator.id
        # Texts in the interface language, decided here on the GUI thread.
        language = current_language()
        header = [self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Action code"),
                  self.tr("Case no."), self.tr("Field"), self.tr("Before"), self.tr("After"), self.tr("Detail")]
        system = QCoreApplication.translate("AuditModel", "system")
        tz = self._timezone

        def write() -> int:
            rows: list[list[str]] = []
            offset = 0
            while True:
                batch = audit.entries(by=by, filter=flt, offset=offset, limit=1000)
                for r in batch:
                    rows.append([to_local(r.at, tz).strftime("%Y-%m-%d %H:%M:%S"),
                                 system if r.operator == SYSTEM else r.operator,
                                 action_label(r.action, language), r.action, r.case_no or "", r.field or "",
                                 r.before or "", r.after or "", r.detail])
                offset += len(batch)
                if len(batch) < 1000:
                    break
            write_csv(path, header, rows)
            audit.record_export(by=by, file_name=path.name, count=len(rows))
            return len(rows)

        def done(count: int) -> None:
            self._exporting = False
            self._status = ("exported", (count, str(path)))
            self._show_status()
            self._show_count()
            self.sig_exported.emit(str(path))

        def failed(exc: BaseException) -> bool:
            self._exporting = False
            self._show_count()
            if isinstance(exc, OSError):
                self._status = ("failed", (str(path), exc.strerror or str(exc)))
                self._show_status()
                return True
            return False

        self._exporting = True
        self._show_count()
        run_task(self, write, done, failed)

    def _show_status(self) -> None:
        if self._status is None:
            self.status_label.setText("")
            return
        kind, args = self._status
        if kind == "exported":
            self.status_label.setStyleSheet("color: #2e7d32;")
            self.status_label.setText(self.tr("{0} entries saved to {1}").format(*args))
        else:
            self.status_label.setStyleSheet("color: #c62828;")
            self.status_label.setText(self.tr("Could not write {0}: {1}").format(*args))
