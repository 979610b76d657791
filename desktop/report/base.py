"""Page set-up, styles and layout primitives every referral PDF shares.

A renderer class fed by data (``ReportData``): page size, margins, fonts and
colours are class attributes; the section mixins (findings, trends, program
pages, urgent letter) build on these primitives.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from desktop.report import document, fonts, wording
from desktop.report.data import ReportData
from desktop.report.wording import DASH

MM = 72.0 / 25.4


def stage_name(stage: int) -> str:
    """Stage title from the exercise library (clinical-reference §7.3)."""
    from desktop.clinical.exercises import STAGE_NAMES

    return STAGE_NAMES.get(stage, f"Stage {stage}")

class ReportBase:
    """Platypus document with page templates: letterhead first page, running header after.

    Page geometry, fonts and colours are class attributes so a clinic variant
    can subclass and change them without touching the layout code.
    """

    default_page_size = "A4"
    margin_left = 18 * MM
    margin_right = 18 * MM
    margin_top = 16 * MM
    margin_bottom = 18 * MM
    running_header_height = 15 * MM
    font_size = 9.0
    leading = 12.5

    ink = (0.13, 0.15, 0.18)
    muted = (0.38, 0.41, 0.45)
    accent = (0.10, 0.33, 0.55)
    rule = (0.78, 0.80, 0.83)
    shade = (0.95, 0.96, 0.97)
    urgent = (0.70, 0.08, 0.10)

    illustration_box = (46 * MM, 38 * MM)

    def __init__(self, data: ReportData, *, invariant: bool = False) -> None:
        self.data = data
        self.invariant = invariant
        self.fontset = fonts.register_fonts()
        self.fallback = self._fallback_if_needed()
        self.styles = self._stylesheet()

    # ------------------------------------------------------------------ setup

    def _all_texts(self) -> list[str]:
        d = self.data
        s = d.settings
        texts = [
            d.client.given_name, d.client.family_name, d.client.external_id or "",
            s.clinic_name, s.address, s.phone, s.email, s.website, s.provider_number,
            s.clinician_name, s.clinician_credentials, d.assessment.clinician or "",
            d.assessment.reason or "",
        ]  # fmt: skip
        if d.assessment.referrer:
            texts += [d.assessment.referrer.name or "", d.assessment.referrer.practice or ""]
        if d.clinician is not None:
            texts += [d.clinician.name, d.clinician.qualifications, d.clinician.registration_number, d.clinician.phone]
        texts += [item.activity for item in d.assessment.psfs]
        for card in d.program:
            texts += [card.name, card.notes, *card.steps, *card.cues]
        return texts

    def _fallback_if_needed(self) -> str | None:
        needs = any(
            not fonts.primary_covers(ch) for text in self._all_texts() for ch in wording.nfc(text)
        )
        return fonts.ensure_fallback() if needs else None

    def _colour(self, rgb: tuple[float, float, float]) -> Any:
        from reportlab.lib.colors import Color

        return Color(*rgb)

    def _stylesheet(self) -> Any:
        """One named stylesheet; every style names its font so no default Helvetica creeps in."""
        from reportlab.lib.enums import TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle, StyleSheet1

        f = self.fontset
        ink, muted, accent = self._colour(self.ink), self._colour(self.muted), self._colour(self.accent)
        sheet = StyleSheet1()
        base = ParagraphStyle(
            "Body", fontName=f.regular, fontSize=self.font_size, leading=self.leading,
            textColor=ink, alignment=TA_LEFT, spaceAfter=4, allowWidows=0, allowOrphans=0,
        )  # fmt: skip
        sheet.add(base)

        def add(name: str, **kw: Any) -> None:
            kw.setdefault("fontName", f.regular)
            sheet.add(ParagraphStyle(name, parent=base, **kw))

        add("BodyTight", spaceAfter=1)
        add("Small", fontSize=7.8, leading=10, spaceAfter=2)
        add("Muted", fontSize=7.8, leading=10, textColor=muted, spaceAfter=2)
        add("Right", alignment=TA_RIGHT, spaceAfter=0)
        add("ClinicName", fontName=f.bold, fontSize=15, leading=18, textColor=accent, spaceAfter=2)
        add("Letterhead", fontSize=8.2, leading=10.5, textColor=muted, spaceAfter=0)
        add("Title", fontName=f.bold, fontSize=13, leading=16, spaceBefore=4, spaceAfter=6)
        add("UrgentTitle", fontName=f.bold, fontSize=14, leading=18, textColor=self._colour(self.urgent),
            spaceBefore=4, spaceAfter=8)  # fmt: skip
        add("H1", fontName=f.bold, fontSize=14, leading=17, textColor=accent, spaceAfter=6, keepWithNext=1)
        add("H2", fontName=f.bold, fontSize=10.5, leading=13, textColor=accent, spaceBefore=8,
            spaceAfter=3, keepWithNext=1)  # fmt: skip
        add("H3", fontName=f.bold, fontSize=9.2, leading=12, spaceBefore=4, spaceAfter=2, keepWithNext=1)
        add("Cell", fontSize=8.2, leading=10.2, spaceAfter=0)
        add("CellBold", fontName=f.bold, fontSize=8.2, leading=10.2, spaceAfter=0)
        add("CellHead", fontName=f.bold, fontSize=7.8, leading=9.8, textColor=muted, spaceAfter=0)
        add("CellIndent", fontSize=8.2, leading=10.2, leftIndent=10, spaceAfter=0)
        add("CellRight", fontSize=8.2, leading=10.2, alignment=TA_RIGHT, spaceAfter=0)
        add("Bullet", leftIndent=11, bulletIndent=2, spaceAfter=2, bulletFontName=f.regular,
            bulletFontSize=self.font_size)  # fmt: skip
        add("CardTitle", fontName=f.bold, fontSize=10.5, leading=13, textColor=accent, spaceAfter=1)
        add("CardMeta", fontSize=7.6, leading=9.5, textColor=muted, spaceAfter=3)
        add("CardText", fontSize=8.4, leading=10.8, spaceAfter=1.5)
        add("CardStep", fontSize=8.4, leading=10.8, leftIndent=11, bulletIndent=0, spaceAfter=1.5,
            bulletFontName=f.regular, bulletFontSize=8.4)  # fmt: skip
        add("Header", fontSize=7.8, leading=9.5, textColor=muted, spaceAfter=0)
        add("HeaderRight", fontSize=7.8, leading=9.5, textColor=muted, alignment=TA_RIGHT, spaceAfter=0)
        return sheet

    # ---------------------------------------------------------------- helpers

    def text(self, value: str | None) -> str:
        """Escaped paragraph markup; characters DejaVu lacks go to the fallback font."""
        return document.markup(value, self.fallback)

    def para(self, markup: str, style: str = "Body") -> Any:
        from desktop.report.paragraphs import Para

        return Para(markup, self.styles[style])

    def bullets(self, items: Sequence[str], style: str = "Bullet", *, numbered: bool = False) -> list[Any]:
        from desktop.report.paragraphs import Para

        out = []
        for index, item in enumerate(items, start=1):
            bullet = f"{index}." if numbered else "•"
            out.append(Para(self.text(item), self.styles[style], bulletText=bullet))
        return out

    def table(
        self,
        rows: list[list[Any]],
        widths: Sequence[float],
        *,
        header: bool = True,
        zebra: bool = True,
        extra: Sequence[tuple[Any, ...]] = (),
    ) -> Any:
        from reportlab.platypus import Table, TableStyle

        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, self._colour(self.rule)),
            ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular),
        ]
        if header:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.7, self._colour(self.accent)))
            commands.append(("REPEATROWS", 1))
        if zebra:
            for row in range(1 if header else 0, len(rows)):
                if (row - (1 if header else 0)) % 2 == 1:
                    commands.append(("BACKGROUND", (0, row), (-1, row), self._colour(self.shade)))
        commands.extend(extra)
        table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
        table.setStyle(TableStyle([c for c in commands if c[0] != "REPEATROWS"]))
        return table

    def _grid(self, rows: list[list[Any]], **kwargs: Any) -> Any:
        """A layout table whose own font is the embedded one (reportlab's default is Helvetica)."""
        from reportlab.platypus import Table, TableStyle

        table = Table(rows, **kwargs)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fontset.regular)]))
        return table

    def cells(self, values: Sequence[str], style: str = "Cell") -> list[Any]:
        return [self.para(v, style) for v in values]

    @property
    def content_width(self) -> float:
        return self.page_size()[0] - self.margin_left - self.margin_right

    def page_size(self) -> tuple[float, float]:
        from reportlab.lib.pagesizes import A4, LETTER

        name = self.data.settings.page_size or self.default_page_size
        size: tuple[float, float] = LETTER if name.lower() == "letter" else A4
        return size

    # ------------------------------------------------------------ document

    def render(self) -> bytes:
        """The finished PDF as bytes."""
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        buffer = io.BytesIO()
        width, height = self.page_size()
        d = self.data
        clinician = d.clinician.name if d.clinician else (d.assessment.clinician or d.settings.clinician_name or "")
        kind = "Urgent medical referral" if d.urgent else "Referral letter"
        doc = BaseDocTemplate(
            buffer,
            pagesize=(width, height),
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            title=wording.nfc(f"{kind}: {d.client.display_name}, {wording.long_date(d.assessment.performed_on)}"),
            author=wording.nfc(clinician or d.settings.clinic_name or "Medius"),
            subject="Hip-abductor (gluteus medius) assessment and exercise program"
            if not d.urgent
            else "Urgent medical review requested",
            creator="Medius",
            keywords="physiotherapy, Trendelenburg, hip abduction, low back pain",
            invariant=1 if self.invariant else 0,
            initialFontName=self.fontset.regular,
        )
        frame_w = width - self.margin_left - self.margin_right
        first = Frame(
            self.margin_left, self.margin_bottom, frame_w, height - self.margin_top - self.margin_bottom,
            id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        later_top = self.margin_top + self.running_header_height
        later = Frame(
            self.margin_left, self.margin_bottom, frame_w, height - later_top - self.margin_bottom,
            id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        doc.addPageTemplates(
            [
                PageTemplate("first", [first], onPage=self._draw_footer, autoNextPageTemplate="later"),
                PageTemplate("later", [later], onPage=self._draw_running_header),
            ]
        )
        story = self.urgent_story() if d.urgent else self.referral_story()
        doc.build(story, canvasmaker=self._canvas_class())
        return buffer.getvalue()

    def _canvas_class(self) -> Callable[..., Any]:
        """A canvas that writes "Page X of Y" once the page count is known."""
        return document.numbered_canvas(self.fontset.regular, 7.8, self._colour(self.muted),
                                        self.page_size()[0] - self.margin_right, self.margin_bottom - 10 * MM)

    def _draw_footer(self, canvas: Any, doc: Any) -> None:
        from reportlab.platypus import Paragraph

        d = self.data
        parts = [d.settings.clinic_name, f"Generated {wording.long_date(d.generated_on)}"]
        if not d.urgent:
            parts.append("Confidential clinical information")
        text = "  ·  ".join(self.text(p) for p in parts if p)
        width = self.content_width - 30 * MM
        p = Paragraph(text, self.styles["Header"])
        _w, h = p.wrap(width, 20 * MM)
        canvas.saveState()
        canvas.setStrokeColor(self._colour(self.rule))
        canvas.setLineWidth(0.5)
        y = self.margin_bottom - 6 * MM
        canvas.line(self.margin_left, y, self.margin_left + self.content_width, y)
        p.drawOn(canvas, self.margin_left, self.margin_bottom - 10 * MM - h + 8)
        canvas.restoreState()

    def _draw_running_header(self, canvas: Any, doc: Any) -> None:
        from reportlab.platypus import Paragraph

        d = self.data
        height = self.page_size()[1]
        left = Paragraph(self.text(d.settings.clinic_name or "Medius"), self.styles["Header"])
        ident = (
            f"<b>{self.text(d.client.display_name)}</b><br/>born "
            f"{wording.long_date(d.client.date_of_birth)}  ·  assessed "
            f"{wording.long_date(d.assessment.performed_on)}"
        )
        right = Paragraph(ident, self.styles["HeaderRight"])
        left_w = self.content_width * 0.36
        top = height - self.margin_top
        canvas.saveState()
        _w, h_left = left.wrap(left_w, 12 * MM)
        left.drawOn(canvas, self.margin_left, top - h_left)
        _w, h_right = right.wrap(self.content_width - left_w - 4 * MM, 12 * MM)
        right.drawOn(canvas, self.margin_left + left_w + 4 * MM, top - h_right)
        y = top - max(h_left, h_right) - 2.5 * MM
        canvas.setStrokeColor(self._colour(self.rule))
        canvas.setLineWidth(0.5)
        canvas.line(self.margin_left, y, self.margin_left + self.content_width, y)
        canvas.restoreState()
        self._draw_footer(canvas, doc)

    # ------------------------------------------------------------ letter parts

    def letterhead(self) -> list[Any]:
        from reportlab.platypus import Image, Spacer, TableStyle

        s = self.data.settings
        info: list[Any] = [self.para(self.text(s.clinic_name or "Physiotherapy clinic"), "ClinicName")]
        for line in (s.address or "").splitlines():
            if line.strip():
                info.append(self.para(self.text(line.strip()), "Letterhead"))
        contacts = [c for c in (s.phone, s.email, s.website) if c]
        if contacts:
            info.append(self.para("  ·  ".join(self.text(c) for c in contacts), "Letterhead"))
        if s.provider_number:
            info.append(self.para(f"Provider number {self.text(s.provider_number)}", "Letterhead"))
        logo = self._logo(Image)
        if logo is not None:
            table = self._grid([[info, logo]], colWidths=[self.content_width - 50 * MM, 50 * MM])
        else:
            table = self._grid([[info]], colWidths=[self.content_width])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (-1, 0), (-1, 0), "RIGHT" if logo is not None else "LEFT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (0, 0), (-1, -1), 1.0, self._colour(self.accent)),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return [table, Spacer(1, 8)]

    def _logo(self, image_class: Any) -> Any:
        png = self.data.settings.logo_png
        if not png:
            return None
        from reportlab.lib.utils import ImageReader

        try:
            reader = ImageReader(io.BytesIO(png))
            w_px, h_px = reader.getSize()
        except Exception:  # noqa: BLE001 - a broken logo must not block the letter
            return None
        max_w, max_h = 48 * MM, 22 * MM
        scale = min(max_w / w_px, max_h / h_px)
        image = image_class(io.BytesIO(png), width=w_px * scale, height=h_px * scale)
        image.hAlign = "RIGHT"
        return image

    def address_block(self) -> list[Any]:
        from reportlab.platypus import Spacer, TableStyle

        referrer = self.data.assessment.referrer
        lines: list[str] = []
        if referrer and referrer.name:
            lines.append(f"<b>{self.text(referrer.name)}</b>")
        if referrer and referrer.practice:
            lines.append(self.text(referrer.practice))
        if not lines:
            lines.append("To the treating doctor")
        left = [self.para(line, "BodyTight") for line in lines]
        right = self.para(wording.long_date(self.data.generated_on), "Right")
        table = self._grid([[left, right]], colWidths=[self.content_width * 0.65, self.content_width * 0.35])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table, Spacer(1, 8)]

    def identification(self) -> list[Any]:
        from reportlab.platypus import Spacer

        d = self.data
        c = d.client
        clinician = d.clinician.name if d.clinician else (d.assessment.clinician or d.settings.clinician_name)
        heads = ["Client", "Date of birth", "File number", "Assessed", "Clinician"]
        values = [
            f"<b>{self.text(c.display_name)}</b>",
            wording.long_date(c.date_of_birth),
            self.text(c.external_id) if c.external_id else DASH,
            wording.long_date(d.assessment.performed_on)
            + (f", {d.assessment.performed_at:%H:%M}" if d.assessment.performed_at is not None else ""),
            self.text(clinician) if clinician else DASH,
        ]
        w = self.content_width
        widths = [w * 0.33, w * 0.18, w * 0.13, w * 0.18, w * 0.18]
        table = self.table(
            [self.cells(heads, "CellHead"), self.cells(values)],
            widths,
            header=False,
            zebra=False,
            extra=[
                ("BACKGROUND", (0, 0), (-1, -1), self._colour(self.shade)),
                ("LINEBELOW", (0, -1), (-1, -1), 0, self._colour(self.shade)),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ],
        )
        return [table, Spacer(1, 8)]

    def salutation(self) -> str:
        referrer = self.data.assessment.referrer
        if referrer and referrer.name:
            return f"Dear {self.text(referrer.name)},"
        return "Dear colleague,"

    def signature(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, Spacer

        d = self.data
        s = d.settings
        signer = d.clinician
        name = signer.name if signer else (d.assessment.clinician or s.clinician_name or "")
        qualifications = signer.qualifications if signer else s.clinician_credentials
        block: list[Any] = [self.para("Yours sincerely,", "Body"), Spacer(1, 26)]
        block.append(self.para("_" * 34, "Muted"))
        if name:
            block.append(self.para(f"<b>{self.text(name)}</b>", "BodyTight"))
        if qualifications:
            block.append(self.para(self.text(qualifications), "BodyTight"))
        if signer and signer.registration_number:
            block.append(self.para(f"Registration {self.text(signer.registration_number)}", "BodyTight"))
        if signer and signer.phone:
            block.append(self.para(f"Phone {self.text(signer.phone)}", "BodyTight"))
        if s.clinic_name:
            block.append(self.para(self.text(s.clinic_name), "BodyTight"))
        if s.provider_number:
            block.append(self.para(f"Provider number {self.text(s.provider_number)}", "BodyTight"))
        return [Spacer(1, 6), KeepTogether(block)]

    def referral_story(self) -> list[Any]:
        raise NotImplementedError

    def urgent_story(self) -> list[Any]:
        raise NotImplementedError
