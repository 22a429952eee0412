"""The Chinese font every PDF embeds, registered with reportlab once per process.

WenQuanYi Micro Hei ships in ``resources/fonts`` as a TrueType collection.
reportlab embeds only the glyphs a document uses (a subset), so a case report
is a few hundred kilobytes and renders the same on a machine that has no
Chinese font at all. Parsing the 5 MB collection takes about half a second,
so it happens once, on first use (the desk may call :func:`register_fonts`
early, off the GUI thread, to have it ready).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

#: The name documents use for the embedded Chinese font.
FONT_NAME = "WQY"
#: Where the font lives in the source tree.
FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
#: A standard PDF font (never embedded, present in every viewer) for Latin-only display text.
LATIN_BOLD = "Helvetica-Bold"

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the embedded Chinese font (idempotent, thread-safe); returns its name."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            if not FONT_PATH.is_file():
                from depot_app.domain.errors import ConfigurationError

                raise ConfigurationError(
                    f"The PDF font {FONT_PATH} is missing; reinstall Depot Desk.",
                    f"缺少 PDF 字体文件 {FONT_PATH}，请重新安装本软件。")
            # subfontIndex 0 is the proportional face of the collection.
            font = TTFont(FONT_NAME, str(FONT_PATH), subfontIndex=0)
            pdfmetrics.registerFont(font)
            # The face has no bold or italic: map them to itself so <b>/<i> markup never fails.
            pdfmetrics.registerFontFamily(FONT_NAME, normal=FONT_NAME, bold=FONT_NAME,
                                          italic=FONT_NAME, boldItalic=FONT_NAME)
            _registered = True
    return FONT_NAME


def has_glyph(char: str) -> bool:
    """Whether the embedded font can draw ``char`` (registers the font if needed)."""
    register_fonts()
    font = pdfmetrics.getFont(FONT_NAME)
    return ord(char) in font.face.charToGlyph
