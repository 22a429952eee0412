"""Backups from the desk: the Backups dialog, the daily schedule, and the menu entry.

* :class:`BackupDialog` (Records menu → *Backups…*) makes a backup now — in a
  :class:`~depot_app.ui.common.jobs.BackgroundJob` behind a progress dialog with
  Cancel; a cancelled backup leaves no file — lists the archives in the
  backup folder, opens that folder, and edits the depot settings
  ``backup_daily`` and ``backup_keep`` (managers only). A PostgreSQL depot
  is backed up on its server; the dialog says how instead of offering the
  button.
* :class:`BackupScheduler` checks a minute after the desk opened, then every
  hour, whether a daily backup is due (SQLite, ``backup_daily`` on, none in
  the last 24 hours), makes it in the background and prunes to
  ``backup_keep``. It never opens a dialog: a failure goes to the log and,
  once, to the status bar.

Restoring is not offered here: it replaces the database under the running
desk. The dialog tells the clerk to close the desk and run ``depot-app restore``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import BackupCancelled, DepotError
from depot_app.domain.permissions import Permission
from depot_app.services.backup import (
    BackupInfo,
    BackupService,
    ScheduledResult,
    pg_dump_command,
)
from depot_app.ui.common import files
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import (
    LanguageManager,
    RetranslatesOnLanguageChange,
    current_language,
)
from depot_app.ui.common.jobs import (
    BackgroundJob,
    CancelledFn,
    JobProgressDialog,
    ProgressFn,
    run_with_progress,
)

if TYPE_CHECKING:
    from depot_app.ui.records.host import DeskWindow
    from depot_app.ui.records.records_menu import RecordsMenu

log = logging.getLogger(__name__)

KEEP_RANGE = (1, 365)  # as services.settings validates ``backup_keep``


def backup_service(ctx: DeskContext) -> BackupService:
    services = ctx.services
    return BackupService(services.db, services.clock, services.photos.store)


def format_size(size: int) -> str:
    """Bytes for people: ``812 KB``, ``12.4 MB``, ``3.10 GB``."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    if size < 1024 ** 3:
        return f"{size / 1024 ** 2:.1f} MB"
    return f"{size / 1024 ** 3:.2f} GB"


