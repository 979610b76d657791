"""The parts of the referral letter a doctor reads first: the "Re:" line, the opening,
the request (or "for your information"), the screening account, the plan and the copy line.

Wording for the doctor comes from desktop.clinical.wording (audience "doctor")
and the rules in docs/clinical-basis.md: the client is named, a re-assessment
says so, a non-urgent red flag becomes a clear request with safety-netting.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from desktop.clinical.screening import FLAG_ACTIONS
from desktop.clinical.wording import words
from desktop.clinical.wording.clinician import STEP_NAMES
from desktop.report import wording
from desktop.report.base import ReportBase, stage_name
from desktop.report.data import PHASE_RELEASE

# What the client's copy tells them (the Safety section of the program pages), restated for
# the doctor as the safety-netting given (GIRFT CES pathway; IFOMPT framework, Finucane 2020).
SAFETY_NET = (
    "{given}'s copy of the program pages says to get medical help at once with new numbness "
    "between the legs or around the back passage, new trouble passing urine or controlling the "
    "bowels, or weakness in both legs, and to step back from the exercises if pain rises more "
    "than 2 points above the usual level or has not settled by the next day."
)


class LetterParts(ReportBase):
    @property
    def given(self) -> str:
        return self.text(self.data.client.given_name or self.data.client.display_name)

    def re_line(self) -> list[Any]:
        d = self.data
        impression = words(d.results.impression, "doctor")
        born = wording.long_date(d.client.date_of_birth)
        return [self.para(f"<b>Re: {self.text(d.client.display_name)}, born {born}: "
                          f"{self.text(impression)}</b>", "Body")]

    def opening(self) -> list[Any]:
        d = self.data
        name = self.text(d.client.display_name)
        on = wording.long_date(d.assessment.performed_on)
        change = d.results.change
        if change is not None:
            weeks = (d.assessment.performed_on - change.baseline_performed_on).days // 7
            text = (f"I re-assessed {name} on {on}, {weeks} weeks after the first assessment on "
                    f"{wording.long_date(change.baseline_performed_on)}. What has changed since then is "
                    "set out on the next pages.")
        else:
            referrer = d.assessment.referrer
            lead = f"Thank you for referring {name}. " if referrer and referrer.name else ""
            text = (f"{lead}I assessed {self.given} on {on}. My impression is above; the findings and the "
                    "home exercise program follow on the next pages.")
        out = [self.para(text)]
        missing = [step for step in d.results.completeness.missing if step != "screening"]
        if missing:
            names = "; ".join(STEP_NAMES.get(step, step) for step in missing)
            out.append(self.para(f"<b>Incomplete assessment.</b> Not assessed at this visit: {self.text(names)}. "
                                 "No finding below stands in for them."))
        return out

    def request_section(self) -> list[Any]:
        """A clear request for each non-urgent red flag, or "for your information"."""
        d = self.data
        flags = d.results.screening.non_urgent_flags
        if not flags:
            text = "No action is needed from you."
            if d.review_date is not None:
                text += f" I will see {self.given} again on {wording.long_date(d.review_date)}."
            return [self.para("For your information", "H2"), self.para(text)]
        out: list[Any] = [self.para("Request", "H2")]
        by_domain: dict[str, list[str]] = {}
        for flag in flags:
            by_domain.setdefault(flag.domain, []).append(flag.label.lower())
        lines = []
        for domain, labels in by_domain.items():
            action = FLAG_ACTIONS.get(domain, "medical review")
            lines.append(f"Please arrange {action} for {domain.lower()}: {'; '.join(labels)}.")
        out += self.bullets(lines)
        out.append(self.para(
            f"What was done: every screening question was asked; I reviewed these answers with "
            f"{self.given} and am referring {self.given} to you for them. The home exercise program "
            "below continues meanwhile unless you advise otherwise."))
        out.append(self.para("Safety-netting: " + SAFETY_NET.format(given=self.given)))
        return out

    def screening_account(self) -> list[Any]:
        screening = self.data.results.screening
        out = [self.para("Red-flag screening", "H2")]
        if not screening.flags:
            out.append(self.para("Every screening question was asked; no red flag was found."))
            return out
        out.append(self.para("Every screening question was asked. Found:"))
        out += self.bullets([f"{self.text(f.domain)}: {self.text(f.label)}" for f in screening.flags])
        return out

    def plan_section(self) -> list[Any]:
        d = self.data
        out = [self.para("Plan", "H2")]
        if d.program:
            strengthening = [card for card in d.program if card.phase != PHASE_RELEASE]
            text = f"Home exercise program of {len(d.program)} exercises"
            if any(card.phase == PHASE_RELEASE for card in d.program):
                text += ": release and stretching, then strengthening"
            program = d.results.program
            stage = program.start_stage if program is not None else None
            if stage is not None and strengthening:
                text += f" from stage {stage} ({stage_name(stage).lower()})"
            days = Counter(card.days_per_week for card in strengthening if card.days_per_week)
            if days:
                text += f", {days.most_common(1)[0][0]} days a week"
            out.append(self.para(self.text(text) + ", described on the following pages."))
        else:
            out.append(self.para("No home exercise program was prescribed at this visit."))
        goals = [item for item in d.assessment.psfs]
        if goals:
            listed = "; ".join(f"{self.text(g.activity)} (now {wording.whole_or_decimal(g.score)}/10)" for g in goals)
            out.append(self.para(f"Goals, in {self.given}'s own words (PSFS, 0 to 10): {listed}."))
        if d.review_date is not None:
            out.append(self.para(f"<b>Review on {wording.long_date(d.review_date)}.</b> {wording.RETEST_NOTE}"))
        else:
            out.append(self.para(wording.RETEST_NOTE))
        return out

    def copy_line(self) -> list[Any]:
        if not self.data.program:
            return [self.para(f"Copy to: {self.text(self.data.client.display_name)}.", "Muted")]
        return [self.para(f"Copy to: {self.text(self.data.client.display_name)}, with the exercise program.",
                          "Muted")]
