"""Photo evidence: slots, what the desk accepts, and why a file is refused.

Pure Python (no Pillow, no database): the rules the photo service applies
and the bilingual words it uses. The service in
:mod:`depot_app.services.photos` does the decoding and the storing.

What is accepted, and why only that:

* **JPEG, PNG and WebP** — what phones, scanners and screenshots produce and
  what every viewer, PDF writer and head-office system can open.
* **HEIC/HEIF** (iPhone's default) is refused with a message saying how to
  get a JPEG: decoding it needs pillow-heif, a dependency the desk does not
  carry. AVIF, GIF, BMP and TIFF are refused likewise; they are not camera
  output at a counter and several of them hide several pages or layers.
* An image is at most :attr:`PhotoPolicy.max_pixels` pixels (50 MP by
  default: every phone's standard mode is 12–50 MP, and decoding 50 MP takes
  about 150 MB of memory). A file that declares more pixels than that *and*
  packs them more than :attr:`PhotoPolicy.bomb_ratio` times tighter than raw
  is called a decompression bomb in the message, because that is what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from depot_app.domain.errors import DepotError, ValidationError
from depot_app.domain.vocabulary import PhotoSlot

__all__ = [
    "ACCEPTED_FORMATS",
    "PHOTO_EVENT_LABELS",
    "AcceptedFormat",
    "PhotoFileError",
    "PhotoPolicy",
    "PhotoSaveError",
    "PhotoSlot",
    "Refusal",
    "RefusalReason",
    "Sniffed",
    "coerce_slot",
    "describe_unknown",
    "is_sha256",
    "refusal",
    "sniff",
    "turned",
    "validate_caption",
]


@dataclass(frozen=True)
class AcceptedFormat:
    """One image format the desk stores: its media type and file extension."""

    name: str
    media_type: str
    extension: str


#: Keyed by Pillow's format name (``Image.format``).
ACCEPTED_FORMATS: dict[str, AcceptedFormat] = {
    "JPEG": AcceptedFormat("JPEG", "image/jpeg", ".jpg"),
    "PNG": AcceptedFormat("PNG", "image/png", ".png"),
    "WEBP": AcceptedFormat("WebP", "image/webp", ".webp"),
}
_ACCEPTED_EN = "JPEG, PNG or WebP"
_ACCEPTED_ZH = "JPEG、PNG 或 WebP"

#: How the timeline names the photo events (for the workspace and the PDFs).
PHOTO_EVENT_LABELS: dict[str, tuple[str, str]] = {
    "photo_added": ("添加照片", "Photo added"),
    "photo_edited": ("修改照片", "Photo edited"),
    "photo_deleted": ("删除照片", "Photo deleted"),
    "photo_purged": ("彻底清除照片", "Photo purged"),
}


@dataclass(frozen=True)
class PhotoPolicy:
    """Limits on what a photo import accepts (defaults suit a depot desk)."""

    #: Largest image accepted, in pixels (width × height).
    max_pixels: int = 50_000_000
    #: Largest file accepted, in bytes (a 50 MP JPEG is rarely above 25 MB).
    max_bytes: int = 64 * 1024 * 1024
    #: Above max_pixels, a file this many times smaller than its raw pixels
    #: is reported as a decompression bomb rather than as merely too large.
    bomb_ratio: int = 100
    #: Longest caption, in characters.
    caption_max: int = 500
    #: The thumbnail size made at import (the workspace's grid size).
    thumbnail_size: int = 256

    def __post_init__(self) -> None:
        if self.max_pixels < 1 or self.max_bytes < 1 or self.thumbnail_size < 16:
            raise ValueError("photo limits must be positive (thumbnail at least 16 px)")


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


class PhotoFileError(DepotError):
    """A stored photo's file is missing or cannot be read (the row is intact)."""

    def __init__(self, en: str, zh: str | None = None, *, sha256: str = "") -> None:
        super().__init__(en, zh)
        self.sha256 = sha256


class PhotoSaveError(DepotError):
    """Saving one photo failed (disk or database); nothing of it was kept.

    ``result`` holds what the import did before the failure (photos added
    earlier in the same import stay added: each photo is its own transaction).
    """

    def __init__(self, en: str, zh: str | None = None, *, name: str = "", result: Any = None) -> None:
        super().__init__(en, zh)
        self.name = name
        self.result = result


# --------------------------------------------------------------------------
# Refusals: bad input, one file at a time
# --------------------------------------------------------------------------


