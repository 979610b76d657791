"""The client's program pages: exercise cards, when to move on, when to step back, safety."""

from __future__ import annotations

from typing import Any

from desktop.clinical.wording import client as client_words
from desktop.report import charts, wording
from desktop.report.base import MM, ReportBase, stage_name
from desktop.report.data import PHASE_RELEASE, PHASE_STRENGTHENING, ExerciseCard


class ProgramPages(ReportBase):
    def program_pages(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, PageBreak

        d = self.data
        out: list[Any] = [PageBreak(), self.para("Your home exercise program", "H1")]
        intro = f"For {self.text(d.client.display_name)}, from {wording.long_date(d.assessment.performed_on)}."
        if d.review_date is not None:
            intro += f" Next review: {wording.long_date(d.review_date)}."
        out.append(self.para(intro))
        if not d.results.completeness.complete:
            out.append(self.para(f"<b>{client_words.INCOMPLETE}</b>"))
        groups = (
            (PHASE_RELEASE, "Release and stretch", wording.RELEASE_NOTE),
            (PHASE_STRENGTHENING, "Strengthening", client_words.EFFORT),
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
        advice = [self.para("Pain while exercising", "H2"), self.para(client_words.PAIN_RULE)]
        advice += [self.para("When to move on", "H2"), self.para("Move to the next version when:")]
        advice += self.bullets(client_words.MOVE_ON)
        advice.append(self.para("When to step back", "H2"))
        advice += self.bullets(client_words.STEP_BACK)
        advice.append(self.para("Safety", "H2"))
        advice += self.bullets(client_words.SAFETY)
        out.append(KeepTogether(advice))
        return out

    def card(self, card: ExerciseCard, position: int) -> Any:
        from reportlab.platypus import TableStyle

        text: list[Any] = [
            self.para(f"{position}. {self.text(card.name)}", "CardTitle"),
            self.para(f"Stage {card.stage}: {stage_name(card.stage)}", "CardMeta"),
        ]
        text += self.bullets(card.steps, "CardStep", numbered=True)
        if card.cues:
            text.append(self.para("<b>Tips:</b> " + " ".join(self.text(cue) for cue in card.cues), "CardText"))
        dose = wording.dosage(
            sets=card.sets, reps=card.reps, hold_s=card.hold_s, rest_s=card.rest_s,
            days_per_week=card.days_per_week, side=card.side, action=wording.dosage_action(card.exercise_id),
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
