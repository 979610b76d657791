"""Clinical vignettes: hand-built results (design.md "Computed results") -> proposed programme.

Each vignette states the findings, the rule expected to fire and the
programme a physiotherapist would expect: start stage, exercise ids, sides.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.clinical.model import Assessment, TrendelenburgSide
from desktop.clinical.program import propose_program

ON = date(2026, 10, 2)
RELEASE = ["foam_roll_glute_med", "figure_four_stretch"]
RELEASE_EMPHASIS = RELEASE + ["ball_release_glute_med"]
STAGE1 = ["clamshell", "side_lying_abduction_hold", "bridge", "quadruped_hip_extension",
          "standing_wall_press"]
# In stage order (design.md Round 2): the stage-1 clamshell kept at stage 2 comes first.
STAGE2 = ["clamshell", "single_leg_bridge", "band_side_steps", "lateral_step_up",
          "single_leg_deadlift"]
MAINTENANCE = ["side_plank_hip_abduction", "side_lying_hip_abduction", "single_leg_stance_reach",
               "step_down"]


def tb(result: str, hold_s: float | None) -> dict[str, Any]:
    return {"result": result, "hold_s": hold_s, "compensated": False}


def hhd(lsi_pct: float | None, weaker: str | None, band: str | None) -> dict[str, Any]:
    return {"left": {"peak_force_n": 150.0}, "right": {"peak_force_n": 150.0},
            "lsi_pct": lsi_pct, "weaker_side": weaker, "asymmetry_band": band}


def results(left: dict[str, Any], right: dict[str, Any], hip: dict[str, Any],
            weak: list[str], block: bool = False) -> dict[str, Any]:
    return {"trendelenburg": {"left": left, "right": right}, "hip_abduction": hip,
            "weak_sides": weak, "red_flag_block": block}


def ids(program: dict[str, Any]) -> list[str]:
    return [e["id"] for e in program["exercises"]]


def sides(program: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["side"] for e in program["exercises"]}


def test_bilateral_weakness_both_sides_stage_2() -> None:
    # Both stance legs drop after a delay (18 s, 20 s); strength symmetric (LSI 95%).
    r = results(tb("positive_delayed", 18), tb("positive_delayed", 20),
                hhd(95.0, "left", "symmetric"), ["left", "right"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=4))
    assert p is not None
    assert p["start_stage"] == 2
    assert ids(p) == RELEASE + STAGE2
    assert set(sides(p).values()) == {"both"}
    assert any("Both sides are weak" in rule for rule in p["rules_applied"])


def test_mmt_only_grade_3_left_starts_with_activation_on_the_left() -> None:
    # MRC 3 on the left (against gravity, no resistance), 5 on the right; stance test negative.
    r = results(tb("negative", 30), tb("negative", 30),
                {"method": "mmt", "left": {"grade": 3, "modifier": None},
                 "right": {"grade": 5, "modifier": None}}, ["left"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=3))
    assert p["start_stage"] == 1
    assert ids(p) == RELEASE + STAGE1
    s = sides(p)
    assert s["clamshell"] == "left" and s["bridge"] == "both" and s["foam_roll_glute_med"] == "left"
    assert any("graded 3 (MRC)" in rule for rule in p["rules_applied"])


def test_mmt_grade_4_minus_starts_at_strength_endurance() -> None:
    r = results(tb("negative", 30), tb("negative", 30),
                {"method": "mmt", "left": {"grade": 5, "modifier": None},
                 "right": {"grade": 4, "modifier": "-"}}, ["right"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=2))
    assert p["start_stage"] == 2
    assert sides(p)["single_leg_bridge"] == "right"
    assert any("graded 4-" in rule for rule in p["rules_applied"])


def test_pain_limited_invalid_trendelenburg_starts_low_with_release_emphasis() -> None:
    # Right stance test stopped by pain; left negative; strength symmetric (LSI 92%).
    r = results(tb("negative", 30), tb("invalid", None), hhd(92.0, "right", "symmetric"), [])
    a = Assessment(performed_on=ON, pain_nprs=5,
                   trendelenburg_right=TrendelenburgSide(invalid_reason="pain", pain_nprs=7))
    p = propose_program(r, a)
    assert p["start_stage"] == 1
    # Three release/stretch items, four lying-down strengthening items (emphasis -> fewer).
    assert ids(p) == RELEASE_EMPHASIS + STAGE1[:4]
    assert set(sides(p).values()) == {"both"}  # invalid is not positive: no side marked weak


def test_red_flag_block_gives_no_program() -> None:
    r = results(tb("positive_immediate", 0), tb("negative", 30), hhd(70.0, "left", "marked"),
                ["left"], block=True)
    assert propose_program(r, Assessment(performed_on=ON, red_flags=("ces_bladder",))) is None


def test_symmetric_negative_gets_maintenance() -> None:
    # Both sides held 30 s, LSI 96%: nothing weak -> short strength + functional set, 2 days/week.
    r = results(tb("negative", 30), tb("negative", 30), hhd(96.0, "right", "symmetric"), [])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=2))
    assert p["start_stage"] == 3
    assert ids(p) == RELEASE + MAINTENANCE
    strengthening = [e for e in p["exercises"] if e["stage"] > 0]
    assert {e["days_per_week"] for e in strengthening} == {2}
    assert any("maintenance" in rule.lower() for rule in p["rules_applied"])


def test_immediate_positive_right_starts_activation_on_the_right() -> None:
    r = results(tb("negative", 30), tb("positive_immediate", 0), hhd(91.0, "right", "symmetric"),
                ["right"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=4))
    assert p["start_stage"] == 1
    assert ids(p) == RELEASE + STAGE1
    s = sides(p)
    assert s["clamshell"] == "right" and s["standing_wall_press"] == "right"


def test_delayed_positive_left_with_mild_asymmetry_starts_stage_2_left() -> None:
    # Left held 15 s; left weaker, LSI 85% (mild: 80-89%).
    r = results(tb("positive_delayed", 15), tb("negative", 30), hhd(85.0, "left", "mild"), ["left"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=3))
    assert p["start_stage"] == 2
    assert ids(p) == RELEASE + STAGE2
    s = sides(p)
    assert s["single_leg_bridge"] == "left" and s["band_side_steps"] == "both"
    assert any("held 15 s of 30 s" in rule for rule in p["rules_applied"])
    assert any("LSI 85%" in rule for rule in p["rules_applied"])


def test_high_pain_lowers_the_start_and_adds_release() -> None:
    # Delayed positive right would start at stage 2; NPRS 8 (>= 7) lowers it to 1.
    r = results(tb("negative", 30), tb("positive_delayed", 10), hhd(88.0, "right", "mild"), ["right"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=8))
    assert p["start_stage"] == 1
    assert ids(p) == RELEASE_EMPHASIS + STAGE1[:4]
    assert any("8/10 is high" in rule for rule in p["rules_applied"])


def test_marked_asymmetry_with_positive_stance_starts_activation() -> None:
    # Design example: right delayed (12 s) and LSI 79.1% (marked) on the same side.
    r = results(tb("negative", 30), tb("positive_delayed", 12), hhd(79.1, "right", "marked"), ["right"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=6))
    assert p["start_stage"] == 1


def test_marked_asymmetry_alone_starts_strength_endurance() -> None:
    r = results(tb("negative", 30), tb("negative", 30), hhd(75.0, "left", "marked"), ["left"])
    p = propose_program(r, Assessment(performed_on=ON, pain_nprs=1))
    assert p["start_stage"] == 2
    assert sides(p)["single_leg_bridge"] == "left"


def test_balance_invalid_leaves_out_single_leg_standing_work() -> None:
    r = results(tb("invalid", None), tb("negative", 30), hhd(93.0, "left", "symmetric"), [])
    a = Assessment(performed_on=ON, pain_nprs=2,
                   trendelenburg_left=TrendelenburgSide(invalid_reason="balance"))
    p = propose_program(r, a)
    assert p["start_stage"] == 1
    assert "standing_wall_press" not in ids(p)
    assert ids(p) == RELEASE + STAGE1[:4]
