"""Backups of an embedded (SQLite) depot: one zip archive with the database and every photo.

**An archive** is ``depot-backup-YYYYMMDD-HHMMSS.zip`` (the time is UTC, so
names sort in the order they were made whatever the depot's time zone). It holds

* ``depot.db`` — a consistent copy of the live database, taken with SQLite's
  online backup API (other desks may keep writing meanwhile) and switched to
  a rollback journal, so it is one self-contained file;
* ``photos/ab/cd/<sha256>.<ext>`` — every original of the content-addressed
  photo store, at the same relative paths (thumbnails are a cache and left out);
* ``manifest.json`` — format version, app version, when, the Alembic
  revision, the depot code, the case and photo counts, and the SHA-256 and
  size of every other member.

The archive is written under a temporary name in the backup folder and
renamed when complete, so a cancelled, failed or crashed backup leaves no
archive (and no file that looks like one).

**Verifying** (:func:`verify_archive`) reads every member: the zip CRCs, the
manifest, every SHA-256 and size, no member missing or extra, no absolute or
``..`` path, and ``PRAGMA integrity_check`` on the database copy.

**Restoring** (:func:`restore_archive`) verifies first and touches nothing
when the archive is damaged. It adds missing photo files (never replacing a
file that is there), keeps the current database aside as
``<db>.before-restore-<timestamp>`` and moves the restored one into place with
one rename. It is for SQLite only, with the desk closed on this computer.

A PostgreSQL depot is backed up with ``pg_dump`` / ``pg_restore``; the
service says so (:class:`ConfigurationError`) rather than half-doing it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

from depot_app.config import DEPOT_SETTINGS
from depot_app.db.engine import Database, InUseMarker
from depot_app.db.models import Photo, ProblemCase
from depot_app.domain.clock import Clock
from depot_app.domain.errors import (
    BackupCancelled,
    BackupDamagedError,
    ConfigurationError,
    DepotError,
    ValidationError,
)
from depot_app.domain.permissions import Permission
from depot_app.domain.photos import ACCEPTED_FORMATS, is_sha256
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.photos import PhotoStore, hash_file
from depot_app.services.settings import read_setting

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

#: Bump when the archive layout changes; :func:`verify_archive` refuses newer formats.
FORMAT_VERSION = 1
ARCHIVE_PREFIX = "depot-backup-"
ARCHIVE_RE = re.compile(r"^depot-backup-(\d{8})-(\d{6})\.zip$")
DB_MEMBER = "depot.db"
MANIFEST_MEMBER = "manifest.json"
PHOTO_PREFIX = "photos/"
#: A daily backup is due when none was made in this long.
DUE_AFTER = timedelta(hours=24)
#: Archives dated this far ahead of "now" still count as recent (clocks of
#: different machines disagree a little); further ahead means a wrong clock,
#: and such an archive must not stop the daily backups for years.
CLOCK_SKEW = timedelta(hours=1)

_CHUNK = 1 << 20
_EXTENSIONS = tuple(f.extension for f in ACCEPTED_FORMATS.values())
_PHOTO_RE = re.compile(r"^photos/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})(\.[a-z]+)$")


# ======================================================================= values
@dataclass(frozen=True)
class ManifestMember:
    """One file of an archive as its manifest records it."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """What an archive says about itself (``manifest.json``)."""

    format_version: int
    app_version: str
    created_at: datetime
    alembic_revision: str | None
    depot_code: str
    cases: int
    photos: int
    members: tuple[ManifestMember, ...]

    def to_json(self) -> str:
        return json.dumps({
            "format_version": self.format_version,
            "app_version": self.app_version,
            "created_at": self.created_at.isoformat(timespec="seconds") + "Z",
            "alembic_revision": self.alembic_revision,
            "depot_code": self.depot_code,
            "cases": self.cases,
            "photos": self.photos,
            "members": [{"name": m.name, "sha256": m.sha256, "size": m.size} for m in self.members],
        }, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        """Parse a manifest; ValueError (with what is wrong) for anything malformed."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("it is not a JSON object")
        version = data.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("format_version is missing")
        if version > FORMAT_VERSION:
            raise ValueError(f"format version {version} is newer than this program reads ({FORMAT_VERSION})")
        created = data.get("created_at")
        if not isinstance(created, str):
            raise ValueError("created_at is missing")
        members = data.get("members")
        if not isinstance(members, list):
            raise ValueError("the member list is missing")
        parsed: list[ManifestMember] = []
        for m in members:
            if not (isinstance(m, dict) and isinstance(m.get("name"), str) and isinstance(m.get("sha256"), str)
                    and isinstance(m.get("size"), int) and not isinstance(m.get("size"), bool)):
                raise ValueError(f"a member entry is malformed: {m!r:.80}")
            parsed.append(ManifestMember(name=m["name"], sha256=m["sha256"], size=m["size"]))
        counts = [data.get("cases"), data.get("photos")]
        if not all(isinstance(c, int) and not isinstance(c, bool) for c in counts):
            raise ValueError("the case or photo count is missing")
        revision = data.get("alembic_revision")
        return cls(format_version=version, app_version=str(data.get("app_version", "")),
                   created_at=datetime.fromisoformat(created.removesuffix("Z")),
                   alembic_revision=str(revision) if revision is not None else None,
                   depot_code=str(data.get("depot_code", "")), cases=int(data["cases"]),
                   photos=int(data["photos"]), members=tuple(parsed))


