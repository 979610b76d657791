"""services.documents: the saved PDF's pages as RGB images, for preview and printing."""

from __future__ import annotations

import io

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from desktop.services.documents import page_count, page_images


def two_pages() -> bytes:
    """Page 1: 144 x 72 pt, all red. Page 2: 72 x 72 pt, all blue."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(144, 72))
    canvas.setFillColor(Color(1, 0, 0))
    canvas.rect(0, 0, 144, 72, stroke=0, fill=1)
    canvas.showPage()
    canvas.setPageSize((72, 72))
    canvas.setFillColor(Color(0, 0, 1))
    canvas.rect(0, 0, 72, 72, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _pixel(rgb: bytes, stride: int, x: int, y: int) -> tuple[int, int, int]:
    at = y * stride + 3 * x
    return rgb[at], rgb[at + 1], rgb[at + 2]


def test_pages_are_drawn_at_the_asked_resolution_in_rgb_order() -> None:
    pdf = two_pages()
    assert page_count(pdf) == 2
    reports: list[tuple[int, str]] = []
    first, second = page_images(pdf, dpi=36.0, progress=lambda percent, text: reports.append((percent, text)))
    # 36 dpi is half of 72 points per inch: 144 x 72 pt -> 72 x 36 px, 72 x 72 pt -> 36 x 36 px.
    assert (first.width_px, first.height_px, first.width_pt, first.height_pt) == (72, 36, 144.0, 72.0)
    assert (second.width_px, second.height_px) == (36, 36)
    assert first.stride >= 3 * 72 and len(first.rgb) == first.stride * 36
    assert _pixel(first.rgb, first.stride, 36, 18) == (255, 0, 0)  # red first, not blue: RGB, not BGR
    assert _pixel(second.rgb, second.stride, 18, 18) == (0, 0, 255)
    assert reports == [(50, "page 1 of 2"), (100, "page 2 of 2")]
