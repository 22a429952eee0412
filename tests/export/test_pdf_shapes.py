"""Every shape of case lays out: case report, claim form and batch, in both languages.

Several hundred seeded, varied cases — empty and enormous timelines, hundreds
of contacts, 10,000-character notes (with and without spaces, one unbroken
Chinese or Latin run, thousands of newlines), photos of every shape from 1×1
to 6000×4000 and 1×2000 strips, names and numbers at and beyond their column
lengths, every kind, state and resolution — are built as plain views (no
database) and exported. Each PDF is read back with ``pdftotext -bbox``: it
must hold its case number, a token from every timeline entry and contact
(the entry's operator column starts with it), the end of every long text, and
no word may lie outside the page's frame, header band or footer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import random
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.views import (
    CaseDetail,
    CompensationView,
    ContactView,
    EventView,
    ParcelView,
    PhotoView,
    ResolutionView,
)
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    PaymentMethod,
    PhotoSlot,
    Priority,
    ReportChannel,
    ResolutionState,
    ResolutionType,
    ShipmentScope,
)
from depot_app.export.batch_report import write_batch_report
from depot_app.export.case_report import write_case_report
from depot_app.export.claim_form import write_claim_form
from depot_app.export.context import ReportContext, compensation_of
from depot_app.export.pdf_common import BAND_H, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

#: How many case shapes; each is exported in both languages (and as a claim form when it has one).
SHAPES = 300
SEED = 20261120
BASE = datetime(2026, 8, 1, 1, 0)

# ------------------------------------------------------------------ text
_ZH_WORDS = ("快件", "收件人", "寄件人", "电话无人接听", "已联系网点", "包装破损", "中转场", "派送",
             "客户要求退回", "请尽快处理", "已拍照留证", "地址不详", "改派", "签收", "赔偿")
_EN_WORDS = ("parcel", "recipient", "sender", "called", "no", "answer", "hub", "outlet", "damaged",
             "returned", "please", "redeliver", "tomorrow", "address", "unclear", "signed")
_ODD = ("<b>", "&amp;", "&", "<", ">", '"', "'", "<br/>", "%s", "{}", "\\", "★", "¥1200.50",
        "13812345678", "021-63451234", "——", "…", "（）", "\t")


def free_text(rng: random.Random, length: int, style: str | None = None) -> str:
    """Text of about ``length`` characters in one of several awkward styles."""
    if length <= 0:
        return ""
    style = style or rng.choice(("zh", "en", "mixed", "cjk_run", "latin_run", "digits", "newlines",
                                 "odd", "zh", "en", "mixed"))
    if style == "cjk_run":  # one unbroken Chinese run: no spaces, no punctuation
        return "".join(rng.choice("问题件快递包裹破损遗失延误拒收签收网点") for _ in range(length))
    if style == "latin_run":  # one unbroken Latin "word"
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(length))
    if style == "digits":
        return "".join(rng.choice("0123456789") for _ in range(length))
    if style == "newlines":  # many (also empty) lines
        out = []
        while sum(len(p) + 1 for p in out) < length:
            out.append(rng.choice(("", "", "行", "a", rng.choice(_ZH_WORDS), rng.choice(_EN_WORDS))))
        return "\n".join(out)[:length]
    words = {"zh": _ZH_WORDS, "en": _EN_WORDS, "mixed": _ZH_WORDS + _EN_WORDS,
             "odd": _ZH_WORDS + _EN_WORDS + _ODD}[style]
    sep = "" if style == "zh" else " "
    out = []
    size = 0
    while size < length:
        word = rng.choice(words)
        out.append(word)
        size += len(word) + len(sep)
        if style == "zh" and rng.random() < 0.15:
            out.append(rng.choice("，。；！"))
    return sep.join(out)[:length]


def text_length(rng: random.Random, *, long_share: float = 0.08, cap: int = 10_000) -> int:
    """Mostly short, sometimes medium, now and then up to ``cap`` characters."""
    roll = rng.random()
    if roll < long_share:
        return rng.randint(cap // 5, cap)
    if roll < long_share + 0.2:
        return rng.randint(60, 600)
    return rng.randint(0, 40)


def name(rng: random.Random, limit: int = 64) -> str:
    """A person's or place's name; now and then at (or far beyond) its column length."""
    roll = rng.random()
    if roll < 0.06:
        return free_text(rng, limit, rng.choice(("cjk_run", "latin_run", "zh", "en")))
    if roll < 0.08:
        return free_text(rng, limit * 4, rng.choice(("cjk_run", "latin_run", "mixed")))
    if roll < 0.12:
        return ""
    return rng.choice(("张三", "李四", "王五", "赵六", "Zhang San", "欧阳娜娜", "Li", "陈"))


# ------------------------------------------------------------------ photos
#: Photo files by name: (mode, size, format); "missing" has no file, "corrupt" is not an image.
PHOTO_FILES: dict[str, tuple[str, tuple[int, int], str]] = {
    "tiny": ("RGB", (1, 1), "JPEG"),
    "strip_tall": ("RGB", (1, 2000), "JPEG"),
    "strip_wide": ("RGB", (4000, 10), "JPEG"),
    "line_wide": ("RGB", (2000, 1), "PNG"),
    "small": ("RGB", (24, 18), "JPEG"),
    "portrait": ("RGB", (18, 32), "JPEG"),
    "alpha": ("RGBA", (40, 20), "PNG"),
    "gray": ("L", (30, 30), "PNG"),
    "palette": ("P", (20, 40), "PNG"),
    "cmyk": ("CMYK", (32, 24), "JPEG"),
    "large": ("RGB", (3000, 2000), "JPEG"),
    "huge": ("RGB", (6000, 4000), "JPEG"),
}
SMALL_PHOTOS = ("tiny", "strip_tall", "strip_wide", "line_wide", "small", "portrait", "alpha", "gray",
                "palette", "cmyk", "missing", "corrupt")
BIG_PHOTOS = ("large", "huge")


def photo_sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def make_photo_files(folder: Path) -> dict[str, Path]:
    """Every photo of :data:`PHOTO_FILES` (and a corrupt one) in ``folder``, by SHA-256."""
    found: dict[str, Path] = {}
    for index, (label, (mode, size, fmt)) in enumerate(PHOTO_FILES.items()):
        path = folder / f"{label}.{fmt.lower()}"
        colour: Any = (40 + 15 * index) % 255 if mode in ("L", "P") else \
            tuple((40 + 15 * index + k * 60) % 255 for k in range(len(mode)))
        Image.new(mode, size, colour).save(path, fmt)
        found[photo_sha(label)] = path
    corrupt = folder / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    found[photo_sha("corrupt")] = corrupt
    return found


@pytest.fixture(scope="module")
def photo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The photo files by SHA-256 (made once for the module)."""
    return make_photo_files(tmp_path_factory.mktemp("photos"))


