"""The audit-trail dialog: entries in pages, filters, count, CSV export, read-only rows."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QWidget

from depot_app.domain.audit_actions import action_label
from depot_app.domain.errors import DepotError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Role
from depot_app.services.audit_trail import AuditFilter
from depot_app.ui.common import files
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.people import audit_view as audit_module
from depot_app.ui.people.audit_model import (
    BATCH_SIZE,
    COL_ACTION,
    COL_CASE_NO,
    COL_CHANGE,
    COL_OPERATOR,
    COL_TIME,
)
from depot_app.ui.people.audit_view import AuditTrailDialog, utc_bounds

PIN = "2580"
TZ = "Asia/Shanghai"


def make_dialog(qtbot, ctx) -> AuditTrailDialog:  # noqa: ANN001
    dialog = AuditTrailDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def find(root: QWidget, cls, name: str):  # noqa: ANN001, ANN201
    widget = root.findChild(cls, name)
    assert widget is not None, name
    return widget


def column(dialog: AuditTrailDialog, col: int) -> list[str]:
    model = dialog.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def service_count(ctx, **flt) -> int:  # noqa: ANN001
    return ctx.services.audit.count(by=ctx.operator.id, filter=AuditFilter(**flt))


@pytest.fixture
def trail(ctx, clock):  # noqa: ANN001, ANN201
    """A day of desk life over two depot-local days: sign-ins right and wrong,
    settings, a case with its phones revealed."""
    ops, me = ctx.services.operators, ctx.operator.id
    clerk = ops.add(name="王丽", role=Role.CLERK, by=me, secret=PIN)  # 2026-11-20 10:00 local
    clock.advance(minutes=5)
    ops.sign_in(operator_id=clerk.id, secret=PIN, workstation="柜台1")
    clock.advance(minutes=1)
    with pytest.raises(DepotError):
        ops.sign_in(operator_id=clerk.id, secret="9999")
    clock.advance(minutes=30)
    ctx.services.settings.set(key="depot_phone", value="021-58880000", by=me)
    case = ctx.services.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=clerk.id,
                                            reporter_name="李女士", reporter_contact="13812345678")
    clock.advance(hours=15)  # 2026-11-21 01:36 local, still the 20th in UTC
    ctx.services.cases.reveal_contacts(case_id=case.id, by=clerk.id)
    ops.sign_out(operator_id=clerk.id, reason="quit")
    return {"clerk": clerk, "case": case}


# ================================================================== reading
def test_rows_appear_newest_first_with_their_count(qtbot, ctx, trail) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    total = service_count(ctx)
    assert dialog.model.rowCount() == total == dialog.total
    assert str(total) in find(dialog, QLabel, "auditCount").text()
    actions = column(dialog, COL_ACTION)
    assert actions[0] == action_label("signed_out", "zh_CN")
    assert action_label("contacts_revealed", "zh_CN") in actions
    assert action_label("sign_in_failed", "zh_CN") in actions
    row = actions.index(action_label("contacts_revealed", "zh_CN"))
    assert column(dialog, COL_CASE_NO)[row] == trail["case"].case_no
    assert column(dialog, COL_OPERATOR)[row] == "王丽"
    # Depot-local time: 2026-11-20 17:36 UTC is 01:36 on the 21st in Shanghai.
    assert column(dialog, COL_TIME)[row] == "2026-11-21 01:36"
    changed = actions.index(action_label("setting_changed", "zh_CN"))
    assert column(dialog, COL_CHANGE)[changed].endswith("→ 021-58880000")
    # The action combo offers what the trail holds, with its labels.
    combo = dialog.action_combo
    assert combo.itemData(0) is None
    offered = {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}
    assert offered == {a: action_label(a, "zh_CN") for a in ctx.services.audit.actions(by=ctx.operator.id)}


def test_filters_narrow_the_rows(qtbot, ctx, trail) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    everything = dialog.model.rowCount()
    clerk = trail["clerk"]

    dialog.operator_combo.setCurrentIndex(dialog.operator_combo.findData(clerk.id))
    assert 0 < dialog.model.rowCount() < everything
    assert set(column(dialog, COL_OPERATOR)) == {"王丽"}
    assert dialog.model.rowCount() == service_count(ctx, operator_id=clerk.id)

    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("sign_in_failed"))
    assert column(dialog, COL_ACTION) == [action_label("sign_in_failed", "zh_CN")]
    assert str(1) in find(dialog, QLabel, "auditCount").text()

    dialog.operator_combo.setCurrentIndex(0)  # all operators
    dialog.action_combo.setCurrentIndex(0)  # all actions
    assert dialog.model.rowCount() == everything

    # Free text: the setting's new value, typed and confirmed with Enter.
    qtbot.keyClicks(dialog.search, "58880000")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert column(dialog, COL_ACTION) == [action_label("setting_changed", "zh_CN")]
    dialog.search.setText("柜台1")  # Chinese is set, not typed; the timer would reload
    dialog.reload()
    assert column(dialog, COL_ACTION) == [action_label("signed_in", "zh_CN")]
    dialog.search.clear()
    dialog.reload()
    assert dialog.model.rowCount() == everything


def test_dates_are_depot_local_days(qtbot, ctx, trail) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    everything = dialog.model.rowCount()
    assert not dialog.date_from.isEnabled()
    find(dialog, QWidget, "auditDateEnabled").setChecked(True)
    assert dialog.date_from.isEnabled() and dialog.date_to.isEnabled()
    assert dialog.date_to.date() == QDate(2026, 11, 21)  # today, depot-local
    assert dialog.model.rowCount() == everything

    dialog.date_to.setDate(QDate(2026, 11, 20))
    on_the_20th = column(dialog, COL_TIME)
    assert on_the_20th and all(t.startswith("2026-11-20") for t in on_the_20th)
    assert action_label("contacts_revealed", "zh_CN") not in column(dialog, COL_ACTION)

    dialog.date_from.setDate(QDate(2026, 11, 21))  # past "until": until follows
    assert dialog.date_to.date() == QDate(2026, 11, 21)
    times = column(dialog, COL_TIME)
    assert times and all(t.startswith("2026-11-21") for t in times)
    assert len(times) + len(on_the_20th) == everything
    assert dialog.shown_filter.date_from == utc_bounds(date(2026, 11, 21), date(2026, 11, 21), TZ)[0]


def test_utc_bounds_of_local_days() -> None:
    start, end = utc_bounds(date(2026, 11, 20), date(2026, 11, 21), TZ)
    assert (start.isoformat(), end.isoformat()) == ("2026-11-19T16:00:00", "2026-11-21T16:00:00")


# ========================================================== pages and export
def test_pages_of_200_are_fetched_as_needed_and_export_writes_them_all(qtbot, ctx, monkeypatch,  # noqa: ANN001
                                                                     tmp_path: Path) -> None:
    for _ in range(450):
        ctx.services.operators.sign_out(operator_id=ctx.operator.id, reason="switch")
    dialog = make_dialog(qtbot, ctx)
    model = dialog.model
    total = service_count(ctx)
    assert total > 2 * BATCH_SIZE
    assert model.rowCount() == BATCH_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * BATCH_SIZE
    dialog.table.scrollToBottom()  # the view asks for the rest itself
    qtbot.waitUntil(lambda: not model.canFetchMore())
    assert model.rowCount() == total
    ids = [model.row_at(r).id for r in range(total)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total

    dialog.refresh_button.click()  # back to the first page
    assert model.rowCount() == BATCH_SIZE

    target = tmp_path / "trail.csv"
    asked: list[tuple[str, Path]] = []

    def choose(_parent, title: str, suggested: Path, _filter: str, then: Callable[[Path], None]) -> None:  # noqa: ANN001
        asked.append((title, suggested))
        then(target)

    monkeypatch.setattr(files, "choose_save_path", choose)
    qtbot.mouseClick(find(dialog, QPushButton, "auditExport"), Qt.MouseButton.LeftButton)
    assert asked and asked[0][1].suffix == ".csv"
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == total + 1  # every entry the filter shows, not only the page read
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert str(target) in find(dialog, QLabel, "auditStatus").text()


def test_csv_holds_what_the_filter_shows(qtbot, ctx, trail, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("contacts_revealed"))
    target = tmp_path / "revealed"  # no suffix typed: .csv is added
    monkeypatch.setattr(files, "choose_save_path", lambda _p, _t, _s, _f, then: then(target))
    exported: list[str] = []
    dialog.sig_exported.connect(exported.append)
    dialog.export_csv()

    written = tmp_path / "revealed.csv"
    assert exported == [str(written)]
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    assert len(header) == 9
    assert len(body) == 1
    line = body[0]
    assert line[0] == "2026-11-21 01:36:00"  # depot-local, to the second
    assert line[1] == "王丽"
    assert line[2] == action_label("contacts_revealed", "zh_CN") and line[3] == "contacts_revealed"
    assert line[4] == trail["case"].case_no
    assert "13812345678" not in raw.decode("utf-8-sig")  # the trail records the reveal, not the phones
    # The export itself goes on the trail.
    newest = ctx.services.audit.entries(by=ctx.operator.id, limit=1)[0]
    assert (newest.action, newest.field, newest.after) == ("export", "audit_trail", "revealed.csv")


def test_a_cell_that_looks_like_a_formula_is_exported_as_text(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    audit_module.write_csv(path, ["a", "b"], [["=HYPERLINK(\"x\")", "王丽"], ["-3", "+1"]])
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1] == ["'=HYPERLINK(\"x\")", "王丽"]
    assert rows[2] == ["'-3", "'+1"]


# ================================================================ read-only
def test_rows_cannot_be_edited(qtbot, ctx, trail) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    model, table = dialog.model, dialog.table
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for col in range(model.columnCount()):
        index = model.index(0, col)
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(index, "changed")
    before = model.index(0, COL_ACTION).data()
    table.setCurrentIndex(model.index(0, COL_ACTION))
    rect = table.visualRect(model.index(0, COL_ACTION))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() != QAbstractItemView.State.EditingState
    assert model.index(0, COL_ACTION).data() == before


# ============================================================== permission
def test_a_clerk_is_refused_by_the_service_and_told_why(qtbot, ctx, trail, errors) -> None:  # noqa: ANN001
    clerk_ctx = dataclasses.replace(ctx, operator=trail["clerk"])
    dialog = make_dialog(qtbot, clerk_ctx)
    assert len(errors) == 1
    assert "查看审计日志" in errors[0][1]  # names the missing permission
    assert dialog.model.rowCount() == 0
    assert find(dialog, QLabel, "auditNote").isVisible()
    for name in ("auditExport", "auditRefresh"):
        assert not find(dialog, QPushButton, name).isEnabled()
    dialog.reload()  # nothing more to say
    assert len(errors) == 1


# ================================================================ language
def test_action_labels_follow_the_language(qtbot, ctx, trail) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    try:
        LanguageManager.instance().set_language("en")
        assert column(dialog, COL_ACTION)[0] == "Signed out"
        assert "Signed in" in [dialog.action_combo.itemText(i) for i in range(dialog.action_combo.count())]
        assert dialog.windowTitle() == "Audit trail"
        assert find(dialog, QLabel, "auditCount").text() == f"{dialog.total} entries"
    finally:
        LanguageManager.instance().set_language("zh_CN")
    assert column(dialog, COL_ACTION)[0] == action_label("signed_out", "zh_CN")
