"""The address screens for ``depot-app screenshots``: hints in the case facts and a pinyin search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from depot_app.domain.delivery_area import DeliveryArea, excluded_entry
from depot_app.domain.kinds import ProblemKind

#: The demo depot (上海浦东网点) serves 浦东新区.
DEMO_AREA = DeliveryArea(districts=frozenset({"310115"}), excluded=("三林世博家园", excluded_entry("幸福村", "310115")))


def prepare_address_cases(services: Any, by: int) -> tuple[int, int]:
    """Set up the demo delivery area and register an out-of-area and an address-unclear case."""
    services.addresses.set_area(area=DEMO_AREA, by=by)
    far = services.cases.register_case(
        tracking_no="SF1400000000015", kind=ProblemKind.OUT_OF_AREA, by=by,
        parcel={"recipient_name": "曾晓燕", "recipient_phone": "13912345678",
                "recipient_address": "上海市闵行区七宝镇七莘路1839号"}).id
    vague = services.cases.register_case(
        tracking_no="SF1400000000016", kind=ProblemKind.RECIPIENT_INFO, by=by,
        parcel={"recipient_name": "单志明", "recipient_phone": "13712345678",
                "recipient_address": "上海浦东碧波路"}).id
    return far, vague


def render_address_screens(window: Any, cases: tuple[int, int], save: Callable[[object, str], None],
                           language: str) -> None:
    """The facts tab of both cases, then the queue searched by pinyin initials."""
    far, vague = cases
    for case_id, name in ((far, "out-of-area"), (vague, "address-unclear")):
        window.open_case(case_id)
        workspace = window.workspace(case_id)
        workspace.tabs.setCurrentIndex(0)
        save(window, f"{language}-workspace-{name}")
    window.tabs.setCurrentIndex(0)  # the queue page
    window.search_box.setText("zxy")
    window.reload_queue()
    save(window, f"{language}-queue-pinyin-search")
    window.search_box.setText("")
    window.reload_queue()
    render_area_screens(window, save, language)


def render_area_screens(window: Any, save: Callable[[object, str], None], language: str) -> None:
    """The queue's two address views, then the delivery-area editor with a pinyin search."""
    from depot_app.ui.addresses.area_dialog import AreaDialog
    from depot_app.ui.queue.address_views import ADDRESS_VIEWS

    keys = [window.view_list.item(i).data(256) for i in range(window.view_list.count())]
    for view in ADDRESS_VIEWS:
        window.view_list.setCurrentRow(keys.index(view))
        save(window, f"{language}-queue-{view.replace(':', '-').replace('_', '-')}")
    window.view_list.setCurrentRow(0)
    dialog = AreaDialog(window.ctx, window)
    dialog.resize(1100, 680)
    dialog.show()
    dialog.search.setText("qibao")
    dialog.run_search()
    save(dialog, f"{language}-area-editor")
    dialog.close()
    dialog.deleteLater()
