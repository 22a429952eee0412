"""Records that leave the depot: the Records menu (记录导出) of the main window.

* **Case report (PDF)…**, **Claim form (PDF)…** and **Print case report…**
  act on the case of the current workspace tab, or on the selected queue row
  while the queue is showing; the queue's right-click menu offers them too.
* **Closed cases in a period (PDF)…** and **Monthly workbook (Excel)…** ask
  for the period or the month.
* **Import a head-office list…** opens the :class:`ImportDialog`.

Every export asks its options first (document language; period or month;
"unmasked", which only a manager may tick and which the service records),
then where to save, then runs in a :class:`~depot_app.ui.jobs.BackgroundJob`
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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    QPoint,
    QRectF,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError
from depot_app.domain.permissions import Permission
from depot_app.services.importer import ImportService
from depot_app.services.monthly import (
    ExportCancelled,
    MonthlyExportResult,
    MonthlyExportService,
)
from depot_app.ui.context import DeskContext
from depot_app.ui.errors import ErrorPresenter
from depot_app.ui.formatting import format_money, local
from depot_app.ui.i18n import LanguageManager, current_language
from depot_app.ui.jobs import (
    BackgroundJob,
    CancelledFn,
    JobProgressDialog,
    ProgressFn,
    run_with_progress,
)
from depot_app.ui.common.background import stop_long_work

if TYPE_CHECKING:
    from depot_app.ui.import_dialog import ImportDialog
    from depot_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: What an options dialog is for.
CASE_REPORT, CLAIM_FORM, PRINT, CLOSED, MONTH = "case_report", "claim_form", "print", "closed", "month"

#: Months offered by the month picker, counting back from this one.
MONTHS_OFFERED = 36
#: Until this day of the month the picker proposes the month just ended (the
#: workbook head office waits for); later, the month running.
LAST_MONTH_UNTIL_DAY = 10

#: Renders PDF pages for the printer at most at this resolution: sharp on paper,
#: and an A4 page stays about 8.7 million pixels instead of 140 at 1200 dpi.
PRINT_DPI = 300


# ================================================ the steps tests replace
def _native_dialogs() -> bool:
    """The platform's own file dialogs, except on the headless platforms tests run on."""
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


