"""The referral PDF: a letter with findings and charts, then the home exercise program.

``ReferralReportRenderer`` lays out a ``ReportData``; it formats and never
computes a clinical value. When the cauda-equina screen is positive
(``results.red_flag_block``) it writes a short urgent medical-referral
letter instead and no exercise program at all (design.md, clinical-reference
§10.2).
"""

from __future__ import annotations

from typing import Any

from desktop.clinical.wording import paragraphs as wording_paragraphs
from desktop.clinical.wording import words
from desktop.report import wording
from desktop.report.base import stage_name
from desktop.report.data import PHASE_RELEASE, ReportData
from desktop.report.findings import FindingsSections
from desktop.report.program_pages import ProgramPages
from desktop.report.trend_section import PROTOCOL_BREAK_CAPTION, TrendFigure, TrendSections
from desktop.report.urgent import UrgentLetter

__all__ = ["PROTOCOL_BREAK_CAPTION", "ReferralReportRenderer", "TrendFigure", "render_report", "stage_name"]


class ReferralReportRenderer(FindingsSections, TrendSections, ProgramPages, UrgentLetter):
    """The referral letter: letter parts, findings, progress, plan, then the program pages."""

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
        story += self.trendelenburg_section(r.trendelenburg)
        hip = r.hip_abduction
        if hip is not None and hip.method == "hhd":
            story += self.hhd_section(hip, r.norm_comparison)
        elif hip is not None and hip.method == "mmt":
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
        screening = self.data.results.screening
        out = [self.para("Red-flag screening", "H2")]
        out.append(self.para(self.text(words(screening.message, "doctor"))))
        if screening.flags:
            out += self.bullets([f"{f.domain}: {f.label}" for f in screening.flags])
        return out
    def interpretation_section(self) -> list[Any]:
        paragraphs = [p for p in wording_paragraphs(self.data.results.interpretation, "doctor") if p]
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


def render_report(data: ReportData, *, invariant: bool = False) -> bytes:
    """PDF bytes for ``data`` (referral letter, or the urgent letter when the screen blocks)."""
    return ReferralReportRenderer(data, invariant=invariant).render()
