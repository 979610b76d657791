"""A small base for the client handout and the clinic outcome report.

Both are reportlab documents with the embedded DejaVu family, the fallback
font for characters DejaVu lacks (client names are not always Latin-1), one
stylesheet per document and a "Page X of Y" footer. Subclasses set the page
geometry and add their styles and story.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from desktop.report import fonts, wording

MM = 72.0 / 25.4


def markup(value: str | None, fallback: str | None) -> str:
    """Escaped paragraph markup; characters DejaVu lacks go to the ``fallback`` font when given."""
    raw = wording.nfc(value or "")
    if fallback is None:
        return wording.xml(raw)
    out: list[str] = []
    run: list[str] = []
    run_fallback = False

    def flush() -> None:
        escaped = wording.xml("".join(run))
        out.append(f'<font name="{fallback}">{escaped}</font>' if run_fallback else escaped)

    for ch in raw:
        use_fallback = not fonts.primary_covers(ch) and fonts.fallback_covers(ch)
        if run and use_fallback != run_fallback:
            flush()
            run = []
        run.append(ch)
        run_fallback = use_fallback
    if run:
        flush()
    return "".join(out)


def numbered_canvas(font: str, size: float, colour: Any, right_x: float, footer_y: float) -> Callable[..., Any]:
    """A canvas class that writes "Page X of Y" at (right_x, footer_y) once the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type information
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self.saveState()
                self.setFont(font, size)
                self.setFillColor(colour)
                self.drawRightString(right_x, footer_y, f"Page {self._pageNumber} of {total}")
                self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def fit_drawing(drawing: Any, font: str, max_w: float, max_h: float) -> Any:
    """Scale an illustration into a box, keeping its aspect, with the embedded font on every text node."""
    from desktop.report import charts

    charts.force_fonts(drawing, font)
    scale = min(max_w / drawing.width, max_h / drawing.height)
    drawing.scale(scale, scale)
    drawing.width *= scale
    drawing.height *= scale
    return drawing


class PlainDocument:
    """Fonts, escaped text with font fallback, and a numbered canvas; no layout of its own."""

    page_name = "A4"
    margin_left = 18 * MM
    margin_right = 18 * MM
    margin_top = 16 * MM
    margin_bottom = 20 * MM
    footer_size = 9.0

    ink = (0.10, 0.11, 0.13)
    muted = (0.33, 0.36, 0.40)
    accent = (0.10, 0.33, 0.55)
    rule = (0.70, 0.73, 0.77)
    shade = (0.94, 0.95, 0.97)
    warm = (1.0, 0.96, 0.85)
    alert = (0.62, 0.07, 0.09)

    def __init__(self, texts: Iterable[str], *, page_name: str | None = None, invariant: bool = False) -> None:
        self.invariant = invariant
        if page_name:
            self.page_name = page_name
        self.fontset = fonts.register_fonts()
        needs = any(not fonts.primary_covers(ch) for text in texts for ch in wording.nfc(text or ""))
        self.fallback = fonts.ensure_fallback() if needs else None

    def colour(self, rgb: tuple[float, float, float]) -> Any:
        from reportlab.lib.colors import Color

        return Color(*rgb)

    def page_size(self) -> tuple[float, float]:
        from reportlab.lib.pagesizes import A4, LETTER

        size: tuple[float, float] = LETTER if (self.page_name or "").lower() == "letter" else A4
        return size

    @property
    def content_width(self) -> float:
        return self.page_size()[0] - self.margin_left - self.margin_right

    def text(self, value: str | None) -> str:
        """Escaped paragraph markup; characters DejaVu lacks are set in the fallback font."""
        return markup(value, self.fallback)

    def build(self, story: list[Any], *, title: str, author: str, subject: str,
              footer: Callable[[Any, Any], None] | None = None) -> bytes:
        """Lay out ``story`` on one frame per page and return the PDF bytes."""
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        buffer = io.BytesIO()
        width, height = self.page_size()
        doc = BaseDocTemplate(
            buffer, pagesize=(width, height),
            leftMargin=self.margin_left, rightMargin=self.margin_right,
            topMargin=self.margin_top, bottomMargin=self.margin_bottom,
            title=wording.nfc(title), author=wording.nfc(author), subject=subject, creator="Medius",
            invariant=1 if self.invariant else 0, initialFontName=self.fontset.regular,
        )  # fmt: skip
        frame = Frame(
            self.margin_left, self.margin_bottom, self.content_width,
            height - self.margin_top - self.margin_bottom,
            id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer or (lambda c, d: None))])
        doc.build(story, canvasmaker=self.numbered_canvas())
        return buffer.getvalue()

    def numbered_canvas(self) -> Callable[..., Any]:
        """A canvas class that writes "Page X of Y" once the page count is known."""
        return numbered_canvas(self.fontset.regular, self.footer_size, self.colour(self.muted),
                               self.page_size()[0] - self.margin_right, self.margin_bottom - 10 * MM)