# ------------------------------------------------------------------ shapes
@dataclasses.dataclass(frozen=True)
class Shape:
    """One case to export and what its PDFs must show."""

    index: int
    detail: CaseDetail
    #: Words that must appear: one per timeline entry and per contact.
    tokens: tuple[str, ...]
    #: Words that end the long free texts (their last line).
    markers: tuple[str, ...]
    #: The same, for text shown in one language only (the compensation's explanation).
    language_markers: tuple[tuple[str, str], ...] = ()

    def markers_in(self, language: str) -> list[str]:
        return [*self.markers, *(m for m, lang in self.language_markers if lang == language)]

    @property
    def heavy(self) -> int:
        return len(self.detail.events) + len(self.detail.contacts)


def _count(rng: random.Random, steps: tuple[tuple[float, int, int], ...]) -> int:
    roll = rng.random()
    for share, low, high in steps:
        if roll < share:
            return rng.randint(low, high)
        roll -= share
    return 0


def _long(rng: random.Random, marker: str, markers: list[str], **kw: Any) -> str:
    """Free text that ends on its own line with ``marker`` when it is long enough to matter."""
    text = free_text(rng, text_length(rng, **kw))
    if len(text) > 200:
        markers.append(marker)
        return f"{text}\n{marker}"
    return text


def _money(rng: random.Random) -> Decimal | None:
    return rng.choice((None, Decimal("0"), Decimal("0.01"), Decimal("25"), Decimal("1200.50"),
                       Decimal("999999999.99"), Decimal(rng.randint(0, 10**6)) / 100))


