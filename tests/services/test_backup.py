"""Backups: the archive, verifying it, restoring it, pruning, and PostgreSQL's refusal.

Most tests need an SQLite file (that is what the archive holds); the test
of the refusal runs on both databases through the parametrised ``services``.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import threading
import zipfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from depot_app.db.models import AuditEntry
from depot_app.domain.clock import FixedClock
from depot_app.domain.errors import (
    BackupCancelled,
    BackupDamagedError,
    ConfigurationError,
    DepotError,
)
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services
from depot_app.services.audit_trail import AuditFilter
from depot_app.services.backup import (
    MANIFEST_MEMBER,
    BackupService,
    archive_name,
    list_backups,
    restore_archive,
    verify_archive,
)
from depot_app.services.photos import PhotoStore
from tests.services.test_cases import new_tracking


def jpeg(seed: int) -> bytes:
    img = Image.effect_noise((64, 48), 20 + seed).convert("RGB")
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def db_file(sqlite_url: str) -> Path:
    return Path(sqlite_url.removeprefix("sqlite:///"))


@pytest.fixture
def photo_dir(tmp_path: Path) -> Path:
    return tmp_path / "photos"


@pytest.fixture
def sv(sqlite_url: str, clock: FixedClock, photo_dir: Path) -> Iterator[Services]:
    services = Services.open(sqlite_url, clock=clock, photo_dir=photo_dir)
    yield services
    services.close()


@pytest.fixture
def backups(sv: Services) -> BackupService:
    return BackupService(sv.db, sv.clock, sv.photos.store)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def add_case(sv: Services, by: int, *, photo_seed: int | None = None) -> str:
    case = sv.cases.register_case(tracking_no=new_tracking(), kind=ProblemKind.DAMAGED, by=by)
    if photo_seed is not None:
        result = sv.photos.add_photos(case_id=case.id, files=[(f"p{photo_seed}.jpg", jpeg(photo_seed))],
                                      slot="exterior", by=by)
        assert result.added, result.refused
    return case.case_no


def case_numbers(db_file: Path) -> set[str]:
    con = sqlite3.connect(db_file)
    try:
        return {row[0] for row in con.execute("SELECT case_no FROM problem_case")}
    finally:
        con.close()


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove nothing changed)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# =================================================================== creating
def test_archive_holds_the_database_every_photo_and_a_true_manifest(sv: Services, backups: BackupService,
                                                                      out_dir: Path, clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    add_case(sv, by, photo_seed=1)
    add_case(sv, by, photo_seed=2)
    add_case(sv, by)
    info = backups.create(out_dir=out_dir, by=by)
    assert info.path.name == archive_name(clock.now()) == "depot-backup-20261120-020000.zip"
    assert (info.cases, info.photos) == (3, 2)
    assert info.size == info.path.stat().st_size
    assert sorted(p.name for p in out_dir.iterdir()) == [info.path.name]  # no temporary file left
    with zipfile.ZipFile(info.path) as zf:
        names = set(zf.namelist())
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())
        manifest = json.loads(zf.read(MANIFEST_MEMBER))
        stored = {p.relative_to(sv.photos.store.root).as_posix() for p in sv.photos.store.root.rglob("*.jpg")
                  if "thumbs" not in p.parts}
        assert names == {"depot.db", MANIFEST_MEMBER} | {f"photos/{s}" for s in stored}
        for member in manifest["members"]:
            data = zf.read(member["name"])
            assert hashlib.sha256(data).hexdigest() == member["sha256"] and len(data) == member["size"]
    assert manifest["format_version"] == 1 and manifest["depot_code"] == "SH01"
    assert manifest["cases"] == 3 and manifest["photos"] == 2
    assert manifest["alembic_revision"] and manifest["app_version"]
    assert manifest["created_at"].startswith("2026-11-20T02:00:00")
    assert verify_archive(info.path).cases == 3
    with sv.db.read() as s:
        audit = s.execute(select(AuditEntry.operator_id, AuditEntry.detail)
                          .where(AuditEntry.action == "backup_created")).all()
    assert [a.operator_id for a in audit] == [by] and info.path.name in audit[0].detail


def test_backup_while_another_connection_writes(sv: Services, backups: BackupService, out_dir: Path,
                                                sqlite_url: str, clock: FixedClock, photo_dir: Path) -> None:
    by = sv.operators.ensure_first().id
    for _ in range(30):
        add_case(sv, by)
    other = Services.open(sqlite_url, clock=FixedClock(clock.now()), photo_dir=photo_dir)
    stop = threading.Event()
    written: list[str] = []
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                written.append(add_case(other, by))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:  # the writer is really writing
            threading.Event().wait(0.01)
        before = 30 + len(written)

        def progress(done: int, _total: int) -> None:
            # While the archive is being written, the other desk goes on committing cases.
            target = len(written) + 3
            while done == 1 and len(written) < target and not failures:
                threading.Event().wait(0.01)

        info = backups.create(out_dir=out_dir, by=by, progress=progress)
        after = 30 + len(written)
        assert after >= before + 3
    finally:
        stop.set()
        thread.join()
        other.close()
    assert not failures
    manifest = verify_archive(info.path)
    assert before <= manifest.cases <= after + 1
    assert info.cases == manifest.cases


def test_cancel_leaves_no_file(sv: Services, backups: BackupService, out_dir: Path) -> None:
    by = sv.operators.ensure_first().id
    add_case(sv, by, photo_seed=3)
    add_case(sv, by, photo_seed=4)
    seen: list[tuple[int, int]] = []
    with pytest.raises(BackupCancelled):
        backups.create(out_dir=out_dir, by=by, progress=lambda d, t: seen.append((d, t)),
                       cancelled=lambda: len(seen) >= 2)
    assert seen[-1] == (1, 3)
    assert list(out_dir.iterdir()) == []


def test_postgres_is_refused_with_the_pg_dump_command(services: Services, tmp_path: Path) -> None:
    service = BackupService(services.db, services.clock, PhotoStore(tmp_path / "photos"))
    if services.db.is_sqlite:
        assert service.create(out_dir=tmp_path / "out", by=None).path.exists()
        return
    with pytest.raises(ConfigurationError) as err:
        service.create(out_dir=tmp_path / "out", by=None)
    assert "pg_dump --format=custom" in err.value.en and "pg_restore" in err.value.en
    assert "pg_dump" in err.value.zh
    assert not (tmp_path / "out").exists()
    assert service.run_scheduled(out_dir=tmp_path / "out") is None


# ================================================================= restoring
def test_round_trip_restores_the_old_state_and_its_photos(sv: Services, backups: BackupService, out_dir: Path,
                                                          db_file: Path, photo_dir: Path,
                                                          clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    old = {add_case(sv, by, photo_seed=10), add_case(sv, by, photo_seed=11)}
    info = backups.create(out_dir=out_dir, by=by)
    archived_photos = tree(photo_dir)
    clock.advance(hours=2)
    newer = add_case(sv, by, photo_seed=12)
    lost_photo = next(p for p in photo_dir.rglob("*.jpg") if "thumbs" not in p.parts
                      and p.relative_to(photo_dir).as_posix() in archived_photos)
    lost_photo.chmod(0o644)
    lost_photo.unlink()  # a photo the backup still has
    sv.close()
    result = restore_archive(info.path, db_path=db_file, photo_dir=photo_dir, now=clock.now())
    assert case_numbers(db_file) == old
    assert result.previous_db is not None
    assert result.previous_db.name == "depot-sqlite.db.before-restore-20261120-040000"
    assert case_numbers(result.previous_db) == old | {newer}
    assert (result.photos_added, result.photos_present, result.photos_conflicting) == (1, 1, [])
    assert lost_photo.read_bytes() == archived_photos[lost_photo.relative_to(photo_dir).as_posix()]
    assert len([p for p in photo_dir.rglob("*.jpg") if "thumbs" not in p.parts]) == 3  # the newer one stays
    assert not Path(f"{db_file}-wal").exists() or Path(f"{db_file}-wal").stat().st_size == 0
    reopened = Services.open(f"sqlite:///{db_file}", clock=clock, photo_dir=photo_dir)
    try:
        assert {no for no in old if reopened.queries.case_id_by_no(no) is not None} == old
        assert reopened.queries.case_id_by_no(newer) is None
        report = reopened.photos.check()
        # The newer case's photo stays in the folder (restores only add); nothing points at it now.
        assert report.missing == [] and report.altered == [] and len(report.orphans) == 1
    finally:
        reopened.close()
    assert any("Restored" in line for line in result.lines())


def test_restore_keeps_what_only_the_wal_held_in_the_set_aside_copy(sv: Services, backups: BackupService,
                                                                     out_dir: Path, db_file: Path,
                                                                     photo_dir: Path, clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    info = backups.create(out_dir=out_dir, by=by)
    sv.close()
    con = sqlite3.connect(db_file, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE depot_setting SET key = key")  # touch, then a real write that stays in the WAL
    con.execute("INSERT INTO depot_setting (key, value, updated_at) VALUES ('depot_phone', '\"021-1\"', "
                "'2026-11-20 02:00:00')")
    # Keep the WAL: copy the three files as they are while the writer still holds them.
    import shutil

    snap = db_file.with_name("snap.db")
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(f"{db_file}{suffix}", f"{snap}{suffix}")
    con.close()
    assert Path(f"{snap}-wal").stat().st_size > 0
    result = restore_archive(info.path, db_path=snap, photo_dir=photo_dir, now=clock.now())
    assert result.previous_db is not None
    check = sqlite3.connect(result.previous_db)
    assert check.execute("SELECT value FROM depot_setting WHERE key='depot_phone'").fetchone() == ('"021-1"',)
    check.close()
    restored = sqlite3.connect(snap)
    assert restored.execute("SELECT count(*) FROM depot_setting WHERE key='depot_phone'").fetchone() == (0,)
    assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored.close()


def test_restore_is_refused_while_the_database_is_in_use(sv: Services, backups: BackupService, out_dir: Path,
                                                        db_file: Path, photo_dir: Path, clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    add_case(sv, by, photo_seed=20)
    info = backups.create(out_dir=out_dir, by=by)
    for p in photo_dir.rglob("*.jpg"):
        p.chmod(0o644)
        p.unlink()
    before_photos = tree(photo_dir)
    reader = sqlite3.connect(db_file, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM problem_case").fetchone()  # a desk holding a read transaction
    add_case(sv, by)  # and one that wrote after it, so the WAL cannot be folded in
    try:
        with pytest.raises(DepotError, match="open|in use"):
            restore_archive(info.path, db_path=db_file, photo_dir=photo_dir, now=clock.now())
    finally:
        reader.close()
    assert tree(photo_dir) == before_photos
    assert not list(db_file.parent.glob("*.before-restore-*"))
    assert len(case_numbers(db_file)) == 2


# ============================================================ damaged archives
def rebuild(src: Path, dst: Path, *, drop: str | None = None, add: tuple[str, bytes] | None = None,
            replace: tuple[str, bytes] | None = None, manifest: Callable[[dict], dict | bytes] | None = None,
            fix_manifest: bool = False) -> Path:
    """A copy of an archive with one thing changed (the manifest left as it was unless told)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        data = json.loads(zin.read(MANIFEST_MEMBER))
        for info in zin.infolist():
            if info.filename in (drop, MANIFEST_MEMBER):
                continue
            body = replace[1] if replace and replace[0] == info.filename else zin.read(info.filename)
            zout.writestr(info.filename, body)
            if fix_manifest:
                for m in data["members"]:
                    if m["name"] == info.filename:
                        m["sha256"], m["size"] = hashlib.sha256(body).hexdigest(), len(body)
        if add:
            zout.writestr(add[0], add[1])
            if fix_manifest:
                data["members"].append({"name": add[0], "sha256": hashlib.sha256(add[1]).hexdigest(),
                                        "size": len(add[1])})
        new = manifest(data) if manifest else data
        zout.writestr(MANIFEST_MEMBER, new if isinstance(new, bytes) else json.dumps(new))
    return dst


