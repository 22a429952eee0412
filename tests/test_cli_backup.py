"""``depot-app backup`` and ``depot-app restore`` as a scheduled job or an administrator runs them."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from PIL import Image

from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, data_dir: Path, db_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEPOT_DATA_DIR": str(data_dir)}
    env.pop("DEPOT_DB_URL", None)
    extra = ["--db", db_url] if db_url else []
    return subprocess.run([sys.executable, "-m", "depot_app", *extra, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def _fill(data_dir: Path, tracking: list[str]) -> None:
    sv = Services.open(f"sqlite:///{data_dir / 'depot.db'}", clock=FixedClock(datetime(2026, 11, 20, 2, 0)),
                       photo_dir=data_dir / "photos")
    try:
        by = sv.operators.ensure_first().id
        for n, number in enumerate(tracking):
            case = sv.cases.register_case(tracking_no=number, kind=ProblemKind.DAMAGED, by=by)
            buffer = io.BytesIO()
            Image.effect_noise((40, 30), 10 + n).convert("RGB").save(buffer, "JPEG")
            sv.photos.add_photos(case_id=case.id, files=[(f"{n}.jpg", buffer.getvalue())], slot="exterior", by=by)
    finally:
        sv.close()


def _cases(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM problem_case").fetchone()[0])
    finally:
        con.close()


def test_backup_then_restore(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _fill(data, ["SF1234567890123", "SF1234567890124"])
    out = tmp_path / "archives"
    result = _cli("backup", "--out", str(out), data_dir=data)
    assert result.returncode == 0, result.stderr
    archive = Path(result.stdout.splitlines()[0])
    assert archive.parent == out and archive.name.startswith("depot-backup-") and archive.exists()
    assert "2 cases, 2 photo files" in result.stdout
    _fill(data, ["SF1234567890125"])
    assert _cases(data / "depot.db") == 3

    result = _cli("restore", str(archive), data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout and "before-restore" in result.stdout
    assert "0 added, 2 already there" in result.stdout
    assert _cases(data / "depot.db") == 2
    aside = list(data.glob("depot.db.before-restore-*"))
    assert len(aside) == 1 and _cases(aside[0]) == 3


def test_backup_defaults_to_the_data_folders_backups(tmp_path: Path) -> None:
    result = _cli("backup", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.splitlines()[0]).parent == tmp_path / "backups"


def test_a_damaged_archive_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _fill(data, ["SF1234567890123"])
    result = _cli("backup", "--out", str(tmp_path), data_dir=data)
    assert result.returncode == 0, result.stderr
    archive = Path(result.stdout.splitlines()[0])
    damaged = tmp_path / "depot-backup-20260101-000000.zip"
    with zipfile.ZipFile(archive) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for info in zin.infolist():
            if not info.filename.startswith("photos/"):
                zout.writestr(info, zin.read(info.filename))
    before = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if "logs" not in p.parts)
    db_bytes = (data / "depot.db").read_bytes()

    result = _cli("restore", str(damaged), data_dir=data)
    assert result.returncode != 0
    assert "cannot be used" in result.stderr and "missing" in result.stderr and "无法使用" in result.stderr
    assert (data / "depot.db").read_bytes() == db_bytes
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if "logs" not in p.parts) == before

    result = _cli("restore", str(tmp_path / "nothing.zip"), data_dir=data)
    assert result.returncode != 0 and "no backup file" in result.stderr


def test_postgres_is_told_to_use_pg_dump(tmp_path: Path) -> None:
    # No server needs to answer: the refusal comes before any connection.
    result = _cli("restore", str(tmp_path / "x.zip"), data_dir=tmp_path,
                  db_url="postgresql+psycopg://desk@db.example/depot")
    assert result.returncode == 2
    assert "pg_dump" in result.stderr and "pg_restore" in result.stderr
    result = _cli("backup", data_dir=tmp_path, db_url="postgresql+psycopg://desk@db.example/depot")
    assert result.returncode == 2 and "pg_dump --format=custom --host=db.example --username=desk" in result.stderr
