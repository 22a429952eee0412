"""The case workspace with real widgets and real services on a fresh database.

Chinese text is only ever set with setText (typing it with keyClicks aborts
the process); what the tests type on the keyboard is ASCII.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    Priority,
    ResolutionType,
    Role,
)
from depot_app.ui.common.i18n import LanguageManager, current_language
from depot_app.ui.workspace.case_workspace import TAB_CLOSE, TAB_CONTACTS, TAB_EVIDENCE, TAB_RESOLUTION, CaseWorkspace

PARCEL = {
    "sender_name": "杭州好物电商有限公司", "sender_phone": "0571-87654321",
    "sender_address": "浙江省杭州市余杭区文一西路969号", "recipient_name": "王小明",
    "recipient_phone": "13812345678", "recipient_address": "上海市浦东新区张江路88弄5号302室",
    "item_description": "玻璃水杯 x2", "declared_value": "168.00", "insured_value": "100.00",
    "freight": "12.00", "weight_g": 1250,
}


@pytest.fixture
def case(ctx):  # noqa: ANN001, ANN201
    return ctx.services.cases.register_case(
        tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=ctx.operator.id,
        reporter_name="王小明", reporter_contact="13812345678", parcel=PARCEL)


@pytest.fixture
def ws(qtbot, ctx, case):  # noqa: ANN001, ANN201
    widget = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def actions(ws: CaseWorkspace) -> list[str]:
    assert ws.detail is not None
    return [e.action for e in ws.detail.events]


def log_attempt_by_keyboard(qtbot, ws: CaseWorkspace, *, party_steps: int | None,  # noqa: ANN001
                            outcome_home_then_down: int, note: str) -> None:
    """Ctrl+L, pick the combos with the arrow keys, type the note, Enter."""
    qtbot.keyClick(ws, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    party = ws.contacts.party
    assert ws.tabs.currentIndex() == TAB_CONTACTS
    assert QApplication.focusWidget() is party
    if party_steps is not None:
        qtbot.keyClick(party, Qt.Key.Key_Home)
        for _ in range(party_steps):
            qtbot.keyClick(party, Qt.Key.Key_Down)
    qtbot.keyClick(party, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ws.contacts.channel
    qtbot.keyClick(ws.contacts.channel, Qt.Key.Key_Home)  # phone
    qtbot.keyClick(ws.contacts.channel, Qt.Key.Key_Tab)
    outcome = ws.contacts.outcome
    assert QApplication.focusWidget() is outcome
    qtbot.keyClick(outcome, Qt.Key.Key_Home)
    for _ in range(outcome_home_then_down):
        qtbot.keyClick(outcome, Qt.Key.Key_Down)
    qtbot.keyClick(outcome, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ws.contacts.note
    qtbot.keyClicks(ws.contacts.note, note)
    qtbot.keyClick(ws.contacts.note, Qt.Key.Key_Return)


# --------------------------------------------------------------------------- header
def test_workspace_shows_the_case_and_its_tabs(ws: CaseWorkspace, case) -> None:  # noqa: ANN001
    lang = current_language()
    assert ws.title() == case.case_no
    assert ws.case_no_label.text() == case.case_no
    assert ws.tracking_label.text() == "SF1234567890123"
    assert ws.kind_label.text() == ProblemKind.DAMAGED.label(lang)
    assert ws.status_label.text() == CaseStatus.REGISTERED.label(lang)
    assert Priority.HIGH.label(lang) in ws.priority_label.text()
    assert [ws.tabs.tabText(i) for i in range(ws.tabs.count())] == [
        "基本信息", "联系记录", "证据照片", "处理方案", "结案", "处理记录", "快递轨迹"]
    assert ws.tabs.widget(TAB_EVIDENCE) is ws.evidence
    assert ws.tabs.widget(TAB_RESOLUTION) is ws.resolution
    assert [ws.tabs.tabToolTip(i) for i in range(ws.tabs.count())] == [f"Alt+{i}" for i in range(1, 8)]
    # Not a complaint: no first-response line.
    assert not ws.first_response_label.isVisibleTo(ws)


def test_every_interactive_widget_has_a_stable_name_and_an_accessible_name(ws: CaseWorkspace) -> None:
    for name in ("wsCaseNo", "wsTabs", "wsRevealPhones", "wsEditFacts", "wsVerify", "wsInvestigate",
                 "wsAwaitCustomer", "wsCloseCase", "contactParty", "contactChannel", "contactOutcome",
                 "contactNote", "contactSave", "contactHistory", "templateChooser", "templatePreview",
                 "templateCopy", "closeOutcome", "closeRating", "closeNote", "closeButton", "reopenButton",
                 "cancelButton", "timelineList", "senderSuggestion", "wsDue", "wsStatus"):
        widget = ws.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_the_due_countdown_turns_red_when_overdue(ws: CaseWorkspace, ctx, clock) -> None:  # noqa: ANN001
    assert ws.due_label.property("dueState") == "ok"
    assert ws.due_label.text().startswith("剩余时间 ")
    clock.moment = ws.detail.due_at - timedelta(hours=2)
    ws.refresh_countdowns()
    assert ws.due_label.property("dueState") == "due_soon"
    assert "#b26a00" in ws.due_label.styleSheet()
    clock.moment = ws.detail.due_at + timedelta(hours=5)
    ws._timer.timeout.emit()  # what the 30-second timer does
    assert ws.due_label.property("dueState") == "overdue"
    assert "#c62828" in ws.due_label.styleSheet()
    assert ws.due_label.text().startswith("已超时 ")


def test_a_complaint_shows_its_first_response_deadline(qtbot, ctx) -> None:  # noqa: ANN001
    detail = ctx.services.cases.register_case(tracking_no="YT1234567890123", kind=ProblemKind.SERVICE_COMPLAINT,
                                              by=ctx.operator.id)
    ws = CaseWorkspace(ctx, detail.id)
    qtbot.addWidget(ws)
    assert ws.first_response_label.isVisibleTo(ws)
    assert ws.first_response_label.text().startswith("首次响应：剩余时间 ")
    ws.contacts.party.setCurrentIndex(ws.contacts.party.findData(ContactParty.OTHER.value))
    ws.contacts.outcome.setCurrentIndex(ws.contacts.outcome.findData(ContactOutcome.REACHED.value))
    ws.contacts.save_button.click()
    # Given now, on the tests' fixed clock (Friday 2026-11-20 10:00 in Shanghai).
    assert ws.first_response_label.text() == "已于 11-20 10:00 首次响应"


# ------------------------------------------------------------------------- contacts
def test_logging_contacts_from_the_keyboard_suggests_the_sender(qtbot, ws: CaseWorkspace) -> None:  # noqa: ANN001
    changed: list[int] = []
    ws.sig_case_changed.connect(changed.append)
    assert not ws.contacts.banner.isVisibleTo(ws)
    # party: Home = sender, one down = recipient; outcome: Home = reached, one down = no answer.
    log_attempt_by_keyboard(qtbot, ws, party_steps=1, outcome_home_then_down=1, note="no answer at 10:05")
    assert len(ws.detail.contacts) == 1
    assert ws.contacts.note.text() == ""
    assert not ws.contacts.banner.isVisibleTo(ws)
    log_attempt_by_keyboard(qtbot, ws, party_steps=1, outcome_home_then_down=2, note="switched off")
    assert [c.outcome for c in ws.detail.contacts] == [ContactOutcome.NO_ANSWER, ContactOutcome.SWITCHED_OFF]
    assert all(c.party is ContactParty.RECIPIENT for c in ws.detail.contacts)
    assert changed == [ws.case_id, ws.case_id]

    banner = ws.contacts.banner
    assert banner.isVisibleTo(ws)
    assert banner.text() == "收件人两次联系未果——请联系寄件人"
    assert ws.contacts.party.currentData() == ContactParty.SENDER.value
    assert ws.contacts.template_chooser.currentData() == "ask_sender"

    # The party is already the sender: leave it and log a reached call.
    log_attempt_by_keyboard(qtbot, ws, party_steps=None, outcome_home_then_down=0, note="sender says redeliver")
    last = ws.detail.contacts[-1]
    assert (last.party, last.channel, last.outcome) == (ContactParty.SENDER, ContactChannel.PHONE,
                                                         ContactOutcome.REACHED)
    assert last.note == "sender says redeliver"
    assert not banner.isVisibleTo(ws)

    history = ws.contacts.history
    assert history.topLevelItemCount() == 3
    newest = history.topLevelItem(0)
    lang = current_language()
    assert newest.text(1) == ContactParty.SENDER.label(lang)
    assert newest.text(3) == ContactOutcome.REACHED.label(lang)
    assert newest.text(4) == "sender says redeliver"
    assert newest.text(5) == ws.ctx.operator.name
    assert history.topLevelItem(2).text(4) == "no answer at 10:05"
    # On the timeline: who · how · outcome, then the note after a full-width colon.
    timeline = ws.timeline.list
    contact_row = timeline.topLevelItem(timeline.topLevelItemCount() - 1)
    assert contact_row.text(5) == "寄件人 · 电话 · 已联系上：sender says redeliver"


def test_a_template_is_filled_from_the_case_and_copied(ws: CaseWorkspace, case) -> None:  # noqa: ANN001
    chooser = ws.contacts.template_chooser
    assert chooser.count() >= 3
    text = ws.contacts.preview.toPlainText()
    assert "SF1234567890123" in text and case.case_no in text
    assert "王**" in text  # the recipient's name, masked
    assert "{" not in text
    ws.contacts.template_language.setCurrentIndex(ws.contacts.template_language.findData("en"))
    english = ws.contacts.preview.toPlainText()
    assert english.startswith("[") and "damaged packaging" in english
    ws.contacts.preview.setPlainText(english.replace("[depot phone]", "021-58881234"))
    ws.contacts.copy_button.click()
    assert QGuiApplication.clipboard().text() == ws.contacts.preview.toPlainText()
    assert ws.contacts.copied_label.text()


# ---------------------------------------------------------------------------- facts
def test_revealing_phones_is_recorded_and_lasts_until_reload(qtbot, ws: CaseWorkspace) -> None:  # noqa: ANN001
    phone = ws.facts.view_labels["recipient_phone"]
    assert phone.text() == "138****5678"
    assert ws.facts.view_labels["reporter_contact"].text() == "138****5678"
    qtbot.mouseClick(ws.facts.reveal_button, Qt.MouseButton.LeftButton)
    assert phone.text() == "13812345678"
    assert ws.facts.view_labels["sender_phone"].text() == "0571-87654321"
    assert actions(ws)[-1] == "revealed"
    timeline = ws.timeline.list
    last = timeline.topLevelItem(timeline.topLevelItemCount() - 1)
    assert last.text(2) == "查看完整号码"
    assert last.text(1) == ws.ctx.operator.name
    assert not ws.facts.reveal_button.isEnabled()
    ws.reload()
    assert phone.text() == "138****5678"
    assert ws.facts.reveal_button.isEnabled()


def test_editing_facts_saves_parcel_and_case_fields(qtbot, ws: CaseWorkspace, ctx) -> None:  # noqa: ANN001
    clerk = ctx.services.operators.add(name="李客服", role=Role.CLERK, by=None)
    ws.reload()
    facts = ws.facts
    facts.edit_button.click()
    assert facts.is_editing()
    # Masked phones cannot be edited until revealed.
    assert not facts.edit_fields["recipient_phone"].isEnabled()
    facts.edit_fields["weight_g"].setText("1.4")
    facts.edit_fields["freight"].setText("15")
    priority: QComboBox = facts.edit_fields["priority"]  # type: ignore[assignment]
    priority.setCurrentIndex(priority.findData(Priority.URGENT.value))
    assignee: QComboBox = facts.edit_fields["assignee_id"]  # type: ignore[assignment]
    assignee.setCurrentIndex(assignee.findData(clerk.id))
    facts.edit_fields["description"].setPlainText("外箱压塌")
    facts.save_button.click()
    assert not facts.is_editing()
    d = ws.detail
    assert d.parcel.weight_g == 1400 and str(d.parcel.freight) == "15.00"
    assert d.priority is Priority.URGENT and d.assignee_id == clerk.id and d.description == "外箱压塌"
    assert facts.view_labels["weight_g"].text() == "1.4 kg"
    assert facts.view_labels["freight"].text() == "¥15.00"
    assert Priority.URGENT.label(current_language()) in ws.priority_label.text()
    fields = [e.field for e in d.events if e.action == "field"]
    assert {"parcel.weight_g", "parcel.freight", "priority", "assignee_id", "description"} <= set(fields)
    timeline_rows = [ws.timeline.list.topLevelItem(i) for i in range(ws.timeline.list.topLevelItemCount())]
    priority_row = next(r for r in timeline_rows if r.text(3) == "优先级")
    lang = current_language()
    assert priority_row.text(4) == f"{Priority.HIGH.label(lang)} → {Priority.URGENT.label(lang)}"
    assignee_row = next(r for r in timeline_rows if r.text(3) == "经办人")
    assert assignee_row.text(4).endswith("→ 李客服")

    # After revealing, a phone can be corrected.
    facts.reveal_button.click()
    facts.edit_button.click()
    phone = facts.edit_fields["recipient_phone"]
    assert phone.isEnabled() and phone.text() == "13812345678"
    phone.setText("13987654321")
    facts.save_button.click()
    assert ws.detail.parcel.recipient_phone == "139****4321"


def test_a_bad_value_is_reported_and_keeps_the_form(ws: CaseWorkspace, errors) -> None:  # noqa: ANN001
    ws.facts.edit_button.click()
    ws.facts.edit_fields["weight_g"].setText("heavy")
    ws.facts.save_button.click()
    assert len(errors) == 1 and "heavy" in errors[0][1]
    assert ws.facts.is_editing()


def test_a_stale_edit_is_refused_and_the_fresh_case_shown(ws: CaseWorkspace, ctx, errors) -> None:  # noqa: ANN001
    ws.facts.edit_button.click()
    ws.facts.edit_fields["description"].setPlainText("my edit")
    # Another desk changes the case behind this workspace's back.
    other = ctx.services.cases.update_case(case_id=ws.case_id, expected_version=ws.detail.version,
                                           changes={"priority": Priority.URGENT.value}, by=ctx.operator.id)
    ws.facts.save_button.click()
    assert len(errors) == 1
    assert errors[0][0] == "已在其他工作台修改"
    assert ws.detail.version == other.version
    assert ws.detail.priority is Priority.URGENT
    assert ws.detail.description == ""
    assert Priority.URGENT.label(current_language()) in ws.priority_label.text()
    assert ctx.services.cases.detail(ws.case_id).description == ""  # nothing was saved
    # The clerk's entry is laid over the fresh case, the other desk's change shows in the form ...
    assert ws.facts.is_editing()
    assert ws.facts.edit_fields["description"].toPlainText() == "my edit"
    assert ws.facts.pending_changes() == ({}, {"description": "my edit"})
    # ... and saving again keeps both changes.
    ws.facts.save_button.click()
    saved = ctx.services.cases.detail(ws.case_id)
    assert (saved.description, saved.priority) == ("my edit", Priority.URGENT)
    assert not ws.facts.is_editing() and len(errors) == 1


# ----------------------------------------------------------------------- status moves
def test_status_moves_follow_the_lifecycle(qtbot, ws: CaseWorkspace) -> None:  # noqa: ANN001
    with qtbot.waitSignal(ws.sig_case_changed, timeout=1000) as signal:
        ws.move_buttons[CaseStatus.INVESTIGATING].click()
    assert signal.args == [ws.case_id]
    assert ws.detail.status is CaseStatus.INVESTIGATING
    investigate = ws.move_buttons[CaseStatus.INVESTIGATING]
    assert not investigate.isEnabled()
    assert investigate.toolTip() == "问题件已是“调查中”状态"
    ws.move_buttons[CaseStatus.VERIFYING].click()
    assert ws.detail.status is CaseStatus.VERIFYING
    assert ws.status_label.text() == CaseStatus.VERIFYING.label(current_language())


def test_disabled_actions_say_why(ws: CaseWorkspace, ctx) -> None:  # noqa: ANN001
    assert not ws.reopen_button.isEnabled()
    assert ws.reopen_button.toolTip() == "只有已结案或已撤销的问题件才能重新打开"
    for button in (*ws.move_buttons.values(), ws.close_action_button, ws.cancel_button):
        assert button.isEnabled() and button.toolTip()

    # Work on a resolution under way: no going back to verifying, no cancelling.
    cases, by = ctx.services.cases, ctx.operator.id
    d = cases.choose_resolution(case_id=ws.case_id, expected_version=ws.detail.version,
                                type=ResolutionType.REDELIVER, details={"attempt_date": date(2026, 11, 21)}, by=by)
    cases.start_resolution(case_id=d.id, by=by)
    ws.reload()
    assert ws.detail.status is CaseStatus.IN_PROGRESS
    verify = ws.move_buttons[CaseStatus.VERIFYING]
    assert not verify.isEnabled()
    assert verify.toolTip() == "处理方案正在执行：请办理结案，或在“处理方案”页另选方案"
    assert not ws.cancel_button.isEnabled()
    assert ws.cancel_button.toolTip() == "处理方案正在执行：请办理结案，不能撤销"

    # Closing as compensated needs a compensation first.
    close = ws.close_tab
    close.outcome.setCurrentIndex(close.outcome.findData(FinalOutcome.COMPENSATED.value))
    assert not close.close_button.isEnabled()
    assert close.close_button.toolTip() == "请先在“处理方案”页选择赔偿。"

    close.outcome.setCurrentIndex(close.outcome.findData(FinalOutcome.SIGNED.value))
    close.close_button.click()
    for button in ws.move_buttons.values():
        assert not button.isEnabled()
        assert button.toolTip() == "已结案的问题件须先重新打开"
    assert not ws.close_action_button.isEnabled() and ws.close_action_button.toolTip()
    assert not ws.cancel_button.isEnabled()
    assert ws.cancel_button.toolTip() == "已结案的问题件须先重新打开"


# ------------------------------------------------------------------- close & reopen
def test_closing_with_a_rating(qtbot, ws: CaseWorkspace) -> None:  # noqa: ANN001
    qtbot.keyClick(ws, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert ws.tabs.currentIndex() == TAB_CLOSE
    close = ws.close_tab
    assert QApplication.focusWidget() is close.outcome
    assert close.outcome.currentData() == FinalOutcome.SIGNED.value
    close.rating.setValue(5)
    close.note.setText("收件人已签收")
    with qtbot.waitSignal(ws.sig_case_changed, timeout=1000):
        qtbot.mouseClick(close.close_button, Qt.MouseButton.LeftButton)
    d = ws.detail
    assert d.status is CaseStatus.CLOSED
    assert d.final_outcome is FinalOutcome.SIGNED and d.satisfaction == 5 and d.close_note == "收件人已签收"
    lang = current_language()
    assert ws.status_label.text() == CaseStatus.CLOSED.label(lang)
    assert close.stack.currentIndex() == 1
    assert close.summary_values["outcome"].text() == FinalOutcome.SIGNED.label(lang)
    assert close.summary_values["rating"].text().startswith("★★★★★")
    assert [close.summary_captions[k].text() for k in ("status", "outcome", "rating", "note", "closed_at")] == [
        "状态：", "最终结果：", "满意度：", "备注：", "结案时间："]
    # Closed now, on the tests' fixed clock (Friday 2026-11-20 10:00 in Shanghai).
    assert ws.due_label.text() == "已于 2026-11-20 10:00 结案"
    rows = [ws.timeline.list.topLevelItem(i) for i in range(ws.timeline.list.topLevelItemCount())]
    closed = rows[-1]
    assert closed.text(2) == "结案"
    assert closed.text(4) == FinalOutcome.SIGNED.label(lang)
    assert "★5" in closed.text(5)
    status_row = rows[-2]
    assert status_row.text(2) == "状态变更"
    assert status_row.text(4) == f"{CaseStatus.REGISTERED.label(lang)} → {CaseStatus.CLOSED.label(lang)}"
    # A closed case takes no new contact attempts.
    assert not ws.contacts.save_button.isEnabled()


def test_reopening_needs_a_reason(qtbot, ws: CaseWorkspace, ctx) -> None:  # noqa: ANN001
    ws.close_tab.close_button.click()
    assert ws.detail.status is CaseStatus.CLOSED
    assert ws.reopen_button.isEnabled()
    ws.reopen_button.click()
    dialog = ws.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # no reason: nothing happens
    assert dialog.isVisible()
    assert ws.detail.status is CaseStatus.CLOSED
    dialog.text_edit.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.text_edit.setText("客户称仍未收到")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    d = ws.detail
    assert d.status is CaseStatus.INVESTIGATING
    assert d.final_outcome is None
    assert actions(ws)[-1] == "reopened"
    assert d.events[-1].detail == "客户称仍未收到"
    last = ws.timeline.list.topLevelItem(ws.timeline.list.topLevelItemCount() - 1)
    assert last.text(2) == "重新打开" and last.text(5) == "客户称仍未收到"
    assert ws.close_tab.stack.currentIndex() == 0
    assert ws.contacts.save_button.isEnabled()


def test_reopening_from_the_close_tab(qtbot, ws: CaseWorkspace) -> None:  # noqa: ANN001
    close = ws.close_tab
    close.close_button.click()
    assert not close.reopen_button.isEnabled()
    close.reopen_reason.setText("sender disputes")
    assert close.reopen_button.isEnabled()
    close.reopen_button.click()
    assert ws.detail.status is CaseStatus.INVESTIGATING
    assert ws.detail.events[-1].detail == "sender disputes"
    assert close.reopen_reason.text() == ""


def test_cancelling_asks_for_a_reason(ws: CaseWorkspace) -> None:
    ws.cancel_button.click()
    dialog = ws.reason_dialog
    assert dialog is not None
    dialog.reject()
    assert ws.detail.status is CaseStatus.REGISTERED
    ws.cancel_button.click()
    ws.reason_dialog.text_edit.setText("registered twice")
    ws.reason_dialog.accept()
    assert ws.detail.status is CaseStatus.CANCELLED
    assert ws.detail.events[-1].detail == "registered twice"
    assert ws.reopen_button.isEnabled()
    assert ws.move_buttons[CaseStatus.VERIFYING].toolTip() == "已撤销的问题件须先重新打开"


def test_a_later_resolution_fact_is_named_on_the_timeline(ctx, qtbot) -> None:  # noqa: ANN001
    cases, by = ctx.services.cases, ctx.operator.id
    d = cases.register_case(tracking_no="YT1234567890123", kind=ProblemKind.OUT_OF_AREA, by=by)
    d = cases.choose_resolution(case_id=d.id, expected_version=d.version, type=ResolutionType.TRANSFER,
                                details={"carrier": "EMS", "new_tracking_no": "EA123456785CN"}, by=by)
    cases.update_resolution(case_id=d.id, details={"signed_at": date(2026, 11, 25)}, by=by)
    ws = CaseWorkspace(ctx, d.id)
    qtbot.addWidget(ws)
    last = ws.timeline.list.topLevelItem(ws.timeline.list.topLevelItemCount() - 1)
    assert last.text(2) == "信息修改"
    assert last.text(3) == "处理方案：签收日期"
    assert last.text(4) == "2026-11-25"


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_english_timeline_and_close_summary_use_english_punctuation(qtbot, ws: CaseWorkspace, ctx) -> None:  # noqa: ANN001
    cases, by = ctx.services.cases, ctx.operator.id
    cases.log_contact(case_id=ws.case_id, party=ContactParty.SENDER, channel=ContactChannel.PHONE,
                      outcome=ContactOutcome.REACHED, note="sender says redeliver", by=by)
    ws.reload()
    rows = [ws.timeline.list.topLevelItem(i) for i in range(ws.timeline.list.topLevelItemCount())]
    contact_row = next(r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == "contact")
    assert contact_row.text(2) == "Contact"
    assert contact_row.text(5) == "Sender · Phone · Reached: sender says redeliver"
    ws.close_tab.close_button.click()
    assert ws.detail.status is CaseStatus.CLOSED
    captions = ws.close_tab.summary_captions
    assert [captions[k].text() for k in ("status", "outcome", "rating", "note", "closed_at")] == [
        "Status:", "Final outcome:", "Satisfaction:", "Note:", "Closed at:"]
    assert ws.close_tab.summary_values["status"].text() == "Closed"


# -------------------------------------------------------------------- language etc.
def test_switching_language_relabels_the_case(ws: CaseWorkspace) -> None:
    manager = LanguageManager.instance()
    manager.set_language("en")
    try:
        assert ws.status_label.text() == "Registered"
        assert ws.kind_label.text() == "Damaged"
        assert ws.contacts.party.itemText(0) == "Sender"
        assert ws.timeline.list.topLevelItem(0).text(5).startswith("Damaged")
    finally:
        manager.set_language("zh_CN")
    assert ws.status_label.text() == CaseStatus.REGISTERED.zh


def test_every_tab_renders(ws: CaseWorkspace, tmp_path: Path) -> None:
    for index in range(ws.tabs.count()):
        ws.tabs.setCurrentIndex(index)
        path = tmp_path / f"tab{index}.png"
        assert ws.grab().save(str(path))
        assert path.stat().st_size > 0


def test_alt_digits_switch_tabs(qtbot, ws: CaseWorkspace) -> None:  # noqa: ANN001
    ws.facts.edit_button.setFocus()
    qtbot.keyClick(ws.facts.edit_button, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    assert ws.tabs.currentWidget() is ws.timeline
    qtbot.keyClick(ws.timeline.list, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert ws.tabs.currentWidget() is ws.resolution
    qtbot.keyClick(ws.resolution, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert ws.tabs.currentWidget() is ws.evidence


def test_the_main_window_opens_the_workspace_as_a_tab(qtbot, ctx, case) -> None:  # noqa: ANN001
    from depot_app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_case(case.id)
    ws = window.workspace(case.id)
    assert isinstance(ws, CaseWorkspace)
    assert window.tabs.tabText(window.tabs.indexOf(ws)) == case.case_no
    ws.move_buttons[CaseStatus.INVESTIGATING].click()
    row = window.model.row_at(0)
    assert row is not None and row.status is CaseStatus.INVESTIGATING
