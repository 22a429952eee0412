"""Records that leave the depot: the Records menu (记录导出) of the main window.

* **Case report (PDF)…**, **Claim form (PDF)…** and **Print case report…**
  act on the case of the current workspace tab, or on the selected queue row
  while the queue is showing; the queue's right-click menu offers them too.
* **Closed cases in a period (PDF)…** and **Monthly workbook (Excel)…** ask
  for the period or the month.
* **Import a head-office list…** opens the :class:`ImportDialog`.

Every export asks its options first (document language; period or month;
"unmasked", which only a manager may tick and which the service records),
then where to save, then runs in a :class:`~depot_app.ui.common.jobs.BackgroundJob`
behind a progress dialog with Cancel. The services write into a temporary
file and move it into place only when complete, so Cancel leaves nothing
behind. A small dialog then offers to open the file or its folder.

The steps that talk to the operating system — the save and open file
dialogs, the print dialog and opening a file or folder — are the module-level
functions :func:`choose_save_path`, :func:`choose_open_path`,
:func:`choose_printer` and :func:`open_url`, which tests replace.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import (
    QAction,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QMenu,
)

from depot_app.domain.errors import DepotError
from depot_app.domain.permissions import Permission
from depot_app.services.importer import ImportService
from depot_app.services.monthly import (
    ExportCancelled,
    MonthlyExportResult,
    MonthlyExportService,
)
from depot_app.ui.common import files
from depot_app.ui.common.background import stop_long_work
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.formatting import format_money
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.common.jobs import (
    BackgroundJob,
    CancelledFn,
    JobProgressDialog,
    ProgressFn,
    run_with_progress,
)

if TYPE_CHECKING:
    from depot_app.ui.records.host import DeskWindow
    from depot_app.ui.records.import_dialog import ImportDialog
from depot_app.ui.records import printing
from depot_app.ui.records.export_dialogs import (
    CASE_REPORT,
    CLAIM_FORM,
    CLOSED,
    MONTH,
    PRINT,
    ExportOptions,
    ExportOptionsDialog,
    ExportResultDialog,
)

log = logging.getLogger(__name__)


# ================================================================ menu
@dataclass(frozen=True)
class CaseRef:
    """The case an action applies to."""

    id: int
    case_no: str


class RecordsMenu(RetranslatesOnLanguageChange, QMenu):
    """The Records menu and the queue's right-click menu, and the work behind them."""

    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window.menuBar())
        self.setObjectName("menuRecords")
        self.setToolTipsVisible(True)
        self.main_window = window
        self.ctx: DeskContext = window.ctx
        self.options_dialog: ExportOptionsDialog | None = None
        self.result_dialog: ExportResultDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.job: BackgroundJob | None = None
        self.progress_dialog: JobProgressDialog | None = None
        #: The last message shown in the status bar (cancelled, printed), for tests and screen readers.
        self.last_message = ""

        self.case_hint = QAction(self)
        self.case_hint.setObjectName("actionRecordsCaseHint")
        self.case_hint.setEnabled(False)
        self.action_case_report = self._action("actionExportCaseReport", self.export_case_report)
        self.action_claim_form = self._action("actionExportClaimForm", self.export_claim_form)
        self.action_print = self._action("actionPrintCaseReport", self.print_case_report)
        self.action_closed = self._action("actionExportClosed", self.export_closed)
        self.action_month = self._action("actionExportMonth", self.export_month)
        self.action_import = self._action("actionImportList", self.import_list)
        self.case_actions = (self.action_case_report, self.action_claim_form, self.action_print)
        self.addAction(self.case_hint)
        for action in self.case_actions:
            self.addAction(action)
        self.addSeparator()
        self.addAction(self.action_closed)
        self.addAction(self.action_month)
        self.addSeparator()
        self.addAction(self.action_import)
        window.menuBar().insertMenu(window.menu_language.menuAction(), self)

        self.context_menu = QMenu(window.table)
        self.context_menu.setObjectName("queueContextMenu")
        for action in self.case_actions:
            self.context_menu.addAction(action)
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self.show_queue_menu)

        window.tabs.currentChanged.connect(lambda _i: self.update_actions())
        window.table.selectionModel().selectionChanged.connect(lambda _s, _d: self.update_actions())
        window.model.modelReset.connect(self.update_actions)
        self.aboutToShow.connect(self.update_actions)
        window.installEventFilter(self)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def _action(self, name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # ------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.setTitle(self.tr("&Records"))
        self.menuAction().setText(self.tr("&Records"))
        self.action_case_report.setText(self.tr("Case &report (PDF)…"))
        self.action_claim_form.setText(self.tr("&Claim form (PDF)…"))
        self.action_print.setText(self.tr("&Print case report…"))
        self.action_closed.setText(self.tr("Close&d cases in a period (PDF)…"))
        self._tips = {self.action_closed: self.tr("Every case closed between two dates, in one PDF"),
                      self.action_month: self.tr("The month's cases for head office and finance"),
                      self.action_import: self.tr("Register the cases of an .xlsx or .csv list from head office")}
        self.action_closed.setToolTip(self._tips[self.action_closed])
        self.action_month.setText(self.tr("&Monthly workbook (Excel)…"))
        self.action_month.setToolTip(self._tips[self.action_month])
        self.action_import.setText(self.tr("&Import a head-office list…"))
        self.action_import.setToolTip(self._tips[self.action_import])
        self.update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.main_window and event.type() == QEvent.Type.Close:
            stop_long_work()  # a thread must not outlive the window that shows its progress
        return False

    # --------------------------------------------------------- which case
    def current_case(self) -> CaseRef | None:
        """The case of the workspace tab showing, or of the selected queue row while the queue shows."""
        window = self.main_window
        if window.tabs.currentIndex() == 0:
            rows = window.table.selectionModel().selectedRows()
            row = window.model.row_at(rows[0].row()) if rows else None
            return CaseRef(row.id, row.case_no) if row is not None else None
        widget = window.tabs.currentWidget()
        case_id = getattr(widget, "case_id", None)
        if case_id is None:
            return None
        detail = getattr(widget, "detail", None)
        case_no = detail.case_no if detail is not None else window.tabs.tabText(window.tabs.currentIndex())
        return CaseRef(case_id, case_no)

    def update_actions(self) -> None:
        case = self.current_case()
        if case is None:
            why = self.tr("Select a case in the queue, or open a case, to export or print it.")
            self.case_hint.setText(why)
        else:
            why = ""
            self.case_hint.setText(self.tr("Case {0}:").format(case.case_no))
        operator = self.ctx.operator
        lang = current_language()

        def missing(permission: Permission) -> str:
            if operator.can(permission):
                return ""
            return self.tr("Needs the “{0}” permission, which a {1} does not have.").format(
                permission.label(lang), operator.role.label(lang))

        no_export = missing(Permission.EXPORT_RECORDS)
        why = no_export or why
        for action in self.case_actions:
            action.setEnabled(case is not None and not no_export)
            action.setToolTip(why)
            action.setStatusTip(why)
        self.action_case_report.setToolTip(why or self.tr("Everything about the case, as a PDF"))
        self.action_claim_form.setToolTip(why or self.tr("The claim form of a compensation case, as a PDF"))
        self.action_print.setToolTip(why or self.tr("Print the case report"))
        for action, blocked in ((self.action_closed, no_export), (self.action_month, no_export),
                                (self.action_import, missing(Permission.IMPORT_CASES))):
            action.setEnabled(not blocked)
            action.setStatusTip(blocked)
            action.setToolTip(blocked or self._tips[action])

    def show_queue_menu(self, pos: QPoint) -> None:
        """Right click on the queue: select the row under the pointer and offer the case actions."""
        table = self.main_window.table
        index = table.indexAt(pos)
        if index.isValid():
            table.selectRow(index.row())
        self.update_actions()
        self.context_menu.popup(table.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ folders
    def _store(self) -> QSettings:
        return QSettings(str(self.ctx.config.window_state_file), QSettings.Format.IniFormat)

    def last_folder(self, key: str = "records/exportFolder") -> Path:
        folder = self._store().value(key)
        if folder and Path(str(folder)).is_dir():
            return Path(str(folder))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def remember_folder(self, folder: Path, key: str = "records/exportFolder") -> None:
        store = self._store()
        store.setValue(key, str(folder))
        store.sync()

    # -------------------------------------------------------------- steps
    def _ask_options(self, kind: str, then: Callable[[ExportOptions], None], case_no: str = "") -> None:
        if self.options_dialog is not None and shiboken6.isValid(self.options_dialog):
            self.options_dialog.deleteLater()
        dialog = ExportOptionsDialog(self.ctx, kind, case_no=case_no, parent=self.main_window)
        dialog.accepted.connect(lambda: then(dialog.options()))
        self.options_dialog = dialog
        dialog.open()

    def _ask_path(self, title: str, name: str, name_filter: str, then: Callable[[Path], None]) -> None:
        safe = "".join("_" if c in '\\/:*?"<>|' else c for c in name)
        files.choose_save_path(self.main_window, title, self.last_folder() / safe, name_filter, then)

    def _run_export(self, title: str, path: Path, work: Callable[[ProgressFn, CancelledFn], Any],
                    details: Callable[[Any], Callable[[], str] | None] = lambda _r: None) -> None:
        def done(result: Any) -> None:
            self.remember_folder(path.parent)
            self._say(self.tr("Saved {0}").format(path))
            self.show_result(path, details(result))

        self._start(title, self.tr("Writing {0}…").format(path.name), "exportProgress", work, done)

    def _start(self, title: str, label: str, object_name: str, work: Callable[[ProgressFn, CancelledFn], Any],
               done: Callable[[Any], None], on_fail: Callable[[], None] = lambda: None) -> None:
        """Run ``work`` behind a progress dialog; ``done(result)``, or the failure shown and ``on_fail()``."""
        def finished(result: Any) -> None:
            self.job = None
            done(result)

        def failed(exc: BaseException) -> None:
            self.job = None
            try:
                if isinstance(exc, ExportCancelled):
                    self._say(exc.text(current_language()))
                else:
                    ErrorPresenter.instance().show_error(exc, self.main_window)
            finally:
                on_fail()

        self.job, self.progress_dialog = run_with_progress(
            self.main_window, work, title=title, label=label, object_name=object_name,
            on_done=finished, on_error=failed)

    def _say(self, message: str) -> None:
        self.last_message = message
        self.main_window.statusBar().showMessage(message, 10_000)

    def show_result(self, path: Path, details: Callable[[], str] | None = None) -> None:
        if self.result_dialog is not None and shiboken6.isValid(self.result_dialog):
            self.result_dialog.deleteLater()
        dialog = ExportResultDialog(path, details, parent=self.main_window)
        self.result_dialog = dialog
        dialog.finished.connect(lambda _r: self.main_window.focus_scan_box())
        dialog.open()

    # ------------------------------------------------------------ actions
    def export_case_report(self) -> None:
        self._case_pdf(CASE_REPORT)

    def export_claim_form(self) -> None:
        self._case_pdf(CLAIM_FORM)

    def _case_pdf(self, kind: str) -> None:
        case = self.current_case()
        if case is None:
            return
        reports = self.ctx.services.reports
        write = reports.case_report if kind == CASE_REPORT else reports.claim_form
        by = self.ctx.operator.id
        stem = self.tr("case report") if kind == CASE_REPORT else self.tr("claim form")

        def chosen(options: ExportOptions) -> None:
            title = self.options_dialog.title_text() if self.options_dialog is not None else ""

            def save(path: Path) -> None:
                self._run_export(title, path, lambda progress, cancelled: write(
                    case_id=case.id, out=path, by=by, unmasked=options.unmasked, language=options.language,
                    progress=progress, cancelled=cancelled))

            self._ask_path(title, f"{case.case_no}_{stem}.pdf", self.tr("PDF documents (*.pdf)"), save)

        self._ask_options(kind, chosen, case.case_no)

    def export_closed(self) -> None:
        reports = self.ctx.services.reports
        by = self.ctx.operator.id

        def chosen(options: ExportOptions) -> None:
            assert options.date_from is not None and options.date_to is not None
            start, end = options.date_from, options.date_to
            title = self.tr("Export closed cases")

            def save(path: Path) -> None:
                self._run_export(title, path, lambda progress, cancelled: reports.closed_batch(
                    date_from=start, date_to=end, out=path, by=by, unmasked=options.unmasked,
                    language=options.language, include_photos=options.include_photos,
                    progress=progress, cancelled=cancelled))

            name = self.tr("closed cases {0} to {1}").format(start.isoformat(), end.isoformat())
            self._ask_path(title, f"{name}.pdf", self.tr("PDF documents (*.pdf)"), save)

        self._ask_options(CLOSED, chosen)

    def export_month(self) -> None:
        service = MonthlyExportService(self.ctx.services.db, self.ctx.services.clock)
        by = self.ctx.operator.id

        def chosen(options: ExportOptions) -> None:
            assert options.year is not None and options.month is not None
            year, month = options.year, options.month
            title = self.tr("Export the monthly workbook")

            def describe(result: MonthlyExportResult) -> Callable[[], str]:
                return lambda: self.tr("{0} cases, {1} compensations, {2} in total.").format(
                    result.case_count, result.compensation_count, format_money(result.compensation_total))

            def save(path: Path) -> None:
                self._run_export(title, path, lambda progress, cancelled: service.export_month(
                    year=year, month=month, out=path, by=by, unmasked=options.unmasked,
                    language=options.language, progress=progress, cancelled=cancelled), describe)

            name = self.tr("problem parcels {0}").format(f"{year}-{month:02d}")
            self._ask_path(title, f"{name}.xlsx", self.tr("Excel workbooks (*.xlsx)"), save)

        self._ask_options(MONTH, chosen)

    def print_case_report(self) -> None:
        case = self.current_case()
        if case is None:
            return
        if not printing.pdf_printing_available():
            message = self.tr("Printing needs Qt's PDF module (the pyside6-addons package), which is not "
                              "installed. Export the case report as a PDF and print it from a PDF viewer.")
            ErrorPresenter.instance().show_error(DepotError(message, message), self.main_window)
            return
        reports = self.ctx.services.reports
        by = self.ctx.operator.id

        def chosen(options: ExportOptions) -> None:
            title = self.tr("Print the case report")
            folder = Path(tempfile.mkdtemp(prefix="depot-print-"))
            pdf = folder / f"{case.case_no}.pdf"

            def cleanup() -> None:
                shutil.rmtree(folder, ignore_errors=True)  # the report holds personal data

            def render(progress: ProgressFn, cancelled: CancelledFn) -> Path:
                return reports.case_report(case_id=case.id, out=pdf, by=by, unmasked=options.unmasked,
                                           language=options.language, progress=progress, cancelled=cancelled)

            def rendered(_path: Path) -> None:
                printing.choose_printer(self.main_window, send)

            def send(printer: QPrinter | None) -> None:
                if printer is None:
                    cleanup()
                    return

                def printed(outcome: printing.PrintOutcome) -> None:
                    cleanup()
                    if outcome.cancelled:
                        self._say(self.tr("Printing stopped after {0} of {1} pages.")
                                  .format(outcome.printed, outcome.pages))
                    else:
                        self._say(self.tr("The case report of {0} went to the printer ({1} pages).")
                                  .format(case.case_no, outcome.pages))

                self._start(title, self.tr("Sending {0} to the printer…").format(case.case_no), "printProgress",
                            lambda progress, cancelled: printing.print_pdf(pdf, printer, progress, cancelled),
                            printed, cleanup)

            self._start(title, self.tr("Preparing the case report of {0}…").format(case.case_no),
                        "exportProgress", render, rendered, cleanup)

        self._ask_options(PRINT, chosen, case.case_no)

    def import_list(self) -> None:
        from depot_app.ui.records.import_dialog import ImportDialog

        if self.import_dialog is not None and shiboken6.isValid(self.import_dialog):
            self.import_dialog.deleteLater()
        service = ImportService(self.ctx.services.db, self.ctx.services.clock, self.ctx.services.cases)
        dialog = ImportDialog(self.ctx, service, parent=self.main_window)
        dialog.sig_imported.connect(lambda _result: self.main_window.reload_queue())
        dialog.finished.connect(lambda _r: self.main_window.focus_scan_box())
        self.import_dialog = dialog
        dialog.open()


def install_records_menu(window: DeskWindow) -> RecordsMenu:
    """Add the Records menu (and the queue's right-click menu) to the main window."""
    return RecordsMenu(window)
