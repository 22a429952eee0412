"""The manager's dashboard as one A4 page: figure cards as a table, three charts, the top breakdown rows.

Fed plain data only (:class:`~depot_app.domain.dashboard_view.DashboardView`
and a :class:`ReportContext`). Every part has a fixed height and every text a
single line cut to its cell ("…"), and the breakdowns show their busiest rows
with "and N more", so the page never runs onto a second one, whatever the
depot's names or the number of kinds, handlers and carriers. The charts are
reportlab graphics in the embedded Chinese font.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, Line, Rect, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.platypus import Spacer, Table, TableStyle  # type: ignore[import-untyped]

from depot_app.domain.dashboard_view import (
    BREAKDOWN_COLUMNS,
    BREAKDOWN_TITLES,
    DashboardView,
    FigureLine,
    GroupLine,
    age_bucket_short,
    format_change,
    format_figure,
    series_slots,
    slot_sum,
)
from depot_app.domain.kinds import ProblemKind
from depot_app.export.context import ReportContext, Ticker, atomic_output
from depot_app.export.fonts import FONT_NAME
from depot_app.export.pdf_common import (
    CONTENT_W,
    GRID,
    HEAD_BG,
    MUTED,
    PRIMARY,
    TEXT,
    WARN,
    ZEBRA,
    DepotDoc,
    PageFurniture,
    Styles,
    build,
    carrier_label,
    fit_line,
)

#: Rows of each breakdown shown before "and N more".
TOP_ROWS = 15
FIGURE_ROW_H = 12.5
GROUP_ROW_H = 11.0
CHART_H = 190.0
OPENED = colors.HexColor("#2f6db5")
CLOSED = colors.HexColor("#3a9a5b")
AGES = colors.HexColor("#d08a2c")
RATINGS = colors.HexColor("#8a5cc2")
GOOD = colors.HexColor("#1e7d3c")


def dashboard_title(ctx: ReportContext) -> str:
    return ctx.t("网点经营看板", "Depot dashboard")


def _period(view_period: Any) -> str:
    return f"{view_period.first.isoformat()} — {view_period.last.isoformat()}"


def _cut(text: str, size: float, width: float) -> tuple[str, float]:
    return fit_line(text, size, width, smallest=min(size, 5.5))


# ----------------------------------------------------------------- figures
def _missing(ctx: ReportContext, days: int) -> str:
    return ctx.t(f"缺失（{days} 天无业务量）", f"Missing ({days} days without volume)")


def _figure_cells(line: FigureLine, view: DashboardView, ctx: ReportContext) -> list[str]:
    lang = ctx.language
    current = (_missing(ctx, view.volume_missing_days) if line.current_missing
               else format_figure(line.key, line.current, lang))
    previous = (_missing(ctx, view.previous_volume_missing_days) if line.previous_missing
                else format_figure(line.key, line.previous, lang))
    return [line.label(lang), current, previous, format_change(line.key, line.current, line.previous, lang)]


def figures_table(view: DashboardView, ctx: ReportContext) -> Table:
    """Figure, this period, previous period, change: one line each."""
    widths = [CONTENT_W * 0.33, CONTENT_W * 0.245, CONTENT_W * 0.245, CONTENT_W * 0.18]
    header = [ctx.t("指标", "Figure"), ctx.t("本期", "This period"), ctx.t("上期", "Previous period"),
              ctx.t("变化", "Change")]
    rows = [header] + [_figure_cells(line, view, ctx) for line in view.figures]
    cells: list[list[str]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("FONTSIZE", (0, 0), (-1, -1), 8.4),
        ("TEXTCOLOR", (0, 0), (-1, 0), PRIMARY), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("TEXTCOLOR", (0, 1), (-1, -1), TEXT), ("TEXTCOLOR", (2, 1), (2, -1), MUTED),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID), ("INNERGRID", (0, 0), (-1, -1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for r, row in enumerate(rows):
        out = []
        for c, text in enumerate(row):
            cut, size = _cut(text, 8.4, widths[c] - 8)
            out.append(cut)
            if size != 8.4:
                commands.append(("FONTSIZE", (c, r), (c, r), size))
        cells.append(out)
        if r > 0 and r % 2 == 0:
            commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    for r, line in enumerate(view.figures, start=1):
        if line.current_missing:
            commands.append(("TEXTCOLOR", (1, r), (1, r), WARN))
    table = Table(cells, colWidths=widths, rowHeights=[FIGURE_ROW_H] * len(cells))
    table.setStyle(TableStyle(commands))
    return table


# ------------------------------------------------------------------ charts
def nice_top(top: int) -> tuple[int, int]:
    """An axis maximum at or above ``top`` and its step (1, 2 or 5 times a power of ten, at most 5 steps)."""
    top = max(top, 1)
    magnitude = 10 ** max(0, int(math.floor(math.log10(top))) - 1)
    for step in (m * magnitude * f for f in (1, 10, 100) for m in (1, 2, 5)):
        if step * 5 >= top:
            return int(step * math.ceil(top / step)), int(step)
    return top, top  # pragma: no cover - the loop above always finds a step


def _bars(x: float, y: float, width: float, height: float, data: list[list[int]], names: list[str],
          fills: Sequence[Any], font_size: float = 6.5) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = x, y, width, height
    chart.data = [tuple(values) for values in data]
    chart.strokeColor = None
    chart.groupSpacing = max(1.0, min(6.0, width / max(1, len(names)) * 0.25))
    chart.barSpacing = 0
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = None
    top, step = nice_top(max((max(values) for values in data if values), default=0))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v):,}"
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E6EAF0")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = font_size
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = GRID
    chart.categoryAxis.tickDown = 0
    return chart


def _value_axis_room(data: list[list[int]]) -> float:
    top, _step = nice_top(max((max(values) for values in data if values), default=0))
    return float(pdfmetrics.stringWidth(f"{top:,}", FONT_NAME, 6)) + 6


def _title(drawing: Drawing, x: float, y: float, width: float, text: str) -> None:
    cut, size = _cut(text, 8.2, width)
    drawing.add(String(x, y, cut, fontName=FONT_NAME, fontSize=size, fillColor=PRIMARY))


def _legend(drawing: Drawing, x: float, y: float, items: list[tuple[Any, str]]) -> None:
    for fill, text in items:
        drawing.add(Rect(x, y, 6, 6, fillColor=fill, strokeColor=None))
        drawing.add(String(x + 8, y + 0.5, text, fontName=FONT_NAME, fontSize=6.5, fillColor=TEXT))
        x += 14 + pdfmetrics.stringWidth(text, FONT_NAME, 6.5)


def charts(view: DashboardView, ctx: ReportContext) -> Drawing:
    """Opened vs closed per day (or week), open cases by age at the end, ratings of closed cases."""
    gap = 14.0
    widths = [CONTENT_W * 0.46, CONTENT_W * 0.27, 0.0]
    widths[2] = CONTENT_W - widths[0] - widths[1] - 2 * gap
    drawing = Drawing(CONTENT_W, CHART_H)
    drawing.add(Rect(0, 0, CONTENT_W, CHART_H, fillColor=None, strokeColor=GRID, strokeWidth=0.4))
    title_y = CHART_H - 13
    bottom = 30.0
    plot_h = CHART_H - bottom - 26

    slots = series_slots(view.period)
    opened = {day: n for day, n, _c in view.days}
    closed = {day: c for day, _n, c in view.days}
    flow = [[slot_sum(opened, s) for s in slots], [slot_sum(closed, s) for s in slots]]
    weekly = any(s.days > 1 for s in slots)
    every = max(1, math.ceil(len(slots) / 8))
    names = [s.first.strftime("%m-%d") if i % every == 0 else "" for i, s in enumerate(slots)]
    x = 6.0
    _title(drawing, x, title_y, widths[0] - 6, ctx.t("每周登记与结案", "Opened and closed per week") if weekly
           else ctx.t("每日登记与结案", "Opened and closed per day"))
    room = _value_axis_room(flow)
    drawing.add(_bars(x + room, bottom, widths[0] - room - 6, plot_h, flow, names, [OPENED, CLOSED]))
    _legend(drawing, x + room, 8, [(OPENED, ctx.t("登记", "Opened")), (CLOSED, ctx.t("结案", "Closed"))])

    x += widths[0] + gap
    drawing.add(Line(x - gap / 2, 8, x - gap / 2, CHART_H - 8, strokeColor=GRID, strokeWidth=0.3))
    ages = [[n for _k, n in view.age_buckets]]
    _title(drawing, x, title_y, widths[1] - 6, ctx.t("期末未结案件账龄", "Open cases by age at the end"))
    room = _value_axis_room(ages)
    drawing.add(_bars(x + room, bottom, widths[1] - room - 6, plot_h, ages,
                      [age_bucket_short(k, ctx.language) for k, _n in view.age_buckets], [AGES]))

    x += widths[1] + gap
    drawing.add(Line(x - gap / 2, 8, x - gap / 2, CHART_H - 8, strokeColor=GRID, strokeWidth=0.3))
    ratings = [[n for _s, n in view.ratings]]
    _title(drawing, x, title_y, widths[2] - 6, ctx.t("结案满意度评价", "Ratings of closed cases"))
    room = _value_axis_room(ratings)
    drawing.add(_bars(x + room, bottom, widths[2] - room - 6, plot_h, ratings,
                      [f"{stars}★" for stars, _n in view.ratings], [RATINGS]))
    return drawing


# -------------------------------------------------------------- breakdowns
def group_label(name: str, row: GroupLine, ctx: ReportContext) -> str:
    """A breakdown row's words: the kind's or carrier's label, or the handler's name."""
    if name == "kind":
        try:
            return ProblemKind(row.key).label(ctx.language)
        except ValueError:
            return row.key
    if name == "carrier":
        return carrier_label(row.key, ctx)
    if row.label:
        return row.label
    return ctx.t("未分配", "Unassigned") if row.key == "0" else f"#{row.key}"


def breakdown_table(name: str, title: str, rows: Sequence[GroupLine], ctx: ReportContext, width: float) -> Table:
    """One breakdown's busiest rows under its title, and how many more there are."""
    number_w = width * 0.165
    widths = [width - 4 * number_w] + [number_w] * 4
    shown = list(rows[:TOP_ROWS])
    more = len(rows) - len(shown)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("FONTSIZE", (0, 0), (-1, -1), 7.2),
        ("SPAN", (0, 0), (-1, 0)), ("TEXTCOLOR", (0, 0), (-1, 0), PRIMARY), ("FONTSIZE", (0, 0), (-1, 0), 8.2),
        ("BACKGROUND", (0, 1), (-1, 1), HEAD_BG), ("TEXTCOLOR", (0, 1), (-1, 1), PRIMARY),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 1), (-1, 1 + max(1, len(shown))), 0.4, GRID),
        ("LINEBELOW", (0, 1), (-1, 1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]

    def line(texts: list[str], r: int, size: float, *, numbers: bool = False, span: bool = False) -> list[str]:
        out = []
        for c, text in enumerate(texts):
            room = (width if span else widths[c]) - 4
            # A count gets smaller rather than cut: a cut number would read as another number.
            cut, fitted = (fit_line(text, size, room, smallest=3.5) if numbers and c > 0 else _cut(text, size, room))
            out.append(cut)
            if fitted != 7.2:
                commands.append(("FONTSIZE", (c, r), (c, r), fitted))
        return out

    head, head_size = _cut(title, 8.2, width - 5)
    commands.append(("FONTSIZE", (0, 0), (-1, 0), head_size))
    cells = [[head, "", "", "", ""]]
    cells.append(line([ctx.t("名称", "Name")] + [ctx.t(zh, en) for _k, zh, en in BREAKDOWN_COLUMNS], 1, 6.8))
    for row in shown:
        r = len(cells)
        cells.append(line([group_label(name, row, ctx)] + [f"{getattr(row, key):,}" for key, _z, _e in
                                                           BREAKDOWN_COLUMNS], r, 7.2, numbers=True))
        if (r - 2) % 2 == 1:
            commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    if not shown:
        cells.append(line([ctx.t("本期无案件", "No cases in the period"), "", "", "", ""], 2, 7.2, span=True))
        commands += [("SPAN", (0, 2), (-1, 2)), ("TEXTCOLOR", (0, 2), (-1, 2), MUTED)]
    if more > 0:
        r = len(cells)
        cells.append(line([ctx.t(f"另有 {more} 项", f"and {more} more"), "", "", "", ""], r, 7.2, span=True))
        commands += [("SPAN", (0, r), (-1, r)), ("TEXTCOLOR", (0, r), (-1, r), MUTED)]
    table = Table(cells, colWidths=widths, rowHeights=[14.0] + [GROUP_ROW_H] * (len(cells) - 1))
    table.setStyle(TableStyle(commands))
    return table


def breakdowns(view: DashboardView, ctx: ReportContext) -> Table:
    """The three breakdowns side by side."""
    gap = 8.0
    width = (CONTENT_W - 2 * gap) / 3
    tables = [breakdown_table(name, ctx.t(zh, en), view.rows(name), ctx, width)
              for name, zh, en in BREAKDOWN_TITLES]
    outer = Table([[tables[0], "", tables[1], "", tables[2]]], colWidths=[width, gap, width, gap, width])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return outer


# ------------------------------------------------------------------ writing
def dashboard_story(view: DashboardView, ctx: ReportContext, styles: Styles) -> list[Any]:
    """The page's parts, top to bottom."""
    title, size = fit_line(dashboard_title(ctx), 17, CONTENT_W)
    subtitle = ctx.t(f"统计期间 {_period(view.period)} · 对比上期 {_period(view.previous_period)}",
                     f"Period {_period(view.period)} · compared with {_period(view.previous_period)}")
    sub, sub_size = fit_line(subtitle, 10, CONTENT_W)
    return [styles.p(title, "title", fontSize=size), styles.p(sub, "subtitle", fontSize=sub_size), Spacer(1, 6),
            figures_table(view, ctx), Spacer(1, 8), charts(view, ctx), Spacer(1, 8), breakdowns(view, ctx)]


def write_dashboard_pdf(view: DashboardView, ctx: ReportContext, out: str | os.PathLike[str], *,
                        before_replace: Callable[[], None] | None = None) -> Path:
    """Write the dashboard of ``view`` as a one-page PDF at ``out`` (all or nothing)."""
    # The footer's "made by" shares its line with the page number: a very long name is cut.
    ctx = replace(ctx, generated_by=fit_line(ctx.generated_by, 7.5, CONTENT_W * 0.22, smallest=7.5)[0])
    styles = Styles(ctx.language)
    ticker = Ticker(None, None, total=1)
    title = dashboard_title(ctx)
    subject = _period(view.period)
    with atomic_output(out, before_replace=before_replace) as tmp:
        story = dashboard_story(view, ctx, styles)
        ticker.add_total(len(story))
        doc = DepotDoc(str(tmp), ticker=ticker, ctx=ctx, title=f"{title} {subject}", subject=subject)
        build(doc, story, PageFurniture(ctx, title, short_title=title))
    ticker.finish()
    return Path(out)