def choose_save_path(parent: QWidget | None, title: str, suggested: Path, name_filter: str,
                     then: Callable[[Path], None]) -> None:
    """Ask where to save (non-blocking); ``then(path)`` runs when the clerk chose a file."""
    dialog = QFileDialog(parent, title, str(suggested), name_filter)
    dialog.setObjectName("saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suggested.suffix.lstrip("."))
    dialog.selectFile(suggested.name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _native_dialogs())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()


def choose_open_path(parent: QWidget | None, title: str, folder: Path, name_filter: str,
                     then: Callable[[Path], None]) -> None:
    """Ask which file to open (non-blocking); ``then(path)`` runs when the clerk chose one."""
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setObjectName("openFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not _native_dialogs())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: then(Path(name)))
    dialog.open()


def choose_printer(parent: QWidget | None, then: Callable[[QPrinter | None], None]) -> None:
    """Ask which printer (non-blocking); ``then(printer)``, or ``then(None)`` when the clerk cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")

    def finished(result: int) -> None:
        dialog.deleteLater()
        then(printer if result == QDialog.DialogCode.Accepted.value else None)

    dialog.finished.connect(finished)
    dialog.open()


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the program the desktop uses for it."""
    return QDesktopServices.openUrl(url)


# ============================================================ printing
def pdf_printing_available() -> bool:
    """True when Qt's PDF module (pyside6-addons) can be loaded."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class PrintOutcome:
    """How many pages went to the printer."""

    printed: int
    pages: int
    cancelled: bool


class PrintError(DepotError):
    """The printer or the document could not be opened; the message says which."""


def print_pdf(path: Path, printer: QPrinter, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> PrintOutcome:
    """Send every page of the PDF at ``path`` to ``printer``, each scaled to fit the paper.

    Safe off the GUI thread (a QPainter may paint on a QPrinter in any thread).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() == 0:
            message = QCoreApplication.translate("RecordsMenu", "The document to print could not be read.")
            raise PrintError(message, message)
        pages = document.pageCount()
        # The document brings its own margins: print on the whole sheet, at true size on A4.
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            message = QCoreApplication.translate(
                "RecordsMenu", "The printer could not be opened. Check that it is switched on and try again.")
            raise PrintError(message, message)
        printed = 0
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            sheet = printer.pageLayout().fullRectPixels(printer.resolution())
            for index in range(pages):
                if cancelled is not None and cancelled():
                    printer.abort()
                    return PrintOutcome(printed, pages, True)
                if index:
                    printer.newPage()
                points = document.pagePointSize(index)
                image = document.render(index, QSize(max(1, round(points.width() / 72 * dpi)),
                                                     max(1, round(points.height() / 72 * dpi))))
                scale = min(sheet.width() / points.width(), sheet.height() / points.height())
                width, height = points.width() * scale, points.height() * scale
                target = QRectF((sheet.width() - width) / 2, (sheet.height() - height) / 2, width, height)
                painter.drawImage(target, image)
                printed += 1
                if progress is not None:
                    progress(printed, pages)
        finally:
            painter.end()
        return PrintOutcome(printed, pages, False)
    finally:
        document.close()


# ====================================================== options dialog
@dataclass(frozen=True)
class ExportOptions:
    """What the clerk chose in the options dialog."""

    language: str
    unmasked: bool
    date_from: date | None = None
    date_to: date | None = None
    year: int | None = None
    month: int | None = None
    include_photos: bool = True


def _month_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


class ExportOptionsDialog(QDialog):
    """The few choices an export needs: period or month, language, masked or not."""

    def __init__(self, ctx: DeskContext, kind: str, *, case_no: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptionsDialog")
        self.ctx = ctx
        self.kind = kind
        self.case_no = case_no
        self.is_manager = ctx.operator.can(Permission.EXPORT_UNMASKED)
        today = local(ctx.services.clock.now()).date()
        self._build(today)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def _build(self, today: date) -> None:
        outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("exportIntro")
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.from_label = QLabel(self)
        self.to_label = QLabel(self)
        self.date_from = QDateEdit(self)
        self.date_from.setObjectName("exportDateFrom")
        self.date_to = QDateEdit(self)
        self.date_to.setObjectName("exportDateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.date_from.setDate(QDate(today.year, today.month, 1))
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._check())
        self.photos = QCheckBox(self)
        self.photos.setObjectName("exportIncludePhotos")
        self.photos.setChecked(True)
        self.month_label = QLabel(self)
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("exportMonth")
        for back in range(MONTHS_OFFERED):
            year, month = _month_back(today.year, today.month, back)
            self.month_combo.addItem(f"{year}-{month:02d}", (year, month))
        self.month_combo.setCurrentIndex(1 if today.day <= LAST_MONTH_UNTIL_DAY else 0)
        if self.kind == CLOSED:
            form.addRow(self.from_label, self.date_from)
            form.addRow(self.to_label, self.date_to)
            form.addRow("", self.photos)
        else:
            for widget in (self.from_label, self.date_from, self.to_label, self.date_to, self.photos):
                widget.setVisible(False)
        if self.kind == MONTH:
            form.addRow(self.month_label, self.month_combo)
        else:
            self.month_label.setVisible(False)
            self.month_combo.setVisible(False)
        self.language_label = QLabel(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("exportLanguage")
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current_language()), 0))
        form.addRow(self.language_label, self.language_combo)
        for label, field in ((self.from_label, self.date_from), (self.to_label, self.date_to),
                             (self.month_label, self.month_combo), (self.language_label, self.language_combo)):
            label.setBuddy(field)
        outer.addLayout(form)

        self.unmasked = QCheckBox(self)
        self.unmasked.setObjectName("exportUnmasked")
        self.unmasked.setEnabled(self.is_manager)
        self.unmasked.toggled.connect(lambda _c: self._refresh_note())
        outer.addWidget(self.unmasked)
        self.note = QLabel(self)
        self.note.setObjectName("exportUnmaskedNote")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        self.problem = QLabel(self)
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setVisible(False)
        outer.addWidget(self.problem)
        outer.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setObjectName("exportOptionsOk")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("exportOptionsCancel")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(460)

    # ------------------------------------------------------------ language
    def title_text(self) -> str:
        return {
            CASE_REPORT: self.tr("Export the case report"),
            CLAIM_FORM: self.tr("Export the claim form"),
            PRINT: self.tr("Print the case report"),
            CLOSED: self.tr("Export closed cases"),
            MONTH: self.tr("Export the monthly workbook"),
        }[self.kind]

    def retranslate(self) -> None:
        self.setWindowTitle(self.title_text())
        intro = {
            CASE_REPORT: self.tr("The case report of {0}: parcel, contacts, resolution and timeline."),
            CLAIM_FORM: self.tr("The claim form (赔偿申请单) of {0}, for head office to approve "
                                "the compensation."),
            PRINT: self.tr("The case report of {0} goes to the printer you choose next."),
            CLOSED: self.tr("Every case closed in the period, in one PDF with a table of contents."),
            MONTH: self.tr("All cases reported in the month, with the summary, the compensation ledger "
                           "and the workload of each handler."),
        }[self.kind]
        self.intro.setText(intro.format(self.case_no) if "{0}" in intro else intro)
        self.from_label.setText(self.tr("Closed &from:"))
        self.to_label.setText(self.tr("Closed &until:"))
        self.date_from.setAccessibleName(self.tr("First day of the period"))
        self.date_to.setAccessibleName(self.tr("Last day of the period"))
        self.photos.setText(self.tr("Include photos"))
        self.photos.setAccessibleName(self.tr("Include photos"))
        self.month_label.setText(self.tr("&Month:"))
        self.month_combo.setAccessibleName(self.tr("Month to export"))
        self.language_label.setText(self.tr("Document &language:"))
        self.language_combo.setAccessibleName(self.tr("Language of the document"))
        self.unmasked.setText(self.tr("&Unmasked: full phone numbers and personal details"))
        self.unmasked.setAccessibleName(self.tr("Export unmasked"))
        self.ok_button.setText(self.tr("&Print…") if self.kind == PRINT else self.tr("&Choose where to save…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._refresh_note()
        self._check()

    def _refresh_note(self) -> None:
        if not self.is_manager:
            text = self.tr("Phones, names and addresses are masked. Only a manager can export them unmasked.")
        elif self.unmasked.isChecked():
            text = self.tr("This unmasked export will be recorded in the audit trail under your name.")
        else:
            text = self.tr("Phones, names and addresses are masked. An unmasked export is recorded "
                           "in the audit trail.")
        self.note.setText(text)
        self.note.setStyleSheet("color: #b26a00;" if self.unmasked.isChecked() else "color: #6d6d6d;")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()

    # ------------------------------------------------------------- values
    def _check(self) -> bool:
        problem = ""
        if self.kind == CLOSED and self.date_from.date() > self.date_to.date():
            problem = self.tr("The period starts after it ends.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        return not problem

    def accept(self) -> None:
        if self._check():
            super().accept()

    def options(self) -> ExportOptions:
        year, month = self.month_combo.currentData()
        return ExportOptions(
            language=self.language_combo.currentData(),
            unmasked=self.is_manager and self.unmasked.isChecked(),
            date_from=self.date_from.date().toPython(), date_to=self.date_to.date().toPython(),
            year=year, month=month, include_photos=self.photos.isChecked())


# ======================================================= result dialog
class ExportResultDialog(QDialog):
    """Says where the file went and offers to open it or its folder."""

    def __init__(self, path: Path, details: Callable[[], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportResultDialog")
        self.path = path
        self._details = details
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        mark = QLabel("✓", self)
        mark.setObjectName("exportResultMark")
        mark.setStyleSheet("color: #2e7d32; font-size: 28px; font-weight: bold;")
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(mark)
        texts = QVBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("exportResultHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.path_label = QLabel(str(path), self)
        self.path_label.setObjectName("exportResultPath")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("exportResultDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setStyleSheet("color: #6d6d6d;")
        texts.addWidget(self.heading)
        texts.addWidget(self.path_label)
        texts.addWidget(self.details_label)
        top.addLayout(texts, 1)
        outer.addLayout(top)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("exportOpenFile")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton(self)
        self.folder_button.setObjectName("exportShowFolder")
        self.folder_button.clicked.connect(self.show_folder)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("exportResultClose")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export finished"))
        self.heading.setText(self.tr("The file is saved:"))
        self.path_label.setAccessibleName(self.tr("Saved file"))
        details = self._details() if self._details is not None else ""
        self.details_label.setText(details)
        self.details_label.setVisible(bool(details))
        self.open_button.setText(self.tr("&Open file"))
        self.open_button.setAccessibleName(self.tr("Open the saved file"))
        self.folder_button.setText(self.tr("Show in &folder"))
        self.folder_button.setAccessibleName(self.tr("Open the folder of the saved file"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()

    def open_file(self) -> None:
        open_url(QUrl.fromLocalFile(str(self.path)))
        self.accept()

    def show_folder(self) -> None:
        open_url(QUrl.fromLocalFile(str(self.path.parent)))
        self.accept()


# ================================================================ menu
@dataclass(frozen=True)
class CaseRef:
    """The case an action applies to."""

    id: int
    case_no: str


class RecordsMenu(QMenu):
    """The Records menu and the queue's right-click menu, and the work behind them."""

    def __init__(self, window: MainWindow) -> None:
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()

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
        choose_save_path(self.main_window, title, self.last_folder() / safe, name_filter, then)

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
        if not pdf_printing_available():
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
                choose_printer(self.main_window, send)

            def send(printer: QPrinter | None) -> None:
                if printer is None:
                    cleanup()
                    return

                def printed(outcome: PrintOutcome) -> None:
                    cleanup()
                    if outcome.cancelled:
                        self._say(self.tr("Printing stopped after {0} of {1} pages.")
                                  .format(outcome.printed, outcome.pages))
                    else:
                        self._say(self.tr("The case report of {0} went to the printer ({1} pages).")
                                  .format(case.case_no, outcome.pages))

                self._start(title, self.tr("Sending {0} to the printer…").format(case.case_no), "printProgress",
                            lambda progress, cancelled: print_pdf(pdf, printer, progress, cancelled),
                            printed, cleanup)

            self._start(title, self.tr("Preparing the case report of {0}…").format(case.case_no),
                        "exportProgress", render, rendered, cleanup)

        self._ask_options(PRINT, chosen, case.case_no)

    def import_list(self) -> None:
        from depot_app.ui.import_dialog import ImportDialog

        if self.import_dialog is not None and shiboken6.isValid(self.import_dialog):
            self.import_dialog.deleteLater()
        service = ImportService(self.ctx.services.db, self.ctx.services.clock, self.ctx.services.cases)
        dialog = ImportDialog(self.ctx, service, parent=self.main_window)
        dialog.sig_imported.connect(lambda _result: self.main_window.reload_queue())
        dialog.finished.connect(lambda _r: self.main_window.focus_scan_box())
        self.import_dialog = dialog
        dialog.open()


def install_records_menu(window: MainWindow) -> RecordsMenu:
    """Add the Records menu (and the queue's right-click menu) to the main window."""
    menu = RecordsMenu(window)
    window.records_menu = menu  # type: ignore[attr-defined]
    return menu
