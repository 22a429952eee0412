"""The Resolution tab against the real services on a fresh database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
)

from depot_app.domain.kinds import ProblemKind, resolutions_for
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import (
    CaseStatus,
    LossExtent,
    PaymentMethod,
    ResolutionState,
    ResolutionType,
    Role,
)
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.workspace.resolution_panel import ResolutionPanel

#: The fixed clock's day in Shanghai (tests/conftest.py START).
TODAY = date(2026, 11, 20)


def register(ctx, kind: ProblemKind, tracking_no: str = "SF1234567890123", **parcel: str) -> CaseDetail:
    return ctx.services.cases.register_case(tracking_no=tracking_no, kind=kind, by=ctx.operator.id,
                                            parcel=parcel or None)


@pytest.fixture
def make_panel(qtbot, ctx):
    panels: list[ResolutionPanel] = []

    def make(detail: CaseDetail) -> ResolutionPanel:
        panel = ResolutionPanel(ctx)
        panels.append(panel)
        panel.resize(1100, 760)
        panel.show()
        panel.set_case(detail)
        return panel

    yield make
    # Deleted now rather than with deleteLater(), which waits for an event loop
    # the tests never run: panels left alive keep relabelling on every
    # language change of the following tests.
    for panel in panels:
        if shiboken6.isValid(panel):
            panel.close()
            shiboken6.delete(panel)


def child(panel: ResolutionPanel, kind, name: str):
    widget = panel.findChild(kind, name)
    assert widget is not None, name
    return widget


def choose_type(panel: ResolutionPanel, rtype: ResolutionType) -> None:
    combo = child(panel, QComboBox, "resType")
    index = combo.findData(rtype)
    assert index >= 0, rtype
    combo.setCurrentIndex(index)


def click(qtbot, panel: ResolutionPanel, name: str) -> None:
    button = child(panel, QPushButton, name)
    assert button.isVisibleTo(panel) and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def error_text(panel: ResolutionPanel, field_object_name: str) -> str:
    label = child(panel, QLabel, f"{field_object_name}Error")
    return label.text() if label.isVisibleTo(panel) else ""


def test_only_resolutions_fitting_the_kind_are_offered(make_panel, ctx):
    panel = make_panel(register(ctx, ProblemKind.DAMAGED))
    combo = child(panel, QComboBox, "resType")
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == list(resolutions_for(ProblemKind.DAMAGED))
    assert ResolutionType.TRANSFER not in offered and ResolutionType.SELF_PICKUP not in offered
    # the stack follows the chooser
    choose_type(panel, ResolutionType.RESEND)
    stack = child(panel, QStackedWidget, "resStack")
    assert stack.currentWidget().findChild(QLineEdit, "resNewTracking") is not None
    assert child(panel, QLabel, "resNone").isVisibleTo(panel)


def test_redeliver_with_corrected_phone(qtbot, make_panel, ctx):
    detail = register(ctx, ProblemKind.DAMAGED)
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.REDELIVER)
    attempt = child(panel, QDateEdit, "resAttemptDate")
    assert attempt.date() == QDate(2026, 11, 21)  # tomorrow by default
    child(panel, QLineEdit, "resNewAddress").setText("上海市浦东新区世纪大道100号")
    qtbot.keyClicks(child(panel, QLineEdit, "resNewPhone"), "139 1234 5678")
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resChoose")
    fresh = blocker.args[0]
    assert fresh.status is CaseStatus.RESOLUTION_CHOSEN
    res = ctx.services.cases.detail(detail.id).current_resolution
    assert res.type is ResolutionType.REDELIVER and res.state is ResolutionState.CHOSEN
    assert res.details == {"attempt_date": "2026-11-21", "new_address": "上海市浦东新区世纪大道100号",
                           "new_phone": "13912345678"}
    assert child(panel, QLabel, "resCurrentType").text() == ResolutionType.REDELIVER.label("zh_CN")
    shown = child(panel, QLabel, "resCurrentDetails").text()
    assert "139****5678" in shown and "13912345678" not in shown  # masked on screen
    # the form was emptied and folded away; it opens again to replace the resolution
    assert child(panel, QLineEdit, "resNewPhone").text() == ""
    assert not child(panel, QComboBox, "resType").isVisibleTo(panel)
    click(qtbot, panel, "resChangeButton")
    assert child(panel, QComboBox, "resType").isVisibleTo(panel)
    click(qtbot, panel, "resCancelChange")
    assert not child(panel, QComboBox, "resType").isVisibleTo(panel)
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resStart")
    assert blocker.args[0].status is CaseStatus.IN_PROGRESS
    assert not child(panel, QPushButton, "resStart").isVisibleTo(panel)


def test_invalid_phone_is_shown_inline_and_nothing_changes(qtbot, make_panel, ctx, errors):
    detail = register(ctx, ProblemKind.DAMAGED)
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.REDELIVER)
    phone = child(panel, QLineEdit, "resNewPhone")
    qtbot.keyClicks(phone, "1391234")
    with qtbot.assertNotEmitted(panel.sig_case_updated):
        click(qtbot, panel, "resChoose")
    assert error_text(panel, "resNewPhone")
    assert phone.hasFocus() or not panel.isActiveWindow()
    assert errors == []
    after = ctx.services.cases.detail(detail.id)
    assert after.status is CaseStatus.REGISTERED and after.resolutions == []
    assert after.version == detail.version
    # typing again clears the message
    qtbot.keyClicks(phone, "5678")
    assert error_text(panel, "resNewPhone") == ""


def test_uninsured_lost_parcel_suggests_the_freight_cap(qtbot, make_panel, ctx):
    detail = register(ctx, ProblemKind.LOST, declared_value="3000", insured_value="0", freight="20")
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.COMPENSATE)
    assert child(panel, QComboBox, "compLoss").currentData() == LossExtent.TOTAL  # the kind's default
    qtbot.keyClicks(child(panel, QLineEdit, "compActualLoss"), "1500")
    assert "¥60.00" in child(panel, QLabel, "compSuggested").text()
    explanation = child(panel, QLabel, "compExplanation").text()
    assert "¥60.00" in explanation and "¥1,500.00" in explanation
    assert child(panel, QLineEdit, "compAmount").text() == "60.00"
    assert not child(panel, QLineEdit, "compAdjustReason").isEnabled()
    assert not child(panel, QLabel, "compApprovalNote").isVisibleTo(panel)

    # the clerk raises the amount: a reason becomes required, and approval above the threshold
    amount = child(panel, QLineEdit, "compAmount")
    amount.clear()
    qtbot.keyClicks(amount, "250")
    assert child(panel, QLineEdit, "compAdjustReason").isEnabled()
    note = child(panel, QLabel, "compApprovalNote")
    assert note.isVisibleTo(panel) and "¥200.00" in note.text()
    with qtbot.assertNotEmitted(panel.sig_case_updated):
        click(qtbot, panel, "resChoose")
    assert error_text(panel, "compAdjustReason")
    assert ctx.services.cases.detail(detail.id).resolutions == []

    # back to the suggestion: below the threshold, chosen without approval
    amount.clear()
    qtbot.keyClicks(amount, "60")
    assert not child(panel, QLineEdit, "compAdjustReason").isEnabled()
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resChoose")
    fresh = blocker.args[0]
    assert fresh.status is CaseStatus.RESOLUTION_CHOSEN
    comp = fresh.current_resolution.compensation
    assert comp.amount == Decimal("60.00") and comp.approval_state == "not_needed"
    assert child(panel, QLabel, "compCurrentAmount").text() == "¥60.00"
    assert "¥60.00" in child(panel, QLabel, "payAmount").text()
    assert child(panel, QGroupBox, "paymentBox").isVisibleTo(panel)


def test_bad_money_is_shown_inline(qtbot, make_panel, ctx, errors):
    detail = register(ctx, ProblemKind.LOST, declared_value="3000", freight="20")
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.COMPENSATE)
    qtbot.keyClicks(child(panel, QLineEdit, "compActualLoss"), "12.345")
    assert "建议金额：—" in child(panel, QLabel, "compSuggested").text()
    with qtbot.assertNotEmitted(panel.sig_case_updated):
        click(qtbot, panel, "resChoose")
    assert error_text(panel, "compActualLoss")
    assert errors == []


def test_insured_loss_needs_approval_then_is_paid(qtbot, make_panel, ctx):
    detail = register(ctx, ProblemKind.LOST, declared_value="1500", insured_value="1000", freight="20")
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.COMPENSATE)
    assert "¥1,000.00" in child(panel, QLabel, "compSuggested").text()
    assert child(panel, QLineEdit, "compAmount").text() == "1000.00"
    assert child(panel, QLabel, "compApprovalNote").isVisibleTo(panel)
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resChoose")
    assert blocker.args[0].status is CaseStatus.AWAITING_APPROVAL
    approval_box = child(panel, QGroupBox, "approvalBox")
    assert approval_box.isVisibleTo(panel)
    assert not child(panel, QGroupBox, "paymentBox").isVisibleTo(panel)
    assert not child(panel, QComboBox, "resType").isEnabled()  # decide the pending one first
    assert child(panel, QLabel, "compCurrentApproval").text()

    # the manager approves with a comment
    qtbot.keyClicks(child(panel, QLineEdit, "approvalComment"), "OK, invoice checked")
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "approveButton")
    approved = blocker.args[0]
    assert approved.status is CaseStatus.RESOLUTION_CHOSEN
    assert approved.current_resolution.compensation.approval_state == "approved"
    assert not approval_box.isVisibleTo(panel)
    assert "OK, invoice checked" in child(panel, QLabel, "compCurrentApproval").text()
    assert child(panel, QGroupBox, "paymentBox").isVisibleTo(panel)

    # payment by Alipay with its reference, paid today
    method = child(panel, QComboBox, "payMethod")
    method.setCurrentIndex(method.findData(PaymentMethod.ALIPAY))
    assert child(panel, QDateEdit, "payDate").date() == QDate(2026, 11, 20)
    qtbot.keyClicks(child(panel, QLineEdit, "payReference"), "2026112022001400123456")
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "payButton")
    paid = blocker.args[0]
    comp = paid.current_resolution.compensation
    assert comp.paid_at is not None and comp.payment_method is PaymentMethod.ALIPAY
    assert comp.payment_reference == "2026112022001400123456"
    assert paid.status is CaseStatus.IN_PROGRESS
    payment = child(panel, QLabel, "compCurrentPayment").text()
    assert "2026-11-20" in payment and PaymentMethod.ALIPAY.label("zh_CN") in payment
    assert "2026112022001400123456" in payment
    assert not child(panel, QGroupBox, "paymentBox").isVisibleTo(panel)


def test_payment_needs_a_reference_unless_cash(qtbot, make_panel, ctx):
    detail = register(ctx, ProblemKind.LOST, declared_value="3000", freight="20")
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.COMPENSATE)
    qtbot.keyClicks(child(panel, QLineEdit, "compActualLoss"), "50")
    click(qtbot, panel, "resChoose")
    with qtbot.assertNotEmitted(panel.sig_case_updated):
        click(qtbot, panel, "payButton")
    assert error_text(panel, "payReference")
    assert ctx.services.cases.detail(detail.id).current_resolution.compensation.paid_at is None


def _pending_compensation(ctx) -> CaseDetail:
    detail = register(ctx, ProblemKind.LOST, declared_value="1500", insured_value="1000", freight="20")
    from depot_app.services.cases import ClaimInput

    return ctx.services.cases.choose_resolution(
        case_id=detail.id, expected_version=detail.version, type=ResolutionType.COMPENSATE, details={},
        by=ctx.operator.id, claim=ClaimInput(loss=LossExtent.TOTAL))


def test_reject_needs_a_comment(qtbot, make_panel, ctx, errors):
    detail = _pending_compensation(ctx)
    assert detail.status is CaseStatus.AWAITING_APPROVAL
    panel = make_panel(detail)
    with qtbot.assertNotEmitted(panel.sig_case_updated):
        click(qtbot, panel, "rejectButton")
    assert error_text(panel, "approvalComment")
    assert errors == []
    assert ctx.services.cases.detail(detail.id).status is CaseStatus.AWAITING_APPROVAL
    qtbot.keyClicks(child(panel, QLineEdit, "approvalComment"), "No purchase proof")
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "rejectButton")
    assert blocker.args[0].status is CaseStatus.INVESTIGATING
    assert "No purchase proof" in child(panel, QLabel, "resNone").text()
    assert child(panel, QComboBox, "resType").isEnabled()


def test_a_clerk_cannot_approve(make_panel, ctx):
    detail = _pending_compensation(ctx)
    clerk = ctx.services.operators.add(name="李客服", role=Role.CLERK, by=None)
    ctx.operator = clerk
    panel = make_panel(detail)
    approve = child(panel, QPushButton, "approveButton")
    reject = child(panel, QPushButton, "rejectButton")
    assert approve.isVisibleTo(panel)
    assert not approve.isEnabled() and not reject.isEnabled()
    assert approve.toolTip() == "只有网点负责人可以审批赔偿"
    assert not child(panel, QLineEdit, "approvalComment").isEnabled()


def test_stale_edit_is_reported_and_the_case_reloaded(qtbot, make_panel, ctx, errors):
    detail = register(ctx, ProblemKind.DAMAGED)
    panel = make_panel(detail)
    # another desk changes the case meanwhile
    ctx.services.cases.update_case(case_id=detail.id, expected_version=detail.version,
                                   changes={"description": "外箱压扁"}, by=ctx.operator.id)
    choose_type(panel, ResolutionType.RESEND)
    qtbot.keyClicks(child(panel, QLineEdit, "resNewTracking"), "YT1234567890123")
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resChoose")
    assert len(errors) == 1
    reloaded = blocker.args[0]
    assert reloaded.version > detail.version and reloaded.resolutions == []
    # what the clerk typed is still there to try again, now against the fresh version
    assert child(panel, QLineEdit, "resNewTracking").text() == "YT1234567890123"
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resChoose")
    assert blocker.args[0].current_resolution.type is ResolutionType.RESEND


def test_transfer_then_signed_date(qtbot, make_panel, ctx):
    detail = register(ctx, ProblemKind.OUT_OF_AREA)
    panel = make_panel(detail)
    choose_type(panel, ResolutionType.TRANSFER)
    child(panel, QComboBox, "resCarrier").setEditText("中国邮政")
    qtbot.keyClicks(child(panel, QLineEdit, "resTransferTracking"), "EA123456785CN")
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000):
        click(qtbot, panel, "resChoose")
    signed = child(panel, QDateEdit, "resSignedDate")
    signed.setDate(QDate(2026, 11, 19))
    with qtbot.waitSignal(panel.sig_case_updated, timeout=1000) as blocker:
        click(qtbot, panel, "resSignedButton")
    res = blocker.args[0].current_resolution
    assert res.details["signed_at"] == "2026-11-19" and res.details["carrier"] == "中国邮政"


def test_self_pickup_code_is_generated(qtbot, make_panel, ctx):
    panel = make_panel(register(ctx, ProblemKind.OUT_OF_AREA))
    choose_type(panel, ResolutionType.SELF_PICKUP)
    click(qtbot, panel, "resGenerateCode")
    code = child(panel, QLineEdit, "resPickupCode").text()
    assert len(code) == 6 and code.isdigit()
    with qtbot.assertNotEmitted(panel.sig_case_updated):
        click(qtbot, panel, "resChoose")
    assert error_text(panel, "resOutlet")


def test_focus_first_and_language_switch(qtbot, make_panel, ctx):
    panel = make_panel(register(ctx, ProblemKind.DAMAGED))
    panel.activateWindow()
    panel.focus_first()
    assert panel.focusWidget() is child(panel, QComboBox, "resType")
    LanguageManager.instance().set_language("en")
    combo = child(panel, QComboBox, "resType")
    assert combo.itemText(0) == ResolutionType.REDELIVER.en
    LanguageManager.instance().set_language("zh_CN")
    assert combo.itemText(0) == ResolutionType.REDELIVER.zh
