"""The case report (问题件处理报告): one case, everything that happened to it, on A4.

Page one opens with the case number (with a QR code the desk's scan box
reads) and the tracking number as a Code 128 barcode; then the parcel facts,
the problem, every contact attempt, the resolution, the compensation with its
basis, approval and payment, the outcome and rating, the timeline, signature
lines for customer and clerk, and finally the photos, two to a page.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from depot_app.domain.scans import source_label
from depot_app.domain.timeline_text import field_label
from depot_app.export.context import (
    CancelledFn,
    ProgressFn,
    ReportContext,
    Ticker,
    atomic_output,
    compensation_of,
    mask_account,
)
from depot_app.export.fonts import LATIN_BOLD
from depot_app.export.pdf_common import (
    CONTENT_W,
    FRAME_H,
    GRID,
    MUTED,
    PHOTO_BOX,
    PHOTO_MIN_H,
    PRIMARY,
    WARN,
    Cell,
    DepotDoc,
    Field,
    Marker,
    PageFurniture,
    PhotoFlowable,
    PhotoPipeline,
    PreparedPhoto,
    Section,
    SectionHeading,
    Styles,
    approval_label,
    basis_label,
    build,
    carrier_label,
    code128,
    contact_value,
    esc,
    event_texts,
    explanation_text,
    facts_table,
    grid_section,
    heading,
    live_photos,
    qr_code,
    resolution_text,
    section,
    slot_label,
    stars,
    weight_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from depot_app.domain.views import CaseDetail



def report_title(ctx: ReportContext) -> str:
    return "问题件处理报告 / Problem parcel report" if ctx.zh else "Problem parcel report / 问题件处理报告"


def title_block(detail: CaseDetail, ctx: ReportContext, styles: Styles, *, heading: str | None = None,
                compact: bool = False) -> Table:
    """Case number (big, with a QR code) and the tracking number as a Code 128 barcode.

    ``compact`` (the claim form) puts ``heading`` up as the document's title
    and makes the case number, barcode and QR code smaller.
    """
    parcel = detail.parcel
    qr_size = (24 if compact else 30) * mm
    left_w = CONTENT_W - qr_size - 6 * mm
    kind = detail.kind.label(ctx.language)
    status = ctx.label(detail.status)
    prio = ctx.label(detail.priority)
    sep = "&nbsp;&nbsp;·&nbsp;&nbsp;"
    status_line = (f'<font color="#{WARN.hexval()[2:]}">{esc(kind)}</font>{sep}'
                   f"{esc(status)}{sep}{esc(ctx.t('优先级 ', 'Priority '))}{esc(prio)}")
    carrier = carrier_label(parcel.carrier, ctx)
    tracking = styles.p(f"{ctx.t('快递单号', 'Tracking no.')}  {parcel.tracking_no}  ·  {carrier}", "small")
    left: list[Flowable]
    if compact:
        case_no = (f'<font size="8.2" color="#{MUTED.hexval()[2:]}">{esc(ctx.t("问题件登记号", "Case number"))}'
                   f'</font>&nbsp;&nbsp;<font name="{LATIN_BOLD}">{esc(detail.case_no)}</font>'
                   f"{sep}{status_line}")
        left = [styles.p(heading or "", "title"), Spacer(1, 1), styles.p(case_no, "big", markup=True),
                Spacer(1, 4), code128(parcel.tracking_no, max_width=left_w * 0.6, bar_height=8 * mm),
                Spacer(1, 2), tracking]
    else:
        left = [
            styles.p(heading or ctx.t("问题件登记号  Case number", "Case number"), "label"),
            Paragraph(esc(detail.case_no), styles.get("title").clone(
                "case-no", fontName=LATIN_BOLD, fontSize=24, leading=29, textColor=PRIMARY)),
            styles.p(status_line, "big", markup=True),
            Spacer(1, 5),
            code128(parcel.tracking_no, max_width=left_w * 0.75),
            Spacer(1, 2),
            tracking,
        ]
    right: list[Flowable] = [
        qr_code(detail.case_no, qr_size),
        styles.p(ctx.t("扫码查询本问题件", "Scan to open the case"), "muted", alignment=1),
    ]
    table = Table([[left, right]], colWidths=[left_w + 6 * mm, qr_size])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GRID),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
    ]))
    return table


def summary_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    t = ctx.t

    def f(name: str) -> str:
        return field_label(name, ctx.language)

    fields = [
        Field(f("kind"), detail.kind.label(ctx.language)),
        Field(f("status"), ctx.label(detail.status)),
        Field(f("priority"), ctx.label(detail.priority)),
        Field(f("report_channel"), ctx.label(detail.report_channel)),
        Field(f("reporter_name"), detail.reporter_name or "—"),
        Field(f("reporter_contact"), contact_value(detail.reporter_contact, ctx)),
        Field(t("登记时间", "Reported at"), ctx.time(detail.reported_at)),
        Field(t("登记人", "Registered by"), detail.created_by),
        Field(f("assignee_id"), detail.assignee or "—"),
        Field(f("due_at"), ctx.time(detail.due_at)),
        Field(t("首次响应时限", "First response due"), ctx.time(detail.first_response_due_at)),
        Field(t("首次联系", "First contact"), ctx.time(detail.first_contact_at)),
    ]
    return [section(heading(ctx, "案件概况", "Case summary"), [facts_table(fields, styles)])]


def parcel_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    t = ctx.t
    p = detail.parcel
    fields = [
        Field(t("快递单号", "Tracking no."), p.tracking_no),
        Field(t("承运商", "Carrier"), carrier_label(p.carrier, ctx)),
        Field(t("寄件人", "Sender"), p.sender_name or "—"),
        Field(t("寄件人电话", "Sender phone"), contact_value(p.sender_phone, ctx)),
        Field(t("寄件地址", "Sender address"), p.sender_address or "—", wide=True),
        Field(t("收件人", "Recipient"), p.recipient_name or "—"),
        Field(t("收件人电话", "Recipient phone"), contact_value(p.recipient_phone, ctx)),
        Field(t("收件地址", "Recipient address"), p.recipient_address or "—", wide=True),
        Field(t("物品", "Item"), p.item_description or "—"),
        Field(t("寄递范围", "Scope"), ctx.label(p.scope)),
        Field(t("申报价值", "Declared value"), ctx.money(p.declared_value)),
        Field(t("保价金额", "Insured value"), ctx.money(p.insured_value)),
        Field(t("运费", "Freight"), ctx.money(p.freight)),
        Field(t("代收货款", "COD amount"), ctx.money(p.cod_amount)),
        Field(t("重量", "Weight"), weight_text(p.weight_g)),
        Field(t("最后扫描", "Last scan"), ctx.time(p.last_scan_at)),
    ]
    return [section(heading(ctx, "快件信息", "Parcel"), [facts_table(fields, styles)])]


def problem_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    fields = [
        Field(ctx.t("问题类型", "Kind"), detail.kind.label(ctx.language)),
        Field(ctx.t("问题描述", "Description"), ctx.mask_text(detail.description) or "—", wide=True),
        Field(ctx.t("处理指引", "Handling guide"), styles.p(detail.kind.guide(ctx.language), "muted"),
              wide=True),
    ]
    return [section(heading(ctx, "问题描述", "Problem"), [facts_table(fields, styles)])]


def contacts_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    title = heading(ctx, "联系记录", "Contact attempts")
    if not detail.contacts:
        return [section(title, [styles.p(ctx.t("没有联系记录。", "No contact attempts were logged."), "muted")])]
    header = [ctx.t("时间", "Time"), ctx.t("对象", "Party"), ctx.t("方式", "Channel"), ctx.t("结果", "Outcome"),
              ctx.t("备注", "Note"), ctx.t("经办", "By")]
    rows: list[list[Cell]] = []
    for c in sorted(detail.contacts, key=lambda c: (c.at, c.id)):
        outcome = styles.p(ctx.label(c.outcome), "cell", textColor=MUTED if c.outcome.failed else PRIMARY)
        rows.append([ctx.time(c.at), ctx.label(c.party), ctx.label(c.channel), outcome,
                     ctx.mask_text(c.note) or "—", c.operator or "—"])
    widths = [27 * mm, 20 * mm, 15 * mm, 22 * mm, 0.0, 20 * mm]
    widths[4] = CONTENT_W - sum(widths)
    return [grid_section(title, header, rows, widths, styles)]


def resolution_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    title = heading(ctx, "处理方案", "Resolution")
    if not detail.resolutions:
        return [section(title, [styles.p(ctx.t("尚未选定处理方案。", "No resolution has been chosen."), "muted")])]
    header = [ctx.t("选定时间", "Chosen"), ctx.t("方案", "Resolution"), ctx.t("状态", "State"),
              ctx.t("内容", "Details"), ctx.t("选定人", "By"), ctx.t("完成时间", "Completed")]
    rows: list[list[Cell]] = []
    for r in detail.resolutions:
        rows.append([ctx.time(r.chosen_at), ctx.label(r.type), ctx.label(r.state), resolution_text(r, ctx),
                     r.chosen_by or "—", ctx.time(r.completed_at)])
    widths = [27 * mm, 24 * mm, 17 * mm, 0.0, 18 * mm, 27 * mm]
    widths[3] = CONTENT_W - sum(widths)
    return [grid_section(title, header, rows, widths, styles)]


def compensation_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    found = compensation_of(detail)
    if found is None:
        return []
    _res, comp = found
    t = ctx.t
    amount = styles.p(ctx.money(comp.amount), "amount")
    fields = [
        Field(t("建议金额", "Suggested"), ctx.money(comp.suggested_amount)),
        Field(t("赔偿金额", "Amount"), amount),
        Field(t("计算依据", "Basis"), basis_label(comp.basis, ctx), wide=True),
        Field(t("计算说明", "Calculation"), explanation_text(comp.explanation, ctx) or "—", wide=True),
    ]
    if comp.adjust_reason:
        fields.append(Field(t("调整原因", "Adjustment reason"), comp.adjust_reason, wide=True))
    fields += [
        Field(t("审批", "Approval"), approval_label(comp.approval_state, ctx)),
        Field(t("审批人", "Approved by"), comp.approver or "—"),
        Field(t("审批时间", "Approved at"), ctx.time(comp.approved_at)),
        Field(t("审批意见", "Comment"), comp.approval_comment or "—"),
        Field(t("支付方式", "Paid via"), ctx.label(comp.payment_method)),
        Field(t("支付日期", "Paid on"), ctx.time(comp.paid_at, with_time=False)),
        Field(t("收款账户", "Payee account"),
              (mask_account(comp.payee_account) if ctx.masked else comp.payee_account) or "—"),
        Field(t("流水号", "Reference"), comp.payment_reference or "—"),
        Field(t("支付经办", "Paid by"), comp.paid_by or "—"),
    ]
    return [section(heading(ctx, "赔偿", "Compensation"), [facts_table(fields, styles)])]


def outcome_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    t = ctx.t
    rating = styles.p(stars(detail.satisfaction, ctx), "cell",
                      textColor=PRIMARY if detail.satisfaction else MUTED)
    fields = [
        Field(t("最终结果", "Final outcome"), ctx.label(detail.final_outcome)),
        Field(t("满意度", "Satisfaction"), rating),
        Field(t("结案时间", "Closed at"), ctx.time(detail.closed_at)),
        Field(t("状态", "Status"), ctx.label(detail.status)),
        Field(t("结案说明", "Closing note"), ctx.mask_text(detail.close_note) or "—", wide=True),
    ]
    return [section(heading(ctx, "处理结果", "Outcome"), [facts_table(fields, styles)])]


def timeline_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    title = heading(ctx, "时间线", "Timeline")
    if not detail.events:
        return [section(title, [styles.p("—", "muted")])]
    header = [ctx.t("时间", "Time"), ctx.t("操作员", "Operator"), ctx.t("动作", "Action"), ctx.t("内容", "What")]
    rows: list[list[Cell]] = []
    for event in sorted(detail.events, key=lambda e: (e.at, e.id)):
        action, text = event_texts(event, ctx)
        rows.append([ctx.time(event.at), event.operator or "—", action or "—", text or "—"])
    widths = [27 * mm, 22 * mm, 22 * mm, 0.0]
    widths[3] = CONTENT_W - sum(widths)
    return [grid_section(title, header, rows, widths, styles)]


def signature_block(ctx: ReportContext, styles: Styles, *, clerk: str | None,
                    parties: Sequence[tuple[str, str]] | None = None,
                    note: str | None = None, with_heading: bool = True) -> Flowable:
    """A signature line and a date line for each party, two parties to a row.

    The party's role stands above its line and its printed name, when known,
    small under it (customer and clerk by default).
    """
    t = ctx.t
    parties = list(parties or [(t("客户签字", "Customer signature"), ""),
                               (t("经办人签字", "Clerk signature"), clerk or "")])
    gap, date_label_w, date_w = 8 * mm, 10 * mm, 22 * mm
    sign_w = (CONTENT_W - gap) / 2 - date_label_w - date_w
    widths = [sign_w, date_label_w, date_w, gap, sign_w, date_label_w, date_w]
    data: list[list[Flowable | str]] = []
    commands: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]
    heights: list[float | None] = []  # None: the row takes the height of its content
    for start in range(0, len(parties), 2):
        pair = parties[start:start + 2]
        labels: list[Flowable | str] = ["", "", "", "", "", "", ""]
        lines: list[Flowable | str] = ["", "", "", "", "", "", ""]
        names: list[Flowable | str] = ["", "", "", "", "", "", ""]
        row = len(data)
        for index, (label, name) in enumerate(pair):
            base = index * 4
            labels[base] = styles.p(label, "label")
            lines[base + 1] = styles.p(t("日期", "Date"), "label")
            names[base] = styles.p(name, "muted") if name else ""
            commands += [("SPAN", (base, row), (base + 2, row)),
                         ("LINEBELOW", (base, row + 1), (base, row + 1), 0.6, MUTED),
                         ("LINEBELOW", (base + 2, row + 1), (base + 2, row + 1), 0.6, MUTED),
                         ("LEFTPADDING", (base + 1, row + 1), (base + 1, row + 1), 3)]
        data += [labels, lines, names]
        heights += [13, 22, None]  # a long printed name wraps under its line
        commands.append(("VALIGN", (0, row + 2), (-1, row + 2), "TOP"))
    table = Table(data, colWidths=widths, rowHeights=heights, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(commands + [("BOTTOMPADDING", (0, 2), (-1, -1), 3)]))
    confirm = styles.p(note or t("本人确认以上处理记录属实。", "I confirm that the record above is accurate."),
                       "muted")
    head: list[Flowable] = [heading(ctx, "签字确认", "Signatures")] if with_heading else []
    # The lines are signed as one: the block moves to the next page whole rather than being split.
    return Section(head, [confirm, Spacer(1, 2), table], keep_together=math.inf)


def photo_section(prepared: Sequence[PreparedPhoto], ctx: ReportContext, styles: Styles) -> list[Flowable]:
    """Photo pages: two to a page, each scaled to fit, with its slot and caption above it."""
    if not prepared:
        return []
    total = len(prepared)
    blocks: list[Flowable] = []
    for index, prep in enumerate(prepared, start=1):
        photo = prep.photo
        title = (f"{ctx.t('照片', 'Photo')} {index}/{total}  ·  {slot_label(photo.slot, ctx)}"
                 + (f"  ·  {photo.caption}" if photo.caption.strip() else ""))
        meta = (f"{ctx.t('添加', 'Added')} {ctx.time(photo.added_at)} · {photo.added_by}"
                f" · {photo.original_name or ''} · SHA-256 {photo.sha256[:12]}…")
        caption = [Spacer(1, 6), *styles.chunks(title, "caption"), *styles.chunks(meta, "muted"), Spacer(1, 3)]
        # A long caption leaves less of the page: the photo shrinks to stay on the page with it,
        # down to a size still worth looking at; below that, the caption runs on and the photo follows it.
        room = FRAME_H - sum(f.wrap(CONTENT_W, FRAME_H)[1] for f in caption) - SectionHeading.HEIGHT - 12
        max_h = min(PHOTO_BOX[1], room) if room >= PHOTO_MIN_H else PHOTO_BOX[1]
        blocks.append(Section(caption, [PhotoFlowable(prep, max_h, ctx)], keep_together=math.inf))
    return [PageBreak(), section(heading(ctx, "照片", "Photos"), blocks, min_follow=1, keep_together=0)]


def scans_section(detail: CaseDetail, ctx: ReportContext, styles: Styles) -> list[Flowable]:
    """The parcel's carrier scans, newest first; a long history runs on over the next pages."""
    title = heading(ctx, "快递轨迹", "Carrier scans")
    if not detail.scans:
        return [section(title, [styles.p(ctx.t("没有快递轨迹记录。", "No carrier scans are known."), "muted")])]
    header = [ctx.t("时间", "Time"), ctx.t("扫描类型", "Scan"), ctx.t("地点", "Place"), ctx.t("轨迹描述", "What"),
              ctx.t("来源", "Source")]
    rows: list[list[Cell]] = []
    for scan in detail.scans:
        sources = ctx.t("、", ", ").join(source_label(x, ctx.language) for x in scan.sources)
        rows.append([ctx.time(scan.at), ctx.label(scan.scan_type), scan.place or "—",
                     ctx.mask_text(scan.text) or "—", sources or "—"])
    widths = [27 * mm, 20 * mm, 30 * mm, 0.0, 24 * mm]
    widths[3] = CONTENT_W - sum(widths)
    return [grid_section(title, header, rows, widths, styles)]