@dataclass(frozen=True)
class BackupInfo:
    """One archive in the backup folder. Counts are None when its manifest cannot be read."""

    path: Path
    created_at: datetime
    size: int
    cases: int | None
    photos: int | None


@dataclass(frozen=True)
class ScheduledResult:
    """What one run of the daily schedule did: the archive made and the old ones removed."""

    backup: BackupInfo
    pruned: list[Path]


@dataclass
class RestoreResult:
    """What a restore did."""

    archive: Path
    manifest: Manifest
    db_path: Path
    #: Where the database that was there before now is (None when there was none).
    previous_db: Path | None
    photos_added: int = 0
    photos_present: int = 0
    #: Files already in the photo folder with other bytes than the archive's: left alone.
    photos_conflicting: list[Path] = field(default_factory=list)
    #: Photo files in the folder that no record of the restored database points to
    #: (added after the backup was made): kept, and listed by ``depot-app check``.
    photos_unreferenced: int = 0

    def lines(self) -> list[str]:
        """The result for a person reading a terminal, in English."""
        out = [(f"Restored {self.db_path} from {self.archive.name} "
                f"(made {self.manifest.created_at:%Y-%m-%d %H:%M:%S} UTC, depot {self.manifest.depot_code}, "
                f"{self.manifest.cases} cases, {self.manifest.photos} photos).")]
        out.append(f"The previous database is kept as {self.previous_db}." if self.previous_db else
                   "There was no database before.")
        out.append(f"Photos: {self.photos_added} added, {self.photos_present} already there.")
        for path in self.photos_conflicting:
            out.append(f"  Left alone (the file there has other bytes; run “depot-app check”): {path}")
        if self.photos_unreferenced:
            out.append(f"{self.photos_unreferenced} photo file(s) in the folder belong to no case of the restored "
                       "database (added after the backup); they are kept, and “depot-app check” lists them.")
        out.append("The restore is recorded on the audit trail of the restored database.")
        return out


