"""Vignettes for letters you can trust (issue "never state what was not measured").

Each case is worked by hand in its comment; the engine's typed results and
their JSON must say the same, and never more than was measured.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from engine_examples import CLIENT, design_assessment, with_hip

from desktop.clinical import model as m
from desktop.clinical.results import compute_results
from desktop.clinical.wording import paragraphs, words


def _json(assessment: m.Assessment, **kwargs: object) -> dict[str, object]:
    return compute_results(CLIENT, assessment, **kwargs).to_json()  # type: ignore[arg-type]


def test_incomplete_visit_one_hold_only() -> None:
    # Only the right stance test was recorded: no screening, no outcomes, no left test, no strength.
    visit = m.Assessment(performed_on=date(2026, 10, 2), trendelenburg_right=m.TrendelenburgSide(hold_s=12),
                         red_flags=None)
    results = compute_results(CLIENT, visit)
    data = results.to_json()
    assert data["screening"]["done"] is False
    assert data["completeness"] == {"complete": False, "missing": [
        "screening", "pain_nprs", "odi", "psfs", "trendelenburg.left", "hip_abduction"]}
    text = " ".join(paragraphs(results.interpretation)) + " " + data["screening"]["message"]
    assert "no red flag" not in text.lower()
    assert "screening was not done" in text


def test_screened_without_flags_is_done_and_says_so() -> None:
    data = _json(design_assessment())  # red_flags [] in the design example: screened, none found
    assert data["screening"]["done"] is True
    assert data["screening"]["message"] == "No red flags recorded."
    assert data["completeness"] == {"complete": True, "missing": []}


def test_outlier_trial_makes_the_asymmetry_provisional() -> None:
    # Right 120, 118, 165 N: mean 134.33, SD 26.58, CV 19.8% (> 10%): peak 165 vs left 158 at
    # 0.8 m -> torque 132.0 vs 126.4: LSI 95.8%, symmetric, but provisional.
    hip = with_hip(design_assessment(), right=m.HhdSide((120.0, 118.0, 165.0), 80.0))
    data = _json(hip)["hip_abduction"]
    assert data["right"]["cv_pct"] == 19.8 and data["lsi_pct"] == 95.8
    assert data["lsi_provisional"] is True
    assert data["lsi_provisional_reasons"] == ["the right trials varied by 20% (more than 10%)"]
    text = " ".join(paragraphs(compute_results(CLIENT, hip).interpretation))
    assert "This asymmetry is provisional: the right trials varied by 20%" in text
    assert "treated as similar" not in text


def test_unequal_levers_provisional_and_torque_force_explained() -> None:
    # Left 150 N at 80 cm = 120 Nm; right 140 N at 90 cm = 126 Nm. Torque calls the LEFT weaker
    # (LSI 95.2%), force calls the RIGHT weaker (140 < 150). Levers differ by 10 cm (> 2 cm).
    hip = with_hip(design_assessment(), left=m.HhdSide((150.0,), 80.0), right=m.HhdSide((140.0,), 90.0))
    results = compute_results(CLIENT, hip)
    data = results.to_json()["hip_abduction"]
    assert (data["lsi_pct"], data["weaker_side"], data["lsi_provisional"]) == (95.2, "left", True)
    assert "lever arms differ by 10 cm" in data["lsi_provisional_reasons"][0]
    text = " ".join(paragraphs(results.interpretation))
    assert "Torque (force × lever arm) puts the left side lower, while the raw force is lower on the right" in text


def test_equal_levers_and_steady_trials_are_not_provisional() -> None:
    assert _json(design_assessment())["hip_abduction"]["lsi_provisional"] is False


def test_negative_test_with_pain_has_no_pain_note() -> None:
    # Right stance held 30 s (the full target) with pain 4/10: negative, so no pain caveat.
    visit = replace(design_assessment(), trendelenburg_right=m.TrendelenburgSide(hold_s=30, pain_nprs=4))
    results = compute_results(CLIENT, visit)
    assert results.trendelenburg.right is not None and results.trendelenburg.right.result == "negative"
    assert "rather than weakness" not in " ".join(paragraphs(results.interpretation))
    assert not any("rather than weakness" in n for n in results.trendelenburg.right.notes)
    # The same pain with a 12 s hold (0 < 12 < 30): positive, delayed; now the caveat belongs.
    painful = replace(design_assessment(), trendelenburg_right=m.TrendelenburgSide(hold_s=12, pain_nprs=4))
    positive = compute_results(CLIENT, painful)
    assert positive.trendelenburg.right is not None and positive.trendelenburg.right.result == "positive_delayed"
    assert ("Pain of 4/10 during the test means the result may reflect pain rather than weakness."
            in " ".join(paragraphs(positive.interpretation)))


def test_borderline_asymmetry_with_negative_tests_is_not_weakness() -> None:
    # Right 140 N vs left 158 N at 0.8 m: LSI 88.6% (mild); both stance tests negative.
    visit = with_hip(replace(design_assessment(), trendelenburg_right=m.TrendelenburgSide(hold_s=30)),
                     right=m.HhdSide((140.0,), 80.0))
    results = compute_results(CLIENT, visit)
    assert results.weak_sides == ("right",)  # the design.md weak_sides formula is unchanged
    assert (
        words(results.impression)
        == "possible mild side difference (right slightly lower); no hip-abductor weakness shown"
    )
    text = " ".join(paragraphs(results.interpretation))
    assert "Possible mild side difference" in text and "suggest hip-abductor weakness" not in text


def test_exact_threshold_change_reaches() -> None:
    before = design_assessment()
    # ODI before: sections 2+1+3+2+1+0+2+1 = 12 of 8 x 5 = 40 -> 30%; after: 1+1+2+1+1+0+1+1 = 8 / 40
    # -> 20%. Change -10 points, exactly the MCID (Ostelo 2008): "reaches", not "beyond".
    after = replace(before, performed_on=date(2026, 11, 13), odi_item_scores=(1, 1, 2, None, 1, 1, 0, None, 1, 1))
    results = compute_results(CLIENT, after, baseline=before)
    assert results.odi_pct == 20.0
    text = " ".join(paragraphs(results.interpretation))
    assert ("Disability (ODI): -10.0 points, reaches the minimal clinically important change (10 points; "
            "Ostelo 2008): improved.") in text
    # NPRS 6 -> 4: -2 points, exactly the 2-point MCID: also "reaches".
    nprs = compute_results(CLIENT, replace(before, performed_on=date(2026, 11, 13), pain_nprs=4), baseline=before)
    assert ("Pain (NPRS): -2.0 points, reaches the minimal clinically important change (2 points; Ostelo 2008): "
            "improved.") in " ".join(paragraphs(nprs.interpretation))


def test_program_is_ordered_by_stage_and_states_one_start_stage() -> None:
    # Right delayed positive (12 s) with a marked asymmetry -> stage 1 start; all lists by stage.
    data = _json(design_assessment())
    stages = [e["stage"] for e in data["program"]["exercises"]]
    assert stages == sorted(stages)
    assert data["program"]["start_stage"] == min(s for s in stages if s > 0)


def test_reassessment_with_improvement_says_so() -> None:
    before = design_assessment()
    # Right 125 -> 150 N (+20% torque, beyond 10%); NPRS 6 -> 2 (-4, beyond the 2-point MCID).
    after = with_hip(replace(before, performed_on=date(2026, 11, 13), pain_nprs=2), right=m.HhdSide((150.0,), 80.0))
    results = compute_results(CLIENT, after, baseline=before)
    text = " ".join(paragraphs(results.interpretation))
    assert "Hip-abduction torque (right): +20%, beyond the measurement error (10% relative): improved." in text
    assert (
        "Pain (NPRS): -4.0 points, beyond the minimal clinically important change (2 points; Ostelo 2008): improved."
        in text
    )
    assert results.change is not None and results.change.baseline_performed_on == before.performed_on


def test_mmt_only_follow_up_is_not_compared_with_dynamometry() -> None:
    before = design_assessment()
    after = replace(before, performed_on=date(2026, 11, 13),
                    hip_abduction=m.HipAbduction(method="mmt", left=m.MmtSide(5), right=m.MmtSide(4, "+")))
    results = compute_results(CLIENT, after, baseline=before)
    data = results.to_json()
    assert data["hip_abduction"]["method"] == "mmt"
    assert not any(m_["measure"].startswith("hip_abduction") for m_ in data["change"]["measures"])
    assert any("Different methods" in w for w in data["protocol_warnings"])
    # Right 4+ is below grade 5 (MRC): the right side is weak; left 5 is normal power.
    assert data["weak_sides"] == ["right"]
    assert (data["hip_abduction"]["right"]["label"], data["hip_abduction"]["right"]["below_normal"]) == ("4+", True)
    assert words(results.impression).startswith("right hip-abductor weakness")


def test_non_urgent_flag_is_a_request_not_an_acknowledgement() -> None:
    # Night pain in a man of 67 (born 1959-02-11, seen 2026-10-09): a suspected-cancer item (§10.2),
    # not cauda equina, so screening is done, nothing blocks the program, and the action is a review.
    older = m.Client("Georg", "Brandt", date(1959, 2, 11), "male")
    visit = replace(design_assessment(), performed_on=date(2026, 10, 9), red_flags=("night_pain",),
                    red_flags_acknowledged=True)
    results = compute_results(older, visit)
    data = results.to_json()
    assert data["screening"]["done"] is True and data["red_flag_block"] is False
    assert [f.label for f in results.screening.non_urgent_flags] == [
        "Constant night pain not eased by changing position"]
    assert data["program"] is not None and data["program"]["exercises"]
    from desktop.clinical.screening import FLAG_ACTIONS

    assert FLAG_ACTIONS["Possible cancer"] == "an urgent medical review"


def test_athlete_norm_is_not_offered_for_a_clinic_client() -> None:
    # A man of 25, eccentric break test side-lying: the only like-for-like row in the built-in
    # table is Mosler 2017 (professional footballers, 2.6 +- 0.4 Nm/kg). Not a match for him.
    from desktop.clinical.norms import compare_to_norms, default_norm_table

    values = {"Nm/kg": 2.0}
    common = {"contraction": "break", "position": "side_lying", "sex": "male", "age_years": 25, "side": "left"}
    clinic_client = compare_to_norms(default_norm_table(), values, **common)  # type: ignore[arg-type]
    assert not clinic_client.matched
    assert clinic_client.reason is not None and "professional footballers" in clinic_client.reason
    footballer = compare_to_norms(default_norm_table(), values, athlete_group="professional_football",
                                  **common)  # type: ignore[arg-type]
    assert footballer.matched and footballer.comparisons[0].record.source.startswith("Mosler 2017")
    # 2.0 vs 2.6 Nm/kg: 76.9% of the mean, z = (2.0 - 2.6) / 0.4 = -1.50; the population is named.
    assert "professional footballers" in footballer.comparisons[0].text()
    assert round(footballer.comparisons[0].z_score or 0, 2) == -1.5


def test_reassessment_progresses_the_last_program_in_the_engine() -> None:
    # Six weeks on: right stance now held 30 s (was 12 s), right 150 N vs left 158 N at 0.8 m ->
    # LSI 100 x 120 / 126.4 = 94.9% (symmetric), pain 6 -> 2 (3/10 or less allows advancing, §7.5).
    # The last program had the clamshell (stage 1, progression: band side-steps, stage 2) and the
    # figure-four stretch (stage 0, held as preparation).
    last = replace(design_assessment(), program=m.Program(exercises=(
        m.ProgramItem("figure_four_stretch", 0, sets=2, hold_s=30),
        m.ProgramItem("clamshell", 1, sets=3, reps=12, side="right"),
    )))
    now = with_hip(replace(design_assessment(), performed_on=date(2026, 11, 13), pain_nprs=2,
                           trendelenburg_right=m.TrendelenburgSide(hold_s=30)), right=m.HhdSide((150.0,), 80.0))
    results = compute_results(CLIENT, now, baseline=last, previous=last)
    program = results.program
    assert program is not None and program.source == "proposed"
    assert [e.id for e in program.exercises] == ["figure_four_stretch", "band_side_steps"]
    assert program.start_stage == 2
    assert program.rules_applied is not None
    assert any(rule.startswith("Advance clamshell to band_side_steps: Ready for") for rule in program.rules_applied)
    assert any(rule.startswith("Hold figure_four_stretch") for rule in program.rules_applied)
    # Without a previous program the engine proposes afresh from the findings: no weakness left,
    # so a maintenance program at stage 3.
    fresh = compute_results(CLIENT, now, baseline=last, previous=replace(last, program=None))
    assert fresh.program is not None and fresh.program.start_stage == 3
    assert fresh.program.rules_applied is not None and not any(
        r.startswith("Advance") for r in fresh.program.rules_applied
    )


def test_outlier_trial_left_out_with_its_reason() -> None:
    # Right 120, 118, 165 N; trial 3 left out ("trunk hitched"). Used: 120 and 118 N.
    # Peak 120 N; mean 119 N; SD = sqrt(((120-119)^2 + (118-119)^2) / 1) = 1.414; CV = 1.19% -> 1.2.
    # Torque right 120 x 0.8 = 96.0 Nm vs left 158 x 0.8 = 126.4 Nm: LSI 100 x 96 / 126.4 = 75.9%,
    # marked, right weaker; no longer provisional (CV 1.2% <= 10%, levers equal).
    # Without the exclusion the same visit reads 165 vs 158 N: LSI 95.8%, left weaker.
    reason = "trunk hitched on trial 3"
    right = m.HhdSide((120.0, 118.0, 165.0), 80.0, excluded=m.TrialExclusion(3, reason))
    results = compute_results(CLIENT, with_hip(design_assessment(), right=right))
    data = results.to_json()["hip_abduction"]
    right_json = data["right"]
    assert (right_json["peak_force_n"], right_json["mean_force_n"], right_json["cv_pct"]) == (120.0, 119.0, 1.2)
    assert data["right"]["trials_n"] == [120.0, 118.0] and data["right"]["trial_count"] == 2
    assert data["right"]["excluded_trial"] == {"trial_no": 3, "reason": reason, "force_n": 165.0}
    assert (data["lsi_pct"], data["weaker_side"], data["asymmetry_band"]) == (75.9, "right", "marked")
    assert data["lsi_provisional"] is False
    text = " ".join(paragraphs(results.interpretation))
    assert ("Trial 3 on the right (165 N) was left out as an outlier: trunk hitched on trial 3. Peak, mean and "
            "variation use the other 2 trials.") in text
    kept = compute_results(CLIENT, with_hip(design_assessment(), right=replace(right, excluded=None))).to_json()
    assert (kept["hip_abduction"]["lsi_pct"], kept["hip_abduction"]["weaker_side"]) == (95.8, "left")


def _footballer_visit() -> m.Assessment:
    # Break test side-lying, 75 kg, lever 90 cm: left 220 N x 0.9 m = 198 Nm -> 2.64 Nm/kg;
    # right 200 N x 0.9 m = 180 Nm -> 2.40 Nm/kg.
    hip = m.HipAbduction(method="hhd", position="side_lying", unit="N", contraction="break",
                         left=m.HhdSide((215.0, 220.0, 218.0), 90.0), right=m.HhdSide((200.0, 196.0, 199.0), 90.0))
    return replace(design_assessment(), body_mass_kg=75.0, hip_abduction=hip)


def test_athlete_norm_is_matched_only_for_a_client_marked_as_that_athlete() -> None:
    # A man born 2001-05-20, 25 at the visit (2026-10-02): Mosler 2017 (male professional footballers,
    # 18-40 y, eccentric side-lying, 2.6 +- 0.4 Nm/kg) is the one like-for-like row.
    player = m.Client("Tomás", "Reyes", date(2001, 5, 20), "male", athlete_group="professional_football")
    norms = compute_results(player, _footballer_visit()).to_json()["norm_comparison"]
    left, right = norms["left"]["comparisons"][0], norms["right"]["comparisons"][0]
    assert left["source"].startswith("Mosler 2017")
    assert left["population"] == "asymptomatic male professional footballers"
    # Left 2.64: 100 x 2.64 / 2.6 = 101.5% of the mean, z = (2.64 - 2.6) / 0.4 = +0.10.
    # Right 2.40: 92.3% of the mean, z = (2.40 - 2.6) / 0.4 = -0.50.
    assert (left["measured"], left["pct_of_mean"], left["z_score"]) == (2.64, 101.5, 0.1)
    assert (right["measured"], right["pct_of_mean"], right["z_score"]) == (2.4, 92.3, -0.5)
    assert ("Reference population: asymptomatic male professional footballers; used because the client is "
            "recorded as an athlete in professional football (soccer).") in left["cautions"]
    # The same man, not marked as an athlete: no reference, and the reason names the population left out.
    clinic = compute_results(replace(player, athlete_group=None), _footballer_visit()).to_json()["norm_comparison"]
    assert clinic["left"]["status"] == "no_match"
    assert "the reference for athletes (asymptomatic male professional footballers) is not used" in (
        clinic["left"]["reason"])


def test_outlier_left_out_leaves_its_force_time_curve_out_too() -> None:
    # 10 Hz curves in N (baseline = the first 100 ms = 1 sample, 0 N):
    #   trial 1 [0, 50, 100, 150, 150]: peak 150 at 0.3 s; onset at 5% of 150 = 7.5 N -> 0.1 s;
    #           time to peak 0.2 s; RFD (F(0.3 s) - F(0.1 s)) / 0.2 = (150 - 50) / 0.2 = 500 N/s.
    #   trial 2 [0, 100, 120]: peak 120.
    #   trial 3 [0, 200, 200, 200, 200]: the outlier, peak 200 at its onset: time to peak 0, RFD 0.
    from desktop.clinical.curves import ForceCurve

    curves = (ForceCurve(10.0, (0.0, 50.0, 100.0, 150.0, 150.0)), ForceCurve(10.0, (0.0, 100.0, 120.0)),
              ForceCurve(10.0, (0.0, 200.0, 200.0, 200.0, 200.0)))
    side = m.HhdSide((150.0, 120.0, 200.0), 80.0, curves=curves)
    kept = _json(with_hip(design_assessment(), right=side))["hip_abduction"]["right"]
    assert (kept["time_to_peak_s"], kept["rfd_0_200_n_per_s"]) == (0.0, 0.0)
    left_out = replace(side, excluded=m.TrialExclusion(3, "pelvis rolled back"))
    right = _json(with_hip(design_assessment(), right=left_out))["hip_abduction"]["right"]
    assert (right["peak_force_n"], right["time_to_peak_s"], right["rfd_0_200_n_per_s"]) == (150.0, 0.2, 500.0)