def _event(rng: random.Random, j: int, at: datetime, token: str) -> EventView:
    action = rng.choice(("registered", "contact", "status", "field", "resolution", "approval", "payment",
                         "closed", "reopened", "revealed", "note", "exported", "photo_added", "photo_edited",
                         "photo_deleted", "photo_purged", "something_new"))
    field = None
    before = after = None
    detail = free_text(rng, text_length(rng, long_share=0.02, cap=4000))
    if action == "registered":
        after = "registered"
        detail = f"{rng.choice(list(ProblemKind)).value} {rng.randint(10**11, 10**13)}"
    elif action == "contact":
        detail = (f"{rng.choice(list(ContactParty)).value}/{rng.choice(list(ContactChannel)).value}/"
                  f"{rng.choice(list(ContactOutcome)).value}: {detail}")
    elif action in ("status", "closed", "reopened"):
        field = "status"
        before, after = rng.choice(list(CaseStatus)).value, rng.choice(list(CaseStatus)).value
    elif action == "field":
        field = rng.choice(("parcel.recipient_address", "parcel.declared_value", "priority", "kind", "due_at",
                            "assignee_id", "description", "parcel.weird", "no.such.field", "resolution.x"))
        before = rng.choice((None, "", "7", free_text(rng, text_length(rng, long_share=0.03, cap=3000))))
        after = rng.choice(("", "3", "2026-11-20T10:00:00", free_text(rng, text_length(rng, cap=3000))))
    elif action == "resolution":
        detail = "退回寄件人；原因：" + detail + "；金额: 1200.50；依据: insured_total"
    elif action == "payment":
        detail = f"{rng.choice(list(PaymentMethod)).value} ¥{rng.randint(0, 99999)}.50 {detail}"
    elif action == "revealed":
        detail = "sender_phone, recipient_phone, whatever"
    elif action.startswith("photo"):
        field = rng.choice(("photo.slot", "photo.caption", "photo.rotation", None))
        before, after = "label", "exterior"
    operator = f"{token} {name(rng)}".strip()
    return EventView(id=j + 1, at=at, operator=operator, action=action, field=field, before=before, after=after,
                     detail=detail)


def _compensation(rng: random.Random, markers: list[str], language_markers: list[tuple[str, str]],
                  at: datetime) -> CompensationView:
    amount = _money(rng) or Decimal("0")
    explained: list[str] = []
    # Stored as a Chinese line, then the English one (see explanation_text).
    zh = _long(rng, "EXPLZH", explained, long_share=0.05).replace("\n", " ")
    en = _long(rng, "EXPLEN", explained, long_share=0.05).replace("\n", " ")
    language_markers += [(m, "zh_CN" if m == "EXPLZH" else "en") for m in explained]
    paid = rng.random() < 0.6
    return CompensationView(
        id=1, suggested_amount=_money(rng) or Decimal("0"), amount=amount,
        basis=rng.choice(("insured_total", "insured_partial", "uninsured_capped", "uninsured_actual",
                          "delay_waiver", "delay_no_waiver", "exempt", "", "unknown_basis")),
        explanation=f"{zh}\n{en}",
        adjust_reason=_long(rng, "ADJEND", markers, long_share=0.05),
        approval_state=rng.choice(("not_needed", "pending", "approved", "rejected", "odd")),
        approver=rng.choice((None, name(rng))), approved_at=rng.choice((None, at)),
        approval_comment=_long(rng, "APPREND", markers, long_share=0.05),
        payment_method=rng.choice(list(PaymentMethod)) if paid else None,
        payment_reference=free_text(rng, rng.choice((0, 20, 64))) if paid else "",
        payee_account=rng.choice(("", "6222021234567890123", "支付宝 13987654321", free_text(rng, 128))),
        paid_at=at if paid else None, paid_by=name(rng) if paid else None)


