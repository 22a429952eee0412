"""The start's other work waits for the queue's first rows to be painted."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from depot_app.ui.queue.first_rows import FirstRows


def _table(qtbot, rows: int) -> QTableView:
    model = QStandardItemModel(rows, 2)
    for r in range(rows):
        model.setItem(r, 0, QStandardItem(f"case {r}"))
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    return table


def test_held_work_runs_after_the_first_rows_are_painted(qtbot) -> None:
    table = _table(qtbot, 3)
    table.show()
    qtbot.waitExposed(table)
    first = FirstRows(table)
    ran: list[str] = []
    first.later("counts", lambda: ran.append("counts v1"))
    first.later("warm-up", lambda: ran.append("warm-up"))
    first.later("counts", lambda: ran.append("counts v2"))  # the newer one replaces the first
    first.loaded(3)
    assert ran == [] and not first.released  # the rows are in the model, not yet on screen
    table.viewport().repaint()
    qtbot.waitUntil(lambda: first.released, timeout=1000)
    assert ran == ["counts v2", "warm-up"]
    first.later("counts", lambda: ran.append("counts v3"))  # after the start: at once
    assert ran[-1] == "counts v3"


def test_nothing_is_held_when_the_first_load_is_empty_or_the_window_hidden(qtbot) -> None:
    empty = _table(qtbot, 0)
    empty.show()
    first = FirstRows(empty)
    ran: list[str] = []
    first.later("counts", lambda: ran.append("empty"))
    first.loaded(0)
    assert ran == ["empty"]

    hidden = FirstRows(_table(qtbot, 2))
    hidden.later("counts", lambda: ran.append("hidden"))
    hidden.loaded(2)
    assert ran == ["empty", "hidden"]


def test_held_work_starts_even_if_no_paint_comes(qtbot, monkeypatch) -> None:
    monkeypatch.setattr("depot_app.ui.queue.first_rows.FALLBACK_MS", 50)
    table = _table(qtbot, 2)
    table.show()
    qtbot.waitExposed(table)
    first = FirstRows(table)
    ran: list[str] = []
    first.later("counts", lambda: ran.append("counts"))
    first.loaded(2)
    table.viewport().removeEventFilter(first)  # as if the paint never reached the filter
    qtbot.waitUntil(lambda: ran == ["counts"], timeout=2000)
