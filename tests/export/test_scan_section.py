"""The case report's carrier scans section: none, one, and hundreds with long texts, in both languages."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.scans import NewScan, ScanType
from depot_app.services import Services
from tests.export.test_pdf_shapes import continued, read_back

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
BEIJING = timezone(timedelta(hours=8))


@pytest.mark.parametrize(("count", "long_every"), [(0, 0), (1, 0), (450, 37)])
def test_scans_section_shapes(sqlite_url: str, tmp_path: Path, count: int, long_every: int) -> None:
    sv = Services.open(sqlite_url, clock=FixedClock(datetime(2026, 11, 20, 2, 0)))
    try:
        by = sv.operators.ensure_first().id
        case = sv.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.LOST, by=by)
        start = datetime(2026, 10, 1, 8, 0, tzinfo=BEIJING)
        types = list(ScanType)
        scans = []
        for i in range(count):
            text = f"第{i}条轨迹 scan-{i:04d}-end"
            if long_every and i % long_every == 0:
                text = f"scan-{i:04d}-long " + "快件在转运中心等待分拣，" * 220 + f" tail-{i:04d}"
            scans.append(NewScan(tracking_no="SF1234567890123", at=start + timedelta(minutes=37 * i),
                                 scan_type=types[i % len(types)], place=("上海浦东新区张江高科技园区" * 4)[:60],
                                 text=text, source="华东总部" if i % 2 else "kuaidi100"))
        if scans:
            sv.tracking.add_scans(scans=scans, by=by)
        for language in ("zh_CN", "en"):
            out = tmp_path / f"{count}-{language}.pdf"
            sv.reports.case_report(case_id=case.id, out=out, by=by, language=language)
            read = read_back(out)
            assert not read.outside, read.outside[:5]
            joined = "".join(read.words)
            assert ("快递轨迹" if language == "zh_CN" else "Carrier") in joined
            for i in range(count):
                assert f"scan-{i:04d}" in joined, (language, i)
                if long_every and i % long_every == 0:
                    assert f"tail-{i:04d}" in joined, (language, i)
            if count == 0:
                assert ("没有快递轨迹记录" if language == "zh_CN" else "No carrier scans") in " ".join(read.words)
            if count > 100:
                assert read.pages > 5
                assert continued(language, "快递轨迹", "Carrier scans").replace(" ", "") in joined
    finally:
        sv.close()
