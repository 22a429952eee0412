"""End to end at the desk: the real main window, driven as a clerk drives it.

Every test starts from ``MainWindow(ctx)`` shown and goes on from the scan box
with the keyboard: ASCII is typed with ``qtbot.keyClicks``, keys and shortcuts
with ``qtbot.keyClick`` on the widget that has the focus (where a real key
press lands). Chinese text arrives as an input-method commit, as it does from
a clerk's IME (``qtbot.keyClicks`` with Chinese aborts the process). Asserts
look at the screen (Chinese, the default language) and at the database
through ``ctx.services``.

The manager of a fresh database (``网点负责人``) is at the desk; tasks run
synchronously (tests/ui/conftest.py), the clock stands at Friday 2026-11-20
10:00 in Shanghai (tests/conftest.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import func, select

from depot_app.db.models import Compensation, Parcel, ProblemCase
from depot_app.domain.identifiers import Carrier
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    LossExtent,
    PaymentMethod,
    ResolutionState,
    ResolutionType,
)
from depot_app.services.queries import QueueFilter
from depot_app.ui.main_window import MainWindow
from depot_app.ui.registration.registration_dialog import RegistrationDialog
from depot_app.ui.workspace.case_workspace import TAB_CLOSE, TAB_CONTACTS, TAB_RESOLUTION, TAB_TIMELINE, CaseWorkspace

SF_NUMBER = "SF1234567890123"
#: An S10 number whose check digit should be 5 (DOMAIN.md, "Identifiers").
BAD_S10 = "RR123456784CN"
MANAGER = "网点负责人"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "automation.md"


# =================================================================== helpers
@pytest.fixture
def window(qtbot, ctx) -> MainWindow:  # noqa: ANN001
    """The desk as it opens: main window shown and active, cursor in the scan box."""
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.scan_box)  # QTimer.singleShot(0, ...)
    return win


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot, text: str) -> None:  # noqa: ANN001
    """Type into the focused widget; Chinese arrives as an input-method commit."""
    widget = focused()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,  # noqa: ANN001
          times: int = 1) -> None:
    """Press a key where the keyboard focus is."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def ctrl(qtbot, key: Qt.Key) -> None:  # noqa: ANN001
    press(qtbot, key, Qt.KeyboardModifier.ControlModifier)


def tab(qtbot, times: int = 1) -> None:  # noqa: ANN001
    press(qtbot, Qt.Key.Key_Tab, times=times)


def scan(qtbot, window: MainWindow, number: str) -> None:  # noqa: ANN001
    """What a barcode scanner does: F2 puts the cursor in the scan box, then digits and Enter."""
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is window.scan_box
    qtbot.keyClicks(window.scan_box, number)
    qtbot.keyClick(window.scan_box, Qt.Key.Key_Return)


def tab_path(qtbot, target: QWidget, limit: int = 12) -> list[str]:  # noqa: ANN001
    """Press Tab until ``target`` has the focus; the objectNames passed on the way."""
    path: list[str] = []
    for _ in range(limit):
        tab(qtbot)
        path.append(focused().objectName())
        if focused() is target:
            return path
    raise AssertionError(f"Tab never reached {target.objectName()}: {path}")


def open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def registration_of(window: MainWindow) -> RegistrationDialog:
    dialog = getattr(window, "_registration", None)
    assert isinstance(dialog, RegistrationDialog)
    return dialog


def wait_active(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def current_workspace(window: MainWindow) -> CaseWorkspace:
    widget = window.tabs.currentWidget()
    assert isinstance(widget, CaseWorkspace), "no case workspace is the current tab"
    return widget


def queue_case_nos(window: MainWindow) -> list[str]:
    return [window.model.row_at(i).case_no for i in range(window.model.rowCount())]


def counts(ctx) -> tuple[int, int]:  # noqa: ANN001
    """(cases, parcels) in the database."""
    with ctx.services.db.read() as s:
        return (int(s.scalar(select(func.count(ProblemCase.id))) or 0),
                int(s.scalar(select(func.count(Parcel.id))) or 0))


def timeline_rows(ws: CaseWorkspace) -> list[dict[str, str]]:
    """The Timeline tab as it reads on screen: one dict per row."""
    tree = ws.timeline.list
    keys = ("time", "operator", "action", "field", "change", "detail")
    return [{key: tree.topLevelItem(i).text(col) for col, key in enumerate(keys)}
            for i in range(tree.topLevelItemCount())]


def log_call(qtbot, ws: CaseWorkspace, *, party: ContactParty | None, outcome: ContactOutcome,  # noqa: ANN001
             note: str) -> None:
    """Ctrl+L, then the form from the keyboard: party, channel (phone), outcome, note, Enter.

    ``party=None`` keeps the party the form preselected.
    """
    ctrl(qtbot, Qt.Key.Key_L)
    contacts = ws.contacts
    assert ws.tabs.currentIndex() == TAB_CONTACTS
    assert focused() is contacts.party
    if party is not None:
        press(qtbot, Qt.Key.Key_Home)
        press(qtbot, Qt.Key.Key_Down, times=list(ContactParty).index(party))
        assert contacts.party.currentData() == party.value
    tab(qtbot)
    assert focused() is contacts.channel
    press(qtbot, Qt.Key.Key_Home)  # phone
    tab(qtbot)
    assert focused() is contacts.outcome
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, times=list(ContactOutcome).index(outcome))
    assert contacts.outcome.currentData() == outcome.value
    tab(qtbot)
    assert focused() is contacts.note
    type_text(qtbot, note)
    before = len(ws.detail.contacts)
    press(qtbot, Qt.Key.Key_Return)
    assert len(ws.detail.contacts) == before + 1