def _resolution(rng: random.Random, r: int, at: datetime, markers: list[str],
                language_markers: list[tuple[str, str]], *, compensate: bool) -> ResolutionView:
    """A resolution; the markers of its compensation's texts go to the given lists."""
    kind = ResolutionType.COMPENSATE if compensate else rng.choice(list(ResolutionType))
    keys = ("attempt_date", "new_address", "new_phone", "new_tracking_no", "reason", "return_tracking_no",
            "amount", "carrier", "outlet", "pickup_code", "confirmation_ref", "new_cod_amount", "freight_payer",
            "odd_key")
    details: dict[str, Any] = {}
    for key in rng.sample(keys, rng.randint(0, 5)):
        details[key] = {"amount": "1200.50", "new_cod_amount": "abc", "freight_payer": "sender"}.get(
            key, free_text(rng, text_length(rng, long_share=0.04, cap=3000)))
    comp = _compensation(rng, markers, language_markers, at) if kind is ResolutionType.COMPENSATE else None
    return ResolutionView(id=r + 1, type=kind, state=rng.choice(list(ResolutionState)), details=details,
                          summary_zh="", summary_en="", chosen_at=at, chosen_by=name(rng),
                          started_at=rng.choice((None, at)), completed_at=rng.choice((None, at)),
                          compensation=comp)


def make_shape(index: int) -> Shape:
    """The ``index``-th case shape (the same every run)."""
    rng = random.Random(SEED * 1000 + index)
    markers: list[str] = []
    language_markers: list[tuple[str, str]] = []
    tokens: list[str] = []
    reported = BASE + timedelta(minutes=rng.randint(0, 200_000))
    # A few fixed extremes first, then random mixtures of them.
    n_events = _count(rng, ((0.06, 0, 0), (0.62, 1, 15), (0.22, 16, 60), (0.07, 61, 160), (0.03, 300, 500)))
    n_contacts = _count(rng, ((0.3, 0, 0), (0.58, 1, 8), (0.1, 9, 60), (0.02, 150, 200)))
    n_photos = _count(rng, ((0.78, 0, 0), (0.17, 1, 3), (0.05, 4, 12)))
    if index == 0:  # nothing at all
        n_events = n_contacts = n_photos = 0
    elif index == 1:
        n_events, n_contacts = 500, 200
    elif index == 2:
        n_photos = 30
    elif index == 3:
        n_events = 9  # the shape that first broke: closed out of area, 9 entries, 1 contact, no photos
        n_contacts, n_photos = 1, 0
    big_photos = index in (2, 7) or (n_photos and rng.random() < 0.05)

    status = rng.choice(list(CaseStatus))
    closed = status is CaseStatus.CLOSED or rng.random() < 0.4
    compensate = rng.random() < 0.3 or index in (4, 5, 6)
    n_res = _count(rng, ((0.25, 0, 0), (0.65, 1, 2), (0.1, 3, 6)))
    if compensate:
        n_res = max(n_res, 1)

    events = []
    for j in range(n_events):
        token = f"E{j:03d}"
        tokens.append(token)
        events.append(_event(rng, j, reported + timedelta(minutes=rng.randint(0, 50_000)), token))
    contacts = []
    for j in range(n_contacts):
        token = f"C{j:03d}"
        tokens.append(token)
        contacts.append(ContactView(
            id=j + 1, party=rng.choice(list(ContactParty)), channel=rng.choice(list(ContactChannel)),
            outcome=rng.choice(list(ContactOutcome)),
            note=free_text(rng, text_length(rng, long_share=0.03)),
            at=reported + timedelta(minutes=rng.randint(0, 50_000)), operator=f"{token} {name(rng)}".strip()))
    resolutions = []
    comp_markers: dict[int, tuple[list[str], list[tuple[str, str]]]] = {}
    for r in range(n_res):
        comp_markers[r + 1] = ([], [])
        resolutions.append(_resolution(rng, r, reported + timedelta(hours=r), *comp_markers[r + 1],
                                       compensate=compensate and r == n_res - 1))
    photos = []
    for k in range(n_photos):
        label = rng.choice(BIG_PHOTOS) if big_photos and k % 5 == 0 else rng.choice(SMALL_PHOTOS)
        photos.append(PhotoView(
            id=k + 1, sha256=photo_sha(label),
            slot=rng.choice([s.value for s in PhotoSlot] + ["packaging", "damage", "odd-slot", ""]),
            caption=free_text(rng, text_length(rng, long_share=0.1, cap=rng.choice((500, 3000)))),
            original_name=free_text(rng, rng.choice((8, 30, 255)), rng.choice(("en", "latin_run", "zh"))),
            added_at=reported, added_by=name(rng), rotation=rng.choice((0, 90, 180, 270)),
            deleted=rng.random() < 0.1))

    parcel = ParcelView(
        id=index + 1,
        tracking_no=rng.choice((f"SF{8_000_000_000_000 + index}", f"YT{index:013d}", "AB123456785CN",
                                "".join(rng.choice("0123456789ABCDEFGHJK-") for _ in range(40)),
                                "9" * 12)),
        carrier=rng.choice(("sf", "yto", "ems", "upu_intl", "other", "nonsense")),
        scope=rng.choice(list(ShipmentScope)),
        sender_name=name(rng), sender_phone=rng.choice(("", "13812345678", "021-63451234", free_text(rng, 32))),
        sender_address=free_text(rng, rng.choice((0, 30, 255))), recipient_name=name(rng),
        recipient_phone=rng.choice(("", "13987654321", "138****4321")),
        recipient_address=free_text(rng, rng.choice((0, 40, 255, 1000))),
        item_description=free_text(rng, rng.choice((0, 12, 255))), declared_value=_money(rng),
        insured_value=_money(rng), freight=_money(rng), cod_amount=_money(rng),
        weight_g=rng.choice((None, 0, 1, 1850, 10**7)), last_scan_at=rng.choice((None, reported)),
        phones_masked=True)
    case_no = f"SH01-2608{index % 28 + 1:02d}-{index:04d}"
    if index % 11 == 10:  # the longest a case number can be
        case_no = (case_no + "-" + "X" * 32)[:32]
    detail = CaseDetail(
        id=index + 1, case_no=case_no, kind=rng.choice(list(ProblemKind)),
        status=CaseStatus.CLOSED if closed else status, priority=rng.choice(list(Priority)),
        report_channel=rng.choice(list(ReportChannel)), reporter_name=name(rng),
        reporter_contact=rng.choice(("", "13812345678", free_text(rng, 64))),
        description=_long(rng, "DESCEND", markers, long_share=0.12), assignee_id=None,
        assignee=rng.choice((None, name(rng))), created_by=name(rng), reported_at=reported, updated_at=reported,
        due_at=reported + timedelta(days=2), first_response_due_at=rng.choice((None, reported)),
        first_contact_at=rng.choice((None, reported)),
        closed_at=reported + timedelta(days=rng.randint(0, 20)) if closed else None,
        final_outcome=rng.choice(list(FinalOutcome)) if closed else rng.choice((None, FinalOutcome.SIGNED)),
        satisfaction=rng.choice((None, 1, 3, 5)), close_note=_long(rng, "NOTEEND", markers, long_share=0.1),
        version=1, parcel=parcel, contacts=contacts, resolutions=resolutions, events=events, photos=photos)
    counted = compensation_of(detail)  # only the compensation that counts is in the report
    if counted is not None:
        markers += comp_markers[counted[0].id][0]
        language_markers += comp_markers[counted[0].id][1]
    return Shape(index, detail, tuple(tokens), tuple(markers), tuple(language_markers))


