"""Reading the waybill's barcode from a photo, to offer its tracking number.

zxing-cpp does the decoding. A photo taken at a counter is rarely a clean
scan: the label is tilted, a little blurred, small in the frame. So when the
image as it is gives nothing, a few cheap variants are tried in turn, each
only if the previous one found nothing: sharpened, contrast-stretched,
upscaled (small images), a global-threshold binarizer, and tilted by
15°–45° (a 1-D code read along a slanted line loses bars). An image without a
barcode therefore costs the most; call this from a worker thread.

Only Code 128, Code 39, Code 93, Codabar, ITF, EAN/UPC, QR, Data Matrix and
PDF417 are looked for: what waybills, e-commerce labels and shelf tags
carry. Retail product codes (EAN/UPC) are read but never offered as a
tracking number.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image, ImageFilter, ImageOps

from depot_app.domain.errors import TrackingNumberError, ValidationError
from depot_app.domain.identifiers import Carrier, TrackingInfo, validate_tracking
from depot_app.domain.photos import PhotoPolicy

__all__ = ["Barcode", "read_barcodes", "tracking_numbers_in"]

_FORMAT_NAMES = ("Code128", "Code39", "Code93", "Codabar", "ITF", "EAN13", "EAN8", "UPCA", "UPCE",
                 "QRCode", "DataMatrix", "PDF417")
#: Product codes on goods, never a waybill number.
_RETAIL = frozenset({"EAN13", "EAN8", "UPCA", "UPCE", "ISBN", "EAN2", "EAN5"})
#: The working size: big enough for a label a third of a 12 MP frame wide,
#: small enough that each attempt stays around a tenth of a second.
_MAX_SIDE = 2400
_TILTS = (15, -15, 30, -30, 45)
_TOKEN = re.compile(r"[0-9A-Za-z]{8,32}")


@dataclass(frozen=True)
class Barcode:
    """One decoded barcode: its text and zxing-cpp's name for its format (``Code128``, ``QRCode`` …)."""

    text: str
    format: str

    @property
    def is_retail(self) -> bool:
        """A product code (EAN/UPC), not a shipment's."""
        return self.format in _RETAIL


@functools.cache
def _formats() -> Any:
    members = [getattr(zxingcpp.BarcodeFormat, n) for n in _FORMAT_NAMES if hasattr(zxingcpp.BarcodeFormat, n)]
    if hasattr(zxingcpp, "create_barcode"):  # zxing-cpp 3: a sequence ("|" is deprecated)
        return tuple(members)
    return functools.reduce(operator.or_, members)  # zxing-cpp 2: BarcodeFormats by "|"


def _format_name(fmt: Any) -> str:
    name = getattr(fmt, "name", None)
    return str(name) if name else str(fmt).rsplit(".", 1)[-1].replace(" ", "").replace("-", "")


def _decode(image: Image.Image, *, binarizer: Any = None) -> list[Barcode]:
    kwargs: dict[str, Any] = {"formats": _formats(), "try_rotate": True}
    if binarizer is not None:
        kwargs["binarizer"] = binarizer
    found = []
    for result in zxingcpp.read_barcodes(image, **kwargs):
        if getattr(result, "valid", True) and result.text:
            found.append(Barcode(text=result.text, format=_format_name(result.format)))
    return found


