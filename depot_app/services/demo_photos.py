"""Evidence photos drawn from nothing, for demos, screenshots and tests.

Counter photos as a clerk takes them: a dented brown carton, a close-up of
the waybill label whose Code 128 barcode carries the case's tracking number
(readable by :func:`depot_app.services.barcodes.tracking_numbers_in`), the
parcel on a counter scale with its reading, and the broken contents. Drawn
with Pillow (lighting, grain, a little blur) and saved as JPEG, so they go
through the photo import exactly as a real photo does.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from depot_app.domain.vocabulary import PhotoSlot

FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"


@dataclass(frozen=True)
class DemoPhoto:
    """One generated photo: file name, JPEG bytes, the slot it belongs in and a caption."""

    name: str
    data: bytes
    slot: PhotoSlot
    caption: str


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(FONT_PATH), size, index=0)
    except OSError:  # pragma: no cover - the font ships with the desk
        return ImageFont.load_default()


def _jpeg(image: Image.Image, quality: int = 86) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _grain(image: Image.Image, amount: int, rng: random.Random) -> Image.Image:
    """Sensor-like noise, made at a quarter size and blown up (quick, and soft like a phone's)."""
    w, h = image.size
    noise = Image.effect_noise((max(1, w // 4), max(1, h // 4)), amount + rng.randint(0, 4))
    noise = noise.resize((w, h), Image.Resampling.BILINEAR).convert("RGB")
    return Image.blend(image.convert("RGB"), noise, 0.06)


def _vignette(image: Image.Image) -> Image.Image:
    w, h = image.size
    mask = Image.radial_gradient("L").resize((w, h))
    dark = Image.new("RGB", (w, h), (20, 18, 16))
    return Image.composite(dark, image, mask.point(lambda v: int(v * 0.55)))


def _counter(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A grey laminate counter top, lit from the upper left."""
    w, h = size
    base = Image.linear_gradient("L").rotate(-35, expand=False).resize((w, h))
    top = Image.merge("RGB", [base.point(lambda v, o=o: 150 + o + v // 5) for o in (6, 4, 0)])
    pen = ImageDraw.Draw(top)
    for _ in range(60):  # faint scratches
        x, y = rng.randrange(w), rng.randrange(h)
        pen.line((x, y, x + rng.randint(-80, 80), y + rng.randint(-6, 6)), fill=(175, 172, 166), width=1)
    return top


def _code128_bars(value: str, module: int, height: int) -> Image.Image:
    """The Code 128 symbol for ``value`` (reportlab encodes, Pillow draws), with quiet zones."""
    from reportlab.graphics.barcode.code128 import Code128  # type: ignore[import-untyped]

    symbol = Code128(value, barWidth=1)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    widths = [(c.isupper(), ord(c.upper()) - ord("A") + 1) for c in symbol.decomposed]
    quiet = 10 * module
    total = sum(n for _bar, n in widths) * module + 2 * quiet
    image = Image.new("L", (total, height), 255)
    pen = ImageDraw.Draw(image)
    x = quiet
    for is_bar, n in widths:
        if is_bar:
            pen.rectangle((x, 0, x + n * module - 1, height - 1), fill=0)
        x += n * module
    return image


def waybill_label(tracking_no: str, *, width: int = 760, carrier: str = "顺丰速运") -> Image.Image:
    """A courier waybill sticker: carrier, barcode, number, masked addresses (drawn at 760 px, then scaled)."""
    if width != 760:
        full = waybill_label(tracking_no, carrier=carrier)
        return full.resize((width, int(full.height * width / full.width)), Image.Resampling.LANCZOS)
    bars = _code128_bars(tracking_no, 3, 150)
    height = int(width * 1.05)
    label = Image.new("RGB", (width, height), (250, 250, 246))
    pen = ImageDraw.Draw(label)
    ink = (25, 25, 25)
    pen.rectangle((0, 0, width - 1, 86), fill=(24, 24, 24))
    pen.text((24, 14), carrier, font=_font(48), fill=(250, 250, 250))
    pen.text((width - 24, 43), "标准快递", font=_font(30), fill=(250, 250, 250), anchor="rm")
    scale = min(1.0, (width - 40) / bars.width)
    bars = bars.resize((int(bars.width * scale), bars.height), Image.Resampling.NEAREST)
    label.paste(bars.convert("RGB"), ((width - bars.width) // 2, 110))
    number = " ".join(tracking_no[i:i + 4] for i in range(0, len(tracking_no), 4))
    pen.text((width // 2, 282), number, font=_font(34), fill=ink, anchor="mt")
    y = 338
    pen.line((16, y, width - 16, y), fill=ink, width=3)
    rows = (("收", "王*明  138****5678", "上海市浦东新区张江路88弄*号"),
            ("寄", "杭州好物电商", "浙江省杭州市余杭区文一西路"))
    for mark, who, where in rows:
        pen.rectangle((20, y + 18, 78, y + 76), outline=ink, width=3)
        pen.text((49, y + 47), mark, font=_font(38), fill=ink, anchor="mm")
        pen.text((100, y + 14), who, font=_font(32), fill=ink)
        pen.text((100, y + 56), where, font=_font(26), fill=(60, 60, 60))
        y += 112
        pen.line((16, y, width - 16, y), fill=(120, 120, 120), width=2)
    pen.text((20, y + 20), "物品：玻璃水杯 ×2    重量：2.40 kg", font=_font(28), fill=ink)
    pen.text((20, y + 62), "签收人：            日期：", font=_font(28), fill=ink)
    pen.rectangle((0, 0, width - 1, height - 1), outline=(200, 200, 195), width=2)
    return label


def _carton(size: tuple[int, int], *, dent: bool, rng: random.Random) -> tuple[Image.Image, Image.Image]:
    """A brown carton seen from above at an angle; returns (image, alpha mask)."""
    w, h = size
    image = Image.new("RGB", (w, h), (0, 0, 0))
    mask = Image.new("L", (w, h), 0)
    pen, mpen = ImageDraw.Draw(image), ImageDraw.Draw(mask)
    tl, tr = (int(w * .18), int(h * .10)), (int(w * .86), int(h * .16))
    corner, bl = (int(w * .80), int(h * .52)), (int(w * .10), int(h * .46))
    foot_l, foot_r, foot_s = (int(w * .10), int(h * .86)), (int(w * .80), int(h * .92)), (int(w * .95), int(h * .62))
    if dent:
        # The top front corner is crushed in: three edges stop short of it and a facet joins them.
        on_top, on_front, on_side = (int(w * .73), int(h * .46)), (int(w * .78), int(h * .64)), \
            (int(w * .85), int(h * .38))
        faces = [([tl, tr, on_side, on_top, bl], (196, 150, 98)),
                 ([bl, on_top, on_front, foot_r, foot_l], (165, 120, 74)),
                 ([tr, foot_s, foot_r, on_front, on_side], (138, 98, 58)),
                 ([on_top, on_side, on_front], (104, 70, 38))]
    else:
        faces = [([tl, tr, corner, bl], (196, 150, 98)), ([bl, corner, foot_r, foot_l], (165, 120, 74)),
                 ([tr, foot_s, foot_r, corner], (138, 98, 58))]
    for poly, colour in faces:
        pen.polygon(poly, fill=colour)
        mpen.polygon(poly, fill=255)
    # Corrugated-card texture and printing.
    texture = Image.effect_noise((w // 3, h // 3), 18).resize((w, h)).convert("RGB")
    image = Image.composite(Image.blend(image, texture, 0.10), image, mask)
    pen = ImageDraw.Draw(image)
    tape = [(int(w * .15), int(h * .28)), (int(w * .84), int(h * .34)), (int(w * .84), int(h * .39)),
            (int(w * .14), int(h * .33))]
    pen.polygon(tape, fill=(214, 196, 160))
    pen.line([tape[0], tape[1]], fill=(235, 222, 190), width=3)
    pen.text((int(w * .22), int(h * .62)), "易碎 小心轻放", font=_font(int(h * .06)), fill=(120, 40, 30))
    pen.text((int(w * .22), int(h * .72)), "FRAGILE  ↑↑", font=_font(int(h * .045)), fill=(120, 40, 30))
    if dent:
        # Creases running out of the crushed corner, each a dark fold with a lit edge.
        on_top, on_side, on_front = (int(w * .73), int(h * .46)), (int(w * .85), int(h * .38)), \
            (int(w * .78), int(h * .64))
        for start_pt, angles in ((on_top, (200, 225, 250)), (on_front, (120, 150)), (on_side, (300, 330))):
            for deg in angles:
                a = math.radians(deg + rng.uniform(-8, 8))
                length = w * rng.uniform(.05, .11)
                end_pt = (start_pt[0] + math.cos(a) * length, start_pt[1] + math.sin(a) * length)
                pen.line((start_pt, end_pt), fill=(96, 64, 34), width=5)
                pen.line(((start_pt[0] + 3, start_pt[1] - 3), (end_pt[0] + 3, end_pt[1] - 3)),
                         fill=(218, 180, 132), width=2)
        pen.line((on_top, on_front), fill=(70, 44, 20), width=4)
        pen.line((on_top, on_side), fill=(228, 190, 140), width=3)
    return image, mask


def _shadowed(background: Image.Image, thing: Image.Image, mask: Image.Image, offset: tuple[int, int]) -> Image.Image:
    shadow = mask.filter(ImageFilter.GaussianBlur(30)).point(lambda v: int(v * 0.55))
    dark = Image.new("RGB", background.size, (40, 38, 36))
    shifted = Image.new("L", background.size, 0)
    shifted.paste(shadow, offset)
    out = Image.composite(dark, background, shifted)
    return Image.composite(thing, out, mask)


def exterior_photo(tracking_no: str, size: tuple[int, int], rng: random.Random, carrier: str) -> Image.Image:
    counter = _counter(size, rng)
    carton, mask = _carton(size, dent=True, rng=rng)
    photo = _shadowed(counter, carton, mask, (30, 40))
    w, h = size
    label = waybill_label(tracking_no, width=int(w * .22), carrier=carrier)
    sticker = label.rotate(8, Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0))
    smask = Image.new("L", label.size, 255).rotate(8, Image.Resampling.BICUBIC, expand=True, fillcolor=0)
    photo.paste(sticker, (int(w * .30), int(h * .12)), smask)
    return _vignette(_grain(photo, 30, rng)).filter(ImageFilter.GaussianBlur(0.8))


def label_photo(tracking_no: str, size: tuple[int, int], rng: random.Random, carrier: str) -> Image.Image:
    w, h = size
    card = Image.new("RGB", size, (186, 140, 90))
    texture = Image.effect_noise((w // 3, h // 3), 20).resize(size).convert("RGB")
    card = Image.blend(card, texture, 0.10)
    ImageDraw.Draw(card).rectangle((0, int(h * .78), w, h), fill=(208, 190, 154))  # packing tape
    label = waybill_label(tracking_no, width=int(h * .80), carrier=carrier)
    angle = rng.uniform(-6, -3)
    rotated = label.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0))
    mask = Image.new("L", label.size, 255).rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=0)
    x, y = (w - rotated.width) // 2, (h - rotated.height) // 2
    card.paste(rotated, (x, y), mask)
    light = Image.linear_gradient("L").resize(size).rotate(90).point(lambda v: v // 6)
    card = Image.composite(Image.new("RGB", size, (255, 250, 235)), card, light)
    return _vignette(_grain(card, 24, rng)).filter(ImageFilter.GaussianBlur(0.6))


def scale_photo(size: tuple[int, int], rng: random.Random, reading: str = "1.85") -> Image.Image:
    w, h = size
    photo = _counter(size, rng)
    pen = ImageDraw.Draw(photo)
    # The scale: a steel platform and a display console.
    pen.rounded_rectangle((int(w * .12), int(h * .30), int(w * .88), int(h * .86)), 24, fill=(95, 98, 104))
    pen.rounded_rectangle((int(w * .15), int(h * .33), int(w * .85), int(h * .70)), 18, fill=(196, 200, 204))
    for i in range(14):  # brushed steel
        y = int(h * .34) + i * int(h * .025)
        pen.line((int(w * .16), y, int(w * .84), y), fill=(206, 210, 214), width=2)
    carton, mask = _carton((int(w * .50), int(h * .36)), dent=False, rng=rng)
    box_layer = Image.new("RGB", size)
    box_mask = Image.new("L", size, 0)
    box_layer.paste(carton, (int(w * .25), int(h * .30)))
    box_mask.paste(mask, (int(w * .25), int(h * .30)))
    photo = _shadowed(photo, box_layer, box_mask, (18, 24))
    pen = ImageDraw.Draw(photo)
    pen.rounded_rectangle((int(w * .30), int(h * .72), int(w * .70), int(h * .84)), 12, fill=(40, 42, 46))
    pen.rectangle((int(w * .34), int(h * .74), int(w * .62), int(h * .82)), fill=(120, 170, 110))
    pen.text((int(w * .60), int(h * .78)), f"{reading}", font=_font(int(h * .07)), fill=(20, 40, 20),
             anchor="rm")
    pen.text((int(w * .645), int(h * .78)), "kg", font=_font(int(h * .035)), fill=(230, 230, 230), anchor="mm")
    pen.ellipse((int(w * .665), int(h * .755), int(w * .69), int(h * .785)), fill=(200, 40, 40))
    return _vignette(_grain(photo, 28, rng)).filter(ImageFilter.GaussianBlur(0.7))


def contents_photo(size: tuple[int, int], rng: random.Random) -> Image.Image:
    w, h = size
    photo = Image.new("RGB", size, (150, 110, 68))  # inside the carton
    pen = ImageDraw.Draw(photo)
    for _ in range(900):  # crumpled packing paper: small irregular facets in many tones
        x, y = rng.randrange(-40, w + 40), rng.randrange(-40, h + 40)
        r = rng.randint(25, 60)
        tone = rng.randint(176, 246)
        pts = [(x + math.cos(k * 2 * math.pi / 6 + rng.uniform(-.4, .4)) * r * rng.uniform(.5, 1.1),
                y + math.sin(k * 2 * math.pi / 6 + rng.uniform(-.4, .4)) * r * rng.uniform(.5, 1.1)) for k in range(6)]
        pen.polygon(pts, fill=(tone, tone - 4, tone - 14))
    photo = photo.filter(ImageFilter.GaussianBlur(3))
    pen = ImageDraw.Draw(photo)
    cx, cy = w // 2, h // 2
    # The glass: a tumbler lying on its side, broken open, shards around it.
    body = [(cx - 240, cy - 90), (cx + 170, cy - 130), (cx + 200, cy + 120), (cx - 220, cy + 70)]
    pen.polygon(body, fill=(205, 222, 226), outline=(248, 252, 252))
    pen.ellipse((cx + 130, cy - 135, cx + 250, cy + 125), outline=(250, 255, 255), width=6)
    for _ in range(9):  # cracks
        x0, y0 = cx + rng.randint(-200, 150), cy + rng.randint(-80, 80)
        pen.line((x0, y0, x0 + rng.randint(-90, 90), y0 + rng.randint(-70, 70)), fill=(250, 255, 255), width=3)
    for _ in range(26):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(220, h * .40)
        sx, sy = cx + math.cos(a) * d, cy + math.sin(a) * d * .7
        pts = [(sx + rng.uniform(-45, 45), sy + rng.uniform(-30, 30)) for _ in range(3)]
        pen.polygon(pts, fill=(214, 232, 236), outline=(250, 255, 255))
    return _vignette(_grain(photo, 26, rng)).filter(ImageFilter.GaussianBlur(0.7))


def demo_photos(tracking_no: str, *, size: tuple[int, int] = (1600, 1200), seed: int = 7,
                carrier: str = "顺丰速运") -> list[DemoPhoto]:
    """Four counter photos of a damaged parcel, for the given tracking number and carrier name."""
    rng = random.Random(seed)
    return [
        DemoPhoto("IMG_20261120_101502.jpg", _jpeg(exterior_photo(tracking_no, size, rng, carrier)), PhotoSlot.EXTERIOR,
                  "外箱右上角压瘪，胶带完好"),
        DemoPhoto("IMG_20261120_101517.jpg", _jpeg(label_photo(tracking_no, size, rng, carrier)), PhotoSlot.LABEL,
                  "面单清晰，单号可辨"),
        DemoPhoto("IMG_20261120_101540.jpg", _jpeg(scale_photo(size, rng)), PhotoSlot.SCALE,
                  "复称 1.85 kg，面单记 2.40 kg"),
        DemoPhoto("IMG_20261120_101612.jpg", _jpeg(contents_photo(size, rng)), PhotoSlot.CONTENTS,
                  "开箱：玻璃水杯碎裂"),
    ]
