"""The installable folder: built with scripts/package.py, then started as a clerk's PC would.

One build per test session (a few minutes); the frozen programs then run
offscreen from a folder outside the source tree, with a fresh data folder:
demo data, every screen rendered in both languages, a PDF export and the
schema at the newest migration. Skip locally with ``-m "not packaging"``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from depot_app.db.migrate import head_revision
from tests.pg_server import PgServer

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
PIN = "2468"  # the demo operators' PIN


@dataclass(frozen=True)
class Bundle:
    folder: Path
    build_output: str

    @property
    def cli(self) -> Path:
        return self.folder / f"depot-app{EXE_SUFFIX}"

    @property
    def desk(self) -> Path:
        return self.folder / f"DepotDesk{EXE_SUFFIX}"

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"


@dataclass(frozen=True)
class Run:
    data_dir: Path
    shots: Path
    work: Path


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DEPOT_", "QT_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _frozen(bundle: Bundle, *args: str, cwd: Path, stdin: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle.cli), *args], cwd=cwd, env=_env(), input=stdin, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    base = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--dist", str(base / "dist"),
         "--work", str(base / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-8000:]
    yield Bundle(folder=base / "dist" / "DepotDesk", build_output=result.stdout)


@pytest.fixture(scope="module")
def run(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Demo data and the screenshots, from the frozen command line, outside the source tree."""
    work = tmp_path_factory.mktemp("frozen-run")
    data_dir = work / "data"
    demo = _frozen(bundle, "--data-dir", str(data_dir), "demo-data", "--cases", "20", cwd=work)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    shots = work / "shots"
    result = _frozen(bundle, "--data-dir", str(data_dir), "screenshots", "--out", str(shots), "--cases", "20",
                     cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return Run(data_dir=data_dir, shots=shots, work=work)


def test_the_build_prints_where_the_bundle_is_and_its_size(bundle: Bundle) -> None:
    assert f"Bundle: {bundle.folder}" in bundle.build_output
    assert " MB in " in bundle.build_output
    assert bundle.cli.is_file() and os.access(bundle.cli, os.X_OK)
    assert bundle.desk.is_file() and os.access(bundle.desk, os.X_OK)


def test_the_bundle_holds_what_the_app_reads_as_files_and_not_what_it_never_uses(bundle: Bundle) -> None:
    inside = bundle.internal
    assert (inside / "resources" / "i18n" / "depot_zh_CN.qm").stat().st_size > 10_000
    assert not (inside / "resources" / "i18n" / "depot_zh_CN.ts").exists()
    assert (inside / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (inside / "resources" / "fonts" / "LICENSE-Apache-2.0.txt").is_file()
    assert (inside / "resources" / "divisions" / "streets.csv.gz").is_file()
    assert (inside / "resources" / "icons" / "depot-desk.svg").is_file()
    migrations = inside / "depot_app" / "db" / "migrations"
    assert (migrations / "script.py.mako").is_file() and (migrations / "env.py").is_file()
    shipped = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    source = sorted(p.name for p in (ROOT / "depot_app" / "db" / "migrations" / "versions").glob("*.py"))
    assert shipped == source
    names = {p.name for p in inside.rglob("*")}
    dangling = [p for p in inside.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling
    for needed in ("libqoffscreen", "libqjpeg", "libqsvg"):  # platform and image plugins
        assert any(n.startswith(needed) for n in names), needed
    assert any("Qt6Charts" in n for n in names)
    for unused in ("Qt6WebEngineCore", "Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "QtWebEngineProcess"):
        assert not any(unused in n for n in names), unused
    assert not (inside / "tests").exists() and not (inside / "pytest").exists()


def test_the_frozen_desk_starts_and_migrates_a_new_data_folder_to_the_newest_schema(
        bundle: Bundle, run: Run) -> None:
    database = run.data_dir / "depot.db"
    with sqlite3.connect(database) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        (cases,) = conn.execute("SELECT count(*) FROM problem_case").fetchone()
    assert revision == head_revision()
    assert cases == 20
    again = _frozen(bundle, "--data-dir", str(run.data_dir), "migrate", cwd=run.work)
    assert again.returncode == 0 and "up to date" in again.stdout, again.stdout + again.stderr
    window = subprocess.run([str(bundle.desk), "--help"], cwd=run.work, env=_env(), capture_output=True,
                            text=True, timeout=120, check=False)
    assert window.returncode == 0 and "depot-app" in window.stdout, window.stdout + window.stderr


def _distinct_colours(image: Image.Image) -> int:
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    return len(colours)


def test_the_frozen_screenshots_show_real_screens_in_both_languages(run: Run) -> None:
    zh = sorted(p.name.removeprefix("zh_CN-") for p in run.shots.glob("zh_CN-*.png"))
    en = sorted(p.name.removeprefix("en-") for p in run.shots.glob("en-*.png"))
    assert zh == en
    for screen in ("queue.png", "registration.png", "workspace-evidence.png", "dashboard.png",
                   "settings-language.png"):
        assert screen in zh
    for path in run.shots.glob("*.png"):
        with Image.open(path) as image:
            assert image.width >= 300 and image.height >= 150, path.name
            blank = Image.new("RGB", image.size, image.convert("RGB").getpixel((image.width - 1, image.height - 1)))
            assert ImageChops.difference(image.convert("RGB"), blank).getbbox() is not None, path.name
            assert _distinct_colours(image) > 30, path.name


def test_the_chinese_screens_come_from_the_bundled_translations(run: Run) -> None:
    """Same data, same screen: the menu bar and the queue's header differ only by language."""
    with Image.open(run.shots / "zh_CN-queue.png") as zh_image, Image.open(run.shots / "en-queue.png") as en_image:
        zh, en = zh_image.convert("RGB"), en_image.convert("RGB")
        strip = (0, 0, min(zh.width, en.width), 24)  # the menu bar: 工作台 / Desk …
        zh_menu, en_menu = zh.crop(strip), en.crop(strip)
        assert ImageChops.difference(zh_menu, en_menu).getbbox() is not None
        # Text was drawn in the Chinese menu bar (not an empty strip).
        background = zh_menu.getpixel((zh_menu.width - 1, 12))
        distance = ImageChops.difference(zh_menu, Image.new("RGB", zh_menu.size, background)).convert("L")
        ink = sum(distance.histogram()[60:])
        assert ink > 100


def test_a_pdf_exported_by_the_frozen_desk_embeds_the_chinese_font(bundle: Bundle, run: Run) -> None:
    out = run.work / "closed.pdf"
    result = _frozen(bundle, "--data-dir", str(run.data_dir), "export", "closed", "--from", "2000-01-01",
                     "--to", "2099-12-31", "-o", str(out), "--pin-stdin", cwd=run.work, stdin=PIN + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, timeout=60, check=True).stdout
    embedded = [line for line in fonts.splitlines() if "WenQuanYiMicroHei" in line]
    assert embedded and all(" yes " in line for line in embedded), fonts
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    assert "结案问题件汇总" in text


def test_the_frozen_command_line_reads_the_bundled_divisions_and_pinyin(bundle: Bundle, run: Run) -> None:
    address = _frozen(bundle, "--data-dir", str(run.data_dir), "address", "check",
                      "广东省深圳市南山区粤海街道科技园路1号", "--json", cwd=run.work)
    assert address.returncode == 0, address.stdout + address.stderr
    assert "南山区" in address.stdout and "粤海街道" in address.stdout
    # The pinyin keys were written by the frozen demo-data run; search a recipient by full pinyin.
    with sqlite3.connect(run.data_dir / "depot.db") as conn:
        (name,) = conn.execute("SELECT recipient_name FROM parcel WHERE recipient_name != '' LIMIT 1").fetchone()
    from pypinyin import lazy_pinyin

    query = "".join(lazy_pinyin(name))
    search = _frozen(bundle, "--data-dir", str(run.data_dir), "cases", "search", query, "--pin-stdin",
                     cwd=run.work, stdin=PIN + "\n")
    assert search.returncode == 0, search.stdout + search.stderr
    assert name in search.stdout, (query, search.stdout)


def test_the_frozen_window_program_starts_the_desk_and_keeps_running(bundle: Bundle, tmp_path: Path) -> None:
    """``DepotDesk`` with no command opens the window (here offscreen: the first-manager dialog)."""
    data_dir = tmp_path / "data"
    log = data_dir / "logs" / "depot-desk.log"
    window = subprocess.Popen([str(bundle.desk), "--data-dir", str(data_dir)], cwd=tmp_path, env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and window.poll() is None:
            if log.is_file() and "Desk started on" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        time.sleep(2)  # the event loop is running: nothing failing right after the start
        assert window.poll() is None, window.communicate()[0]
    finally:
        window.terminate()
        output = window.communicate(timeout=60)[0]
    text = log.read_text(encoding="utf-8")
    assert "Desk started on sqlite:///" in text, text + output
    assert "Traceback" not in text and "ERROR" not in text, text


@pytest.mark.postgres
def test_the_frozen_command_line_migrates_and_fills_a_postgresql_database(
        bundle: Bundle, pg_server: PgServer | None, tmp_path: Path) -> None:
    if pg_server is None:
        pytest.skip("PostgreSQL is not available here (apt-get install postgresql)")
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE frozen_bundle ENCODING 'UTF8' TEMPLATE template0")
    url = pg_server.url("frozen_bundle")
    demo = _frozen(bundle, "--data-dir", str(tmp_path / "data"), "--db", url, "demo-data", "--cases", "5",
                   cwd=tmp_path)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=postgres dbname=frozen_bundle") as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        cases = conn.execute("SELECT count(*) FROM problem_case").fetchone()
    assert revision == (head_revision(),)
    assert cases == (5,)
