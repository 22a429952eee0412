"""Reading waybill barcodes from photos with zxing-cpp.

The barcodes are drawn by reportlab's barcode widgets (an encoder independent
of the decoder under test) and rasterised here with Pillow, then rotated,
blurred, shrunk and pasted into a noisy "photo" the way a counter photo of a
label looks.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.shapes import Drawing, Group, Rect, mmult, transformPoint

from depot_app.domain.errors import ValidationError
from depot_app.domain.identifiers import Carrier, s10_check_digit
from depot_app.services.barcodes import Barcode, read_barcodes, tracking_numbers_in

SF = "SF1234567890123"
S10 = f"EA12345678{s10_check_digit('12345678')}CN"


# ------------------------------------------------------------------ making images
def rasterise(drawing: Drawing, *, scale: int = 3, margin: int = 30) -> Image.Image:
    """Draw a reportlab drawing's filled rectangles (bars, QR modules) as black on white."""
    width = int(round(drawing.width * scale)) + 2 * margin
    height = int(round(drawing.height * scale)) + 2 * margin
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)

    def walk(node: object, matrix: tuple[float, ...]) -> None:
        if isinstance(node, Group):
            inner = mmult(matrix, node.transform)
            for child in node.contents:
                walk(child, inner)
        elif isinstance(node, Rect) and node.fillColor is not None:
            c = node.fillColor
            if c.red + c.green + c.blue > 1.5:
                return
            corners = [transformPoint(matrix, p) for p in ((node.x, node.y), (node.x + node.width, node.y),
                                                          (node.x + node.width, node.y + node.height),
                                                          (node.x, node.y + node.height))]
            xs = [round(x * scale) + margin for x, _ in corners]
            ys = [height - margin - round(y * scale) for _, y in corners]
            pen.rectangle((min(xs), min(ys), max(xs) - 1, max(ys) - 1), fill=0)

    walk(drawing.expandUserNodes(), (1, 0, 0, 1, 0, 0))
    return image


def code128(value: str) -> Image.Image:
    return rasterise(createBarcodeDrawing("Code128", value=value, barWidth=1, barHeight=40,
                                          humanReadable=False))


def qr(value: str) -> Image.Image:
    return rasterise(createBarcodeDrawing("QR", value=value, barWidth=120, barHeight=120), scale=3)


def ean13(value: str) -> Image.Image:
    return rasterise(createBarcodeDrawing("EAN13", value=value, barWidth=1, barHeight=40, humanReadable=False))