def register_from_the_scan(qtbot, window: MainWindow, number: str, *, carrier: Carrier,  # noqa: ANN001
                           kind: ProblemKind, parcel: dict[str, str], save_key: Qt.Key = Qt.Key.Key_Return,
                           ) -> tuple[RegistrationDialog, int, str]:
    """Scan an unknown number, fill the form from the keyboard, save with Ctrl+``save_key``
    (Ctrl+Enter or Ctrl+S); returns with the success page up."""
    before = len(open_dialogs())
    scan(qtbot, window, number)
    dialog = registration_of(window)
    assert dialog.isVisible()
    assert len(open_dialogs()) == before + 1
    wait_active(qtbot, dialog)
    # Prefilled from the scan, carrier detected; nothing chosen yet.
    assert dialog.windowTitle() == "登记问题件"
    assert dialog.tracking_edit.text() == number
    assert dialog.carrier_combo.currentData() == carrier.value
    assert dialog.carrier_combo.currentText() == carrier.label("zh_CN")
    assert dialog.tracking_status.isVisible()
    assert dialog.tracking_status.text() == f"✓ 已识别：{carrier.label('zh_CN')}"
    assert dialog.kind_combo.currentIndex() == -1
    assert focused() is dialog.kind_combo  # the number is in: straight on to the problem

    press(qtbot, Qt.Key.Key_Home)  # the first kind, then down the list
    press(qtbot, Qt.Key.Key_Down, times=list(ProblemKind).index(kind))
    assert dialog.kind_combo.currentData() == kind.value
    assert dialog.kind_combo.currentText() == kind.label("zh_CN")
    tab(qtbot)
    assert focused() is dialog.priority_combo
    tab(qtbot)
    assert focused() is dialog.channel_combo
    tab(qtbot)
    assert focused() is dialog.reporter_name_edit
    type_text(qtbot, parcel.pop("reporter_name"))
    tab(qtbot)
    type_text(qtbot, parcel.pop("reporter_contact"))
    tab(qtbot)
    assert focused() is dialog.description_edit
    type_text(qtbot, parcel.pop("description"))
    tab(qtbot)
    for key in ("sender_name", "sender_phone", "sender_address", "recipient_name", "recipient_phone",
                "recipient_address", "item_description", "declared_value", "insured_value", "freight",
                "cod_amount", "weight_g"):
        assert focused() is dialog.parcel_edits[key], key
        if parcel.get(key):
            type_text(qtbot, parcel[key])
        tab(qtbot)
    assert focused() is dialog.scope_combo
    assert not any(dialog.field_error(key) for key in dialog._slots)

    with qtbot.waitSignal(dialog.sig_registered, timeout=2000) as registered:
        ctrl(qtbot, save_key)
    case_id, case_no = registered.args
    return dialog, case_id, case_no


# ======================================================== a) damaged parcel
DAMAGED_FORM = {
    "reporter_name": "王小明", "reporter_contact": "13812345678",
    "description": "外箱压扁，内件玻璃杯碎裂。",
    "sender_name": "杭州好物电商有限公司", "sender_phone": "0571-87654321",
    "sender_address": "浙江省杭州市余杭区文一西路969号",
    "recipient_name": "王小明", "recipient_phone": "13812345678",
    "recipient_address": "上海市浦东新区张江路88弄5号302室",
    "item_description": "玻璃水杯 x2", "declared_value": "168", "insured_value": "100", "freight": "12",
}