def _open(image: Path | str | bytes | Image.Image, policy: PhotoPolicy) -> Image.Image:
    """The image upright, greyscale, at most _MAX_SIDE pixels on its long side."""
    if isinstance(image, Image.Image):
        source = image
        name = "image"
    else:
        name = Path(image).name if not isinstance(image, bytes) else "image"
        try:
            source = Image.open(BytesIO(image) if isinstance(image, bytes) else Path(image))
        except FileNotFoundError:
            raise ValidationError(f"{name} does not exist.", f"{name} 不存在。", field="image") from None
        except Exception as exc:
            raise ValidationError(f"{name} is not an image that can be read for barcodes ({exc}).",
                                  f"{name} 不是可识别条码的图片（{exc}）。", field="image") from exc
    width, height = source.size
    if width * height > policy.max_pixels:
        raise ValidationError(f"{name} is {width}×{height} pixels, more than the desk accepts.",
                              f"{name} 有 {width}×{height} 像素，超过本系统的上限。", field="image")
    try:
        if source.format == "JPEG" or source.format == "MPO":
            # Decode at the largest DCT scale that still covers the working size.
            source.draft("L", (max(1, width * _MAX_SIDE // max(width, height)),
                               max(1, height * _MAX_SIDE // max(width, height))))
        upright = ImageOps.exif_transpose(source) or source
        grey = upright.convert("L")
    except Exception as exc:
        raise ValidationError(f"{name} could not be decoded ({exc}).", f"{name} 无法解码（{exc}）。",
                              field="image") from exc
    finally:
        if source is not image:
            source.close()
    if max(grey.size) > _MAX_SIDE:
        grey.thumbnail((_MAX_SIDE, _MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return grey


def _variants(grey: Image.Image) -> Iterator[tuple[str, Callable[[], list[Barcode]]]]:
    """Ever more effortful ways to look, cheapest first."""
    yield "as is", lambda: _decode(grey)
    sharp = grey.filter(ImageFilter.UnsharpMask(radius=2, percent=200, threshold=0))
    yield "sharpened", lambda: _decode(sharp)
    yield "contrast", lambda: _decode(ImageOps.autocontrast(sharp, cutoff=1))
    if max(grey.size) <= _MAX_SIDE // 2:
        yield "upscaled", lambda: _decode(sharp.resize((grey.width * 2, grey.height * 2),
                                                       Image.Resampling.BICUBIC))
    if hasattr(zxingcpp, "Binarizer"):
        yield "global threshold", lambda: _decode(grey, binarizer=zxingcpp.Binarizer.GlobalHistogram)
    # The dearest attempts last: each turns the whole image (about 0.3 s at 2400 px).
    for angle in _TILTS:
        yield f"tilted {angle}°", functools.partial(
            lambda a: _decode(sharp.rotate(a, Image.Resampling.BICUBIC, expand=True, fillcolor=255)), angle)


def read_barcodes(image: Path | str | bytes | Image.Image, *, policy: PhotoPolicy | None = None) -> list[Barcode]:
    """Every barcode found in ``image`` (a path, the file's bytes or a Pillow image).

    Tries the image as it is first, then the variants described in the
    module docstring until one finds something. An empty list means no
    barcode was found. Raises :class:`ValidationError` (``field="image"``)
    when the image cannot be read or exceeds the pixel limit.
    """
    grey = _open(image, policy or PhotoPolicy())
    for _label, attempt in _variants(grey):
        found = attempt()
        if found:
            unique: dict[tuple[str, str], Barcode] = {}
            for barcode in found:
                unique.setdefault((barcode.text, barcode.format), barcode)
            return list(unique.values())
    return []


def _candidates(barcode: Barcode) -> Iterator[str]:
    yield barcode.text
    # A QR code often holds a link or a record with the number inside it.
    for token in _TOKEN.findall(barcode.text):
        if sum(c.isdigit() for c in token) >= 6 and token != barcode.text:
            yield token


def tracking_numbers_in(image: Path | str | bytes | Image.Image, *,
                        policy: PhotoPolicy | None = None) -> list[TrackingInfo]:
    """The tracking numbers the barcodes in ``image`` carry, best first.

    Only texts that pass :func:`validate_tracking` are kept; numbers of a
    recognised carrier come before ``Carrier.OTHER``; product codes
    (EAN/UPC) are ignored. An empty list means none was found.
    """
    found: dict[str, TrackingInfo] = {}
    for barcode in read_barcodes(image, policy=policy):
        if barcode.is_retail:
            continue
        for text in _candidates(barcode):
            try:
                info = validate_tracking(text)
            except TrackingNumberError:
                continue
            found.setdefault(info.number, info)
            break
    return sorted(found.values(), key=lambda info: info.carrier is Carrier.OTHER)
