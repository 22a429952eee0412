"""The command line: same app from every entry point, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEPOT_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DEPOT_DB_URL", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def test_entry_points_share_one_parser(tmp_path: Path) -> None:
    for entry in (["main.py", "--help"], ["-m", "depot_app", "--help"]):
        result = _run(*entry, data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "demo-data" in result.stdout and "--db" in result.stdout


def test_migrate_creates_the_database_in_the_data_folder(tmp_path: Path) -> None:
    result = _run("-m", "depot_app", "migrate", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "depot.db").exists()
    assert (tmp_path / "logs" / "depot-desk.log").exists()


def test_bad_database_url_exits_non_zero_with_a_message(tmp_path: Path) -> None:
    result = _run("-m", "depot_app", "--db", "oracle://nowhere", "migrate", data_dir=tmp_path)
    assert result.returncode == 2
    assert "not supported" in result.stderr


def test_bad_case_count_is_refused(tmp_path: Path) -> None:
    result = _run("-m", "depot_app", "demo-data", "--cases", "0", data_dir=tmp_path)
    assert result.returncode == 2
    assert "--cases" in result.stderr


def test_check_reports_a_clean_store_and_a_missing_file(tmp_path: Path) -> None:
    assert _run("-m", "depot_app", "migrate", data_dir=tmp_path).returncode == 0
    result = _run("-m", "depot_app", "check", data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    from PIL import Image

    from depot_app.domain.kinds import ProblemKind
    from depot_app.services import Services

    image = tmp_path / "box.jpg"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(image)
    sv = Services.open(f"sqlite:///{tmp_path / 'depot.db'}", photo_dir=tmp_path / "photos")
    try:
        by = sv.operators.ensure_first().id
        case = sv.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=by)
        added = sv.photos.add_photos(case_id=case.id, files=[image], slot="exterior", by=by)
        stored = sv.photos.path_for(added.added[0].sha256)
    finally:
        sv.close()
    assert stored is not None
    stored.chmod(0o644)
    stored.unlink()
    result = _run("-m", "depot_app", "check", data_dir=tmp_path)
    assert result.returncode == 1
    assert added.added[0].sha256[:12] in result.stdout


def test_demo_data_fills_the_database_and_reports_it(tmp_path: Path) -> None:
    result = _run("-m", "depot_app", "demo-data", "--cases", "12", "--seed", "3", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Demo data: 12 cases" in result.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "depot.db") as conn:
        assert conn.execute("SELECT count(*) FROM problem_case").fetchone() == (12,)


def test_demo_data_refuses_a_real_depot(tmp_path: Path) -> None:
    """Sample operators share a published PIN: they never go into a depot's own database."""
    from depot_app.services import Services

    sv = Services.open(f"sqlite:///{tmp_path / 'depot.db'}")
    sv.operators.create_first_manager(name="孙经理", secret="7391")
    sv.close()
    result = _run("-m", "depot_app", "demo-data", "--cases", "3", data_dir=tmp_path)
    assert result.returncode == 2
    assert "孙经理" in result.stderr and "--data-dir" in result.stderr
    sv = Services.open(f"sqlite:///{tmp_path / 'depot.db'}")
    try:
        assert [op.name for op in sv.operators.list()] == ["孙经理"]
    finally:
        sv.close()
    again = _run("-m", "depot_app", "demo-data", "--cases", "3", data_dir=tmp_path / "fresh")
    assert again.returncode == 0, again.stderr
    more = _run("-m", "depot_app", "demo-data", "--cases", "3", "--seed", "9", data_dir=tmp_path / "fresh")
    assert more.returncode == 0, more.stderr  # a sample database takes more samples
