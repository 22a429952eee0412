"""The delivery-area editor: pick from the division tree or a search, exclude, import, export, save."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from depot_app.db.models import AuditEntry
from depot_app.domain.delivery_area import AddressVerdict, DeliveryArea
from depot_app.domain.vocabulary import Role
from depot_app.ui.addresses.area_dialog import AreaDialog
from depot_app.ui.main_window import MainWindow
from depot_app.ui.registration.registration_dialog import RegistrationDialog

PUDONG = "310115"
QIBAO = "310112102"  # 闵行区七宝镇


def make(qtbot, ctx) -> AreaDialog:  # noqa: ANN001
    dialog = AreaDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def pick_in_tree(dialog: AreaDialog, *names: str) -> None:
    item = None
    for name in names:
        parent = item
        count = dialog.tree.topLevelItemCount() if parent is None else parent.childCount()
        children = [dialog.tree.topLevelItem(i) if parent is None else parent.child(i) for i in range(count)]
        item = next(c for c in children if c.text(0) == name)
        item.setExpanded(True)
    dialog.tree.setCurrentItem(item)


def test_manager_builds_the_area_from_tree_and_search_and_saves_it(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make(qtbot, ctx)
    assert dialog.save_button.isEnabled() and not dialog.readonly_note.isVisible()
    pick_in_tree(dialog, "上海市", "浦东新区")
    dialog.add_selected()
    dialog.search.setText("qibao")
    dialog.run_search()
    assert dialog.results.isVisible() and not dialog.tree.isVisible()
    names = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    dialog.results.setCurrentRow(names.index("上海市闵行区七宝镇"))
    dialog.add_selected()
    dialog.exclude_edit.setText("三林世博家园")
    dialog.add_excluded()
    assert [dialog.served.item(i).data(256) for i in range(dialog.served.count())] == [PUDONG, QIBAO]
    assert "浦东新区" in dialog.served.item(0).text() and "整区" in dialog.served.item(0).text()
    dialog.save()
    stored = ctx.services.addresses.area()
    assert stored == DeliveryArea(frozenset({PUDONG}), frozenset({QIBAO}), ("三林世博家园",))
    with ctx.services.db.read() as s:
        assert s.query(AuditEntry).filter_by(field="delivery_area", action="setting_changed").count() == 1
    assert "已保存" in dialog.status.text()


def test_refusals_are_shown_next_to_the_lists(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make(qtbot, ctx)
    pick_in_tree(dialog, "上海市")
    dialog.add_selected()
    assert dialog.error.isVisible() and "省或市范围太大" in dialog.error.text()
    pick_in_tree(dialog, "上海市", "浦东新区")
    dialog.add_selected()
    dialog.search.setText("张江镇")
    dialog.run_search()
    dialog.results.setCurrentRow(0)
    dialog.add_selected()
    assert "已随整个区县派送" in dialog.error.text() and dialog.streets == set()
    dialog.exclude_edit.setText("村")
    dialog.add_excluded()
    assert "至少两个字" in dialog.error.text() and dialog.excluded == []
    dialog.search.setText("没有这个地方")
    dialog.run_search()
    assert dialog.results.count() == 0 and "没有" in dialog.search_note.text()


def test_import_is_whole_or_nothing_and_export_reads_back(qtbot, ctx, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = make(qtbot, ctx)
    good = tmp_path / "good.csv"
    good.write_text("地区,排除\n上海市浦东新区,\n上海市闵行区七宝镇,\n三林世博家园,排除\n", encoding="utf-8")
    dialog.import_file(str(good))
    assert dialog.districts == {PUDONG} and dialog.streets == {QIBAO} and dialog.excluded == ["三林世博家园"]
    bad = tmp_path / "bad.csv"
    bad.write_text("地区\n上海市黄浦区\n火星市奥林匹斯区\n", encoding="utf-8")
    dialog.import_file(str(bad))
    assert dialog.error.isVisible() and "第 3 行" in dialog.error.text() and "未做任何更改" in dialog.error.text()
    assert ctx.services.addresses.area().districts == {PUDONG}
    out = tmp_path / "out.xlsx"
    dialog.export_file(str(out))
    assert out.is_file() and "已导出" in dialog.status.text()
    assert ctx.services.addresses.import_area(path=out, by=ctx.operator.id) == ctx.services.addresses.area()


def test_clerk_sees_the_area_read_only(qtbot, ctx) -> None:  # noqa: ANN001
    ctx.services.addresses.set_area(area=DeliveryArea(districts=frozenset({PUDONG})), by=ctx.operator.id)
    clerk = ctx.services.operators.add(name="客服小李", role=Role.CLERK, by=ctx.operator.id)
    dialog = make(qtbot, dataclasses.replace(ctx, operator=clerk))
    assert dialog.readonly_note.isVisible() and dialog.served.count() == 1
    for button in (dialog.add_button, dialog.remove_button, dialog.import_button, dialog.save_button,
                   dialog.exclude_add):
        assert not button.isEnabled()
    pick_in_tree(dialog, "上海市", "闵行区")
    dialog.add_selected()
    dialog.save()
    assert ctx.services.addresses.area().districts == {PUDONG}


def test_open_hints_follow_a_saved_area(qtbot, ctx) -> None:  # noqa: ANN001
    ctx.services.addresses.set_area(area=DeliveryArea(districts=frozenset({PUDONG})), by=ctx.operator.id)
    registration = RegistrationDialog(ctx, tracking_no="SF1234567890123")
    qtbot.addWidget(registration)
    registration.parcel_edits["recipient_address"].setText("上海市闵行区七宝镇七莘路1839号")
    assert registration.address_hint.verdict is AddressVerdict.OUT_OF_AREA
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.findChild(type(window.area_action), "actionDeliveryArea") is window.area_action
    assert window.area_action.text() == "派送范围(&A)…"
    window.area_action.trigger()
    dialog = window.area_dialog
    pick_in_tree(dialog, "上海市", "闵行区")
    dialog.add_selected()
    dialog.save()
    assert registration.address_hint.verdict is AddressVerdict.OK


def test_an_excluded_place_can_be_tied_to_a_served_district(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make(qtbot, ctx)
    pick_in_tree(dialog, "上海市", "浦东新区")
    dialog.add_selected()
    combo = dialog.exclude_district
    assert [combo.itemData(i) for i in range(combo.count())] == ["", PUDONG]
    combo.setCurrentIndex(1)
    dialog.exclude_edit.setText("幸福村")
    dialog.add_excluded()
    assert dialog.excluded_list.item(0).text() == "幸福村 — 仅限上海市浦东新区"
    dialog.save()
    assert ctx.services.addresses.area().excluded == (f"{PUDONG}:幸福村",)
    dialog.excluded_list.item(0).setSelected(True)
    dialog.remove_excluded()
    assert dialog.excluded == []
