"""Every case closed in a period in one PDF: a cover with totals, a table of contents, then each report.

One layout pass: the contents' page numbers are written in when the document
is saved, once every case has found its page (see ``PageRef``). Photos are
decoded one at a time as their page is drawn, so a month of cases never holds
every photo in memory twice. Each case is also a PDF bookmark, so a viewer's
sidebar lists them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from depot_app.export.case_report import case_story
from depot_app.export.context import CancelledFn, ProgressFn, ReportContext, Ticker, atomic_output, compensation_of
from depot_app.export.pdf_common import (
    CONTENT_W,
    GRID,
    LABEL_BG,
    DepotDoc,
    PageFurniture,
    PageRef,
    Section,
    Styles,
    build,
    grid_section,
    heading,
    live_photos,
    probe_photo,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from depot_app.domain.views import CaseDetail


def batch_title(ctx: ReportContext) -> str:
    return "结案问题件汇总 / Closed cases" if ctx.zh else "Closed cases / 结案问题件汇总"


def _key(detail: CaseDetail) -> str:
    return f"case-{detail.id}"


def _paid_amount(detail: CaseDetail) -> Decimal | None:
    found = compensation_of(detail)
    if found is None or found[1].paid_at is None:
        return None
    return found[1].amount


def cover(details: Sequence[CaseDetail], ctx: ReportContext, styles: Styles, *, date_from: date,
          date_to: date) -> list[Flowable]:
    """Title, period, totals and the contents table."""
    t = ctx.t
    paid = [a for a in (_paid_amount(d) for d in details) if a is not None]
    ratings = [d.satisfaction for d in details if d.satisfaction is not None]
    average = (f"{sum(ratings) / len(ratings):.1f} / 5 ({len(ratings)})" if ratings
               else t("无评价", "none"))
    period = f"{date_from.isoformat()} — {date_to.isoformat()}"
    out: list[Flowable] = [
        styles.p(t("结案问题件汇总", "Closed problem parcel cases"), "title"),
        styles.p(f"{ctx.depot_name} ({ctx.depot_code}) · {t('结案期间', 'Closed between')} {period}", "subtitle"),
        Spacer(1, 8),
    ]
    figures = [
        (t("结案数", "Cases closed"), str(len(details))),
        (t("赔付件数", "Compensated"), str(len(paid))),
        (t("赔付合计", "Paid in total"), ctx.money(sum(paid, Decimal("0.00")))),
        (t("平均满意度", "Average rating"), average),
    ]
    cells = [[styles.p(label, "label") for label, _ in figures],
             [styles.p(value, "amount") for _, value in figures]]
    summary = Table(cells, colWidths=[CONTENT_W / 4] * 4)
    summary.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.5, GRID), ("INNERGRID", (0, 0), (-1, -1), 0.35, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    out.append(summary)
    header = ["#", t("问题件登记号", "Case number"), t("快递单号", "Tracking no."), t("问题类型", "Kind"),
              t("最终结果", "Outcome"), t("赔付金额", "Paid"), t("结案日期", "Closed"), t("页码", "Page")]
    rows = []
    for index, d in enumerate(details, start=1):
        amount = _paid_amount(d)
        rows.append([str(index), d.case_no, d.parcel.tracking_no, d.kind.label(ctx.language),
                     ctx.label(d.final_outcome), ctx.money(amount) if amount is not None else "—",
                     ctx.time(d.closed_at, with_time=False), PageRef(_key(d))])
    widths = [9 * mm, 36 * mm, 0.0, 20 * mm, 22 * mm, 21 * mm, 20 * mm, 11 * mm]
    widths[2] = CONTENT_W - sum(widths)
    out.append(grid_section(heading(ctx, "目录", "Contents"), header, rows, widths, styles))
    return out


def write_batch_report(details: Sequence[CaseDetail], ctx: ReportContext, out: str | os.PathLike[str], *,
                       date_from: date, date_to: date, include_photos: bool = True,
                       progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                       before_replace: Callable[[], None] | None = None) -> Path:
    """Write the reports of ``details`` (closed between the dates) into one PDF at ``out``."""
    styles = Styles(ctx.language)
    ticker = Ticker(progress, cancelled, total=1)
    ticker.check()
    title = batch_title(ctx)
    subject = f"{date_from.isoformat()} — {date_to.isoformat()}"
    with atomic_output(out, before_replace=before_replace) as tmp:
        story = cover(details, ctx, styles, date_from=date_from, date_to=date_to)
        for d in details:
            ticker.check()
            # Only the photos' headers are read here; their pixels when their page is drawn.
            photos = ([probe_photo(ph, ctx.photo_file(ph.sha256)) for ph in live_photos(d)]
                      if include_photos else [])
            story.append(PageBreak())
            story += case_story(d, ctx, styles, photos, marker_key=_key(d),
                                outline=f"{d.case_no}  {d.kind.label(ctx.language)}")
        ticker.add_total(Section.count(story))
        doc = DepotDoc(str(tmp), ticker=ticker, ctx=ctx, title=f"{title} {subject}", subject=subject)
        build(doc, story, PageFurniture(ctx, title, short_title=ctx.t("目录", "Contents")))
    ticker.finish()
    return Path(out)