class RefusalReason(StrEnum):
    """Why a file was not stored (stable codes, for tests and logs)."""

    UNREADABLE = "unreadable"  # the file could not be read from disk
    EMPTY = "empty"  # 0 bytes
    FILE_TOO_BIG = "file_too_big"  # more bytes than max_bytes
    NOT_IMAGE = "not_image"  # text, PDF, archive, unknown content
    UNSUPPORTED = "unsupported"  # an image, but not JPEG/PNG/WebP
    TRUNCATED = "truncated"  # the data stops early
    CORRUPT = "corrupt"  # the data is damaged
    BOMB = "decompression_bomb"  # huge declared size in a tiny file
    TOO_LARGE = "too_large"  # more pixels than max_pixels


@dataclass(frozen=True)
class Refusal:
    """One file refused by an import: its name, the reason code, the message."""

    name: str
    reason: RefusalReason
    en: str
    zh: str

    def text(self, language: str = "zh_CN") -> str:
        """The message in ``language`` (``zh_CN`` or ``en``)."""
        return self.zh if language.startswith("zh") else self.en


def _mp(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def refusal(name: str, reason: RefusalReason, **facts: Any) -> Refusal:
    """The refusal of file ``name`` for ``reason``, with a message a clerk can act on.

    ``facts`` fill the message: ``detail`` (UNREADABLE, CORRUPT; ``detail_zh``
    in Chinese), ``what``/``what_zh`` and ``hint``/``hint_zh`` (NOT_IMAGE,
    UNSUPPORTED), ``size`` and ``limit`` (FILE_TOO_BIG, bytes),
    ``width``/``height``/``limit`` (TOO_LARGE), ``width``/``height`` or
    ``pixels``, and ``size`` (BOMB).
    """
    nothing_en, nothing_zh = "Nothing was stored for it.", "未保存该文件。"
    r = RefusalReason
    if reason is r.UNREADABLE:
        detail, detail_zh = facts.get("detail", ""), facts.get("detail_zh", facts.get("detail", ""))
        en = f"{name} could not be read: {detail}." if detail else f"{name} could not be read."
        zh = f"无法读取 {name}：{detail_zh}。" if detail_zh else f"无法读取 {name}。"
    elif reason is r.EMPTY:
        en = f"{name} is empty (0 bytes): the copy from the phone or card did not finish."
        zh = f"{name} 是空文件（0 字节）：从手机或存储卡复制时没有完成。"
    elif reason is r.FILE_TOO_BIG:
        en = (f"{name} is {_size(facts['size'])}; a photo may be at most {_size(facts['limit'])}. "
              "Take it at the phone's standard resolution.")
        zh = f"{name} 有 {_size(facts['size'])}，照片最大 {_size(facts['limit'])}。请用手机的标准分辨率拍摄。"
    elif reason is r.NOT_IMAGE:
        what_en, what_zh = facts.get("what", "not a picture"), facts.get("what_zh", "不是图片")
        en = f"{name} is not a photo ({what_en}); the desk accepts {_ACCEPTED_EN} images."
        zh = f"{name} 不是照片（{what_zh}）；本系统接受 {_ACCEPTED_ZH} 格式的图片。"
    elif reason is r.UNSUPPORTED:
        what_en, what_zh = facts.get("what", "this format"), facts.get("what_zh", "该格式")
        hint_en, hint_zh = facts.get("hint", ""), facts.get("hint_zh", "")
        en = f"{name} is a picture in {what_en} format, which the desk does not accept; use {_ACCEPTED_EN}.{hint_en}"
        zh = f"{name} 是 {what_zh} 格式的图片，本系统不接受该格式；请使用 {_ACCEPTED_ZH}。{hint_zh}"
    elif reason is r.TRUNCATED:
        en = f"{name} is incomplete: the image data stops early (an interrupted copy or upload)."
        zh = f"{name} 不完整：图像数据提前中断（复制或上传未完成）。"
    elif reason is r.CORRUPT:
        detail, detail_zh = facts.get("detail", ""), facts.get("detail_zh", facts.get("detail", ""))
        en = f"{name} is damaged and cannot be decoded" + (f" ({detail})." if detail else ".")
        zh = f"{name} 已损坏，无法解码" + (f"（{detail_zh}）。" if detail_zh else "。")
    elif reason is r.BOMB:
        if "width" in facts:
            w, h = facts["width"], facts["height"]
            dims_en, dims_zh = f"{w}×{h} pixels ({_mp(w * h)} MP)", f"{w}×{h} 像素（{_mp(w * h)} 百万像素）"
        else:
            dims_en, dims_zh = f"{_mp(facts['pixels'])} MP", f"{_mp(facts['pixels'])} 百万像素"
        en = (f"{name} declares {dims_en} in only {_size(facts['size'])}: "
              "a decompression bomb that would exhaust memory when opened. It was not decoded.")
        zh = (f"{name} 声称有 {dims_zh}，文件却只有 {_size(facts['size'])}："
              "这是“解压炸弹”，打开会耗尽内存，已拒绝且未解码。")
    elif reason is r.TOO_LARGE:
        w, h = facts["width"], facts["height"]
        en = (f"{name} is {w}×{h} pixels ({_mp(w * h)} MP); the limit is {_mp(facts['limit'])} MP. "
              "Take it at the phone's standard resolution or shrink it first.")
        zh = (f"{name} 有 {w}×{h} 像素（{_mp(w * h)} 百万像素），上限为 {_mp(facts['limit'])} 百万像素。"
              "请用手机的标准分辨率拍摄，或先缩小图片。")
    else:  # pragma: no cover - every reason is handled above
        raise ValueError(reason)
    return Refusal(name, reason, f"{en} {nothing_en}", f"{zh}{nothing_zh}")


# --------------------------------------------------------------------------
# Telling formats apart by their first bytes
# --------------------------------------------------------------------------

#: ISO base media "ftyp" brands of HEIF (iPhone photos) and AVIF.
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}