# ======================================================================= helpers
def app_version() -> str:
    """This program's version (from the installed package, else from pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("depot-desk")
    except PackageNotFoundError:
        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
        try:
            import tomllib

            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "unknown"


def archive_name(moment: datetime) -> str:
    return f"{ARCHIVE_PREFIX}{moment:%Y%m%d-%H%M%S}.zip"


def archive_time(name: str) -> datetime | None:
    """The UTC time in one of our archive names, or None for any other name."""
    match = ARCHIVE_RE.match(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pg_dump_command(db: Database) -> str:
    """The ``pg_dump`` command line that backs up ``db`` (a PostgreSQL database), without any password."""
    url = db.engine.url
    parts = ["pg_dump", "--format=custom"]
    if url.host:
        parts.append(f"--host={url.host}")
    if url.port:
        parts.append(f"--port={url.port}")
    if url.username:
        parts.append(f"--username={url.username}")
    parts += ["--file=depot-$(date +%Y%m%d-%H%M%S).dump", str(url.database or "depot")]
    return " ".join(parts)


def postgres_refusal(db: Database) -> ConfigurationError:
    """The error that tells a PostgreSQL depot how it is backed up instead."""
    command = pg_dump_command(db)
    return ConfigurationError(
        "This depot's database is on a PostgreSQL server: back it up on the server with pg_dump, e.g. "
        f"{command} (restore with pg_restore); the photos are in the database, so the dump holds them. "
        "The desk's own backups are for the embedded SQLite database.",
        f"本网点的数据库在 PostgreSQL 服务器上：请在服务器上用 pg_dump 备份，例如 {command}"
        "（用 pg_restore 恢复）；照片也存于数据库中，备份已包含照片。工作台自带的备份只适用于内置的 SQLite 数据库。")


def _sqlite_file(db: Database) -> Path:
    name = db.engine.url.database
    if not name or name == ":memory:":
        raise ConfigurationError("An in-memory database cannot be backed up.", "内存数据库无法备份。")
    return Path(name)


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database, as one self-contained file.

    The copy is made in a single backup step: in WAL mode that is one read
    transaction, which never blocks the desks that keep writing. A paged copy
    would restart from the beginning every time another connection writes,
    and on a busy desk might never finish.
    """
    # Read-write on purpose: a read-only connection cannot open a WAL database whose -shm is missing.
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dest = sqlite3.connect(str(target))
        try:
            src.backup(dest)
            # The copy inherits WAL mode from the page header; an archive member must be one file.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def _snapshot_facts(db_file: Path) -> tuple[str | None, str, int, int]:
    """(Alembic revision, depot code, cases, photos) as the copy has them."""
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        revision_row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        code_row = con.execute("SELECT value FROM depot_setting WHERE key = 'depot_code'").fetchone()
        cases = int(con.execute(f"SELECT count(*) FROM {ProblemCase.__tablename__}").fetchone()[0])
        photos = int(con.execute(f"SELECT count(*) FROM {Photo.__tablename__}").fetchone()[0])
    finally:
        con.close()
    code = str(DEPOT_SETTINGS["depot_code"])
    if code_row is not None:
        try:
            code = str(json.loads(code_row[0]))
        except (TypeError, ValueError):
            code = str(code_row[0])
    return (revision_row[0] if revision_row else None), code, cases, photos


