"""PhotoService and PhotoStore on SQLite and PostgreSQL.

Covers every class of bad input (each refused by name and reason, nothing
stored, the rest of the import going on), the atomic write (a failure
injected between file and row leaves neither), de-duplication, EXIF
orientation and location, soft delete and purge, and the integrity check.
"""

from __future__ import annotations

import errno
import hashlib
import io
import itertools
import os
import stat
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from depot_app.db.models import AuditEntry, Photo
from depot_app.domain.errors import NotFoundError, PermissionDeniedError, PolicyError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.photos import PhotoFileError, PhotoPolicy, PhotoSaveError, PhotoSlot, RefusalReason
from depot_app.domain.views import EventView
from depot_app.services import Services
from depot_app.services import photos as photos_module
from depot_app.services.photos import PhotoService, PhotoStore, inspect_image
from depot_app.services.reports import ReportService

R = RefusalReason
_numbers = itertools.count(1)
_seeds = itertools.count(1)


# ------------------------------------------------------------------ image makers
def jpeg(size: tuple[int, int] = (320, 240), *, exif: Image.Exif | None = None, seed: int | None = None,
         quality: int = 90) -> bytes:
    """A JPEG with noise (so every call with a new seed gives different bytes)."""
    n = next(_seeds) if seed is None else seed
    noise = Image.effect_noise(size, 30 + n % 50).convert("RGB")
    tint = Image.new("RGB", size, ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
    img = Image.blend(noise, tint, 0.5)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def png(size: tuple[int, int] = (200, 150), mode: str = "RGB") -> bytes:
    img = Image.linear_gradient("L").resize(size).convert(mode)
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


def saved_as(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int) -> bytes:
    """A real, valid 1-bit PNG of width×height white pixels: a few KB that decode to hundreds of MB."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    parts.append(packer.flush())
    idat = b"".join(parts)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def corrupt_jpeg() -> bytes:
    """A JPEG whose entropy-coded scan data has bytes flipped throughout."""
    data = bytearray(jpeg((800, 600), seed=7))
    start = data.index(b"\xff\xda") + 200
    for i in range(start, len(data) - 10, 50):
        data[i] ^= 0x5A
    return bytes(data)


def corrupt_png() -> bytes:
    """A PNG with bytes flipped inside its IDAT chunk (its CRC no longer matches)."""
    data = bytearray(png((120, 90)))
    at = data.index(b"IDAT") + 4
    for i in range(at + 10, at + 20):
        data[i] ^= 0xFF
    return bytes(data)


HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)


# ------------------------------------------------------------------ fixtures
@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    return PhotoStore(tmp_path / "photos")


@pytest.fixture
def photos(services: Services, store: PhotoStore) -> PhotoService:
    return PhotoService(services.db, services.clock, store)


def new_case(sv: Services, by: int) -> int:
    return sv.cases.register_case(tracking_no=f"SF{9_100_000_000_000 + next(_numbers)}",
                                  kind=ProblemKind.DAMAGED, by=by).id


@pytest.fixture
def case_id(services: Services, manager: int) -> int:
    return new_case(services, manager)


def count_rows(sv: Services, model: type = Photo) -> int:
    with sv.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def stored_files(store: PhotoStore) -> list[Path]:
    """Every file under the store except thumbnails (temporary files included)."""
    if not store.root.exists():
        return []
    return sorted(p for p in store.root.rglob("*") if p.is_file() and store.thumb_dir not in p.parents)


def events(sv: Services, case_id: int, action: str) -> list[EventView]:
    return [e for e in sv.cases.detail(case_id).events if e.action == action]


# ------------------------------------------------------------------ adding
def test_a_photo_is_stored_once_by_its_hash_read_only_with_row_event_and_thumbnail(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int) -> None:
    data = jpeg((640, 480))
    sha = hashlib.sha256(data).hexdigest()
    result = photos.add_photos(case_id=case_id, files=[("IMG_0001.JPG", data)], slot=PhotoSlot.EXTERIOR,
                               caption="外包装右下角破损", by=manager)

    assert not result.refused and not result.duplicates
    [item] = result.added
    assert (item.sha256, item.slot, item.caption, item.original_name) == (
        sha, PhotoSlot.EXTERIOR, "外包装右下角破损", "IMG_0001.JPG")
    assert (item.media_type, item.size_bytes, item.width, item.height) == ("image/jpeg", len(data), 640, 480)
    assert item.file_present and item.rotation == 0 and not item.deleted

    path = store.root / sha[:2] / sha[2:4] / f"{sha}.jpg"
    assert photos.path_for(sha) == path and path.read_bytes() == data
    assert not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), "originals are read-only"
    assert stored_files(store) == [path], "no temporary file is left behind"

    thumb = store.thumbnail_path(sha, 256)
    assert thumb.is_file(), "the import caches the grid thumbnail"
    with Image.open(thumb) as im:
        assert im.format == "JPEG" and im.size == (256, 192)
    assert photos.thumbnail(sha) == thumb

    [event] = events(services, case_id, "photo_added")
    assert (event.field, event.after, event.operator) == ("photo.slot", "exterior", "网点负责人")
    assert "IMG_0001.JPG" in event.detail and f"#{item.id}" in event.detail
    assert [p.id for p in photos.photos(case_id)] == [item.id]
    assert [p.sha256 for p in services.cases.detail(case_id).photos] == [sha]


def test_paths_and_pairs_png_and_webp_are_accepted(photos: PhotoService, case_id: int, manager: int,
                                                   tmp_path: Path) -> None:
    on_disk = tmp_path / "label.png"
    on_disk.write_bytes(png((300, 200), "RGBA"))
    result = photos.add_photos(case_id=case_id, files=[on_disk, ("scale.webp", saved_as("WEBP", (90, 60)))],
                               slot="label", by=manager)
    assert [(p.original_name, p.media_type, p.width, p.height) for p in result.added] == [
        ("label.png", "image/png", 300, 200), ("scale.webp", "image/webp", 90, 60)]
    assert all(photos.path_for(p.sha256).suffix in (".png", ".webp") for p in result.added)  # type: ignore[union-attr]


def test_same_photo_twice_is_stored_once_and_reported_as_duplicate_on_the_same_case(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int) -> None:
    data = jpeg()
    first = photos.add_photos(case_id=case_id, files=[("a.jpg", data), ("a-copy.jpg", data)],
                              slot=PhotoSlot.CONTENTS, by=manager)
    assert len(first.added) == 1
    assert [(d.name, d.photo_id) for d in first.duplicates] == [("a-copy.jpg", first.added[0].id)]

    again = photos.add_photos(case_id=case_id, files=[("again.jpg", data)], slot=PhotoSlot.OTHER, by=manager)
    assert not again.added and [d.photo_id for d in again.duplicates] == [first.added[0].id]

    other_case = new_case(services, manager)
    elsewhere = photos.add_photos(case_id=other_case, files=[("b.jpg", data)], slot=PhotoSlot.OTHER, by=manager)
    assert len(elsewhere.added) == 1, "another case may cite the same photo"
    assert count_rows(services) == 2
    assert len(stored_files(store)) == 1, "the same bytes are stored once"
    assert "1" in again.summary("en") and "已存在" in again.summary()


def test_a_deleted_photo_added_again_gets_a_new_row(photos: PhotoService, case_id: int, manager: int) -> None:
    data = jpeg()
    [first] = photos.add_photos(case_id=case_id, files=[("a.jpg", data)], slot="other", by=manager).added
    photos.delete(photo_id=first.id, reason="拍错了", by=manager)
    [second] = photos.add_photos(case_id=case_id, files=[("a.jpg", data)], slot="other", by=manager).added
    assert second.id != first.id and second.sha256 == first.sha256


def test_exif_orientation_is_honoured_and_the_original_is_left_as_it_was(
        photos: PhotoService, store: PhotoStore, case_id: int, manager: int) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated 90° clockwise
    data = jpeg((400, 200), exif=exif)
    [item] = photos.add_photos(case_id=case_id, files=[("portrait.jpg", data)], slot="label", by=manager).added
    assert (item.width, item.height) == (200, 400)
    with Image.open(photos.thumbnail(item.sha256)) as thumb:
        assert thumb.size == (128, 256)
    with Image.open(photos.thumbnail(item.sha256, 64)) as small:  # made on demand, from the file
        assert small.size == (32, 64)
    assert store.path_for(item.sha256).read_bytes() == data  # type: ignore[union-attr]


def test_location_data_is_neither_shown_nor_copied_into_thumbnails(
        photos: PhotoService, case_id: int, manager: int) -> None:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Xiaomi", "Xiaomi 14"
    exif.get_ifd(0x8769)[0x9003] = "2026:11:19 16:20:05"
    exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 13.0, 30.0), 3: "E", 4: (121.0, 28.0, 10.0)})
    data = jpeg((300, 200), exif=exif)
    with Image.open(io.BytesIO(data)) as im:
        assert im.getexif().get_ifd(0x8825), "the test photo does carry a location"
    [item] = photos.add_photos(case_id=case_id, files=[("gps.jpg", data)], slot="exterior", by=manager).added

    meta = photos.metadata(item.sha256)
    assert (meta.camera, meta.taken_at, meta.width, meta.height) == ("Xiaomi 14", "2026:11:19 16:20:05", 300, 200)
    assert not any("gps" in name.lower() or "lat" in name.lower() for name in vars(meta))
    for size in (256, 96):
        with Image.open(photos.thumbnail(item.sha256, size)) as thumb:
            assert "exif" not in thumb.info and not thumb.getexif().get_ifd(0x8825)
    original = photos.path_for(item.sha256)
    assert original is not None and original.read_bytes() == data, "the original is kept byte for byte"


# ------------------------------------------------------------------ bad input
def _bad_inputs(tmp: Path) -> dict[str, tuple[Any, RefusalReason, str]]:
    """name -> (source, expected reason, a word the English message must contain)."""
    text_as_jpg = tmp / "notes.jpg"
    text_as_jpg.write_text("快递单号 SF1234567890123\n客户说外包装破损\n", encoding="utf-8")
    empty = tmp / "empty.jpg"
    empty.write_bytes(b"")
    whole = jpeg((800, 600))
    whole_png = png((300, 200))
    return {
        "text renamed .jpg": (text_as_jpg, R.NOT_IMAGE, "not a photo"),
        "0-byte file": (empty, R.EMPTY, "empty"),
        "truncated JPEG": (("half.jpg", whole[: len(whole) // 2]), R.TRUNCATED, "incomplete"),
        "corrupt PNG": (("flipped.png", corrupt_png()), R.CORRUPT, "damaged"),
        "truncated PNG": (("half.png", whole_png[: len(whole_png) // 2]), R.TRUNCATED, "incomplete"),
        "corrupt JPEG": (("flipped.jpg", corrupt_jpeg()), R.CORRUPT, "damaged"),
        "decompression bomb": (("bomb.png", png_bomb(8000, 8000)), R.BOMB, "decompression bomb"),
        "HEIC": (("IMG_4031.HEIC", HEIC), R.UNSUPPORTED, "HEIC"),
        "TIFF": (("scan.tif", saved_as("TIFF")), R.UNSUPPORTED, "TIFF"),
        "BMP": (("paint.bmp", saved_as("BMP")), R.UNSUPPORTED, "BMP"),
        "GIF": (("anim.gif", saved_as("GIF")), R.UNSUPPORTED, "GIF"),
        "PDF": (("waybill.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), R.NOT_IMAGE, "PDF"),
        "file gone": (tmp / "vanished.jpg", R.UNREADABLE, "no longer exists"),
    }


BAD_CLASSES = ["text renamed .jpg", "0-byte file", "truncated JPEG", "corrupt PNG", "truncated PNG",
               "corrupt JPEG", "decompression bomb", "HEIC", "TIFF", "BMP", "GIF", "PDF", "file gone"]


@pytest.mark.parametrize("kind", BAD_CLASSES)
def test_each_bad_input_is_refused_by_name_and_reason_and_nothing_is_stored(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int,
        tmp_path: Path, kind: str) -> None:
    source, reason, word = _bad_inputs(tmp_path)[kind]
    name = source[0] if isinstance(source, tuple) else source.name
    result = photos.add_photos(case_id=case_id, files=[source], slot=PhotoSlot.OTHER, by=manager)
    assert not result.added
    [refused] = result.refused
    assert refused.name == name and refused.reason is reason
    assert name in refused.en and name in refused.zh, "the message names the file"
    assert word.lower() in refused.en.lower()
    assert refused.zh != refused.en and refused.text("en") == refused.en and refused.text() == refused.zh
    assert count_rows(services) == 0 and stored_files(store) == []
    assert not events(services, case_id, "photo_added")


def test_a_multi_file_import_goes_on_past_every_bad_file(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int,
        tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    good = [("good-1.jpg", jpeg()), ("good-2.png", png()), ("good-3.jpg", jpeg())]
    files = [good[0], *[bad[k][0] for k in BAD_CLASSES[:5]], good[1], *[bad[k][0] for k in BAD_CLASSES[5:]],
             good[2]]
    seen: list[tuple[int, int]] = []
    result = photos.add_photos(case_id=case_id, files=files, slot="contents", by=manager,
                               progress=lambda done, total: seen.append((done, total)))
    assert [p.original_name for p in result.added] == ["good-1.jpg", "good-2.png", "good-3.jpg"]
    assert [r.reason for r in result.refused] == [bad[k][1] for k in BAD_CLASSES]
    assert seen == [(i, len(files)) for i in range(1, len(files) + 1)]
    assert count_rows(services) == 3 and len(stored_files(store)) == 3
    assert "3" in result.summary("en") and str(len(BAD_CLASSES)) in result.summary("en")


def test_an_image_over_the_configured_pixel_limit_is_refused(
        services: Services, store: PhotoStore, case_id: int, manager: int) -> None:
    strict = PhotoService(services.db, services.clock, store, policy=PhotoPolicy(max_pixels=1_000_000))
    result = strict.add_photos(case_id=case_id, files=[("big.jpg", jpeg((1600, 1000))),
                                                       ("fine.jpg", jpeg((1000, 1000)))],
                               slot="other", by=manager)
    [refused] = result.refused
    assert refused.reason is R.TOO_LARGE and refused.name == "big.jpg"
    assert "1600×1000" in refused.en and "1.0 MP" in refused.en and "百万像素" in refused.zh
    assert [p.original_name for p in result.added] == ["fine.jpg"]


def test_a_bomb_beyond_pillows_own_limit_is_refused_without_decoding(store: PhotoStore) -> None:
    # With the desk's limit raised past Pillow's, Pillow's own guard still refuses 400 MP.
    verdict = inspect_image("huge.png", png_bomb(20_000, 20_000), PhotoPolicy(max_pixels=10**9))
    assert not hasattr(verdict, "sha256")
    assert verdict.reason is R.BOMB and "400.0 MP" in verdict.en  # type: ignore[union-attr]


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(
        services: Services, store: PhotoStore, case_id: int, manager: int, tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    big.write_bytes(jpeg((400, 300)))
    strict = PhotoService(services.db, services.clock, store, policy=PhotoPolicy(max_bytes=1000))
    [refused] = strict.add_photos(case_id=case_id, files=[big], slot="other", by=manager).refused
    assert refused.reason is R.FILE_TOO_BIG and "big.jpg" in refused.en


def test_caption_slot_operator_and_case_are_checked_before_any_file(
        photos: PhotoService, store: PhotoStore, case_id: int, manager: int) -> None:
    files = [("a.jpg", jpeg())]
    with pytest.raises(ValidationError) as slot_error:
        photos.add_photos(case_id=case_id, files=files, slot="damage", by=manager)
    assert slot_error.value.field == "slot" and "外包装" in slot_error.value.zh
    with pytest.raises(ValidationError) as caption_error:
        photos.add_photos(case_id=case_id, files=files, slot="other", caption="长" * 501, by=manager)
    assert caption_error.value.field == "caption"
    with pytest.raises(NotFoundError):
        photos.add_photos(case_id=999_999, files=files, slot="other", by=manager)
    with pytest.raises(NotFoundError):
        photos.add_photos(case_id=case_id, files=files, slot="other", by=999_999)
    assert stored_files(store) == []


def test_cancelling_stops_before_the_next_file(photos: PhotoService, case_id: int, manager: int) -> None:
    asked = itertools.count()
    result = photos.add_photos(case_id=case_id, files=[("a.jpg", jpeg()), ("b.jpg", jpeg()), ("c.jpg", jpeg())],
                               slot="other", by=manager, cancelled=lambda: next(asked) >= 2)
    assert result.cancelled and [p.original_name for p in result.added] == ["a.jpg", "b.jpg"]
    assert "cancelled" in result.summary("en")


# ------------------------------------------------------------------ atomic write
def test_a_failing_row_leaves_neither_row_nor_file(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    [kept] = photos.add_photos(case_id=case_id, files=[("first.jpg", jpeg())], slot="other", by=manager).added
    real = photos_module.record_event
    written: list[bool] = []

    def failing_event(*args: Any, **kwargs: Any) -> Any:
        # The file is in place when the row is being written ...
        written.append(any(p.name.startswith(hashlib.sha256(doomed).hexdigest()) for p in stored_files(store)))
        raise RuntimeError("injected: the database went away")

    doomed = jpeg()
    monkeypatch.setattr(photos_module, "record_event", failing_event)
    with pytest.raises(PhotoSaveError) as caught:
        photos.add_photos(case_id=case_id, files=[("doomed.jpg", doomed)], slot="other", by=manager)
    monkeypatch.setattr(photos_module, "record_event", real)

    assert written == [True], "the file is written before the row commits"
    assert caught.value.name == "doomed.jpg" and "doomed.jpg" in caught.value.zh
    assert caught.value.result is not None and caught.value.result.added == []
    # ... and after the failure neither the row nor the file exists.
    assert count_rows(services) == 1
    assert [p.name for p in stored_files(store)] == [f"{kept.sha256}.jpg"]
    assert store.path_for(hashlib.sha256(doomed).hexdigest()) is None
    assert not store.thumbnail_path(hashlib.sha256(doomed).hexdigest(), 256).exists()


def test_a_failing_row_keeps_a_file_that_another_row_uses(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shared = jpeg()
    [first] = photos.add_photos(case_id=case_id, files=[("a.jpg", shared)], slot="other", by=manager).added
    other_case = new_case(services, manager)
    monkeypatch.setattr(photos_module, "record_event", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(PhotoSaveError):
        photos.add_photos(case_id=other_case, files=[("b.jpg", shared)], slot="other", by=manager)
    assert count_rows(services) == 1
    assert store.path_for(first.sha256) is not None


def test_a_failing_file_write_leaves_no_row_and_no_partial_file(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    good = ("before.jpg", jpeg())
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(PhotoSaveError) as caught:
        photos.add_photos(case_id=case_id, files=[("doomed.jpg", jpeg()), good], slot="other", by=manager)
    monkeypatch.undo()
    assert "No space left on device" in caught.value.en and "doomed.jpg" in caught.value.en
    assert count_rows(services) == 0
    assert stored_files(store) == [], "neither the file nor its temporary file remains"
    assert not events(services, case_id, "photo_added")


def test_photos_added_before_a_failure_stay_and_are_reported(
        services: Services, photos: PhotoService, case_id: int, manager: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real_put = PhotoStore.put
    calls = itertools.count()

    def put_then_fail(self: PhotoStore, sha256: str, data: bytes, extension: str) -> bool:
        if next(calls) == 1:
            raise OSError(errno.EIO, "Input/output error")
        return real_put(self, sha256, data, extension)

    monkeypatch.setattr(PhotoStore, "put", put_then_fail)
    with pytest.raises(PhotoSaveError) as caught:
        photos.add_photos(case_id=case_id, files=[("one.jpg", jpeg()), ("two.jpg", jpeg())], slot="other",
                          by=manager)
    assert [p.original_name for p in caught.value.result.added] == ["one.jpg"]
    assert count_rows(services) == 1 and "1 photo(s) before it were added" in caught.value.en


def test_an_altered_stored_file_is_replaced_by_a_good_import(
        photos: PhotoService, store: PhotoStore, case_id: int, manager: int, services: Services) -> None:
    data = jpeg()
    [item] = photos.add_photos(case_id=case_id, files=[("a.jpg", data)], slot="other", by=manager).added
    path = store.path_for(item.sha256)
    assert path is not None
    os.chmod(path, 0o644)
    path.write_bytes(b"garbage")
    other_case = new_case(services, manager)
    photos.add_photos(case_id=other_case, files=[("a.jpg", data)], slot="other", by=manager)
    assert path.read_bytes() == data and photos.check().ok


# ------------------------------------------------------------------ edits
def test_caption_slot_and_rotation_are_metadata_on_the_timeline(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int) -> None:
    data = jpeg()
    [item] = photos.add_photos(case_id=case_id, files=[("a.jpg", data)], slot="other", by=manager).added
    assert photos.set_caption(photo_id=item.id, caption="  封条被拆  ", by=manager).caption == "封条被拆"
    assert photos.set_slot(photo_id=item.id, slot=PhotoSlot.HANDOVER, by=manager).slot is PhotoSlot.HANDOVER
    assert photos.rotate(photo_id=item.id, quarter_turns=1, by=manager).rotation == 90
    assert photos.rotate(photo_id=item.id, quarter_turns=-2, by=manager).rotation == 270
    assert photos.rotate(photo_id=item.id, quarter_turns=4, by=manager).rotation == 270  # no change, no event
    assert store.path_for(item.sha256).read_bytes() == data  # type: ignore[union-attr]

    edits = [(e.field, e.before, e.after) for e in events(services, case_id, "photo_edited")]
    assert edits == [("photo.caption", "", "封条被拆"), ("photo.slot", "other", "handover"),
                     ("photo.rotation", "0", "90"), ("photo.rotation", "90", "270")]
    with pytest.raises(ValidationError):
        photos.set_slot(photo_id=item.id, slot="selfie", by=manager)
    with pytest.raises(NotFoundError):
        photos.rotate(photo_id=999_999, quarter_turns=1, by=manager)


def test_delete_is_soft_with_a_reason_and_keeps_the_original(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, clerk: int) -> None:
    [item] = photos.add_photos(case_id=case_id, files=[("a.jpg", jpeg())], slot="other", by=clerk).added
    with pytest.raises(ValidationError) as no_reason:
        photos.delete(photo_id=item.id, reason="  ", by=clerk)
    assert no_reason.value.field == "reason"

    deleted = photos.delete(photo_id=item.id, reason="拍到了别的快件", by=clerk)
    assert deleted.deleted and deleted.delete_reason == "拍到了别的快件" and deleted.deleted_by == "李客服"
    assert photos.photos(case_id) == []
    assert [p.id for p in photos.photos(case_id, include_deleted=True)] == [item.id]
    assert store.path_for(item.sha256) is not None, "the original stays until a purge"
    [event] = events(services, case_id, "photo_deleted")
    assert "拍到了别的快件" in event.detail and event.operator == "李客服"
    with pytest.raises(PolicyError):
        photos.set_caption(photo_id=item.id, caption="x", by=clerk)
    with pytest.raises(PolicyError):
        photos.delete(photo_id=item.id, reason="again", by=clerk)
    assert photos.check().ok


def test_purge_is_for_managers_only_and_removes_the_file_when_nothing_else_uses_it(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int,
        clerk: int) -> None:
    shared, alone = jpeg(), jpeg()
    items = photos.add_photos(case_id=case_id, files=[("shared.jpg", shared), ("alone.jpg", alone)],
                              slot="other", by=clerk).added
    other = photos.add_photos(case_id=new_case(services, manager), files=[("shared.jpg", shared)],
                              slot="other", by=clerk).added[0]
    for item in items:
        with pytest.raises(PolicyError):
            photos.purge(photo_id=item.id, by=manager)  # delete first
        photos.delete(photo_id=item.id, reason="误传", by=clerk)
        with pytest.raises(PermissionDeniedError):
            photos.purge(photo_id=item.id, by=clerk)

    assert photos.purge(photo_id=items[1].id, by=manager, reason="客户要求删除") is True
    assert store.path_for(items[1].sha256) is None
    assert not list(store.thumb_dir.glob(f"{items[1].sha256}-*"))
    assert photos.purge(photo_id=items[0].id, by=manager) is False, "another case still cites it"
    assert store.path_for(other.sha256) is not None

    assert count_rows(services) == 1
    purged = events(services, case_id, "photo_purged")
    assert len(purged) == 2 and items[1].sha256 in purged[0].detail and "客户要求删除" in purged[0].detail
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "photo_purged")) == 2
    with pytest.raises(NotFoundError):
        photos.purge(photo_id=items[1].id, by=manager)
    assert photos.check().ok


# ------------------------------------------------------------------ integrity
def test_check_reports_missing_altered_and_orphan_files(
        services: Services, photos: PhotoService, store: PhotoStore, case_id: int, manager: int) -> None:
    added = photos.add_photos(case_id=case_id, files=[("a.jpg", jpeg()), ("b.jpg", jpeg()), ("c.png", png())],
                              slot="other", by=manager).added
    clean = photos.check()
    assert clean.ok and (clean.rows_checked, clean.files_checked) == (3, 3)
    assert clean.lines("en")[-1] == "All photos are intact."

    gone, changed, _fine = added
    os.chmod(store.path_for(gone.sha256), 0o644)  # type: ignore[arg-type]
    store.path_for(gone.sha256).unlink()  # type: ignore[union-attr]
    changed_path = store.path_for(changed.sha256)
    assert changed_path is not None
    os.chmod(changed_path, 0o644)
    with open(changed_path, "r+b") as f:
        f.seek(100)
        f.write(b"\x00\x01\x02")
    orphan_data = jpeg()
    orphan_sha = hashlib.sha256(orphan_data).hexdigest()
    store.put(orphan_sha, orphan_data, ".jpg")
    stray = store.root / "notes.txt"
    stray.write_text("?", encoding="utf-8")
    leftover = changed_path.parent / f".{changed.sha256[:16]}-abc.tmp"
    leftover.write_bytes(b"half")

    seen: list[tuple[int, int]] = []
    report = photos.check(progress=lambda d, t: seen.append((d, t)))
    assert not report.ok
    assert [(m.photo_id, m.case_no, m.original_name) for m in report.missing] == [
        (gone.id, services.cases.detail(case_id).case_no, "a.jpg")]
    [alt] = report.altered
    assert (alt.path, alt.sha256, alt.photo_ids) == (changed_path, changed.sha256, (changed.id,))
    assert alt.actual_sha256 != changed.sha256
    assert report.orphans == sorted([store.path_for(orphan_sha), stray])
    assert report.temp_files == [leftover]
    assert seen[-1] == (2, 2)
    text = "\n".join(report.lines("en"))
    assert "Missing file: photo #" in text and "hash mismatch" in text and "notes.txt" in text
    assert "缺少文件" in "\n".join(report.lines())


def test_a_missing_file_is_marked_not_fatal(photos: PhotoService, store: PhotoStore, case_id: int,
                                            manager: int) -> None:
    [item] = photos.add_photos(case_id=case_id, files=[("a.jpg", jpeg())], slot="other", by=manager).added
    store.remove(item.sha256)
    [listed] = photos.photos(case_id)
    assert listed.file_present is False and photos.path_for(item.sha256) is None
    with pytest.raises(PhotoFileError) as caught:
        photos.thumbnail(item.sha256)
    assert caught.value.sha256 == item.sha256 and "depot-app check" in caught.value.en


def test_the_report_service_embeds_photos_through_path_for(
        services: Services, photos: PhotoService, case_id: int, manager: int, tmp_path: Path) -> None:
    photos.add_photos(case_id=case_id, files=[("a.jpg", jpeg((800, 600)))], slot="exterior", by=manager)
    reports = ReportService(services.db, services.clock, photo_path=photos.path_for)
    out = reports.case_report(case_id=case_id, out=tmp_path / "case.pdf", by=manager)
    assert b"/Subtype /Image" in Path(out).read_bytes()


def test_store_names_are_only_hashes(store: PhotoStore) -> None:
    assert store.path_for("../../etc/passwd") is None
    with pytest.raises(ValueError):
        store.put("../x", b"data", ".jpg")
    with pytest.raises(ValueError):
        store.put("a" * 64, b"data", ".exe")
