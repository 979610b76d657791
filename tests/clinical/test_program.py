"""Programme rules: shape of the proposal, review date, dosage, and re-assessment proposals."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.clinical.exercises import load_library
from desktop.clinical.model import Assessment, Program, ProgramItem
from desktop.clinical.program import (
    PROGRESSION_CRITERIA,
    REGRESSION_CRITERIA,
    apply_progression,
    progress_program,
    propose_program,
    weak_sides,
)

ON = date(2026, 10, 2)


def res(left: str = "negative", right: str = "negative", lsi: float | None = 95.0,
        weaker: str | None = "left", band: str | None = "symmetric",
        block: bool = False) -> dict[str, Any]:
    r: dict[str, Any] = {
        "trendelenburg": {"left": {"result": left, "hold_s": 30 if left == "negative" else 10},
                          "right": {"result": right, "hold_s": 30 if right == "negative" else 10}},
        "hip_abduction": {"lsi_pct": lsi, "weaker_side": weaker, "asymmetry_band": band},
        "red_flag_block": block,
    }
    r["weak_sides"] = list(weak_sides(r))
    return r


def test_proposal_shape_and_dosage_from_library() -> None:
    p = propose_program(res(right="positive_delayed"), Assessment(performed_on=ON, pain_nprs=3))
    assert p is not None
    assert set(p) == {"start_stage", "exercises", "review_date", "progression_criteria",
                      "regression_criteria", "rules_applied", "source"}
    assert p["source"] == "proposed"
    lib = load_library()
    for item in p["exercises"]:
        assert set(item) == {"id", "stage", "sets", "reps", "hold_s", "rest_s", "days_per_week", "side"}
        d = lib.get(item["id"]).dosage
        assert (item["sets"], item["reps"], item["hold_s"], item["rest_s"]) == (d.sets, d.reps, d.hold_s, d.rest_s)
        assert item["stage"] == lib.get(item["id"]).stage
    release = [e for e in p["exercises"] if e["stage"] == 0]
    strengthening = [e for e in p["exercises"] if e["stage"] > 0]
    assert 2 <= len(release) <= 3 and 4 <= len(strengthening) <= 6
    assert p["progression_criteria"] == list(PROGRESSION_CRITERIA)
    assert p["regression_criteria"] == list(REGRESSION_CRITERIA)
    assert all(isinstance(rule, str) and rule for rule in p["rules_applied"])


def test_review_date_is_six_weeks_out() -> None:
    # 2026-10-02 + 42 days = 2026-11-13; with today = 2026-12-01 -> 2027-01-12.
    a = Assessment(performed_on=ON)
    assert propose_program(res(), a)["review_date"] == "2026-11-13"
    assert propose_program(res(), a, today=date(2026, 12, 1))["review_date"] == "2027-01-12"


def test_weak_sides_follow_design_definition() -> None:
    assert weak_sides(res(left="positive_immediate")) == ("left",)
    assert weak_sides(res(lsi=85.0, weaker="right", band="mild")) == ("right",)
    assert weak_sides(res(lsi=91.0, weaker="right", band="symmetric")) == ()
    mmt = {"trendelenburg": {}, "hip_abduction": {"method": "mmt", "left": {"grade": 4, "modifier": "+"},
                                                  "right": {"grade": 5, "modifier": None}}}
    assert weak_sides(mmt) == ("left",)


def test_missing_measurements_start_low_instead_of_maintenance() -> None:
    # Nothing measured: weakness is unknown, not absent (clinical-reference §11.1).
    p = propose_program({"red_flag_block": False}, Assessment(performed_on=ON))
    assert p is not None and p["start_stage"] == 1
    assert any("No stance or strength test could be interpreted for the left and right sides" in r
               for r in p["rules_applied"])
    assert not any(r.startswith("No weakness found") for r in p["rules_applied"])


def test_invalid_stance_tests_without_strength_are_not_read_as_normal() -> None:
    # Both stance tests invalid (cooperation), no strength test: not assessable -> activation.
    r = res(left="invalid", right="invalid", lsi=None, weaker=None, band=None)
    p = propose_program(r, Assessment(performed_on=ON))
    assert p is not None and p["start_stage"] == 1
    assert all(e["stage"] <= 1 for e in p["exercises"])
    # Left negative, right invalid, no strength: the right side is unknown -> still activation.
    p = propose_program(res(right="invalid", lsi=None, weaker=None, band=None), Assessment(performed_on=ON))
    assert p["start_stage"] == 1
    assert any("for the right side" in rule for rule in p["rules_applied"])


def test_maintenance_reason_names_what_was_found() -> None:
    p = propose_program(res(lsi=None, weaker=None, band=None), Assessment(performed_on=ON))
    assert p["start_stage"] == 3
    assert (
        "No weakness found (Trendelenburg negative on both sides): a short maintenance programme"
        in p["rules_applied"][0]
    )
    p = propose_program(res(left="invalid", right="invalid"), Assessment(performed_on=ON))
    assert p["start_stage"] == 3  # a symmetric strength comparison reads both sides
    assert any(rule.startswith("No weakness found (strength symmetric)") for rule in p["rules_applied"])


def _program(*items: tuple[str, int, str]) -> Program:
    return Program(exercises=tuple(ProgramItem(exercise_id=i, stage=s, sets=2, reps=12, side=side)
                                   for i, s, side in items))


STAGE1_RIGHT = _program(("foam_roll_glute_med", 0, "right"), ("clamshell", 1, "right"),
                        ("bridge", 1, "both"))


def _by_id(proposals: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in proposals}


def test_advance_when_trendelenburg_negative_and_lsi_90() -> None:
    before = res(right="positive_immediate", lsi=82.0, weaker="right", band="mild")
    after = res(right="negative", lsi=93.0, weaker="right", band="symmetric")
    out = _by_id(progress_program(STAGE1_RIGHT, after, Assessment(performed_on=ON, pain_nprs=2),
                                  previous_results=before))
    assert out["clamshell"]["action"] == "advance"
    assert out["clamshell"]["to_id"] == "band_side_steps"
    assert "positive immediate → negative" in out["clamshell"]["reason"]
    assert "LSI 82% → 93%" in out["clamshell"]["reason"]
    assert out["bridge"] == {**out["bridge"], "action": "advance", "to_id": "single_leg_bridge"}
    assert out["foam_roll_glute_med"]["action"] == "hold"


def test_pain_above_5_regresses() -> None:
    out = _by_id(progress_program(STAGE1_RIGHT, res(), Assessment(performed_on=ON, pain_nprs=6)))
    assert out["clamshell"] == {"id": "clamshell", "action": "regress",
                                "to_id": "side_lying_abduction_hold",
                                "reason": out["clamshell"]["reason"]}
    assert "6/10" in out["clamshell"]["reason"]
    # The bridge has no easier version: regress in place (reduce the dose).
    assert out["bridge"]["action"] == "regress" and out["bridge"]["to_id"] == "bridge"


def test_pain_4_holds_even_when_findings_allow_more() -> None:
    out = _by_id(progress_program(STAGE1_RIGHT, res(), Assessment(performed_on=ON, pain_nprs=4)))
    assert out["clamshell"]["action"] == "hold"
    assert "3/10" in out["clamshell"]["reason"]


def test_still_positive_holds_at_stage() -> None:
    out = _by_id(progress_program(STAGE1_RIGHT, res(right="positive_immediate"),
                                  Assessment(performed_on=ON, pain_nprs=1)))
    assert out["clamshell"]["action"] == "hold" and out["clamshell"]["to_id"] == "clamshell"


def test_delayed_positive_moves_stage_1_up_but_holds_stage_2() -> None:
    prog = _program(("clamshell", 1, "right"), ("band_side_steps", 2, "right"))
    out = _by_id(progress_program(prog, res(right="positive_delayed"), Assessment(performed_on=ON, pain_nprs=0)))
    assert out["clamshell"]["action"] == "advance"
    assert out["band_side_steps"]["action"] == "hold"


def test_worse_findings_regress_harder_work() -> None:
    prog = _program(("single_leg_squat", 3, "left"))
    out = progress_program(prog, res(left="positive_immediate"), Assessment(performed_on=ON, pain_nprs=2))
    assert out == [{"id": "single_leg_squat", "action": "regress", "to_id": "forward_step_up",
                    "reason": out[0]["reason"]}]


def test_side_of_item_decides() -> None:
    # Left still weak, right now fine: a right-side clamshell advances, a left-side one holds.
    prog = _program(("clamshell", 1, "right"), ("quadruped_hip_extension", 1, "left"))
    out = _by_id(progress_program(prog, res(left="positive_immediate"), Assessment(performed_on=ON)))
    assert out["clamshell"]["action"] == "advance"
    assert out["quadruped_hip_extension"]["action"] == "hold"


def test_hardest_version_advances_by_load() -> None:
    prog = _program(("side_plank_hip_abduction", 3, "right"))
    out = progress_program(prog, res(), Assessment(performed_on=ON, pain_nprs=0))
    assert out[0]["action"] == "advance" and out[0]["to_id"] == "side_plank_hip_abduction"
    assert "2-10%" in out[0]["reason"]


def test_red_flag_and_unknown_exercise() -> None:
    assert progress_program(STAGE1_RIGHT, res(block=True), Assessment(performed_on=ON)) == []
    out = progress_program(_program(("custom_thing", 2, "left")), res(), Assessment(performed_on=ON))
    assert out[0]["action"] == "hold" and "library" in out[0]["reason"]


def test_applying_progression_swaps_exercises_and_takes_their_default_dose() -> None:
    after = res(right="negative", lsi=93.0, weaker="right", band="symmetric")
    proposals = progress_program(STAGE1_RIGHT, after, Assessment(performed_on=ON, pain_nprs=2))
    applied = apply_progression(STAGE1_RIGHT, proposals)
    ids = [item.exercise_id for item in applied.exercises]
    assert ids == ["foam_roll_glute_med", "band_side_steps", "single_leg_bridge"]
    lib = load_library()
    held, advanced = applied.exercises[0], applied.exercises[1]
    assert (held.sets, held.reps, held.side) == (2, 12, "right")  # held: the clinician's dose stays
    dose = lib.get("band_side_steps").dosage
    assert (advanced.stage, advanced.sets, advanced.reps, advanced.side) == (
        lib.get("band_side_steps").stage, dose.sets, dose.reps, "right")


def test_an_unfinished_retest_holds_rather_than_advances() -> None:
    empty: dict[str, Any] = {"trendelenburg": {}, "hip_abduction": None, "red_flag_block": False, "weak_sides": []}
    out = _by_id(progress_program(STAGE1_RIGHT, empty, Assessment(performed_on=ON, pain_nprs=2)))
    assert out["clamshell"]["action"] == "hold" and "not complete" in out["clamshell"]["reason"]
