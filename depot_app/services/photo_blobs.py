"""Photos kept in the database: the store every desk of a PostgreSQL depot shares.

A depot on a PostgreSQL server has several desks and no shared drive, so
the originals live in the database itself (``photo_blob`` and
``photo_blob_chunk``, migration 0010) and ``pg_dump`` backs them up with
everything else. Each desk keeps a local copy of what it has shown.

**Writing.** An original is keyed by its SHA-256 and stored once, however
many photo rows point at it. Its bytes go in rows of :data:`CHUNK_SIZE`
(1 MiB), read from the source one chunk at a time — never the whole file in
memory — inside the same transaction as the photo row
(:meth:`BlobPhotoStore.write_within`): a failure anywhere rolls back the
row, the header and every chunk, so there is never a photo without its blob
nor a blob cut short. The SHA-256 is computed while streaming and must equal
the key, otherwise nothing is kept.

Two desks adding the same new photo at once: the second waits on the first
one's header row (``INSERT ... ON CONFLICT DO NOTHING``) and then finds the
blob there. A purge takes the header ``FOR UPDATE`` and removes the blob only
when no row points at it; an import takes it ``FOR SHARE``, so the two never
cross (the import either sees the blob it keeps alive or writes it anew).

**Reading: the local cache.** :meth:`BlobPhotoStore.path_for` gives a local
file, as the file store does, so thumbnails, the viewer and the PDFs work
unchanged. On a miss the chunks are fetched one by one into a temporary
file beside the target, the SHA-256 is checked, the file is made read-only
and renamed into place. A cached file is hashed again the first time this
process uses it and whenever its size or modification time changes; one
that no longer matches is discarded and fetched again. The cache is bounded
(depot setting ``photo_cache_mb``): after each fetch the least recently used
originals are removed until the total fits (a use sets the file's access
time). Thumbnails stay local in ``thumbs/`` (about 20 KB each) and are made
from the cached original when first needed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from depot_app.config import DEPOT_SETTINGS
from depot_app.db.engine import Database, upsert_insert
from depot_app.db.models import Photo, PhotoBlob, PhotoBlobChunk
from depot_app.domain.clock import utcnow
from depot_app.domain.photos import PhotoFileError, is_sha256
from depot_app.services.photos import (
    MissingPhoto,
    PhotoRow,
    PhotoStore,
    ProgressFn,
    _unlink_readonly,
    hash_file,
    open_source,
)
from depot_app.services.settings import read_setting

log = logging.getLogger(__name__)

#: Bytes per chunk row: big enough that a 5 MB photo is a handful of rows,
#: small enough that a row never strains a connection or the memory.
CHUNK_SIZE = 1024 * 1024
_MB = 1024 * 1024


class BlobIntegrityError(ValueError):
    """The bytes streamed into the database do not have the SHA-256 they are stored under."""


# ==================================================================== report
@dataclass(frozen=True)
class BrokenBlob:
    """A stored original that is cut short or altered; the photos pointing at it."""

    sha256: str
    photo_ids: tuple[int, ...]
    #: "incomplete": chunks missing or of the wrong length; "altered": the bytes hash differently.
    problem: str
    expected_chunks: int
    found_chunks: int
    expected_bytes: int
    found_bytes: int
    actual_sha256: str = ""


@dataclass(frozen=True)
class BlobIntegrityReport:
    """The result of ``depot-app check`` on a depot whose photos are in the database."""

    rows_checked: int
    blobs_checked: int
    missing: list[MissingPhoto]
    broken: list[BrokenBlob]
    #: Originals in the database that no photo row points to: (SHA-256, bytes).
    orphans: list[tuple[str, int]]
    #: Photo files still in this desk's photo folder that are not in the database yet.
    not_moved: list[Path]
    cache_files: int
    cache_bytes: int
    cache_limit: int

    @property
    def ok(self) -> bool:
        return not (self.missing or self.broken or self.orphans or self.not_moved)

    def lines(self, language: str = "zh_CN") -> list[str]:
        """The report as text lines, for ``depot-app check``."""
        zh = language.startswith("zh")
        out = [f"照片检查（照片存于数据库）：{self.rows_checked} 条记录，{self.blobs_checked} 个原图。" if zh else
               f"Photo check (photos stored in the database): {self.rows_checked} rows, "
               f"{self.blobs_checked} originals."]
        for m in self.missing:
            state_zh, state_en = ("（已删除）", " (deleted)") if m.deleted else ("", "")
            out.append(f"  数据库中缺少原图：照片 #{m.photo_id}{state_zh}，问题件 {m.case_no}，{m.original_name}，"
                       f"SHA-256 {m.sha256}" if zh else
                       f"  Original missing from the database: photo #{m.photo_id}{state_en}, case {m.case_no}, "
                       f"{m.original_name}, SHA-256 {m.sha256}")
        for b in self.broken:
            ids = ", ".join(f"#{i}" for i in b.photo_ids)
            if b.problem == "incomplete":
                out.append(f"  原图不完整：SHA-256 {b.sha256}（照片 {ids}）：应有 {b.expected_chunks} 段、"
                           f"{b.expected_bytes} 字节，实有 {b.found_chunks} 段、{b.found_bytes} 字节" if zh else
                           f"  Original incomplete: SHA-256 {b.sha256} (photo {ids}): {b.expected_chunks} chunks "
                           f"of {b.expected_bytes} bytes expected, {b.found_chunks} chunks of {b.found_bytes} "
                           "bytes found")
            else:
                out.append(f"  原图已被改动（哈希不符）：SHA-256 {b.sha256}（照片 {ids}），实际为 {b.actual_sha256}"
                           if zh else f"  Original altered (hash mismatch): SHA-256 {b.sha256} (photo {ids}), "
                           f"the bytes hash to {b.actual_sha256}")
        for sha, size in self.orphans:
            out.append(f"  无记录引用的原图：SHA-256 {sha}（{size} 字节）" if zh else
                       f"  Original no row points to: SHA-256 {sha} ({size} bytes)")
        if self.not_moved:
            folder = self.not_moved[0].parents[2]
            out.append(f"  照片文件夹 {folder} 中有 {len(self.not_moved)} 个照片文件尚未移入数据库："
                       "请运行“depot-app photos move-to-database”。" if zh else
                       f"  {len(self.not_moved)} photo file(s) in {folder} are not in the database yet: "
                       "run “depot-app photos move-to-database”.")
        out.append(f"本机缓存：{self.cache_files} 个文件，{self.cache_bytes / _MB:.1f} MB（上限 "
                   f"{self.cache_limit / _MB:.0f} MB）。" if zh else
                   f"This desk's cache: {self.cache_files} files, {self.cache_bytes / _MB:.1f} MB "
                   f"(limit {self.cache_limit / _MB:.0f} MB).")
        if self.ok:
            out.append("照片完好。" if zh else "All photos are intact.")
        return out


# ===================================================================== store
class BlobPhotoStore(PhotoStore):
    """Originals in the database by SHA-256; ``root`` is this desk's local cache of them.

    The file-store methods that read (:meth:`path_for`, thumbnails,
    metadata) work on the cached copy, fetched on demand.
    """

    in_database = True

    def __init__(self, db: Database, cache_dir: Path, *, chunk_size: int = CHUNK_SIZE,
                 cache_limit: int | Callable[[], int] | None = None,
                 legacy_dir: Path | None = None) -> None:
        super().__init__(cache_dir)
        if chunk_size < 1:
            raise ValueError("chunk size must be positive")
        self.db = db
        self.chunk_size = chunk_size
        self._limit = cache_limit
        #: The desk's photo folder of before, checked for files not moved into the database.
        self.legacy_dir = legacy_dir
        self._cache_locks = tuple(threading.Lock() for _ in range(64))
        self._account = threading.Lock()
        self._verified: dict[str, tuple[int, int, int]] = {}
        self._cached_bytes: int | None = None

    # ------------------------------------------------------------ settings
    def cache_limit(self) -> int:
        """The most bytes of originals this desk keeps (depot setting ``photo_cache_mb``)."""
        if isinstance(self._limit, int):
            return self._limit
        if self._limit is not None:
            return self._limit()
        try:
            with self.db.read() as s:
                mb = int(read_setting(s, "photo_cache_mb"))
        except Exception:  # noqa: BLE001 - a cache bound is no reason to fail showing a photo
            log.warning("Could not read photo_cache_mb; using the default", exc_info=True)
            mb = int(DEPOT_SETTINGS["photo_cache_mb"])
        return mb * _MB

    # ------------------------------------------------------------ writing
    def write_before(self, sha256: str, data: bytes | Path, extension: str) -> bool:
        """Nothing is written before the transaction: the blob goes in with the row."""
        return False

    def write_within(self, session: Session, sha256: str, source: BinaryIO, extension: str) -> None:
        """Store the original in ``session``'s transaction, streaming ``source`` chunk by chunk.

        Does nothing when the blob is already there (deduplicated by hash).
        Raises :class:`BlobIntegrityError` when the bytes do not hash to
        ``sha256``; the caller's transaction then rolls back.
        """
        self.put_stream(session, sha256, source, extension)

    def after_commit(self, sha256: str, data: bytes | Path, extension: str) -> None:
        """Keep the imported original in this desk's cache, so it need not fetch it back."""
        try:
            with self._cache_lock(sha256):
                PhotoStore.put(self, sha256, data, extension)
                self._mark_verified(sha256)
                kept = self._file_for(sha256)
            if kept is not None:
                self._added_to_cache(kept.stat().st_size, keep=kept)
        except OSError:
            log.warning("Photo %s not copied to the local cache; it is fetched when shown", sha256, exc_info=True)

    def put(self, sha256: str, data: bytes | Path, extension: str) -> bool:
        """Store ``data`` (bytes or a file) as a blob in its own transaction; False when it was there already."""
        with self.db.write() as s, open_source(data) as stream:
            return self.put_stream(s, sha256, stream, extension)

    def put_stream(self, session: Session, sha256: str, source: BinaryIO, extension: str) -> bool:
        """Write the blob of ``sha256`` from ``source`` in ``session``; False when it existed."""
        if not is_sha256(sha256) or not extension.startswith(".") or len(extension) > 8:
            raise ValueError(f"not a photo store name: {sha256}{extension}")
        # FOR SHARE: a purge on another desk cannot remove the blob under this transaction.
        if session.scalar(select(PhotoBlob.sha256).where(PhotoBlob.sha256 == sha256)
                          .with_for_update(read=True)) is not None:
            return False
        values = {"sha256": sha256, "size_bytes": 0, "chunk_size": self.chunk_size, "chunk_count": 0,
                  "extension": extension, "created_at": utcnow()}
        inserted = session.execute(upsert_insert(session)(PhotoBlob).values(**values).on_conflict_do_nothing()
                                   .returning(PhotoBlob.sha256)).scalar()
        if inserted is None:  # another desk stored the same bytes meanwhile and has committed
            return False
        digest = hashlib.sha256()
        size = seq = 0
        while piece := source.read(self.chunk_size):
            digest.update(piece)
            session.execute(insert(PhotoBlobChunk).values(sha256=sha256, seq=seq, data=piece))
            size += len(piece)
            seq += 1
            del piece
        if digest.hexdigest() != sha256:
            raise BlobIntegrityError(f"the bytes hash to {digest.hexdigest()}, not {sha256}")
        session.execute(update(PhotoBlob).where(PhotoBlob.sha256 == sha256)
                        .values(size_bytes=size, chunk_count=seq))
        return True

    def remove(self, sha256: str) -> bool:
        """Delete the blob (when no row points at it), the cached copy and its thumbnails."""
        removed = False
        with self.db.write() as s:
            blob = s.scalar(select(PhotoBlob).where(PhotoBlob.sha256 == sha256).with_for_update())
            if blob is not None and not s.scalar(
                    select(func.count()).select_from(Photo).where(Photo.sha256 == sha256)):
                s.execute(delete(PhotoBlobChunk).where(PhotoBlobChunk.sha256 == sha256))
                s.delete(blob)
                removed = True
        if removed:
            with self._cache_lock(sha256):
                super().remove(sha256)
                self._verified.pop(sha256, None)
            with self._account:
                self._cached_bytes = None
        return removed

    # ------------------------------------------------------------ presence
    def has_original(self, session: Session, sha256: str) -> bool:
        """Whether the database holds the original (cached here or not)."""
        return session.get(PhotoBlob, sha256) is not None

    def missing_error(self, sha256: str) -> PhotoFileError:
        return PhotoFileError(
            f"The original of photo {sha256[:12]}… is missing or damaged in the database. "
            "Run “depot-app check” on any desk.",
            f"照片 {sha256[:12]}… 的原图在数据库中缺失或已损坏。请在任一工作台运行“depot-app check”。",
            sha256=sha256)

    # ------------------------------------------------------------ reading
    def cached_path(self, sha256: str) -> Path | None:
        """The cached file as it is (not fetched, not verified), or None."""
        return self._file_for(sha256)

    def path_for(self, sha256: str) -> Path | None:
        """A verified local copy of the original, fetched from the database when needed.

        None when the database has no complete, intact blob of ``sha256``
        (``depot-app check`` says which). Call from a worker thread.
        """
        if not is_sha256(sha256):
            return None
        discarded = False
        with self._cache_lock(sha256):
            cached = self._file_for(sha256)
            if cached is not None:
                if self._intact(sha256, cached):
                    self._touch(cached)
                    return cached
                log.warning("Cached photo %s did not match its hash; fetching it again", cached)
                _unlink_readonly(cached)
                self._verified.pop(sha256, None)
                discarded = True
            fetched = self._fetch(sha256)
        # The accounting lock is never taken while holding a cache lock (eviction takes them the other way).
        if discarded:
            with self._account:
                self._cached_bytes = None
        if fetched is not None:
            self._added_to_cache(fetched.stat().st_size, keep=fetched)
        return fetched

    def _cache_lock(self, sha256: str) -> threading.Lock:
        return self._cache_locks[int(sha256[:2], 16) % len(self._cache_locks)]

    @staticmethod
    def _identity(path: Path) -> tuple[int, int, int]:
        st = path.stat()
        return st.st_size, st.st_mtime_ns, st.st_ino

    def _mark_verified(self, sha256: str) -> None:
        path = self._file_for(sha256)
        if path is not None:
            self._verified[sha256] = self._identity(path)

    def _intact(self, sha256: str, path: Path) -> bool:
        try:
            identity = self._identity(path)
            if self._verified.get(sha256) == identity:
                return True
            if hash_file(path) != sha256:
                return False
        except OSError:
            return False
        self._verified[sha256] = identity
        return True

    @staticmethod
    def _touch(path: Path) -> None:
        """Record a use: the access time orders the eviction (the modification time stays)."""
        try:
            st = path.stat()
            os.utime(path, ns=(time.time_ns(), st.st_mtime_ns))
        except OSError:
            log.debug("Could not record the use of %s", path, exc_info=True)

    def _fetch(self, sha256: str) -> Path | None:
        with self.db.read() as s:
            blob = s.get(PhotoBlob, sha256)
            if blob is None:
                return None
            folder = self._dir(sha256)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{sha256}{blob.extension}"
            fd, tmp_name = tempfile.mkstemp(prefix=f".{sha256[:16]}-", suffix=".tmp", dir=folder)
            tmp = Path(tmp_name)
            digest = hashlib.sha256()
            size = 0
            try:
                with os.fdopen(fd, "wb") as f:
                    for seq in range(blob.chunk_count):
                        piece = s.scalar(select(PhotoBlobChunk.data).where(PhotoBlobChunk.sha256 == sha256,
                                                                           PhotoBlobChunk.seq == seq))
                        if piece is None:
                            log.error("Photo %s: chunk %d of %d is missing in the database",
                                      sha256, seq, blob.chunk_count)
                            _unlink_readonly(tmp)
                            return None
                        digest.update(piece)
                        f.write(piece)
                        size += len(piece)
                        del piece
                if size != blob.size_bytes or digest.hexdigest() != sha256:
                    log.error("Photo %s: the database's bytes (%d) hash to %s", sha256, size, digest.hexdigest())
                    _unlink_readonly(tmp)
                    return None
                os.chmod(tmp, 0o444)  # a cached original is never modified
                os.replace(tmp, target)
            except BaseException:
                _unlink_readonly(tmp)
                raise
        self._verified[sha256] = self._identity(target)
        self._touch(target)
        return target

    # ------------------------------------------------------------ the bound
    def cache_usage(self) -> tuple[int, int]:
        """(files, bytes) of originals in this desk's cache."""
        files, _unexpected, _temps = self.scan()
        paths = [p for group in files.values() for p in group]
        total = 0
        for p in paths:
            try:
                total += p.stat().st_size
            except OSError:
                continue
        return len(paths), total

    def _added_to_cache(self, size: int, *, keep: Path | None) -> None:
        with self._account:
            if self._cached_bytes is None:
                self._cached_bytes = self.cache_usage()[1]
            else:
                self._cached_bytes += size
            if self._cached_bytes > self.cache_limit():
                self._cached_bytes = self._evict(keep)

    def _evict(self, keep: Path | None) -> int:
        """Remove the least recently used originals until the cache fits; the bytes left."""
        limit = self.cache_limit()
        files, _unexpected, _temps = self.scan()
        entries: list[tuple[float, int, Path, str]] = []
        for sha, paths in files.items():
            for p in paths:
                try:
                    st = p.stat()
                except OSError:
                    continue
                entries.append((st.st_atime, st.st_size, p, sha))
        total = sum(e[1] for e in entries)
        for _atime, size, path, sha in sorted(entries, key=lambda e: e[0]):
            if total <= limit:
                break
            if path == keep:
                continue
            with self._cache_lock(sha):
                _unlink_readonly(path)
                self._verified.pop(sha, None)
            total -= size
        return total

    # ------------------------------------------------------------ integrity
    def verify(self, rows: Sequence[PhotoRow], *,
               progress: ProgressFn | None = None) -> BlobIntegrityReport:
        """Every row's blob present, its chunks complete, its SHA-256 right; blobs nobody references."""
        by_sha: dict[str, list[PhotoRow]] = defaultdict(list)
        for row in rows:
            by_sha[row.sha256].append(row)
        missing: list[MissingPhoto] = []
        broken: list[BrokenBlob] = []
        with self.db.read() as s:
            blobs = {b.sha256: b for b in s.scalars(select(PhotoBlob))}
            stats = {r.sha256: (int(r.n), int(r.size or 0), int(r.low if r.low is not None else -1),
                                int(r.high if r.high is not None else -1))
                     for r in s.execute(select(PhotoBlobChunk.sha256, func.count().label("n"),
                                               func.sum(func.length(PhotoBlobChunk.data)).label("size"),
                                               func.min(PhotoBlobChunk.seq).label("low"),
                                               func.max(PhotoBlobChunk.seq).label("high"))
                                        .group_by(PhotoBlobChunk.sha256))}
            present = sorted(sha for sha in by_sha if sha in blobs)
            for done, sha in enumerate(present, start=1):
                blob, ids = blobs[sha], tuple(r.id for r in by_sha[sha])
                count, size, low, high = stats.get(sha, (0, 0, -1, -1))
                complete = (count == blob.chunk_count and size == blob.size_bytes
                            and (count == 0 or (low == 0 and high == count - 1)))
                if not complete:
                    broken.append(BrokenBlob(sha256=sha, photo_ids=ids, problem="incomplete",
                                             expected_chunks=blob.chunk_count, found_chunks=count,
                                             expected_bytes=blob.size_bytes, found_bytes=size))
                else:
                    actual = self.hash_blob(s, sha, blob.chunk_count)
                    if actual != sha:
                        broken.append(BrokenBlob(sha256=sha, photo_ids=ids, problem="altered",
                                                 expected_chunks=blob.chunk_count, found_chunks=count,
                                                 expected_bytes=blob.size_bytes, found_bytes=size,
                                                 actual_sha256=actual))
                if progress is not None:
                    progress(done, len(present))
            orphans = sorted((sha, blob.size_bytes) for sha, blob in blobs.items() if sha not in by_sha)
        for sha, group in by_sha.items():
            if sha not in blobs:
                missing += [r.missing() for r in group]
        files, bytes_ = self.cache_usage()
        not_moved = self.files_not_moved(set(by_sha) - set(blobs))
        return BlobIntegrityReport(rows_checked=len(rows), blobs_checked=len(blobs), missing=missing,
                                   broken=broken, orphans=orphans, not_moved=not_moved,
                                   cache_files=files, cache_bytes=bytes_, cache_limit=self.cache_limit())

    def hash_blob(self, s: Session, sha256: str, chunk_count: int) -> str:
        digest = hashlib.sha256()
        for seq in range(chunk_count):
            piece = s.scalar(select(PhotoBlobChunk.data).where(PhotoBlobChunk.sha256 == sha256,
                                                               PhotoBlobChunk.seq == seq))
            if piece is not None:
                digest.update(piece)
        return digest.hexdigest()

    def files_not_moved(self, wanted: set[str]) -> list[Path]:
        """Files in the desk's photo folder of before holding originals (``wanted``) the database lacks."""
        if self.legacy_dir is None or not self.legacy_dir.is_dir():
            return []
        files, _unexpected, _temps = PhotoStore(self.legacy_dir).scan()
        return sorted(paths[0] for sha, paths in files.items() if sha in wanted)