ALL_SHAPES = [make_shape(i) for i in range(SHAPES)]


def test_the_shapes_cover_the_extremes() -> None:
    details = [s.detail for s in ALL_SHAPES]
    assert max(len(d.events) for d in details) == 500 and min(len(d.events) for d in details) == 0
    assert max(len(d.contacts) for d in details) == 200
    assert max(len(d.photos) for d in details) == 30
    assert max(len(d.description) for d in details) > 9000
    assert {d.kind for d in details} == set(ProblemKind)
    assert {d.status for d in details} == set(CaseStatus)
    assert {r.type for d in details for r in d.resolutions} == set(ResolutionType)
    assert {r.state for d in details for r in d.resolutions} == set(ResolutionState)
    assert sum(compensation_of(d) is not None for d in details) > 60
    assert sum(len(s.markers) > 0 for s in ALL_SHAPES) > 40
    used = {p.sha256 for d in details for p in d.photos}
    assert {photo_sha(label) for label in (*SMALL_PHOTOS, *BIG_PHOTOS)} <= used


# ------------------------------------------------------------------ reading back
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page width=")
#: A word may reach this far past the frame (glyph boxes include the font's ascent and descent).
SLACK = 4.0
FOOTER_TOP = PAGE_H - 13 * 2.834645669


