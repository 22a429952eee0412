"""The PDFs, read back: case report, claim form and closed-cases batch.

Cases are built through the real services (on SQLite and PostgreSQL); every
PDF is read back with poppler's ``pdftotext``, its fonts are checked with
``pdffonts`` and one is rendered with ``pdftoppm``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from depot_app.db.models import AuditEntry
from depot_app.domain.clock import FixedClock
from depot_app.domain.errors import NotFoundError, PolicyError, ValidationError
from depot_app.domain.views import CaseDetail, PhotoView
from depot_app.export.case_report import write_case_report
from depot_app.export.claim_form import write_claim_form
from depot_app.export.context import ExportCancelled, ReportContext, mask_account, mask_free_text
from depot_app.export.pdf_common import yuan_in_words
from depot_app.services import Services
from depot_app.services.reports import ReportService, load_detail
from tests.export.builders import RECIPIENT_PHONE, SENDER_PHONE, compensated_lost_case, redelivered_case

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm")),
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


@dataclasses.dataclass(frozen=True)
class Audit:
    operator_id: int | None
    case_id: int | None
    field: str | None
    after: str | None
    detail: str
    at: object


def audit_rows(sv: Services) -> list[Audit]:
    with sv.db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id))
        return [Audit(r.operator_id, r.case_id, r.field, r.after, r.detail, r.at) for r in rows]


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the PDFs (the SQLite database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def reports(services: Services) -> ReportService:
    return ReportService(services.db, services.clock)


@pytest.fixture
def lost(services: Services, clock: FixedClock, manager: int, clerk: int) -> CaseDetail:
    # The manager first: `ensure_first` makes a manager only in an empty operator table.
    return compensated_lost_case(services, clock, clerk=clerk, manager=manager)


# ------------------------------------------------------------------ case report
def test_case_report_reads_back_with_masked_phones(services: Services, reports: ReportService,
                                                   lost: CaseDetail, clerk: int, out_dir: Path) -> None:
    out = reports.case_report(case_id=lost.id, out=out_dir / "case.pdf", by=clerk)
    assert out == out_dir / "case.pdf"
    text = pdf_text(out)
    assert lost.case_no in text
    assert lost.parcel.tracking_no in text
    assert "问题件处理报告" in text and "上海浦东网点" in text
    assert "遗失" in text and "已结案" in text and "已赔偿" in text
    for amount in ("¥1,200.50", "¥3,000.00", "¥25.00"):
        assert amount in text
    for outcome in ("无人接听", "关机", "已联系上"):  # every contact attempt, in Chinese
        assert outcome in text
    assert "保价快件全部损失" in text  # the basis of the compensation
    assert "证据齐全，同意按保价赔付" in text and "ICBC-20261121-0778" in text  # approval and payment
    assert "★★★★★" in text and "款项已到账" in text  # rating and closing note
    assert "第 1 页 / 共" in text
    assert "客户签字" in text and "经办人签字" in text
    # Phones are masked everywhere, also inside a free-text note; the bank account too.
    assert SENDER_PHONE not in text and RECIPIENT_PHONE not in text
    assert "138****5678" in text and "139****4321" in text
    assert "6222021234567890123" not in text and "6222 **** 0123" in text
    # A masked export leaves an audit entry but nothing on the case's timeline.
    (row,) = audit_rows(services)
    assert (row.operator_id, row.case_id, row.field, row.after) == (clerk, lost.id, "case_report", "case.pdf")
    assert "masked" in row.detail and "unmasked" not in row.detail
    assert not [e for e in services.cases.detail(lost.id).events if e.action == "exported"]
    assert [p.name for p in out_dir.iterdir()] == ["case.pdf"]  # no temporary file left behind


def test_unmasked_case_report_shows_phones_and_is_recorded(services: Services, reports: ReportService,
                                                           lost: CaseDetail, manager: int,
                                                           clock: FixedClock, out_dir: Path) -> None:
    clock.advance(hours=2)
    out = reports.case_report(case_id=lost.id, out=out_dir / "full.pdf", by=manager, unmasked=True)
    text = pdf_text(out)
    assert SENDER_PHONE in text and RECIPIENT_PHONE in text
    assert "6222021234567890123" in text
    assert "注意保密" in text
    exported = [e for e in services.cases.detail(lost.id).events if e.action == "exported"]
    assert len(exported) == 1
    assert exported[0].detail == "case report unmasked"
    assert exported[0].operator == "网点负责人" and exported[0].at == clock.now()
    (row,) = audit_rows(services)
    assert (row.operator_id, row.case_id, row.at) == (manager, lost.id, clock.now())
    assert "unmasked" in row.detail


def test_english_case_report(reports: ReportService, lost: CaseDetail, clerk: int, out_dir: Path) -> None:
    text = pdf_text(reports.case_report(case_id=lost.id, out=out_dir / "en.pdf", by=clerk, language="en"))
    assert "Problem parcel report" in text and lost.case_no in text
    assert "Lost" in text and "No answer" in text and "Switched off" in text and "Reached" in text
    assert "¥1,200.50" in text and "Insured, total loss" in text
    assert "Page 1 of" in text
    assert "Customer signature" in text


def test_case_report_refuses_unknown_case_operator_and_language(reports: ReportService, lost: CaseDetail,
                                                                clerk: int, out_dir: Path) -> None:
    with pytest.raises(NotFoundError):
        reports.case_report(case_id=lost.id + 999, out=out_dir / "x.pdf", by=clerk)
    with pytest.raises(NotFoundError):
        reports.case_report(case_id=lost.id, out=out_dir / "x.pdf", by=clerk + 999)
    with pytest.raises(ValidationError):
        reports.case_report(case_id=lost.id, out=out_dir / "x.pdf", by=clerk, language="fr")
    with pytest.raises(ValidationError):
        reports.case_report(case_id=lost.id, out=out_dir / "missing" / "x.pdf", by=clerk)
    assert list(out_dir.iterdir()) == []


def test_case_id_by_no(reports: ReportService, lost: CaseDetail) -> None:
    assert reports.case_id_by_no(lost.case_no.lower()) == lost.id
    assert reports.case_id_by_no("SH01-200101-0001") is None


# ------------------------------------------------------------------ claim form
def test_claim_form_has_amounts_and_payment(services: Services, reports: ReportService, lost: CaseDetail,
                                            clerk: int, out_dir: Path) -> None:
    out = reports.claim_form(case_id=lost.id, out=out_dir / "claim.pdf", by=clerk)
    text = pdf_text(out)
    assert "赔偿申请单" in text and lost.case_no in text
    assert "¥1,200.50" in text and "¥3,000.00" in text and "¥25.00" in text
    assert "人民币 壹仟贰佰元伍角" in text
    assert "银行转账" in text and "支付宝" in text and "微信支付" in text  # the method boxes
    assert "✔ 银行转账" in text and "✔ 支付宝" not in text  # ... with the chosen one ticked
    assert "6222 **** 0123" in text and "ICBC-20261121-0778" in text
    assert "已批准" in text and "证据齐全，同意按保价赔付" in text
    assert "索赔人" in text and "张三" in text and "138****5678" in text
    assert "证据清单" in text and "网点负责人" in text and "财务" in text
    assert pdf_pages(out) == 1
    (row,) = audit_rows(services)
    assert row.field == "claim_form" and row.case_id == lost.id


def test_claim_form_without_compensation_is_refused(services: Services, reports: ReportService,
                                                    clock: FixedClock, clerk: int, out_dir: Path) -> None:
    plain = redelivered_case(services, clock, clerk=clerk)
    with pytest.raises(PolicyError) as caught:
        reports.claim_form(case_id=plain.id, out=out_dir / "claim.pdf", by=clerk)
    assert plain.case_no in caught.value.en and "compensation" in caught.value.en
    assert "赔偿申请单" in caught.value.zh
    assert list(out_dir.iterdir()) == []
    assert audit_rows(services) == []


# ------------------------------------------------------------------ batch
def test_closed_batch_has_both_cases_and_contents(services: Services, reports: ReportService,
                                                  lost: CaseDetail, clock: FixedClock, clerk: int,
                                                  manager: int, out_dir: Path) -> None:
    second = redelivered_case(services, clock, clerk=clerk)
    progress: list[tuple[int, int]] = []
    out = reports.closed_batch(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30),
                               out=out_dir / "batch.pdf", by=manager,
                               progress=lambda done, total: progress.append((done, total)))
    text = pdf_text(out)
    assert lost.case_no in text and second.case_no in text
    assert "目录" in text and "结案问题件汇总" in text
    assert "¥1,200.50" in text
    pages = pdf_pages(out)
    assert pages >= 5  # cover with contents, then at least two pages per case
    assert f"共 {pages} 页" in text
    # The contents give the page each case starts on, and that page carries its number.
    contents = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(out), "-"],
                              capture_output=True, text=True, check=True).stdout
    starts = {}
    for case in (lost, second):
        (line,) = [ln for ln in contents.splitlines() if case.case_no in ln]
        starts[case.case_no] = int(line.split()[-1])
    assert starts[lost.case_no] == 2 and starts[second.case_no] > 2
    page = subprocess.run(["pdftotext", "-f", str(starts[second.case_no]), "-l", str(starts[second.case_no]),
                           str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert second.case_no in page and second.parcel.tracking_no in page
    assert progress and progress[-1] == (1000, 1000)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    rows = audit_rows(services)
    assert len(rows) == 1 and rows[0].field == "closed_batch" and rows[0].case_id is None
    assert "2 cases" in rows[0].detail


def test_unmasked_batch_is_recorded_on_every_case(services: Services, reports: ReportService,
                                                  lost: CaseDetail, clock: FixedClock, clerk: int,
                                                  manager: int, out_dir: Path) -> None:
    second = redelivered_case(services, clock, clerk=clerk)
    out = reports.closed_batch(date_from=date(2026, 11, 20), date_to=date(2026, 11, 22),
                               out=out_dir / "batch.pdf", by=manager, unmasked=True, include_photos=False)
    assert SENDER_PHONE in pdf_text(out)
    for case in (lost, second):
        events = [e for e in services.cases.detail(case.id).events if e.action == "exported"]
        assert [e.detail for e in events] == ["closed cases batch unmasked"]
    rows = audit_rows(services)
    assert {r.case_id for r in rows} == {None, lost.id, second.id}


def test_empty_period_is_a_clear_error(reports: ReportService, lost: CaseDetail, manager: int,
                                       out_dir: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        reports.closed_batch(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31), out=out_dir / "b.pdf",
                             by=manager)
    assert caught.value.en == "No cases were closed between 2026-10-01 and 2026-10-31."
    assert "没有结案" in caught.value.zh
    with pytest.raises(ValidationError):
        reports.closed_batch(date_from=date(2026, 12, 1), date_to=date(2026, 11, 1), out=out_dir / "b.pdf",
                             by=manager)
    assert list(out_dir.iterdir()) == []


def test_period_is_in_local_days(services: Services, reports: ReportService, lost: CaseDetail) -> None:
    # Closed at 2026-11-21 06:50 UTC = 14:50 in Shanghai.
    assert lost.closed_at is not None
    local_day = (lost.closed_at + timedelta(hours=8)).date()
    assert reports.closed_case_ids(date_from=local_day, date_to=local_day) == [lost.id]
    assert reports.closed_case_ids(date_from=local_day + timedelta(days=1),
                                   date_to=local_day + timedelta(days=1)) == []


# ------------------------------------------------------------------ the file itself
def test_font_is_embedded_as_a_subset_and_the_page_renders(reports: ReportService, lost: CaseDetail,
                                                           clerk: int, out_dir: Path) -> None:
    out = reports.case_report(case_id=lost.id, out=out_dir / "case.pdf", by=clerk)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk, fonts
    for line in cjk:
        name, *_rest = line.split()
        # Columns: name type encoding emb sub uni object-id generation.
        emb, sub, _uni = line.split()[-5:-2]
        assert (emb, sub) == ("yes", "yes"), line
        assert re.match(r"^[A-Z]{6}\+", name), name  # the subset tag
    # Every font that is not embedded is one of the standard 14 every viewer has.
    for line in fonts.splitlines()[2:]:
        if "WenQuanYi" not in line:
            assert line.split()[0] in ("Helvetica", "Helvetica-Bold"), line
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(out_dir / "page")],
                   check=True)
    (png,) = out_dir.glob("page*.png")
    assert png.stat().st_size > 10_000
    with Image.open(png) as im:
        assert im.size[0] > 300 and im.size[1] > 400
        # Not blank: the header band and text put plenty of dark pixels on the page.
        dark = sum(im.convert("L").histogram()[:128])
        assert dark > 2000


# ------------------------------------------------------------------ photos and cancelling
def _photos(folder: Path, count: int) -> dict[str, Path]:
    found = {}
    for i in range(count):
        path = folder / f"p{i}.jpg"
        Image.new("RGB", (1200, 900) if i % 2 == 0 else (900, 1200), (40 * i % 255, 120, 200)).save(path)
        found[f"{i + 1:064x}"] = path
    return found


def _with_photos(detail: CaseDetail, shas: list[str]) -> CaseDetail:
    slots = ("packaging", "contents", "label")
    return dataclasses.replace(detail, photos=[
        PhotoView(id=i, sha256=sha, slot=slots[i % 3], caption=f"说明 {i}", original_name=f"p{i}.jpg",
                  added_at=detail.reported_at, added_by="李客服", rotation=90 if i == 1 else 0, deleted=False)
        for i, sha in enumerate(shas)])


def _context(photo_path: Callable[[str], Path | None], masked: bool = True) -> ReportContext:
    return ReportContext(depot_code="SH01", depot_name="上海浦东网点", generated_at="2026-11-22 09:00",
                         generated_by="李客服", masked=masked, photo_path=photo_path)


@pytest.fixture
def lost_detail(services: Services, lost: CaseDetail) -> CaseDetail:
    with services.db.read() as s:
        return load_detail(s, lost.id, masked=True)


def test_photo_pages_show_each_photo_with_slot_and_caption(lost_detail: CaseDetail, tmp_path: Path) -> None:
    files = _photos(tmp_path, 3)
    shas = [*files, "f" * 64]  # the last one's file is missing
    detail = _with_photos(lost_detail, shas)
    detail = dataclasses.replace(detail, photos=[*detail.photos, dataclasses.replace(
        detail.photos[0], id=99, sha256="e" * 64, deleted=True, caption="已删除的照片")])
    without = write_case_report(lost_detail, _context(files.get), tmp_path / "plain.pdf")
    out = write_case_report(detail, _context(files.get), tmp_path / "photos.pdf")
    text = pdf_text(out)
    assert "照片 1/4" in text and "外包装" in text and "说明 0" in text
    assert "照片 4/4" in text and "照片文件不可用" in text  # a missing file is a placeholder, not a failure
    assert "已删除的照片" not in text
    assert pdf_pages(out) == pdf_pages(without) + 2  # two photos to a page
    assert out.stat().st_size < 2_000_000
    # The claim form lists the evidence on file.
    claim = pdf_text(write_claim_form(detail, _context(files.get), tmp_path / "claim.pdf"))
    assert "系统内照片共 4 张" in claim


def test_the_desks_own_photo_slots_and_photo_events_have_names(lost_detail: CaseDetail, tmp_path: Path) -> None:
    """Photos filed by the Evidence tab carry PhotoSlot codes (``exterior`` …): the reports name them,
    the claim form ticks the packaging evidence for ``exterior`` photos, the timeline names photo events."""
    from depot_app.domain.views import EventView
    from depot_app.domain.vocabulary import PhotoSlot
    from depot_app.export.pdf_common import event_texts, slot_label

    zh, en = _context(lambda _sha: None), dataclasses.replace(_context(lambda _sha: None), language="en")
    for slot in PhotoSlot:
        assert (slot_label(slot.value, zh), slot_label(slot.value, en)) == (slot.zh, slot.en)
    assert slot_label("packaging", zh) == "外包装"  # names older records used still read

    files = _photos(tmp_path, 3)
    detail = dataclasses.replace(lost_detail, photos=[
        PhotoView(id=i, sha256=sha, slot=slot, caption=f"说明 {i}", original_name=f"p{i}.jpg",
                  added_at=lost_detail.reported_at, added_by="李客服", rotation=0, deleted=False)
        for i, (sha, slot) in enumerate(zip(files, ("exterior", "handover", "label"), strict=True))])
    claim = pdf_text(write_claim_form(detail, _context(files.get), tmp_path / "claim.pdf"))
    assert "✔ 外包装照片" in claim and "✔ 运单/面单" in claim
    assert "✔ 其他" in claim and "签收/交接" in claim  # handover photos go under "other", by name
    report = pdf_text(write_case_report(detail, _context(files.get), tmp_path / "report.pdf"))
    assert "外包装" in report and "签收/交接" in report

    event = EventView(id=1, at=lost_detail.reported_at, operator="李客服", action="photo_edited",
                      field="photo.slot", before="label", after="exterior", detail="#3 p3.jpg")
    action, text = event_texts(event, zh)
    assert action == "修改照片" and "照片类别" in text and "面单 → 外包装" in text
    assert event_texts(dataclasses.replace(event, action="photo_purged"), en)[0] == "Photo purged"


def test_cancelling_leaves_no_file(lost_detail: CaseDetail, tmp_path: Path) -> None:
    files = _photos(tmp_path, 6)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    detail = _with_photos(lost_detail, list(files))
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 5  # part-way through the layout

    with pytest.raises(ExportCancelled) as caught:
        write_case_report(detail, _context(files.get), out_dir / "case.pdf", cancelled=cancelled)
    assert "取消" in caught.value.zh and "cancelled" in caught.value.en
    assert list(out_dir.iterdir()) == []
    # Cancelled before anything started: nothing either, and an existing file is kept as it was.
    (out_dir / "case.pdf").write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        write_claim_form(detail, _context(files.get), out_dir / "case.pdf", cancelled=lambda: True)
    assert [p.name for p in out_dir.iterdir()] == ["case.pdf"]
    assert (out_dir / "case.pdf").read_bytes() == b"old"


def test_cancelled_service_export_records_nothing(services: Services, reports: ReportService,
                                                  lost: CaseDetail, manager: int, out_dir: Path) -> None:
    with pytest.raises(ExportCancelled):
        reports.case_report(case_id=lost.id, out=out_dir / "c.pdf", by=manager, unmasked=True,
                            cancelled=lambda: True)
    with pytest.raises(ExportCancelled):
        reports.closed_batch(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30), out=out_dir / "b.pdf",
                             by=manager, cancelled=iter([False] * 30 + [True] * 1000).__next__)
    assert list(out_dir.iterdir()) == []
    assert audit_rows(services) == []
    assert not [e for e in services.cases.detail(lost.id).events if e.action == "exported"]


def test_progress_counts_up_to_the_total(lost_detail: CaseDetail, tmp_path: Path) -> None:
    files = _photos(tmp_path, 2)
    seen: list[tuple[int, int]] = []
    write_case_report(_with_photos(lost_detail, list(files)), _context(files.get), tmp_path / "c.pdf",
                      progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 10
    assert seen[-1][0] == seen[-1][1]
    assert all(done < total for done, total in seen[:-1])


# ------------------------------------------------------------------ small pieces
@pytest.mark.parametrize(("amount", "words"), [
    ("0", "零元整"), ("0.05", "伍分"), ("0.50", "伍角"), ("1", "壹元整"), ("10", "壹拾元整"),
    ("10.05", "壹拾元零伍分"), ("105", "壹佰零伍元整"), ("1200.50", "壹仟贰佰元伍角"),
    ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"), ("1001", "壹仟零壹元整"), ("10000", "壹万元整"),
    ("100100", "壹拾万零壹佰元整"), ("1000100", "壹佰万零壹佰元整"), ("20000.08", "贰万元零捌分"),
    ("100000001", "壹亿零壹元整"), ("3000.00", "叁仟元整"),
])
def test_yuan_in_words(amount: str, words: str) -> None:
    assert yuan_in_words(Decimal(amount)) == words


def test_masking_of_free_text() -> None:
    assert mask_free_text("请打 13812345678 或 138-1234-5678") == "请打 138****5678 或 138****5678"
    assert mask_free_text("座机 021-63451234") == "座机 021-****1234"
    assert mask_free_text("单号 SF1234567890123") == "单号 SF1234567890123"
    assert mask_account("6222021234567890123") == "6222 **** 0123"
    assert mask_account("支付宝 13987654321") == "支付宝 139****4321"


def test_timeline_shows_names_labels_and_money(services: Services, reports: ReportService, lost: CaseDetail,
                                               manager: int, clerk: int, out_dir: Path) -> None:
    services.cases.reopen_case(case_id=lost.id, reason="客户要求补充说明", by=manager)
    services.cases.update_case(case_id=lost.id, expected_version=services.cases.detail(lost.id).version,
                               changes={"assignee_id": manager}, by=manager)
    text = pdf_text(reports.case_report(case_id=lost.id, out=out_dir / "c.pdf", by=clerk))
    assert "李客服 → 网点负责人" in text  # an assignee change names both operators
    assert "已结案 → 调查中" in text and "客户要求补充说明" in text
    assert "已批准 ¥1,200.50" in text  # amounts recorded as "¥1200.50" are shown the house way
    assert "¥1200.50" not in text


def test_a_long_depot_name_shrinks_then_ends_in_an_ellipsis_beside_the_title(lost_detail: CaseDetail,
                                                                              tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    from depot_app.export.fonts import FONT_NAME
    from depot_app.export.pdf_common import fit_line

    short, size = fit_line("上海浦东网点", 12.5, 300)
    assert (short, size) == ("上海浦东网点", 12.5)
    name = "上海市浦东新区张江高科技园区第三分拨中心问题件处理工作台" * 3
    cut, size = fit_line(name, 12.5, 300, smallest=9)
    assert size == 9 and cut.endswith("…") and name.startswith(cut[:-1])
    assert pdfmetrics.stringWidth(cut, FONT_NAME, size) <= 300

    context = dataclasses.replace(_context(lambda _sha: None), depot_name=name)
    out = write_case_report(lost_detail, context, tmp_path / "long.pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(out), "-"], capture_output=True,
                           text=True, check=True).stdout
    words = [(float(m[1]), float(m[3]), float(m[2]), m[5]) for m in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', boxes)]
    header = sorted((w for w in words if w[2] < 40), key=lambda w: w[0])  # the band at the top of the page
    assert any(w[3].endswith("…") for w in header)
    assert header[0][3].endswith("…") and any(w[3] == "问题件处理报告" for w in header)  # the title stays whole
    for left, right in itertools.pairwise(header):
        assert left[1] <= right[0] + 0.5, f"{left[3]!r} runs into {right[3]!r}"


def test_a_number_code_128_cannot_hold_gets_no_barcode() -> None:
    from reportlab.platypus import Spacer

    from depot_app.export.pdf_common import code128

    assert isinstance(code128("SF１２３４５６７８９０１２", max_width=200), Spacer)
    assert not isinstance(code128("SF1234567890123", max_width=200), Spacer)