def _write_member(zf: zipfile.ZipFile, name: str, source: Path, level: int,
                  cancelled: CancelledFn) -> ManifestMember:
    """Copy ``source`` into the archive as ``name``, hashing the bytes as they go in."""
    info = zipfile.ZipInfo.from_file(source, name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = level  # type: ignore[attr-defined]  # the per-member level ZipFile.write uses
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        while chunk := src.read(_CHUNK):
            if cancelled():
                raise BackupCancelled()
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return ManifestMember(name=name, sha256=digest.hexdigest(), size=size)


# ======================================================================= service
class BackupService:
    """Makes, lists and prunes the backup archives of an SQLite depot."""

    def __init__(self, db: Database, clock: Clock, store: PhotoStore) -> None:
        self.db = db
        self.clock = clock
        self.store = store

    def create(self, *, out_dir: Path, by: int | None, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None, note: str = "") -> BackupInfo:
        """Write one archive of the database and every photo into ``out_dir``.

        ``progress(done, total)`` counts files (the database first, then each
        photo). ``cancelled()`` is asked between chunks; when it answers True
        the temporary files are removed and :class:`BackupCancelled` raised.
        """
        if not self.db.is_sqlite:
            raise postgres_refusal(self.db)
        if by is not None:  # None: the daily schedule or the command line on this machine
            with self.db.read() as s:
                authorize(s, by, Permission.MAKE_BACKUPS)
        source = _sqlite_file(self.db)
        is_cancelled: CancelledFn = cancelled or (lambda: False)
        report: ProgressFn = progress or (lambda _d, _t: None)
        out_dir = Path(out_dir)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigurationError(f"Cannot create the backup folder {out_dir}: {exc.strerror or exc}.",
                                     f"无法创建备份文件夹 {out_dir}：{exc.strerror or exc}。") from exc
        now = self.clock.now().replace(microsecond=0)
        report(0, 1)
        work = Path(tempfile.mkdtemp(prefix=".depot-backup-", dir=out_dir))
        partial = work / "archive.zip.partial"
        try:
            copy = work / DB_MEMBER
            _copy_database(source, copy)
            if is_cancelled():
                raise BackupCancelled()
            # The store is listed after the database was copied: a photo's file is written
            # before its row commits, so every row in the copy finds its file in the list.
            files, _unexpected, _temps = self.store.scan()
            photo_files = sorted((paths[0] for paths in files.values()), key=lambda p: p.as_posix())
            total = 1 + len(photo_files)
            revision, depot_code, cases, photos = _snapshot_facts(copy)
            members: list[ManifestMember] = []
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                members.append(_write_member(zf, DB_MEMBER, copy, 6, is_cancelled))
                report(1, total)
                for done, path in enumerate(photo_files, start=2):
                    name = PHOTO_PREFIX + path.relative_to(self.store.root).as_posix()
                    # JPEG and WebP hardly shrink: the fastest level keeps a big store quick to back up.
                    member = _write_member(zf, name, path, 1, is_cancelled)
                    if member.sha256 != path.stem:
                        log.warning("Backup %s: photo %s does not match its name (altered); archived as it is",
                                    now, path)
                    members.append(member)
                    report(done, total)
                manifest = Manifest(format_version=FORMAT_VERSION, app_version=app_version(), created_at=now,
                                    alembic_revision=revision, depot_code=depot_code, cases=cases,
                                    photos=photos, members=tuple(members))
                zf.writestr(MANIFEST_MEMBER, manifest.to_json())
            with open(partial, "rb+") as f:
                os.fsync(f.fileno())
            target = self._free_name(out_dir, now)
            os.replace(partial, target)
            _fsync_dir(out_dir)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        size = target.stat().st_size
        try:
            with self.db.write() as s:
                record_global(s, at=self.clock.now(), operator_id=by, action="backup_created",
                              detail=f"{target.name}{f' ({note})' if note else ''}: {cases} cases, "
                                     f"{len(photo_files)} photo files, {size} bytes")
        except Exception:
            # The archive is complete and useful; losing its audit line must not lose the backup.
            log.exception("Backup %s was written but could not be recorded on the audit trail", target)
        log.info("Backup written: %s (%d cases, %d photo files, %d bytes)", target, cases, len(photo_files), size)
        return BackupInfo(path=target, created_at=archive_time(target.name) or now, size=size, cases=cases,
                          photos=len(photo_files))

    @staticmethod
    def _free_name(out_dir: Path, moment: datetime) -> Path:
        """The archive name for ``moment``, a second later while that name is taken."""
        for extra in range(3600):
            candidate = out_dir / archive_name(moment + timedelta(seconds=extra))
            if not candidate.exists():
                return candidate
        raise ValidationError(f"The backup folder {out_dir} already has an archive for every second of this hour.",
                              f"备份文件夹 {out_dir} 中这一小时的每一秒都已有备份。")

    def list_backups(self, out_dir: Path) -> list[BackupInfo]:
        """Our archives in ``out_dir``, newest first (counts from each manifest)."""
        return list_backups(out_dir)

    def prune(self, *, out_dir: Path, keep: int) -> list[Path]:
        """Delete all but the newest ``keep`` archives; returns the deleted ones, oldest first.

        Only files named like our archives are touched (the pre-migration
        copies and anything else in the folder stay).
        """
        if keep < 1:
            raise ValidationError("Keep at least one backup.", "至少保留一份备份。", field="keep")
        ours = list(reversed(list_backups(out_dir)))  # oldest first
        doomed = ours[:max(0, len(ours) - keep)]
        removed: list[Path] = []
        for info in doomed:
            try:
                info.path.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                log.exception("Could not delete the old backup %s", info.path)
                continue
            removed.append(info.path)
        if removed:
            log.info("Pruned %d old backup(s) in %s, keeping %d", len(removed), out_dir, keep)
        return removed

    def is_due(self, *, out_dir: Path, now: datetime) -> bool:
        """True when ``out_dir`` has no archive of the last 24 hours."""
        for info in list_backups(out_dir):
            if now - DUE_AFTER < info.created_at <= now + CLOCK_SKEW:
                return False
        return True

    def run_scheduled(self, *, out_dir: Path, progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None) -> ScheduledResult | None:
        """The daily backup: when it is switched on, SQLite and due, make one and prune.

        Returns None when nothing was due (or daily backups are off).
        """
        if not self.db.is_sqlite:
            return None
        with self.db.read() as s:
            daily = bool(read_setting(s, "backup_daily"))
            keep = int(read_setting(s, "backup_keep"))
        if not daily or not self.is_due(out_dir=out_dir, now=self.clock.now()):
            return None
        info = self.create(out_dir=out_dir, by=None, progress=progress, cancelled=cancelled, note="daily")
        return ScheduledResult(backup=info, pruned=self.prune(out_dir=out_dir, keep=keep))


def list_backups(out_dir: Path) -> list[BackupInfo]:
    """Our archives in ``out_dir``, newest first. Never raises for a damaged archive."""
    folder = Path(out_dir)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        moment = archive_time(path.name)
        if moment is None or not path.is_file():
            continue
        cases: int | None = None
        photos: int | None = None
        try:
            with zipfile.ZipFile(path) as zf:
                manifest = Manifest.from_json(zf.read(MANIFEST_MEMBER))
            cases, photos = manifest.cases, sum(1 for m in manifest.members if m.name.startswith(PHOTO_PREFIX))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
            log.debug("Backup %s has no readable manifest", path, exc_info=True)
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(path=path, created_at=moment, size=size, cases=cases, photos=photos))
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found


