"""What every PDF of the desk shares: look, page furniture, photos, building.

The writers (:mod:`case_report`, :mod:`claim_form`, :mod:`batch_report`,
:mod:`dashboard_pdf`) are fed plain data only: the
:class:`~depot_app.domain.views.CaseDetail` views and a
:class:`~depot_app.export.context.ReportContext`. Nothing here touches a
database or Qt.

Writing is all-or-nothing (:func:`~depot_app.export.context.atomic_output`):
a document is built into a hidden temporary file beside the target and moved
over it only when it is complete, so a cancelled or failed export never
leaves a partial file.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.graphics.barcode.code128 import Code128  # type: ignore[import-untyped]
from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from depot_app.domain import timeline_text
from depot_app.domain.identifiers import Carrier
from depot_app.domain.money import format_yuan, to_money
from depot_app.domain.timeline_text import TimelineFormat
from depot_app.domain.vocabulary import (
    ContactParty,
    ResolutionType,
)
from depot_app.export.context import (
    ReportContext,
    Ticker,
)
from depot_app.export.fonts import FONT_NAME, register_fonts

if TYPE_CHECKING:  # plain views only; importing services at run time would pull in the database layer
    from depot_app.domain.views import (
        CaseDetail,
        EventView,
        PhotoView,
        ResolutionView,
    )

log = logging.getLogger(__name__)




# ----------------------------------------------------------------------- look
PRIMARY = colors.HexColor("#1F4E79")
ACCENT = colors.HexColor("#2E75B6")
GRID = colors.HexColor("#C8D1DC")
ZEBRA = colors.HexColor("#F4F7FA")
HEAD_BG = colors.HexColor("#E3EBF3")
LABEL_BG = colors.HexColor("#F1F4F8")
MUTED = colors.HexColor("#5F6B7A")
TEXT = colors.HexColor("#1A1A1A")
WARN = colors.HexColor("#B23B3B")

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 18 * mm
BAND_H = 14 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

#: The box a photo is scaled into on a photo page (two boxes and captions fill a page).
PHOTO_BOX = (CONTENT_W, 300.0)
#: A photo is never shrunk below this height to share a page with a long caption.
PHOTO_MIN_H = 150.0
#: Photos are embedded at about this resolution of their printed size (sharp on
#: paper, small in the file) and never above PHOTO_MAX_SIDE pixels on the long side.
PHOTO_DPI = 180
PHOTO_MAX_SIDE = 1600
PHOTO_QUALITY = 85

# reportlab keeps per-document font subsets on the shared font object; one
# build at a time keeps two export workers from interleaving them.
_BUILD_LOCK = threading.Lock()


# ------------------------------------------------------------------ text
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_CN_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿", "万亿")


def _cn_integer(number: int) -> str:
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    out = ""
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out += "零"
        pending_zero = False
        words = ""
        zero = False
        for pos in (3, 2, 1, 0):
            digit = group // 10 ** pos % 10
            if digit == 0:
                zero = bool(words)
            else:
                if zero:
                    words += "零"
                    zero = False
                words += _CN_DIGITS[digit] + _CN_UNITS[pos]
        out += words + _CN_GROUPS[index]
    return out


def yuan_in_words(amount: Decimal | str | int) -> str:
    """An amount in Chinese financial capitals (大写): ``¥1,234.05`` → ``壹仟贰佰叁拾肆元零伍分``.

    Follows the payment-settlement convention: 整 after whole yuan, 零 for a
    gap before the fen, nothing after 角.
    """
    fen_total = int(to_money(amount).scaleb(2))
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total == 0:
        return "零元整"
    out = _cn_integer(yuan) + "元" if yuan else ""
    if rest == 0:
        return out + "整"
    if jiao:
        out += _CN_DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _CN_DIGITS[fen] + "分"
    return out


# ------------------------------------------------------------------ labels
def timeline_format(ctx: ReportContext) -> TimelineFormat:
    """How this document shows recorded values: its language, local time, masking, operator names."""
    return TimelineFormat(language=ctx.language, time=ctx.time, money=format_yuan,
                          operators=ctx.operators, mask=ctx.mask_text)


def basis_label(basis: str, ctx: ReportContext) -> str:
    return timeline_text.basis_label(basis, ctx.language)


def approval_label(state: str, ctx: ReportContext) -> str:
    return timeline_text.approval_label(state, ctx.language)


def slot_label(slot: str, ctx: ReportContext) -> str:
    return timeline_text.slot_label(slot, ctx.language)


def explanation_text(explanation: str, ctx: ReportContext) -> str:
    """The compensation explanation in the report's language (stored as a Chinese line, then English)."""
    zh, _, en = explanation.partition("\n")
    return (zh if ctx.zh else en or zh).strip()


def stars(rating: int | None, ctx: ReportContext) -> str:
    if rating is None:
        return ctx.t("未评价", "Not rated")
    return "★" * rating + "☆" * (5 - rating) + f"  {rating}/5"


def event_texts(event: EventView, ctx: ReportContext) -> tuple[str, str]:
    """The action label and a one-line description of a timeline event."""
    return timeline_text.event_line(event.action, event.field, event.before, event.after, event.detail or "",
                                    timeline_format(ctx))


