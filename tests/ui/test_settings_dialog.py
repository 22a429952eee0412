"""The settings dialog: depot settings for managers, the language for everyone."""

from __future__ import annotations

import dataclasses
import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox, QTabWidget

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Priority, Role, ShipmentScope
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.settings.settings_dialog import (
    PAGE_COMPENSATION,
    PAGE_DEADLINES,
    PAGE_DEPOT,
    PAGE_LANGUAGE,
    SettingsDialog,
)


def make_dialog(qtbot, ctx) -> SettingsDialog:  # noqa: ANN001
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def find(dialog: SettingsDialog, cls, name: str):  # noqa: ANN001, ANN201
    widget = dialog.findChild(cls, name)
    assert widget is not None, name
    return widget


def hours_spin(dialog: SettingsDialog, kind: ProblemKind) -> QSpinBox:
    return find(dialog, QSpinBox, f"setResolutionHours_{kind.value}")


def click_ok(qtbot, dialog: SettingsDialog) -> None:  # noqa: ANN001
    qtbot.mouseClick(dialog.findChild(object, "settingsOk"), Qt.MouseButton.LeftButton)


def click_radio(qtbot, radio) -> None:  # noqa: ANN001
    # A radio button spans its row, but only the indicator and text react to a click.
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def test_fields_show_the_stored_values(qtbot, ctx) -> None:  # noqa: ANN001
    settings = ctx.services.settings
    settings.set(key="depot_code", value="BJ07", by=ctx.operator.id)
    settings.set(key="timezone", value="Asia/Urumqi", by=ctx.operator.id)
    stored = Policy().with_changes(
        approval_threshold=Decimal("350.00"),
        uninsured_freight_multiple=Decimal("2.5"),
        delay_waives_freight=False,
        resolution_hours={**Policy().resolution_hours, ProblemKind.LOST: 200},
        lost_after_days={**Policy().lost_after_days, ShipmentScope.INTERNATIONAL: 30},
    )
    settings.set_policy(policy=stored, by=ctx.operator.id)

    dialog = make_dialog(qtbot, ctx)

    assert find(dialog, QLineEdit, "setDepotCode").text() == "BJ07"
    assert find(dialog, QLineEdit, "setDepotName").text() == "上海浦东网点"
    assert dialog.timezone_value() == "Asia/Urumqi"
    assert find(dialog, QComboBox, "setTimezone").currentText().startswith("Asia/Urumqi")
    assert find(dialog, QDoubleSpinBox, "setFreightMultiple").value() == 2.5
    assert not find(dialog, QCheckBox, "setDelayWaives").isChecked()
    assert find(dialog, QLineEdit, "setApprovalThreshold").text() == "¥350.00"
    assert not find(dialog, QCheckBox, "setForceMajeure").isChecked()
    assert find(dialog, QSpinBox, "setComplaintHours").value() == 24
    assert find(dialog, QSpinBox, "setDueSoonHours").value() == 4
    assert find(dialog, QSpinBox, "setDueSoonFraction").value() == 25
    assert hours_spin(dialog, ProblemKind.LOST).value() == 200
    assert find(dialog, QSpinBox, "setLostDays_international").value() == 30
    assert find(dialog, QDoubleSpinBox, "setPriorityFactor_urgent").value() == 0.25
    # Kind labels follow the interface language (Chinese in this test).
    table = find(dialog, QTabWidget, "settingsTabs").findChild(object, "setResolutionHours")
    row = list(ProblemKind).index(ProblemKind.LOST)
    assert table.item(row, 0).text() == ProblemKind.LOST.label("zh_CN")
    # The worked example follows the stored multiple.
    assert "¥30.00" in find(dialog, QLabel, "setFreightExample").text()