@dataclasses.dataclass
class ReadBack:
    words: list[str]
    pages: int
    outside: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def read_back(path: Path) -> ReadBack:
    """The words of a PDF, its page count, and every word drawn outside the frame, band or footer."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    words: list[str] = []
    outside: list[str] = []
    for page, chunk in enumerate(_PAGE.split(out)[1:], start=1):
        for x0, y0, x1, y1, raw in _WORD.findall(chunk):
            word = html.unescape(raw)
            words.append(word)
            left, top, right, bottom = float(x0), float(y0), float(x1), float(y1)
            in_width = left >= MARGIN_X - SLACK and right <= PAGE_W - MARGIN_X + SLACK
            in_height = (top >= MARGIN_TOP - SLACK and bottom <= PAGE_H - MARGIN_BOTTOM + SLACK
                         or bottom <= BAND_H + SLACK or top >= FOOTER_TOP)
            if not (in_width and in_height):
                outside.append(f"page {page}: {word[:30]!r} at ({left:.0f},{top:.0f})-({right:.0f},{bottom:.0f})")
    return ReadBack(words, len(_PAGE.findall(out)), outside)


def context(photo_files: dict[str, Path], language: str) -> ReportContext:
    return ReportContext(depot_code="SH01", depot_name="上海浦东网点", language=language,
                         generated_at="2026-11-22 09:00", generated_by="李客服", photo_path=photo_files.get)


def check(read: ReadBack, shape: Shape, what: str, language: str) -> None:
    assert not read.outside, f"{what}: words outside the frame: {read.outside[:5]}"
    text = read.text
    assert shape.detail.case_no in text, what
    words = set(read.words)
    missing = [t for t in shape.tokens if t not in words]
    assert not missing, f"{what}: {len(missing)} entries missing, e.g. {missing[:5]}"
    joined = "".join(read.words)  # a marker may wrap inside a Chinese line
    for marker in shape.markers_in(language):
        assert marker in joined, f"{what}: the text ending in {marker} is cut off"


def continued(language: str, title_zh: str, title_en: str) -> str:
    return f"{title_zh}（续）" if language == "zh_CN" else f"{title_en} (continued)"


# ------------------------------------------------------------------ the tests
def _chunks(size: int) -> Iterator[list[int]]:
    for start in range(0, SHAPES, size):
        yield list(range(start, min(start + size, SHAPES)))


@pytest.mark.parametrize("indexes", list(_chunks(20)), ids=lambda ix: f"shapes{ix[0]}-{ix[-1]}")
def test_every_shape_lays_out_in_both_languages(indexes: list[int], photo_files: dict[str, Path],
                                                tmp_path: Path) -> None:
    for index in indexes:
        shape = ALL_SHAPES[index]
        detail = shape.detail
        for language in ("zh_CN", "en"):
            what = f"shape {index} ({language}, {len(detail.events)} entries, {len(detail.contacts)} contacts, " \
                   f"{len(detail.photos)} photos)"
            ctx = context(photo_files, language)
            out = write_case_report(detail, ctx, tmp_path / f"case-{index}-{language}.pdf")
            read = read_back(out)
            check(read, shape, what, language)
            if len(detail.events) >= 120:  # the timeline runs over a page: its heading says so
                assert continued(language, "时间线", "Timeline") in read.text, what
            if len(detail.contacts) >= 150:
                assert continued(language, "联系记录", "Contact attempts") in read.text, what
            if compensation_of(detail) is not None:
                claim = read_back(write_claim_form(detail, ctx, tmp_path / f"claim-{index}-{language}.pdf"))
                assert not claim.outside, f"claim form of {what}: {claim.outside[:5]}"
                assert detail.case_no in claim.text, what
            out.unlink()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_batch_of_every_shape(language: str, photo_files: dict[str, Path], tmp_path: Path) -> None:
    """A batch of closed cases of many shapes (photos and the longest timelines included)."""
    closed = [s for s in ALL_SHAPES if s.detail.status is CaseStatus.CLOSED]
    chosen = [s for s in closed if s.detail.photos][:3] + [max(closed, key=lambda s: s.heavy)]
    chosen += [s for s in closed if s not in chosen and s.heavy < 80][:16]
    details = [s.detail for s in chosen]
    out = write_batch_report(details, context(photo_files, language), tmp_path / "batch.pdf",
                             date_from=date(2026, 8, 1), date_to=date(2026, 12, 31))
    read = read_back(out)
    assert not read.outside, read.outside[:5]
    counts = Counter(read.words)
    for shape in chosen:
        assert shape.detail.case_no in read.text
        for marker in shape.markers_in(language):
            assert marker in "".join(read.words)
    needed = Counter(t for s in chosen for t in s.tokens)
    short = {t: n for t, n in needed.items() if counts[t] < n}
    assert not short, f"entries missing from the batch: {list(short.items())[:5]}"


# ------------------------------------------------------------------ photo shapes
@pytest.mark.parametrize("label", [*PHOTO_FILES, "missing", "corrupt"])
@pytest.mark.parametrize("caption_length", [0, 200, 3000])
def test_a_photo_of_any_shape_fits_the_frame(label: str, caption_length: int, photo_files: dict[str, Path],
                                             tmp_path: Path) -> None:
    """Each photo page's picture stays inside the frame, also below a caption of a page or more."""
    from depot_app.export import case_report
    from depot_app.export.pdf_common import CONTENT_W, FRAME_H, PhotoFlowable

    base = ALL_SHAPES[0].detail
    photo = PhotoView(id=1, sha256=photo_sha(label), slot="label",
                      caption=free_text(random.Random(caption_length), caption_length, "mixed"),
                      original_name="x.jpg", added_at=base.reported_at, added_by="李客服", rotation=90,
                      deleted=False)
    detail = dataclasses.replace(base, photos=[photo, dataclasses.replace(photo, id=2, rotation=0)])
    drawn: list[tuple[float, float, float, float]] = []
    original: Callable[..., Any] = PhotoFlowable.draw

    def spy(self: PhotoFlowable) -> None:
        left = (self.avail_w - self.draw_w) / 2
        x0, y0 = self.canv.absolutePosition(left, 0)
        x1, y1 = self.canv.absolutePosition(left + self.draw_w, self.draw_h)
        drawn.append((x0, y0, x1 - x0, y1 - y0))
        original(self)

    try:
        PhotoFlowable.draw = spy  # type: ignore[method-assign]
        out = case_report.write_case_report(detail, context(photo_files, "zh_CN"), tmp_path / "p.pdf")
    finally:
        PhotoFlowable.draw = original  # type: ignore[method-assign]
    assert len(drawn) == 2
    for x, y, w, h in drawn:
        assert MARGIN_X - 0.01 <= x and x + w <= MARGIN_X + CONTENT_W + 0.01
        assert MARGIN_BOTTOM - 0.01 <= y and y + h <= MARGIN_BOTTOM + FRAME_H + 0.01
        assert w > 0 and h > 0
    read = read_back(out)
    assert not read.outside, read.outside[:5]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_sections_start_anywhere_on_a_page(language: str, tmp_path: Path) -> None:
    """Whatever room is left above a section, it lays out (the first failure: a heading with a
    short table under it, 74 pt from the foot of the page)."""
    from reportlab.platypus import Spacer

    from depot_app.export.case_report import case_story
    from depot_app.export.context import Ticker
    from depot_app.export.pdf_common import FRAME_H, DepotDoc, PageFurniture, Styles, build

    ctx = context({}, language)
    styles = Styles(language)
    detail = ALL_SHAPES[3].detail
    for offset in range(0, int(FRAME_H), 9):
        story = [Spacer(1, offset), *case_story(detail, ctx, styles, [])]
        out = tmp_path / f"at-{offset}.pdf"
        doc = DepotDoc(str(out), ticker=Ticker(None, None), title="t", ctx=ctx)
        build(doc, story, PageFurniture(ctx, "t", case_no=detail.case_no))
        read = read_back(out)
        assert not read.outside, (offset, read.outside[:3])
        assert set(ALL_SHAPES[3].tokens) <= set(read.words), offset
