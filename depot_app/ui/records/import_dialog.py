"""Importing a head office's list of problem parcels (.xlsx or .csv) as cases.

Two pages. First the clerk chooses the file and sees its first rows, with a
row of combos above them saying what each column holds; the importer's guess
(:attr:`TablePreview.mapping`) fills them in, and the fields every row needs
(tracking number, problem kind) are called out while no column holds them.
**Import** runs :meth:`ImportService.import_file` in a background job with a
progress dialog and Cancel (rows already imported stay). The second page
lists, row by row, what was created, what was skipped because the parcel
already has that case open, and what was refused and why, in the interface
language, and opens the importer's row-by-row report file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.services.importer import IMPORT_FIELDS, REQUIRED_FIELDS, ImportResult, ImportService, TablePreview
from depot_app.ui.common import files
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.common.jobs import BackgroundJob, CancelledFn, JobProgressDialog, ProgressFn, run_with_progress

#: Where the clerk last picked a list, in the window-state file.
FOLDER_KEY = "records/importFolder"

_IGNORED = QColor("#9e9e9e")
_CREATED = QColor("#2e7d32")
_SKIPPED = QColor("#b26a00")
_REFUSED = QColor("#c62828")

_STYLE = """
QComboBox[attention="true"] { border: 1px solid #e0a800; border-radius: 2px; background: #fffbe6; }
QComboBox[required="true"] { font-weight: bold; }
QLabel#importRequired[missing="true"] { color: #c62828; font-weight: bold; }
QLabel#importRequired[missing="false"] { color: #2e7d32; }
QLabel#importHint, QLabel#importInfo { color: #5f6b7a; }
"""

SUMMARY_ROW, SUMMARY_RESULT, SUMMARY_TRACKING, SUMMARY_REASON = range(4)
#: Up to this many summary rows are sized to their wrapped reasons.
MEASURED_ROWS = 300

#: How an encoding is named to the clerk.
_ENCODINGS = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gbk": "GBK", "utf-16": "UTF-16"}


def field_label(name: str, language: str | None = None) -> str:
    """A field's name in the interface language (the importer carries both)."""
    zh, en = IMPORT_FIELDS[name]
    return zh if (language or current_language()).startswith("zh") else en


class ImportDialog(RetranslatesOnLanguageChange, QDialog):
    """Choose a list, check what each column holds, import, read the outcome."""

    sig_imported = Signal(object)
    """Emitted with the :class:`ImportResult` once an import ended (cancelled ones too)."""

    def __init__(self, ctx: DeskContext, service: ImportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.ctx = ctx
        self.service = service
        self.preview_data: TablePreview | None = None
        self.result: ImportResult | None = None
        self.job: BackgroundJob | None = None
        self.progress_dialog: JobProgressDialog | None = None
        self.combos: list[QComboBox] = []
        self.setStyleSheet(_STYLE)
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("importStack")
        outer.addWidget(self.stack)

        # Page 1: the file, its preview and the mapping.
        self.choose_page = QWidget(self.stack)
        self.choose_page.setObjectName("importChoosePage")
        page = QVBoxLayout(self.choose_page)
        page.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.choose_page)
        self.hint.setObjectName("importHint")
        self.hint.setWordWrap(True)
        page.addWidget(self.hint)
        file_row = QHBoxLayout()
        self.file_label = QLabel(self.choose_page)
        self.file_edit = QLineEdit(self.choose_page)
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
        self.browse_button = QPushButton(self.choose_page)
        self.browse_button.setObjectName("importBrowse")
        self.browse_button.clicked.connect(self.browse)
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        page.addLayout(file_row)
        self.info = QLabel(self.choose_page)
        self.info.setObjectName("importInfo")
        self.info.setWordWrap(True)
        page.addWidget(self.info)
        self.preview = QTableWidget(self.choose_page)
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setAlternatingRowColors(True)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setMinimumSectionSize(120)
        page.addWidget(self.preview, 1)
        self.required = QLabel(self.choose_page)
        self.required.setObjectName("importRequired")
        self.required.setWordWrap(True)
        page.addWidget(self.required)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.run_button = QPushButton(self.choose_page)
        self.run_button.setObjectName("importRun")
        self.run_button.setDefault(True)
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.choose_page)
        self.close_button.setObjectName("importClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        page.addLayout(buttons)
        self.stack.addWidget(self.choose_page)

        # Page 2: the outcome.
        self.summary_page = QWidget(self.stack)
        self.summary_page.setObjectName("importSummary")
        summary = QVBoxLayout(self.summary_page)
        summary.setContentsMargins(0, 0, 0, 0)
        self.summary_heading = QLabel(self.summary_page)
        self.summary_heading.setObjectName("importSummaryHeading")
        font = self.summary_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary_heading.setFont(font)
        self.summary_heading.setWordWrap(True)
        summary.addWidget(self.summary_heading)
        self.summary_counts = QLabel(self.summary_page)
        self.summary_counts.setObjectName("importSummaryCounts")
        self.summary_counts.setWordWrap(True)
        summary.addWidget(self.summary_counts)
        self.summary_table = QTableWidget(0, 4, self.summary_page)
        self.summary_table.setObjectName("importSummaryRows")
        self.summary_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.summary_table.setAlternatingRowColors(True)
        self.summary_table.setWordWrap(True)
        self.summary_table.verticalHeader().setVisible(False)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(SUMMARY_ROW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUMMARY_RESULT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUMMARY_TRACKING, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUMMARY_REASON, QHeaderView.ResizeMode.Stretch)
        summary.addWidget(self.summary_table, 1)
        self.report_label = QLabel(self.summary_page)
        self.report_label.setObjectName("importReportPath")
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary.addWidget(self.report_label)
        summary_buttons = QHBoxLayout()
        self.open_report_button = QPushButton(self.summary_page)
        self.open_report_button.setObjectName("importOpenReport")
        self.open_report_button.clicked.connect(self.open_report)
        self.another_button = QPushButton(self.summary_page)
        self.another_button.setObjectName("importAnother")
        self.another_button.clicked.connect(self.start_over)
        self.done_button = QPushButton(self.summary_page)
        self.done_button.setObjectName("importDone")
        self.done_button.clicked.connect(self.accept)
        summary_buttons.addWidget(self.open_report_button)
        summary_buttons.addStretch(1)
        summary_buttons.addWidget(self.another_button)
        summary_buttons.addWidget(self.done_button)
        summary.addLayout(summary_buttons)
        self.stack.addWidget(self.summary_page)
        self.resize(980, 640)

    # -------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a head-office list"))
        self.hint.setText(self.tr("Head offices send lists as .xlsx workbooks or .csv files (UTF-8 or GBK). "
                                  "Check what each column holds: every row needs a tracking number and a "
                                  "problem kind. Rows whose parcel already has that case open are skipped."))
        self.file_label.setText(self.tr("&List file:"))
        self.file_edit.setPlaceholderText(self.tr("No file chosen"))
        self.file_edit.setAccessibleName(self.tr("List file"))
        self.browse_button.setText(self.tr("&Choose file…"))
        self.browse_button.setAccessibleName(self.tr("Choose the list file"))
        self.preview.setAccessibleName(self.tr("First rows of the list, with what each column holds"))
        self.close_button.setText(self.tr("Close"))
        self.summary_table.setAccessibleName(self.tr("Rows of the list and what became of them"))
        self.summary_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Result"), self.tr("Tracking no."), self.tr("Reason")])
        self.open_report_button.setText(self.tr("&Open the row-by-row report"))
        self.open_report_button.setAccessibleName(self.tr("Open the report of refused and skipped rows"))
        self.another_button.setText(self.tr("Import &another list"))
        self.done_button.setText(self.tr("Done"))
        language = current_language()
        for column, combo in enumerate(self.combos):
            combo.setItemText(0, self.tr("(ignore)"))
            for i in range(1, combo.count()):
                name = combo.itemData(i)
                mark = " *" if name in REQUIRED_FIELDS else ""
                combo.setItemText(i, field_label(name, language) + mark)
            combo.setAccessibleName(self.tr("What column {0} holds").format(column + 1))
        if self.combos:
            self.preview.setVerticalHeaderItem(0, QTableWidgetItem(self.tr("Import as")))
        self._show_info()
        self._refresh_mapping()
        if self.result is not None:
            self._show_result(self.result)

    # ------------------------------------------------------------------ file
    def _store(self) -> QSettings:
        return QSettings(str(self.ctx.config.window_state_file), QSettings.Format.IniFormat)

    def browse(self) -> None:
        folder = self._store().value(FOLDER_KEY)
        start = Path(str(folder)) if folder and Path(str(folder)).is_dir() else Path.home()
        files.choose_open_path(self, self.tr("Choose a head-office list"), start,
                                 self.tr("Lists (*.xlsx *.csv *.txt *.tsv);;All files (*)"), self.load_file)

    def load_file(self, path: Path) -> None:
        """Read the list's first rows (off the GUI thread) and show them with the detected mapping."""
        path = Path(path)
        store = self._store()
        store.setValue(FOLDER_KEY, str(path.parent))
        store.sync()
        self.file_edit.setText(str(path))
        service = self.service
        run_task(self, lambda: service.read_table(path), self.show_preview)

    def show_preview(self, preview: TablePreview) -> None:
        if not shiboken6.isValid(self):
            return
        self.preview_data = preview
        self.file_edit.setText(str(preview.path))
        self.preview.clear()
        self.combos = []
        columns = len(preview.headers)
        self.preview.setColumnCount(columns)
        self.preview.setRowCount(1 + len(preview.rows))
        self.preview.setHorizontalHeaderLabels(
            [h or self.tr("(column {0})").format(i + 1) for i, h in enumerate(preview.headers)])
        self.preview.setVerticalHeaderLabels(["", *(str(n + 1) for n in range(len(preview.rows)))])
        by_column = {column: name for name, column in preview.mapping.items()}
        for column in range(columns):
            combo = QComboBox(self.preview)
            combo.setObjectName(f"importMapping_{column}")
            combo.addItem("", None)
            for name in IMPORT_FIELDS:
                combo.addItem("", name)
            combo.setCurrentIndex(max(combo.findData(by_column.get(column)), 0))
            combo.currentIndexChanged.connect(lambda _i, c=column: self._mapping_changed(c))
            self.preview.setCellWidget(0, column, combo)
            self.combos.append(combo)
            for row, values in enumerate(preview.rows, start=1):
                self.preview.setItem(row, column, QTableWidgetItem(values[column] if column < len(values) else ""))
        self.preview.setRowHeight(0, max(self.preview.rowHeight(0), 32))
        for column in range(columns):
            self.preview.setColumnWidth(column, 150)
        self.retranslate()

    def _show_info(self) -> None:
        preview = self.preview_data
        if preview is None:
            self.info.setText("")
            return
        if not preview.headers:
            self.info.setText(self.tr("The file holds no table: there is nothing to import."))
            return
        where = self.tr("sheet “{0}”").format(preview.sheet) if preview.sheet else \
            self.tr("text encoded as {0}").format(
                _ENCODINGS.get(preview.encoding or "", (preview.encoding or "").upper()))
        self.info.setText(self.tr("{0}: the header is on row {1}, {2} rows of data ({3}). "
                                  "The first {4} rows are shown.")
                          .format(preview.path.name, preview.header_row, preview.total_rows, where,
                                  len(preview.rows)))

    # --------------------------------------------------------------- mapping
    def mapping(self) -> dict[str, int]:
        """Field → 0-based column, as the combos say now."""
        chosen: dict[str, int] = {}
        for column, combo in enumerate(self.combos):
            name = combo.currentData()
            if name is not None:
                chosen[name] = column
        return chosen

    def set_field(self, column: int, name: str | None) -> None:
        """Say that ``column`` holds ``name`` (None: ignore the column)."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(name), 0))

    def _mapping_changed(self, column: int) -> None:
        name = self.combos[column].currentData()
        if name is not None:
            # One column per field: the column that held it before lets go.
            for other, combo in enumerate(self.combos):
                if other != column and combo.currentData() == name:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._refresh_mapping()

    def missing_required(self) -> list[str]:
        chosen = self.mapping()
        return [name for name in REQUIRED_FIELDS if name not in chosen]

    def _refresh_mapping(self) -> None:
        preview = self.preview_data
        missing = self.missing_required()
        for column, combo in enumerate(self.combos):
            name = combo.currentData()
            combo.setProperty("required", name in REQUIRED_FIELDS)
            combo.setProperty("attention", bool(missing) and name is None)
            combo.style().unpolish(combo)
            combo.style().polish(combo)
            colour = _IGNORED if name is None else None
            for row in range(1, self.preview.rowCount()):
                item = self.preview.item(row, column)
                if item is not None:
                    item.setForeground(QBrush(colour) if colour is not None else QBrush())
            header = self.preview.horizontalHeaderItem(column)
            if header is not None:
                font = QFont(header.font())
                font.setStrikeOut(name is None)
                header.setFont(font)
        if preview is None:
            self.required.setText(self.tr("Choose the list to import."))
            self.required.setProperty("missing", "idle")
        elif missing:
            names = ("、" if current_language().startswith("zh") else ", ").join(field_label(n) for n in missing)
            self.required.setText(self.tr("Required: choose the column that holds {0}.").format(names))
            self.required.setProperty("missing", "true")
        else:
            self.required.setText(
                self.tr("Ready: {0} rows will be imported; columns marked “(ignore)” are left out.")
                .format(preview.total_rows))
            self.required.setProperty("missing", "false")
        self.required.style().unpolish(self.required)
        self.required.style().polish(self.required)
        ready = preview is not None and preview.total_rows > 0 and not missing
        self.run_button.setEnabled(ready and (self.job is None))
        count = preview.total_rows if preview is not None else 0
        self.run_button.setText(self.tr("&Import {0} rows").format(count) if count else self.tr("&Import"))

    # ---------------------------------------------------------------- import
    def start_import(self) -> None:
        preview = self.preview_data
        if preview is None or self.missing_required() or self.job is not None:
            return
        service, by = self.service, self.ctx.operator.id
        mapping: dict[str, int | str] = dict(self.mapping())
        path, header_row = preview.path, preview.header_row

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ImportResult:
            return service.import_file(path=path, by=by, mapping=mapping, header_row=header_row,
                                       progress=progress, cancelled=cancelled)

        def failed(exc: BaseException) -> None:
            self.job = None
            self._refresh_mapping()
            ErrorPresenter.instance().show_error(exc, self)

        self.run_button.setEnabled(False)
        self.job, self.progress_dialog = run_with_progress(
            self, work, title=self.tr("Importing the list"), label=self.tr("Importing {0}…").format(path.name),
            object_name="importProgress", on_done=self._imported, on_error=failed)

    def _imported(self, result: ImportResult) -> None:
        self.job = None
        if not shiboken6.isValid(self):
            return
        self.result = result
        self._show_result(result)
        self.stack.setCurrentWidget(self.summary_page)
        self.sig_imported.emit(result)

    def _show_result(self, result: ImportResult) -> None:
        language = current_language()
        if result.cancelled:
            heading = self.tr("The import was stopped. Rows already imported are kept; the rest were not read.")
        elif result.refused:
            heading = self.tr("Imported, but some rows were refused: correct them in the list and import it again.")
        else:
            heading = self.tr("The list is imported.")
        self.summary_heading.setText(heading)
        self.summary_counts.setText(
            self.tr("Created: {0}    Skipped, already open: {1}    Refused: {2}")
            .format(len(result.created), len(result.skipped), len(result.refused)))
        # Rows that need the clerk come first (refused, then skipped), each in file order.
        lines: list[tuple[int, int, str, QColor, str, str]] = []
        for r in result.refused:
            reason = r.text(language)
            if r.field in IMPORT_FIELDS:
                reason = f"{field_label(r.field, language)}{'：' if language.startswith('zh') else ': '}{reason}"
            lines.append((0, r.row, self.tr("Refused"), _REFUSED, r.tracking_no, reason))
        for k in result.skipped:
            lines.append((1, k.row, self.tr("Skipped: {0} is open").format(k.case_no), _SKIPPED, k.tracking_no,
                          k.zh if language.startswith("zh") else k.en))
        for c in result.created:
            lines.append((2, c.row, self.tr("Created {0}").format(c.case_no), _CREATED, c.tracking_no,
                          c.kind.label(language)))
        lines.sort(key=lambda line: (line[0], line[1]))
        table = self.summary_table
        table.setRowCount(len(lines))
        # Wrapped reasons are measured again whenever the columns change width; past a few
        # hundred rows that costs more than it helps, and the reason stays readable as a tool tip.
        table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if len(lines) <= MEASURED_ROWS
            else QHeaderView.ResizeMode.Interactive)
        for index, (_order, row, outcome, colour, tracking, reason) in enumerate(lines):
            values: list[Any] = [str(row), outcome, tracking, reason]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == SUMMARY_RESULT:
                    item.setForeground(QBrush(colour))
                if column == SUMMARY_ROW:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == SUMMARY_REASON:
                    item.setToolTip(value)
                table.setItem(index, column, item)
        has_report = result.report_path is not None
        self.open_report_button.setVisible(has_report)
        self.report_label.setVisible(has_report)
        if has_report:
            self.report_label.setText(self.tr("Report of refused and skipped rows: {0}").format(result.report_path))

    def summary_lines(self) -> list[list[str]]:
        """The summary table as text, row by row (for tests and screen readers)."""
        table = self.summary_table
        return [[(table.item(r, c).text() if table.item(r, c) is not None else "") for c in range(table.columnCount())]
                for r in range(table.rowCount())]

    def open_report(self) -> None:
        if self.result is not None and self.result.report_path is not None:
            files.open_url(QUrl.fromLocalFile(str(self.result.report_path)))

    def start_over(self) -> None:
        self.result = None
        self.preview_data = None
        self.combos = []
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.file_edit.clear()
        self.stack.setCurrentWidget(self.choose_page)
        self.retranslate()