def case_story(detail: CaseDetail, ctx: ReportContext, styles: Styles, photos: Sequence[PreparedPhoto], *,
               marker_key: str | None = None, outline: str | None = None) -> list[Flowable]:
    """Every flowable of one case's report (the batch report strings several together)."""
    story: list[Flowable] = [Marker(detail.case_no, key=marker_key, outline=outline)]
    story.append(title_block(detail, ctx, styles))
    story += summary_section(detail, ctx, styles)
    story += parcel_section(detail, ctx, styles)
    story += problem_section(detail, ctx, styles)
    story += contacts_section(detail, ctx, styles)
    story += resolution_section(detail, ctx, styles)
    story += compensation_section(detail, ctx, styles)
    story += outcome_section(detail, ctx, styles)
    story += timeline_section(detail, ctx, styles)
    story += scans_section(detail, ctx, styles)
    story.append(signature_block(ctx, styles, clerk=detail.assignee))
    story += photo_section(photos, ctx, styles)
    return story


def write_case_report(detail: CaseDetail, ctx: ReportContext, out: str | os.PathLike[str], *,
                      progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                      before_replace: Callable[[], None] | None = None) -> Path:
    """Write the case report of ``detail`` to ``out`` (atomically); returns the path.

    ``progress(done, total)`` is called as photos are prepared and pages are
    laid out; ``cancelled()`` returning true stops the export with
    :class:`~depot_app.export.context.ExportCancelled` and leaves no file.
    """
    styles = Styles(ctx.language)
    photos = live_photos(detail)
    ticker = Ticker(progress, cancelled, total=1)
    ticker.check()
    with atomic_output(out, before_replace=before_replace) as tmp, PhotoPipeline(photos, ctx) as prepared:
        story = case_story(detail, ctx, styles, prepared)
        ticker.add_total(Section.count(story))
        furniture = PageFurniture(ctx, report_title(ctx), case_no=detail.case_no)
        doc = DepotDoc(str(tmp), ticker=ticker, ctx=ctx,
                       title=f"{ctx.t('问题件处理报告', 'Problem parcel report')} {detail.case_no}",
                       subject=detail.parcel.tracking_no)
        build(doc, story, furniture)
    ticker.finish()
    return Path(out)
