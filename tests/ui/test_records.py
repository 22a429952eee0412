"""The Records menu: exports, printing and importing from the main window, on the real services.

The background jobs run in real threads here (not the synchronous task
runner), so progress and Cancel take the paths they take at the desk; tests
wait for them with ``qtbot.waitUntil``. The operating system's dialogs (save,
open, print) and opening files are the module-level functions of
:mod:`depot_app.ui.common.files` and :mod:`depot_app.ui.records.printing`,
replaced per test.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Role
from depot_app.services.importer import ImportService
from depot_app.services.monthly import MonthlyExportService
from depot_app.ui.common import files
from depot_app.ui.main_window import MainWindow
from depot_app.ui.records import printing
from depot_app.ui.records.import_dialog import ImportDialog
from depot_app.ui.records.records_menu import RecordsMenu

TRACKING_NO = "SF1234567890123"


@pytest.fixture
def window(qtbot, ctx) -> MainWindow:  # noqa: ANN001
    ctx.services.cases.register_case(
        tracking_no=TRACKING_NO, kind=ProblemKind.DAMAGED, by=ctx.operator.id, reporter_name="王小明",
        reporter_contact="13812345678", description="外箱压扁，内件破碎。",
        parcel={"recipient_name": "王小明", "recipient_phone": "13812345678", "declared_value": "168.00"})
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """URLs the desk asked the desktop to open, instead of opening them."""
    urls: list[QUrl] = []
    monkeypatch.setattr(files, "open_url", lambda url: urls.append(url) or True)
    return urls


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple[str, Path]]:
    """Answer the save dialog with ``path``; returns what was asked (title, suggested path)."""
    asked: list[tuple[str, Path]] = []

    def choose(_parent, title: str, suggested: Path, _filter: str,  # noqa: ANN001
               then: Callable[[Path], None]) -> None:
        asked.append((title, suggested))
        then(path)

    monkeypatch.setattr(files, "choose_save_path", choose)
    return asked


def menu_of(window: MainWindow) -> RecordsMenu:
    return window.records_menu  # type: ignore[attr-defined, no-any-return]


def wait_for_job(qtbot, menu) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: menu.job is None, timeout=30_000)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


# ================================================================ the menu
def test_menu_sits_between_desk_and_language_with_stable_names(window: MainWindow) -> None:
    menu = menu_of(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index(menu.title()) == titles.index(window.menu_language.title()) - 1
    assert menu.objectName() == "menuRecords"
    assert "记录导出" in menu.title()
    names = {a.objectName() for a in menu.actions()}
    assert {"actionExportCaseReport", "actionExportClaimForm", "actionPrintCaseReport", "actionExportClosed",
            "actionExportMonth", "actionImportList"} <= names


def test_case_actions_follow_the_queue_selection_and_the_open_tab(window: MainWindow) -> None:
    menu = menu_of(window)
    window.table.clearSelection()
    menu.update_actions()
    assert not menu.action_case_report.isEnabled()
    assert "选择" in menu.action_case_report.toolTip()  # says why
    assert menu.action_month.isEnabled() and menu.action_import.isEnabled()
    window.table.selectRow(0)
    assert menu.action_case_report.isEnabled()
    assert menu.current_case().case_no == window.model.row_at(0).case_no
    case_id = window.model.row_at(0).id
    window.open_case(case_id)
    assert menu.current_case().id == case_id
    window.tabs.setCurrentIndex(0)
    window.table.clearSelection()
    assert not menu.action_print.isEnabled()


def test_right_click_on_a_row_selects_it_and_offers_the_case_actions(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    menu = menu_of(window)
    window.table.clearSelection()
    pos = window.table.visualRect(window.model.index(0, 0)).center()
    menu.show_queue_menu(pos)
    assert window.table.selectionModel().selectedRows()[0].row() == 0
    assert menu.context_menu.isVisible()
    assert [a.objectName() for a in menu.context_menu.actions()] == [
        "actionExportCaseReport", "actionExportClaimForm", "actionPrintCaseReport"]
    assert all(a.isEnabled() for a in menu.context_menu.actions())
    menu.context_menu.hide()


# ================================================================ exports
def test_case_report_of_the_selected_row(qtbot, window: MainWindow, out_dir: Path, monkeypatch,  # noqa: ANN001
                                         opened: list[QUrl], errors) -> None:  # noqa: ANN001
    menu = menu_of(window)
    target = out_dir / "report.pdf"
    asked = save_to(monkeypatch, target)
    window.table.selectRow(0)
    case_no = window.model.row_at(0).case_no
    menu.action_case_report.trigger()
    dialog = menu.options_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.language_combo.currentData() == "zh_CN"  # the interface language
    assert dialog.unmasked.isEnabled()  # the fixture's operator is a manager
    assert case_no in dialog.intro.text()
    dialog.accept()
    assert asked and asked[0][1].name.startswith(case_no) and asked[0][1].suffix == ".pdf"
    assert menu.progress_dialog is not None and menu.progress_dialog.objectName() == "exportProgress"
    wait_for_job(qtbot, menu)
    assert errors == []
    assert target.is_file() and target.stat().st_size > 0
    assert case_no in pdf_text(target)
    assert [p.name for p in out_dir.iterdir()] == ["report.pdf"]  # no temporary file left over

    result = menu.result_dialog
    assert result is not None and result.objectName() == "exportResultDialog" and result.isVisible()
    assert str(target) in result.path_label.text()
    result.folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(out_dir))]
    menu.show_result(target)
    menu.result_dialog.open_button.click()
    assert opened[-1] == QUrl.fromLocalFile(str(target))


def test_claim_form_of_a_case_without_compensation_is_explained(  # noqa: ANN001
        qtbot, window: MainWindow, out_dir: Path, monkeypatch, errors) -> None:  # noqa: ANN001
    menu = menu_of(window)
    save_to(monkeypatch, out_dir / "claim.pdf")
    window.table.selectRow(0)
    menu.action_claim_form.trigger()
    menu.options_dialog.accept()
    wait_for_job(qtbot, menu)
    assert len(errors) == 1 and "赔偿" in errors[0][1]  # the service's reason, in Chinese
    assert list(out_dir.iterdir()) == []


def test_cancel_during_a_monthly_export_leaves_no_file(qtbot, window: MainWindow, out_dir: Path,  # noqa: ANN001
                                                      monkeypatch, errors) -> None:  # noqa: ANN001
    menu = menu_of(window)
    save_to(monkeypatch, out_dir / "month.xlsx")
    first_progress = threading.Event()
    cancel_clicked = threading.Event()
    export_month = MonthlyExportService.export_month

    def held_after_first_progress(self, **kwargs):  # noqa: ANN001, ANN003, ANN202
        # The worker pauses after its first progress report until the clerk pressed Cancel,
        # so the service's next cancelled() question is the one that sees it.
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if not first_progress.is_set():
                first_progress.set()
                assert cancel_clicked.wait(10)

        return export_month(self, **{**kwargs, "progress": progress})

    monkeypatch.setattr(MonthlyExportService, "export_month", held_after_first_progress)
    menu.action_month.trigger()
    dialog = menu.options_dialog
    assert dialog.month_combo.objectName() == "exportMonth"
    dialog.month_combo.setCurrentIndex(0)  # this month: the case is in it
    dialog.accept()
    qtbot.waitUntil(first_progress.is_set, timeout=10_000)
    progress = menu.progress_dialog
    assert progress.isVisible()
    progress.cancel_button.click()
    assert menu.job.cancel_requested
    assert not progress.cancel_button.isEnabled()
    cancel_clicked.set()
    wait_for_job(qtbot, menu)
    assert list(out_dir.iterdir()) == []  # neither the workbook nor its temporary file
    assert errors == []  # a cancel is no error
    assert "已取消" in menu.last_message
    assert menu.result_dialog is None


def test_monthly_export_says_what_it_wrote(qtbot, window: MainWindow, out_dir: Path, monkeypatch,  # noqa: ANN001
                                          errors) -> None:  # noqa: ANN001
    menu = menu_of(window)
    save_to(monkeypatch, out_dir / "month.xlsx")
    menu.action_month.trigger()
    menu.options_dialog.month_combo.setCurrentIndex(0)
    menu.options_dialog.accept()
    wait_for_job(qtbot, menu)
    assert errors == []
    assert (out_dir / "month.xlsx").is_file()
    assert "1" in menu.result_dialog.details_label.text()


def test_closed_period_that_ends_before_it_starts_cannot_be_chosen(window: MainWindow) -> None:
    menu = menu_of(window)
    menu.action_closed.trigger()
    dialog = menu.options_dialog
    dialog.date_from.setDate(dialog.date_to.date().addDays(1))
    assert not dialog.ok_button.isEnabled() and dialog.problem.isVisible()
    dialog.reject()


def test_a_clerk_cannot_tick_unmasked(qtbot, ctx, window: MainWindow) -> None:  # noqa: ANN001
    clerk = ctx.services.operators.add(name="李客服", role=Role.CLERK, by=None)
    clerk_window = MainWindow(dataclasses.replace(ctx, operator=clerk))
    qtbot.addWidget(clerk_window)
    menu = menu_of(clerk_window)
    clerk_window.table.selectRow(0)
    for action in (menu.action_case_report, menu.action_month, menu.action_closed):
        action.trigger()
        dialog = menu.options_dialog
        assert not dialog.unmasked.isEnabled()
        assert not dialog.options().unmasked
        assert "负责人" in dialog.note.text()  # says who can
        dialog.reject()
    menu_of(window).action_month.trigger()
    manager_dialog = menu_of(window).options_dialog
    manager_dialog.unmasked.setChecked(True)
    assert "审计" in manager_dialog.note.text()  # a manager is told it is recorded
    manager_dialog.reject()


# ================================================================ printing
def test_print_case_report_to_a_pdf_printer(qtbot, window: MainWindow, tmp_path: Path, monkeypatch,  # noqa: ANN001
                                           errors) -> None:  # noqa: ANN001
    menu = menu_of(window)
    output = tmp_path / "printed.pdf"
    temp_folders: list[Path] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        folder = real_mkdtemp(*args, **kwargs)
        if Path(folder).name.startswith("depot-print-"):
            temp_folders.append(Path(folder))
        return folder

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)

    def pdf_printer(_parent, then) -> None:  # noqa: ANN001
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        then(printer)

    monkeypatch.setattr(printing, "choose_printer", pdf_printer)
    window.table.selectRow(0)
    case_no = window.model.row_at(0).case_no
    menu.action_print.trigger()
    menu.options_dialog.accept()
    qtbot.waitUntil(lambda: errors or (menu.job is None and "打印" in menu.last_message), timeout=60_000)
    assert errors == []
    assert output.is_file() and output.stat().st_size > 0
    assert case_no in menu.last_message
    assert temp_folders and not any(f.exists() for f in temp_folders)  # the rendered report is gone


# ================================================================ import
def write_csv(path: Path) -> None:
    path.write_text(
        "运单号,问题类型,收件人,收件人电话,客户说明\n"
        "SF9400000000001,破损,李四,13812345678,外箱压坏\n"
        "SF9400000000002,外星人劫持,王五,13900001111,\n"
        "SF9400000000003,丢件,赵六,13700002222,催了三次\n",
        encoding="utf-8-sig")


def test_import_a_list_with_an_adjusted_mapping(qtbot, window: MainWindow, tmp_path: Path, monkeypatch,  # noqa: ANN001
                                               opened: list[QUrl], errors) -> None:  # noqa: ANN001
    menu = menu_of(window)
    source = tmp_path / "总部问题件.csv"
    write_csv(source)
    monkeypatch.setattr(files, "choose_open_path",
                        lambda _parent, _title, _folder, _filter, then: then(source))
    rows_before = window.model.rowCount()
    menu.action_import.trigger()
    dialog = menu.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.objectName() == "importDialog" and dialog.isVisible()
    assert not dialog.run_button.isEnabled()
    dialog.browse_button.click()
    preview = dialog.preview
    assert preview.objectName() == "importPreview"
    assert preview.columnCount() == 5 and preview.rowCount() == 1 + 3
    assert preview.item(1, 0).text() == "SF9400000000001"
    combos = [dialog.findChild(type(dialog.combos[0]), f"importMapping_{n}") for n in range(5)]
    assert [c.currentData() for c in combos] == ["tracking_no", "kind", "recipient_name", "recipient_phone", None]
    assert dialog.run_button.isEnabled()

    # Without the kind the import cannot start, and the dialog says what is missing.
    dialog.set_field(1, None)
    assert not dialog.run_button.isEnabled()
    assert "问题类型" in dialog.required.text()
    dialog.set_field(1, "kind")
    # The clerk says the unnamed column is the description; a field is held by one column only.
    dialog.set_field(4, "description")
    dialog.set_field(2, "kind")
    assert combos[1].currentData() is None and combos[2].currentData() == "kind"
    dialog.set_field(1, "kind")
    dialog.set_field(2, "recipient_name")
    assert dialog.mapping() == {"tracking_no": 0, "kind": 1, "recipient_name": 2, "recipient_phone": 3,
                                "description": 4}

    dialog.run_button.click()
    assert dialog.progress_dialog.objectName() == "importProgress"
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert errors == []
    result = dialog.result
    assert len(result.created) == 2 and len(result.refused) == 1 and result.refused[0].row == 3
    assert dialog.stack.currentWidget().objectName() == "importSummary"
    lines = dialog.summary_lines()
    refused = [line for line in lines if line[0] == "3"]
    assert refused and refused[0][1] == "已拒绝"
    assert "外星人劫持" in refused[0][3] and "问题类型" in refused[0][3]  # the reason, naming the field
    assert sum(1 for line in lines if line[1].startswith("已登记")) == 2
    assert "2" in dialog.summary_counts.text()

    # The cases exist, with the description from the remapped column, and the queue shows them.
    case_id = ctx_case_id(window, "SF9400000000001")
    assert case_id is not None
    assert "外箱压坏" in window.ctx.services.cases.detail(case_id).description
    assert window.model.rowCount() == rows_before + 2

    assert dialog.open_report_button.isVisible()
    dialog.open_report_button.click()
    assert opened == [QUrl.fromLocalFile(str(result.report_path))]
    assert result.report_path.is_file()


def ctx_case_id(window: MainWindow, tracking_no: str) -> int | None:
    rows = window.ctx.services.queries.open_case_for_tracking(tracking_no)
    return rows[0].id if rows else None


def test_cancel_during_an_import_keeps_the_rows_already_imported(  # noqa: ANN001
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch, errors) -> None:  # noqa: ANN001
    source = tmp_path / "list.csv"
    write_csv(source)
    first_row = threading.Event()
    cancel_clicked = threading.Event()
    import_file = ImportService.import_file

    def held_after_first_row(self, **kwargs):  # noqa: ANN001, ANN003, ANN202
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if not first_row.is_set():
                first_row.set()
                assert cancel_clicked.wait(10)

        return import_file(self, **{**kwargs, "progress": progress})

    monkeypatch.setattr(ImportService, "import_file", held_after_first_row)
    menu = menu_of(window)
    menu.import_list()
    dialog = menu.import_dialog
    dialog.load_file(source)
    dialog.run_button.click()
    qtbot.waitUntil(first_row.is_set, timeout=10_000)
    dialog.progress_dialog.cancel_button.click()
    cancel_clicked.set()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert errors == []
    assert dialog.result.cancelled and len(dialog.result.created) == 1
    assert "停止" in dialog.summary_heading.text()
    assert ctx_case_id(window, "SF9400000000001") is not None
    assert ctx_case_id(window, "SF9400000000003") is None


def test_english_interface_shows_english_reasons(qtbot, window: MainWindow, tmp_path: Path, monkeypatch,  # noqa: ANN001
                                                errors) -> None:  # noqa: ANN001
    from depot_app.ui.common.i18n import LanguageManager

    source = tmp_path / "list.csv"
    write_csv(source)
    menu = menu_of(window)
    try:
        LanguageManager.instance().set_language("en")
        QApplication.processEvents()
        assert menu.title().replace("&", "") == "Records"
        menu.import_list()
        dialog = menu.import_dialog
        dialog.load_file(source)
        dialog.run_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
        refused = [line for line in dialog.summary_lines() if line[0] == "3"]
        assert refused[0][1] == "Refused" and "Unknown problem kind" in refused[0][3]
    finally:
        LanguageManager.instance().set_language("zh_CN")


# ================================================================ pictures
@pytest.mark.skipif(not os.environ.get("DEPOT_RENDER_DIR"), reason="set DEPOT_RENDER_DIR to render the dialogs")
def test_render_records_dialogs(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Renders the Records menu and its dialogs in Chinese to PNG, for a person to look at."""
    from depot_app.ui.common.jobs import BackgroundJob, JobProgressDialog

    out = Path(os.environ["DEPOT_RENDER_DIR"])
    out.mkdir(parents=True, exist_ok=True)

    def save(widget, name: str) -> None:  # noqa: ANN001
        for _ in range(5):
            QApplication.processEvents()
        widget.grab().save(str(out / f"zh_CN-records-{name}.png"))

    menu = menu_of(window)
    window.table.selectRow(0)
    menu.popup(window.mapToGlobal(QPoint(80, 30)))
    save(menu, "menu")
    menu.hide()
    window.table.clearSelection()
    menu.popup(window.mapToGlobal(QPoint(80, 30)))
    save(menu, "menu-no-case")
    menu.hide()
    window.table.selectRow(0)
    for action, name in ((menu.action_case_report, "case"), (menu.action_closed, "closed"),
                         (menu.action_month, "month")):
        action.trigger()
        save(menu.options_dialog, f"options-{name}")
        if name == "month":
            menu.options_dialog.unmasked.setChecked(True)
            save(menu.options_dialog, "options-month-unmasked")
        menu.options_dialog.reject()
    clerk = window.ctx.services.operators.add(name="李客服", role=Role.CLERK, by=None)
    clerk_window = MainWindow(dataclasses.replace(window.ctx, operator=clerk))
    qtbot.addWidget(clerk_window)
    menu_of(clerk_window).action_month.trigger()
    save(menu_of(clerk_window).options_dialog, "options-month-clerk")
    menu_of(clerk_window).options_dialog.reject()

    job = BackgroundJob(lambda _p, _c: None, window)
    progress = JobProgressDialog(job, title="导出月度报表", label="正在写入 问题件月报 2026-11.xlsx…",
                                 object_name="exportProgress", parent=window)
    progress.show()
    progress._on_progress(420, 1000)
    save(progress, "progress")
    progress.close()

    target = tmp_path / "问题件月报 2026-11.xlsx"
    target.write_bytes(b"x")
    menu.show_result(target, lambda: "问题件 120 件，赔偿 8 笔，合计 ¥1,059.00。")
    save(menu.result_dialog, "result")
    menu.result_dialog.reject()

    source = tmp_path / "总部问题件.csv"
    write_csv(source)
    menu.import_list()
    dialog = menu.import_dialog
    save(dialog, "import-empty")
    dialog.load_file(source)
    dialog.set_field(4, "description")
    save(dialog, "import-preview")
    dialog.set_field(1, None)
    save(dialog, "import-missing")
    dialog.set_field(1, "kind")
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    save(dialog, "import-summary")