# ------------------------------------------------------------------ styles
class Styles:
    """Paragraph styles in the embedded font, each in a Latin and a CJK-wrapping variant."""

    def __init__(self, language: str = "zh_CN") -> None:
        font = register_fonts()
        #: Width of the label column of facts tables: English labels are longer.
        self.label_width = (24 if language.startswith("zh") else 30) * mm
        base = ParagraphStyle("body", fontName=font, fontSize=9.2, leading=13, textColor=TEXT,
                              alignment=TA_LEFT)
        self._styles: dict[str, ParagraphStyle] = {
            "body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
            "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=11, textColor=MUTED),
            "label": ParagraphStyle("label", parent=base, fontSize=8.2, leading=11.5, textColor=MUTED),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8.4, leading=11.5),
            "head": ParagraphStyle("head", parent=base, fontSize=8.4, leading=11.5, textColor=PRIMARY),
            "title": ParagraphStyle("title", parent=base, fontSize=17, leading=22, textColor=PRIMARY),
            "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=14, textColor=MUTED),
            "big": ParagraphStyle("big", parent=base, fontSize=12, leading=16),
            "amount": ParagraphStyle("amount", parent=base, fontSize=13, leading=17, textColor=PRIMARY),
            "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
            "caption": ParagraphStyle("caption", parent=base, fontSize=8.6, leading=12),
        }
        # Chinese wrapping lets a mark that may not start a line (。，、) hang past the line's end:
        # one em kept free on the right keeps it inside the cell and the page.
        self._cjk = {name: ParagraphStyle(f"{name}-cjk", parent=style, wordWrap="CJK",
                                          rightIndent=style.rightIndent + style.fontSize)
                     for name, style in self._styles.items()}

    def get(self, name: str, *, cjk: bool = False) -> ParagraphStyle:
        return (self._cjk if cjk else self._styles)[name]

    def p(self, text: str | None, style: str = "body", *, markup: bool = False, **overrides: Any) -> Paragraph:
        """A paragraph of ``text`` (escaped unless ``markup``); CJK wrapping when it holds Chinese."""
        raw = "—" if text is None or text == "" else str(text)
        body = raw if markup else escape(raw).replace("\n", "<br/>")
        chosen = self.get(style, cjk=has_cjk(raw))
        if overrides:
            chosen = ParagraphStyle(f"{chosen.name}-x", parent=chosen, **overrides)
        return Paragraph(body, chosen)

    def chunks(self, text: str | None, style: str = "cell", *, width: float = CONTENT_W,
               **overrides: Any) -> list[Paragraph]:
        """``text`` as paragraphs of at most :data:`CHUNK_LINES` lines or so each, for a column ``width`` wide.

        A table row cannot be cut cheaply, and wrapping one paragraph of
        10,000 characters again for every page it runs over takes reportlab
        seconds: long text goes into a table as several short paragraphs
        (one row each), cut where a line or a sentence ends when it can.
        """
        if text is None or text == "":
            return [self.p(text, style, **overrides)]
        raw = str(text)
        chosen = self.get(style, cjk=has_cjk(raw))
        if overrides:
            chosen = ParagraphStyle(f"{chosen.name}-x", parent=chosen, **overrides)
        per_line = max(1, int(width / chosen.fontSize))
        return [Paragraph(escape(piece).replace("\n", "<br/>") or "&nbsp;", chosen)
                for piece in chunk_text(raw, per_line)]


#: About how many printed lines one paragraph of a long text holds (see :meth:`Styles.chunks`).
CHUNK_LINES = 16
_CUT_AFTER = re.compile(r"[。！？；.!?;，,、]\s*|\s+")


