"""Photo evidence: the content-addressed store of originals and the use cases on photos.

Call everything here from a worker thread: an import decodes every image
once, and :meth:`PhotoService.check` hashes every file.

**The store** (:class:`PhotoStore`) keeps each original once, named by the
SHA-256 of its bytes: ``root/ab/cd/<sha256>.<ext>``. A file is written to a
temporary file in the same folder, flushed, ``fsync``-ed, made read-only and
renamed into place, then the folder is ``fsync``-ed, so a crash leaves either
no file or the whole file, never half of one. Originals are never rewritten:
rotation is display metadata in the database, and the EXIF orientation is
applied only to what is shown (thumbnails, reports). Thumbnails are a cache,
``root/thumbs/<sha256>-<size>.jpg``, upright per EXIF, without any metadata
(so never with a location).

**The import** (:meth:`PhotoService.add_photos`) takes each file in turn:

1. check it (a file is hashed in chunks and read as the decoder needs it,
   never held whole in memory) and refuse it with a clear reason if it is
   empty, too big, not an image, a format the desk does not accept, declares
   more pixels than the limit (or is a decompression bomb), or does not
   decode to the end (truncated or corrupt). A refusal names the file; the
   import goes on.
2. write the original into the store (skipped when the same bytes are there).
3. insert the row and its ``photo_added`` timeline entry in one transaction.
   If that fails, the file written in step 2 is removed again unless some
   other row points at it; if step 2 fails, step 3 never runs. (A store that
   keeps originals in the database writes them in step 3's transaction
   instead: :mod:`depot_app.services.photo_blobs`.)

A JPEG is verified by decoding it at the reduced DCT scale that the thumbnail
needs: libjpeg still reads and entropy-decodes every byte of the file (which
is where truncation and corruption show), but skips most of the inverse DCT.
That one pass both proves the file and gives the thumbnail, which keeps a
12 MP photo well under the 300 ms budget (``benchmarks/bench_photos.py``).
PNG and WebP are decoded in full, PNG after its chunk checksums are checked.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Protocol

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from depot_app.db.engine import Database
from depot_app.db.models import Photo, ProblemCase
from depot_app.domain.clock import Clock
from depot_app.domain.errors import NotFoundError, PolicyError, ValidationError
from depot_app.domain.permissions import Permission
from depot_app.domain.photos import (
    ACCEPTED_FORMATS,
    AcceptedFormat,
    PhotoFileError,
    PhotoPolicy,
    PhotoSaveError,
    PhotoSlot,
    Refusal,
    RefusalReason,
    coerce_slot,
    describe_unknown,
    is_sha256,
    refusal,
    sniff,
    turned,
    validate_caption,
)
from depot_app.services import mapping
from depot_app.services.audit import record_event, record_global
from depot_app.services.authz import authorize

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

#: Pillow reports a multi-picture JPEG (many phones add a preview) as "MPO".
_PILLOW_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
_EXTENSIONS = tuple(f.extension for f in ACCEPTED_FORMATS.values())
_EXIF_ORIENTATION = 0x0112
_EXIF_GPS_IFD = 0x8825
#: Raw bytes per pixel by Pillow mode, to judge how tightly a file packs its pixels.
_BYTES_PER_PIXEL = {"1": 0.125, "L": 1, "P": 1, "LA": 2, "I;16": 2, "RGB": 3, "YCbCr": 3, "RGBA": 4,
                    "CMYK": 4, "I": 4, "F": 4}
_THUMB_QUALITY = 85
_NAME_MAX = 255


# ======================================================================= views
@dataclass(frozen=True)
class PhotoItem:
    """One photo of a case as the workspace lists it.

    ``width`` and ``height`` are the upright size (EXIF orientation applied,
    the user's ``rotation`` not). ``file_present`` is False when the original
    is missing from the photo folder: show a placeholder, not an error.
    """

    id: int
    case_id: int
    sha256: str
    slot: PhotoSlot
    caption: str
    original_name: str
    media_type: str
    size_bytes: int
    width: int | None
    height: int | None
    rotation: int
    added_at: datetime
    added_by: str
    deleted_at: datetime | None
    deleted_by: str | None
    delete_reason: str
    file_present: bool

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class Duplicate:
    """A file of an import that this case already has (not added again)."""

    name: str
    photo_id: int
    sha256: str


@dataclass
class AddResult:
    """What one import did: photos added, duplicates skipped, files refused."""

    added: list[PhotoItem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    #: True when the import was cancelled before its last file.
    cancelled: bool = False

    def summary(self, language: str = "zh_CN") -> str:
        """One line for the status bar or the end of a progress dialog."""
        a, d, r = len(self.added), len(self.duplicates), len(self.refused)
        if language.startswith("zh"):
            text = f"已添加 {a} 张照片" + (f"，{d} 张已存在" if d else "") + (f"，{r} 个文件被拒绝" if r else "")
            return text + ("（已取消）" if self.cancelled else "") + "。"
        text = f"{a} photo(s) added" + (f", {d} already on the case" if d else "") + \
            (f", {r} file(s) refused" if r else "")
        return text + (" (cancelled)" if self.cancelled else "") + "."


@dataclass(frozen=True)
class PhotoMetadata:
    """What the desk shows about a photo file. Location (GPS) is never read out."""

    width: int
    height: int
    orientation: int
    taken_at: str | None
    camera: str | None


@dataclass(frozen=True)
class MissingPhoto:
    """A photo row whose file is not in the store."""

    photo_id: int
    case_id: int
    case_no: str
    sha256: str
    original_name: str
    deleted: bool


@dataclass(frozen=True)
class PhotoRow:
    """What the integrity check needs of one photo row."""

    id: int
    case_id: int
    case_no: str
    sha256: str
    original_name: str
    deleted: bool

    def missing(self) -> MissingPhoto:
        return MissingPhoto(photo_id=self.id, case_id=self.case_id, case_no=self.case_no, sha256=self.sha256,
                            original_name=self.original_name, deleted=self.deleted)


class CheckReport(Protocol):
    """What ``depot-app check`` prints and how it exits, whichever store the depot uses."""

    @property
    def ok(self) -> bool: ...

    def lines(self, language: str = "zh_CN") -> list[str]: ...


@dataclass(frozen=True)
class AlteredPhoto:
    """A stored file whose content no longer has the SHA-256 it is named by."""

    path: Path
    sha256: str
    actual_sha256: str
    photo_ids: tuple[int, ...]


@dataclass(frozen=True)
class IntegrityReport:
    """The result of :meth:`PhotoService.check`."""

    rows_checked: int
    files_checked: int
    missing: list[MissingPhoto]
    altered: list[AlteredPhoto]
    #: Files in the store that no row points to (including unexpected names).
    orphans: list[Path]
    #: Temporary files left by an interrupted write (safe to delete).
    temp_files: list[Path]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.altered or self.orphans)

    def lines(self, language: str = "zh_CN") -> list[str]:
        """The report as text lines, for ``depot-app check``."""
        zh = language.startswith("zh")
        out = [f"照片检查：{self.rows_checked} 条记录，{self.files_checked} 个文件。" if zh else
               f"Photo check: {self.rows_checked} rows, {self.files_checked} files."]
        for m in self.missing:
            state_zh, state_en = ("（已删除）", " (deleted)") if m.deleted else ("", "")
            out.append(f"  缺少文件：照片 #{m.photo_id}{state_zh}，问题件 {m.case_no}，{m.original_name}，"
                       f"SHA-256 {m.sha256}" if zh else
                       f"  Missing file: photo #{m.photo_id}{state_en}, case {m.case_no}, {m.original_name}, "
                       f"SHA-256 {m.sha256}")
        for a in self.altered:
            ids = ", ".join(f"#{i}" for i in a.photo_ids)
            out.append(f"  文件已被改动（哈希不符）：{a.path}（照片 {ids}）" if zh else
                       f"  File altered (hash mismatch): {a.path} (photo {ids})")
        for p in self.orphans:
            out.append(f"  无记录引用的文件：{p}" if zh else f"  File no row points to: {p}")
        for p in self.temp_files:
            out.append(f"  中断写入留下的临时文件：{p}" if zh
                       else f"  Temporary file left by an interrupted write: {p}")
        if self.ok:
            out.append("照片完好。" if zh else "All photos are intact.")
        return out


# =============================================================== inspecting
@dataclass
class Inspected:
    """An image that passed every check, with its facts and a thumbnail-sized copy."""

    sha256: str
    format: AcceptedFormat
    width: int
    height: int
    size_bytes: int
    thumbnail: Image.Image | None


_CRC = re.compile(r"crc|checksum", re.IGNORECASE)


def _decode_failure(name: str, exc: BaseException) -> Refusal:
    text = str(exc)
    if isinstance(exc, EOFError) or "truncat" in text.lower() or "premature end" in text.lower():
        return refusal(name, RefusalReason.TRUNCATED)
    if _CRC.search(text):
        return refusal(name, RefusalReason.CORRUPT, detail="checksum mismatch", detail_zh="校验和不符")
    return refusal(name, RefusalReason.CORRUPT)


def inspect_image(name: str, data: bytes | Path, policy: PhotoPolicy, *,
                  thumbnail_size: int | None = None) -> Inspected | Refusal:
    """Check one file thoroughly, its bytes or the file itself; the refusal or the inspected image.

    Never raises for bad input. ``thumbnail_size`` (default: the policy's)
    sets both the JPEG decoding scale and the size of the returned thumbnail.
    A file is read from disk as the decoder needs it, never whole into
    memory; its SHA-256 is taken first, so a change after that shows when
    the store writes it (the bytes no longer hash to the name).
    """
    if isinstance(data, Path):
        try:
            size_bytes = data.stat().st_size
            with open(data, "rb") as f:
                head = f.read(600)
            sha = hash_file(data) if 0 < size_bytes <= policy.max_bytes else ""
        except OSError as exc:
            return refusal(name, RefusalReason.UNREADABLE, detail=exc.strerror or str(exc))
    else:
        size_bytes, head, sha = len(data), data[:600], ""
    if not size_bytes:
        return refusal(name, RefusalReason.EMPTY)
    if size_bytes > policy.max_bytes:
        return refusal(name, RefusalReason.FILE_TOO_BIG, size=size_bytes, limit=policy.max_bytes)
    sniffed = sniff(head[:32])
    if sniffed is None:
        what, what_zh = describe_unknown(head[:600])
        return refusal(name, RefusalReason.NOT_IMAGE, what=what, what_zh=what_zh)
    if not sniffed.image:
        return refusal(name, RefusalReason.NOT_IMAGE, what=sniffed.en, what_zh=sniffed.zh)
    if not sniffed.accepted:
        return refusal(name, RefusalReason.UNSUPPORTED, what=sniffed.en, what_zh=sniffed.zh,
                       hint=sniffed.hint_en, hint_zh=sniffed.hint_zh)
    size = thumbnail_size or policy.thumbnail_size
    try:
        im = Image.open(_readable(data), formats=["JPEG", "PNG", "WEBP"])
    except Image.DecompressionBombError as exc:
        declared = re.search(r"\((\d+) pixels\)", str(exc))
        return refusal(name, RefusalReason.BOMB, pixels=int(declared.group(1)) if declared else 0,
                       size=size_bytes)
    except UnidentifiedImageError:
        return refusal(name, RefusalReason.CORRUPT, detail="the header cannot be read",
                       detail_zh="无法读取文件头")
    except Exception as exc:  # noqa: BLE001 - any failure to parse is a damaged file
        return _decode_failure(name, exc)
    with im:
        fmt = _PILLOW_FORMATS.get(im.format or "")
        if fmt is None:  # pragma: no cover - open() was limited to the accepted formats
            return refusal(name, RefusalReason.UNSUPPORTED, what=str(im.format), what_zh=str(im.format))
        width, height = im.size
        pixels = width * height
        if pixels > policy.max_pixels:
            raw = pixels * _BYTES_PER_PIXEL.get(im.mode, 3)
            if raw > policy.bomb_ratio * size_bytes:
                return refusal(name, RefusalReason.BOMB, width=width, height=height, size=size_bytes)
            return refusal(name, RefusalReason.TOO_LARGE, width=width, height=height, limit=policy.max_pixels)
        try:
            if fmt == "PNG":
                # verify() checks every chunk's CRC, which decoding alone skips for IDAT.
                with Image.open(_readable(data), formats=["PNG"]) as probe:
                    probe.verify()
            if fmt == "JPEG":
                im.draft("RGB", (size, size))
            im.load()
        except MemoryError:
            return refusal(name, RefusalReason.TOO_LARGE, width=width, height=height, limit=policy.max_pixels)
        except Exception as exc:  # noqa: BLE001 - every decoder error means a bad file
            return _decode_failure(name, exc)
        orientation = _orientation(im)
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        try:
            thumb: Image.Image | None = _make_thumbnail(im, size)
        except Exception:  # noqa: BLE001 - the file decoded; a thumbnail can be made later
            log.warning("No thumbnail for %s at import", name, exc_info=True)
            thumb = None
    if not sha:
        sha = hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else hash_file(data)
    return Inspected(sha256=sha, format=ACCEPTED_FORMATS[fmt], width=width, height=height,
                     size_bytes=size_bytes, thumbnail=thumb)


def _readable(data: bytes | Path) -> BytesIO | Path:
    """What Pillow opens: the file itself, or the bytes as a file."""
    return data if isinstance(data, Path) else BytesIO(data)


def open_source(data: bytes | Path) -> BinaryIO:
    """A binary stream of an import's file (read from disk) or bytes."""
    return open(data, "rb") if isinstance(data, Path) else BytesIO(data)


def _orientation(im: Image.Image) -> int:
    try:
        value = int(im.getexif().get(_EXIF_ORIENTATION, 1))
    except Exception:  # noqa: BLE001 - a broken EXIF block is no reason to lose the photo
        return 1
    return value if 1 <= value <= 8 else 1


def _make_thumbnail(im: Image.Image, size: int) -> Image.Image:
    """An upright RGB copy of ``im`` fitting ``size``×``size`` (alpha flattened on white)."""
    out = ImageOps.exif_transpose(im)
    if out is None:  # pragma: no cover - only with in_place=True
        out = im
    if out.mode not in ("RGB", "L"):
        if "A" in out.getbands() or out.mode == "P" and "transparency" in out.info:
            rgba = out.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            out = flat
        else:
            try:
                out = out.convert("RGB")
            except ValueError:  # e.g. 16-bit greyscale: Pillow converts it to L only
                out = out.convert("L")
    if out is im:
        out = im.copy()
    out.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return out


# ==================================================================== store
def _fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink_readonly(path: Path) -> None:
    try:
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)


def _copy_verified(source: Path, target: BinaryIO, sha256: str) -> None:
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        while piece := f.read(1024 * 1024):
            digest.update(piece)
            target.write(piece)
    if digest.hexdigest() != sha256:
        raise OSError(errno.EIO, "the file changed while it was being imported")


def hash_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class PhotoStore:
    """Original photos by SHA-256 under ``root``, and their thumbnail cache.

    Thread-safe for different photos; :meth:`lock` serialises the work on one
    SHA-256 within this process (writing, then referencing or removing it).
    """

    THUMBS = "thumbs"
    _STRIPES = tuple(threading.Lock() for _ in range(64))
    #: False: the originals are files under ``root`` (an SQLite depot).
    #: :class:`~depot_app.services.photo_blobs.BlobPhotoStore` keeps them in the database.
    in_database: ClassVar[bool] = False

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # ------------------------------------------------- the import's three steps
    def write_before(self, sha256: str, data: bytes | Path, extension: str) -> bool:
        """Step 1 of an import, before the photo's transaction: write the file.

        True when a file was written (the import removes it again if the row
        then fails and nothing else points at it).
        """
        return self.put(sha256, data, extension)

    def write_within(self, session: Session, sha256: str, source: BinaryIO, extension: str) -> None:
        """Step 2, inside the photo's transaction: nothing more for files (step 1 wrote them)."""

    def after_commit(self, sha256: str, data: bytes | Path, extension: str) -> None:
        """Step 3, once the row is committed: nothing more for files (they are the originals)."""

    def has_original(self, session: Session, sha256: str) -> bool:
        """Whether the original of ``sha256`` is stored (a file here; ``session`` is not needed)."""
        return self.path_for(sha256) is not None

    def missing_error(self, sha256: str) -> PhotoFileError:
        """The error for an original that is not in the store."""
        return _missing(sha256)

    # ------------------------------------------------------------- paths
    def _dir(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4]

    @property
    def thumb_dir(self) -> Path:
        return self.root / self.THUMBS

    def path_for(self, sha256: str) -> Path | None:
        """The original's file, or None when it is not in the store."""
        return self._file_for(sha256)

    def _file_for(self, sha256: str) -> Path | None:
        """The file named by ``sha256`` under ``root``, or None."""
        if not is_sha256(sha256):
            return None
        folder = self._dir(sha256)
        for ext in _EXTENSIONS:
            candidate = folder / f"{sha256}{ext}"
            if candidate.is_file():
                return candidate
        return None

    @contextmanager
    def lock(self, sha256: str) -> Iterator[None]:
        """Hold the lock for one SHA-256 (a stripe shared by 1/64 of all hashes)."""
        stripe = self._STRIPES[int(sha256[:2], 16) % len(self._STRIPES)]
        with stripe:
            yield

    # ------------------------------------------------------------ originals
    def put(self, sha256: str, data: bytes | Path, extension: str) -> bool:
        """Store ``data`` (whose SHA-256 the caller computed), bytes or a file copied in chunks, atomically.

        A file whose bytes no longer hash to ``sha256`` (it changed since) is
        refused with an OSError and nothing is kept.

        Returns True when a file was written, False when an intact copy was
        already there. A stored file whose content no longer matches its name
        is replaced by the good bytes. Raises OSError when the disk fails.
        """
        if not is_sha256(sha256) or extension not in _EXTENSIONS:
            raise ValueError(f"not a photo store name: {sha256}{extension}")
        existing = self._file_for(sha256)
        if existing is not None:
            try:
                if hash_file(existing) == sha256:
                    return False
            except OSError:
                pass
            log.warning("Stored photo %s did not match its hash; replacing it with the imported copy", existing)
        folder = self._dir(sha256)
        created = [p for p in (folder.parent.parent, folder.parent, folder) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{sha256}{extension}"
        fd, tmp_name = tempfile.mkstemp(prefix=f".{sha256[:16]}-", suffix=".tmp", dir=folder)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as f:
                if isinstance(data, bytes):
                    f.write(data)
                else:
                    _copy_verified(data, f, sha256)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o444)  # originals are never modified
            if existing is not None and existing != target:
                _unlink_readonly(existing)
            try:
                os.replace(tmp, target)
            except PermissionError:
                # Windows will not replace a read-only file.
                _unlink_readonly(target)
                os.replace(tmp, target)
        except BaseException:
            _unlink_readonly(tmp)
            raise
        _fsync_dir(folder)
        for made in created:  # a new folder's entry lives in its parent
            _fsync_dir(made.parent)
        return True

    def remove(self, sha256: str) -> bool:
        """Delete the original and its thumbnails; True when an original was removed."""
        path = self._file_for(sha256)
        if path is not None:
            _unlink_readonly(path)
            _fsync_dir(path.parent)
        if self.thumb_dir.is_dir() and is_sha256(sha256):
            for thumb in self.thumb_dir.glob(f"{sha256}-*.jpg"):
                thumb.unlink(missing_ok=True)
        return path is not None

    # ------------------------------------------------------------ thumbnails
    def thumbnail_path(self, sha256: str, size: int) -> Path:
        return self.thumb_dir / f"{sha256}-{size}.jpg"

    def save_thumbnail(self, sha256: str, image: Image.Image, size: int) -> Path:
        """Cache a thumbnail made elsewhere (the import makes one while verifying)."""
        target = self.thumbnail_path(sha256, size)
        self.thumb_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{sha256[:16]}-", suffix=".tmp", dir=self.thumb_dir)
        try:
            with os.fdopen(fd, "wb") as f:
                image.save(f, "JPEG", quality=_THUMB_QUALITY)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return target

    def thumbnail(self, sha256: str, size: int = 256) -> Path:
        """The cached thumbnail (JPEG, upright per EXIF, no metadata), made on first use.

        Raises :class:`PhotoFileError` when the original is missing or unreadable.
        """
        if not 16 <= size <= 2048:
            raise ValueError(f"thumbnail size {size} is outside 16..2048")
        target = self.thumbnail_path(sha256, size)
        if target.is_file():
            return target
        source = self.path_for(sha256)
        if source is None:
            raise self.missing_error(sha256)
        try:
            with Image.open(source) as im:
                im.draft("RGB", (size, size))
                thumb = _make_thumbnail(im, size)
        except Exception as exc:
            raise PhotoFileError(f"The photo file {source.name} cannot be read: {exc}. "
                                 "Run “depot-app check” to find damaged photos.",
                                 f"照片文件 {source.name} 无法读取：{exc}。请运行“depot-app check”检查照片。",
                                 sha256=sha256) from exc
        return self.save_thumbnail(sha256, thumb, size)

    # ------------------------------------------------------------ metadata
    def metadata(self, sha256: str) -> PhotoMetadata:
        """Size, orientation, time taken and camera; never the location."""
        source = self.path_for(sha256)
        if source is None:
            raise self.missing_error(sha256)
        with Image.open(source) as im:
            exif = im.getexif()
            orientation = _orientation(im)
            width, height = im.size
            if orientation in (5, 6, 7, 8):
                width, height = height, width
            # Only named tags are read: the GPS IFD (0x8825) is deliberately never touched.
            sub = exif.get_ifd(0x8769) if 0x8769 in exif else {}
            taken = sub.get(0x9003) or exif.get(0x0132)
            make, model = str(exif.get(0x010F, "")).strip(), str(exif.get(0x0110, "")).strip()
        camera = model if make and model.startswith(make) else f"{make} {model}".strip()
        return PhotoMetadata(width=width, height=height, orientation=orientation,
                             taken_at=str(taken).strip() if taken else None, camera=camera or None)

    # ------------------------------------------------------------ integrity
    def verify(self, rows: Sequence[PhotoRow], *, progress: ProgressFn | None = None) -> CheckReport:
        """Compare photo rows with the files: missing files, altered files, files nobody references.

        The report is an :class:`IntegrityReport`.
        """
        files, unexpected, temps = self.scan()
        by_sha: dict[str, list[PhotoRow]] = defaultdict(list)
        for row in rows:
            by_sha[row.sha256].append(row)
        missing: list[MissingPhoto] = []
        altered: list[AlteredPhoto] = []
        referenced = sorted(sha for sha in by_sha if sha in files)
        done = 0
        for sha, group in by_sha.items():
            if sha not in files:
                missing += [r.missing() for r in group]
                continue
            path = files[sha][0]
            try:
                actual = hash_file(path)
            except OSError as exc:
                actual = f"unreadable: {exc.strerror or exc}"
            if actual != sha:
                altered.append(AlteredPhoto(path=path, sha256=sha, actual_sha256=actual,
                                            photo_ids=tuple(r.id for r in group)))
            done += 1
            if progress is not None:
                progress(done, len(referenced))
        orphans = sorted([p for sha, paths in files.items() if sha not in by_sha for p in paths]
                         + [p for sha, paths in files.items() if sha in by_sha for p in paths[1:]]
                         + unexpected)
        return IntegrityReport(rows_checked=len(rows), files_checked=sum(len(p) for p in files.values()),
                               missing=missing, altered=altered, orphans=orphans, temp_files=temps)

    # ------------------------------------------------------------ scanning
    def scan(self) -> tuple[dict[str, list[Path]], list[Path], list[Path]]:
        """Every file under the root except thumbnails: (by SHA-256, unexpected names, temporary files)."""
        by_sha: dict[str, list[Path]] = defaultdict(list)
        unexpected: list[Path] = []
        temps: list[Path] = []
        if not self.root.is_dir():
            return {}, [], []
        for dirpath, dirnames, filenames in os.walk(self.root):
            here = Path(dirpath)
            if here == self.root:
                dirnames[:] = [d for d in dirnames if d != self.THUMBS]
            for fname in filenames:
                path = here / fname
                stem, ext = os.path.splitext(fname)
                if fname.startswith(".") and fname.endswith(".tmp"):
                    temps.append(path)
                elif (is_sha256(stem) and ext in _EXTENSIONS
                      and here == self._dir(stem)):
                    by_sha[stem].append(path)
                else:
                    unexpected.append(path)
        return dict(by_sha), sorted(unexpected), sorted(temps)


def _missing(sha256: str) -> PhotoFileError:
    return PhotoFileError(
        f"The file of photo {sha256[:12]}… is missing from the photo folder. "
        "Run “depot-app check”; restore the photo folder from a backup if needed.",
        f"照片 {sha256[:12]}… 的文件不在照片文件夹中。请运行“depot-app check”，必要时从备份恢复照片文件夹。",
        sha256=sha256)


# ================================================================== service
def _source_name(source: Path | str | tuple[str, bytes]) -> str:
    raw = source[0] if isinstance(source, tuple) else str(source)
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip() or "photo"
    if len(name) > _NAME_MAX:
        stem, ext = os.path.splitext(name)
        name = stem[: _NAME_MAX - len(ext)] + ext
    return name


def _read_source(source: Path | str | tuple[str, bytes], policy: PhotoPolicy) -> bytes | Path | Refusal:
    """The bytes given, or the file once it is known to be readable (it is read as needed, not here)."""
    name = _source_name(source)
    if isinstance(source, tuple):
        return source[1]
    path = Path(source)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            return refusal(name, RefusalReason.UNREADABLE, detail="it is a folder, not a file",
                           detail_zh="这是文件夹，不是文件")
        if st.st_size > policy.max_bytes:
            return refusal(name, RefusalReason.FILE_TOO_BIG, size=st.st_size, limit=policy.max_bytes)
        with open(path, "rb") as f:
            f.read(1)
        return path
    except FileNotFoundError:
        return refusal(name, RefusalReason.UNREADABLE, detail="the file no longer exists",
                       detail_zh="文件已不存在")
    except PermissionError:
        return refusal(name, RefusalReason.UNREADABLE, detail="permission denied", detail_zh="没有读取权限")
    except OSError as exc:
        return refusal(name, RefusalReason.UNREADABLE, detail=exc.strerror or str(exc))


def _live_duplicate(s: Session, case_id: int, sha256: str) -> int | None:
    """The id of the case's photo (not deleted) with these bytes, if any."""
    return s.scalar(select(Photo.id).where(Photo.case_id == case_id, Photo.sha256 == sha256,
                                           Photo.deleted_at.is_(None)).order_by(Photo.id).limit(1))


class PhotoService:
    """Use cases on a case's photo evidence: import, edit, delete, purge, check.

    Each public method that writes is one transaction per photo and records
    itself on the case's timeline.
    """

    def __init__(self, db: Database, clock: Clock, store: PhotoStore, *,
                 policy: PhotoPolicy | None = None) -> None:
        self.db = db
        self.clock = clock
        self.store = store
        self.policy = policy or PhotoPolicy()

    # ------------------------------------------------------------------ helpers
    def _case(self, s: Session, case_id: int) -> ProblemCase:
        case = s.get(ProblemCase, case_id)
        if case is None:
            raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
        return case

    def _photo(self, s: Session, photo_id: int, *, live: bool = True) -> Photo:
        photo = s.get(Photo, photo_id, populate_existing=True)
        if photo is None:
            raise NotFoundError(f"Photo #{photo_id} does not exist.", f"照片 #{photo_id} 不存在。")
        if live and photo.deleted_at is not None:
            raise PolicyError(f"Photo #{photo_id} ({photo.original_name}) was deleted and cannot be changed.",
                              f"照片 #{photo_id}（{photo.original_name}）已删除，不能再修改。")
        return photo

    def _item(self, s: Session, photo: Photo, names: dict[int, str] | None = None) -> PhotoItem:
        names = names if names is not None else mapping.operator_names(s)
        try:
            slot = PhotoSlot(photo.slot)
        except ValueError:
            slot = PhotoSlot.OTHER
        return PhotoItem(
            id=photo.id, case_id=photo.case_id, sha256=photo.sha256, slot=slot, caption=photo.caption,
            original_name=photo.original_name, media_type=photo.media_type, size_bytes=photo.size_bytes,
            width=photo.width, height=photo.height, rotation=photo.rotation, added_at=photo.added_at,
            added_by=names.get(photo.added_by_id, "?"), deleted_at=photo.deleted_at,
            deleted_by=names.get(photo.deleted_by_id) if photo.deleted_by_id is not None else None,
            delete_reason=photo.delete_reason, file_present=self.store.has_original(s, photo.sha256))

    def _referenced(self, sha256: str) -> bool:
        with self.db.read() as s:
            return bool(s.scalar(select(func.count()).select_from(Photo).where(Photo.sha256 == sha256)))

    @staticmethod
    def _label(photo: Photo) -> str:
        return f"#{photo.id} {photo.original_name}".strip()

    # ------------------------------------------------------------------ import
    def add_photos(self, *, case_id: int, files: Sequence[Path | str | tuple[str, bytes]],
                   slot: PhotoSlot | str, by: int, caption: str = "",
                   progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> AddResult:
        """Import photos into a case's evidence ``slot``; bad files are refused one by one.

        ``files`` are paths or ``(name, bytes)`` pairs. Returns what was added,
        what the case already had (same bytes, not deleted) and what was
        refused, with a reason naming each file. ``progress(done, total)`` is
        called after every file; ``cancelled()`` is asked before each one.
        Raises :class:`PhotoSaveError` (carrying the partial result) when the
        disk or the database fails; nothing of the failing photo is kept.
        """
        chosen = coerce_slot(slot)
        text = validate_caption(caption, self.policy)
        with self.db.read() as s:
            authorize(s, by, Permission.ADD_PHOTOS)
            self._case(s, case_id)
        result = AddResult()
        total = len(files)
        for index, source in enumerate(files):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            name = _source_name(source)
            data = _read_source(source, self.policy)
            inspected = data if isinstance(data, Refusal) else inspect_image(name, data, self.policy)
            if isinstance(inspected, Refusal):
                log.info("Photo refused: %s", inspected.en)
                result.refused.append(inspected)
            else:
                assert not isinstance(data, Refusal)
                self._add_one(case_id=case_id, name=name, data=data, inspected=inspected, slot=chosen,
                              caption=text, by=by, result=result)
            del data
            if progress is not None:
                progress(index + 1, total)
        return result

    def _add_one(self, *, case_id: int, name: str, data: bytes | Path, inspected: Inspected, slot: PhotoSlot,
                 caption: str, by: int, result: AddResult) -> None:
        sha = inspected.sha256
        with self.store.lock(sha):
            with self.db.read() as s:
                dup = _live_duplicate(s, case_id, sha)
            if dup is not None:
                result.duplicates.append(Duplicate(name=name, photo_id=dup, sha256=sha))
                return
            extension = inspected.format.extension
            try:
                written = self.store.write_before(sha, data, extension)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise PhotoSaveError(
                    f"{name} could not be saved to the photo folder ({reason}). Nothing was stored for it; "
                    f"{len(result.added)} photo(s) before it were added.",
                    f"{name} 无法保存到照片文件夹（{reason}），该照片未保存；之前的 {len(result.added)} 张已添加。",
                    name=name, result=result) from exc
            now = self.clock.now()
            try:
                with self.db.write() as s:
                    authorize(s, by, Permission.ADD_PHOTOS)
                    case = self._case(s, case_id)
                    # Another desk may have added the same photo since the check above.
                    dup = _live_duplicate(s, case_id, sha)
                    if dup is not None:
                        result.duplicates.append(Duplicate(name=name, photo_id=dup, sha256=sha))
                        return
                    row = Photo(case_id=case_id, sha256=sha, slot=slot.value, caption=caption,
                                original_name=name, media_type=inspected.format.media_type,
                                size_bytes=inspected.size_bytes, width=inspected.width, height=inspected.height,
                                rotation=0, added_at=now, added_by_id=by, delete_reason="")
                    s.add(row)
                    s.flush()
                    with open_source(data) as stream:
                        self.store.write_within(s, sha, stream, extension)
                    record_event(s, case, at=now, operator_id=by, action="photo_added", field="photo.slot",
                                 after=slot, detail=self._label(row) + (f" — {caption}" if caption else ""))
                    s.flush()
                    item = self._item(s, row)
            except BaseException as exc:
                if written and not self._referenced_safely(sha):
                    try:
                        self.store.remove(sha)
                    except OSError:
                        log.exception("Could not remove %s after its row failed; check will list it", sha)
                if isinstance(exc, Exception) and not isinstance(exc, (NotFoundError, PolicyError,
                                                                       ValidationError)):
                    raise PhotoSaveError(
                        f"{name} could not be recorded in the database ({exc.__class__.__name__}). Nothing was "
                        f"stored for it; {len(result.added)} photo(s) before it were added.",
                        f"{name} 无法写入数据库（{exc.__class__.__name__}），该照片未保存；"
                        f"之前的 {len(result.added)} 张已添加。", name=name, result=result) from exc
                raise
        result.added.append(item)
        self.store.after_commit(sha, data, extension)
        if inspected.thumbnail is not None:
            try:
                self.store.save_thumbnail(sha, inspected.thumbnail, self.policy.thumbnail_size)
            except OSError:
                log.warning("Thumbnail of %s not cached; it will be made when shown", sha, exc_info=True)

    def _referenced_safely(self, sha256: str) -> bool:
        """Whether a row points at ``sha256``; True when that cannot be told (keep the file)."""
        try:
            return self._referenced(sha256)
        except Exception:  # noqa: BLE001 - with the database down, keeping the file is the safe side
            log.exception("Could not tell whether %s is referenced; keeping the file", sha256)
            return True

    # ------------------------------------------------------------------ edits
    def _edit(self, photo_id: int, by: int, field_name: str, value: Any) -> PhotoItem:
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.ADD_PHOTOS)
            photo = self._photo(s, photo_id)
            before = getattr(photo, field_name)
            if before != value:
                setattr(photo, field_name, value)
                record_event(s, photo.case, at=now, operator_id=by, action="photo_edited",
                             field=f"photo.{field_name}", before=before, after=value, detail=self._label(photo))
            s.flush()
            return self._item(s, photo)

    def set_caption(self, *, photo_id: int, caption: str, by: int) -> PhotoItem:
        """Change a photo's caption (recorded on the timeline)."""
        return self._edit(photo_id, by, "caption", validate_caption(caption, self.policy))

    def set_slot(self, *, photo_id: int, slot: PhotoSlot | str, by: int) -> PhotoItem:
        """File a photo under another evidence slot (recorded on the timeline)."""
        return self._edit(photo_id, by, "slot", coerce_slot(slot).value)

    def rotate(self, *, photo_id: int, quarter_turns: int, by: int) -> PhotoItem:
        """Turn how a photo is shown by clockwise quarter turns (negative: anticlockwise).

        Only the stored display rotation changes; the original file never does.
        """
        if not isinstance(quarter_turns, int) or isinstance(quarter_turns, bool):
            raise ValidationError("Rotate by whole quarter turns.", "请按 90 度整数倍旋转。", field="rotation")
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.ADD_PHOTOS)
            photo = self._photo(s, photo_id)
            before = photo.rotation
            after = turned(before, quarter_turns)
            if after != before:
                photo.rotation = after
                record_event(s, photo.case, at=now, operator_id=by, action="photo_edited",
                             field="photo.rotation", before=before, after=after, detail=self._label(photo))
            s.flush()
            return self._item(s, photo)

    def delete(self, *, photo_id: int, reason: str, by: int) -> PhotoItem:
        """Soft-delete a photo with a reason; the original stays until a manager purges it."""
        why = reason.strip()
        if not why:
            raise ValidationError("Say why the photo is deleted.", "删除照片须填写原因。", field="reason")
        if len(why) > self.policy.caption_max:
            raise ValidationError(f"The reason is at most {self.policy.caption_max} characters.",
                                  f"原因最多 {self.policy.caption_max} 个字。", field="reason")
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.WORK_CASES)
            photo = self._photo(s, photo_id)
            photo.deleted_at = now
            photo.deleted_by_id = by
            photo.delete_reason = why
            record_event(s, photo.case, at=now, operator_id=by, action="photo_deleted", field="photo",
                         detail=f"{self._label(photo)}: {why}")
            s.flush()
            return self._item(s, photo)

    def purge(self, *, photo_id: int, by: int, reason: str = "") -> bool:
        """Remove a deleted photo for good (managers only).

        The row goes (the timeline and the audit trail keep who, when, which
        file and why); the original and its thumbnails go once no other row
        — on any case, deleted or not — points at the same file. Returns
        True when the file was removed.
        """
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, by, Permission.PURGE_PHOTOS)
            photo = self._photo(s, photo_id, live=False)
            if photo.deleted_at is None:
                raise PolicyError(f"Delete photo #{photo_id} (with a reason) before purging it.",
                                  f"请先删除照片 #{photo_id}（填写原因），再彻底清除。")
            sha, case = photo.sha256, photo.case
            detail = (f"{self._label(photo)} SHA-256 {sha}; deleted because: {photo.delete_reason}"
                      + (f"; purged because: {reason.strip()}" if reason.strip() else ""))
            record_event(s, case, at=now, operator_id=by, action="photo_purged", field="photo", detail=detail)
            record_global(s, at=now, operator_id=by, action="photo_purged", case_id=case.id, field="photo",
                          detail=detail)
            s.delete(photo)
        with self.store.lock(sha):
            if self._referenced(sha):
                return False
            try:
                return self.store.remove(sha)
            except OSError:
                log.exception("Purged photo %s: the file could not be removed; check will list it", sha)
                return False

    # ------------------------------------------------------------------ reading
    def photos(self, case_id: int, *, include_deleted: bool = False) -> list[PhotoItem]:
        """A case's photos in the order they were added (deleted ones on request)."""
        with self.db.read() as s:
            self._case(s, case_id)
            query = select(Photo).where(Photo.case_id == case_id).order_by(Photo.id)
            if not include_deleted:
                query = query.where(Photo.deleted_at.is_(None))
            names = mapping.operator_names(s)
            return [self._item(s, p, names) for p in s.scalars(query)]

    def path_for(self, sha256: str) -> Path | None:
        """The original's file, or None (the hook :class:`ReportService` takes as ``photo_path``)."""
        return self.store.path_for(sha256)

    def thumbnail(self, sha256: str, size: int = 256) -> Path:
        """The cached thumbnail of a photo; :class:`PhotoFileError` when its file is missing."""
        return self.store.thumbnail(sha256, size)

    def metadata(self, sha256: str) -> PhotoMetadata:
        """What may be shown about the file (never its location)."""
        return self.store.metadata(sha256)

    # ------------------------------------------------------------------ integrity
    def check(self, *, progress: ProgressFn | None = None) -> CheckReport:
        """Compare the rows with the store: missing, altered or incomplete originals, and strays.

        Every stored original that a row references is hashed (progress is
        reported per original); soft-deleted rows count, their originals are
        kept. The file store's report is an :class:`IntegrityReport`, the
        database store's a :class:`~depot_app.services.photo_blobs.BlobIntegrityReport`.
        """
        with self.db.read() as s:
            rows = s.execute(
                select(Photo.id, Photo.case_id, ProblemCase.case_no, Photo.sha256, Photo.original_name,
                       Photo.deleted_at).join(ProblemCase, ProblemCase.id == Photo.case_id).order_by(Photo.id)
            ).all()
        return self.store.verify([PhotoRow(id=r.id, case_id=r.case_id, case_no=r.case_no, sha256=r.sha256,
                                           original_name=r.original_name, deleted=r.deleted_at is not None)
                                  for r in rows], progress=progress)