def test_damaged_parcel_from_scan_to_closed_case(qtbot, ctx, window, errors):  # noqa: ANN001
    # --- scan an unknown number: the registration opens prefilled, carrier detected
    dialog, case_id, case_no = register_from_the_scan(qtbot, window, SF_NUMBER, carrier=Carrier.SF,
                                                      kind=ProblemKind.DAMAGED, parcel=dict(DAMAGED_FORM))
    assert dialog.priority_combo.currentText() == "高"  # a damaged parcel's usual priority

    # --- the success page reads the case number out
    assert dialog.stack.currentWidget() is dialog.success_page
    assert dialog.success_title.text() == "问题件已登记"
    assert dialog.case_no_label.text() == case_no
    assert dialog.case_no_label.isVisible()
    assert SF_NUMBER in dialog.success_details.text() and "破损" in dialog.success_details.text()
    assert focused() is dialog.done_button
    assert dialog.done_button.text() == "完成"
    press(qtbot, Qt.Key.Key_Return)  # Done
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted

    # The database has exactly what was typed.
    detail = ctx.services.cases.detail(case_id)
    assert detail.case_no == case_no
    assert detail.kind is ProblemKind.DAMAGED
    assert detail.status is CaseStatus.REGISTERED
    assert detail.reporter_name == "王小明"
    assert detail.description == "外箱压扁，内件玻璃杯碎裂。"
    assert detail.parcel.tracking_no == SF_NUMBER
    assert detail.parcel.carrier == Carrier.SF.value
    assert detail.parcel.recipient_name == "王小明"
    assert detail.parcel.declared_value == Decimal("168.00")
    with ctx.services.db.read() as s:  # the full phones, without a "phones viewed" entry
        row = s.get(Parcel, s.get(ProblemCase, case_id).parcel_id)
        assert (row.sender_phone, row.recipient_phone) == ("0571-87654321", "13812345678")
    assert detail.created_by == MANAGER

    # --- the case's workspace opened (behind the dialog) and the queue lists it
    ws = window.workspace(case_id)
    assert isinstance(ws, CaseWorkspace)
    assert window.tabs.currentWidget() is ws
    assert window.tabs.tabText(window.tabs.currentIndex()) == case_no
    assert ws.case_no_label.text() == case_no
    assert ws.status_label.text() == "已登记"
    assert ws.kind_label.text() == "破损"
    assert window.result_label.text() == "共 1 件"
    # Closing the dialog hands the cursor back to the scan box.
    wait_active(qtbot, window)
    assert focused() is window.scan_box

    # --- Ctrl+F, the last four digits of the recipient's phone find the case
    ctrl(qtbot, Qt.Key.Key_F)
    assert window.tabs.currentIndex() == 0
    assert focused() is window.search_box
    qtbot.keyClicks(window.search_box, "5678")
    qtbot.waitUntil(lambda: queue_case_nos(window) == [case_no], timeout=2000)
    # The row shows the masked-free facts the clerk looks for: case no, tracking no, kind in Chinese.
    row_texts = [window.model.index(0, c).data() for c in range(window.model.columnCount())]
    assert case_no in row_texts and SF_NUMBER in row_texts and "破损" in row_texts

    # --- scanning the same number again opens the open case: no second registration
    scan(qtbot, window, SF_NUMBER)
    assert registration_of(window) is dialog  # no new dialog was made
    assert open_dialogs() == []
    assert window.tabs.currentWidget() is ws
    assert ctx.services.queries.count(QueueFilter()) == 1
    assert window.scan_box.text() == ""

    # --- Ctrl+L: two failed calls to the recipient
    assert not ws.contacts.banner.isVisible()
    log_call(qtbot, ws, party=ContactParty.RECIPIENT, outcome=ContactOutcome.NO_ANSWER, note="上午10点无人接听")
    assert not ws.contacts.banner.isVisible()
    log_call(qtbot, ws, party=ContactParty.RECIPIENT, outcome=ContactOutcome.SWITCHED_OFF, note="关机")
    # ... the amber banner says to contact the sender, and the sender is preselected
    assert ws.contacts.banner.isVisible()
    assert ws.contacts.banner.text() == "收件人两次联系未果——请联系寄件人"
    assert ws.contacts.party.currentData() == ContactParty.SENDER.value
    history = ws.contacts.history
    assert history.topLevelItemCount() == 2
    assert [history.topLevelItem(i).text(3) for i in range(2)] == ["关机", "无人接听"]  # newest first
    assert history.topLevelItem(0).text(1) == "收件人"
    assert history.topLevelItem(0).text(5) == MANAGER

    # --- the sender is reached
    log_call(qtbot, ws, party=None, outcome=ContactOutcome.REACHED, note="寄件人同意改号重新派送")
    assert history.topLevelItem(0).text(1) == "寄件人"
    assert history.topLevelItem(0).text(3) == "已联系上"
    contacts = ctx.services.cases.detail(case_id).contacts
    assert [(c.party, c.outcome) for c in sorted(contacts, key=lambda c: c.id)] == [
        (ContactParty.RECIPIENT, ContactOutcome.NO_ANSWER), (ContactParty.RECIPIENT, ContactOutcome.SWITCHED_OFF),
        (ContactParty.SENDER, ContactOutcome.REACHED)]

    # --- Ctrl+R: redeliver, to a corrected phone, on a chosen day
    ctrl(qtbot, Qt.Key.Key_R)
    panel = ws.resolution
    assert ws.tabs.currentIndex() == TAB_RESOLUTION
    assert ws.tabs.tabText(TAB_RESOLUTION) == "处理方案"
    assert focused() is panel.res_type
    press(qtbot, Qt.Key.Key_Home)
    assert panel.res_type.currentData() == ResolutionType.REDELIVER.value
    assert panel.res_type.currentText() == "重新派送"
    tab(qtbot)
    assert focused() is panel.res_attempt_date
    assert panel.res_attempt_date.date() == QDate(2026, 11, 21)  # tomorrow by default
    # Tab walks the date's sections (year, month, day); Up moves the day on.
    tab(qtbot, 2)
    assert focused() is panel.res_attempt_date
    press(qtbot, Qt.Key.Key_Up, times=2)
    assert panel.res_attempt_date.date() == QDate(2026, 11, 23)
    tab(qtbot)
    assert focused() is panel.res_new_address  # left empty: the waybill address stays
    tab(qtbot)
    assert focused() is panel.res_new_phone
    type_text(qtbot, "13900001111")
    tab(qtbot)
    assert focused() is panel.res_choose  # (Cancel is hidden: nothing to keep yet)
    assert panel.res_choose.text() == "选定"
    press(qtbot, Qt.Key.Key_Space)
    assert errors == []
    res = ctx.services.cases.detail(case_id).current_resolution
    assert res is not None and res.type is ResolutionType.REDELIVER
    assert res.details["new_phone"] == "13900001111"
    assert res.details["attempt_date"] == "2026-11-23"
    assert ws.status_label.text() == "已定方案"
    assert panel.findChild(QWidget, "resCurrentType").text() == "重新派送"
    details = panel.findChild(QWidget, "resCurrentDetails").text()
    assert "2026-11-23" in details
    assert "139****1111" in details and "13900001111" not in details  # masked on screen

    # --- start it: the cursor waits on the note of "Mark in progress"
    ctrl(qtbot, Qt.Key.Key_R)
    assert focused() is panel.res_start_note
    type_text(qtbot, "快递员老周下午送出")
    tab(qtbot)
    assert focused() is panel.res_start
    assert panel.res_start.text() == "开始执行"
    press(qtbot, Qt.Key.Key_Space)
    assert errors == []
    detail = ctx.services.cases.detail(case_id)
    assert detail.status is CaseStatus.IN_PROGRESS
    assert detail.current_resolution.state is ResolutionState.IN_PROGRESS
    assert ws.status_label.text() == "处理中"

    # --- Ctrl+E: close as signed, the customer gives 5 stars
    ctrl(qtbot, Qt.Key.Key_E)
    close = ws.close_tab
    assert ws.tabs.currentIndex() == TAB_CLOSE
    assert focused() is close.outcome
    assert close.outcome.currentData() == FinalOutcome.SIGNED.value  # follows the redelivery
    assert close.outcome.currentText() == "已签收"
    tab(qtbot)
    assert focused() is close.rating
    assert close.rating.text() == "未询问"
    press(qtbot, Qt.Key.Key_Up, times=5)
    assert close.rating.value() == 5
    tab(qtbot)
    assert focused() is close.note
    type_text(qtbot, "收件人已签收，电话回访满意")
    press(qtbot, Qt.Key.Key_Return)
    assert errors == []

    detail = ctx.services.cases.detail(case_id)
    assert detail.status is CaseStatus.CLOSED
    assert detail.final_outcome is FinalOutcome.SIGNED
    assert detail.satisfaction == 5
    assert detail.close_note == "收件人已签收，电话回访满意"
    assert ws.status_label.text() == "已结案"
    assert ws.due_label.text().startswith("已于 ")
    assert close.summary_values["outcome"].text() == "已签收"
    assert close.summary_values["rating"].text().startswith("★★★★★")
    assert not ws.contacts.save_button.isEnabled()  # a closed case takes no more contacts

    # --- Alt+6: the timeline tells the whole story, with who did it
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    assert ws.tabs.currentIndex() == TAB_TIMELINE
    assert ws.tabs.tabText(TAB_TIMELINE) == "处理记录"
    rows = timeline_rows(ws)
    assert {row["operator"] for row in rows} == {MANAGER}
    actions = [row["action"] for row in rows]
    assert actions[0] == "登记"
    assert actions[-1] == "结案"
    assert actions.count("联系") == 3
    assert actions.count("处理方案") == 1
    assert "备注" in actions  # the note given when starting
    contact_details = [row["detail"] for row in rows if row["action"] == "联系"]
    expected = [("收件人 · 电话 · 无人接听", "上午10点无人接听"), ("收件人 · 电话 · 关机", "关机"),
                ("寄件人 · 电话 · 已联系上", "寄件人同意改号重新派送")]
    assert len(contact_details) == len(expected)
    for shown, (who_how_outcome, note) in zip(contact_details, expected, strict=True):
        # (ASCII or full-width colon: punctuation is the translators' business)
        assert re.fullmatch(re.escape(who_how_outcome) + r"\s*[:：]\s*" + re.escape(note), shown), shown
    statuses = [row["change"] for row in rows if row["action"] == "状态变更"]
    assert statuses == ["已登记 → 已定方案", "已定方案 → 处理中", "处理中 → 已结案"]
    resolution_row = next(row for row in rows if row["action"] == "处理方案")
    assert resolution_row["change"] == "重新派送"
    closed_row = rows[-1]
    assert closed_row["change"] == "已签收"
    assert "★5" in closed_row["detail"]
    # The same story in the database, in order.
    assert [e.action for e in detail.events] == [
        "registered", "contact", "contact", "contact", "status", "resolution", "status", "note",
        "status", "closed"]