def _cut_point(line: str, limit: int) -> int:
    """Where to cut ``line`` at or before ``limit``: after a sentence mark or a space in its last half."""
    for match in reversed(list(_CUT_AFTER.finditer(line, limit // 2, limit))):
        if match.end() <= limit:
            return match.end()
    return limit


def chunk_text(text: str, per_line: int, max_lines: int = CHUNK_LINES) -> list[str]:
    """``text`` cut into pieces of about ``max_lines`` lines of ``per_line`` characters.

    Lines are kept whole when they fit.
    """
    per_line = max(1, per_line)
    budget = per_line * max_lines
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for line in text.split("\n"):
        while len(line) > budget:
            if current:
                pieces.append("\n".join(current))
                current, used = [], 0
            cut = _cut_point(line, budget)
            pieces.append(line[:cut])
            line = line[cut:]
        cost = max(1, math.ceil(len(line) / per_line)) * per_line
        if current and used + cost > budget:
            pieces.append("\n".join(current))
            current, used = [], 0
        current.append(line)
        used += cost
    if current:
        pieces.append("\n".join(current))
    return pieces


# ------------------------------------------------------------ flowables
class SectionHeading(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A section title with a rule under it (a :class:`Section` keeps it with the section's first rows).

    ``continued()`` is the same heading marked as continued, for the top of
    the next page when the section runs over.
    """

    HEIGHT = 19.0

    def __init__(self, title: str, subtitle: str = "", *, continued_mark: str = " (continued)") -> None:
        super().__init__()
        self.title = title
        self.subtitle = subtitle
        self.continued_mark = continued_mark
        self.spaceBefore = 7
        self.spaceAfter = 3
        self.width = 0.0

    def continued(self) -> SectionHeading:
        return SectionHeading(self.title + self.continued_mark, self.subtitle, continued_mark="")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.HEIGHT

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(PRIMARY)
        c.rect(0, 4.5, 3, 12, stroke=0, fill=1)
        c.setFont(FONT_NAME, 11.5)
        c.drawString(8, 6, self.title)
        if self.subtitle:
            x = 8 + c.stringWidth(self.title, FONT_NAME, 11.5) + 8
            c.setFillColor(MUTED)
            c.setFont(FONT_NAME, 7.5)
            c.drawString(x, 6.5, self.subtitle.upper())
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.line(0, 0.5, self.width, 0.5)


def _height(f: Flowable, canv: Any, width: float) -> float:
    """The height of ``f`` laid out ``width`` wide, wrapped once per width.

    A section asks its rows' heights again on every page it runs over;
    wrapping a table of paragraphs again each time would make a long
    timeline quadratic.
    """
    known = f.__dict__.get("_depot_wrapped")
    if known is not None and known[0] == width:
        return float(known[1])
    _w, h = f.wrapOn(canv, width, 0xFFFFFF)
    f.__dict__["_depot_wrapped"] = (width, h)
    return float(h)


def _stack(flowables: Sequence[Flowable], canv: Any, width: float, limit: float = math.inf) -> float:
    """The height of ``flowables`` one under the other with their spaces (counting stops past ``limit``)."""
    total = 0.0
    for index, f in enumerate(flowables):
        total += _height(f, canv, width) + f.getSpaceAfter() + (f.getSpaceBefore() if index else 0)
        if total > limit:
            break
    return total


class Section(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A head (a heading, a table's column header, a caption) kept with the first part of its body.

    When the section does not fit where it falls, its body is split: as much
    as fits goes under the head here, and the rest follows on the next page
    as a new section under ``continued_head()`` (the heading marked as
    continued and the column header again), or bare when there is none. The
    head is never left alone at the foot of a page: at least ``min_follow``
    points of the body must fit under it, and a body no taller than
    ``keep_together`` moves to the next page whole rather than being split.
    At the top of a page the section always makes progress; a body that
    cannot fit a whole page under its head is split wherever it must.
    """

    def __init__(self, head: Sequence[Flowable], body: Sequence[Flowable], *,
                 continued_head: Callable[[], list[Flowable]] | None = None,
                 min_follow: float = 48.0, keep_together: float = 150.0) -> None:
        super().__init__()
        self.head = list(head)
        self.body = list(body)
        self.continued_head = continued_head
        self.min_follow = min_follow
        self.keep_together = keep_together
        self.spaceBefore = self.head[0].getSpaceBefore() if self.head else 0
        self.spaceAfter = 0
        self._laid: list[tuple[Flowable, float, float]] = []
        self._size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        canv = getattr(self, "canv", None)
        self._laid = []
        y = 0.0
        items = [*self.head, *self.body]
        for index, f in enumerate(items):
            if index:
                y += f.getSpaceBefore()
            h = _height(f, canv, avail_width)
            self._laid.append((f, y, h))
            y += h
            if y > avail_height:
                break  # does not fit: the frame asks for a split next, no need to measure the rest
            if index < len(items) - 1:
                y += f.getSpaceAfter()
        self._size = (avail_width, y)
        return self._size

    def draw(self) -> None:
        height = self._size[1]
        # Progress and cancelling go by the pieces drawn, as if they stood in the story one by one.
        tick = getattr(getattr(self.canv, "_doctemplate", None), "tick", None)
        for index, (f, top, h) in enumerate(self._laid):
            f.drawOn(self.canv, 0, height - top - h)
            if tick is not None and index < len(self._laid) - 1:
                tick()

    @staticmethod
    def count(story: Sequence[Flowable]) -> int:
        """How many pieces ``story`` holds, those inside sections included (for progress)."""
        return sum(Section.count([*f.head, *f.body]) if isinstance(f, Section) else 1 for f in story)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and frame._atTop)
        parts = self.split_parts(avail_width, avail_height, at_top=at_top)
        if parts is None:
            return []
        here, rest = parts
        if here and rest:
            # What follows belongs on the next page, under its continued heading, even when a
            # little room is left here (a row that could not be split).
            return [*here, FrameBreak(), *rest]
        return [*here, *rest]

    def split_parts(self, width: float, height: float, *,
                    at_top: bool) -> tuple[list[Flowable], list[Flowable]] | None:
        """What goes here and what follows, or None when the section should start on the next page."""
        canv = getattr(self, "canv", None)
        head_h = _stack(self.head, canv, width)
        if head_h >= height:
            # The head alone fills the page (a caption of thousands of characters): let each piece find its place.
            return ([], [*self.head, *self.body]) if at_top else None
        if not at_top and _stack(self.body, canv, width, limit=self.keep_together) <= self.keep_together:
            return None  # short enough to move whole
        room = height - head_h
        taken: list[Flowable] = []
        used = 0.0
        rest = list(self.body)
        while rest:
            f = rest[0]
            space = f.getSpaceBefore() if taken else 0.0
            h = _height(f, canv, width)
            if used + space + h <= room:
                taken.append(rest.pop(0))
                used += space + h + f.getSpaceAfter()
                continue
            first = _split_first(f, canv, width, room - used - space)
            if first is not None:
                piece, remainder = first
                taken.append(piece)
                used += space + _height(piece, canv, width)
                rest[0:1] = remainder
            break
        if not rest:
            return [*self.head, *taken], []
        if not at_top and used < self.min_follow:
            return None
        if not taken:
            # Nothing of the body fits under the head even on an empty page.
            return [], [*self.head, *self.body]
        follow = ([Section(self.continued_head(), rest, continued_head=self.continued_head,
                           min_follow=self.min_follow, keep_together=0)]
                  if self.continued_head is not None else rest)
        return [*self.head, *taken], follow


def _split_first(f: Flowable, canv: Any, width: float, height: float) -> tuple[Flowable, list[Flowable]] | None:
    """``f`` split so that its first part fits ``height``: (that part, the rest), or None."""
    if height <= 0:
        return None
    if isinstance(f, Section):
        parts = f.split_parts(width, height, at_top=False)
        if parts is None or not parts[0]:
            return None
        here, rest = parts
        return Section(here, [], min_follow=0, keep_together=0), rest
    pieces = f.splitOn(canv, width, height)
    first = _height(pieces[0], canv, width) if len(pieces) >= 2 else 0.0
    if isinstance(f, Table) and f.splitInRow and f.splitByRow and height - first > _ROW_SPLIT_GAIN:
        # Split between rows, the page would keep a gap under the table: cut the next row
        # (a piece of long text) between its lines instead.
        f.splitByRow = 0
        try:
            cut = f.splitOn(canv, width, height)
        finally:
            f.splitByRow = 1
        for piece in cut:
            piece.splitByRow = 1  # the rest splits between rows first again
        if len(cut) >= 2 and first + _ROW_SPLIT_GAIN / 2 < _height(cut[0], canv, width) <= height:
            pieces, first = cut, _height(cut[0], canv, width)
    if len(pieces) < 2 or first > height:
        return None
    return pieces[0], list(pieces[1:])


#: How much room under a table split between rows is worth cutting a row between its lines.
_ROW_SPLIT_GAIN = 36.0


class Marker(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A zero-size mark: names the case on the page furniture and adds a PDF bookmark."""

    def __init__(self, case_no: str, *, key: str | None = None, outline: str | None = None,
                 level: int = 0) -> None:
        super().__init__()
        self.case_no = case_no
        self.anchor_key = key
        self.outline = outline
        self.level = level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        c = self.canv
        c._depot_case_no = self.case_no  # read by the page furniture
        if self.anchor_key:
            anchors = getattr(c, "_depot_anchors", None)
            if anchors is not None:
                anchors[self.anchor_key] = c.getPageNumber()
            if self.outline:
                c.bookmarkPage(self.anchor_key)
                c.addOutlineEntry(self.outline, self.anchor_key, level=self.level, closed=True)


class PageRef(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """The number of the page a :class:`Marker` falls on, right-aligned.

    The number is written in when the document is saved (by
    :class:`FurnitureCanvas`, which holds every page until then), so a table
    of contents needs no second layout pass.
    """

    FONT_SIZE = 8.4
    LEADING = 11.5

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.LEADING

    def draw(self) -> None:
        refs = getattr(self.canv, "_depot_refs", None)
        if refs is not None:
            x, y = self.canv.absolutePosition(self.width, self.LEADING - self.FONT_SIZE)
            refs.append((self.canv.getPageNumber(), x, y, self.key))


class Checkboxes(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Tick boxes with labels on one line (wrapping when needed): drawn boxes, a ✔ in the ticked ones.

    The ✔ is text, so a text extractor reads "✔ 银行转账" for the ticked box.
    """

    SIZE = 7.5
    FONT_SIZE = 8.4
    LEADING = 11.5  # as the "cell" paragraphs beside it, so baselines line up
    GAP = 12.0

    def __init__(self, items: Sequence[tuple[bool, str]]) -> None:
        super().__init__()
        self.items = list(items)
        self.lines: list[list[tuple[bool, str, float]]] = []
        self.width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.lines = [[]]
        x = 0.0
        for checked, label in self.items:
            item_w = self.SIZE + 4 + pdfmetrics.stringWidth(label, FONT_NAME, self.FONT_SIZE)
            if self.lines[-1] and x + item_w > avail_width:
                self.lines.append([])
                x = 0.0
            self.lines[-1].append((checked, label, x))
            x += item_w + self.GAP
        return avail_width, self.LEADING * len(self.lines)

    def draw(self) -> None:
        c = self.canv
        top = self.LEADING * len(self.lines)
        for index, line in enumerate(self.lines):
            baseline = top - index * self.LEADING - self.FONT_SIZE
            for checked, label, x in line:
                c.setStrokeColor(TEXT)
                c.setLineWidth(0.6)
                c.rect(x, baseline - 0.8, self.SIZE, self.SIZE, stroke=1, fill=0)
                if checked:
                    c.setFillColor(PRIMARY)
                    c.setFont(FONT_NAME, self.SIZE + 1.5)
                    c.drawString(x + 0.2, baseline - 0.2, "✔")
                c.setFillColor(TEXT)
                c.setFont(FONT_NAME, self.FONT_SIZE)
                c.drawString(x + self.SIZE + 4, baseline, label)


@dataclass
class PreparedPhoto:
    """A photo ready to embed: downscaled JPEG bytes (or its file, to load when drawn), or why it failed.

    ``width``/``height`` are the embedded pixel size; layout uses only their ratio.
    """

    photo: PhotoView
    data: bytes | None = None
    width: int = 0
    height: int = 0
    error: str = ""
    path: Path | None = None
    #: The same photo being prepared on a worker thread (see :class:`PhotoPipeline`).
    pending: Future[PreparedPhoto] | None = None


class PhotoFlowable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A photo scaled to fit ``max_height`` and the frame width, centred, with a hairline border.

    Layout needs only the photo's shape; its pixels come from the worker
    thread preparing them, or are prepared when the photo is drawn.
    """

    def __init__(self, prepared: PreparedPhoto, max_height: float, ctx: ReportContext) -> None:
        super().__init__()
        self.prepared = prepared
        self.max_height = max_height
        self.ctx = ctx
        self.avail_w = 0.0
        self.draw_w = 0.0
        self.draw_h = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail_w = avail_width
        prep = self.prepared
        if prep.error or not prep.width or not prep.height:
            self.draw_w, self.draw_h = avail_width, 60.0
        else:
            scale = min(avail_width / prep.width, self.max_height / prep.height)
            self.draw_w, self.draw_h = prep.width * scale, prep.height * scale
        return avail_width, self.draw_h

    def draw(self) -> None:
        c = self.canv
        x = (self.avail_w - self.draw_w) / 2
        prep = self.prepared
        if prep.pending is not None:
            prep = prep.pending.result()
        elif prep.data is None and not prep.error:
            prep = prepare_photo(prep.photo, prep.path)
        data, error = prep.data, prep.error
        if data is None:
            c.setFillColor(ZEBRA)
            c.setStrokeColor(GRID)
            c.rect(x, 0, self.draw_w, self.draw_h, stroke=1, fill=1)
            c.setFillColor(MUTED)
            c.setFont(FONT_NAME, 9)
            reason = {"missing": self.ctx.t("文件缺失", "file missing"),
                      "unreadable": self.ctx.t("无法读取", "unreadable")}.get(error, error)
            text = self.ctx.t("照片文件不可用", "Photo file not available")
            if reason:
                text += f"（{reason}）" if self.ctx.zh else f" ({reason})"
            c.drawCentredString(self.avail_w / 2, self.draw_h / 2 - 3, text)
            return
        # Drawn from a file: reportlab then embeds the JPEG as it is, where an
        # in-memory image would be decoded again just to name it.
        doc = getattr(c, "_doctemplate", None)
        folder = getattr(doc, "scratch", None) or Path(tempfile.gettempdir())
        path = Path(folder) / f"photo-{os.getpid()}-{next(_photo_numbers)}.jpg"
        path.write_bytes(data)
        try:
            c.drawImage(str(path), x, 0, self.draw_w, self.draw_h)
        finally:
            path.unlink(missing_ok=True)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.5)
        c.rect(x, 0, self.draw_w, self.draw_h, stroke=1, fill=0)


_photo_numbers = itertools.count(1)


def qr_code(value: str, size: float) -> Drawing:
    """A QR code of ``value``, ``size`` points square (quiet zone included)."""
    widget = QrCodeWidget(value, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def fit_line(text: str, size: float, width: float, *, smallest: float = 8) -> tuple[str, float]:
    """``text`` and a font size (``size`` down to ``smallest``) for one line of ``width`` points.

    Text too long even at the smallest size is cut and ends in "…".
    """
    register_fonts()
    while size > smallest and pdfmetrics.stringWidth(text, FONT_NAME, size) > width:
        size = max(smallest, size - 0.5)
    if pdfmetrics.stringWidth(text, FONT_NAME, size) <= width:
        return text, size
    low, high = 0, len(text)
    while low < high:  # the longest start of the text that fits with the ellipsis
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid].rstrip() + "…", FONT_NAME, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…", size


def code128(value: str, *, max_width: float, bar_height: float = 10 * mm) -> Flowable:
    """A Code 128 barcode of ``value`` no wider than ``max_width``.

    Code 128 holds printable ASCII only: a number with any other character (an old
    record typed with a full-width digit, say) gets no barcode rather than one that
    scans as a different number.
    """
    if not value or not all(" " <= ch <= "~" for ch in value):
        return Spacer(0, 0)
    bar_width = 0.95
    barcode = Code128(value, barWidth=bar_width, barHeight=bar_height, humanReadable=False, quiet=False)
    width, _ = barcode.wrap(max_width, bar_height)
    if width > max_width:
        barcode = Code128(value, barWidth=bar_width * max_width / width, barHeight=bar_height,
                          humanReadable=False, quiet=False)
    return barcode


#: A cell of :func:`grid_section` or a facts value: text (cut into paragraphs), a flowable, or paragraphs.
Cell = Any

_PAD_X = 4.0
_PAD_TOP = 2.5
_PAD_BOTTOM = 3.0


def _cell_pieces(value: Cell, styles: Styles, width: float, style: str = "cell") -> list[Any]:
    """A cell's content as one or more pieces, each the content of one table row."""
    if isinstance(value, (list, tuple)):
        return list(value) or [""]
    if isinstance(value, Flowable) or value == "":
        return [value]
    return list(styles.chunks(str(value), style, width=width - 2 * _PAD_X))


def entry_commands(first: int, count: int, *, zebra: bool, rule: bool) -> list[tuple[Any, ...]]:
    """Paddings, background and the rule above one entry that takes rows ``first`` … ``first + count - 1``."""
    last = first + count - 1
    out: list[tuple[Any, ...]] = [
        ("TOPPADDING", (0, first), (-1, first), _PAD_TOP),
        ("BOTTOMPADDING", (0, last), (-1, last), _PAD_BOTTOM),
    ]
    if count > 1:  # the pieces of a long text read on as one
        out += [("TOPPADDING", (0, first + 1), (-1, last), 0),
                ("BOTTOMPADDING", (0, first), (-1, last - 1), 0)]
    if zebra:
        out.append(("BACKGROUND", (0, first), (-1, last), ZEBRA))
    if rule:
        out.append(("LINEABOVE", (0, first), (-1, first), 0.35, GRID))
    return out


def _grid_header(header: Sequence[str], widths: Sequence[float], styles: Styles) -> Table:
    table = Table([[styles.p(h, "head") for h in header]], colWidths=list(widths))
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.35, GRID),
        ("BACKGROUND", (0, 0), (-1, -1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
    ]))
    return table


def grid_section(title: SectionHeading, header: Sequence[str], rows: Sequence[Sequence[Cell]],
                 widths: Sequence[float], styles: Styles, *, entries_per_table: int = 20) -> Section:
    """A table under ``title`` with a tinted column header and zebra rows, over as many pages as it needs.

    Each page the table runs onto starts with the heading marked as
    continued and the column header again. Long text in a cell is cut into
    pieces, one table row each (see :meth:`Styles.chunks`), so no row is
    ever taller than a page; the rows are laid out in tables of
    ``entries_per_table`` entries, so reaching the end of a page costs a
    split of one small table rather than of the whole timeline.
    """
    widths = list(widths)
    body: list[Flowable] = []
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    entries = 0

    def flush() -> None:
        nonlocal data, commands, entries
        if not data:
            return
        table = Table(data, colWidths=widths, splitInRow=1)  # a row of a very long name may still be too tall
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.35, GRID),
            ("LINEAFTER", (0, 0), (-2, -1), 0.35, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
            *commands,
        ]))
        body.append(table)
        data, commands, entries = [], [], 0

    for number, row in enumerate(rows):
        cells = [_cell_pieces(value, styles, widths[col]) for col, value in enumerate(row)]
        count = max(len(c) for c in cells)
        first = len(data)
        for k in range(count):
            data.append([c[k] if k < len(c) else "" for c in cells])
        commands += entry_commands(first, count, zebra=number % 2 == 1, rule=first > 0)
        entries += 1
        if entries >= entries_per_table:
            flush()
    flush()
    return Section([title, _grid_header(header, widths, styles)], body,
                   continued_head=lambda: [title.continued(), _grid_header(header, widths, styles)])


