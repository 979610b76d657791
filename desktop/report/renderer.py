"""The referral PDF: a letter with findings and charts, then the home exercise program.

``ReferralReportRenderer`` lays out a ``ReportData``; it formats and never
computes a clinical value. When the cauda-equina screen is positive
(``results["red_flag_block"]``) it writes a short urgent medical-referral
letter instead and no exercise program at all (design.md, clinical-reference
§10.2).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.clinical.model import SIDES
from desktop.clinical.trendelenburg import INVALID_REASON_LABELS
from desktop.clinical.trends import MeasureSeries, TrendSeries, strength_key
from desktop.report import charts, fonts, wording
from desktop.report.data import PHASE_RELEASE, PHASE_STRENGTHENING, ExerciseCard, ReportData
from desktop.report.wording import DASH, number, whole_or_decimal

MM = 72.0 / 25.4


STRENGTH_TREND_TITLES = {
    "Nm/kg": "Hip-abduction torque (Nm/kg)",
    "%BW": "Hip-abduction force (% body weight)",
    "N": "Hip-abduction peak force (N)",
}
STRENGTH_TREND_DECIMALS = {"Nm/kg": 2, "%BW": 1, "N": 0}
PROTOCOL_BREAK_CAPTION = "Line broken where the test protocol changed (dashed line)."


@dataclass(frozen=True)
class TrendFigure:
    """One chart of "Progress over visits" and the notes printed under it."""

    measure: str
    drawing: Any
    captions: tuple[str, ...]


def _trend_strength_unit(trends: TrendSeries) -> str | None:
    """The series' default strength unit, or failing that the preferred one with a trend.

    The default (the latest visit's best normalisation) is what the window
    shows first; another unit is used only when the default has values at
    fewer than two visits, e.g. when the lever arm was first measured today.
    """
    units = trends.strength_units()
    if trends.default_strength_unit in units:
        units.remove(trends.default_strength_unit)
        units.insert(0, trends.default_strength_unit)
    for unit in units:
        visits = {p.assessment_id for side in SIDES for p in trends[strength_key(unit, side)].points}
        if len(visits) >= 2:
            return unit
    return None


def _line_breaks(trends: TrendSeries, measures: Sequence[MeasureSeries]) -> tuple[list[date], bool]:
    """Where the drawn lines break: dates of protocol changes, and whether any other break occurs.

    A break is a protocol change when a line-breaking protocol mark falls
    after the last point of one segment and at or before the first point of
    the next; the dashed line goes midway between those two points.
    """
    position = {visit.assessment_id: index for index, visit in enumerate(trends.visits)}
    breaking = [position[m.assessment_id] for m in trends.protocol_marks if m.breaks_line]
    protocol: list[date] = []
    other = False
    for measure in measures:
        segments = measure.segments()
        for before, after in zip(segments, segments[1:]):
            end, start = before[-1], after[0]
            if any(position[end.assessment_id] < p <= position[start.assessment_id] for p in breaking):
                middle = end.date + (start.date - end.date) // 2
                if middle not in protocol:
                    protocol.append(middle)
            else:
                other = True
    return sorted(protocol), other


def stage_name(stage: int) -> str:
    """Stage title from the exercise library (clinical-reference §7.3)."""
    from desktop.clinical.exercises import STAGE_NAMES

    return STAGE_NAMES.get(stage, f"Stage {stage}")


class ReferralReportRenderer:
    """Platypus renderer with page templates: letterhead first page, running header after.

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
        raw = wording.nfc(value or "")
        if self.fallback is None:
            return wording.xml(raw)
        out: list[str] = []
        run: list[str] = []
        run_fallback = False
        for ch in raw:
            use_fallback = not fonts.primary_covers(ch) and fonts.fallback_covers(ch)
            if run and use_fallback != run_fallback:
                out.append(self._run(run, run_fallback))
                run = []
            run.append(ch)
            run_fallback = use_fallback
        if run:
            out.append(self._run(run, run_fallback))
        return "".join(out)

    def _run(self, chars: list[str], fallback: bool) -> str:
        escaped = wording.xml("".join(chars))
        return f'<font name="{self.fallback}">{escaped}</font>' if fallback else escaped

    def para(self, markup: str, style: str = "Body") -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(markup, self.styles[style])

    def bullets(self, items: Sequence[str], style: str = "Bullet", *, numbered: bool = False) -> list[Any]:
        from reportlab.platypus import Paragraph

        out = []
        for index, item in enumerate(items, start=1):
            bullet = f"{index}." if numbered else "•"
            out.append(Paragraph(self.text(item), self.styles[style], bulletText=bullet))
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
        return LETTER if name.lower() == "letter" else A4

    # ------------------------------------------------------------ document

    def render(self) -> bytes:
        """The finished PDF as bytes."""
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        buffer = io.BytesIO()
        width, height = self.page_size()
        d = self.data
        clinician = d.settings.clinician_name or d.assessment.clinician or ""
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
        from reportlab.pdfgen.canvas import Canvas

        font = self.fontset.regular
        colour = self._colour(self.muted)
        right_x = self.page_size()[0] - self.margin_right
        footer_y = self.margin_bottom - 10 * MM

        class NumberedCanvas(Canvas):
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
                    self.setFont(font, 7.8)
                    self.setFillColor(colour)
                    self.drawRightString(right_x, footer_y, f"Page {self._pageNumber} of {total}")
                    self.restoreState()
                    Canvas.showPage(self)
                Canvas.save(self)

        return NumberedCanvas

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
        from reportlab.platypus import Image, Spacer, Table, TableStyle

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
        from reportlab.platypus import Spacer, Table, TableStyle

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
        clinician = d.assessment.clinician or d.settings.clinician_name
        heads = ["Client", "Date of birth", "File number", "Assessed", "Clinician"]
        values = [
            f"<b>{self.text(c.display_name)}</b>",
            wording.long_date(c.date_of_birth),
            self.text(c.external_id) if c.external_id else DASH,
            wording.long_date(d.assessment.performed_on),
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
        name = s.clinician_name or d.assessment.clinician or ""
        block: list[Any] = [self.para("Yours sincerely,", "Body"), Spacer(1, 26)]
        block.append(self.para("_" * 34, "Muted"))
        if name:
            block.append(self.para(f"<b>{self.text(name)}</b>", "BodyTight"))
        if s.clinician_credentials:
            block.append(self.para(self.text(s.clinician_credentials), "BodyTight"))
        if s.clinic_name:
            block.append(self.para(self.text(s.clinic_name), "BodyTight"))
        if s.provider_number:
            block.append(self.para(f"Provider number {self.text(s.provider_number)}", "BodyTight"))
        return [Spacer(1, 6), KeepTogether(block)]

    # ------------------------------------------------------------ referral letter

    def referral_story(self) -> list[Any]:
        d = self.data
        r = d.results
        story: list[Any] = []
        story += self.letterhead()
        story += self.address_block()
        story.append(self.para("Hip-abductor assessment for low back pain", "Title"))
        story += self.identification()
        story.append(self.para(self.salutation()))
        story.append(
            self.para(
                f"Thank you for referring {self.text(d.client.display_name)}. I assessed them on "
                f"{wording.long_date(d.assessment.performed_on)}; the findings and the home exercise "
                "program are summarised below."
            )
        )
        story.append(self.para("Reason for assessment", "H2"))
        story.append(
            self.para(
                self.text(d.assessment.reason)
                if d.assessment.reason
                else "Low back pain: assessment of hip-abductor (gluteus medius) function."
            )
        )
        story += self.screening_section()
        story += self.trendelenburg_section(r.get("trendelenburg") or {})
        hip = r.get("hip_abduction")
        if hip and hip.get("method") == "hhd":
            story += self.hhd_section(hip, r.get("norm_comparison") or {})
        elif hip and hip.get("method") == "mmt":
            story += self.mmt_section(hip)
        story += self.outcomes_section()
        story += self.trend_section()
        story += self.interpretation_section()
        story += self.plan_section()
        story += self.signature()
        if d.program:
            story += self.program_pages()
        return story

    def screening_section(self) -> list[Any]:
        screening = self.data.results.get("screening") or {}
        out = [self.para("Red-flag screening", "H2")]
        out.append(self.para(self.text(screening.get("message") or "No red flags recorded.")))
        flags = screening.get("flags") or []
        if flags:
            out += self.bullets([f"{f['domain']}: {f['label']}" for f in flags])
        return out

    def trendelenburg_section(self, tb: Mapping[str, Any]) -> list[Any]:
        from reportlab.platypus import KeepTogether

        sides = [s for s in ("left", "right") if tb.get(s)]
        if not sides:
            return []
        head = ["Stance leg", "Result", "Hold", "Compensation", "Pain in test", "Pelvic drop"]
        rows = [self.cells(head, "CellHead")]
        for side in sides:
            t = tb[side]
            lean = self.data.assessment.trendelenburg(side)
            lean_label = wording.LEAN_LABELS.get(lean.trunk_lean, lean.trunk_lean) if lean else DASH
            compensation = lean_label if t.get("compensated") else "none"
            if t.get("trick_movement") and t["trick_movement"] != "none":
                compensation += f"; {t['trick_movement'].replace('_', ' ')}"
            drop = DASH
            if t.get("pelvic_drop_deg") is not None:
                drop = f"{whole_or_decimal(t['pelvic_drop_deg'])}° ({t.get('pelvic_drop_side')} side)"
            elif t.get("pelvic_drop_cm") is not None:
                drop = f"{whole_or_decimal(t['pelvic_drop_cm'])} cm ({t.get('pelvic_drop_side')} side)"
            hold = f"{whole_or_decimal(t['hold_s'])} s" if t.get("hold_s") is not None else DASH
            pain = f"{t['pain_nprs']}/10" if t.get("pain_nprs") is not None else DASH
            result = wording.trendelenburg_result(t, INVALID_REASON_LABELS)
            rows.append(
                self.cells([wording.SIDE_LABELS[side], f"<b>{result}</b>", hold, compensation, pain, drop])
            )
        w = self.content_width
        table = self.table(rows, [w * 0.13, w * 0.25, w * 0.09, w * 0.21, w * 0.12, w * 0.20])
        note = self.para(
            "Recorded by stance leg: a positive test points to the hip abductors of the stance leg; "
            "the pelvis drops on the opposite side. Target hold 30 s (Hardcastle &amp; Nade 1985).",
            "Muted",
        )
        return [KeepTogether([self.para("Trendelenburg test", "H2"), table, note])]

    def _strength_chart(self, hip: Mapping[str, Any]) -> Any:
        left, right = hip.get("left") or {}, hip.get("right") or {}
        if hip.get("lsi_basis") == "torque" and left.get("torque_nm_per_kg") and right.get("torque_nm_per_kg"):
            values, unit, decimals = (left["torque_nm_per_kg"], right["torque_nm_per_kg"]), "Nm/kg", 2
        elif left.get("peak_force_n") and right.get("peak_force_n"):
            values, unit, decimals = (left["peak_force_n"], right["peak_force_n"]), "N", 1
        else:
            return None
        return charts.strength_bars(
            values[0], values[1], unit=unit, decimals=decimals,
            font=self.fontset.regular, bold_font=self.fontset.bold,
        )  # fmt: skip

    def hhd_section(self, hip: Mapping[str, Any], norms: Mapping[str, Any]) -> list[Any]:
        from reportlab.platypus import KeepTogether, Table, TableStyle

        d = self.data
        left, right = hip.get("left") or {}, hip.get("right") or {}
        unit = hip.get("unit_recorded") or "N"
        method = ["Hand-held dynamometer"]
        if hip.get("position"):
            method.append(wording.POSITION_LABELS.get(hip["position"], hip["position"]))
        if hip.get("contraction"):
            method.append(wording.CONTRACTION_LABELS.get(hip["contraction"], hip["contraction"]))
        if hip.get("fixation"):
            method.append(wording.FIXATION_LABELS.get(hip["fixation"], hip["fixation"]) + " fixation")
        counts = {left.get("trial_count"), right.get("trial_count")} - {None}
        if counts:
            method.append(f"best of {'/'.join(str(c) for c in sorted(counts))} trials")
        if d.assessment.body_mass_kg is not None:
            method.append(f"body mass {whole_or_decimal(d.assessment.body_mass_kg)} kg")

        def pair(key: str, fmt: Callable[[Any], str]) -> list[str]:
            return [fmt(side.get(key)) if side.get(key) is not None else DASH for side in (left, right)]

        rows: list[list[str]] = []
        if unit != "N" and d.recorded_peak_force:
            rows.append(
                [f"Peak force ({unit})"]
                + [
                    f"{number(d.recorded_peak_force[s], 1)} {unit}" if s in d.recorded_peak_force else DASH
                    for s in ("left", "right")
                ]
            )
        rows.append(["Peak force", *pair("peak_force_n", lambda v: f"{number(v, 1)} N")])
        rows.append(["Mean of trials", *pair("mean_force_n", lambda v: f"{number(v, 1)} N")])
        rows.append(["Trial variation (CV)", *pair("cv_pct", lambda v: f"{number(v, 1)}%")])
        rows.append(["Lever arm", *pair("lever_arm_cm", lambda v: f"{whole_or_decimal(v)} cm")])
        rows.append(["Torque", *pair("torque_nm", lambda v: f"{number(v, 1)} Nm")])
        rows.append(["Torque / body mass", *pair("torque_nm_per_kg", lambda v: f"{number(v, 2)} Nm/kg")])
        rows.append(["Force, % body weight", *pair("force_pct_bw", lambda v: f"{number(v, 1)}%")])
        weaker = hip.get("weaker_side")
        header = self.cells(["Measure", "Left", "Right"], "CellHead")
        body = []
        for row in rows:
            cells = [self.para(row[0], "Cell")]
            for index, value in enumerate(row[1:]):
                side = ("left", "right")[index]
                style = "CellBold" if side == weaker else "Cell"
                cells.append(self.para(value, style))
            body.append(cells)
        table_w = self.content_width * 0.52
        table = self.table([header, *body], [table_w * 0.46, table_w * 0.27, table_w * 0.27])
        chart = self._strength_chart(hip)
        if chart is not None:
            outer = self._grid([[table, chart]], colWidths=[table_w + 6 * MM, self.content_width - table_w - 6 * MM])
            outer.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ]
                )
            )
            body_flow: Any = outer
        else:
            body_flow = table
        block: list[Any] = [
            self.para("Hip-abduction strength", "H2"),
            self.para(self.text(", ".join(method)) + ".", "Small"),
            body_flow,
        ]
        if hip.get("lsi_pct") is not None:
            basis = "torque" if hip.get("lsi_basis") == "torque" else "peak force"
            weaker_text = f"{weaker} side weaker" if weaker else "no weaker side"
            band = wording.BAND_LABELS.get(hip.get("asymmetry_band") or "", hip.get("asymmetry_band") or "")
            block.append(
                self.para(
                    f"<b>Limb symmetry index {number(hip['lsi_pct'], 1)}%</b> ({weaker_text}, on {basis}): "
                    f"{band}.",
                    "Body",
                )
            )
        out: list[Any] = [KeepTogether(block)]
        for warning in hip.get("cv_warnings") or []:
            out.append(self.para(self.text("Trial variation, " + warning + "."), "Muted"))
        out += self.norm_lines(norms)
        return out

    def norm_lines(self, norms: Mapping[str, Any]) -> list[Any]:
        if not norms:
            return []
        rows = [self.cells(["Side", "Comparison with reference values"], "CellHead")]
        for side in ("left", "right"):
            match = norms.get(side)
            if not match:
                continue
            text = match.get("text") or "no matching reference"
            if match.get("status") != "matched" and match.get("reason"):
                text = f"{text} ({match['reason']})"
            extra_lines = []
            for comparison in (match.get("comparisons") or [])[:1]:
                if not comparison.get("verified", True):
                    extra_lines.append("Reference value not verified against the original paper.")
                extra_lines += list(comparison.get("cautions") or [])
            cell = [self.para(self.text(text), "Cell")]
            cell += [self.para(self.text(line), "Muted") for line in extra_lines]
            rows.append([self.para(wording.SIDE_LABELS[side], "Cell"), cell])
        if len(rows) == 1:
            return []
        table_name = norms.get("table")
        caption = "Reference values"
        if table_name and table_name != "builtin":
            caption += f" (table: {self.text(table_name)})"
        w = self.content_width
        return [self.para(caption, "H3"), self.table(rows, [w * 0.12, w * 0.88])]

    def mmt_section(self, hip: Mapping[str, Any]) -> list[Any]:
        from reportlab.platypus import KeepTogether

        rows = [self.cells(["Side", "MRC grade", "Meaning"], "CellHead")]
        for side in ("left", "right"):
            grade = hip.get(side)
            if not grade:
                continue
            label = grade["label"].replace("-", wording.MINUS)
            rows.append(self.cells([wording.SIDE_LABELS[side], f"<b>{label}</b>", grade["description"]]))
        w = self.content_width
        block = [
            self.para("Hip-abduction strength: manual muscle testing", "H2"),
            self.table(rows, [w * 0.15, w * 0.15, w * 0.70]),
            self.para(self.text(hip.get("mrc_credit") or ""), "Muted"),
        ]
        return [KeepTogether(block)]

    def _change_value(self, value: float | None, unit: str, *, signed: bool = False) -> str:
        if value is None:
            return DASH
        decimals = {"Nm/kg": 2, "N": 1, "%BW": 1, "%": 1, "s": 0}.get(unit, 1)
        if unit == "points" and float(value).is_integer():
            decimals = 0
        text = number(value, decimals, signed=signed)
        suffix = {"Nm/kg": " Nm/kg", "N": " N", "%BW": "% BW", "%": "%", "s": " s"}.get(unit, "")
        return text + suffix

    def outcomes_section(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        r = self.data.results
        w = self.content_width
        today = [self.cells(["Measure", "Today"], "CellHead")]
        if r.get("nprs") is not None:
            today.append(self.cells(["Pain (NPRS, 0 to 10)", f"{r['nprs']}/10"]))
        if r.get("odi_pct") is not None:
            detail = f"{number(r['odi_pct'], 1)}% ({wording.ODI_BAND_LABELS.get(r.get('odi_band'), r.get('odi_band'))})"
            answered = r.get("odi_sections_answered")
            detail += f", {answered} of 10 sections answered"
            if r.get("odi_complete") is False:
                detail += ": incomplete, interpret with caution"
            today.append(self.cells(["Oswestry Disability Index", detail]))
        if r.get("rmdq_total") is not None:
            today.append(self.cells(["Roland-Morris (0 to 24)", f"{r['rmdq_total']}/24"]))
        if r.get("psfs_mean") is not None:
            today.append(self.cells(["Patient-Specific Functional Scale, mean", f"{number(r['psfs_mean'], 1)}/10"]))
            for item in r.get("psfs") or []:
                today.append(
                    [
                        self.para(self.text(item["activity"]), "CellIndent"),
                        self.para(f"{whole_or_decimal(item['score'])}/10", "Cell"),
                    ]
                )
        out: list[Any] = []
        if len(today) > 1:
            out.append(
                KeepTogether(
                    [self.para("Outcome measures", "H2"), self.table(today, [w * 0.45, w * 0.55])]
                )
            )
        change = r.get("change")
        if change and change.get("measures"):
            out += self.change_table(change, r.get("thresholds") or {})
        return out

    def change_table(self, change: Mapping[str, Any], thresholds: Mapping[str, Any]) -> list[Any]:
        baseline = wording.long_date(change.get("baseline_performed_on"))
        head = ["Measure", f"First visit<br/>{baseline}", "Today", "Change", "Minimal important change",
                "Beyond it?"]  # fmt: skip
        rows = [self.cells(head, "CellHead")]
        notes: list[str] = []
        for m in change["measures"]:
            unit = m.get("unit") or ""
            delta = self._change_value(m.get("change"), unit, signed=True)
            if m.get("change_pct") is not None:
                delta += f" ({number(m['change_pct'], 1, signed=True)}%)"
            verdict = wording.DIRECTION_LABELS.get(m.get("direction"), m.get("direction") or DASH)
            style_verdict = f"<b>{verdict}</b>" if m.get("real") else verdict
            note = m.get("note") or ""
            if m.get("measure") == "trendelenburg_hold_s" and note and m.get("comparable", True):
                delta += f'<br/><font size="7">{self.text(note.replace("->", "→"))}</font>'
            elif note and note not in notes:
                notes.append(note)
            rows.append(
                self.cells(
                    [
                        self.text(m.get("label")),
                        self._change_value(m.get("baseline"), unit),
                        self._change_value(m.get("current"), unit),
                        delta,
                        self.text(m.get("threshold") or DASH),
                        style_verdict,
                    ]
                )
            )
        w = self.content_width
        out: list[Any] = [
            self.para("Change since the first visit", "H3"),
            self.table(rows, [w * 0.27, w * 0.13, w * 0.12, w * 0.19, w * 0.14, w * 0.15]),
        ]
        for warning in self.data.results.get("protocol_warnings") or []:
            if warning not in notes:
                notes.append(warning)
        out += [self.para(self.text(n), "Muted") for n in notes]
        return out

    def trend_figures(self) -> list[TrendFigure]:
        """Strength per side and pain over the visits, from the shared trend series.

        Nothing is drawn for a first visit, nor for a measure with values at
        fewer than two visits (one point is not a trend).
        """
        trends = self.data.trends
        if trends is None or len(trends.visits) < 2:
            return []
        dates = [visit.date for visit in trends.visits]
        f = self.fontset
        figures: list[TrendFigure] = []
        unit = _trend_strength_unit(trends)
        if unit is not None:
            measures = [trends[strength_key(unit, side)] for side in SIDES]
            lines = [
                charts.trend_line(measure, wording.SIDE_LABELS[side], colour, marker=marker)
                for measure, side, colour, marker in zip(
                    measures, SIDES, (charts.LEFT_COLOUR, charts.RIGHT_COLOUR), ("circle", "triangle")
                )
                if measure.points
            ]
            protocol_breaks, other_breaks = _line_breaks(trends, measures)
            drawing = charts.trend_chart(
                lines, dates=dates, title=STRENGTH_TREND_TITLES[unit], font=f.regular, bold_font=f.bold,
                decimals=STRENGTH_TREND_DECIMALS[unit], breaks=protocol_breaks,
            )  # fmt: skip
            captions = []
            zone = next((m.zone for m in measures if m.zone is not None), None)
            if zone is not None:
                captions.append(
                    f"Shaded: within measurement error ({zone.threshold_label}) of the first visit "
                    "comparable with the latest."
                )
            if protocol_breaks:
                captions.append(PROTOCOL_BREAK_CAPTION)
            if other_breaks:
                captions.append("Line broken across a visit without this measurement.")
            figures.append(TrendFigure("strength", drawing, tuple(captions)))
        pain = trends["nprs"]
        if len({p.assessment_id for p in pain.points}) >= 2:
            drawing = charts.trend_chart(
                [charts.trend_line(pain, "Pain (NPRS)", charts.PAIN_COLOUR)], dates=dates,
                title="Pain, NPRS (0 to 10)", font=f.regular, bold_font=f.bold, y_range=pain.scale, decimals=0,
            )  # fmt: skip
            captions = []
            if pain.zone is not None:
                captions.append(
                    f"Shaded: within the minimal important change ({pain.zone.threshold_label}) of the "
                    "first visit."
                )
            figures.append(TrendFigure("nprs", drawing, tuple(captions)))
        return figures

    def trend_section(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, TableStyle

        figures = self.trend_figures()
        if not figures:
            return []
        half = self.content_width / 2
        cells = [[figure.drawing, *(self.para(self.text(c), "Muted") for c in figure.captions)] for figure in figures]
        grid = self._grid([cells], colWidths=[half] * len(cells), hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [KeepTogether([self.para("Progress over visits", "H2"), grid])]

    def interpretation_section(self) -> list[Any]:
        paragraphs = [p for p in self.data.results.get("interpretation") or [] if p]
        if not paragraphs:
            return []
        return [self.para("Interpretation", "H2")] + [self.para(self.text(p)) for p in paragraphs]

    def plan_section(self) -> list[Any]:
        d = self.data
        out = [self.para("Plan", "H2")]
        if d.program:
            strengthening = [card.stage for card in d.program if card.phase != PHASE_RELEASE]
            text = f"Home exercise program of {len(d.program)} exercises"
            if any(card.phase == PHASE_RELEASE for card in d.program):
                text += ": release and stretching, then strengthening"
            if strengthening:
                stage = min(strengthening)
                text += f" from stage {stage} ({stage_name(stage).lower()})"
            out.append(self.para(self.text(text) + ", described on the following pages."))
        else:
            out.append(self.para("No home exercise program was prescribed at this visit."))
        if d.review_date is not None:
            out.append(self.para(f"<b>Review on {wording.long_date(d.review_date)}.</b> {wording.RETEST_NOTE}"))
        else:
            out.append(self.para(wording.RETEST_NOTE))
        return out

    # ------------------------------------------------------------ program pages

    def program_pages(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, PageBreak

        d = self.data
        out: list[Any] = [PageBreak(), self.para("Your home exercise program", "H1")]
        intro = f"For {self.text(d.client.display_name)}, from {wording.long_date(d.assessment.performed_on)}."
        if d.review_date is not None:
            intro += f" Next review: {wording.long_date(d.review_date)}."
        out.append(self.para(intro))
        groups = (
            (PHASE_RELEASE, "Release and stretch", wording.RELEASE_NOTE),
            (PHASE_STRENGTHENING, "Strengthening", None),
        )
        number_in_program = 0
        for phase, title, note in groups:
            cards = [c for c in d.program if c.phase == phase]
            if not cards:
                continue
            lead: list[Any] = [self.para(title, "H2")]
            if note:
                lead.append(self.para(note, "Muted"))
            for index, card in enumerate(cards):
                number_in_program += 1
                flow = self.card(card, number_in_program)
                if index == 0:
                    out.append(KeepTogether([*lead, flow]))
                else:
                    out.append(KeepTogether([flow]))
        others = [c for c in d.program if c.phase not in (PHASE_RELEASE, PHASE_STRENGTHENING)]
        for card in others:
            number_in_program += 1
            out.append(KeepTogether([self.card(card, number_in_program)]))
        from desktop.clinical import program as rules

        proposed = d.results.get("program") or {}
        progression = proposed.get("progression_criteria") or rules.PROGRESSION_CRITERIA
        regression = proposed.get("regression_criteria") or rules.REGRESSION_CRITERIA
        advice = [self.para("When to move on", "H2"), self.para("Move to the next stage when:")]
        advice += self.bullets(progression)
        advice.append(self.para("When to step back", "H2"))
        advice += self.bullets(regression)
        advice.append(self.para("Safety", "H2"))
        advice += self.bullets(wording.safety_advice(rules.ADVANCE_MAX_NPRS, rules.REGRESS_ABOVE_NPRS))
        out.append(KeepTogether(advice))
        return out

    def card(self, card: ExerciseCard, position: int) -> Any:
        from reportlab.platypus import Table, TableStyle

        text: list[Any] = [
            self.para(f"{position}. {self.text(card.name)}", "CardTitle"),
            self.para(f"Stage {card.stage}: {stage_name(card.stage)}", "CardMeta"),
        ]
        text += self.bullets(card.steps, "CardStep", numbered=True)
        if card.cues:
            text.append(self.para("<b>Tips:</b> " + " ".join(self.text(cue) for cue in card.cues), "CardText"))
        dose = wording.dosage(
            sets=card.sets, reps=card.reps, hold_s=card.hold_s, rest_s=card.rest_s,
            days_per_week=card.days_per_week, side=card.side,
        )  # fmt: skip
        if dose:
            text.append(
                self.para("  ·  ".join(f"<b>{label}:</b> {self.text(value)}" for label, value in dose), "CardText")
            )
        if card.notes:
            text.append(self.para(f"<i>{self.text(card.notes)}</i>", "CardText"))
        drawing = self._illustration(card)
        if drawing is not None:
            box_w = self.illustration_box[0] + 4 * MM
            table = self._grid([[drawing, text]], colWidths=[box_w, self.content_width - box_w])
        else:
            table = self._grid([[text]], colWidths=[self.content_width])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.6, self._colour(self.rule)),
                    ("BACKGROUND", (0, 0), (0, 0), self._colour(self.shade) if drawing is not None else None),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        table.spaceAfter = 7
        return table

    def _illustration(self, card: ExerciseCard) -> Any:
        if card.drawing is None:
            return None
        drawing = card.drawing()
        if drawing is None:
            return None
        charts.force_fonts(drawing, self.fontset.regular)
        max_w, max_h = self.illustration_box
        scale = min(max_w / drawing.width, max_h / drawing.height)
        drawing.scale(scale, scale)
        drawing.width *= scale
        drawing.height *= scale
        return drawing

    # ------------------------------------------------------------ urgent letter

    def urgent_story(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        d = self.data
        screening = d.results.get("screening") or {}
        flags = screening.get("flags") or []
        urgent_flags = [f["label"] for f in flags if f.get("cauda_equina")]
        other_flags = [f["label"] for f in flags if not f.get("cauda_equina")]
        story: list[Any] = []
        story += self.letterhead()
        story += self.address_block()
        story.append(self.para("URGENT: request for same-day medical review", "UrgentTitle"))
        story += self.identification()
        story.append(self.para(self.salutation()))
        story.append(
            self.para(
                f"I saw {self.text(d.client.display_name)} on {wording.long_date(d.assessment.performed_on)} "
                "for low back pain. Screening found signs that may indicate <b>cauda equina syndrome</b>:"
            )
        )
        story += self.bullets(urgent_flags)
        if other_flags:
            story.append(self.para("Other red flags recorded:"))
            story += self.bullets(other_flags)
        # GIRFT national CES pathway: immediate referral, seen within hours (clinical-reference §10.2).
        story.append(
            KeepTogether(
                [
                    self.para("Request", "H2"),
                    self.para(
                        "<b>I request urgent medical review today: same-day assessment in the emergency "
                        "department.</b> Under the national cauda equina pathway, people with these symptoms "
                        "should be assessed in hospital within hours, with an MRI scan where indicated."
                    ),
                    self.para(
                        "I have advised the client to go to the emergency department now and not to wait for a "
                        "routine appointment. No exercise program has been given; hip and back exercise is "
                        "deferred until a doctor has reviewed these findings."
                    ),
                ]
            )
        )
        pain = d.results.get("nprs")
        if pain is not None:
            story.append(self.para(f"Pain today: {pain}/10 (NPRS).", "Body"))
        story += self.signature()
        return story


def render_report(data: ReportData, *, invariant: bool = False) -> bytes:
    """PDF bytes for ``data`` (referral letter, or the urgent letter when the screen blocks)."""
    return ReferralReportRenderer(data, invariant=invariant).render()
