"""The dashboard screen: figures shown, click-through to the queue with its chip, the volume editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.dashboard import FIGURES, Drill
from depot_app.services import Services
from depot_app.services.demo import generate_demo_data
from depot_app.ui.application import build_context
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.dashboard.charts import series_slots, slot_sum
from depot_app.ui.dashboard.dashboard_window import DashboardWindow
from depot_app.ui.dashboard.figure_text import CARD_DRILLS, format_value
from depot_app.ui.main_window import MainWindow


@pytest.fixture
def desk(ui_services: Services, tmp_path: Path, qtbot, errors, language):  # noqa: ANN001, ANN201
    generate_demo_data(ui_services, cases=250, seed=5)
    manager = next(op for op in ui_services.operators.list() if op.role.value == "manager")
    config = AppConfig(data_dir=tmp_path, db_url=str(ui_services.db.url))
    ctx = build_context(config, ui_services, manager, UserPreferences(language="zh_CN"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.dashboard_action.trigger()
    board: DashboardWindow = window.dashboard_window
    assert board.board is not None
    return window, board


def _queue_total(window: MainWindow) -> int:
    window.reload_queue()
    return window._total  # noqa: SLF001 - the count the result label shows


def test_cards_show_every_figure_beside_the_previous_period(desk) -> None:  # noqa: ANN001
    _window, board = desk
    current = board.board.current.values
    for figure in FIGURES:
        card = board.cards[figure.key]
        if current[figure.key] is not None:
            assert card.value.text() == format_value(figure.key, current[figure.key])
        assert card.previous.text()
    # The demo depot has no parcel volume: the rates say so instead of showing 0.
    assert board.cards["complaint_rate_per_10k"].value.text() == "缺失"
    assert "天" in board.cards["complaint_rate_per_10k"].previous.text()


def test_a_card_click_shows_exactly_its_cases_in_the_queue_with_a_chip(desk) -> None:  # noqa: ANN001
    window, board = desk
    values = board.board.current.values
    for key in ("opened", "closed", "open_now", "overdue_now", "complaints", "awaiting_approval"):
        board.open_card(key)
        chip = window.drill_chip
        assert chip.isVisibleTo(window) and chip.drill == Drill(CARD_DRILLS[key], board.board.period)
        assert "显示" in chip.label.text()
        assert _queue_total(window) == int(values[key] or 0), key
    chip.remove_button.click()
    assert chip.drill is None and not chip.isVisibleTo(window)
    assert window.current_filter().drill is None


def test_bars_and_table_rows_open_their_cases(desk) -> None:  # noqa: ANN001
    window, board = desk
    cur = board.board.current
    slots = series_slots(board.board.period)
    busiest = max(range(len(slots)), key=lambda i: slot_sum(cur.opened_by_day, slots[i]))
    board.flow_chart.click(0, busiest)
    assert _queue_total(window) == slot_sum(cur.opened_by_day, slots[busiest]) > 0
    for index, (key, count) in enumerate(cur.age_buckets.items()):
        board.age_chart.click(0, index)
        assert window.drill_chip.drill.bucket == key
        assert _queue_total(window) == count
    board.rating_chart.click(0, 4)
    assert _queue_total(window) == cur.ratings[5]
    for name, table in board.tables.items():
        assert table.rowCount() == len(board.board.breakdowns[name]) > 0
        row = board.board.breakdowns[name][0]
        for column, what in enumerate(("opened", "closed", "open_end", "overdue_end")):
            table.click(0, column)
            assert window.drill_chip.drill.what == what
            assert _queue_total(window) == getattr(row, what), (name, what)


def test_the_period_picker_and_english(desk) -> None:  # noqa: ANN001
    _window, board = desk
    board.preset.setCurrentIndex(2)  # last month
    period = board.board.period
    assert period.first.day == 1 and period.last.month == period.first.month
    assert period.last < board._today().replace(day=1)  # noqa: SLF001
    board.preset.setCurrentIndex(3)
    board.date_from.setDate(board.date_from.date().addDays(-3))
    assert board.board.period.first == board.date_from.date().toPython()
    LanguageManager.instance().set_language("en")
    try:
        assert board.windowTitle() == "Dashboard"
        assert board.cards["opened"].title.text() == "Cases opened"
    finally:
        LanguageManager.instance().set_language("zh_CN")


def test_parcel_volume_typed_in_fills_the_rates(desk, qtbot) -> None:  # noqa: ANN001
    from depot_app.ui.dashboard.volume_dialog import VolumeDialog

    _window, board = desk
    dialog = VolumeDialog(board.ctx, board.board.period, board)
    qtbot.addWidget(dialog)
    dialog.table.item(0, 0).setText("12x")
    dialog.save()
    assert "整数" in dialog.message.text()
    for row in range(dialog.table.rowCount()):
        dialog.table.item(row, 0).setText("10000")
    dialog.accepted.connect(board.reload)
    dialog.save()
    opened = board.board.current.values["opened"]
    assert board.board.current.values["case_rate_per_10k"] == round(opened / board.board.period.days, 2)
    assert board.cards["case_rate_per_10k"].value.text() != "缺失"


def test_the_dashboard_entry_is_for_managers_only(ui_services: Services, tmp_path: Path, qtbot, errors) -> None:  # noqa: ANN001
    generate_demo_data(ui_services, cases=20, seed=2)
    clerk = next(op for op in ui_services.operators.list() if op.role.value == "clerk")
    config = AppConfig(data_dir=tmp_path, db_url=str(ui_services.db.url))
    window = MainWindow(build_context(config, ui_services, clerk, UserPreferences(language="zh_CN")))
    qtbot.addWidget(window)
    assert not window.dashboard_action.isVisible()
    assert window.current_filter().drill is None and not window.drill_chip.isVisibleTo(window)
