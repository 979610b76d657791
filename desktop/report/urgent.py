"""The urgent medical-referral letter written instead of the referral when the cauda-equina screen is positive."""

from __future__ import annotations

from typing import Any

from desktop.report import wording
from desktop.report.base import ReportBase


class UrgentLetter(ReportBase):
    def urgent_story(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        d = self.data
        screening = d.results.screening
        urgent_flags = [f.label for f in screening.cauda_equina_flags]
        other_flags = [f.label for f in screening.non_urgent_flags]
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
        pain = d.results.nprs
        if pain is not None:
            story.append(self.para(f"Pain today: {pain}/10 (NPRS).", "Body"))
        story += self.signature()
        return story
