"""The registration dialog, driven from the keyboard against a real database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from depot_app.domain.identifiers import Carrier
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Priority, ReportChannel, ShipmentScope
from depot_app.services.queries import QueueFilter
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.registration.registration_dialog import RegistrationDialog

SF_NUMBER = "SF1234567890123"


# ----------------------------------------------------------------- helpers
def _open(qtbot, ctx, tracking_no: str | None = None) -> RegistrationDialog:  # noqa: ANN001
    dialog = RegistrationDialog(ctx, tracking_no=tracking_no)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot, text: str) -> None:  # noqa: ANN001
    """Type into the focused widget; non-ASCII arrives as an IME commit, as it does for a clerk."""
    widget = _focused()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def _tab(qtbot, times: int = 1) -> None:  # noqa: ANN001
    for _ in range(times):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)


def _save_with_ctrl_enter(qtbot) -> None:  # noqa: ANN001
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _case_count(ctx) -> int:  # noqa: ANN001
    return ctx.services.queries.count(QueueFilter())


def _fill_required(dialog: RegistrationDialog, kind: ProblemKind = ProblemKind.DAMAGED) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind.value))
    dialog.reporter_name_edit.setText("王女士")
    dialog.reporter_contact_edit.setText("13812345678")


# ------------------------------------------------------------------- tests
def test_scanned_number_is_prefilled_with_its_carrier(qtbot, ctx):
    dialog = _open(qtbot, ctx, "sf 1234-5678-90123")

    assert dialog.tracking_edit.objectName() == "regTrackingNo"
    assert dialog.tracking_edit.text() == SF_NUMBER
    assert dialog.carrier_combo.currentData() == Carrier.SF.value
    assert dialog.carrier_combo.currentText() == Carrier.SF.label("zh_CN")
    assert Carrier.SF.label("zh_CN") in dialog.tracking_status.text()
    assert dialog.tracking_status.isVisible()
    # The number is in: the clerk goes straight on to the kind of problem.
    assert _focused() is dialog.kind_combo
    assert not dialog.known_label.isVisible()


def test_keyboard_only_registration_from_scan_to_case_number(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    assert _focused() is dialog.tracking_edit

    # A scanner types the number and Enter; focus goes on to the kind of problem.
    _type(qtbot, SF_NUMBER)
    qtbot.keyClick(dialog.tracking_edit, Qt.Key.Key_Return)
    assert _focused() is dialog.kind_combo
    assert dialog.carrier_combo.currentData() == Carrier.SF.value

    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
    assert dialog.kind_combo.currentData() == ProblemKind.DAMAGED.value
    assert dialog.priority_combo.currentData() == ProblemKind.DAMAGED.info.default_priority.value

    _tab(qtbot)
    assert _focused() is dialog.priority_combo
    _tab(qtbot)
    assert _focused() is dialog.channel_combo
    qtbot.keyClick(dialog.channel_combo, Qt.Key.Key_Down)  # counter -> phone
    assert dialog.channel_combo.currentData() == ReportChannel.PHONE.value
    _tab(qtbot)
    _type(qtbot, "王女士")
    _tab(qtbot)
    _type(qtbot, "138 1234 5678")
    _tab(qtbot)
    assert _focused() is dialog.description_edit
    _type(qtbot, "外箱压扁，内件玻璃杯碎裂。")
    _tab(qtbot)  # Tab leaves the description instead of typing a tab
    assert dialog.description_edit.toPlainText() == "外箱压扁，内件玻璃杯碎裂。"

    typed = [("sender_name", "张三"), ("sender_phone", "13900001111"),
             ("sender_address", "上海市浦东新区张江路100号"), ("recipient_name", "李四"),
             ("recipient_phone", "0571-87654321"), ("recipient_address", "浙江省杭州市西湖区文三路200号"),
             ("item_description", "玻璃杯 6 只"), ("declared_value", "300"),
             ("insured_value", "200"), ("freight", "18.5"), ("cod_amount", ""), ("weight_g", "1.25")]
    for key, text in typed:
        assert _focused() is dialog.parcel_edits[key], key
        if text:
            _type(qtbot, text)
        _tab(qtbot)
    assert _focused() is dialog.scope_combo
    qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Up)  # domestic -> same city
    assert dialog.scope_combo.currentData() == ShipmentScope.SAME_CITY.value
    assert not any(dialog.field_error(key) for key in dialog._slots)

    with qtbot.waitSignal(dialog.sig_registered) as registered:
        _save_with_ctrl_enter(qtbot)
    case_id, case_no = registered.args

    detail = ctx.services.cases.detail(case_id)
    assert detail.case_no == case_no
    assert detail.kind is ProblemKind.DAMAGED
    assert detail.priority is Priority.HIGH
    assert detail.report_channel is ReportChannel.PHONE
    assert detail.reporter_name == "王女士"
    assert detail.reporter_contact == "138 1234 5678"
    assert detail.description == "外箱压扁，内件玻璃杯碎裂。"
    parcel = detail.parcel
    assert parcel.tracking_no == SF_NUMBER
    assert parcel.carrier == Carrier.SF.value
    assert parcel.sender_name == "张三"
    assert parcel.sender_phone == "139****1111"  # masked in the view, stored in full
    assert parcel.recipient_address == "浙江省杭州市西湖区文三路200号"
    assert parcel.item_description == "玻璃杯 6 只"
    assert parcel.declared_value == Decimal("300.00")
    assert parcel.insured_value == Decimal("200.00")
    assert parcel.freight == Decimal("18.50")
    assert parcel.cod_amount is None
    assert parcel.weight_g == 1250
    assert parcel.scope is ShipmentScope.SAME_CITY
    assert ctx.services.cases.reveal_contacts(case_id=case_id, by=ctx.operator.id)["recipient_phone"] \
        == "0571-87654321"

    # The success page: the number, large and selectable, with Copy and Done.
    assert dialog.stack.currentWidget() is dialog.success_page
    assert dialog.case_no_label.objectName() == "regCaseNoLabel"
    assert dialog.case_no_label.text() == case_no
    assert dialog.case_no_label.font().pointSize() >= 28
    assert dialog.case_no_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert _focused() is dialog.done_button
    qtbot.keyClick(dialog.done_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert _focused() is dialog.copy_button
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == case_no
    assert dialog.copied_note.text()
    assert dialog.isVisible()

    # A second Ctrl+Enter on the success page saves nothing more.
    _save_with_ctrl_enter(qtbot)
    assert _case_count(ctx) == 1

    dialog.done_button.setFocus()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.done_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_invalid_phone_is_reported_on_its_field_and_nothing_is_saved(qtbot, ctx):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    _fill_required(dialog)
    dialog.parcel_edits["sender_phone"].setFocus()
    _type(qtbot, "1381234")
    _tab(qtbot)  # leaving the field checks it

    message = dialog.field_error("sender_phone")
    assert "11" in message
    assert dialog.findChild(QWidget, "regSenderPhoneError").isVisible()
    assert _case_count(ctx) == 0

    _save_with_ctrl_enter(qtbot)
    assert _case_count(ctx) == 0
    assert dialog.stack.currentWidget() is dialog.form_page
    assert _focused() is dialog.parcel_edits["sender_phone"]

    # Correcting the number clears the message and lets the case through.
    dialog.parcel_edits["sender_phone"].setText("13812345678")
    with qtbot.waitSignal(dialog.sig_registered):
        qtbot.keyClick(_focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.field_error("sender_phone") == ""
    assert _case_count(ctx) == 1


def test_missing_kind_and_reporter_are_required(qtbot, ctx):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    _save_with_ctrl_enter(qtbot)

    assert dialog.field_error("kind")
    assert dialog.field_error("reporter_name")
    assert dialog.field_error("reporter_contact")
    assert _focused() is dialog.kind_combo
    assert _case_count(ctx) == 0


def test_s10_number_with_a_wrong_check_digit_is_refused_inline(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    _type(qtbot, "RR123456784CN")
    _tab(qtbot)

    message = dialog.field_error("tracking_no")
    assert "5" in message and "4" in message  # names the check digit it should have had
    assert dialog.findChild(QWidget, "regTrackingNoError").isVisible()
    _fill_required(dialog)
    _save_with_ctrl_enter(qtbot)
    assert _case_count(ctx) == 0
    assert _focused() is dialog.tracking_edit

    dialog.tracking_edit.setText("RR123456785CN")
    assert dialog.field_error("tracking_no") == ""
    assert dialog.carrier_combo.currentData() == Carrier.UPU_INTL.value


def test_carrier_chosen_by_hand_checks_the_number_against_it(qtbot, ctx):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    dialog.carrier_combo.setFocus()
    qtbot.keyClick(dialog.carrier_combo, Qt.Key.Key_Home)
    assert dialog.carrier_combo.currentData() == Carrier.SF.value
    index = dialog.carrier_combo.findData(Carrier.EMS.value)
    for _ in range(index):
        qtbot.keyClick(dialog.carrier_combo, Qt.Key.Key_Down)
    assert dialog.carrier_combo.currentData() == Carrier.EMS.value
    _tab(qtbot)

    _fill_required(dialog)
    _save_with_ctrl_enter(qtbot)
    assert Carrier.EMS.label("zh_CN") in dialog.field_error("tracking_no")
    assert _case_count(ctx) == 0


def test_duplicate_open_case_is_named_inline_and_can_be_opened(qtbot, ctx):
    existing = ctx.services.cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.DAMAGED,
                                                by=ctx.operator.id)
    dialog = _open(qtbot, ctx, SF_NUMBER)
    opened: list[str] = []
    dialog.sig_open_existing.connect(opened.append)
    _fill_required(dialog, ProblemKind.DAMAGED)
    _save_with_ctrl_enter(qtbot)

    assert _case_count(ctx) == 1
    assert dialog.banner.isVisible()
    assert existing.case_no in dialog.message_label.text()
    assert dialog.stack.currentWidget() is dialog.form_page
    button = dialog.open_existing_button
    assert button.objectName() == "regOpenExisting" and button.isVisible()
    assert _focused() is button
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert opened == [existing.case_no]
    assert not dialog.isVisible()


def test_known_parcel_facts_are_prefilled_and_phones_stay_masked(qtbot, ctx):
    ctx.services.cases.register_case(
        tracking_no=SF_NUMBER, kind=ProblemKind.LOST, by=ctx.operator.id,
        parcel={"sender_name": "张三", "sender_phone": "13900001111", "recipient_name": "李四",
                "declared_value": "300", "weight_g": "1.5", "scope": "same_city"})
    dialog = _open(qtbot, ctx, SF_NUMBER)

    assert dialog.known_label.isVisible()
    assert SF_NUMBER in dialog.known_label.text()
    sender = dialog.parcel_edits["sender_name"]
    assert sender.text() == "张三" and sender.isReadOnly()
    assert dialog.parcel_edits["declared_value"].text() == "300.00"
    assert dialog.parcel_edits["weight_g"].text() == "1.5"
    assert dialog.scope_combo.currentData() == ShipmentScope.SAME_CITY.value
    phone = dialog.parcel_edits["sender_phone"]
    assert phone.text() == "" and phone.isReadOnly()
    assert "139****1111" in phone.placeholderText()
    # Facts not on record yet stay open for typing.
    assert not dialog.parcel_edits["recipient_phone"].isReadOnly()
    assert not dialog.parcel_edits["cod_amount"].isReadOnly()

    _fill_required(dialog, ProblemKind.DELAYED)
    dialog.parcel_edits["recipient_phone"].setText("13700002222")
    dialog.parcel_edits["cod_amount"].setText("50")
    with qtbot.waitSignal(dialog.sig_registered) as registered:
        _save_with_ctrl_enter(qtbot)
    parcel = ctx.services.cases.detail(registered.args[0]).parcel
    assert parcel.sender_name == "张三"
    assert parcel.cod_amount == Decimal("50.00")
    assert parcel.recipient_phone == "137****2222"
    assert ctx.services.cases.reveal_contacts(case_id=registered.args[0], by=ctx.operator.id) == \
        {"sender_phone": "13900001111", "recipient_phone": "13700002222"}


def test_changing_the_number_away_from_a_known_parcel_unlocks_the_facts(qtbot, ctx):
    ctx.services.cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.LOST, by=ctx.operator.id,
                                     parcel={"sender_name": "张三"})
    dialog = _open(qtbot, ctx, SF_NUMBER)
    assert dialog.parcel_edits["sender_name"].isReadOnly()

    dialog.tracking_edit.setText("YT1234567890123")
    assert not dialog.known_label.isVisible()
    assert dialog.parcel_edits["sender_name"].text() == ""
    assert not dialog.parcel_edits["sender_name"].isReadOnly()
    assert dialog.carrier_combo.currentData() == Carrier.YTO.value


def test_guide_and_default_priority_follow_the_kind(qtbot, ctx):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    assert dialog.kind_combo.count() == len(ProblemKind) == 20
    assert dialog.kind_combo.currentIndex() == -1

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ProblemKind.DAMAGED.value))
    assert dialog.guide_label.text() == ProblemKind.DAMAGED.guide("zh_CN")
    assert dialog.priority_combo.currentData() == Priority.HIGH.value

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ProblemKind.REFUSED.value))
    assert dialog.guide_label.text() == ProblemKind.REFUSED.guide("zh_CN")
    assert dialog.priority_combo.currentData() == Priority.NORMAL.value

    # Once the clerk sets the priority, a change of kind leaves it alone.
    dialog.priority_combo.setFocus()
    qtbot.keyClick(dialog.priority_combo, Qt.Key.Key_End)
    assert dialog.priority_combo.currentData() == Priority.URGENT.value
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ProblemKind.LOST.value))
    assert dialog.guide_label.text() == ProblemKind.LOST.guide("zh_CN")
    assert dialog.priority_combo.currentData() == Priority.URGENT.value


def test_escape_cancels_without_saving(qtbot, ctx):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    _fill_required(dialog)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(_focused(), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert _case_count(ctx) == 0


def test_every_field_has_a_stable_object_name_and_an_accessible_name(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    for name in ("regTrackingNo", "regCarrier", "regKind", "regPriority", "regReportChannel",
                 "regReporterName", "regReporterContact", "regDescription", "regSenderName",
                 "regSenderPhone", "regSenderAddress", "regRecipientName", "regRecipientPhone",
                 "regRecipientAddress", "regItem", "regDeclaredValue", "regInsuredValue", "regFreight",
                 "regCodAmount", "regWeight", "regScope", "regSave", "regCancel", "regCaseNoLabel",
                 "regCopyButton", "regDoneButton", "regKindGuide"):
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    line_edits = dialog.form_page.findChildren(QLineEdit)
    assert all(edit.objectName().startswith("reg") for edit in line_edits if edit.parent() is not None
               and not edit.parent().inherits("QComboBox"))


@pytest.fixture
def english():  # noqa: ANN201
    yield
    LanguageManager.instance().set_language("zh_CN")


def test_switching_to_english_relabels_the_form(qtbot, ctx, english):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ProblemKind.DAMAGED.value))
    dialog.reporter_name_edit.setFocus()
    dialog.parcel_edits["sender_phone"].setText("123")
    dialog.save()
    assert "大陆" in dialog.field_error("sender_phone")
    assert Carrier.SF.zh in dialog.tracking_status.text()
    assert dialog.kind_combo.currentText() == "破损"

    LanguageManager.instance().set_language("en")
    QApplication.processEvents()

    assert dialog.tracking_status.text() == "✓ Detected: SF Express"
    assert dialog.kind_combo.currentText() == "Damaged"
    assert dialog.kind_combo.currentData() == ProblemKind.DAMAGED.value
    assert dialog.guide_label.text() == ProblemKind.DAMAGED.guide("en")
    assert dialog.scope_combo.currentText() == ShipmentScope.DOMESTIC.en
    assert dialog.findChild(QWidget, "regTrackingNoLabel").text() == "&Tracking number *"
    assert dialog.tracking_edit.accessibleName() == "Tracking number"
    assert "mainland" in dialog.field_error("sender_phone")

    LanguageManager.instance().set_language("zh_CN")
    QApplication.processEvents()
    assert dialog.kind_combo.currentText() == "破损"
    assert Carrier.SF.zh in dialog.tracking_status.text()


def test_tab_order_follows_the_form(qtbot, ctx):
    _open(qtbot, ctx)
    seen = []
    for _ in range(25):
        seen.append(_focused().objectName())
        _tab(qtbot)
    # "Read from photo…" comes last, so Tab through the form is unchanged and Shift+Tab
    # from the tracking number reaches it.
    assert seen == ["regTrackingNo", "regCarrier", "regKind", "regPriority", "regReportChannel",
                    "regReporterName", "regReporterContact", "regDescription", "regSenderName",
                    "regSenderPhone", "regSenderAddress", "regRecipientName", "regRecipientPhone",
                    "regRecipientAddress", "regItem", "regDeclaredValue", "regInsuredValue",
                    "regFreight", "regCodAmount", "regWeight", "regScope", "regCancel", "regSave",
                    "regReadFromPhoto", "regTrackingNo"]


def test_enter_moves_through_the_form_and_never_onto_cancel(qtbot, ctx):
    dialog = _open(qtbot, ctx, SF_NUMBER)
    assert _focused() is dialog.kind_combo
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    assert _focused() is dialog.priority_combo
    dialog.scope_combo.setFocus()
    qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Return)
    assert _focused() is dialog.save_button
    assert dialog.isVisible() and _case_count(ctx) == 0


def test_known_parcel_banner_lists_its_open_cases_with_chinese_punctuation(qtbot, ctx):
    cases = ctx.services.cases
    lost = cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.LOST, by=ctx.operator.id)
    delayed = cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.DELAYED, by=ctx.operator.id)
    dialog = _open(qtbot, ctx, SF_NUMBER)
    text = dialog.known_label.text()
    listed = [f"{lost.case_no}（遗失）", f"{delayed.case_no}（延误）"]
    assert (f"此快件的未结问题件：{'、'.join(listed)}。" in text
            or f"此快件的未结问题件：{'、'.join(reversed(listed))}。" in text), text


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_known_parcel_banner_lists_its_open_cases_in_english(qtbot, ctx):
    cases = ctx.services.cases
    lost = cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.LOST, by=ctx.operator.id)
    delayed = cases.register_case(tracking_no=SF_NUMBER, kind=ProblemKind.DELAYED, by=ctx.operator.id)
    dialog = _open(qtbot, ctx, SF_NUMBER)
    text = dialog.known_label.text()
    listed = [f"{lost.case_no} (Lost)", f"{delayed.case_no} (Delayed)"]
    assert (f"Open cases on this parcel: {', '.join(listed)}." in text
            or f"Open cases on this parcel: {', '.join(reversed(listed))}." in text), text
