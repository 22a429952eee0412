"""The Backups dialog, the Backups… menu entry and the daily backup scheduler, on the real services.

Backups run in real threads (not the synchronous task runner), so progress
and Cancel take the paths they take at the desk; tests wait for the job.
"""

from __future__ import annotations

import threading
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Role
from depot_app.services import backup as backup_module
from depot_app.services.backup import BackupService, list_backups
from depot_app.ui.application import build_context
from depot_app.ui.common import files
from depot_app.ui.main_window import MainWindow
from depot_app.ui.records.backup_dialog import BackupActions, BackupDialog, BackupScheduler


@pytest.fixture
def dialog(qtbot, ctx) -> BackupDialog:  # noqa: ANN001
    ctx.services.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=ctx.operator.id)
    d = BackupDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def wait_for(qtbot, owner) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: owner.job is None or not owner.job.running, timeout=30_000)


def test_back_up_now_writes_an_archive_and_lists_it(qtbot, dialog: BackupDialog, ctx) -> None:  # noqa: ANN001
    assert dialog.list.topLevelItemCount() == 0 and dialog.empty_label.isVisible()
    with qtbot.waitSignal(dialog.sig_backup_made, timeout=30_000) as made:
        dialog.backup_button.click()
    info = made.args[0]
    assert info.path.parent == ctx.config.backup_dir and info.path.exists()
    assert info.cases == 1
    wait_for(qtbot, dialog)
    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item.text(dialog.COL_DATE) == "2026-11-20 10:00"  # local time of the depot
    assert item.text(dialog.COL_CASES) == "1" and item.text(dialog.COL_SIZE).endswith("KB")
    assert not dialog.empty_label.isVisible()
    assert "备份已保存" in dialog.last_message or "Backup saved" in dialog.last_message
    assert info.path.name in dialog.last_message
    assert dialog.backup_button.isEnabled()


def test_cancel_leaves_no_file(qtbot, dialog: BackupDialog, ctx, monkeypatch) -> None:  # noqa: ANN001
    entered, release = threading.Event(), threading.Event()
    real = backup_module._copy_database

    def slow_copy(source: Path, target: Path) -> None:
        real(source, target)
        entered.set()
        release.wait(10)  # hold the worker until Cancel was pressed

    monkeypatch.setattr(backup_module, "_copy_database", slow_copy)
    dialog.back_up_now()
    assert dialog.progress_dialog is not None
    assert dialog.progress_dialog.objectName() == "backupProgress"
    assert entered.wait(10)
    dialog.progress_dialog.cancel_button.click()
    release.set()
    wait_for(qtbot, dialog)
    assert "取消" in dialog.last_message or "cancelled" in dialog.last_message
    folder = ctx.config.backup_dir
    assert not folder.exists() or list(folder.iterdir()) == []


def test_show_in_folder_opens_the_backup_folder(dialog: BackupDialog, ctx, monkeypatch) -> None:  # noqa: ANN001
    opened: list[QUrl] = []
    monkeypatch.setattr(files, "open_url", lambda url: opened.append(url) or True)
    dialog.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(ctx.config.backup_dir)]


def test_schedule_settings_are_saved(qtbot, dialog: BackupDialog, ctx) -> None:  # noqa: ANN001
    assert dialog.daily.isChecked() and dialog.keep.value() == 14
    dialog.daily.setChecked(False)
    dialog.keep.setValue(5)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: ctx.services.settings.get("backup_keep") == 5, timeout=5_000)
    assert ctx.services.settings.get("backup_daily") is False


def test_a_clerk_sees_the_backups_but_cannot_change_or_make_them(qtbot, ui_services, tmp_path) -> None:  # noqa: ANN001
    ui_services.operators.ensure_first()  # a depot's first operator is its manager
    clerk = ui_services.operators.add(name="李客服", role=Role.CLERK, by=None)
    ctx = build_context(AppConfig(data_dir=tmp_path, db_url=str(ui_services.db.url)), ui_services, clerk,
                        UserPreferences(language="zh_CN"))
    d = BackupDialog(ctx)
    qtbot.addWidget(d)
    assert not d.daily.isEnabled() and not d.keep.isEnabled() and not d.save_button.isEnabled()
    assert not d.backup_button.isEnabled()  # backups hold unmasked data: managers make them


