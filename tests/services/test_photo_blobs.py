"""Photos kept in the database (the store of a PostgreSQL depot) and each desk's local cache.

The two-desk tests open two sets of services on one PostgreSQL database,
each with its own data folder, as two workstations do. The store-level
tests run on SQLite and PostgreSQL (the chunk tables exist on both).
"""

from __future__ import annotations

import hashlib
import os
import threading
import tracemalloc
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from depot_app.db.engine import Database
from depot_app.db.models import Photo, PhotoBlob, PhotoBlobChunk, ProblemCase
from depot_app.domain.clock import FixedClock
from depot_app.domain.photos import PhotoSaveError
from depot_app.services import Services
from depot_app.services.photo_blobs import BlobIntegrityError, BlobIntegrityReport, BlobPhotoStore
from depot_app.services.photos import PhotoRow, PhotoService, PhotoStore, hash_file
from tests.conftest import START, _new_pg_database
from tests.services.test_photos import jpeg, new_case

MB = 1024 * 1024


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def pg_url(pg_server) -> str:  # noqa: ANN001
    if pg_server is None:
        pytest.skip("PostgreSQL is not available here (apt-get install postgresql)")
    return _new_pg_database(pg_server)


@pytest.fixture
def two_desks(pg_url: str, tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    """Two workstations of one PostgreSQL depot, each with its own data folder."""
    here = Services.open(pg_url, clock=FixedClock(START), photo_dir=tmp_path / "desk-1" / "photos")
    there = Services.open(pg_url, clock=FixedClock(START), migrate=False,
                          photo_dir=tmp_path / "desk-2" / "photos")
    yield here, there
    here.close()
    there.close()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


def blob_store(db: Database, folder: Path, **kwargs: object) -> BlobPhotoStore:
    return BlobPhotoStore(db, folder, **kwargs)  # type: ignore[arg-type]


def put(store: BlobPhotoStore, data: bytes, extension: str = ".jpg") -> str:
    sha = hashlib.sha256(data).hexdigest()
    store.put(sha, data, extension)
    return sha


# ------------------------------------------------------------------ two desks
@pytest.mark.postgres
def test_a_photo_added_on_one_desk_is_seen_on_the_other(two_desks: tuple[Services, Services],
                                                       tmp_path: Path) -> None:
    here, there = two_desks
    assert isinstance(here.photos.store, BlobPhotoStore) and isinstance(there.photos.store, BlobPhotoStore)
    by = here.operators.ensure_first().id
    case = new_case(here, by)
    data = jpeg((640, 480))
    added = here.photos.add_photos(case_id=case, files=[("box.jpg", data)], slot="exterior", by=by).added
    sha = added[0].sha256
    assert not (tmp_path / "desk-1" / "photos").exists(), "nothing is written to a photo folder"
    assert count(here.db, PhotoBlob) == 1 and count(here.db, PhotoBlobChunk) == 1

    seen = there.photos.photos(case)
    assert [p.sha256 for p in seen] == [sha] and seen[0].file_present
    assert there.photos.store.cached_path(sha) is None  # type: ignore[attr-defined]
    thumb = there.photos.thumbnail(sha)
    assert thumb.is_file() and (tmp_path / "desk-2" / "photo-cache") in thumb.parents
    original = there.photos.path_for(sha)
    assert original is not None and original.read_bytes() == data
    assert (tmp_path / "desk-2" / "photo-cache") in original.parents
    # The adding desk kept its own copy at import: no round trip to show it.
    assert here.photos.store.cached_path(sha) is not None  # type: ignore[attr-defined]
    # Reports on the other desk embed the original through the same cache.
    assert there.reports.photo_path is not None and there.reports.photo_path(sha) == original


@pytest.mark.postgres
def test_a_purge_on_one_desk_removes_the_blob_for_every_desk(two_desks: tuple[Services, Services]) -> None:
    here, there = two_desks
    by = here.operators.ensure_first().id
    case = new_case(here, by)
    item = here.photos.add_photos(case_id=case, files=[("a.jpg", jpeg())], slot="exterior", by=by).added[0]
    assert there.photos.path_for(item.sha256) is not None
    here.photos.delete(photo_id=item.id, reason="wrong parcel", by=by)
    assert here.photos.purge(photo_id=item.id, by=by) is True
    assert count(here.db, PhotoBlob) == 0 and count(here.db, PhotoBlobChunk) == 0
    report = there.photos.check()
    assert report.ok, report.lines("en")


# ------------------------------------------------------------------ the cache
def test_a_corrupted_cache_file_is_fetched_again(db: Database, tmp_path: Path) -> None:
    data = jpeg()
    sha = put(blob_store(db, tmp_path / "writer"), data)
    reader = blob_store(db, tmp_path / "cache")
    path = reader.path_for(sha)
    assert path is not None and path.read_bytes() == data
    os.chmod(path, 0o644)
    path.write_bytes(data[:100] + b"\x00" * 50 + data[150:])
    again = reader.path_for(sha)
    assert again == path and hash_file(path) == sha
    # A fresh process (a new store) hashes what it finds before trusting it, too.
    os.chmod(path, 0o644)
    path.write_bytes(b"not the photo")
    assert blob_store(db, tmp_path / "cache").path_for(sha) == path and path.read_bytes() == data


def test_eviction_keeps_the_cache_within_its_bound(db: Database, tmp_path: Path) -> None:
    originals = [os.urandom(100_000) for _ in range(6)]
    writer = blob_store(db, tmp_path / "writer")
    shas = [put(writer, data) for data in originals]
    cache = blob_store(db, tmp_path / "cache", cache_limit=350_000)
    for sha in shas[:3]:
        assert cache.path_for(sha) is not None
    assert cache.cache_usage() == (3, 300_000)
    assert cache.path_for(shas[0]) is not None  # used again: now the most recent
    for sha in shas[3:]:
        assert cache.path_for(sha) is not None
        files, size = cache.cache_usage()
        assert size <= 350_000 and files == 3
    kept = {sha for sha in shas if cache.cached_path(sha) is not None}
    assert kept == set(shas[3:])
    assert cache.path_for(shas[1]) is not None and cache.cache_usage()[1] <= 350_000


def test_the_cache_bound_is_a_depot_setting(services: Services, tmp_path: Path, manager: int) -> None:
    store = blob_store(services.db, tmp_path / "cache")
    assert store.cache_limit() == 2048 * MB
    services.settings.set(key="photo_cache_mb", value=128, by=manager)
    assert store.cache_limit() == 128 * MB


# ------------------------------------------------------------------ writing
def test_a_50_mb_photo_is_streamed_with_bounded_memory(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "big.jpg"
    with open(source, "wb") as f:
        for _ in range(50):
            f.write(os.urandom(MB))
    sha = hash_file(source)
    store = blob_store(db, tmp_path / "writer")
    tracemalloc.start()
    try:
        with db.write() as s, open(source, "rb") as f:
            assert store.put_stream(s, sha, f, ".jpg") is True
        _size, write_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        fetched = blob_store(db, tmp_path / "reader").path_for(sha)
        _size, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count(db, PhotoBlobChunk) == 50
    assert fetched is not None and hash_file(fetched) == sha
    assert write_peak < 8 * MB, f"writing peaked at {write_peak / MB:.1f} MB"
    assert read_peak < 8 * MB, f"fetching peaked at {read_peak / MB:.1f} MB"


class _FailingStream:
    """A file that breaks after ``good`` bytes, like a disk or network share failing mid-read."""

    def __init__(self, data: bytes, good: int) -> None:
        self.data, self.good, self.at = data, good, 0

    def read(self, n: int) -> bytes:
        if self.at >= self.good:
            raise OSError(5, "Input/output error")
        piece = self.data[self.at:self.at + n]
        self.at += len(piece)
        return piece


def test_a_failure_mid_write_leaves_no_chunks_and_no_photo(services: Services, manager: int, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = blob_store(services.db, tmp_path / "cache", chunk_size=4096)
    photos = PhotoService(services.db, services.clock, store)
    case = new_case(services, manager)
    data = jpeg((800, 600))
    assert len(data) > 5 * 4096
    real = BlobPhotoStore.write_within

    def break_midway(self: BlobPhotoStore, session, sha256, source, extension) -> None:  # noqa: ANN001
        real(self, session, sha256, _FailingStream(source.read(), good=3 * 4096), extension)

    monkeypatch.setattr(BlobPhotoStore, "write_within", break_midway)
    with pytest.raises(PhotoSaveError) as failed:
        photos.add_photos(case_id=case, files=[("box.jpg", data)], slot="exterior", by=manager)
    assert "box.jpg" in failed.value.en and "box.jpg" in failed.value.zh
    assert count(services.db, Photo) == 0
    assert count(services.db, PhotoBlob) == 0 and count(services.db, PhotoBlobChunk) == 0
    assert store.cached_path(hashlib.sha256(data).hexdigest()) is None
    monkeypatch.setattr(BlobPhotoStore, "write_within", real)
    added = photos.add_photos(case_id=case, files=[("box.jpg", data)], slot="exterior", by=manager).added
    assert len(added) == 1 and count(services.db, PhotoBlobChunk) == -(-len(data) // 4096)


def test_bytes_that_do_not_match_their_hash_are_not_kept(db: Database, tmp_path: Path) -> None:
    store = blob_store(db, tmp_path / "cache")
    with pytest.raises(BlobIntegrityError), db.write() as s:
        store.put_stream(s, hashlib.sha256(b"one").hexdigest(), BytesIO(b"another"), ".jpg")
    assert count(db, PhotoBlob) == 0 and count(db, PhotoBlobChunk) == 0


def test_the_same_bytes_are_stored_once(services: Services, manager: int, tmp_path: Path) -> None:
    store = blob_store(services.db, tmp_path / "cache")
    photos = PhotoService(services.db, services.clock, store)
    data = jpeg()
    first, second = new_case(services, manager), new_case(services, manager)
    a = photos.add_photos(case_id=first, files=[("a.jpg", data)], slot="exterior", by=manager).added[0]
    b = photos.add_photos(case_id=second, files=[("b.jpg", data)], slot="label", by=manager).added[0]
    assert a.sha256 == b.sha256 and a.id != b.id
    assert count(services.db, PhotoBlob) == 1 and count(services.db, Photo) == 2
    assert store.put(a.sha256, data, ".jpg") is False
    # Purging one photo keeps the blob the other still points at.
    photos.delete(photo_id=a.id, reason="duplicate", by=manager)
    assert photos.purge(photo_id=a.id, by=manager) is False
    assert count(services.db, PhotoBlob) == 1
    assert blob_store(services.db, tmp_path / "other").path_for(b.sha256) is not None


# ------------------------------------------------------------------ check
def test_check_finds_missing_and_altered_chunks_orphans_and_missing_blobs(
        services: Services, manager: int, tmp_path: Path) -> None:
    store = blob_store(services.db, tmp_path / "cache", chunk_size=4096)
    photos = PhotoService(services.db, services.clock, store)
    case = new_case(services, manager)
    items = photos.add_photos(case_id=case, files=[(f"p{i}.jpg", jpeg((400, 300))) for i in range(4)],
                              slot="exterior", by=manager).added
    clean = photos.check()
    assert isinstance(clean, BlobIntegrityReport) and clean.ok, clean.lines("en")
    assert clean.rows_checked == 4 and clean.blobs_checked == 4
    assert clean.lines("en")[-1] == "All photos are intact." and clean.lines("zh_CN")[-1] == "照片完好。"

    cut, altered, gone, intact = items
    orphan = put(store, os.urandom(5000))
    with services.db.write() as s:
        s.execute(delete(PhotoBlobChunk).where(PhotoBlobChunk.sha256 == cut.sha256, PhotoBlobChunk.seq == 1))
        s.execute(update(PhotoBlobChunk).where(PhotoBlobChunk.sha256 == altered.sha256, PhotoBlobChunk.seq == 0)
                  .values(data=b"\xff\xd8" + b"\x00" * 4094))
        s.execute(delete(PhotoBlobChunk).where(PhotoBlobChunk.sha256 == gone.sha256))
        s.execute(delete(PhotoBlob).where(PhotoBlob.sha256 == gone.sha256))
    report = photos.check()
    assert isinstance(report, BlobIntegrityReport) and not report.ok
    assert [m.photo_id for m in report.missing] == [gone.id]
    assert {(b.sha256, b.problem) for b in report.broken} == {(cut.sha256, "incomplete"),
                                                            (altered.sha256, "altered")}
    assert report.orphans == [(orphan, 5000)]
    en, zh = "\n".join(report.lines("en")), "\n".join(report.lines("zh_CN"))
    assert f"Original incomplete: SHA-256 {cut.sha256} (photo #{cut.id})" in en
    assert f"Original altered (hash mismatch): SHA-256 {altered.sha256}" in en
    assert f"Original missing from the database: photo #{gone.id}" in en
    assert f"Original no row points to: SHA-256 {orphan}" in en
    assert f"原图不完整：SHA-256 {cut.sha256}" in zh and "原图已被改动" in zh and "数据库中缺少原图" in zh
    assert "无记录引用的原图" in zh
    # A damaged blob is never handed out as a photo; a fresh desk finds it so too.
    fresh = blob_store(services.db, tmp_path / "fresh")
    assert fresh.path_for(cut.sha256) is None and fresh.path_for(altered.sha256) is None
    assert fresh.path_for(intact.sha256) is not None


def test_check_points_at_photo_files_not_yet_in_the_database(services: Services, manager: int,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    files = PhotoStore(folder)
    data = jpeg()
    sha = hashlib.sha256(data).hexdigest()
    files.put(sha, data, ".jpg")
    store = blob_store(services.db, tmp_path / "cache", legacy_dir=folder)
    assert store.verify([]).not_moved == []  # a file no row points to is not the database's business
    row = PhotoRow(id=1, case_id=1, case_no="SH01-261120-0001", sha256=sha, original_name="a.jpg", deleted=False)
    report = store.verify([row])
    assert [m.photo_id for m in report.missing] == [1]
    assert report.not_moved == [folder / sha[:2] / sha[2:4] / f"{sha}.jpg"]
    assert "depot-app photos move-to-database" in "\n".join(report.lines("en"))
    assert "depot-app photos move-to-database" in "\n".join(report.lines("zh_CN"))


# ------------------------------------------------------------------ moving files in
@pytest.mark.postgres
def test_photo_files_of_a_postgres_depot_move_into_the_database_verified_and_resumably(
        pg_url: str, tmp_path: Path) -> None:
    """A depot that kept files (the file store on PostgreSQL) moves them in; a second run finds nothing to do."""
    from depot_app.services.photo_blobs import move_files_to_database

    folder = tmp_path / "desk" / "photos"
    old = Services.open(pg_url, clock=FixedClock(START))
    try:
        by = old.operators.ensure_first().id
        files_photos = PhotoService(old.db, old.clock, PhotoStore(folder))
        case = new_case(old, by)
        items = files_photos.add_photos(case_id=case, files=[(f"p{i}.jpg", jpeg()) for i in range(3)],
                                        slot="exterior", by=by).added
    finally:
        old.close()
    stray = PhotoStore(folder)
    stray_data = jpeg()
    stray.put(hashlib.sha256(stray_data).hexdigest(), stray_data, ".jpg")
    bad = folder / items[2].sha256[:2] / items[2].sha256[2:4] / f"{items[2].sha256}.jpg"
    os.chmod(bad, 0o644)
    bad.write_bytes(b"\xff\xd8 not the photo any more")

    sv = Services.open(pg_url, clock=FixedClock(START), migrate=False, photo_dir=folder)
    try:
        store = sv.photos.store
        assert isinstance(store, BlobPhotoStore)
        before = sv.photos.check()
        assert not before.ok and len(before.not_moved) == 3  # type: ignore[attr-defined]
        # An interrupted first run moved only the first photo.
        with sv.db.write() as s, open(folder / items[0].sha256[:2] / items[0].sha256[2:4]
                                      / f"{items[0].sha256}.jpg", "rb") as f:
            store.put_stream(s, items[0].sha256, f, ".jpg")
        result = move_files_to_database(store, folder, delete_files=True)
        assert result.already == [items[0].sha256] and result.moved == [items[1].sha256]
        assert result.altered == [bad] and len(result.unreferenced) == 1 and result.deleted_files == 2
        assert bad.is_file(), "an altered file is left for a person to look at"
        again = move_files_to_database(store, folder)
        assert again.moved == [] and again.altered == [bad]
        for item in items[:2]:
            path = sv.photos.path_for(item.sha256)
            assert path is not None and hash_file(path) == item.sha256
        report = sv.photos.check()
        assert [m.photo_id for m in report.missing] == [items[2].id]  # type: ignore[attr-defined]
        assert "1 original(s) moved" in result.lines("en")[0] and "已移入数据库 1 个原图" in result.lines()[0]
    finally:
        sv.close()


@pytest.mark.postgres
def test_depot_app_check_on_postgres_reports_a_missing_chunk_and_exits_1(pg_url: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    sv = Services.open(pg_url, clock=FixedClock(START), photo_dir=tmp_path / "photos")
    try:
        by = sv.operators.ensure_first().id
        item = sv.photos.add_photos(case_id=new_case(sv, by), files=[("box.jpg", jpeg())], slot="exterior",
                                    by=by).added[0]
    finally:
        sv.close()

    def check(lang: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run([sys.executable, "-m", "depot_app", "--data-dir", str(tmp_path), "--db", pg_url,
                               "--lang", lang, "check"], capture_output=True, text=True, env=env, timeout=120,
                              cwd=Path(__file__).resolve().parents[2])

    first = check("en")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "photos stored in the database" in first.stdout and "All photos are intact." in first.stdout
    db = Database(pg_url)
    try:
        with db.write() as s:
            s.execute(delete(PhotoBlobChunk).where(PhotoBlobChunk.sha256 == item.sha256))
    finally:
        db.dispose()
    en, zh = check("en"), check("zh_CN")
    assert en.returncode == 1 and zh.returncode == 1
    assert f"Original incomplete: SHA-256 {item.sha256}" in en.stdout
    assert f"原图不完整：SHA-256 {item.sha256}" in zh.stdout


# ------------------------------------------------------------------ two desks at once
@pytest.mark.postgres
def test_two_desks_storing_the_same_new_photo_at_once_keep_one_blob(pg_url: str, tmp_path: Path) -> None:
    data = jpeg()
    sha = hashlib.sha256(data).hexdigest()
    first_db, second_db = Database(pg_url), Database(pg_url)
    try:
        first, second = blob_store(first_db, tmp_path / "one"), blob_store(second_db, tmp_path / "two")
        outcome: list[bool] = []
        with first_db.write() as s:
            assert first.put_stream(s, sha, BytesIO(data), ".jpg") is True
            other = threading.Thread(target=lambda: outcome.append(second.put(sha, data, ".jpg")))
            other.start()
            other.join(0.5)
            assert other.is_alive(), "the second desk waits for the first one's blob"
        other.join(10)
        assert outcome == [False]
        assert count(first_db, PhotoBlob) == 1 and count(first_db, PhotoBlobChunk) == 1
        assert second.path_for(sha) is not None
    finally:
        first_db.dispose()
        second_db.dispose()


@pytest.mark.postgres
def test_a_purge_waits_for_an_import_that_keeps_the_blob_alive(two_desks: tuple[Services, Services]) -> None:
    """Desk 2 imports bytes whose only photo desk 1 is purging: the blob survives for desk 2's row."""
    here, there = two_desks
    by = here.operators.ensure_first().id
    data = jpeg()
    doomed = here.photos.add_photos(case_id=new_case(here, by), files=[("a.jpg", data)], slot="exterior",
                                    by=by).added[0]
    here.photos.delete(photo_id=doomed.id, reason="wrong case", by=by)
    with there.db.write() as s:
        # Desk 2's import holds the blob (FOR SHARE) while it writes its own row.
        assert there.photos.store.put_stream(s, doomed.sha256, BytesIO(data), ".jpg") is False  # type: ignore[attr-defined]
        case = s.get(ProblemCase, doomed.case_id)
        assert case is not None
        s.add(Photo(case_id=case.id, sha256=doomed.sha256, slot="label", caption="", original_name="b.jpg",
                    media_type="image/jpeg", size_bytes=len(data), width=1, height=1, rotation=0,
                    added_at=START, added_by_id=by, delete_reason=""))
        s.flush()
        purged: list[bool] = []
        purge = threading.Thread(target=lambda: purged.append(here.photos.purge(photo_id=doomed.id, by=by)))
        purge.start()
        purge.join(0.5)
        assert purge.is_alive(), "the purge waits on the blob the import holds"
    purge.join(10)
    assert purged == [False]
    assert count(here.db, PhotoBlob) == 1
    assert blob_store(here.db, Path(there.photos.store.root).parent / "fresh").path_for(doomed.sha256) is not None


# ------------------------------------------------------------------ backups
@pytest.mark.postgres
def test_a_pg_dump_holds_the_photos(pg_server, pg_url: str, tmp_path: Path) -> None:  # noqa: ANN001
    """pg_dump and pg_restore into an empty database: a desk with an empty cache shows every photo."""
    import subprocess

    import psycopg

    from tests.pg_server import find_bin

    pg_dump, pg_restore = find_bin("pg_dump"), find_bin("pg_restore")
    if pg_dump is None or pg_restore is None:
        pytest.skip("pg_dump is not installed here")
    sv = Services.open(pg_url, clock=FixedClock(START), photo_dir=tmp_path / "desk" / "photos")
    try:
        by = sv.operators.ensure_first().id
        items = sv.photos.add_photos(case_id=new_case(sv, by), files=[(f"p{i}.jpg", jpeg()) for i in range(3)],
                                     slot="exterior", by=by).added
    finally:
        sv.close()
    source = pg_url.rsplit("/", 1)[1]
    dump = tmp_path / "depot.dump"
    conn = ["--host=127.0.0.1", f"--port={pg_server.port}", "--username=postgres"]
    subprocess.run([pg_dump, "--format=custom", *conn, f"--file={dump}", source], check=True, timeout=120)
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=postgres dbname=postgres",
                         autocommit=True) as c:
        c.execute(f"CREATE DATABASE {source}_restored")
    subprocess.run([pg_restore, *conn, f"--dbname={source}_restored", str(dump)], check=True, timeout=120)
    restored = Services.open(pg_server.url(f"{source}_restored"), clock=FixedClock(START), migrate=False,
                             photo_dir=tmp_path / "new-desk" / "photos")
    try:
        for item in items:
            path = restored.photos.path_for(item.sha256)
            assert path is not None and hash_file(path) == item.sha256
        report = restored.photos.check()
        assert report.ok, report.lines("en")
    finally:
        restored.close()


# ------------------------------------------------------------------ importing from a file
def _big_jpeg(path: Path) -> Path:
    from PIL import Image

    Image.effect_noise((3000, 2000), 80).convert("RGB").save(path, "JPEG", quality=100)
    return path


@pytest.mark.parametrize("kind", ["files", "database"])
def test_a_photo_file_is_imported_without_reading_it_whole_into_memory(
        services: Services, manager: int, tmp_path: Path, kind: str) -> None:
    source = _big_jpeg(tmp_path / "big.jpg")
    size = source.stat().st_size
    assert size > 3 * MB
    store = PhotoStore(tmp_path / "photos") if kind == "files" else blob_store(services.db, tmp_path / "cache")
    photos = PhotoService(services.db, services.clock, store)
    case = new_case(services, manager)
    tracemalloc.start()
    try:
        added = photos.add_photos(case_id=case, files=[source], slot="exterior", by=manager).added
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(added) == 1 and added[0].size_bytes == size
    stored = photos.path_for(added[0].sha256)
    assert stored is not None and hash_file(stored) == hash_file(source)
    assert peak < size / 2, f"the import peaked at {peak / MB:.1f} MB for a {size / MB:.1f} MB file"


@pytest.mark.parametrize("kind", ["files", "database"])
def test_a_file_changed_after_it_was_checked_is_not_stored(services: Services, manager: int, tmp_path: Path,
                                                           kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from depot_app.services import photos as photos_module

    source = tmp_path / "box.jpg"
    source.write_bytes(jpeg())
    store = PhotoStore(tmp_path / "photos") if kind == "files" else blob_store(services.db, tmp_path / "cache")
    photos = PhotoService(services.db, services.clock, store)
    real = photos_module.inspect_image

    def inspect_then_change(name, data, policy, **kwargs):  # noqa: ANN001, ANN003, ANN202
        result = real(name, data, policy, **kwargs)
        source.write_bytes(jpeg())  # another program rewrites the file meanwhile
        return result

    monkeypatch.setattr(photos_module, "inspect_image", inspect_then_change)
    with pytest.raises(PhotoSaveError) as failed:
        photos.add_photos(case_id=new_case(services, manager), files=[source], slot="exterior", by=manager)
    assert "box.jpg" in failed.value.en
    assert count(services.db, Photo) == 0 and count(services.db, PhotoBlob) == 0
    assert not [p for p in (tmp_path / "photos").rglob("*") if p.is_file()]
