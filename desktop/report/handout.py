"""The client's own handout: their program only, in big pictures and plain words.

No findings, no letter: the client's name, the clinic's details, the one
pain rule, what to do in a flare, when to get help at once, each exercise
(picture, steps, what to feel, how many and how often, an optional QR code
to a video) and a log to tick until the next visit. ``large_print`` sets
16 pt text and one exercise per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.clinical.model import Client, ClinicSettings
from desktop.report import handout_words as words
from desktop.report import wording
from desktop.report.data import PHASE_STRENGTHENING, ExerciseCard
from desktop.report.document import MM, PlainDocument, fit_drawing


@dataclass(frozen=True)
class HandoutExercise:
    """One exercise of the program with the handout's extras from the library."""

    card: ExerciseCard
    feel: str = ""
    video_url: str | None = None
    timed: str = "Hold for"

    def dose(self) -> tuple[str, ...]:
        card = self.card
        return words.dose_lines(sets=card.sets, reps=card.reps, hold_s=card.hold_s, rest_s=card.rest_s,
                                days_per_week=card.days_per_week, strengthening=card.phase == PHASE_STRENGTHENING,
                                timed=self.timed)


@dataclass(frozen=True)
class HandoutData:
    """Everything the handout prints; gathered by desktop.services.handout."""

    client: Client
    settings: ClinicSettings
    made_on: date
    clinician: str
    usual_pain_nprs: int | None
    review_date: date | None
    exercises: tuple[HandoutExercise, ...]
    generated_on: date
    large_print: bool = False


def exercise_sentences(item: HandoutExercise) -> list[str]:
    """The sentences printed for one exercise (name and labels aside)."""
    card = item.card
    out = [*card.steps, *card.cues]
    if item.feel:
        out.append(item.feel)
    out += item.dose()
    if card.notes:
        out.append(card.notes)
    if item.video_url:
        out.append(words.video_caption())
    return out


def handout_sentences(data: HandoutData) -> list[str]:
    """All running text of the handout, in print order: what the reading-level test measures."""
    out = [*words.pain_rule(data.usual_pain_nprs), *words.flare_steps(data.settings.phone or None),
           *words.URGENT_SIGNS]
    for item in data.exercises:
        out += exercise_sentences(item)
    out.append(words.LOG_HELP)
    return out