# ======================================================================= verify
def _damaged(archive: Path, en: str, zh: str) -> BackupDamagedError:
    return BackupDamagedError(f"The backup {archive.name} cannot be used: {en}",
                              f"备份 {archive.name} 无法使用：{zh}")


def _check_member_name(archive: Path, name: str) -> None:
    pure = PurePosixPath(name)
    if name.startswith(("/", "\\")) or pure.is_absolute() or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        raise _damaged(archive, f"it contains a member with an absolute path ({name}).",
                       f"其中有使用绝对路径的文件（{name}）。")
    if ".." in pure.parts:
        raise _damaged(archive, f"it contains a member that points outside its folder ({name}).",
                       f"其中有指向文件夹之外的文件（{name}）。")
    if name not in (DB_MEMBER, MANIFEST_MEMBER) and not _PHOTO_RE.match(name):
        raise _damaged(archive, f"it contains a member that is not part of a backup ({name}).",
                       f"其中有不属于备份的文件（{name}）。")


def _verify(archive: Path, db_copy: Path | None) -> Manifest:
    """Verify ``archive``; with ``db_copy``, leave the verified database there."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupDamagedError(f"There is no backup file {archive}.", f"备份文件 {archive} 不存在。")
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise _damaged(archive, f"it is not a complete zip archive (truncated or not a backup): {exc}.",
                       f"它不是完整的 zip 压缩包（被截断或不是备份文件）：{exc}。") from exc
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        for name in names:
            _check_member_name(archive, name)
        if len(set(names)) != len(names):
            raise _damaged(archive, "a member appears twice.", "其中有重复的文件。")
        if MANIFEST_MEMBER not in names:
            raise _damaged(archive, "the manifest (manifest.json) is missing.", "缺少清单文件 manifest.json。")
        try:
            manifest = Manifest.from_json(zf.read(MANIFEST_MEMBER))
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, UnicodeDecodeError) as exc:
            raise _damaged(archive, f"the manifest cannot be read: {exc}.", f"清单文件无法读取：{exc}。") from exc
        listed = {m.name: m for m in manifest.members}
        for name in listed:
            _check_member_name(archive, name)
        present = set(names) - {MANIFEST_MEMBER}
        missing = sorted(set(listed) - present)
        extra = sorted(present - set(listed))
        if missing:
            raise _damaged(archive, f"{len(missing)} member(s) listed in the manifest are missing, e.g. {missing[0]}.",
                           f"清单中列出的 {len(missing)} 个文件缺失，例如 {missing[0]}。")
        if extra:
            raise _damaged(archive, f"{len(extra)} member(s) are not in the manifest, e.g. {extra[0]}.",
                           f"有 {len(extra)} 个文件不在清单中，例如 {extra[0]}。")
        if DB_MEMBER not in listed:
            raise _damaged(archive, "it holds no database.", "其中没有数据库。")
        work = Path(tempfile.mkdtemp(prefix=".depot-verify-", dir=db_copy.parent if db_copy else None))
        try:
            extracted = work / DB_MEMBER
            for name, expected in listed.items():
                digest = hashlib.sha256()
                size = 0
                try:
                    with zf.open(name) as src, contextlib.ExitStack() as stack:
                        # Only the database is kept (for its integrity check); photos are just hashed.
                        out = stack.enter_context(open(extracted, "wb")) if name == DB_MEMBER else None
                        while chunk := src.read(_CHUNK):
                            digest.update(chunk)
                            size += len(chunk)
                            if out is not None:
                                out.write(chunk)
                except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
                    raise _damaged(archive, f"the member {name} is damaged ({exc}).",
                                   f"文件 {name} 已损坏（{exc}）。") from exc
                if size != expected.size or digest.hexdigest() != expected.sha256:
                    raise _damaged(archive, f"the member {name} does not match its checksum in the manifest.",
                                   f"文件 {name} 与清单中的校验值不符。")
            _check_database(archive, extracted)
            if db_copy is not None:
                with open(extracted, "rb+") as f:
                    os.fsync(f.fileno())
                os.replace(extracted, db_copy)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return manifest


def _check_database(archive: Path, db_file: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(archive, f"its database cannot be opened ({exc}).", f"其中的数据库无法打开（{exc}）。") from exc
    if [r[0] for r in rows] != ["ok"]:
        first = rows[0][0] if rows else "no answer"
        raise _damaged(archive, f"its database fails SQLite's integrity check ({first}).",
                       f"其中的数据库未通过 SQLite 完整性检查（{first}）。")


def verify_archive(path: Path) -> Manifest:
    """Check an archive thoroughly; its manifest, or :class:`BackupDamagedError` naming what is wrong."""
    return _verify(Path(path), None)


# ======================================================================= restore
def _known_revision(revision: str | None) -> bool:
    if revision is None:
        return True
    from alembic.script import ScriptDirectory

    from depot_app.db.migrate import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def _restore_photos(archive: Path, manifest: Manifest, photo_dir: Path, result: RestoreResult) -> None:
    store = PhotoStore(photo_dir)
    with zipfile.ZipFile(archive) as zf:
        for member in manifest.members:
            match = _PHOTO_RE.match(member.name)
            if match is None:
                continue
            sha, ext = match.group(3), match.group(4)
            target = photo_dir / member.name[len(PHOTO_PREFIX):]
            if target.exists():
                try:
                    same = hash_file(target) == member.sha256
                except OSError:
                    same = False
                if same:
                    result.photos_present += 1
                else:
                    result.photos_conflicting.append(target)
                continue
            if member.sha256 != sha or ext not in _EXTENSIONS or not is_sha256(sha):
                # Altered in the store before it was backed up: the name would lie about the bytes.
                log.warning("Restore: %s does not match its name; not restored", member.name)
                result.photos_conflicting.append(target)
                continue
            if store.path_for(sha) is not None:  # same photo under another extension
                result.photos_present += 1
                continue
            with store.lock(sha):
                store.put(sha, zf.read(member.name), ext)
            result.photos_added += 1


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL of the current database into its main file; refuse when it is in use.

    After this the main file alone holds everything, so keeping it aside is a
    plain link or copy. A file that is not a readable database is left as it
    is (it and its companions are kept aside byte for byte).
    """
    try:
        con = sqlite3.connect(str(db_path), timeout=5, isolation_level=None)
        try:
            busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            busy = (1,)
        else:
            return
    except sqlite3.DatabaseError:
        return
    wal = Path(f"{db_path}-wal")
    if busy[0] != 0 or (wal.exists() and wal.stat().st_size > 0):
        raise DepotError(
            f"The database {db_path} is in use. Close Depot Desk on this computer and try the restore again.",
            f"数据库 {db_path} 正在使用中。请先关闭本机的网点问题件工作台，再进行恢复。")


