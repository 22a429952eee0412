"""The dashboard's Save PDF…, its age chart's words, the queue while a dashboard selection is up, extreme shapes."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.dashboard import FIGURES, Period
from depot_app.domain.dashboard_view import AGE_BUCKET_SHORT
from depot_app.services import Services
from depot_app.services.dashboard import BreakdownRow, Dashboard, PeriodFigures
from depot_app.services.demo import generate_demo_data
from depot_app.ui.application import build_context
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.dashboard.dashboard_window import DashboardWindow
from depot_app.ui.main_window import MainWindow

DIALOG = "depot_app.ui.dashboard.pdf_export.QFileDialog.getSaveFileName"


@pytest.fixture
def desk(ui_services: Services, tmp_path: Path, qtbot, errors, language):  # noqa: ANN001, ANN201
    generate_demo_data(ui_services, cases=150, seed=5)
    manager = next(op for op in ui_services.operators.list() if op.role.value == "manager")
    config = AppConfig(data_dir=tmp_path, db_url=str(ui_services.db.url))
    window = MainWindow(build_context(config, ui_services, manager, UserPreferences(language="zh_CN")))
    qtbot.addWidget(window)
    window.dashboard_action.trigger()
    board: DashboardWindow = window.dashboard_window
    assert board.board is not None
    return window, board


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is not installed")
def test_save_pdf_writes_the_period_shown(desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                          errors) -> None:  # noqa: ANN001
    _window, board = desk
    target = tmp_path / "看板"
    monkeypatch.setattr(DIALOG, lambda *a, **k: (str(target), "PDF"))
    assert board.pdf_button.text() == "另存为 PDF…"
    board.pdf_button.click()
    written = target.with_suffix(".pdf")
    assert written.is_file() and not errors
    assert str(written) in board.status.text() and board.pdf_button.isEnabled()
    info = subprocess.run(["pdfinfo", str(written)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(written), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "登记案件数" in text and board.board.period.first.isoformat() in text


def test_save_pdf_cancelled_writes_nothing_and_a_bad_folder_says_why(desk, tmp_path: Path,  # noqa: ANN001
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     errors) -> None:  # noqa: ANN001
    _window, board = desk
    monkeypatch.setattr(DIALOG, lambda *a, **k: ("", ""))
    board.pdf_button.click()
    assert not list(tmp_path.glob("*.pdf")) and not errors
    monkeypatch.setattr(DIALOG, lambda *a, **k: (str(tmp_path / "gone" / "d.pdf"), "PDF"))
    board.pdf_button.click()
    assert errors and "不存在" in errors[-1][1]
    assert board.pdf_button.isEnabled() and "未保存" in board.status.text()


def test_the_age_chart_uses_the_short_words_that_fit(desk) -> None:  # noqa: ANN001
    _window, board = desk
    LanguageManager.instance().set_language("en")
    try:
        axis = board.age_chart.chart().axes()[0]
        assert list(axis.categories()) == [en for _zh, en in AGE_BUCKET_SHORT.values()]
    finally:
        LanguageManager.instance().set_language("zh_CN")
    axis = board.age_chart.chart().axes()[0]
    assert list(axis.categories()) == [zh for zh, _en in AGE_BUCKET_SHORT.values()]


def test_views_and_filters_are_out_of_effect_while_a_selection_is_up(desk) -> None:  # noqa: ANN001
    window, board = desk
    window.filters.setToolTip("")
    board.open_card("open_now")
    chip = window.drill_chip
    for widget in (window.filters, window.view_list):
        assert not widget.isEnabled()
        assert "✕" in widget.toolTip()
    total = window._total  # noqa: SLF001
    # A filter changed meanwhile does not change what the queue shows...
    window.filters.overdue_only.setChecked(not window.filters.overdue_only.isChecked())
    window.reload_queue()
    assert window._total == total  # noqa: SLF001
    chip.remove_button.click()
    for widget in (window.filters, window.view_list):
        assert widget.isEnabled() and widget.toolTip() == ""
    # ...and takes effect once the selection is removed.
    assert window.current_filter().drill is None


def _shape(period: Period, name: str, groups: int) -> Dashboard:
    values: dict[str, float | None] = {f.key: None for f in FIGURES}
    empty = PeriodFigures(values=values, age_buckets=dict.fromkeys(("lt_1d", "1_3d", "3_7d", "7_15d", "gt_15d"), 0),
                          ratings=dict.fromkeys(range(1, 6), 0),
                          opened_by_day={(date.fromordinal(period.first.toordinal() + i)).isoformat(): 0
                                         for i in range(period.days)},
                          volume_missing_days=period.days)
    rows = tuple(BreakdownRow(key=str(i + 1), label=f"{name}{i}", opened=i) for i in range(groups))
    return Dashboard(period=period, current=empty, previous=empty,
                     breakdowns={"kind": rows, "handler": rows, "carrier": rows})


@pytest.mark.parametrize("groups", [0, 40])
def test_extreme_shapes_keep_the_window_usable(desk, groups: int) -> None:  # noqa: ANN001
    _window, board = desk
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    board.resize(QSize(1280, 900))
    board.show_board(_shape(period, "很长很长的处理人姓名 Alexander-Maximilian " * 3, groups))
    table = board.tables["handler"]
    assert table.rowCount() == groups
    if groups:
        # A very long name is cut in the row header, not allowed to push the counts off the screen.
        assert table.verticalHeader().width() <= 320
        assert table.verticalHeaderItem(0).toolTip().startswith("很长很长")
    assert board.cards["opened"].value.text() == "–"
    assert board.width() <= 1280
