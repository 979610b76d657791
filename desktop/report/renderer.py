"""The referral PDF: a letter with findings and charts, then the home exercise program.

``ReferralReportRenderer`` lays out a ``ReportData``; it formats and never
computes a clinical value. When the cauda-equina screen is positive
(``results.red_flag_block``) it writes a short urgent medical-referral
letter instead and no exercise program at all (design.md, clinical-reference
§10.2).
"""

from __future__ import annotations

from typing import Any

from desktop.clinical.messages import msg
from desktop.clinical.wording import paragraphs as wording_paragraphs
from desktop.clinical.wording import words
from desktop.report.base import stage_name
from desktop.report.data import ReportData
from desktop.report.findings import FindingsSections
from desktop.report.letter import LetterParts
from desktop.report.program_pages import ProgramPages
from desktop.report.trend_section import PROTOCOL_BREAK_CAPTION, TrendFigure, TrendSections
from desktop.report.urgent import UrgentLetter

__all__ = ["PROTOCOL_BREAK_CAPTION", "ReferralReportRenderer", "TrendFigure", "render_report", "stage_name"]


class ReferralReportRenderer(LetterParts, FindingsSections, TrendSections, ProgramPages, UrgentLetter):
    """The referral letter: letter parts, findings, progress, plan, then the program pages."""

    # ------------------------------------------------------------ referral letter

    def referral_story(self) -> list[Any]:
        """Impression, request and plan on the first page, so the letter reads in a minute; the
        findings follow as an enclosure."""
        from reportlab.platypus import PageBreak

        d = self.data
        r = d.results
        story: list[Any] = []
        story += self.letterhead()
        story += self.address_block()
        story.append(self.para("Hip-abductor assessment for low back pain"
                               + (": re-assessment" if r.change is not None else ""), "Title"))
        story += self.re_line()
        story += self.identification()
        story.append(self.para(self.salutation()))
        story += self.opening()
        story += self.request_section()
        story += self.plan_section()
        story += self.signature()
        story += self.copy_line()
        story += [PageBreak(), self.para("Findings in detail", "H1")]
        story += self.interpretation_section()
        story.append(self.para("Reason for assessment", "H2"))
        story.append(self.para(self.text(d.assessment.reason) if d.assessment.reason
                               else "Low back pain: assessment of hip-abductor (gluteus medius) function."))
        story += self.screening_account()
        story += self.trendelenburg_section(r.trendelenburg)
        hip = r.hip_abduction
        if hip is not None and hip.method == "hhd":
            story += self.hhd_section(hip, r.norm_comparison)
        elif hip is not None and hip.method == "mmt":
            story += self.mmt_section(hip)
        story += self.outcomes_section()
        story += self.not_assessed_section()
        story += self.trend_section()
        if d.program:
            story += self.program_pages()
        return story

    def not_assessed_section(self) -> list[Any]:
        """Steps of a full assessment this visit lacks: named as not assessed, never read as normal."""
        missing = [step for step in self.data.results.completeness.missing if step != "screening"]
        if not missing:
            return []
        lines = [words(msg("completeness.not_assessed", step=step), "doctor") for step in missing]
        return [self.para("Not assessed at this visit", "H2"), *self.bullets(lines)]

    def interpretation_section(self) -> list[Any]:
        paragraphs = [p for p in wording_paragraphs(self.data.results.interpretation, "doctor") if p]
        if not paragraphs:
            return []
        return [self.para("Interpretation", "H2")] + [self.para(self.text(p)) for p in paragraphs]



def render_report(data: ReportData, *, invariant: bool = False) -> bytes:
    """PDF bytes for ``data`` (referral letter, or the urgent letter when the screen blocks)."""
    return ReferralReportRenderer(data, invariant=invariant).render()