# ============================================================ moving files in
@dataclass
class MoveResult:
    """What ``depot-app photos move-to-database`` did with a photo folder."""

    moved: list[str]
    #: Already in the database (moved by an earlier run, or imported there).
    already: list[str]
    #: Files whose bytes no longer have the SHA-256 they are named by: left where they are.
    altered: list[Path]
    #: Files no photo row points to: left where they are.
    unreferenced: list[Path]
    deleted_files: int

    def lines(self, language: str = "zh_CN") -> list[str]:
        zh = language.startswith("zh")
        out = [f"已移入数据库 {len(self.moved)} 个原图，{len(self.already)} 个此前已在数据库中。" if zh else
               f"{len(self.moved)} original(s) moved into the database, {len(self.already)} already there."]
        for p in self.altered:
            out.append(f"  文件已被改动（哈希不符），未移入：{p}" if zh else
                       f"  File altered (hash mismatch), not moved: {p}")
        if self.unreferenced:
            out.append(f"  {len(self.unreferenced)} 个文件没有记录引用，留在原处。" if zh else
                       f"  {len(self.unreferenced)} file(s) no row points to were left where they are.")
        if self.deleted_files:
            out.append(f"  已删除 {self.deleted_files} 个已核对的文件。" if zh else
                       f"  {self.deleted_files} verified file(s) deleted from the folder.")
        return out


