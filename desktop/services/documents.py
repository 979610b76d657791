"""PDF pages as images, for the window's preview and for printing (no Qt here).

The preview and the printer show the very PDF that is saved: its pages are
rasterised with PDFium, off the GUI thread, at the resolution asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageImage:
    """One page as 8-bit RGB rows (``stride`` bytes each), with its size in points."""

    width_px: int
    height_px: int
    stride: int
    rgb: bytes
    width_pt: float
    height_pt: float


def page_count(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def page_images(pdf: bytes, dpi: float = 110.0, progress: Callable[[int, str], None] | None = None) -> list[PageImage]:
    """Every page of ``pdf`` drawn at ``dpi``; ``progress(percent, message)`` after each page."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        total = len(document)
        pages: list[PageImage] = []
        for index in range(total):
            page = document[index]
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, maybe_alpha=False)
            pages.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer),
                                   width_pt, height_pt))
            bitmap.close()
            page.close()
            if progress is not None:
                progress(int(100 * (index + 1) / total), f"page {index + 1} of {total}")
        return pages
    finally:
        document.close()