@dataclass(frozen=True)
class Sniffed:
    """What the first bytes of a file say it is."""

    kind: str  # "jpeg", "png", "webp", or another short name
    image: bool  # an image format (accepted or not)
    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""

    @property
    def accepted(self) -> bool:
        return self.kind in ("jpeg", "png", "webp")


_HEIC_HINT_EN = (" iPhone photos are HEIC by default: set Settings > Camera > Formats to "
                 "“Most Compatible”, or share the photo as JPEG.")
_HEIC_HINT_ZH = "iPhone 默认拍摄 HEIC：请在“设置 > 相机 > 格式”中选择“兼容性最佳”，或以 JPEG 方式分享照片。"


def sniff(head: bytes) -> Sniffed | None:
    """Identify a file from its first 32 bytes; None when nothing is recognised.

    Recognised but refused formats get a name and, for HEIC, a hint, so the
    refusal can say what the file is instead of "unknown".
    """
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("jpeg", True, "JPEG", "JPEG")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("png", True, "PNG", "PNG")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("webp", True, "WebP", "WebP")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return Sniffed("heic", True, "HEIC/HEIF", "HEIC/HEIF", _HEIC_HINT_EN, _HEIC_HINT_ZH)
        if brand in _AVIF_BRANDS:
            return Sniffed("avif", True, "AVIF", "AVIF")
        return Sniffed("video", False, "a video or other media file", "视频或其他媒体文件")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Sniffed("gif", True, "GIF", "GIF")
    if head[:2] == b"BM":
        return Sniffed("bmp", True, "BMP", "BMP")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return Sniffed("tiff", True, "TIFF", "TIFF")
    if head.startswith(b"%PDF"):
        return Sniffed("pdf", False, "a PDF document", "PDF 文档")
    if head.startswith(b"PK\x03\x04"):
        return Sniffed("zip", False, "a ZIP archive or Office document", "ZIP 压缩包或 Office 文档")
    return None


def describe_unknown(head: bytes) -> tuple[str, str]:
    """A short description of content :func:`sniff` did not recognise."""
    sample = head[:512]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        # A multibyte character cut at the end of the sample is still text.
        try:
            sample[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return "unrecognised content", "无法识别的内容"
    if all(c >= 0x20 or c in b"\t\r\n\f" for c in sample):
        return "plain text", "纯文本"
    return "unrecognised content", "无法识别的内容"


# --------------------------------------------------------------------------
# Small rules
# --------------------------------------------------------------------------


def coerce_slot(slot: PhotoSlot | str) -> PhotoSlot:
    """The evidence slot for ``slot`` (a member or its code), or a ValidationError."""
    try:
        return PhotoSlot(slot)
    except ValueError:
        known_en = ", ".join(f"{s.value} ({s.en})" for s in PhotoSlot)
        known_zh = "、".join(s.zh for s in PhotoSlot)
        raise ValidationError(f"Unknown photo slot “{slot}”: choose one of {known_en}.",
                              f"未知的照片类别“{slot}”：请选择 {known_zh}。", field="slot") from None


def validate_caption(caption: str, policy: PhotoPolicy) -> str:
    """The caption trimmed, or a ValidationError when it is too long."""
    text = caption.strip()
    if len(text) > policy.caption_max:
        raise ValidationError(
            f"The caption has {len(text)} characters; at most {policy.caption_max} are allowed.",
            f"说明有 {len(text)} 个字，最多 {policy.caption_max} 个字。", field="caption")
    return text


def turned(rotation: int, quarter_turns: int) -> int:
    """The display rotation after ``quarter_turns`` clockwise quarter turns (negative: anticlockwise).

    Rotation is stored in clockwise degrees, 0, 90, 180 or 270.
    """
    return (rotation + 90 * quarter_turns) % 360


def is_sha256(text: str) -> bool:
    """True for 64 lower-case hex digits (the only names the photo store uses)."""
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)
