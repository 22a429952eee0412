"""The outbox's screens: the table model, the Outbox view, a case's messages, the preview, the templates page,
the status bar and the desk's background sender."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.notifications import Channel, MessageState, NoticeEvent
from depot_app.services.outbox import OutboxCounts, OutboxFilter
from depot_app.ui.common import background
from depot_app.ui.common.context import DeskContext
from depot_app.ui.outbox import outbox_model as om
from depot_app.ui.outbox.outbox_model import OutboxModel
from depot_app.ui.outbox.outbox_status import OutboxSenderLoop, status_text
from depot_app.ui.outbox.outbox_view import OutboxDialog
from depot_app.ui.settings.settings_dialog import PAGE_TEMPLATES, SettingsDialog
from depot_app.ui.workspace.case_workspace import CaseWorkspace
from tests.outbox.servers import SmsGateway

PARCEL = {"declared_value": "300", "insured_value": "0", "freight": "20", "sender_name": "张三",
          "sender_phone": "13812345678", "recipient_name": "李四", "recipient_phone": "13987654321"}
_n = iter(range(1, 10_000))


def register(ctx: DeskContext, **parcel: str) -> int:
    return ctx.services.cases.register_case(
        tracking_no=f"SF{9_300_000_000_000 + next(_n)}", kind=ProblemKind.DAMAGED, by=ctx.operator.id,
        parcel={**PARCEL, **parcel}).id


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    gw = SmsGateway().start()
    yield gw
    gw.stop()


def point_at(ctx: DeskContext, gw: SmsGateway) -> None:
    ctx.services.settings.set_many(values={
        "notify_channels": ["sms"], "sms_endpoint": gw.url, "sms_access_key_id": gw.key_id,
        "sms_access_key_secret": gw.secret, "sms_sign_name": "浦东网点",
        "sms_template_codes": {"registered": "SMS_1"}}, by=None)


def test_the_model_shows_messages_in_words_without_a_view(ctx: DeskContext) -> None:
    register(ctx)
    model = OutboxModel()
    model.set_rows(ctx.services.outbox.messages())
    assert model.rowCount() == 1 and model.columnCount() == om.COLUMN_COUNT
    cell = lambda col: model.data(model.index(0, col))  # noqa: E731
    assert cell(om.COL_CHANNEL) == "短信" and cell(om.COL_STATE) == "待发送"
    assert cell(om.COL_TO) == "139****4321" and cell(om.COL_TRIES) == "0/6"
    assert cell(om.COL_EVENT) == "登记为问题件" and cell(om.COL_SENT) == ""
    assert "13987654321" not in str([cell(c) for c in range(om.COLUMN_COUNT)])
    assert model.headerData(om.COL_TO, Qt.Orientation.Horizontal) == "收件方"
    assert model.data(model.index(0, om.COL_CHANNEL), Qt.ItemDataRole.ToolTipRole).startswith("【")
    assert model.message_at(5) is None and model.row_of(-1) == -1


def test_the_model_shows_a_refusal_in_the_clerks_language(ctx: DeskContext) -> None:
    register(ctx, recipient_phone="021-58881234")  # a landline: no SMS
    model = OutboxModel()
    model.set_rows(ctx.services.outbox.messages())
    assert model.data(model.index(0, om.COL_STATE)) == "未发送"
    assert model.data(model.index(0, om.COL_ERROR)) == "不是手机号码，不能发短信"
    assert model.data(model.index(0, om.COL_STATE), Qt.ItemDataRole.ForegroundRole).name() == "#8d6e63"


def test_the_outbox_view_filters_retries_and_opts_out(qtbot, ctx: DeskContext) -> None:  # noqa: ANN001
    ctx.services.settings.set(key="notify_channels", value=["sms", "manual"], by=None)
    register(ctx)
    dialog = OutboxDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    dialog.channel_filter.setCurrentIndex(dialog.channel_filter.findData(Channel.MANUAL))
    dialog.reload()
    assert dialog.model.rowCount() == 1
    dialog.table.selectRow(0)
    assert dialog.tick_button.isEnabled() and not dialog.retry_button.isEnabled()
    dialog.tick_off_selected()
    assert dialog.model.message_at(0).state is MessageState.SENT
    dialog.channel_filter.setCurrentIndex(0)
    dialog.use_dates.setChecked(True)
    dialog.reload()  # the date filter: queued from a week ago to today (the fixed clock is in the past)
    assert dialog.model.rowCount() == 0
    dialog.use_dates.setChecked(False)
    dialog.reload()
    sms = dialog.model.row_of(next(m.id for m in dialog.model._rows if m.channel is Channel.SMS))
    dialog.table.selectRow(sms)
    assert dialog.retry_button.isEnabled() and "【" in dialog.text_view.toPlainText()
    dialog.retry_selected()
    assert "下一轮" in dialog.result_label.text()
    dialog.ask_opt_out("139 8765 4321")
    assert "139****4321" in dialog.result_label.text()
    (message,) = ctx.services.outbox.messages(OutboxFilter(channel=Channel.SMS))
    assert message.state is MessageState.SKIPPED


def test_importing_the_gateways_replies_opts_phones_out(qtbot, ctx: DeskContext, tmp_path: Path) -> None:  # noqa: ANN001
    register(ctx)
    export = tmp_path / "replies.csv"
    export.write_text("手机号码,回复内容,回复时间\n13987654321,退订,2026-11-20 10:01\n"
                      "13812345678,5,2026-11-20 10:02\n0215888123,T,2026-11-20 10:03\n", encoding="utf-8")
    dialog = OutboxDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.import_replies(export)
    result = dialog.last_import
    assert result is not None and result.replies == 3 and result.opted_out == ["139****4321"]
    assert result.not_mobile == [4]
    assert dialog.model.message_at(0).state is MessageState.SKIPPED
    assert [a for a, _at, _r in ctx.services.outbox.opted_out()] == ["139****4321"]


def test_a_cases_messages_show_on_its_timeline_with_preview_and_tick_off(qtbot, ctx: DeskContext) -> None:  # noqa: ANN001
    case_id = register(ctx)
    workspace = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(workspace)
    panel = workspace.messages
    assert panel.list.topLevelItemCount() == 1
    item = panel.list.topLevelItem(0)
    assert [item.text(c) for c in (2, 3, 4)] == ["短信", "139****4321", "待发送"]
    assert item.text(8).startswith("【")
    dialog = panel.open_notify()
    assert dialog is not None
    dialog.choose(NoticeEvent.REGISTERED, Channel.MANUAL)
    assert dialog.to_label.text() == "139****4321"
    assert "个字" in dialog.count_label.text() and dialog.text_view.toPlainText().startswith("【")
    assert dialog.send_button.isEnabled()
    dialog.send()
    assert panel.list.topLevelItemCount() == 2
    panel.select_message(panel.messages[-1].id)
    assert panel.tick_button.isEnabled()
    panel.tick_off_selected()
    assert panel.messages[-1].state is MessageState.SENT and panel.messages[-1].sent_at is not None
    panel.ask_opt_out("recipient")
    assert panel.messages[0].state is MessageState.SKIPPED


def test_the_preview_says_what_stops_a_message(qtbot, ctx: DeskContext) -> None:  # noqa: ANN001
    case_id = register(ctx)
    workspace = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(workspace)
    dialog = workspace.messages.open_notify()
    dialog.choose(NoticeEvent.CLOSED, Channel.EMAIL)  # no e-mail address on the case
    assert not dialog.send_button.isEnabled() and "电子邮件地址" in dialog.hold_label.text()


def test_the_templates_page_counts_sms_parts_and_refuses_unknown_placeholders(qtbot, ctx: DeskContext,  # noqa: ANN001
                                                                              errors) -> None:  # noqa: ANN001
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    page = dialog.templates_page
    dialog.tabs.setCurrentIndex(PAGE_TEMPLATES)
    page.choose(NoticeEvent.CLOSED, "zh_CN")
    assert page.sms_edit.toPlainText().startswith("【{depot_name}】")
    assert "1 条短信" in page.count_label.text() and "PD20261207-0012" in page.preview_label.text()
    page.sms_edit.setPlainText("【浦东网点】" + "测" * 80)
    assert "86 个字，2 条短信" in page.count_label.text()
    page.sms_edit.setPlainText("【浦东网点】您的快件{parcel_no}已结案")
    assert "未知的占位符 {parcel_no}" in page.error_label.text() and page.preview_label.text() == ""
    dialog.save()
    assert dialog.result() == 0 and "{parcel_no}" in dialog.general_error.text()
    stored = ctx.services.settings.get("notice_templates")
    assert "{parcel_no}" not in stored["closed"]["zh_CN"]["sms"]
    page.sms_edit.setPlainText("【浦东网点】问题件{case_no}已结案，回T退订")
    page.choose(NoticeEvent.REGISTERED, "en")  # switching keeps the edit
    page.choose(NoticeEvent.CLOSED, "zh_CN")
    assert page.sms_edit.toPlainText() == "【浦东网点】问题件{case_no}已结案，回T退订"
    dialog.save()
    stored = ctx.services.settings.get("notice_templates")
    assert stored["closed"]["zh_CN"]["sms"] == "【浦东网点】问题件{case_no}已结案，回T退订"


def test_status_text_says_waiting_failing_and_offline(qtbot) -> None:  # noqa: ANN001
    assert status_text(OutboxCounts(waiting=0, failing=0, failed=0, manual=0, offline=False)) == ""
    text = status_text(OutboxCounts(waiting=3, failing=1, failed=2, manual=1, offline=True))
    assert text == "消息：2 条待发送，1 条重试中，2 条发送失败，1 条待人工发送，网关离线，消息等待发送"
    # Every waiting message retries after an error: no "0 waiting", and none counted twice.
    assert status_text(OutboxCounts(waiting=4, failing=4, failed=0, manual=0, offline=False)) == "消息：4 条重试中"


def test_the_desks_sender_delivers_in_the_background_and_shows_the_figures(qtbot, ctx: DeskContext,  # noqa: ANN001
                                                                          gateway: SmsGateway) -> None:
    from PySide6.QtWidgets import QLabel, QWidget

    point_at(ctx, gateway)
    register(ctx)
    register(ctx, recipient_phone="13700001111")
    owner = QWidget()
    qtbot.addWidget(owner)
    label = QLabel(owner)
    loop = OutboxSenderLoop(ctx, label, owner)
    loop.refresh_counts()
    assert "2 条待发送" in label.text()
    with qtbot.waitSignal(loop.sig_round_done, timeout=10_000) as blocker:
        loop.run_round()
        assert loop.running()  # off the GUI thread
    assert blocker.args[0].report.sent == 2 and len(gateway.received) == 2
    assert label.text() == "" and not label.isVisible()
    loop.stop()
    loop.run_round()
    assert not loop.running()


def test_the_sender_waits_when_switched_off(qtbot, ctx: DeskContext, gateway: SmsGateway) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel, QWidget

    point_at(ctx, gateway)
    ctx.services.settings.set(key="outbox_sender_enabled", value=False, by=None)
    register(ctx)
    owner = QWidget()
    qtbot.addWidget(owner)
    loop = OutboxSenderLoop(ctx, QLabel(owner), owner)
    with qtbot.waitSignal(loop.sig_round_done, timeout=10_000) as blocker:
        loop.run_round()
    assert blocker.args[0].report is None and gateway.received == []
    assert blocker.args[0].counts.waiting == 1


def test_the_main_window_has_the_outbox_for_managers(qtbot, ctx: DeskContext) -> None:  # noqa: ANN001
    from depot_app.ui.main_window import MainWindow

    register(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    parts = window.outbox  # type: ignore[attr-defined]
    assert parts.action.isVisible() and "1 条待发送" in parts.label.text()
    dialog = parts.open_dialog()
    assert dialog.model.rowCount() == 1
    window.close()
    assert parts.loop.stopped and not parts.loop.timer.isActive()
    assert background.pending() == 0