# ============================================================ b) lost parcel
LOST_NUMBER = "YT9876543210987"
LOST_FORM = {
    "reporter_name": "杭州好物电商", "reporter_contact": "0571-87654321",
    "description": "派件网点查无此件，中转场也未找到。",
    "sender_name": "杭州好物电商有限公司", "sender_phone": "0571-87654321",
    "recipient_name": "李雷", "recipient_phone": "13912348888",
    "recipient_address": "上海市徐汇区漕溪北路1号",
    "item_description": "蓝牙耳机", "declared_value": "3000", "insured_value": "1000", "freight": "20",
}


def test_lost_parcel_compensated_after_approval(qtbot, ctx, window, errors):  # noqa: ANN001
    # --- register the lost parcel from the scan
    dialog, case_id, case_no = register_from_the_scan(qtbot, window, LOST_NUMBER, carrier=Carrier.YTO,
                                                      kind=ProblemKind.LOST, parcel=dict(LOST_FORM),
                                                      save_key=Qt.Key.Key_S)
    assert dialog.case_no_label.text() == case_no
    press(qtbot, Qt.Key.Key_Return)  # Done
    wait_active(qtbot, window)
    parcel = ctx.services.cases.detail(case_id).parcel
    assert (parcel.declared_value, parcel.insured_value, parcel.freight) == (
        Decimal("3000.00"), Decimal("1000.00"), Decimal("20.00"))
    ws = current_workspace(window)
    assert ws.case_id == case_id
    assert ws.kind_label.text() == "遗失"

    # --- Resolution tab: compensate for a total loss
    ctrl(qtbot, Qt.Key.Key_R)
    panel = ws.resolution
    assert focused() is panel.res_type
    press(qtbot, Qt.Key.Key_Home)
    assert panel.res_type.currentText() == "赔偿"  # the usual one for a lost parcel comes first
    assert panel.findChild(QWidget, "compParcelFacts").text() == \
        "申报价值 ¥3,000.00 · 保价 ¥1,000.00 · 运费 ¥20.00"
    tab(qtbot)
    assert focused() is panel.comp_loss
    assert panel.comp_loss.currentData() == LossExtent.TOTAL.value  # a lost parcel is a total loss
    assert panel.comp_loss.currentText() == "全部损失"
    # The insured amount is the suggestion, above the ¥200.00 approval limit.
    assert panel.comp_suggested.text() == "建议金额 ¥1,000.00"
    assert "保价" in panel.comp_explanation.text()
    assert panel.comp_amount.text() == "1000.00"
    assert panel.comp_approval_note.isVisible()
    assert panel.comp_approval_note.text() == "需网点负责人审批（超过 ¥200.00）"
    # Tab on through the claim to Choose; the adjust reason is skipped while the amount is the suggestion.
    assert tab_path(qtbot, panel.res_choose) == [
        "compActualLoss", "compFullValue", "compSurcharges", "compExemption", "compGrossNegligence",
        "compAmount", "resChoose"]
    assert not panel.comp_adjust_reason.isEnabled()
    press(qtbot, Qt.Key.Key_Space)
    assert errors == []

    detail = ctx.services.cases.detail(case_id)
    assert detail.status is CaseStatus.AWAITING_APPROVAL
    comp = detail.current_resolution.compensation
    assert comp is not None
    assert (comp.suggested_amount, comp.amount, comp.approval_state) == (
        Decimal("1000.00"), Decimal("1000.00"), "pending")
    assert ws.status_label.text() == "待审批"
    assert panel.approval_box.isVisible()
    assert "网点负责人审批" in panel.findChild(QWidget, "compCurrentApproval").text()
    # Closing is blocked until a manager decides.
    assert not ws.close_tab.close_button.isEnabled()

    # --- the queue's "Awaiting approval" view lists it
    ctrl(qtbot, Qt.Key.Key_F)
    assert window.tabs.currentIndex() == 0
    approval_row = next(i for i in range(window.view_list.count())
                        if window.view_list.item(i).data(Qt.ItemDataRole.UserRole) == "approval")
    assert window.view_list.item(approval_row).text() == "待审批"
    assert re.search(r"待审批\s*[:：]\s*1\b", window.counts_label.text()), window.counts_label.text()
    assert queue_case_nos(window) == [case_no]  # (the "All open cases" view)
    window.view_list.setFocus(Qt.FocusReason.MouseFocusReason)
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, times=approval_row)
    assert window.view_list.currentRow() == approval_row
    assert queue_case_nos(window) == [case_no]
    assert window.result_label.text() == "共 1 件"

    # --- back to the case (Enter on the queue row), the manager approves with a comment
    window.table.setFocus(Qt.FocusReason.MouseFocusReason)
    window.table.setCurrentIndex(window.model.index(0, 0))
    press(qtbot, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is ws
    ctrl(qtbot, Qt.Key.Key_R)
    assert focused() is panel.approval_comment
    type_text(qtbot, "保价件，按保价金额赔付")
    assert tab_path(qtbot, panel.approve_button) == ["rejectButton", "approveButton"]
    assert panel.approve_button.text() == "批准"
    press(qtbot, Qt.Key.Key_Space)
    assert errors == []
    detail = ctx.services.cases.detail(case_id)
    comp = detail.current_resolution.compensation
    assert comp.approval_state == "approved"
    assert comp.approver == MANAGER
    assert comp.approval_comment == "保价件，按保价金额赔付"
    assert detail.status is CaseStatus.RESOLUTION_CHOSEN
    assert not panel.approval_box.isVisible()
    approval_text = panel.findChild(QWidget, "compCurrentApproval").text()
    assert approval_text.startswith(f"{MANAGER} 于 ") and "批准" in approval_text

    # --- payment by Alipay with its reference
    ctrl(qtbot, Qt.Key.Key_R)
    assert focused() is panel.pay_method
    assert panel.payment_box.isVisible()
    assert panel.pay_amount.text() == "赔付金额：¥1,000.00"
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, times=list(PaymentMethod).index(PaymentMethod.ALIPAY))
    assert panel.pay_method.currentText() == "支付宝"
    tab(qtbot)
    assert focused() is panel.pay_reference
    type_text(qtbot, "2026112022001466120500012345")
    tab(qtbot)
    assert focused() is panel.pay_payee
    type_text(qtbot, "lilei@example.com")
    # (Tab steps through the date's year, month and day before it moves on.)
    assert tab_path(qtbot, panel.pay_button) == ["payDate", "payDate", "payDate", "payButton"]
    assert panel.pay_date.date() == QDate(2026, 11, 20)  # today
    press(qtbot, Qt.Key.Key_Space)
    assert errors == []
    detail = ctx.services.cases.detail(case_id)
    assert detail.status is CaseStatus.IN_PROGRESS
    payment_text = panel.findChild(QWidget, "compCurrentPayment").text()
    assert "2026-11-20 已付 ¥1,000.00 · 支付宝" in payment_text
    assert "流水号：2026112022001466120500012345" in payment_text
    assert not panel.payment_box.isVisible()

    # --- close as compensated
    ctrl(qtbot, Qt.Key.Key_E)
    close = ws.close_tab
    assert focused() is close.outcome
    assert close.outcome.currentData() == FinalOutcome.COMPENSATED.value  # follows the compensation
    assert close.outcome.currentText() == "已赔偿"
    assert close.close_button.isEnabled(), close.block_reason.text()
    tab(qtbot, 2)
    assert focused() is close.note
    type_text(qtbot, "已按保价赔付，寄件人确认")
    press(qtbot, Qt.Key.Key_Return)
    assert errors == []

    detail = ctx.services.cases.detail(case_id)
    assert detail.status is CaseStatus.CLOSED
    assert detail.final_outcome is FinalOutcome.COMPENSATED
    assert ws.status_label.text() == "已结案"
    assert close.summary_values["outcome"].text() == "已赔偿"
    # The claim itself, straight from the table.
    with ctx.services.db.read() as s:
        claims = s.scalars(select(Compensation).where(Compensation.case_id == case_id)).all()
        assert len(claims) == 1
        claim = claims[0]
        assert claim.amount == Decimal("1000.00")
        assert claim.approval_state == "approved"
        assert claim.payment_method == PaymentMethod.ALIPAY.value
        assert claim.payment_reference == "2026112022001466120500012345"
        assert claim.payee_account == "lilei@example.com"
        assert claim.paid_at is not None
        assert claim.paid_by_id == ctx.operator.id
    assert [e.action for e in detail.events if e.action != "contact"] == [
        "registered", "status", "resolution", "status", "approval", "status", "payment", "status", "closed"]
    assert [(e.before, e.after) for e in detail.events if e.action == "status"] == [
        ("registered", "awaiting_approval"), ("awaiting_approval", "resolution_chosen"),
        ("resolution_chosen", "in_progress"), ("in_progress", "closed")]
    # No longer waiting: the approval view is empty again.
    ctrl(qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: window.view_list.currentRow() == approval_row and queue_case_nos(window) == [])


