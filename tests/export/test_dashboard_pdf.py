"""The dashboard's one-page PDF: the service's figures read back, one page for every shape, fonts embedded."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from depot_app.domain.dashboard import FIGURES, Period
from depot_app.domain.dashboard_view import (
    BREAKDOWN_TITLES,
    DashboardView,
    FigureLine,
    GroupLine,
    format_figure,
)
from depot_app.domain.errors import PermissionDeniedError
from depot_app.export.context import ReportContext
from depot_app.export.dashboard_pdf import TOP_ROWS, write_dashboard_pdf
from depot_app.services import Services
from depot_app.services.dashboard_export import DashboardExportService, dashboard_view
from depot_app.services.demo import generate_demo_data

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils is not installed")


def _text(path: Path, *, layout: bool = True) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _ink_share(path: Path) -> float:
    """The share of pixels that are not white on the rendered page."""
    from PIL import Image

    png = subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(path)], capture_output=True,
                         check=True).stdout
    with Image.open(io.BytesIO(png)) as im:
        grey = im.convert("L")
        histogram = grey.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def _check_page(path: Path) -> None:
    assert _pages(path) == 1
    fonts = _fonts(path)
    wqy = [row for row in fonts if "WenQuanYi" in row[0]]
    # Embedded and subset: name, type..., emb, sub, uni, object, id.
    assert wqy and all(row[-5] == "yes" and row[-4] == "yes" for row in wqy), fonts
    assert _ink_share(path) > 0.03


@pytest.fixture
def demo(services: Services, manager: int) -> tuple[Services, int, Period]:
    generate_demo_data(services, cases=300, seed=11)
    today = services.clock.now().date()
    return services, manager, Period(today.replace(day=1), today)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_pdf_shows_the_services_figures_on_one_page(demo, language: str, tmp_path: Path) -> None:  # noqa: ANN001
    services, manager, period = demo
    out = tmp_path / "dashboard.pdf"
    DashboardExportService(services.db, services.clock).write_pdf(period=period, by=manager, out=out,
                                                                  language=language)
    _check_page(out)
    board = services.dashboard.figures(period=period, by=manager)
    lines = _text(out).splitlines()
    for figure in FIGURES:
        label = figure.label(language)
        row = next((line for line in lines if re.split(r"\s{2,}", line.strip())[0] == label), None)
        assert row is not None, label
        cur, prev = board.current.values[figure.key], board.previous.values[figure.key]
        if cur is None and figure.key.endswith(("volume", "per_10k")):
            assert ("缺失" if language == "zh_CN" else "Missing") in row, row
            continue
        cells = [c.strip() for c in re.split(r"\s{2,}", row.strip())]
        assert cells[1] == format_figure(figure.key, cur, language), row
        assert cells[2] == format_figure(figure.key, prev, language), row
    text = _text(out, layout=False)
    for _name, zh, en in BREAKDOWN_TITLES:
        assert (zh if language == "zh_CN" else en) in text
    assert period.first.isoformat() in text and period.previous().first.isoformat() in text
    # The busiest handler's row carries the service's counts.
    top = board.breakdowns["handler"][0]
    row = next(line for line in lines if top.label in line)
    assert f"{top.opened:,}" in row and f"{top.open_end:,}" in row
    exports = [e for e in services.audit.entries(by=manager) if e.action == "export" and e.field == "dashboard"]
    assert len(exports) == 1 and exports[0].after == "dashboard.pdf"


def test_the_volume_rates_print_their_values_when_every_day_has_a_volume(demo, tmp_path: Path) -> None:  # noqa: ANN001
    services, manager, period = demo
    days = [date.fromordinal(period.first.toordinal() + i) for i in range(period.days)]
    services.volume.set_days(values=dict.fromkeys(days, 20_000), by=manager)
    out = tmp_path / "volume.pdf"
    DashboardExportService(services.db, services.clock).write_pdf(period=period, by=manager, out=out,
                                                                  language="en")
    board = services.dashboard.figures(period=period, by=manager)
    lines = _text(out).splitlines()
    row = next(line for line in lines if line.strip().startswith("Problem cases per 10,000 parcels"))
    assert format_figure("case_rate_per_10k", board.current.values["case_rate_per_10k"], "en") in row
    assert "Missing" in row  # the previous period has no volume
    assert f"{20_000 * period.days:,}" in next(line for line in lines if "Parcels handled" in line)


def test_a_clerk_cannot_export_the_dashboard(services: Services, clerk: int, tmp_path: Path) -> None:
    out = tmp_path / "no.pdf"
    with pytest.raises(PermissionDeniedError):
        DashboardExportService(services.db, services.clock).write_pdf(
            period=Period(date(2026, 11, 1), date(2026, 11, 30)), by=clerk, out=out)
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def _context(language: str, *, long: bool = False) -> ReportContext:
    if long:
        return ReportContext(depot_code="SH0001" * 8, depot_name="上海浦东新区张江高科技园区第一分拨网点" * 6,
                             language=language, generated_at="2026-12-07 10:00", generated_by="欧阳" * 40)
    return ReportContext(depot_code="SH01", depot_name="上海浦东网点", language=language,
                         generated_at="2026-12-07 10:00", generated_by="王建国")


def _big_view(period: Period, name: str) -> DashboardView:
    groups = tuple((kind, tuple(GroupLine(key=f"{kind}{i}", label=f"{name}{i}", opened=1_000_000 - i,
                                          closed=999_999, open_end=123_456, overdue_end=65_432)
                                for i in range(40)))
                   for kind, _zh, _en in BREAKDOWN_TITLES)
    days = tuple((date.fromordinal(period.first.toordinal() + i).isoformat(), 5_000 + i, 4_000)
                 for i in range(period.days))
    return DashboardView(
        period=period, previous_period=period.previous(),
        figures=tuple(FigureLine(f.key, 987_654_321.0, 123_456_789.0) for f in FIGURES), days=days,
        age_buckets=(("lt_1d", 1_000_000), ("1_3d", 5), ("3_7d", 0), ("7_15d", 12), ("gt_15d", 900_000)),
        ratings=tuple((n, 100_000 * n) for n in range(1, 6)), breakdowns=groups)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("shape", ["forty_groups_long_names", "a_year_weekly", "one_day"])
def test_every_extreme_shape_stays_on_one_page(shape: str, language: str, tmp_path: Path) -> None:
    long_name = "非常非常长的处理人姓名带英文 Alexander-Maximilian " * 4
    period = {"forty_groups_long_names": Period(date(2026, 11, 1), date(2026, 11, 30)),
              "a_year_weekly": Period(date(2026, 1, 1), date(2026, 12, 31)),
              "one_day": Period(date(2026, 11, 5), date(2026, 11, 5))}[shape]
    view = _big_view(period, long_name)
    out = tmp_path / f"{shape}.pdf"
    write_dashboard_pdf(view, _context(language, long=True), out)
    _check_page(out)
    text = _text(out, layout=False)
    more = len(view.rows("handler")) - TOP_ROWS
    assert (f"另有 {more} 项" if language == "zh_CN" else f"and {more} more") in text
    assert "…" in text  # the long names are cut, not wrapped onto more lines
    assert "1,000,000" in text  # counts are never cut


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_depot_without_cases_gets_one_page_that_says_so(services: Services, manager: int, language: str,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    DashboardExportService(services.db, services.clock).write_pdf(period=period, by=manager, out=out,
                                                                  language=language)
    _check_page(out)
    text = _text(out, layout=False)
    assert text.count("本期无案件" if language == "zh_CN" else "No cases in the period") == 3
    view = dashboard_view(services.dashboard.figures(period=period, by=manager))
    assert all(line.current in (None, 0, 0.0) for line in view.figures)
    write_dashboard_pdf(replace(view, breakdowns=()), _context(language), out)
    _check_page(out)


def test_the_command_writes_the_pdf_in_the_language_asked(sqlite_url: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from depot_app import cli

    sv = Services.open(sqlite_url)
    generate_demo_data(sv, cases=120, seed=3)
    sv.close()
    out = tmp_path / "dash-en.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert cli.main(["--db", sqlite_url, "report", "dashboard", "--from", "2026-11-01", "--to", "2026-11-30",
                     "--json", "--pdf", str(out), "--lang", "en", "--pin-stdin"]) == 0
    data = json.loads(capsys.readouterr().out)  # the JSON stays alone on standard output
    _check_page(out)
    lines = _text(out).splitlines()
    row = next(line for line in lines if line.strip().startswith("Cases opened"))
    assert format_figure("opened", data["figures"]["opened"]["value"], "en") in row
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert cli.main(["--db", sqlite_url, "report", "dashboard", "--from", "2026-11-01", "--to", "2026-11-30",
                     "--pdf", str(tmp_path / "refused.pdf"), "--pin-stdin"]) != 0
    assert not (tmp_path / "refused.pdf").exists()
