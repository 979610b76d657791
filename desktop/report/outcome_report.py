"""The clinic's outcome report: one page of charts and counts, then the per-client table.

Numbers arrive computed (desktop.clinical.clinic_outcomes); this module only
lays them out. Clients are shown by clinic file number or Medius id, never by
name: the report is for the clinic's own review of its results.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop.clinical.change import IMPROVED, NO_REAL_CHANGE, NOT_COMPARABLE, WORSE
from desktop.clinical.clinic_outcomes import (
    MCID_RELATIVE_PCT,
    NOT_MEASURED,
    NOT_REACHED,
    REACHED,
    STRENGTH_DIRECTIONS,
    ClinicOutcomes,
)
from desktop.clinical.model import ClinicSettings
from desktop.clinical.outcomes import NPRS_MCID_POINTS, ODI_MCID_POINTS
from desktop.clinical.strength import STRENGTH_REAL_CHANGE_PCT
from desktop.report import wording
from desktop.report.document import MM, PlainDocument

GOOD = (0.16, 0.50, 0.33)
NEUTRAL = (0.55, 0.58, 0.62)
BAD = (0.72, 0.22, 0.18)
ABSENT = (0.82, 0.84, 0.87)
MCID_BARS = ((REACHED, "Reached MCID", GOOD), (NOT_REACHED, "Did not reach", NEUTRAL),
             (NOT_MEASURED, "Not measured", ABSENT))
STRENGTH_BARS = ((IMPROVED, "Improved", GOOD), (NO_REAL_CHANGE, "No real change", NEUTRAL),
                 (WORSE, "Worse", BAD), (NOT_COMPARABLE, "Not comparable", (0.85, 0.65, 0.15)),
                 (NOT_MEASURED, "Not measured", ABSENT))
DIRECTION_WORDS = {IMPROVED: "improved", NO_REAL_CHANGE: "no real change", WORSE: "worse",
                   NOT_COMPARABLE: "not comparable", NOT_MEASURED: "not measured"}


def threshold_notes() -> tuple[str, ...]:
    """The thresholds the report applies, with their sources (clinical-reference §9, §2.5)."""
    return (
        f"Pain (NPRS 0-10) and disability (ODI %) count as improved when the fall from the first to the last "
        f"visit in the range reaches the minimal clinically important change: {NPRS_MCID_POINTS:g} NPRS points "
        f"or {MCID_RELATIVE_PCT:g}%, {ODI_MCID_POINTS:g} ODI points or {MCID_RELATIVE_PCT:g}% (Ostelo 2008).",
        f"Strength (hip-abduction torque per kg, else force) is judged on the side weaker at the first visit "
        f"against measurement error, {STRENGTH_REAL_CHANGE_PCT:g}% relative; a change of test protocol makes "
        "it not comparable.",
        "Adherence to the home program is not recorded in Medius, so it is not reported.",
    )


class OutcomeReportRenderer(PlainDocument):
    """Landscape-free A4 report: header, three bar charts with counts, notes, client table."""

    font_size = 9.0

    def __init__(self, outcomes: ClinicOutcomes, settings: ClinicSettings, generated_on: date, *,
                 invariant: bool = False) -> None:
        texts = [settings.clinic_name, *[c.file_number or "" for c in outcomes.clients]]
        super().__init__(texts, page_name=settings.page_size, invariant=invariant)
        self.outcomes = outcomes
        self.settings = settings
        self.generated_on = generated_on
        self.styles = self._stylesheet()

    def _stylesheet(self) -> Any:
        from reportlab.lib.styles import ParagraphStyle, StyleSheet1

        f, b = self.fontset, self.font_size
        sheet = StyleSheet1()
        base = ParagraphStyle("Body", fontName=f.regular, fontSize=b, leading=b * 1.35,
                              textColor=self.colour(self.ink), spaceAfter=3)
        sheet.add(base)
        for name, kw in (
            ("Title", {"fontName": f.bold, "fontSize": 16, "leading": 20, "spaceAfter": 2}),
            ("Muted", {"textColor": self.colour(self.muted), "fontSize": 8, "leading": 10.5}),
            ("H2", {"fontName": f.bold, "fontSize": 11, "leading": 14, "spaceBefore": 8, "spaceAfter": 4,
                    "textColor": self.colour(self.accent)}),
            ("Cell", {"fontSize": 7.8, "leading": 9.6, "spaceAfter": 0}),
            ("CellHead", {"fontName": f.bold, "fontSize": 7.6, "leading": 9.4, "spaceAfter": 0,
                          "textColor": self.colour(self.muted)}),
            ("Big", {"fontName": f.bold, "fontSize": 20, "leading": 24, "spaceAfter": 0,
                     "textColor": self.colour(self.accent)}),
        ):
            sheet.add(ParagraphStyle(name, parent=base, **kw))
        return sheet

    def para(self, markup: str, style: str = "Body") -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(markup, self.styles[style])

    def render(self) -> bytes:
        o = self.outcomes
        story = self.header() + self.summary() + self.charts() + self.notes() + self.client_table()
        return self.build(story, title=f"Clinic outcomes {o.start.isoformat()} to {o.end.isoformat()}",
                          author=self.settings.clinic_name or "Medius", subject="Clinic outcome report")

    def header(self) -> list[Any]:
        o = self.outcomes
        out = []
        if self.settings.clinic_name:
            out.append(self.para(self.text(self.settings.clinic_name), "Muted"))
        out.append(self.para("Clinic outcomes", "Title"))
        out.append(self.para(f"Visits from {wording.long_date(o.start)} to {wording.long_date(o.end)}. "
                             f"Generated {wording.long_date(self.generated_on)}.", "Muted"))
        return out

    def summary(self) -> list[Any]:
        from reportlab.platypus import Table, TableStyle

        o = self.outcomes
        followed = len(o.clients)
        cells = [
            (str(o.clients_seen), "clients seen in the range"),
            (str(followed), "with two or more visits (compared)"),
            (self._share(o.count("pain", REACHED), o.clients, "pain"), "reached the MCID for pain"),
            (self._share(o.count("disability", REACHED), o.clients, "disability"),
             "reached the MCID for disability"),
        ]
        row = [[self.para(big, "Big"), self.para(text, "Muted")] for big, text in cells]
        table = Table([row], colWidths=[self.content_width / 4] * 4)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular),
                                   ("TOPPADDING", (0, 0), (-1, -1), 8)]))
        return [table]

    @staticmethod
    def _share(count: int, clients: Sequence[Any], attribute: str) -> str:
        measured = sum(1 for c in clients if getattr(c, attribute) != NOT_MEASURED)
        return f"{count} of {measured}" if measured else "none"

    def charts(self) -> list[Any]:
        from reportlab.platypus import Table, TableStyle

        o = self.outcomes
        # Width in proportion to the number of bars, so every bar gets the same room for its label.
        unit = (self.content_width - 8 * MM) / (2 * len(MCID_BARS) + len(STRENGTH_BARS))
        small, large = unit * len(MCID_BARS), unit * len(STRENGTH_BARS)
        pain = self.bar_chart("Pain (NPRS)",
                              [(label, o.count("pain", key), colour) for key, label, colour in MCID_BARS], small)
        disability = self.bar_chart("Disability (ODI)",
                                    [(label, o.count("disability", key), colour) for key, label, colour in MCID_BARS],
                                    small)
        strength = self.bar_chart("Hip-abduction strength, weaker side",
                                  [(label, o.strength_count(key), colour) for key, label, colour in STRENGTH_BARS],
                                  large)
        grid = Table([[pain, disability, strength]], colWidths=[small + 4 * MM] * 2 + [large])
        grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular)]))
        return [self.para("Clients by result (first versus last visit in the range)", "H2"), grid]

    def bar_chart(self, title: str, bars: Sequence[tuple[str, int, tuple[float, float, float]]],
                  width: float) -> Any:
        """Vertical bars with the count above each and the label below; drawn in the embedded font."""
        from reportlab.graphics.shapes import Drawing, Line, Rect, String

        height = 52 * MM
        font = self.fontset.regular
        drawing = Drawing(width, height, initialFontName=font)
        drawing.add(String(0, height - 10, title, fontName=self.fontset.bold, fontSize=9,
                           fillColor=self.colour(self.ink)))
        base_y, top_y = 12 * MM, height - 18
        peak = max((count for _l, count, _c in bars), default=0) or 1
        slot = width / len(bars)
        bar_w = min(slot * 0.6, 14 * MM)
        drawing.add(Line(0, base_y, width, base_y, strokeColor=self.colour(self.rule), strokeWidth=0.6))
        for index, (label, count, colour) in enumerate(bars):
            x = index * slot + (slot - bar_w) / 2
            bar_h = (top_y - 12 - base_y) * count / peak
            if count:
                drawing.add(Rect(x, base_y, bar_w, bar_h, fillColor=self.colour(colour), strokeColor=None))
            drawing.add(String(x + bar_w / 2, base_y + bar_h + 3, str(count), fontName=self.fontset.bold,
                               fontSize=9, textAnchor="middle", fillColor=self.colour(self.ink)))
            for line_no, part in enumerate(self._wrap(label, slot)):
                drawing.add(String(x + bar_w / 2, base_y - 10 - 9 * line_no, part, fontName=font, fontSize=7.2,
                                   textAnchor="middle", fillColor=self.colour(self.muted)))
        return drawing

    def _wrap(self, label: str, width: float) -> list[str]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines: list[str] = []
        for word in label.split():
            if lines and stringWidth(f"{lines[-1]} {word}", self.fontset.regular, 7.2) <= width - 2:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    def notes(self) -> list[Any]:
        return [self.para("How results are counted", "H2"),
                *[self.para(self.text(note), "Muted") for note in threshold_notes()]]

    def client_table(self) -> list[Any]:
        from reportlab.platypus import Table, TableStyle

        o = self.outcomes
        out: list[Any] = [self.para("Clients compared", "H2")]
        if not o.clients:
            out.append(self.para("No client had two or more visits in this range."))
            return out
        head = ["Client", "First visit", "Last visit", "Visits", "NPRS", "Pain MCID", "ODI %", "Disability MCID",
                "Strength (weaker side)"]
        rows: list[list[Any]] = [[self.para(h, "CellHead") for h in head]]
        for c in o.clients:
            strength = c.strength
            if strength.change_pct is not None:
                change = (f"{strength.side}: {wording.number(strength.change_pct, 1, signed=True)}%, "
                          f"{DIRECTION_WORDS[strength.direction]}")
            else:
                change = DIRECTION_WORDS[strength.direction]
            values = [
                c.file_number or f"#{c.client_id}", wording.short_date(c.first_visit), wording.short_date(c.last_visit),
                str(c.visits), f"{wording.whole_or_decimal(c.nprs_first)} → {wording.whole_or_decimal(c.nprs_last)}",
                c.pain, f"{wording.number(c.odi_first, 0)} → {wording.number(c.odi_last, 0)}", c.disability, change,
            ]
            rows.append([self.para(self.text(v), "Cell") for v in values])
        widths = [20, 19, 19, 13, 15, 19, 16, 19, 30]
        scale = self.content_width / (sum(widths) * MM)
        table = Table(rows, colWidths=[w * MM * scale for w in widths], repeatRows=1)
        style = [("LINEBELOW", (0, 0), (-1, 0), 0.7, self.colour(self.accent)),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), self.fontset.regular),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        style += [("BACKGROUND", (0, r), (-1, r), self.colour(self.shade)) for r in range(2, len(rows), 2)]
        table.setStyle(TableStyle(style))
        out.append(table)
        return out


def render_outcome_report(outcomes: ClinicOutcomes, settings: ClinicSettings, generated_on: date, *,
                          invariant: bool = False) -> bytes:
    return OutcomeReportRenderer(outcomes, settings, generated_on, invariant=invariant).render()


__all__ = ["STRENGTH_DIRECTIONS", "render_outcome_report", "threshold_notes"]