# ================================================================== dialog
class BackupDialog(RetranslatesOnLanguageChange, QDialog):
    """Back up now, the archives in the backup folder, and the daily schedule."""

    sig_backup_made = Signal(object)
    """A :class:`BackupInfo`, after "Back up now" finished."""

    COL_DATE, COL_SIZE, COL_CASES, COL_PHOTOS = range(4)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.ctx = ctx
        self.service = backup_service(ctx)
        self.folder: Path = ctx.config.backup_dir
        self.is_sqlite = ctx.services.db.is_sqlite
        self.is_manager = ctx.operator.can(Permission.EDIT_SETTINGS)
        self.can_back_up = ctx.operator.can(Permission.MAKE_BACKUPS)
        self.backups: list[BackupInfo] = []
        self.job: BackgroundJob | None = None
        self.progress_dialog: JobProgressDialog | None = None
        #: The last outcome shown under the list (for tests and screen readers).
        self.last_message = ""
        self._status_key: tuple[str, tuple[Any, ...]] | None = None

        outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("backupIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.intro)
        self.folder_label = QLabel(str(self.folder), self)
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setStyleSheet("font-family: monospace;")
        outer.addWidget(self.folder_label)
        self.postgres_note = QLabel(self)
        self.postgres_note.setObjectName("backupPostgresNote")
        self.postgres_note.setWordWrap(True)
        self.postgres_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.postgres_note.setStyleSheet("background: #fff8e1; border: 1px solid #f0d58c; padding: 8px;")
        outer.addWidget(self.postgres_note)

        self.list = QTreeWidget(self)
        self.list.setObjectName("backupList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnCount(4)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.COL_DATE, QHeaderView.ResizeMode.Stretch)
        for column in (self.COL_SIZE, self.COL_CASES, self.COL_PHOTOS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setMinimumHeight(180)
        outer.addWidget(self.list, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("backupEmpty")
        self.empty_label.setStyleSheet("color: #6d6d6d;")
        outer.addWidget(self.empty_label)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        self.folder_button = QPushButton(self)
        self.folder_button.setObjectName("backupShowFolder")
        self.folder_button.clicked.connect(self.show_folder)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("backupStatus")
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)

        self.schedule_box = QGroupBox(self)
        self.schedule_box.setObjectName("backupScheduleGroup")
        form = QFormLayout(self.schedule_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.daily = QCheckBox(self.schedule_box)
        self.daily.setObjectName("backupDaily")
        form.addRow(self.daily)
        self.keep = QSpinBox(self.schedule_box)
        self.keep.setObjectName("backupKeep")
        self.keep.setRange(*KEEP_RANGE)
        self.keep_label = QLabel(self.schedule_box)
        self.keep_label.setBuddy(self.keep)
        form.addRow(self.keep_label, self.keep)
        self.settings_note = QLabel(self.schedule_box)
        self.settings_note.setObjectName("backupSettingsNote")
        self.settings_note.setWordWrap(True)
        self.settings_note.setStyleSheet("color: #6d6d6d;")
        form.addRow(self.settings_note)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = QPushButton(self.schedule_box)
        self.save_button.setObjectName("backupSaveSettings")
        self.save_button.clicked.connect(self.save_settings)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)
        outer.addWidget(self.schedule_box)

        self.restore_note = QLabel(self)
        self.restore_note.setObjectName("backupRestoreNote")
        self.restore_note.setWordWrap(True)
        self.restore_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_note.setStyleSheet("color: #6d6d6d;")
        outer.addWidget(self.restore_note)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("backupClose")
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)

        for widget in (self.daily, self.keep, self.save_button):
            widget.setEnabled(self.is_manager)
        self.backup_button.setEnabled(self.can_back_up)
        for widget in (self.intro, self.folder_label, self.list, self.empty_label, self.backup_button,
                       self.folder_button, self.status_label, self.schedule_box, self.restore_note):
            widget.setVisible(self.is_sqlite)
        self.postgres_note.setVisible(not self.is_sqlite)
        self.setMinimumWidth(600)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        if self.is_sqlite:
            self.reload()
            self.load_settings()

    # ------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        self.intro.setText(self.tr(
            "A backup is one zip file holding the database and every photo. Copy backups to another disk "
            "or computer now and then: a backup on the same disk does not survive the disk. "
            "Backups are kept in:"))
        self.folder_label.setAccessibleName(self.tr("Backup folder"))
        if not self.is_sqlite:
            self.postgres_note.setText(self.tr(
                "This depot's database is on a PostgreSQL server, so the desk does not back it up itself. "
                "Back it up on the server with pg_dump and restore it with pg_restore, for example:\n\n{0}\n"
                "pg_restore --clean --dbname=depot depot.dump\n\nThe photos are stored in the database too, "
                "so the dump holds them; each desk only keeps copies of what it has shown in {1}.")
                .format(pg_dump_command(self.ctx.services.db), self.ctx.services.photos.store.root))
        self.list.setHeaderLabels([self.tr("Made at"), self.tr("Size"), self.tr("Cases"), self.tr("Photos")])
        for column in (self.COL_SIZE, self.COL_CASES, self.COL_PHOTOS):
            self.list.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.list.setAccessibleName(self.tr("Backups in the backup folder"))
        self.empty_label.setText(self.tr("No backups yet."))
        self.backup_button.setText(self.tr("&Back up now"))
        self.backup_button.setToolTip("" if self.can_back_up else self.tr(
            "Only a manager makes backups: they hold every phone number and address unmasked."))
        self.backup_button.setAccessibleName(self.tr("Back up the database and the photos now"))
        self.folder_button.setText(self.tr("Show in &folder"))
        self.folder_button.setAccessibleName(self.tr("Open the backup folder"))
        self.schedule_box.setTitle(self.tr("Daily backup"))
        self.daily.setText(self.tr("Back up &every day (in the background while the desk is open)"))
        self.daily.setAccessibleName(self.tr("Back up every day"))
        self.keep_label.setText(self.tr("&Keep the newest:"))
        self.keep.setSuffix(self.tr(" backups"))
        self.keep.setAccessibleName(self.tr("Backups to keep"))
        self.settings_note.setText(self.tr("Only a manager can change the daily backup.") if not self.is_manager
                                   else self.tr("Older backups are deleted after each daily backup."))
        self.save_button.setText(self.tr("&Save schedule"))
        self.save_button.setAccessibleName(self.tr("Save the daily backup settings"))
        self.restore_note.setText(self.tr(
            "To restore a backup, close the desk on this computer and run: depot-app restore <backup file>. "
            "The backup is checked first; the current database is kept beside it."))
        self.close_button.setText(self.tr("Close"))
        self._show_status()
        self._fill()

    # ------------------------------------------------------------ the list
    def reload(self) -> None:
        """Read the backup folder again (off the GUI thread: each archive's manifest is opened)."""
        run_task(self, lambda: self.service.list_backups(self.folder), self._set_backups)

    def _set_backups(self, backups: list[BackupInfo]) -> None:
        if not shiboken6.isValid(self):
            return
        self.backups = backups
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        unknown = self.tr("damaged?")
        for info in self.backups:
            item = QTreeWidgetItem([
                format_local(info.created_at), format_size(info.size),
                str(info.cases) if info.cases is not None else unknown,
                str(info.photos) if info.photos is not None else unknown])
            item.setData(self.COL_DATE, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(self.COL_DATE, str(info.path))
            for column in (self.COL_SIZE, self.COL_CASES, self.COL_PHOTOS):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        self.empty_label.setVisible(self.is_sqlite and not self.backups)

    # ------------------------------------------------------------ settings
    def load_settings(self) -> None:
        settings = self.ctx.services.settings

        def read() -> tuple[bool, int]:
            return bool(settings.get("backup_daily")), int(settings.get("backup_keep"))

        run_task(self, read, self._set_settings)

    def _set_settings(self, values: tuple[bool, int]) -> None:
        if not shiboken6.isValid(self):
            return
        self.daily.setChecked(values[0])
        self.keep.setValue(values[1])

    def save_settings(self) -> None:
        values = {"backup_daily": self.daily.isChecked(), "backup_keep": self.keep.value()}
        settings = self.ctx.services.settings
        by = self.ctx.operator.id
        run_task(self, lambda: settings.set_many(values=values, by=by),
                       lambda _r: self._set_status("Daily backup settings saved."))

    # ------------------------------------------------------------ actions
    def back_up_now(self) -> None:
        if self.job is not None and self.job.running:
            return
        service, folder, by = self.service, self.folder, self.ctx.operator.id

        def work(progress: ProgressFn, cancelled: CancelledFn) -> BackupInfo:
            return service.create(out_dir=folder, by=by, progress=progress, cancelled=cancelled)

        self.backup_button.setEnabled(False)
        self.job, self.progress_dialog = run_with_progress(
            self, work, title=self.tr("Back up"), label=self.tr("Writing the backup…"),
            object_name="backupProgress", on_done=self._done, on_error=self._failed)

    def _done(self, info: BackupInfo) -> None:
        self.job = None
        if not shiboken6.isValid(self):
            return
        self.backup_button.setEnabled(self.can_back_up)
        self._set_status("Backup saved: {0} ({1} cases, {2} photos, {3}).", info.path.name, info.cases,
                         info.photos, format_size(info.size))
        self.sig_backup_made.emit(info)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if not shiboken6.isValid(self):
            return
        self.backup_button.setEnabled(self.can_back_up)
        if isinstance(exc, BackupCancelled):
            self._set_status("The backup was cancelled; no file was written.")
        else:
            self._set_status("The backup failed; nothing was written.")
            ErrorPresenter.instance().show_error(exc, self)

    def show_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        files.open_url(QUrl.fromLocalFile(str(self.folder)))

    # ------------------------------------------------------------ status
    def _set_status(self, key: str, *args: Any) -> None:
        """Remember the message by its source text, so it follows a language switch."""
        self._status_key = (key, args)
        self._show_status()

    def _show_status(self) -> None:
        if self._status_key is None:
            self.status_label.clear()
            self.last_message = ""
            return
        key, args = self._status_key
        texts = {
            "Backup saved: {0} ({1} cases, {2} photos, {3}).":
                self.tr("Backup saved: {0} ({1} cases, {2} photos, {3})."),
            "The backup was cancelled; no file was written.":
                self.tr("The backup was cancelled; no file was written."),
            "The backup failed; nothing was written.": self.tr("The backup failed; nothing was written."),
            "Daily backup settings saved.": self.tr("Daily backup settings saved."),
        }
        self.last_message = texts[key].format(*args)
        self.status_label.setText(self.last_message)


# ================================================================ scheduler
class BackupScheduler(QObject):
    """Makes the daily backup in the background while the desk is open.

    Checks :data:`START_DELAY_MS` after :meth:`start` (so opening the desk
    and the first scans do not wait for the disk), then every hour.
    """

    sig_backup_made = Signal(object)
    """A :class:`ScheduledResult`, after a scheduled backup was written."""

    START_DELAY_MS = 60_000
    INTERVAL_MS = 3_600_000

    def __init__(self, ctx: DeskContext, *, status: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = backup_service(ctx)
        self.folder: Path = ctx.config.backup_dir
        self._status = status
        self.job: BackgroundJob | None = None
        self._last_failure = ""
        self.timer = QTimer(self)
        self.timer.setObjectName("backupTimer")
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)
        self.first_check = QTimer(self)
        self.first_check.setSingleShot(True)
        self.first_check.timeout.connect(self.check_now)

    @property
    def active(self) -> bool:
        return self.timer.isActive() or self.first_check.isActive()

    def start(self) -> None:
        """Start checking; does nothing for a PostgreSQL depot (its server is backed up with pg_dump)."""
        if not self.ctx.services.db.is_sqlite:
            return
        self.first_check.start(self.START_DELAY_MS)
        self.timer.start()

    def stop(self) -> None:
        self.first_check.stop()
        self.timer.stop()

    def check_now(self) -> BackgroundJob | None:
        """Make the backup now if one is due; the job doing it, or None when one already runs."""
        if self.job is not None and self.job.running:
            return None
        service, folder = self.service, self.folder

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ScheduledResult | None:
            return service.run_scheduled(out_dir=folder, progress=progress, cancelled=cancelled)

        job = BackgroundJob(work, self)
        job.sig_finished.connect(self._done)
        job.sig_failed.connect(self._failed)
        self.job = job
        job.start()
        return job

    def _done(self, result: object) -> None:
        self._last_failure = ""
        if isinstance(result, ScheduledResult):
            self._status(self.tr("Daily backup saved: {0}").format(result.backup.path.name))
            self.sig_backup_made.emit(result)

    def _failed(self, exc: object) -> None:
        if isinstance(exc, BackupCancelled):
            return  # the desk is closing
        if isinstance(exc, DepotError):
            log.warning("Daily backup failed: %s", exc.en)
            reason = exc.text(current_language())
        else:
            text = getattr(exc, "__traceback_text__", repr(exc))
            log.error("Daily backup failed:\n%s", text)
            reason = self.tr("see the log in {0}").format(self.ctx.config.log_dir)
        message = self.tr("The daily backup failed: {0}").format(reason)
        if message != self._last_failure:  # once, not every hour
            self._last_failure = message
            self._status(message)


# ================================================================== menu
class BackupActions(QObject):
    """The *Backups…* entry of the Records menu, its dialog and the daily scheduler."""

    def __init__(self, window: DeskWindow, menu: RecordsMenu) -> None:
        super().__init__(window)
        self.main_window = window
        self.ctx: DeskContext = window.ctx
        self.dialog: BackupDialog | None = None
        self.last_status = ""
        self.action = QAction(menu)
        self.action.setObjectName("actionBackups")
        self.action.triggered.connect(lambda _checked=False: self.open_dialog())
        menu.addSeparator()
        menu.addAction(self.action)
        self.scheduler = BackupScheduler(self.ctx, status=self.show_status, parent=self)
        self.scheduler.sig_backup_made.connect(lambda _r: self._reload_dialog())
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Backups…"))
        self.action.setToolTip(self.tr("Back up the database and the photos; the daily backup"))

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()

    def show_status(self, message: str) -> None:
        self.last_status = message
        if shiboken6.isValid(self.main_window):
            self.main_window.statusBar().showMessage(message, 60_000)

    def open_dialog(self) -> BackupDialog:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            if self.dialog.job is None or not self.dialog.job.running:
                self.dialog.deleteLater()
            else:
                self.dialog.raise_()
                return self.dialog
        dialog = BackupDialog(self.ctx, parent=self.main_window)
        dialog.finished.connect(lambda _r: self.main_window.focus_scan_box())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reload_dialog(self) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.reload()


def install_backup_menu(window: DeskWindow, menu: RecordsMenu) -> BackupActions:
    """Add *Backups…* to the window's Records menu and start the daily backup scheduler."""
    actions = BackupActions(window, menu)
    actions.scheduler.start()
    return actions