def test_postgres_depot_is_told_about_pg_dump(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(type(ctx.services.db), "is_sqlite", property(lambda _self: False))
    d = BackupDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    assert d.postgres_note.isVisible() and "pg_dump --format=custom" in d.postgres_note.text()
    assert "pg_restore" in d.postgres_note.text()
    assert not d.backup_button.isVisible() and not d.list.isVisible()


def test_english_texts(qtbot, ctx) -> None:  # noqa: ANN001
    from depot_app.ui.common.i18n import LanguageManager

    LanguageManager.instance().set_language("en")
    d = BackupDialog(ctx)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Backups"
    assert d.backup_button.text() == "&Back up now"
    assert "depot-app restore" in d.restore_note.text()
    assert d.list.headerItem().text(d.COL_PHOTOS) == "Photos"


# ================================================================ the menu
@pytest.fixture
def window(qtbot, ctx) -> MainWindow:  # noqa: ANN001
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_backups_entry_sits_in_the_records_menu_and_opens_the_dialog(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    actions: BackupActions = window.backup_actions  # type: ignore[attr-defined]
    assert actions.action in window.records_menu.actions()  # type: ignore[attr-defined]
    assert actions.action.objectName() == "actionBackups"
    assert actions.action.text() in ("备份(&B)…", "&Backups…")  # English until the catalogue has it
    actions.action.trigger()
    assert actions.dialog is not None and actions.dialog.isVisible()
    assert actions.dialog.findChild(QPushButton, "backupNow") is not None
    assert actions.dialog.findChild(QTreeWidget, "backupList") is not None
    assert actions.dialog.findChild(QLabel, "backupRestoreNote") is not None
    # The desk's first minutes belong to the clerk: the scheduler waits before its first check.
    assert actions.scheduler.active and actions.scheduler.job is None


# =========================================================== the scheduler
def test_scheduler_makes_a_backup_when_due_then_not_again(qtbot, ctx) -> None:  # noqa: ANN001
    said: list[str] = []
    scheduler = BackupScheduler(ctx, status=said.append)
    folder = ctx.config.backup_dir
    job = scheduler.check_now()
    assert job is not None
    wait_for(qtbot, scheduler)
    assert len(list_backups(folder)) == 1
    assert said and list_backups(folder)[0].path.name in said[-1]
    # Not due an hour later: nothing new.
    clock: FixedClock = ctx.services.clock
    clock.advance(hours=1)
    scheduler.check_now()
    wait_for(qtbot, scheduler)
    assert len(list_backups(folder)) == 1 and len(said) == 1
    # Due again a day later; pruned to backup_keep.
    ctx.services.settings.set_many(values={"backup_keep": 1}, by=ctx.operator.id)
    clock.advance(hours=24)
    scheduler.check_now()
    wait_for(qtbot, scheduler)
    backups = list_backups(folder)
    assert len(backups) == 1 and backups[0].created_at == clock.now().replace(microsecond=0)


def test_scheduler_does_nothing_when_daily_backups_are_off(qtbot, ctx) -> None:  # noqa: ANN001
    ctx.services.settings.set_many(values={"backup_daily": False}, by=ctx.operator.id)
    scheduler = BackupScheduler(ctx, status=lambda _m: None)
    scheduler.check_now()
    wait_for(qtbot, scheduler)
    assert list_backups(ctx.config.backup_dir) == []


def test_scheduler_does_not_run_when_a_backup_is_recent(qtbot, ctx) -> None:  # noqa: ANN001
    service = BackupService(ctx.services.db, ctx.services.clock, ctx.services.photos.store)
    made = service.create(out_dir=ctx.config.backup_dir, by=None)
    ctx.services.clock.advance(hours=23)
    scheduler = BackupScheduler(ctx, status=lambda _m: None)
    scheduler.check_now()
    wait_for(qtbot, scheduler)
    assert [b.path for b in list_backups(ctx.config.backup_dir)] == [made.path]


def test_scheduler_failure_goes_to_the_status_bar_once(qtbot, ctx, errors, monkeypatch) -> None:  # noqa: ANN001
    def broken(_source: Path, _target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "_copy_database", broken)
    said: list[str] = []
    scheduler = BackupScheduler(ctx, status=said.append)
    for _ in range(3):
        scheduler.check_now()
        wait_for(qtbot, scheduler)
    assert len(said) == 1 and ("每日备份失败" in said[0] or "daily backup failed" in said[0])
    assert errors == []  # never a modal
    folder = ctx.config.backup_dir
    assert list(folder.iterdir()) == [] if folder.exists() else True


def test_scheduler_stays_off_for_postgres(ctx, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(type(ctx.services.db), "is_sqlite", property(lambda _self: False))
    scheduler = BackupScheduler(ctx, status=lambda _m: None)
    scheduler.start()
    assert not scheduler.active


def test_archive_of_the_desk_holds_its_photos(qtbot, dialog: BackupDialog, ctx) -> None:  # noqa: ANN001
    import io

    from PIL import Image

    case_id = ctx.services.queries.case_id_by_no(ctx.services.cases.register_case(
        tracking_no="SF1234567890124", kind=ProblemKind.LOST, by=ctx.operator.id).case_no)
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 20, 30)).save(buffer, "JPEG")
    ctx.services.photos.add_photos(case_id=case_id, files=[("a.jpg", buffer.getvalue())], slot="exterior",
                                   by=ctx.operator.id)
    with qtbot.waitSignal(dialog.sig_backup_made, timeout=30_000) as made:
        dialog.back_up_now()
    with zipfile.ZipFile(made.args[0].path) as zf:
        assert sum(n.startswith("photos/") for n in zf.namelist()) == 1
    assert made.args[0].created_at <= ctx.services.clock.now() + timedelta(seconds=1)
