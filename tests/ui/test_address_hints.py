"""The address parts and hints in registration and the case facts; pinyin search in the queue."""

from __future__ import annotations

import pytest

from depot_app.domain.delivery_area import AddressVerdict, DeliveryArea
from depot_app.domain.kinds import ProblemKind
from depot_app.ui.main_window import MainWindow
from depot_app.ui.registration.registration_dialog import RegistrationDialog


@pytest.fixture
def area(ctx):  # noqa: ANN001, ANN201
    ctx.services.addresses.set_area(area=DeliveryArea(districts=frozenset({"310115"})), by=ctx.operator.id)


def test_registration_shows_the_parts_as_typed(qtbot, ctx, area) -> None:  # noqa: ANN001
    dialog = RegistrationDialog(ctx, tracking_no="SF1234567890123")
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.address_hint
    assert hint.isHidden()
    dialog.parcel_edits["recipient_address"].setText("沪浦东新区张江镇碧波路690号")
    assert hint.isVisible() and hint.verdict is AddressVerdict.OK
    assert "浦东新区" in hint.text() and "张江镇" in hint.text() and "区县" in hint.text()
    dialog.parcel_edits["recipient_address"].setText("上海市闵行区七宝镇七莘路1839号")
    assert hint.verdict is AddressVerdict.OUT_OF_AREA
    assert "超区" in hint.text() and "客户自提" in hint.text()
    dialog.parcel_edits["recipient_address"].setText("上海浦东碧波路")
    assert hint.verdict is AddressVerdict.UNCLEAR and "缺少门牌号" in hint.text() and "收件人" in hint.text()


def test_facts_show_the_hint_and_the_queue_finds_pinyin(qtbot, ctx, area) -> None:  # noqa: ANN001
    cases = ctx.services.cases
    far = cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.OUT_OF_AREA, by=ctx.operator.id,
                              parcel={"recipient_name": "曾晓燕",
                                      "recipient_address": "上海市闵行区七宝镇七莘路1839号"})
    cases.register_case(tracking_no="SF1234567890124", kind=ProblemKind.DAMAGED, by=ctx.operator.id,
                        parcel={"recipient_name": "王丽", "recipient_address": "上海市浦东新区碧波路690号"})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 2
    window.search_box.setText("zengxiaoyan")
    window.reload_queue()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_at(0).id == far.id
    window.search_box.setText("wl")
    window.reload_queue()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.row_at(0).id != far.id)

    window.open_case(far.id)
    facts = window.workspace(far.id).facts
    hint = facts.address_hint
    assert hint.verdict is AddressVerdict.OUT_OF_AREA
    assert "闵行区" in hint.text() and "转同行" in hint.text()


def test_queue_lists_unclear_and_out_of_area_cases_with_counts(qtbot, ctx, area) -> None:  # noqa: ANN001
    from depot_app.ui.addresses.area_events import AreaEvents

    cases = ctx.services.cases
    by = ctx.operator.id
    far = cases.register_case(tracking_no="SF1234567890131", kind=ProblemKind.DELAYED, by=by,
                              parcel={"recipient_name": "曾晓燕",
                                      "recipient_address": "上海市闵行区七宝镇七莘路1839号"})
    vague = cases.register_case(tracking_no="SF1234567890132", kind=ProblemKind.DELAYED, by=by,
                                parcel={"recipient_name": "单志明", "recipient_address": "上海浦东碧波路"})
    cases.register_case(tracking_no="SF1234567890133", kind=ProblemKind.DAMAGED, by=by,
                        parcel={"recipient_name": "王丽", "recipient_address": "上海市浦东新区碧波路690号"})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    rows = {window.view_list.item(i).data(256): i for i in range(window.view_list.count())}
    assert window.view_list.item(rows["address:unclear"]).text() == "地址核查：地址不详（1）"
    assert window.view_list.item(rows["address:out_of_area"]).text() == "地址核查：超区（1）"
    window.view_list.setCurrentRow(rows["address:out_of_area"])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_at(0).id == far.id
    window.view_list.setCurrentRow(rows["address:unclear"])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.row_at(0).id == vague.id)
    # The opened case shows what to do: call the recipient to complete the address.
    window.open_case(vague.id)
    workspace = window.workspace(vague.id)
    text = workspace.facts.address_hint.text()
    assert "建议联系：收件人" in text and "<a href='#contact'>记录联系…</a>" in text
    workspace.facts.address_hint.linkActivated.emit("#contact")
    assert workspace.tabs.currentWidget() is workspace.contacts
    window.open_case(far.id)
    far_space = window.workspace(far.id)
    assert "<a href='#resolution'>选择处理方案…</a>" in far_space.facts.address_hint.text()
    far_space.facts.address_hint.linkActivated.emit("#resolution")
    assert far_space.tabs.currentWidget() is far_space.resolution
    # Serving 闵行区 too empties the out-of-area view at once.
    wider = DeliveryArea(districts=frozenset({"310115", "310112"}))
    ctx.services.addresses.set_area(area=wider, by=by)
    window.tabs.setCurrentIndex(0)
    window.view_list.setCurrentRow(rows["address:out_of_area"])
    AreaEvents.instance().announce(wider)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.view_list.item(rows["address:out_of_area"]).text() == "地址核查：超区（0）"
