"""The urgent letter written instead of the referral when the cauda-equina screen is positive.

It is addressed to the emergency department team (GIRFT national CES pathway:
immediate referral, seen in hospital within hours, clinical-reference §10.2),
names the findings that matter, says when the client was assessed and how to
reach the clinician, and warns when it is printed after the day of assessment.
"""

from __future__ import annotations

from typing import Any

from desktop.report import wording
from desktop.report.base import ReportBase

# Cauda-equina findings the emergency team needs in the letter (GIRFT pathway; §10.2).
CES_FINDINGS_NOTE = (
    "These are the client's answers to the screening questions. Saddle sensation, lower-limb power, "
    "reflexes and bladder volume were not examined by me: they are not assessed, not normal."
)


def assessed_when(assessment: Any) -> str:
    """'2 October 2026 at 14:05', or the date with a blank to write the time in when it was not kept."""
    on = wording.long_date(assessment.performed_on)
    if assessment.performed_at is not None:
        return f"{on} at {assessment.performed_at:%H:%M}"
    return f"{on} (time of assessment: not recorded; write it here: ________)"


class UrgentLetter(ReportBase):
    def _late_warning(self) -> list[Any]:
        d = self.data
        late_days = (d.generated_on - d.assessment.performed_on).days
        if late_days <= 0:
            return []
        when = "1 day" if late_days == 1 else f"{late_days} days"
        return [self.para(
            f"<b>Printed {wording.long_date(d.generated_on)}, {when} after the assessment on "
            f"{self.text(assessed_when(d.assessment))}.</b> If {self.text(d.client.given_name)} has not yet been "
            "seen in an emergency department, contact them today: this letter does not replace a same-day "
            "referral.", "UrgentTitle")]

    def _emergency_address(self) -> list[Any]:
        from reportlab.platypus import Spacer

        return [self.para("<b>To the emergency department team</b>", "BodyTight"),
                self.para(f"Date of letter: {wording.long_date(self.data.generated_on)}", "BodyTight"),
                Spacer(1, 8)]

    def _contact(self) -> list[Any]:
        """The visit's clinician from the clinic's list (registration, direct phone), else the settings."""
        d = self.data
        s = d.settings
        signer = d.clinician
        name = (signer.name if signer else "") or d.assessment.clinician or s.clinician_name or \
            "the treating physiotherapist"
        parts = [f"<b>Contact:</b> {self.text(name)}"]
        qualifications = signer.qualifications if signer and signer.qualifications else s.clinician_credentials
        if qualifications:
            parts.append(self.text(qualifications))
        if signer and signer.registration_number:
            parts.append(f"registration {self.text(signer.registration_number)}")
        elif s.provider_number:
            parts.append(f"provider number {self.text(s.provider_number)}")
        else:
            parts.append("registration not recorded in settings")
        phone = (signer.phone if signer else "") or s.phone
        parts.append(f"phone {self.text(phone)}" if phone else "phone not recorded in settings")
        return [self.para(", ".join(parts) + ".")]

    def urgent_story(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        d = self.data
        screening = d.results.screening
        urgent_flags = [f.label for f in screening.cauda_equina_flags]
        other_flags = [f.label for f in screening.non_urgent_flags]
        name = self.text(d.client.display_name)
        story: list[Any] = []
        story += self.letterhead()
        story += self._late_warning()
        story += self._emergency_address()
        story.append(self.para("URGENT: suspected cauda equina syndrome, same-day assessment requested",
                               "UrgentTitle"))
        story += self.identification()
        story.append(self.para("Dear colleague,"))
        story.append(self.para(
            f"Assessed on {self.text(assessed_when(d.assessment))}. GP or referrer: "
            + (self.text(d.assessment.referrer.name) if d.assessment.referrer and d.assessment.referrer.name
               else "not recorded") + "."))
        story.append(self.para(
            f"I saw {name} for low back pain. At screening {self.text(d.client.given_name)} reported these "
            "findings, which may indicate <b>cauda equina syndrome</b>:"))
        story += self.bullets(urgent_flags)
        story.append(self.para(CES_FINDINGS_NOTE, "Muted"))
        if other_flags:
            story.append(self.para("Other red flags recorded:"))
            story += self.bullets(other_flags)
        if d.results.nprs is not None:
            story.append(self.para(f"Back pain today: {d.results.nprs}/10 (NPRS)."))
        story.append(
            KeepTogether(
                [
                    self.para("Request", "H2"),
                    self.para(
                        "<b>Please assess today: same-day emergency assessment.</b> Under the national cauda "
                        "equina pathway, people with these symptoms should be assessed in hospital within "
                        "hours, with an MRI scan where indicated."
                    ),
                    self.para(
                        f"I have advised {self.text(d.client.given_name)} to go to the emergency department now "
                        "and not to wait for a routine appointment. No exercise program has been given; hip and "
                        "back exercise is deferred until a doctor has reviewed these findings."
                    ),
                ]
            )
        )
        story += self._contact()
        story += self.signature()
        referrer = d.assessment.referrer
        if referrer and referrer.name:
            story.append(self.para(f"Copy to: {self.text(referrer.name)} (GP) and {name}.", "Muted"))
        return story
