"""The Tracking tab: scans newest first with the time since the last, hints, refresh in the background."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scans import NewScan, ScanType
from depot_app.ui.workspace.case_workspace import TAB_TRACKING, CaseWorkspace
from tests.tracking_server import TrackingServer

BEIJING = timezone(timedelta(hours=8))
NUMBER = "SF1234567890123"


@pytest.fixture
def lost_case(ctx):  # noqa: ANN001, ANN201
    return ctx.services.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.LOST, by=ctx.operator.id,
                                            parcel={"recipient_phone": "13812345678"})


def _open(qtbot, ctx, case_id: int) -> CaseWorkspace:  # noqa: ANN001
    ws = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(ws)
    ws.resize(1300, 760)
    ws.show()
    ws.tabs.setCurrentIndex(TAB_TRACKING)
    return ws


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_scans_newest_first_with_the_false_sign_for_hint(qtbot, ctx, lost_case, language: str) -> None:  # noqa: ANN001
    now = ctx.services.clock.now()
    ctx.services.tracking.add_scans(scans=[
        NewScan(tracking_no=NUMBER, at=datetime(2026, 11, 18, 9, 0, tzinfo=BEIJING), scan_type=ScanType.COLLECTED,
                place="杭州", text="已揽收", source="总部"),
        NewScan(tracking_no=NUMBER, at=(now - timedelta(hours=5)).replace(tzinfo=UTC),
                scan_type=ScanType.SIGNED, place="上海浦东", text="已签收", source="总部")], by=ctx.operator.id)
    ws = _open(qtbot, ctx, lost_case.id)
    tab = ws.tracking
    qtbot.waitUntil(lambda: tab.list.topLevelItemCount() == 2)
    assert tab.list.topLevelItem(0).text(1) == ScanType.SIGNED.label(language)
    assert tab.list.topLevelItem(1).text(2) == "杭州"
    zh = language == "zh_CN"
    assert ("5小时0分前" if zh else "5 h 0 min ago") in tab.last_label.text()
    assert ("疑似虚假签收" if zh else "Possible false sign-for") in tab.hints_label.text()
    assert ws.tabs.tabText(TAB_TRACKING) == ("快递轨迹" if zh else "Tracking")


def test_refresh_asks_the_service_in_the_background_and_shows_a_refusal(qtbot, ctx, lost_case) -> None:  # noqa: ANN001
    server = TrackingServer().start()
    try:
        server.parcels[("shunfeng", NUMBER)] = ("5678", "5", [
            {"time": "2026-11-19 08:40:00", "context": "派件员正在派件", "status": "派件", "areaName": "上海"}])
        manager = ctx.services.operators.ensure_first().id
        ctx.services.tracking.set_query_settings(values={"enabled": True, "url": server.url,
                                                         "customer": server.customer, "key": server.key},
                                                 by=manager)
        ws = _open(qtbot, ctx, lost_case.id)
        tab = ws.tracking
        assert tab.refresh_button.isEnabled()
        tab.refresh_button.click()
        qtbot.waitUntil(lambda: tab.list.topLevelItemCount() == 1)
        assert "1" in tab.status_label.text()
        server.throttled = True
        tab.refresh_button.click()
        qtbot.waitUntil(lambda: "频繁" in tab.status_label.text())
        assert tab.refresh_button.isEnabled()
    finally:
        server.stop()


def test_the_settings_page_shows_the_key_as_dots_and_keeps_it(qtbot, ctx) -> None:  # noqa: ANN001
    from depot_app.ui.settings.settings_dialog import PAGE_TRACKING, SettingsDialog

    ctx.services.tracking.set_query_settings(values={"enabled": True, "url": "http://127.0.0.1:9/q",
                                                     "customer": "DESK0001", "key": "k3y-s3cret"},
                                             by=ctx.operator.id)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.tracking_page
    qtbot.waitUntil(lambda: page.customer.text() == "DESK0001")
    assert page.key.text() == "••••" and "k3y" not in str(ctx.services.settings.all())
    assert dialog.tabs.tabText(PAGE_TRACKING) == "快递轨迹查询"
    page.timeout.setValue(7)
    dialog.save()
    qtbot.waitUntil(lambda: ctx.services.settings.get("tracking_query")["timeout_seconds"] == 7)
    assert ctx.services.settings.get("tracking_query")["key"] == "k3y-s3cret"