# ====================================================== c) bad S10 number
def test_a_mistyped_s10_number_is_refused_under_the_scan_box(qtbot, ctx, window, errors):  # noqa: ANN001
    before = counts(ctx)
    scan(qtbot, window, BAD_S10)

    message = window.scan_message
    assert message.isVisible()
    assert message.text() == \
        f"单号 {BAD_S10} 的校验位应为 5，而不是 4：单号可能输错了，请核对面单"
    assert "校验位" in message.text()
    # Nothing opened, nothing written; the number stays selected to be scanned again.
    assert open_dialogs() == []
    assert getattr(window, "_registration", None) is None
    assert window.tabs.count() == 1
    assert counts(ctx) == before == (0, 0)
    assert errors == []
    assert focused() is window.scan_box
    assert window.scan_box.text() == BAD_S10
    assert window.scan_box.selectedText() == BAD_S10

    # The next scan replaces it; the message goes as soon as the clerk types.
    qtbot.keyClicks(window.scan_box, "RR12345678")
    assert not message.isVisible()
    qtbot.keyClicks(window.scan_box, "5CN")
    qtbot.keyClick(window.scan_box, Qt.Key.Key_Return)
    dialog = registration_of(window)
    assert dialog.isVisible()
    assert dialog.tracking_edit.text() == "RR123456785CN"
    assert dialog.carrier_combo.currentData() == Carrier.UPU_INTL.value
    # Esc cancels it: still nothing in the database.
    wait_active(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert counts(ctx) == (0, 0)


# =========================================================== keyboard paths
def test_f2_ctrl_f_and_the_last_four_digits(qtbot, ctx, window):  # noqa: ANN001
    mine = ctx.services.cases.register_case(
        tracking_no=SF_NUMBER, kind=ProblemKind.DAMAGED, by=ctx.operator.id,
        reporter_name="王小明", reporter_contact="13812345678",
        parcel={"recipient_name": "王小明", "recipient_phone": "13812345678", "sender_phone": "13700002222"})
    other = ctx.services.cases.register_case(
        tracking_no="JD0012345678901", kind=ProblemKind.DELAYED, by=ctx.operator.id,
        reporter_name="李雷", reporter_contact="13911119999",
        parcel={"recipient_name": "李雷", "recipient_phone": "13911119999"})
    press(qtbot, Qt.Key.Key_F5)  # refresh the queue
    assert sorted(queue_case_nos(window)) == sorted([mine.case_no, other.case_no])

    # Ctrl+F from the scan box: the search box, in the queue tab.
    assert focused() is window.scan_box
    ctrl(qtbot, Qt.Key.Key_F)
    assert focused() is window.search_box
    qtbot.keyClicks(window.search_box, "5678")  # recipient phone 138****5678
    qtbot.waitUntil(lambda: queue_case_nos(window) == [mine.case_no], timeout=2000)
    assert window.result_label.text() == "共 1 件"
    # F2 from the search box: back to the scan box.
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is window.scan_box

    # F2 from deep inside a workspace (the contact note) ...
    window.open_case(mine.id)
    ws = current_workspace(window)
    ctrl(qtbot, Qt.Key.Key_L)
    tab(qtbot, 3)
    assert focused() is ws.contacts.note
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is window.scan_box
    # ... and Ctrl+F from there too switches to the queue and its search box.
    window.tabs.setCurrentWidget(ws)
    ws.tabs.setCurrentIndex(TAB_RESOLUTION)
    ws.resolution.res_type.setFocus(Qt.FocusReason.MouseFocusReason)
    ctrl(qtbot, Qt.Key.Key_F)
    assert window.tabs.currentIndex() == 0
    assert focused() is window.search_box
    assert window.search_box.selectedText() == "5678"  # ready to be typed over
    qtbot.keyClicks(window.search_box, "9999")
    qtbot.waitUntil(lambda: queue_case_nos(window) == [other.case_no], timeout=2000)

    # Ctrl+W closes the case tab and gives the scan box the cursor; Ctrl+N opens a blank registration.
    window.tabs.setCurrentWidget(ws)
    ctrl(qtbot, Qt.Key.Key_W)
    assert window.workspace(mine.id) is None
    assert window.tabs.count() == 1
    assert focused() is window.scan_box
    ctrl(qtbot, Qt.Key.Key_N)
    dialog = registration_of(window)
    assert dialog.isVisible() and dialog.tracking_edit.text() == ""
    wait_active(qtbot, dialog)
    assert focused() is dialog.tracking_edit
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    wait_active(qtbot, window)
    assert focused() is window.scan_box


def test_workspace_shortcuts_work_with_the_cursor_still_in_the_scan_box(qtbot, ctx, window):  # noqa: ANN001
    """Scanning an open case leaves the cursor in the scan box: the workspace keys must work from there.

    (On Linux desktops Qt's X11 key scheme binds Ctrl+E to "end of line" in every
    line edit and spin box; run this file under ``xvfb-run`` with ``QT_QPA_PLATFORM=xcb``
    to check that Ctrl+E still reaches the workspace.)
    """
    case = ctx.services.cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.DAMAGED, by=ctx.operator.id)
    scan(qtbot, window, SF_NUMBER)
    ws = current_workspace(window)
    assert ws.case_id == case.id
    assert focused() is window.scan_box
    assert [ws.tabs.tabText(i) for i in range(ws.tabs.count())] == [
        "基本信息", "联系记录", "证据照片", "处理方案", "结案", "处理记录", "快递轨迹"]
    for index, key in enumerate((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5,
                                 Qt.Key.Key_6, Qt.Key.Key_7)):
        press(qtbot, key, Qt.KeyboardModifier.AltModifier)
        assert ws.tabs.currentIndex() == index

    ctrl(qtbot, Qt.Key.Key_L)
    assert (ws.tabs.currentIndex(), focused()) == (TAB_CONTACTS, ws.contacts.party)
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is window.scan_box
    ctrl(qtbot, Qt.Key.Key_R)
    assert (ws.tabs.currentIndex(), focused()) == (TAB_RESOLUTION, ws.resolution.res_type)
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is window.scan_box
    ctrl(qtbot, Qt.Key.Key_E)
    assert (ws.tabs.currentIndex(), focused()) == (TAB_CLOSE, ws.close_tab.outcome)
    # From a text field of the workspace too (the closing note, a line edit).
    ws.tabs.setCurrentIndex(TAB_CONTACTS)
    ctrl(qtbot, Qt.Key.Key_L)
    tab(qtbot, 3)
    assert focused() is ws.contacts.note
    ctrl(qtbot, Qt.Key.Key_E)
    assert (ws.tabs.currentIndex(), focused()) == (TAB_CLOSE, ws.close_tab.outcome)