def _note_restore(staged: Path, archive: Path, manifest: Manifest, result: RestoreResult, photo_dir: Path,
                  now: datetime) -> int:
    """Record the restore on the restored database's own audit trail (before it is swapped in,
    so the swap brings both at once); return how many photo files it has no record of."""
    con = sqlite3.connect(str(staged), isolation_level=None)
    try:
        known = {row[0] for row in con.execute("SELECT sha256 FROM photo")}
        kept = f"; previous database kept as {result.previous_db.name}" if result.previous_db else ""
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO audit_entry (at, operator_id, action, field, after, detail) "
                    "VALUES (?, NULL, 'backup_restored', 'backup', ?, ?)",
                    (now.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"), archive.name,
                     f"made {manifest.created_at:%Y-%m-%d %H:%M:%S} UTC{kept}"))
        con.execute("COMMIT")
    finally:
        con.close()
    # Originals are named by their SHA-256; thumbnails ("<sha>-256.jpg") are not counted.
    on_disk = ({p.stem for p in photo_dir.rglob("*") if p.is_file() and len(p.stem) == 64}
               if photo_dir.is_dir() else set())
    return len(on_disk - known)


def _set_aside(db_path: Path, aside: Path) -> None:
    """Keep the (checkpointed) current database as ``aside`` and move its WAL companions with it."""
    try:
        os.link(db_path, aside)  # instant; the old file stays whole under both names until the swap
    except OSError:
        shutil.copy2(db_path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{db_path}{suffix}")
        if companion.exists():
            # Stale companions must not meet the restored file: SQLite would apply them to it.
            os.replace(companion, Path(f"{aside}{suffix}"))


def restore_archive(archive: Path, *, db_path: Path, photo_dir: Path, now: datetime) -> RestoreResult:
    """Put the database and photos of a verified archive in place (SQLite, desk closed).

    A damaged archive is refused before anything is touched. Photos are only
    added; the current database is kept as ``<db>.before-restore-<timestamp>``.
    """
    archive, db_path, photo_dir = Path(archive), Path(db_path), Path(photo_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    marker: InUseMarker | None = None
    try:
        marker = InUseMarker(db_path, exclusive=True)
    except BlockingIOError:
        raise DepotError(
            f"Depot Desk has the database {db_path} open (a desk window or a command). Close every desk "
            "on this computer and try the restore again; nothing was changed.",
            f"网点问题件工作台正在使用数据库 {db_path}（工作台窗口或命令）。请关闭本机所有工作台后再恢复；"
            "未做任何修改。") from None
    except OSError:
        # No locks on this file system: the WAL and busy checks below still apply.
        log.warning("No in-use marker beside %s; relying on the busy check", db_path, exc_info=True)
    try:
        return _restore_locked(archive, db_path=db_path, photo_dir=photo_dir, now=now)
    finally:
        if marker is not None:
            marker.release()


def _restore_locked(archive: Path, *, db_path: Path, photo_dir: Path, now: datetime) -> RestoreResult:
    fd, staged_name = tempfile.mkstemp(prefix=f".{db_path.name}-restore-", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    staged = Path(staged_name)
    try:
        manifest = _verify(archive, staged)
        if not _known_revision(manifest.alembic_revision):
            raise DepotError(
                f"The backup {archive.name} was made by a newer version of Depot Desk (schema "
                f"{manifest.alembic_revision}, app {manifest.app_version}). Update this program first.",
                f"备份 {archive.name} 由更新版本的网点问题件工作台生成（数据库版本 {manifest.alembic_revision}，"
                f"程序版本 {manifest.app_version}）。请先升级本程序。")
        if db_path.exists():
            _checkpoint(db_path)
        result = RestoreResult(archive=archive, manifest=manifest, db_path=db_path, previous_db=None)
        # Photos first: they are only ever added, so a failure here leaves the old database working.
        _restore_photos(archive, manifest, photo_dir, result)
        if db_path.exists():
            aside = db_path.with_name(f"{db_path.name}.before-restore-{now:%Y%m%d-%H%M%S}")
            n = 1
            while aside.exists():
                aside = db_path.with_name(f"{db_path.name}.before-restore-{now:%Y%m%d-%H%M%S}-{n}")
                n += 1
            _set_aside(db_path, aside)
            result.previous_db = aside
        result.photos_unreferenced = _note_restore(staged, archive, manifest, result, photo_dir, now)
        os.replace(staged, db_path)
        _fsync_dir(db_path.parent)
    finally:
        staged.unlink(missing_ok=True)
    log.info("Restored %s from %s (previous database kept as %s)", db_path, archive, result.previous_db)
    return result