def test_ok_with_nothing_changed_stores_nothing_new(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    with qtbot.waitSignal(dialog.sig_saved):
        click_ok(qtbot, dialog)
    # Opening and confirming writes no row: every setting is still its default.
    assert ctx.services.settings.all()["policy"] == Policy().to_dict()


def test_changes_are_stored_on_ok(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    code = find(dialog, QLineEdit, "setDepotCode")
    code.clear()
    qtbot.keyClicks(code, "gz03")
    threshold = find(dialog, QLineEdit, "setApprovalThreshold")
    threshold.clear()
    qtbot.keyClicks(threshold, "¥1,200.50")
    hours_spin(dialog, ProblemKind.DAMAGED).setValue(36)
    find(dialog, QDoubleSpinBox, "setPriorityFactor_high").setValue(0.75)
    find(dialog, QComboBox, "setTimezone").setCurrentIndex(
        find(dialog, QComboBox, "setTimezone").findData("Asia/Hong_Kong"))

    with qtbot.waitSignal(dialog.sig_saved):
        click_ok(qtbot, dialog)

    settings = ctx.services.settings
    assert settings.get("depot_code") == "GZ03"
    assert settings.get("timezone") == "Asia/Hong_Kong"
    policy = settings.policy()
    assert policy.approval_threshold == Decimal("1200.50")
    assert policy.resolution_hours[ProblemKind.DAMAGED] == 36
    assert policy.resolution_hours[ProblemKind.LOST] == 168  # untouched
    assert policy.priority_factors[Priority.HIGH] == Decimal("0.75")
    assert policy.uninsured_freight_multiple == Decimal("3")
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_invalid_depot_code_is_shown_inline_and_nothing_is_stored(qtbot, ctx, errors) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    dialog.tabs.setCurrentIndex(PAGE_DEADLINES)
    hours_spin(dialog, ProblemKind.DAMAGED).setValue(10)
    code = find(dialog, QLineEdit, "setDepotCode")
    code.clear()
    qtbot.keyClicks(code, "x!")

    with qtbot.assertNotEmitted(dialog.sig_saved):
        click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == PAGE_DEPOT
    message = find(dialog, QLabel, "setDepotCodeError")
    assert message.isVisible()
    assert "x!" in message.text()
    assert errors == []  # inline, not a message box
    assert ctx.services.settings.get("depot_code") == "SH01"
    assert ctx.services.settings.policy().resolution_hours[ProblemKind.DAMAGED] == 72

    # Typing again clears the message; a valid code then saves.
    code.clear()
    qtbot.keyClicks(code, "SH02")
    assert not message.isVisible()
    with qtbot.waitSignal(dialog.sig_saved):
        click_ok(qtbot, dialog)
    assert ctx.services.settings.get("depot_code") == "SH02"


def test_bad_threshold_is_shown_inline(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    threshold = find(dialog, QLineEdit, "setApprovalThreshold")
    threshold.clear()
    qtbot.keyClicks(threshold, "12,34")
    with qtbot.assertNotEmitted(dialog.sig_saved):
        click_ok(qtbot, dialog)
    assert dialog.tabs.currentIndex() == PAGE_COMPENSATION
    assert find(dialog, QLabel, "setApprovalThresholdError").isVisible()
    assert ctx.services.settings.policy().approval_threshold == Decimal("200.00")


def test_invalid_depot_name_from_chinese_text(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    name = find(dialog, QLineEdit, "setDepotName")
    name.setText("   ")
    click_ok(qtbot, dialog)
    assert find(dialog, QLabel, "setDepotNameError").isVisible()
    name.setText("广州天河网点")
    with qtbot.waitSignal(dialog.sig_saved):
        click_ok(qtbot, dialog)
    assert ctx.services.settings.get("depot_name") == "广州天河网点"


def test_worked_example_updates_live(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    example = find(dialog, QLabel, "setFreightExample")
    assert "3 × 运费 ¥12.00 = 上限 ¥36.00" in example.text()
    find(dialog, QDoubleSpinBox, "setFreightMultiple").setValue(2.5)
    assert "2.5 × 运费 ¥12.00 = 上限 ¥30.00" in example.text()


def test_non_manager_sees_read_only_fields(qtbot, ctx) -> None:  # noqa: ANN001
    clerk = ctx.services.operators.add(name="客服小李", role=Role.CLERK, by=ctx.operator.id)
    clerk_ctx = dataclasses.replace(ctx, operator=clerk)
    dialog = make_dialog(qtbot, clerk_ctx)

    note = find(dialog, QLabel, "settingsReadOnlyNote")
    assert note.isVisible()
    assert "只有网点负责人可以修改网点设置" in note.text()
    for name in ("setDepotCode", "setDepotName", "setApprovalThreshold"):
        assert find(dialog, QLineEdit, name).isReadOnly(), name
    for name in ("setFreightMultiple",):
        assert find(dialog, QDoubleSpinBox, name).isReadOnly(), name
    for name in ("setComplaintHours", "setDueSoonHours", "setDueSoonFraction", "setLostDays_domestic"):
        assert find(dialog, QSpinBox, name).isReadOnly(), name
    assert hours_spin(dialog, ProblemKind.DAMAGED).isReadOnly()
    for name in ("setDelayWaives", "setForceMajeure", "setTimezone"):
        assert not dialog.findChild(object, name).isEnabled(), name
    assert not dialog.findChild(object, "setRestoreDefaults").isEnabled()
    # The language stays the user's own choice.
    assert find(dialog, object, "setLanguageEn").isEnabled()
    assert find(dialog, object, "setLanguageZh").isEnabled()

    # OK closes without storing anything.
    with qtbot.assertNotEmitted(dialog.sig_saved):
        click_ok(qtbot, dialog)
    assert not dialog.isVisible()


def test_manager_sees_no_read_only_note(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    assert not find(dialog, QLabel, "settingsReadOnlyNote").isVisible()
    assert not find(dialog, QLineEdit, "setDepotCode").isReadOnly()


def test_restore_defaults_resets_the_current_page_only(qtbot, ctx) -> None:  # noqa: ANN001
    stored = Policy().with_changes(approval_threshold=Decimal("999.00"), due_soon_hours=9,
                                   resolution_hours={**Policy().resolution_hours, ProblemKind.LOST: 300})
    ctx.services.settings.set_policy(policy=stored, by=ctx.operator.id)
    dialog = make_dialog(qtbot, ctx)
    restore = dialog.findChild(object, "setRestoreDefaults")

    dialog.tabs.setCurrentIndex(PAGE_DEPOT)
    assert not restore.isEnabled()  # code and name have no default to go back to

    dialog.tabs.setCurrentIndex(PAGE_DEADLINES)
    assert restore.isEnabled()
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert hours_spin(dialog, ProblemKind.LOST).value() == 168
    assert find(dialog, QSpinBox, "setDueSoonHours").value() == 4
    # The compensation page was not on screen, so it keeps its value ...
    assert find(dialog, QLineEdit, "setApprovalThreshold").text() == "¥999.00"
    # ... and nothing is stored until OK.
    assert ctx.services.settings.policy().resolution_hours[ProblemKind.LOST] == 300

    dialog.tabs.setCurrentIndex(PAGE_COMPENSATION)
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert find(dialog, QLineEdit, "setApprovalThreshold").text() == "¥200.00"
    with qtbot.waitSignal(dialog.sig_saved):
        click_ok(qtbot, dialog)
    assert ctx.services.settings.policy() == Policy()


def test_cancel_discards(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    find(dialog, QLineEdit, "setDepotCode").setText("ZZ99")
    hours_spin(dialog, ProblemKind.DAMAGED).setValue(5)
    with qtbot.assertNotEmitted(dialog.sig_saved):
        qtbot.mouseClick(dialog.findChild(object, "settingsCancel"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert ctx.services.settings.get("depot_code") == "SH01"
    assert ctx.services.settings.policy() == Policy()


def test_choosing_english_emits_language_at_once(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    dialog.tabs.setCurrentIndex(PAGE_LANGUAGE)
    english = find(dialog, object, "setLanguageEn")
    assert find(dialog, object, "setLanguageZh").isChecked()
    with qtbot.waitSignal(dialog.sig_language_chosen) as blocker:
        click_radio(qtbot, english)
    assert blocker.args == ["en"]


def test_language_change_relabels_kinds(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    dialog.sig_language_chosen.connect(LanguageManager.instance().set_language)
    click_radio(qtbot, find(dialog, object, "setLanguageEn"))
    row = list(ProblemKind).index(ProblemKind.DAMAGED)
    assert dialog.resolution_table.item(row, 0).text() == ProblemKind.DAMAGED.label("en")
    assert find(dialog, object, "setLanguageEn").isChecked()
    labels = [label.text() for label in dialog.lost_labels.values()]
    assert labels == [scope.label("en") + ":" for scope in ShipmentScope]


def test_every_named_widget_exists_with_an_accessible_name(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx)
    for name in ("settingsTabs", "setDepotCode", "setDepotName", "setTimezone", "setFreightMultiple",
                 "setDelayWaives", "setApprovalThreshold", "setForceMajeure", "setComplaintHours",
                 "setDueSoonHours", "setDueSoonFraction", "setResolutionHours", "setLanguageZh",
                 "setLanguageEn"):
        widget = dialog.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    for name in ("setLostDays", "settingsOk", "settingsCancel", "setRestoreDefaults"):
        assert dialog.findChild(object, name) is not None, name


@pytest.mark.skipif(not os.environ.get("DEPOT_RENDER_DIR"), reason="set DEPOT_RENDER_DIR to render pages")
@pytest.mark.parametrize("role", [Role.MANAGER, Role.CLERK])
def test_render_pages(qtbot, ctx, role) -> None:  # noqa: ANN001
    """Renders each page to PNG for a person to look at (not run by default)."""
    if role is not Role.MANAGER:
        ctx = dataclasses.replace(ctx, operator=ctx.services.operators.add(
            name="客服小李", role=role, by=ctx.operator.id))
    dialog = make_dialog(qtbot, ctx)
    out = Path(os.environ["DEPOT_RENDER_DIR"])
    out.mkdir(parents=True, exist_ok=True)
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        qtbot.wait(10)
        dialog.grab().save(str(out / f"settings-{role.value}-{page}.png"))
    if role is Role.MANAGER:
        LanguageManager.instance().set_language("en")
        for page in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(page)
            qtbot.wait(10)
            dialog.grab().save(str(out / f"settings-{role.value}-{page}-en.png"))
        code = find(dialog, QLineEdit, "setDepotCode")
        code.setText("x!")
        click_ok(qtbot, dialog)
        dialog.grab().save(str(out / "settings-error.png"))