# ======================================================= docs/automation.md
def _documented_names() -> dict[str, set[str]]:
    """Backticked objectNames in the first column of each table, by screen (## heading)."""
    names: dict[str, set[str]] = {}
    screen = ""
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            screen = line[3:].strip()
        elif line.startswith("|") and screen and not set(line) <= set("|-: "):
            first = line.split("|")[1]
            for name in re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", first):
                names.setdefault(screen, set()).add(name)
    return names


def _object_names(root: QWidget) -> set[str]:
    found = {root.objectName()}
    found |= {w.objectName() for w in root.findChildren(QWidget) if w.objectName()}
    found |= {a.objectName() for a in root.findChildren(QAction) if a.objectName()}
    return found


def test_every_object_name_in_the_automation_doc_exists(qtbot, ctx, window, tmp_path):  # noqa: ANN001
    from PIL import Image

    from depot_app.domain.identifiers import validate_tracking
    from depot_app.ui.common.image_sources import TrackingChooser
    from depot_app.ui.people.session import ChangePinDialog
    from depot_app.ui.people.sign_in import FirstManagerDialog, SignInDialog

    documented = _documented_names()
    assert documented, f"no tables found in {DOCS}"
    case = ctx.services.cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.DAMAGED, by=ctx.operator.id)
    photo = tmp_path / "box.jpg"
    Image.new("RGB", (320, 240), (150, 110, 70)).save(photo, "JPEG")
    ctx.services.photos.add_photos(case_id=case.id, files=[photo], slot="exterior", by=ctx.operator.id)
    window.open_case(case.id)
    ws = window.workspace(case.id)
    assert isinstance(ws, CaseWorkspace)
    ws.request_cancel()  # builds the reason dialog
    assert ws.reason_dialog is not None
    viewer = ws.evidence.open_viewer()  # the photo viewer, on the case's photo
    assert viewer is not None
    camera = ws.evidence.open_camera()  # the camera dialog (in its no-camera state here)
    chooser = TrackingChooser([validate_tracking(SF_NUMBER), validate_tracking("JD0012345678901")], window)
    window.open_registration(None)
    window.open_settings()
    picker = SignInDialog(ctx.services)
    first = FirstManagerDialog(ctx.services)
    change_pin = ChangePinDialog(ctx.services, ctx.operator)
    for dialog in (picker, first, change_pin):
        qtbot.addWidget(dialog)
    window.session.open_operators()
    window.session._operators_dialog.add_operator()
    window.session.open_audit_trail()
    everything = set().union(_object_names(window), _object_names(registration_of(window)),
                             _object_names(window._settings_dialog), _object_names(ws.reason_dialog),
                             _object_names(picker), _object_names(first), _object_names(change_pin),
                             _object_names(window.session._operators_dialog),
                             _object_names(window.session._audit_dialog), _object_names(viewer), _object_names(camera),
                             _object_names(chooser),
                             _object_names(window.backup_actions.open_dialog()))  # type: ignore[attr-defined]
    missing = {screen: sorted(names - everything) for screen, names in documented.items() if names - everything}
    assert not missing, f"docs/automation.md names widgets that do not exist: {missing}"
    # And the main interactive widgets of each screen are in the document.
    listed = set().union(*documented.values())
    for name in ("scanBox", "searchBox", "queueTable", "regTrackingNo", "regKind", "regSave", "regCaseNoLabel",
                 "regDoneButton", "contactParty", "contactNote", "resType", "resChoose", "approveButton",
                 "payMethod", "payButton", "closeOutcome", "closeRating", "closeButton", "timelineList",
                 "settingsOk", "signInOperators", "signInPin", "reasonText", "evidenceTab", "evidenceSlot",
                 "evidenceAdd",
                 "evidenceCamera", "evidenceShowDeleted", "evidenceRefusals", "evidenceGallery_exterior",
                 "photoViewer", "viewerImage", "viewerCaption", "viewerRotateLeft", "viewerRotateRight",
                 "viewerNext", "viewerPrev", "cameraDialog", "cameraChooser", "cameraCapture", "cameraStrip",
                 "cameraNoCamera", "regReadFromPhoto"):
        assert name in listed, name