def section(title: SectionHeading, body: Sequence[Flowable], **options: Any) -> Section:
    """``body`` under ``title``; over a page break the heading comes again, marked as continued."""
    return Section([title], body, continued_head=lambda: [title.continued()], **options)


@dataclass
class Field:
    """One label/value pair of a facts table; ``wide`` spans the full row."""

    label: str
    value: Any
    wide: bool = False
    #: ``value`` is paragraph markup (already escaped).
    markup: bool = False


#: A value with more characters than this (or several lines) gets a row of its own.
_LONG_VALUE = 60


def facts_table(fields: Sequence[Field], styles: Styles, *, label_w: float | None = None) -> Table:
    """Label/value pairs, two to a row (wide and long ones on their own row), light grid, tinted labels.

    A long value runs on over as many rows (and pages) as it needs, in
    pieces of a few lines each.
    """
    label_w = label_w or styles.label_width
    half = CONTENT_W / 2
    widths = [label_w, half - label_w, label_w, half - label_w]
    wide_w = CONTENT_W - label_w
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), 0.35, GRID),
        ("LINEAFTER", (0, 0), (0, -1), 0.35, GRID),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
    ]

    def pieces(item: Field, width: float) -> list[Any]:
        # An empty string is a box to fill in by hand; missing data comes as "—".
        if item.markup:
            return [styles.p(item.value, "cell", markup=True)]
        return _cell_pieces(item.value, styles, width)

    def is_long(item: Field) -> bool:
        return (isinstance(item.value, str) and not item.markup
                and (len(item.value) > _LONG_VALUE or item.value.count("\n") >= 2))

    def add_wide(item: Field) -> None:
        values = pieces(item, wide_w)
        first = len(data)
        for k, value in enumerate(values):
            data.append([styles.p(item.label, "label") if k == 0 else "", value, "", ""])
            commands.append(("SPAN", (1, first + k), (3, first + k)))
        commands.extend(entry_commands(first, len(values), zebra=False, rule=first > 0))

    pending: Field | None = None
    for item in fields:
        if item.wide or is_long(item):
            add_wide(item)
            continue
        if pending is None:
            pending = item
            continue
        row = len(data)
        data.append([styles.p(pending.label, "label"), pieces(pending, widths[1])[0],
                     styles.p(item.label, "label"), pieces(item, widths[3])[0]])
        commands += entry_commands(row, 1, zebra=False, rule=row > 0)
        commands += [("LINEAFTER", (1, row), (2, row), 0.35, GRID), ("BACKGROUND", (2, row), (2, row), LABEL_BG)]
        pending = None
    if pending is not None:
        add_wide(pending)
    table = Table(data, colWidths=widths, splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


# ------------------------------------------------------------ page furniture
@dataclass
class PageFurniture:
    """The header band and footer drawn on every page, with the page count known."""

    ctx: ReportContext
    title: str
    case_no: str = ""
    #: Shown before the page number on pages that belong to no case (a batch's contents).
    short_title: str = ""

    def draw(self, c: Canvas, page: int, total: int) -> None:
        ctx = self.ctx
        c.saveState()
        # Header band.
        c.setFillColor(PRIMARY)
        c.rect(0, PAGE_H - BAND_H, PAGE_W, BAND_H, stroke=0, fill=1)
        c.setFillColor(ACCENT)
        c.rect(0, PAGE_H - BAND_H - 1.2, PAGE_W, 1.2, stroke=0, fill=1)
        c.setFillColor(colors.white)
        baseline = PAGE_H - BAND_H / 2 - 4
        # The document's title keeps its place on the right; a long depot name gets smaller,
        # then is cut with an ellipsis, and the depot code follows it only where it fits.
        title, title_size = fit_line(self.title, 10.5, (PAGE_W - 2 * MARGIN_X) * 0.45)
        left_w = PAGE_W - 2 * MARGIN_X - pdfmetrics.stringWidth(title, FONT_NAME, title_size) - 10
        code = ctx.t(f"网点代码 {ctx.depot_code}", f"Depot {ctx.depot_code}")
        code_w = pdfmetrics.stringWidth(code, FONT_NAME, 8.5)
        name, name_size = fit_line(ctx.depot_name, 12.5, left_w - code_w - 6, smallest=9)
        name_w = pdfmetrics.stringWidth(name, FONT_NAME, name_size)
        c.setFont(FONT_NAME, name_size)
        c.drawString(MARGIN_X, baseline, name)
        if name_w + 6 + code_w <= left_w:
            c.setFont(FONT_NAME, 8.5)
            c.setFillColor(colors.HexColor("#BFD3E6"))
            c.drawString(MARGIN_X + name_w + 6, baseline, code)
        c.setFillColor(colors.white)
        c.setFont(FONT_NAME, title_size)
        c.drawRightString(PAGE_W - MARGIN_X, baseline, title)
        # Footer.
        c.setStrokeColor(GRID)
        c.setLineWidth(0.5)
        c.line(MARGIN_X, 13 * mm, PAGE_W - MARGIN_X, 13 * mm)
        c.setFillColor(MUTED)
        c.setFont(FONT_NAME, 7.5)
        made = ctx.t(f"生成于 {ctx.generated_at} · 操作员 {ctx.generated_by}",
                     f"Made {ctx.generated_at} by {ctx.generated_by}")
        c.drawString(MARGIN_X, 9 * mm, made)
        if ctx.masked:
            c.drawRightString(PAGE_W - MARGIN_X, 9 * mm, ctx.t("电话已脱敏", "Phones masked"))
        else:
            c.setFillColor(WARN)
            c.drawRightString(PAGE_W - MARGIN_X, 9 * mm,
                              ctx.t("含完整联系方式 · 注意保密", "Full contact details · confidential"))
        # The case number (or the document's name) leads the page number: a loose
        # page can be matched to its case, and text extractors keep the spaces of
        # "第 1 页 / 共 3 页" only on a line that is not spaced out evenly.
        lead = getattr(c, "_depot_case_no", "") or self.case_no or self.short_title
        c.setFillColor(TEXT)
        c.setFont(FONT_NAME, 8.5)
        c.drawCentredString(PAGE_W / 2, 9 * mm, f"{lead} · " + ctx.t(f"第 {page} 页 / 共 {total} 页",
                                                                      f"Page {page} of {total}"))
        c.restoreState()


class FurnitureCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas that keeps its pages until the end, then draws the furniture with "of M pages"."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []
        # Every saved page state must carry the key, or a page before the first
        # case would show the last case's number.
        self._depot_case_no = ""
        #: Where each marked case starts, and where contents entries want that page number.
        self._depot_anchors: dict[str, int] = {}
        self._depot_refs: list[tuple[int, float, float, str]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture.draw(self, self._pageNumber, total)
            for page, x, y, key in self._depot_refs:
                if page == self._pageNumber:
                    self.setFont(FONT_NAME, PageRef.FONT_SIZE)
                    self.setFillColor(TEXT)
                    self.drawRightString(x, y, str(self._depot_anchors.get(key, "?")))
            Canvas.showPage(self)
        Canvas.save(self)


def canvas_maker(furniture: PageFurniture) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        return FurnitureCanvas(*args, furniture=furniture, **kwargs)
    return make


class DepotDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type hints
    """A4 with the desk's margins; ticks progress per flowable and remembers where marks fell."""

    def __init__(self, target: Any, *, ticker: Ticker, title: str, ctx: ReportContext,
                 subject: str = "") -> None:
        super().__init__(target, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                         author=ctx.depot_name, subject=subject, creator="Depot Desk 网点问题件工作台",
                         lang="zh-CN" if ctx.zh else "en")
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, FRAME_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.ticker = ticker
        self.anchors: dict[str, int] = {}
        #: A private folder for the photos being embedded (set by :func:`build`).
        self.scratch: Path | None = None

    def tick(self) -> None:
        """One more piece laid out (a section's pieces count one by one)."""
        self.ticker.advance()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        key = getattr(flowable, "anchor_key", None)
        if key:
            self.anchors[key] = self.page
        self.ticker.advance()


def build(doc: DepotDoc, story: list[Flowable], furniture: PageFurniture) -> None:
    """Build ``story`` into ``doc`` with the page furniture (one build at a time)."""
    with _BUILD_LOCK, tempfile.TemporaryDirectory(prefix="depot-pdf-") as scratch:
        doc.scratch = Path(scratch)
        # Binary streams: ASCII85 would make the file a quarter bigger and, in
        # pure Python, takes seconds over a dozen photos.
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            doc.build(story, canvasmaker=canvas_maker(furniture))
        finally:
            rl_config.useA85 = saved


# ------------------------------------------------------------------ photos
def live_photos(detail: CaseDetail) -> list[PhotoView]:
    """The case's photos that were not deleted, in the order they were added."""
    return [p for p in detail.photos if not p.deleted]


def _orientation(im: Any) -> int:
    try:
        return int(im.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - a broken EXIF block is no reason to lose the photo
        return 1


def _embed_factor(width: int, height: int, orientation: int, rotation: int,
                  box: tuple[float, float], dpi: int, max_side: int) -> tuple[float, int, int]:
    """How much to shrink a ``width``×``height`` photo, and its size once upright."""
    w, h = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    if rotation % 180 == 90:
        w, h = h, w
    points = min(box[0] / w, box[1] / h)  # printed size of one pixel, in points
    factor = min(1.0, points * dpi / 72, max_side / max(w, h))
    return factor, w, h


def prepare_photo(photo: PhotoView, path: Path | None, *, box: tuple[float, float] = PHOTO_BOX,
                  dpi: int = PHOTO_DPI, max_side: int = PHOTO_MAX_SIDE,
                  quality: int = PHOTO_QUALITY) -> PreparedPhoto:
    """Read, orient, downscale and re-encode one photo (never raises: a bad file becomes a placeholder).

    The photo is sized for ``dpi`` at the size it is printed in ``box``. A
    JPEG is decoded at 1/2, 1/4 or 1/8 scale straight from its DCT data when
    that still gives enough pixels, which costs a fraction of a full decode
    and makes most resampling unnecessary.
    """
    if path is None or not Path(path).is_file():
        return PreparedPhoto(photo, error="missing")
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            factor, upright_w, upright_h = _embed_factor(im.size[0], im.size[1], _orientation(im),
                                                         photo.rotation, box, dpi, max_side)
            im.draft("RGB", (max(1, math.ceil(im.size[0] * factor)), max(1, math.ceil(im.size[1] * factor))))
            out = ImageOps.exif_transpose(im) or im
            if out.mode not in ("RGB", "L"):
                if "A" in out.getbands():
                    background = Image.new("RGB", out.size, "white")
                    background.paste(out, mask=out.getchannel("A"))
                    out = background
                else:
                    out = out.convert("RGB")
            # The desk stores clockwise quarter turns (0, 90, 180, 270).
            turn = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                    270: Image.Transpose.ROTATE_90}.get(photo.rotation % 360)
            if turn is not None:
                out = out.transpose(turn)
            target = max(1, math.ceil(max(upright_w, upright_h) * factor))
            # Within a quarter of the target the extra pixels cost less than resampling.
            if max(out.size) > target * 1.25 or max(out.size) > max_side:
                out = out.copy() if out is im else out
                side = min(target, max_side)
                out.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=2.0)
            buffer = BytesIO()
            out.save(buffer, "JPEG", quality=quality)
            return PreparedPhoto(photo, buffer.getvalue(), out.size[0], out.size[1], path=Path(path))
    except Exception as exc:  # noqa: BLE001 - one unreadable photo must not stop the report
        log.warning("Photo %s (%s) could not be read: %s", photo.sha256[:12], path, exc)
        return PreparedPhoto(photo, error="unreadable")


def probe_photo(photo: PhotoView, path: Path | None, *, box: tuple[float, float] = PHOTO_BOX,
                dpi: int = PHOTO_DPI, max_side: int = PHOTO_MAX_SIDE) -> PreparedPhoto:
    """The upright shape of a photo from its header alone (no decoding); the pixels are loaded when drawn."""
    if path is None or not Path(path).is_file():
        return PreparedPhoto(photo, error="missing")
    from PIL import Image

    try:
        with Image.open(path) as im:
            factor, w, h = _embed_factor(im.size[0], im.size[1], _orientation(im), photo.rotation,
                                         box, dpi, max_side)
    except Exception as exc:  # noqa: BLE001 - shown as a placeholder
        log.warning("Photo %s (%s) could not be read: %s", photo.sha256[:12], path, exc)
        return PreparedPhoto(photo, error="unreadable")
    return PreparedPhoto(photo, None, max(1, round(w * factor)), max(1, round(h * factor)), path=Path(path))


class PhotoPipeline:
    """Photos prepared on a few threads while the pages are laid out.

    Each photo's shape comes from its header at once (layout needs nothing
    more); the pixels are decoded and downscaled on worker threads — Pillow
    releases the GIL, so this overlaps the layout — and a photo page waits
    only for its own photos. Leaving the ``with`` block cancels what has not
    started.
    """

    def __init__(self, photos: Sequence[PhotoView], ctx: ReportContext, *, workers: int | None = None) -> None:
        self.items = [probe_photo(photo, ctx.photo_file(photo.sha256)) for photo in photos]
        todo = [item for item in self.items if not item.error]
        count = workers or max(1, min(4, os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(max_workers=count, thread_name_prefix="pdf-photo") if todo else None
        for item in todo:
            assert self._pool is not None
            item.pending = self._pool.submit(prepare_photo, item.photo, item.path)

    def __enter__(self) -> list[PreparedPhoto]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        for item in self.items:
            item.pending = None  # drop the decoded pixels with the pool


# ------------------------------------------------------------ small helpers
def contact_value(text: str, ctx: ReportContext) -> str:
    return ctx.mask_text(text) if text else "—"


_RESOLUTION_MONEY = ("amount", "suggested", "new_cod_amount", "new_freight")


def resolution_text(res: ResolutionView, ctx: ReportContext) -> str:
    """The facts of a resolution as one line, money as ¥, codes as labels, phones masked."""
    parts: list[str] = []
    for key, value in res.details.items():
        if value in (None, "") or (res.type is ResolutionType.COMPENSATE and key in ("suggested", "basis")):
            continue
        text = str(value)
        if key in _RESOLUTION_MONEY:
            try:
                text = format_yuan(Decimal(text))
            except Exception:  # noqa: BLE001 - shown as recorded
                pass
        elif key == "basis":
            text = basis_label(text, ctx)
        elif key == "freight_payer":
            text = ctx.label(ContactParty(text)) if text in ("sender", "recipient") else text
        else:
            text = ctx.mask_text(text)
        parts.append(f"{timeline_text.detail_field_label(key, ctx.language)}{ctx.t('：', ': ')}{text}")
    return ("；" if ctx.zh else "; ").join(parts) or "—"


def esc(text: str) -> str:
    """``text`` safe inside paragraph markup."""
    return escape(text)


def heading(ctx: ReportContext, zh: str, en: str) -> SectionHeading:
    """A section heading: Chinese with a small English subtitle, or English alone."""
    if ctx.zh:
        return SectionHeading(zh, en, continued_mark="（续）")
    return SectionHeading(en, continued_mark=" (continued)")


def carrier_label(code: str, ctx: ReportContext) -> str:
    try:
        return Carrier(code).label(ctx.language)
    except ValueError:
        return code


def weight_text(grams: int | None) -> str:
    if grams is None:
        return "—"
    return f"{Decimal(grams) / 1000:.3f}".rstrip("0").rstrip(".") + " kg"
