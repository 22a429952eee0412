"""The words of the timeline: one definition, every recorded action and field named in both languages."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

from depot_app.domain import timeline_text as tt
from depot_app.domain.parcel import PARCEL_FIELDS
from depot_app.domain.resolutions import FIELD_LABELS as RESOLUTION_FIELDS
from depot_app.domain.timeline_text import TimelineFormat

SERVICES = Path(__file__).resolve().parents[2] / "depot_app" / "services"


def _recorded(keyword: str) -> set[str]:
    """Every constant ``keyword=`` given to ``record_event`` in the services."""
    found: set[str] = set()
    for path in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record_event"):
                continue
            for kw in node.keywords:
                if kw.arg == keyword and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    found.add(kw.value.value)
    return found


def test_the_scan_sees_the_services_record_events() -> None:
    actions = _recorded("action")
    assert {"registered", "contact", "status", "closed", "photo_purged"} <= actions


def test_every_recorded_action_has_a_chinese_and_an_english_name() -> None:
    for action in _recorded("action"):
        zh, en = tt.ACTION_LABELS[action]
        assert zh and en and zh != en, action
        assert tt.action_label(action, "zh_CN") == zh and tt.action_label(action, "en") == en


def test_every_recorded_field_has_a_name() -> None:
    for name in _recorded("field"):
        if name in ("amount", "comment", "loss", "note", "paid_on", "reason", "reference", "type"):
            continue  # fields of an audit entry about money or a decision, not of a case's timeline
        for lang in ("zh_CN", "en"):
            assert tt.field_label(name, lang) != name, (name, lang)
    for name in PARCEL_FIELDS:
        assert tt.field_label(f"parcel.{name}", "zh_CN") == PARCEL_FIELDS[name][0]
    for name in RESOLUTION_FIELDS:
        assert tt.field_label(f"resolution.{name}", "en") == f"Resolution: {RESOLUTION_FIELDS[name][1]}"
        assert tt.field_label(f"resolution.{name}", "zh_CN").startswith("处理方案：")


def test_an_unknown_code_is_shown_as_recorded() -> None:
    assert tt.action_label("something_new", "en") == "something_new"
    assert tt.field_label("odd.field", "zh_CN") == "odd.field"
    assert tt.value_text("odd.field", "whatever", TimelineFormat()) == "whatever"


def test_values_read_as_people_read_them() -> None:
    fmt = TimelineFormat(language="en", time=lambda m: m.strftime("%d.%m. %H:%M"), operators={7: "王芳"})
    assert tt.value_text("status", "closed", fmt) == "Closed"
    assert tt.value_text("assignee_id", "7", fmt) == "王芳"
    assert tt.value_text("assignee_id", "9", fmt) == "#9"
    assert tt.value_text("due_at", datetime(2026, 11, 3, 8, 5).isoformat(), fmt) == "03.11. 08:05"
    assert tt.value_text("parcel.declared_value", "1200.5", fmt) == "¥1,200.50"
    assert tt.value_text("parcel.weight_g", "1250", fmt) == "1.25 kg"
    assert tt.value_text("compensation.approval", "pending", fmt) == "Pending"
    assert tt.value_text("description", None, fmt) == "—"
    assert tt.value_text("description", "", fmt) == "“”"
    assert tt.change_text("status", "registered", "verifying", fmt) == "Registered → Verifying"
    assert tt.change_text(None, None, None, fmt) == ""


def test_masking_applies_to_free_text_only_when_the_format_masks() -> None:
    masked = TimelineFormat(mask=lambda text: text.replace("13812345678", "138****5678"))
    assert tt.value_text("parcel.recipient_phone", "13812345678", masked) == "138****5678"
    assert tt.value_text("parcel.recipient_phone", "13812345678", TimelineFormat()) == "13812345678"
    detail = "recipient/phone/reached: 客户说 13812345678 明天在家"
    assert tt.detail_text("contact", detail, masked) == "收件人 · 电话 · 已联系上：客户说 138****5678 明天在家"


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh_CN", "金额：¥1,200.50；依据：保价快件全部损失，按保价金额赔偿；原因：外包装破损"),
    ("en", "Amount: ¥1,200.50; Basis: Insured, total loss: the insured amount; Reason: 外包装破损"),
])
def test_a_resolution_summary_reads_in_either_language(lang: str, expected: str) -> None:
    summary = "赔偿；金额: 1200.50；依据: insured_total；原因: 外包装破损"
    assert tt.detail_text("resolution", summary, TimelineFormat(language=lang)) == expected


def test_a_purged_photo_and_a_payment() -> None:
    sha = "ab" * 32
    detail = f"#3 外包装 SHA-256 {sha}; deleted because: 拍错了; purged because: 含个人信息"
    en = tt.detail_text("photo_purged", detail, TimelineFormat(language="en"))
    assert en == f"Photo #3 外包装 (SHA-256 {sha[:12]}…); deleted because: 拍错了; purged because: 含个人信息"
    zh = tt.detail_text("photo_purged", detail, TimelineFormat())
    assert zh == f"照片 #3 外包装（SHA-256 {sha[:12]}…）；删除原因：拍错了；清除原因：含个人信息"
    assert tt.detail_text("payment", "bank ICBC-001 2026-11-02", TimelineFormat()) == "银行转账 ICBC-001 2026-11-02"


def test_an_absurd_amount_is_shown_as_recorded_not_raised() -> None:
    huge = "9" * 400
    assert tt.yuan_in_text(f"¥{huge}") == f"¥{huge}"
    assert tt.value_text("parcel.freight", huge, TimelineFormat()) == huge


def test_the_printed_line_says_what_the_screen_columns_say() -> None:
    fmt = TimelineFormat(language="en")
    action, line = tt.event_line("field", "parcel.weight_g", "1000", "1250", "", fmt)
    assert action == "Field change"
    change = tt.change_text("parcel.weight_g", "1000", "1250", fmt)
    assert line == f"{tt.field_label('parcel.weight_g', 'en')}  {change}" == "Weight  1 kg → 1.25 kg"
    action, line = tt.event_line("registered", None, None, "DD-20261103-0001", "damaged SF1234567890123", fmt)
    assert line == "DD-20261103-0001 Damaged SF1234567890123"
