"""The letter a doctor reads in a minute, and never more than was measured (rendered PDFs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time

from report_examples import all_text, design_assessment, make_data, pages_text, visits_data

from desktop.clinical.model import Client, Clinician, HhdSide, TrendelenburgSide, TrialExclusion
from desktop.clinical.results import compute_results

Render = Callable[..., bytes]
CLIENT = Client("Ana", "Nguyễn", date(1971, 3, 14), "female", external_id="HP-20417")


def _data(assessment=None, **changes):  # type: ignore[no-untyped-def]
    assessment = assessment or design_assessment()
    results = compute_results(CLIENT, assessment, today=date(2026, 10, 2))
    return make_data(assessment=assessment, results=results, **changes)


def test_first_visit_letter_reads_in_a_minute(render: Render) -> None:
    first = pages_text(render(_data()))[0]
    # Re: line with the impression: right Trendelenburg positive (12 s), LSI 79.1%.
    assert ("Re: Ana Nguyễn, born 14 March 1971: right hip-abductor weakness (Trendelenburg positive on the "
            "right stance leg; strength 79.1% of the other side)") in first
    assert "Thank you for referring Ana Nguyễn. I assessed Ana on 2 October 2026" in first
    assert "them on" not in first
    assert "For your information No action is needed from you. I will see Ana again on 13 November 2026." in first
    text = all_text(render(_data()))
    assert "Goals, in Ana's own words (PSFS, 0 to 10): Walking 30 min (now 4/10)." in text
    assert "Copy to: Ana Nguyễn, with the exercise program." in text
    assert "Every screening question was asked; no red flag was found." in text


def test_reassessment_letter_says_so(render: Render) -> None:
    before = design_assessment()
    after = replace(before, performed_on=date(2026, 11, 13), pain_nprs=3,
                    hip_abduction=replace(before.hip_abduction, right=HhdSide((150.0,), 80.0)))  # type: ignore[arg-type]
    text = all_text(render(visits_data(CLIENT, [before, after])))
    # 2 Oct -> 13 Nov 2026 = 42 days = 6 weeks.
    assert "re-assessment" in text
    assert "I re-assessed Ana Nguyễn on 13 November 2026, 6 weeks after the first assessment on 2 October 2026." in text
    assert "Thank you for referring" not in text
    # NPRS 6 -> 3: -3, beyond the 2-point MCID; right torque 100 -> 120 Nm: +20%, beyond 10%.
    assert "beyond the minimal clinically important change (2 points; Ostelo 2008): improved" in text


def test_non_urgent_flag_is_a_request_with_safety_netting(render: Render) -> None:
    flagged = replace(design_assessment(), red_flags=("night_pain",), red_flags_acknowledged=True)
    text = all_text(render(_data(flagged)))
    assert "acknowledged by the clinician" not in text
    assert "Please arrange an urgent medical review for possible cancer: constant night pain" in text
    assert "What was done: every screening question was asked" in text
    assert "Safety-netting: Ana's copy of the program pages says to get medical help at once" in text
    assert "For your information" not in text


def test_urgent_letter_printed_late_warns_and_goes_to_the_emergency_team(render: Render) -> None:
    # Assessed Friday 2 October 2026 at 14:05, printed Monday 5 October: 5 - 2 = 3 days later.
    urgent = replace(design_assessment(), red_flags=("ces_bladder", "ces_saddle_anaesthesia"),
                     performed_at=time(14, 5))
    jo = Clinician("Jo Smith", "BPhty, APAM", "PHY0001234567", "+61 400 555 012")
    text = all_text(render(_data(urgent, generated_on=date(2026, 10, 5), clinician=jo)))
    assert "To the emergency department team" in text
    assert "Printed 5 October 2026, 3 days after the assessment on 2 October 2026 at 14:05." in text
    assert "Assessed on 2 October 2026 at 14:05. GP or referrer: Dr A. Lee." in text
    assert "HP-20417 2 October 2026, 14:05 Jo Smith" in text  # the identification row
    assert "Contact: Jo Smith, BPhty, APAM, registration PHY0001234567, phone +61 400 555 012." in text
    assert "not assessed, not normal" in text
    same_day = all_text(render(_data(urgent, generated_on=date(2026, 10, 2), clinician=jo)))
    assert "after the assessment" not in same_day and "Assessed on 2 October 2026 at 14:05." in same_day
    # A visit stored before the time was kept: the letter leaves a blank for it, never a guess.
    untimed = all_text(render(_data(replace(urgent, performed_at=None), generated_on=date(2026, 10, 5))))
    assert "Assessed on 2 October 2026 (time of assessment: not recorded; write it here: ________)" in untimed
    assert "Contact: Jo Smith, BPhty, APAM" in untimed and "phone +61 3 9555 0134" in untimed


def test_incomplete_visit_prints_not_assessed_and_labels_the_client_pages(render: Render) -> None:
    partial = replace(design_assessment(), trendelenburg_left=None, psfs=())
    pages = pages_text(render(_data(partial)))
    text = " ".join(pages)
    assert ("Incomplete assessment. Not assessed at this visit: Patient-Specific Functional Scale; "
            "Trendelenburg test, left stance.") in pages[0]
    assert "Not assessed at this visit" in text
    assert "Trendelenburg test, left stance: not assessed." in text
    assert "Patient-Specific Functional Scale: not assessed." in text
    assert "Some parts of your assessment were not done at this visit." in text


def test_provisional_asymmetry_is_called_provisional_in_the_letter(render: Render) -> None:
    # Right 120, 118, 165 N: CV 19.8% -> provisional.
    outlier = replace(design_assessment(), hip_abduction=replace(
        design_assessment().hip_abduction, right=HhdSide((120.0, 118.0, 165.0), 80.0)))  # type: ignore[arg-type]
    text = all_text(render(_data(outlier)))
    assert "This asymmetry is provisional: the right trials varied by 20% (more than 10%)" in text


def test_negative_stance_with_pain_has_no_pain_note_in_the_letter(render: Render) -> None:
    visit = replace(design_assessment(), trendelenburg_right=TrendelenburgSide(hold_s=30, pain_nprs=4))
    assert "rather than weakness" not in all_text(render(_data(visit)))


def test_excluded_outlier_trial_is_printed_with_its_reason(render: Render) -> None:
    # Right 120, 118, 165 N with trial 3 left out: peak 120 N, mean 119 N, CV 1.2%;
    # torque 96.0 vs 126.4 Nm -> LSI 75.9% (right weaker), not provisional.
    hip = design_assessment().hip_abduction
    assert hip is not None
    right = HhdSide((120.0, 118.0, 165.0), 80.0, excluded=TrialExclusion(3, "trunk hitched on trial 3"))
    text = all_text(render(_data(replace(design_assessment(), hip_abduction=replace(hip, right=right)))))
    assert "best of 3 trials, one outlier trial left out (see below)" in text
    assert ("Trial 3 on the right (165 N) was left out as an outlier: trunk hitched on trial 3. Peak, mean and "
            "variation use the other 2 trials.") in text
    assert "Limb symmetry index 75.9%" in text and "provisional" not in text


def test_athlete_reference_names_its_population_in_the_letter(render: Render) -> None:
    # Break test side-lying, 75 kg, 90 cm: left 220 N -> 2.64 Nm/kg, 101.5% of Mosler's 2.6 (z = +0.10).
    from desktop.clinical.model import HipAbduction

    player = Client("Tomás", "Reyes", date(2001, 5, 20), "male", athlete_group="professional_football")
    hip = HipAbduction(method="hhd", position="side_lying", unit="N", contraction="break",
                       left=HhdSide((215.0, 220.0, 218.0), 90.0), right=HhdSide((200.0, 196.0, 199.0), 90.0))
    visit = replace(design_assessment(), body_mass_kg=75.0, hip_abduction=hip)
    results = compute_results(player, visit, today=date(2026, 10, 2))
    text = all_text(render(make_data(assessment=visit, results=results, client=player)))
    assert "reference 2.6 ± 0.4 Nm/kg (asymptomatic male professional footballers); this result 2.64 Nm/kg" in text
    assert ("Reference population: asymptomatic male professional footballers; used because the client is "
            "recorded as an athlete in professional football (soccer).") in text