class HandoutRenderer(PlainDocument):
    """Platypus layout of ``HandoutData``; sizes switch with ``large_print``."""

    picture_width = 72 * MM
    large_picture_width = 104 * MM

    def __init__(self, data: HandoutData, *, invariant: bool = False) -> None:
        texts = [data.client.given_name, data.client.family_name, data.clinician, data.settings.clinic_name,
                 data.settings.address, data.settings.phone, data.settings.email, data.settings.website]
        for item in data.exercises:
            texts += [item.card.name, item.card.notes, *item.card.steps, *item.card.cues, item.feel]
        self.large = data.large_print
        self.footer_size = 12.0 if self.large else 9.0
        super().__init__(texts, page_name=data.settings.page_size, invariant=invariant)
        self.data = data
        self.body = 16.0 if self.large else 12.0
        self.styles = self._stylesheet()

    def _stylesheet(self) -> Any:
        from reportlab.lib.styles import ParagraphStyle, StyleSheet1

        f, b = self.fontset, self.body
        sheet = StyleSheet1()
        base = ParagraphStyle("Body", fontName=f.regular, fontSize=b, leading=b * 1.35,
                              textColor=self.colour(self.ink), spaceAfter=b * 0.4)
        sheet.add(base)

        def add(name: str, **kw: Any) -> None:
            kw.setdefault("fontName", f.regular)
            sheet.add(ParagraphStyle(name, parent=base, **kw))

        add("Clinic", fontName=f.bold, fontSize=b * 1.25, leading=b * 1.55, textColor=self.colour(self.accent),
            spaceAfter=0)
        add("Contact", fontSize=b * 0.9, leading=b * 1.2, textColor=self.colour(self.muted), spaceAfter=0)
        add("Title", fontName=f.bold, fontSize=b * 2.0, leading=b * 2.4, spaceBefore=b * 0.6, spaceAfter=b * 0.3)
        add("H1", fontName=f.bold, fontSize=b * 1.5, leading=b * 1.85, textColor=self.colour(self.accent),
            spaceBefore=b * 0.4, spaceAfter=b * 0.4, keepWithNext=1)
        add("H2", fontName=f.bold, fontSize=b * 1.15, leading=b * 1.45, spaceBefore=b * 0.3, spaceAfter=b * 0.2,
            keepWithNext=1)
        add("BoxTitle", fontName=f.bold, fontSize=b * 1.15, leading=b * 1.45, spaceAfter=b * 0.25)
        add("AlertTitle", fontName=f.bold, fontSize=b * 1.15, leading=b * 1.45, spaceAfter=b * 0.25,
            textColor=self.colour(self.alert))
        add("ExerciseName", fontName=f.bold, fontSize=b * 1.45, leading=b * 1.75, textColor=self.colour(self.accent),
            spaceAfter=b * 0.3)
        add("Step", leftIndent=b * 1.5, bulletIndent=0, bulletFontName=f.bold, bulletFontSize=b, leading=b * 1.25,
            spaceAfter=b * 0.2)
        add("Bullet", leftIndent=b * 1.2, bulletIndent=b * 0.2, bulletFontName=f.regular, bulletFontSize=b,
            spaceAfter=b * 0.15)
        add("Label", fontName=f.bold, spaceAfter=b * 0.1)
        add("Small", fontSize=b * 0.8, leading=b * 1.05, textColor=self.colour(self.muted), spaceAfter=0)
        add("Cell", fontSize=b * 0.8, leading=b, spaceAfter=0)
        add("CellBold", fontName=f.bold, fontSize=b * 0.85, leading=b * 1.05, spaceAfter=0)
        return sheet

    # ----------------------------------------------------------------- helpers

    def para(self, markup: str, style: str = "Body", **kw: Any) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(markup, self.styles[style], **kw)

    def lines(self, items: Sequence[str], style: str = "Bullet", *, numbered: bool = False) -> list[Any]:
        return [self.para(self.text(item), style, bulletText=f"{i}." if numbered else "•")
                for i, item in enumerate(items, start=1)]

    def box(self, flowables: list[Any], *, background: tuple[float, float, float],
            border: tuple[float, float, float] | None = None) -> Any:
        from reportlab.platypus import Table, TableStyle

        table = Table([[flowables]], colWidths=[self.content_width])
        pad = self.body * 0.7
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), self.colour(background)),
            ("BOX", (0, 0), (-1, -1), 1.2, self.colour(border or self.rule)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
            ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular),
        ]))  # fmt: skip
        table.spaceAfter = self.body * 0.8
        return table

    # ------------------------------------------------------------------ story

    def render(self) -> bytes:
        d = self.data
        story = self.cover() + self.exercise_pages() + self.log_pages()
        return self.build(
            story,
            title=f"{words.TITLE}: {d.client.display_name}",
            author=d.settings.clinic_name or d.clinician or "Medius",
            subject="Home exercise plan",
            footer=self._footer,
        )

    def _footer(self, canvas: Any, doc: Any) -> None:
        d = self.data
        p = self.para(self.text(f"{words.TITLE} for {d.client.display_name}"), "Small")
        _w, h = p.wrap(self.content_width - 40 * MM, 20 * MM)
        canvas.saveState()
        canvas.setStrokeColor(self.colour(self.rule))
        canvas.setLineWidth(0.5)
        y = self.margin_bottom - 6 * MM
        canvas.line(self.margin_left, y, self.margin_left + self.content_width, y)
        p.drawOn(canvas, self.margin_left, self.margin_bottom - 10 * MM - h + self.footer_size)
        canvas.restoreState()

    def contact_lines(self) -> list[str]:
        s = self.data.settings
        out = []
        if s.phone:
            out.append(f"Phone: {s.phone}")
        if s.email:
            out.append(f"Email: {s.email}")
        if s.address:
            out.append(", ".join(part.strip() for part in s.address.splitlines() if part.strip()))
        if s.website:
            out.append(s.website)
        return out

    def cover(self) -> list[Any]:
        d = self.data
        out: list[Any] = []
        if d.settings.clinic_name:
            out.append(self.para(self.text(d.settings.clinic_name), "Clinic"))
        out.append(self.para(words.TITLE, "Title"))
        out.append(self.para(f"For <b>{self.text(d.client.display_name)}</b>"))
        made = f"Made on {wording.long_date(d.made_on)}"
        if d.clinician:
            made += f" by {self.text(d.clinician)}"
        out.append(self.para(made + "."))
        visit = (f"<b>{wording.long_date(d.review_date)}</b>. Please bring this plan with you."
                 if d.review_date else "Please call us to book it.")
        out.append(self.box([self.para(words.NEXT_VISIT_TITLE, "BoxTitle"), self.para(visit)],
                            background=self.shade))
        out.append(self.box([self.para(words.PAIN_RULE_TITLE, "BoxTitle"),
                             *[self.para(self.text(line)) for line in words.pain_rule(d.usual_pain_nprs)]],
                            background=self.warm, border=(0.85, 0.65, 0.15)))
        flare = words.flare_steps(d.settings.phone or None)
        out.append(self.box([self.para(words.FLARE_TITLE, "BoxTitle"), self.para(self.text(flare[0])),
                             *self.lines(flare[1:], "Step", numbered=True)],
                            background=self.shade))
        out.append(self.box([self.para(words.URGENT_TITLE, "AlertTitle"),
                             self.para(self.text(words.URGENT_SIGNS[0])),
                             *self.lines(words.URGENT_SIGNS[1:])],
                            background=(1.0, 0.93, 0.93), border=self.alert))
        contact = self.contact_lines()
        if contact or d.settings.clinic_name:
            body = [self.para(self.text(line)) for line in contact] or [
                self.para(self.text(d.settings.clinic_name))]
            out.append(self.box([self.para(words.CONTACT_TITLE, "BoxTitle"), *body], background=self.shade))
        return out

    def exercise_pages(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, PageBreak

        out: list[Any] = [PageBreak()]
        for position, item in enumerate(self.data.exercises, start=1):
            block = self.exercise_block(item, position)
            if position == 1:
                block.insert(0, self.para(words.EXERCISES_TITLE, "H1"))
            elif self.large:
                out.append(PageBreak())
            out.append(KeepTogether(block))
        return out

    def exercise_block(self, item: HandoutExercise, position: int) -> list[Any]:
        """Normal print: picture, feeling and video on the left; steps and dose on the right.

        Large print: one column, picture first.
        """
        from reportlab.platypus import Spacer, Table, TableStyle

        card = item.card
        picture = self.picture(card, self.large_picture_width if self.large else self.picture_width)
        left: list[Any] = [picture, Spacer(1, self.body * 0.5)] if picture is not None else []
        if item.feel:
            left += [self.para("What you should feel", "Label"), self.para(self.text(item.feel))]
        side = words.side_line(card.side)
        if side:
            left.append(self.para(f"<b>Which side:</b> {self.text(side)}"))
        if item.video_url:
            left += [self.qr_code(item.video_url, 38 * MM if self.large else 28 * MM),
                     self.para(self.text(words.video_caption()), "Small")]
        right: list[Any] = [self.para("How to do it", "Label"), *self.lines(card.steps, "Step", numbered=True),
                            *self.lines(card.cues)]
        dose = item.dose()
        if dose:
            right += [self.para("How much", "Label"), *[self.para(self.text(line)) for line in dose]]
        if card.notes:
            right += [self.para("A note from your physio", "Label"), self.para(self.text(card.notes))]
        out: list[Any] = [self.para(f"{position}. {self.text(card.name)}", "ExerciseName")]
        if self.large and picture is not None:
            # Picture beside what to feel; steps and dose below at full width.
            column = self.large_picture_width + 6 * MM
            grid = Table([[left[0], left[2:]]], colWidths=[column, self.content_width - column])
            grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular)]))
            out += [grid, Spacer(1, self.body * 0.5), *right]
        elif self.large:
            out += [*left, *right]
        else:
            column = self.picture_width + 6 * MM
            grid = Table([[left, right]], colWidths=[column, self.content_width - column])
            grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("RIGHTPADDING", (0, 0), (0, -1), 6 * MM),
                                      ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular)]))
            out.append(grid)
        out.append(Spacer(1, self.body))
        return out

    def picture(self, card: ExerciseCard, width: float) -> Any:
        if card.drawing is None:
            return None
        drawing = card.drawing()
        if drawing is None:
            return None
        fit_drawing(drawing, self.fontset.regular, width, width * 0.75)
        drawing.hAlign = "CENTER"
        return drawing

    def qr_code(self, url: str, size: float) -> Any:
        """A vector QR code (segno's module matrix drawn as squares), with its quiet zone."""
        import segno
        from reportlab.graphics.shapes import Drawing, Rect
        from reportlab.lib.colors import black, white

        qr = segno.make(url, error="m", micro=False)
        border = 4
        modules = len(qr.matrix) + 2 * border
        unit = size / modules
        drawing = Drawing(size, size)
        drawing.add(Rect(0, 0, size, size, fillColor=white, strokeColor=None))
        for row_index, row in enumerate(qr.matrix):
            y = size - (row_index + border + 1) * unit
            start = None
            for col_index, dark in enumerate([*row, 0]):
                if dark and start is None:
                    start = col_index
                elif not dark and start is not None:
                    drawing.add(Rect((start + border) * unit, y, (col_index - start) * unit, unit,
                                     fillColor=black, strokeColor=None, strokeWidth=0))
                    start = None
        return drawing

    def log_pages(self) -> list[Any]:
        from reportlab.platypus import PageBreak, Table, TableStyle

        d = self.data
        weeks = words.log_weeks(d.made_on, d.review_date)
        out: list[Any] = [PageBreak(), self.para(words.LOG_TITLE, "H1"), self.para(self.text(words.LOG_HELP))]
        if d.exercises:
            out.append(self.para("Your exercises: " + ", ".join(
                f"{i}. {self.text(item.card.name)}" for i, item in enumerate(d.exercises, 1)), "Small"))
        label_w = 34 * MM if self.large else 28 * MM
        pain_w = 26 * MM if self.large else 22 * MM
        day_w = (self.content_width - label_w - pain_w) / 7
        row_h = 24 * MM if self.large else 19 * MM
        weekdays = [self.para(f"{day:%a}", "CellBold") for day in weeks[0].days]
        rows: list[list[Any]] = [
            [self.para("Week", "CellBold"), self.para("Tick each day you exercise", "CellBold"), *[""] * 6,
             self.para("Worst pain (0 to 10)", "CellBold")],
            ["", *weekdays, ""],
        ]
        for week in weeks:
            first, last = week.days[0], week.days[-1]
            label = self.para(f"<b>Week {week.number}</b><br/>{first.day} {first:%b} to {last.day} {last:%b}", "Cell")
            days = [self.para(f"{day.day}", "Small") for day in week.days]
            rows.append([label, *days, ""])
        table = Table(rows, colWidths=[label_w, *[day_w] * 7, pain_w],
                      rowHeights=[None, None, *[row_h] * len(weeks)], repeatRows=2)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 1.0, self.colour(self.ink)),
            ("SPAN", (1, 0), (7, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (8, 0), (8, 1)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 1), self.colour(self.shade)),
            ("BACKGROUND", (0, 1), (0, -1), self.colour(self.shade)),
            ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular),
        ]))  # fmt: skip
        out.append(table)
        return out


def render_handout(data: HandoutData, *, invariant: bool = False) -> bytes:
    """The handout PDF as bytes."""
    return HandoutRenderer(data, invariant=invariant).render()
