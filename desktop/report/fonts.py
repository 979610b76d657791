"""Embedded TrueType fonts for reports, and a check of which characters they cover.

Every style uses the shipped DejaVu Sans family so the PDF carries its own
fonts: client names are not always Latin-1 (reliability.md §5.1) and a
non-embedded Helvetica shows black squares for Vietnamese, Polish or Greek
letters. DejaVu lacks CJK, so a system fallback font (Droid Sans Fallback,
WenQuanYi, a TrueType Noto CJK) is looked up once and used only for the
characters DejaVu lacks. When no fallback exists, ``check_text_coverage`` lets
the window warn before export instead of printing empty boxes.

reportlab is imported lazily: the window imports this module to check names
and should not pay for reportlab until a PDF is written.
"""

from __future__ import annotations

import os
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.paths import resource

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "MediusSans"
BOLD = "MediusSans-Bold"
ITALIC = "MediusSans-Oblique"
BOLD_ITALIC = "MediusSans-BoldOblique"
FALLBACK = "MediusFallback"

_FAMILY_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

# Fallback fonts with TrueType outlines and wide CJK coverage, best first.
# reportlab embeds only glyf-outline fonts, so CFF-based .otf/.ttc files are
# tried and skipped if they fail to load.
_FALLBACK_NAMES = (
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.ttf",
    "NotoSansSC-Regular.ttf",
    "msyh.ttc",
    "simsun.ttc",
    "Arial Unicode.ttf",
    "ArialUnicode.ttf",
)

_lock = threading.Lock()


@dataclass(frozen=True)
class FontSet:
    """Registered font names for one process; ``fallback`` is None when no system font was found."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallback: str | None


def font_folders() -> list[Path]:
    """Common system font folders on Linux, macOS and Windows, plus the user's own."""
    home = Path.home()
    folders = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local" / "share" / "fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        home / "Library" / "Fonts",
    ]
    windir = os.environ.get("WINDIR")
    if windir or sys.platform.startswith("win"):
        folders.append(Path(windir or r"C:\Windows") / "Fonts")
    return [f for f in folders if f.is_dir()]


def find_fallback_font_files(folders: Iterable[Path] | None = None) -> list[Path]:
    """Candidate CJK fallback font files present on this machine, best first."""
    wanted = {name.lower(): rank for rank, name in enumerate(_FALLBACK_NAMES)}
    found: list[tuple[int, Path]] = []
    for folder in folders if folders is not None else font_folders():
        for root, _dirs, files in os.walk(folder):
            for name in files:
                rank = wanted.get(name.lower())
                if rank is not None:
                    found.append((rank, Path(root) / name))
    return [path for _rank, path in sorted(found)]


def _load_ttf(name: str, path: Path) -> TTFont | None:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        if path.suffix.lower() == ".ttc":
            return TTFont(name, str(path), subfontIndex=0)
        return TTFont(name, str(path))
    except (TTFError, OSError, ValueError, KeyError):
        return None


@lru_cache(maxsize=1)
def _primary_font() -> TTFont:
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(REGULAR, str(resource("fonts", _FAMILY_FILES[REGULAR])))


@lru_cache(maxsize=1)
def _fallback_font() -> TTFont | None:
    for path in find_fallback_font_files():
        font = _load_ttf(FALLBACK, path)
        if font is not None:
            return font
    return None


def register_fonts() -> FontSet:
    """Register the DejaVu family (once per process) and return the names to use.

    The fallback is registered lazily by ``ensure_fallback`` because loading a
    4 MB CJK font costs about 0.1 s and most reports never need it.
    """
    with _lock:
        return _register_family()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """The ToUnicode CMap of a font subset (which character each glyph shows), as reportlab's
    ``makeToUnicodeCMap`` writes it, except that a character beyond U+FFFF is written as its
    UTF-16 surrogate pair, as the PDF reference asks. reportlab writes five hex digits there,
    which PDF readers reject: a name holding such a character (an emoji, a rare CJK character)
    could be seen in the letter but not searched for or copied out of it."""
    def utf16(code: int) -> str:
        if code <= 0xFFFF:
            return f"{code:04X}"
        code -= 0x10000
        return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@lru_cache(maxsize=1)
def _register_family() -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    ttfonts.makeToUnicodeCMap = to_unicode_cmap  # looked up by name when a subset is written

    for name, filename in _FAMILY_FILES.items():
        font = _primary_font() if name == REGULAR else TTFont(name, str(resource("fonts", filename)))
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)
    return FontSet(REGULAR, BOLD, ITALIC, BOLD_ITALIC, None)


def ensure_fallback() -> str | None:
    """Register the system fallback font if one exists; return its name or None."""
    with _lock:
        return _register_fallback()


@lru_cache(maxsize=1)
def _register_fallback() -> str | None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    font = _fallback_font()
    if font is None:
        return None
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
    )
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK, bold, italic, FALLBACK)
    return FALLBACK


def _ignorable(char: str) -> bool:
    """Whitespace and control characters never need a glyph."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def primary_covers(char: str) -> bool:
    return ord(char) in _primary_font().face.charToGlyph or _ignorable(char)


def fallback_covers(char: str) -> bool:
    font = _fallback_font()
    return font is not None and ord(char) in font.face.charToGlyph


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that no available font can draw, in order of first appearance.

    Text is NFC-normalised first, as the report does, so a name typed with
    combining accents is judged by the precomposed letters actually printed.
    """
    missing: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in missing or primary_covers(char) or fallback_covers(char):
            continue
        missing.append(char)
    return missing


def check_text_coverage(texts: Iterable[str | None]) -> list[str]:
    """Uncovered characters across several texts (names, notes, clinic details), no repeats."""
    missing: list[str] = []
    for text in texts:
        for char in missing_glyphs(text or ""):
            if char not in missing:
                missing.append(char)
    return missing