def in_a_photo(label: Image.Image, *, angle: float = 0, blur: float = 0, size: tuple[int, int] = (1600, 1200),
               label_width: int = 700) -> Image.Image:
    """The label on a parcel: scaled, turned, pasted on a noisy brown background, then blurred."""
    ratio = label_width / label.width
    sticker = Image.new("L", (label.width + 80, label.height + 160), 250)
    sticker.paste(label, (40, 40))
    ImageDraw.Draw(sticker).text((40, label.height + 60), "顺丰速运 收件人：张*  138****1234", fill=40)
    sticker = sticker.resize((int(sticker.width * ratio), int(sticker.height * ratio)), Image.Resampling.LANCZOS)
    mask = Image.new("L", sticker.size, 255)
    if angle:
        sticker = sticker.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        mask = mask.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=0)
    # Noise drawn at a quarter of the size keeps a 12 MP test photo quick to make.
    small = (max(1, size[0] // 4), max(1, size[1] // 4))
    background = Image.merge("RGB", [Image.effect_noise(small, 18).point(lambda v, k=k: v * 0.35 + k)
                                     .resize(size, Image.Resampling.BILINEAR) for k in (120, 90, 60)])
    background.paste(sticker.convert("RGB"), ((size[0] - sticker.width) // 2, (size[1] - sticker.height) // 2),
                     mask)
    return background.filter(ImageFilter.GaussianBlur(blur)) if blur else background


def as_jpeg(image: Image.Image, quality: int = 88) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


# ------------------------------------------------------------------ reading
def test_a_clean_code128_is_read_with_its_format() -> None:
    assert read_barcodes(code128(SF)) == [Barcode(SF, "Code128")]


def test_a_qr_code_is_read() -> None:
    assert read_barcodes(qr(SF)) == [Barcode(SF, "QRCode")]


@pytest.mark.parametrize("angle", [90, 180, 270, 4, -8])
def test_rotated_labels_are_read(angle: float) -> None:
    photo = in_a_photo(code128(SF), angle=angle)
    assert [b.text for b in read_barcodes(photo)] == [SF]


@pytest.mark.parametrize("angle", [22, -35])
def test_labels_tilted_well_off_the_axis_are_read(angle: float) -> None:
    assert [b.text for b in read_barcodes(in_a_photo(code128(SF), angle=angle))] == [SF]


@pytest.mark.parametrize("angle", [0, 90, 5])
def test_slightly_blurred_labels_are_read(angle: float) -> None:
    photo = in_a_photo(code128(SF), angle=angle, blur=1)
    assert [b.text for b in read_barcodes(as_jpeg(photo))] == [SF]


@pytest.mark.parametrize("angle", [0, 33, 180])
def test_a_qr_code_in_a_blurred_photo_is_read(angle: float) -> None:
    photo = in_a_photo(qr(SF), angle=angle, blur=1, label_width=400)
    assert [(b.text, b.format) for b in read_barcodes(photo)] == [(SF, "QRCode")]


def test_a_small_label_far_from_the_camera_is_read() -> None:
    photo = in_a_photo(code128(SF), size=(900, 700), label_width=300, blur=0.6)
    assert [b.text for b in read_barcodes(photo)] == [SF]


def test_an_image_without_a_barcode_gives_nothing(tmp_path: Path) -> None:
    photo = in_a_photo(Image.new("L", (300, 120), 255), blur=1)
    path = tmp_path / "parcel.jpg"
    path.write_bytes(as_jpeg(photo))
    assert read_barcodes(path) == []
    assert tracking_numbers_in(Image.new("L", (200, 100), 255)) == []


def test_paths_bytes_and_exif_rotated_jpegs_are_read(tmp_path: Path) -> None:
    # Stored sideways with an EXIF "rotate 90°" tag: the desk honours it before reading.
    sideways = in_a_photo(code128(SF)).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 8
    buffer = io.BytesIO()
    sideways.save(buffer, "JPEG", quality=90, exif=exif)
    path = tmp_path / "label.jpg"
    path.write_bytes(buffer.getvalue())
    assert [b.text for b in read_barcodes(path)] == [SF]
    assert [b.text for b in read_barcodes(buffer.getvalue())] == [SF]
    assert [b.text for b in read_barcodes(str(path))] == [SF]


def test_a_12_megapixel_photo_is_read() -> None:
    photo = in_a_photo(code128(SF), size=(4000, 3000), label_width=1300, angle=3, blur=1)
    assert [b.text for b in read_barcodes(as_jpeg(photo))] == [SF]


# ------------------------------------------------------------------ tracking numbers
def test_tracking_numbers_come_from_code128_and_qr() -> None:
    [info] = tracking_numbers_in(in_a_photo(code128(SF), angle=90, blur=1))
    assert (info.number, info.carrier) == (SF, Carrier.SF)
    [s10] = tracking_numbers_in(code128(S10))
    assert (s10.number, s10.carrier, s10.is_s10) == (S10, Carrier.EMS, True)


def test_a_tracking_number_inside_a_qr_link_is_found() -> None:
    link = f"https://www.sf-express.com/we/ow/chn/sc/waybill/waybill-detail/{SF}?lang=sc"
    assert [i.number for i in tracking_numbers_in(qr(link))] == [SF]


def test_texts_that_are_not_tracking_numbers_are_not_offered() -> None:
    # An EAN-13 product code reads fine, but is never a waybill number.
    product = ean13("690123456789")
    [barcode] = read_barcodes(product)
    assert barcode.format == "EAN13" and barcode.is_retail
    assert tracking_numbers_in(product) == []
    assert tracking_numbers_in(qr("欢迎光临 · 网点营业时间 8:00-20:00")) == []
    bad_check_digit = S10[:10] + str((int(S10[10]) + 1) % 10) + "CN"
    assert tracking_numbers_in(code128(bad_check_digit)) == []


def test_an_unreadable_input_is_a_clear_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.jpg"
    text.write_text("not an image", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_barcodes(text)
    assert caught.value.field == "image" and "notes.jpg" in caught.value.en
    with pytest.raises(ValidationError):
        read_barcodes(tmp_path / "missing.jpg")