def move_files_to_database(store: BlobPhotoStore, folder: Path, *, delete_files: bool = False,
                           progress: ProgressFn | None = None) -> MoveResult:
    """Move the photo files of ``folder`` that rows point to into the database, one transaction each.

    Each file is streamed in (its SHA-256 checked on the way) and read back
    from the database and hashed again before it counts as moved; only then,
    with ``delete_files``, is the file removed. Interrupted, it is simply run
    again: what is in the database already is skipped.
    """
    files, _unexpected, _temps = PhotoStore(folder).scan()
    with store.db.read() as s:
        referenced = set(s.scalars(select(Photo.sha256).distinct()))
        present = set(s.scalars(select(PhotoBlob.sha256)))
    result = MoveResult(moved=[], already=[], altered=[], unreferenced=[], deleted_files=0)
    todo = sorted(sha for sha in files if sha in referenced)
    result.unreferenced = sorted(p for sha, paths in files.items() if sha not in referenced for p in paths)
    for done, sha in enumerate(todo, start=1):
        path = files[sha][0]
        if sha in present:
            result.already.append(sha)
            in_database = True
        else:
            in_database = _move_one(store, sha, path)
            if in_database:
                result.moved.append(sha)
            else:
                result.altered.append(path)
        if delete_files and in_database:
            for p in files[sha]:
                _unlink_readonly(p)
                result.deleted_files += 1
        if progress is not None:
            progress(done, len(todo))
    return result


def _move_one(store: BlobPhotoStore, sha256: str, path: Path) -> bool:
    """Stream one file in and read it back; False when the file no longer matches its name."""
    try:
        with store.db.write() as s, open(path, "rb") as f:
            store.put_stream(s, sha256, f, path.suffix)
    except BlobIntegrityError:
        return False
    with store.db.read() as s:
        blob = s.get(PhotoBlob, sha256)
        if blob is None or store.hash_blob(s, sha256, blob.chunk_count) != sha256:
            raise BlobIntegrityError(f"{path} did not read back intact from the database")
    return True
