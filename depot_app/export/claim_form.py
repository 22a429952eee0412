"""The claim form (赔偿申请单) of a compensation case, for the customer, the manager and finance.

Claimant, parcel and problem, the evidence list, the amounts (with the
approved amount in Chinese financial capitals, 大写, as finance expects), the
bank/Alipay/WeChat details, and the approval box with signature lines.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from depot_app.domain.vocabulary import PaymentMethod
from depot_app.export.case_report import signature_block, title_block
from depot_app.export.context import (
    CancelledFn,
    ProgressFn,
    ReportContext,
    Ticker,
    atomic_output,
    compensation_of,
    mask_account,
    no_compensation_error,
)
from depot_app.export.pdf_common import (
    CONTENT_W,
    GRID,
    HEAD_BG,
    LABEL_BG,
    MUTED,
    PRIMARY,
    Checkboxes,
    DepotDoc,
    Field,
    PageFurniture,
    Section,
    SectionHeading,
    Styles,
    approval_label,
    basis_label,
    build,
    contact_value,
    entry_commands,
    explanation_text,
    facts_table,
    heading,
    live_photos,
    section,
    slot_label,
    weight_text,
    yuan_in_words,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from depot_app.domain.views import CaseDetail, CompensationView

#: The evidence a claim normally needs, with the photo slots that prove each.
_EVIDENCE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("运单/面单", "Waybill / label", ("label", "waybill")),
    ("购物凭证或价值证明", "Purchase proof or proof of value", ("receipt",)),
    ("物品照片", "Photos of the item", ("contents", "item", "damage")),
    ("外包装照片", "Photos of the packaging", ("exterior", "packaging", "outer")),
    ("称重记录", "Weighing record", ("scale", "weight")),
)


def claim_title(ctx: ReportContext) -> str:
    return "赔偿申请单 / Compensation claim form" if ctx.zh else "Compensation claim form / 赔偿申请单"


def claimant_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    """Who claims, for which parcel and which problem."""
    t = ctx.t
    p = detail.parcel
    # The sender has the say over a claim (DOMAIN.md), unless the recipient reported it.
    is_recipient = bool(detail.reporter_name) and detail.reporter_name == p.recipient_name
    name = p.recipient_name if is_recipient else p.sender_name
    phone = p.recipient_phone if is_recipient else p.sender_phone
    address = p.recipient_address if is_recipient else p.sender_address
    relation = Checkboxes([(not is_recipient, t("寄件人", "Sender")), (is_recipient, t("收件人", "Recipient")),
                           (False, t("其他", "Other"))])
    fields = [
        Field(t("索赔人", "Claimant"), name or "—"),
        Field(t("联系电话", "Phone"), contact_value(phone, ctx)),
        Field(t("与快件关系", "Relation"), relation),
        Field(t("身份证号", "ID number"), ""),
        Field(t("地址", "Address"), address or "—", wide=True),
        Field(t("物品", "Item"), p.item_description or "—"),
        Field(t("重量", "Weight"), weight_text(p.weight_g)),
        Field(t("问题类型", "Kind"), detail.kind.label(ctx.language)),
        Field(t("登记时间", "Reported at"), ctx.time(detail.reported_at)),
        Field(t("问题描述", "Description"), ctx.mask_text(detail.description) or "—", wide=True),
    ]
    return [section(heading(ctx, "索赔人与快件", "Claimant and parcel"), [facts_table(fields, styles)])]


def evidence_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    """The usual evidence, ticked where photos of that kind are on file; two items to a row."""
    photos = live_photos(detail)
    known = {slot for _zh, _en, proving in _EVIDENCE for slot in proving}
    items: list[tuple[bool, str, str]] = []
    for zh, en, proving in _EVIDENCE:
        have = [ph for ph in photos if ph.slot.strip().lower() in proving]
        items.append((bool(have), zh if ctx.zh else en,
                      ctx.t(f"照片 {len(have)} 张", f"{len(have)} photo(s)") if have else ""))
    others = [ph for ph in photos if ph.slot.strip().lower() not in known]
    items.append((bool(others), ctx.t("其他", "Other"),
                  "、".join(sorted({slot_label(ph.slot, ctx) for ph in others})) if others else ""))
    rows: list[list[Flowable | str]] = []
    for start in range(0, len(items), 2):
        row: list[Flowable | str] = []
        for checked, label, note in items[start:start + 2]:
            row += [Checkboxes([(checked, label)]), styles.p(note or " ", "muted")]
        rows.append(row + [""] * (4 - len(row)))
    half = CONTENT_W / 2
    table = Table(rows, colWidths=[half * 0.62, half * 0.38] * 2)
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.35, GRID), ("LINEBELOW", (0, 0), (-1, -2), 0.35, GRID),
        ("LINEAFTER", (1, 0), (1, -1), 0.35, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    title = (SectionHeading(f"证据清单（系统内照片共 {len(photos)} 张）", "Evidence", continued_mark="（续）")
             if ctx.zh else SectionHeading(f"Evidence ({len(photos)} photo(s) on file)"))
    return [section(title, [table])]


def amounts_section(detail: CaseDetail, comp: CompensationView, ctx: ReportContext,
                    styles: Styles) -> list[Flowable]:
    t = ctx.t
    p = detail.parcel
    label_w = (25 if ctx.zh else 28) * mm
    value_w = CONTENT_W / 3 - label_w
    cell = styles.p
    data: list[list[Any]] = [
        [cell(t("申报价值", "Declared value"), "label"), cell(ctx.money(p.declared_value), "cell"),
         cell(t("保价金额", "Insured value"), "label"), cell(ctx.money(p.insured_value), "cell"),
         cell(t("运费", "Freight"), "label"), cell(ctx.money(p.freight), "cell")],
        [cell(t("建议赔偿金额", "Suggested"), "label"), cell(ctx.money(comp.suggested_amount), "cell"),
         cell(t("核定赔偿金额", "Approved amount"), "label"), cell(ctx.money(comp.amount), "amount"),
         cell(t("审批", "Approval"), "label"), cell(approval_label(comp.approval_state, ctx), "cell")],
    ]
    commands: list[tuple[object, ...]] = [
        ("BOX", (0, 0), (-1, -1), 0.35, GRID),
        ("INNERGRID", (0, 0), (-1, 1), 0.35, GRID),
        ("LINEAFTER", (0, 0), (0, -1), 0.35, GRID),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("BACKGROUND", (2, 0), (2, 1), LABEL_BG),
        ("BACKGROUND", (4, 0), (4, 1), LABEL_BG),
        ("BACKGROUND", (3, 1), (3, 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, 1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, 1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    wide_w = CONTENT_W - label_w - 8

    def wide(label: str, values: list[Any]) -> None:
        """A label and a value over the other five columns, a long value over several rows."""
        first = len(data)
        for k, value in enumerate(values):
            data.append([cell(label, "label") if k == 0 else "", value, "", "", "", ""])
            commands.append(("SPAN", (1, first + k), (5, first + k)))
        commands.extend(entry_commands(first, len(values), zebra=False, rule=True))
        if len(values) > 1:
            commands.append(("VALIGN", (0, first), (-1, first + len(values) - 1), "TOP"))

    wide(t("金额大写", "In words (大写)"), [cell(f"人民币 {yuan_in_words(comp.amount)}", "big")])
    explanation = explanation_text(comp.explanation, ctx)
    wide(t("计算依据", "Basis"), [cell(basis_label(comp.basis, ctx), "cell"),
                                 *(styles.chunks(explanation, "cell", width=wide_w, textColor=MUTED)
                                   if explanation else [])])
    if comp.adjust_reason:
        wide(t("调整原因", "Adjustment reason"), styles.chunks(comp.adjust_reason, "cell", width=wide_w))
    table = Table(data, colWidths=[label_w, value_w] * 3, splitInRow=1)
    table.setStyle(TableStyle(commands))
    return [section(heading(ctx, "赔偿金额", "Amounts"), [table])]


def payment_section(detail: CaseDetail, comp: CompensationView, ctx: ReportContext,
                    styles: Styles) -> list[Flowable]:
    t = ctx.t
    methods = Checkboxes([(comp.payment_method is m, ctx.label(m)) for m in PaymentMethod])
    account = (mask_account(comp.payee_account) if ctx.masked else comp.payee_account) or ""
    fields = [
        Field(t("支付方式", "Method"), methods, wide=True),
        Field(t("收款账户", "Account"), account),
        Field(t("开户行", "Bank"), ""),
        Field(t("流水号", "Reference"), comp.payment_reference),
        Field(t("支付日期", "Paid on"), ctx.time(comp.paid_at, with_time=False) if comp.paid_at else ""),
    ]
    return [section(heading(ctx, "收款信息", "Payment details"), [facts_table(fields, styles)])]


def approval_section(detail: CaseDetail, comp: CompensationView, ctx: ReportContext,
                     styles: Styles) -> list[Flowable]:
    t = ctx.t
    fields = [
        Field(t("审批结果", "Decision"), approval_label(comp.approval_state, ctx)),
        Field(t("审批人", "Approver"), comp.approver or ""),
        Field(t("审批时间", "Decided at"), ctx.time(comp.approved_at) if comp.approved_at else ""),
        Field(t("审批意见", "Comment"), comp.approval_comment),
    ]
    table = facts_table(fields, styles)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.0, PRIMARY)]))
    signatures = signature_block(ctx, styles, clerk=detail.assignee, with_heading=False, parties=[
        (t("申请人签字", "Claimant"), ""),
        (t("经办人签字", "Clerk"), detail.assignee or ""),
        (t("网点负责人", "Manager"), comp.approver or ""),
        (t("财务", "Finance"), comp.paid_by or ""),
    ], note=t("申请人确认以上信息属实，赔偿款项到账后本件了结。",
              "The claimant confirms the above; the claim is settled once the amount is received."))
    return [section(heading(ctx, "审批与签字", "Approval and signatures"), [table, Spacer(1, 4), signatures])]


def claim_story(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    found = compensation_of(detail)
    if found is None:
        raise no_compensation_error(detail)
    _res, comp = found
    story: list[Flowable] = [title_block(detail, ctx, styles, compact=True,
                                         heading=ctx.t("赔偿申请单", "Compensation claim form"))]
    story += claimant_section(detail, ctx, styles)
    story += amounts_section(detail, comp, ctx, styles)
    story += evidence_section(detail, ctx, styles)
    story += payment_section(detail, comp, ctx, styles)
    story += approval_section(detail, comp, ctx, styles)
    return story


def write_claim_form(detail: CaseDetail, ctx: ReportContext, out: str | os.PathLike[str], *,
                     progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                     before_replace: Callable[[], None] | None = None) -> Path:
    """Write the claim form of ``detail`` to ``out`` (atomically); returns the path.

    Raises :class:`~depot_app.domain.errors.PolicyError` when the case has no compensation.
    """
    styles = Styles(ctx.language)
    story = claim_story(detail, ctx, styles)
    ticker = Ticker(progress, cancelled, total=Section.count(story) + 1)
    ticker.check()
    with atomic_output(out, before_replace=before_replace) as tmp:
        furniture = PageFurniture(ctx, claim_title(ctx), case_no=detail.case_no)
        doc = DepotDoc(str(tmp), ticker=ticker, ctx=ctx,
                       title=f"{ctx.t('赔偿申请单', 'Compensation claim form')} {detail.case_no}",
                       subject=detail.parcel.tracking_no)
        build(doc, story, furniture)
    ticker.finish()
    return Path(out)