def truncated(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes()[: src.stat().st_size * 2 // 3])
    return dst


def flipped(src: Path, dst: Path) -> Path:
    """One byte flipped inside the compressed data of the database member."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("depot.db")
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26:header + 28], "little")
    extra_len = int.from_bytes(data[header + 28:header + 30], "little")
    start = header + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x10
    dst.write_bytes(bytes(data))
    return dst


def first_photo(src: Path) -> str:
    with zipfile.ZipFile(src) as zf:
        return next(n for n in zf.namelist() if n.startswith("photos/"))


DAMAGES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "truncated zip": (truncated, "not a complete zip"),
    "flipped byte": (flipped, "depot.db"),
    "missing member": (lambda s, d: rebuild(s, d, drop=first_photo(s)), "missing"),
    "extra member": (lambda s, d: rebuild(s, d, add=("photos/aa/bb/" + "ab" * 32 + ".jpg", b"x")),
                     "not in the manifest"),
    "stranger member": (lambda s, d: rebuild(s, d, add=("notes.txt", b"hello"), fix_manifest=True),
                        "not part of a backup"),
    "member altered, zip CRC fine": (lambda s, d: rebuild(s, d, replace=(first_photo(s), b"other bytes")),
                                     "checksum"),
    "bad manifest": (lambda s, d: rebuild(s, d, manifest=lambda m: b"{not json"), "manifest"),
    "manifest without members": (lambda s, d: rebuild(s, d, manifest=lambda m: {**m, "members": None}),
                                 "manifest"),
    "no manifest": (lambda s, d: rebuild(s, d, manifest=lambda m: m) and _drop_manifest(d), "manifest.json"),
    "path traversal": (lambda s, d: rebuild(s, d, add=("../../evil.jpg", b"x"), fix_manifest=True),
                       "outside its folder"),
    "absolute path": (lambda s, d: rebuild(s, d, add=("/tmp/evil.jpg", b"x"), fix_manifest=True),
                      "absolute path"),
    "database fails integrity": (lambda s, d: rebuild(s, d, replace=("depot.db", _broken_db(s)),
                                                      fix_manifest=True), "database"),
    "newer format": (lambda s, d: rebuild(s, d, manifest=lambda m: {**m, "format_version": 99}), "newer"),
}


def _drop_manifest(path: Path) -> Path:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            if info.filename != MANIFEST_MEMBER:
                zout.writestr(info, zin.read(info.filename))
    tmp.replace(path)
    return path


def _broken_db(src: Path) -> bytes:
    """The archive's database with a page in the middle overwritten."""
    with zipfile.ZipFile(src) as zf:
        data = bytearray(zf.read("depot.db"))
    page = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // page
    for p in range(2, pages):
        data[p * page:p * page + 64] = b"\xa5" * 64
    return bytes(data)


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_archives_are_refused_and_nothing_changes(damage: str, sv: Services, backups: BackupService,
                                                          out_dir: Path, db_file: Path, photo_dir: Path,
                                                          tmp_path: Path, clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    add_case(sv, by, photo_seed=30)
    add_case(sv, by, photo_seed=31)
    good = backups.create(out_dir=out_dir, by=by).path
    verify_archive(good)  # the starting point is sound
    make, says = DAMAGES[damage]
    bad = make(good, tmp_path / "bad.zip")
    add_case(sv, by)
    sv.close()
    for p in photo_dir.rglob("*.jpg"):  # photos the archive could add back, if it were trusted
        p.chmod(0o644)
        p.unlink()
    before_db, before_photos = db_file.read_bytes(), tree(photo_dir)
    before_folder = sorted(p.name for p in db_file.parent.iterdir())
    with pytest.raises(BackupDamagedError) as err:
        verify_archive(bad)
    assert says in err.value.en and "bad.zip" in err.value.en and "bad.zip" in err.value.zh
    with pytest.raises(BackupDamagedError):
        restore_archive(bad, db_path=db_file, photo_dir=photo_dir, now=clock.now())
    assert db_file.read_bytes() == before_db
    assert tree(photo_dir) == before_photos
    assert sorted(p.name for p in db_file.parent.iterdir()) == before_folder  # no aside, no temp file
    assert not (tmp_path.parent / "evil.jpg").exists() and not Path("/tmp/evil.jpg").exists()


def test_restore_never_overwrites_a_photo_with_other_bytes(sv: Services, backups: BackupService, out_dir: Path,
                                                           db_file: Path, photo_dir: Path,
                                                           clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    add_case(sv, by, photo_seed=40)
    info = backups.create(out_dir=out_dir, by=by)
    sv.close()
    photo = next(p for p in photo_dir.rglob("*.jpg") if "thumbs" not in p.parts)
    photo.chmod(0o644)
    photo.write_bytes(b"altered since")
    result = restore_archive(info.path, db_path=db_file, photo_dir=photo_dir, now=clock.now())
    assert result.photos_conflicting == [photo] and result.photos_added == 0
    assert photo.read_bytes() == b"altered since"


def test_an_archive_from_a_newer_schema_is_refused(sv: Services, backups: BackupService, out_dir: Path,
                                                   db_file: Path, photo_dir: Path, tmp_path: Path,
                                                   clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    good = backups.create(out_dir=out_dir, by=by).path
    newer = rebuild(good, tmp_path / "newer.zip", manifest=lambda m: {**m, "alembic_revision": "9999_future"})
    sv.close()
    before = db_file.read_bytes()
    with pytest.raises(DepotError, match="newer version"):
        restore_archive(newer, db_path=db_file, photo_dir=photo_dir, now=clock.now())
    assert db_file.read_bytes() == before
    assert not list(db_file.parent.glob("*.before-restore-*"))


# ======================================================= listing and pruning
def test_prune_keeps_the_newest_n_and_only_touches_our_archives(sv: Services, backups: BackupService,
                                                                out_dir: Path, clock: FixedClock) -> None:
    made = []
    for _ in range(5):
        made.append(backups.create(out_dir=out_dir, by=None).path)
        clock.advance(hours=1)
    others = [out_dir / "depot-20261101T000000Z-before-0002.db", out_dir / "depot-backup-notes.zip",
              out_dir / "my-copy.zip"]
    for path in others:
        path.write_bytes(b"keep me")
    assert [b.path for b in backups.list_backups(out_dir)] == list(reversed(made))
    assert backups.prune(out_dir=out_dir, keep=2) == made[:3]
    assert sorted(out_dir.iterdir()) == sorted(made[3:] + others)
    assert backups.prune(out_dir=out_dir, keep=2) == []
    with pytest.raises(DepotError):
        backups.prune(out_dir=out_dir, keep=0)


def test_two_backups_in_one_second_get_two_names(backups: BackupService, out_dir: Path) -> None:
    first = backups.create(out_dir=out_dir, by=None)
    second = backups.create(out_dir=out_dir, by=None)
    assert first.path != second.path and len(list_backups(out_dir)) == 2


def test_list_survives_a_damaged_archive(backups: BackupService, out_dir: Path) -> None:
    info = backups.create(out_dir=out_dir, by=None)
    broken = out_dir / "depot-backup-20200101-000000.zip"
    broken.write_bytes(b"PK not really")
    listed = list_backups(out_dir)
    assert [b.path for b in listed] == [info.path, broken]
    assert listed[1].cases is None and listed[0].cases == 0


def test_is_due_after_24_hours(backups: BackupService, out_dir: Path, clock: FixedClock) -> None:
    assert backups.is_due(out_dir=out_dir, now=clock.now())
    backups.create(out_dir=out_dir, by=None)
    assert not backups.is_due(out_dir=out_dir, now=clock.now() + timedelta(hours=23, minutes=59))
    assert backups.is_due(out_dir=out_dir, now=clock.now() + timedelta(hours=24))
    # An archive dated far in the future (a wrong clock once) does not stop the daily backups.
    (out_dir / "depot-backup-20301120-020000.zip").write_bytes(b"x")
    assert backups.is_due(out_dir=out_dir, now=clock.now() + timedelta(hours=25))


def test_scheduled_run_follows_the_settings(sv: Services, backups: BackupService, out_dir: Path,
                                            clock: FixedClock) -> None:
    by = sv.operators.ensure_first().id
    sv.settings.set_many(values={"backup_daily": False}, by=by)
    assert backups.run_scheduled(out_dir=out_dir) is None and not out_dir.exists()
    sv.settings.set_many(values={"backup_daily": True, "backup_keep": 2}, by=by)
    first = backups.run_scheduled(out_dir=out_dir)
    assert first is not None and first.pruned == []
    assert backups.run_scheduled(out_dir=out_dir) is None  # not due again the same day
    for _ in range(2):
        clock.advance(hours=25)
        result = backups.run_scheduled(out_dir=out_dir)
        assert result is not None
    assert result.pruned == [first.backup.path]
    assert len(list_backups(out_dir)) == 2


def test_restore_is_refused_while_an_idle_desk_has_the_database_open(sqlite_url: str, clock: FixedClock,
                                                                      tmp_path: Path) -> None:
    """A desk sitting between actions holds no transaction, but would go on writing into the
    file set aside; the in-use marker refuses the restore until it is closed."""
    db_path = Path(sqlite_url.removeprefix("sqlite:///"))
    photos = tmp_path / "photos"
    first = Services.open(sqlite_url, clock=clock, photo_dir=photos)
    by = first.operators.ensure_first().id
    add_case(first, by)
    info = BackupService(first.db, first.clock, first.photos.store).create(out_dir=tmp_path / "b", by=by)
    add_case(first, by)
    first.close()
    idle_desk = Services.open(sqlite_url, clock=clock, photo_dir=photos)
    try:
        with pytest.raises(DepotError, match="open") as refused:
            restore_archive(info.path, db_path=db_path, photo_dir=photos, now=clock.now())
        assert "关闭" in refused.value.zh
        assert len(case_numbers(db_path)) == 2 and not list(db_path.parent.glob("*.before-restore-*"))
    finally:
        idle_desk.close()
    restore_archive(info.path, db_path=db_path, photo_dir=photos, now=clock.now())
    assert len(case_numbers(db_path)) == 1


def test_the_restore_is_on_the_restored_audit_trail(sqlite_url: str, clock: FixedClock, tmp_path: Path) -> None:
    db_path = Path(sqlite_url.removeprefix("sqlite:///"))
    photos = tmp_path / "photos"
    sv = Services.open(sqlite_url, clock=clock, photo_dir=photos)
    by = sv.operators.ensure_first().id
    add_case(sv, by, photo_seed=31)
    info = BackupService(sv.db, sv.clock, sv.photos.store).create(out_dir=tmp_path / "b", by=by)
    add_case(sv, by, photo_seed=32)  # a photo added after the backup
    sv.close()
    clock.advance(hours=2)
    result = restore_archive(info.path, db_path=db_path, photo_dir=photos, now=clock.now())
    assert result.photos_unreferenced == 1
    assert any("belong to no case" in line for line in result.lines())
    sv = Services.open(sqlite_url, clock=clock, photo_dir=photos)
    try:
        (entry,) = sv.audit.entries(by=by, filter=AuditFilter(action="backup_restored"))
        assert entry.after == info.path.name and entry.at == clock.now() and entry.operator == "system"
        assert "previous database kept as" in entry.detail
    finally:
        sv.close()


def test_a_desk_opens_even_where_no_in_use_marker_can_be_made(sqlite_url: str, clock: FixedClock,
                                                              tmp_path: Path) -> None:
    """A folder that refuses the marker file (here: a folder in its place) costs only the
    restore's "desk open" check, never the desk itself."""
    db_path = Path(sqlite_url.removeprefix("sqlite:///"))
    db_path.with_name(db_path.name + ".inuse").mkdir()
    sv = Services.open(sqlite_url, clock=clock, photo_dir=tmp_path / "photos")
    try:
        assert sv.operators.ensure_first().role.value == "manager"
    finally:
        sv.close()
