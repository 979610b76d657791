"""compute_results reproduces the design.md example and keeps the contract names."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from engine_examples import CLIENT, TODAY, design_assessment, with_hip

from desktop.clinical.model import (
    HhdSide,
    HipAbduction,
    MmtSide,
    Program,
    ProgramItem,
    TrendelenburgSide,
)
from desktop.clinical.results import compute_results, results_to_text


def results_json(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """The results document (summary --json) these tests check."""
    return compute_results(*args, **kwargs).to_json()


CONTRACT_KEYS = {
    "trendelenburg", "hip_abduction", "odi_pct", "odi_band", "odi_sections_answered",
    "psfs_mean", "weak_sides", "red_flag_block", "program",
}  # fmt: skip


@pytest.fixture
def no_program_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "desktop.clinical.program", None)


@pytest.fixture
def fake_program(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    module = types.ModuleType("desktop.clinical.program")

    def propose_program(results: dict[str, Any], assessment: object, *, today: date | None = None) -> dict | None:
        calls.append({"results": results, "today": today})
        if results["red_flag_block"]:
            return None
        return {"start_stage": 1, "exercises": [{"id": "clamshell", "stage": 1, "sets": 3, "reps": 12}]}

    module.propose_program = propose_program  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.clinical.program", module)
    return calls


def test_design_example_reproduced_exactly(fake_program: list[dict[str, Any]]) -> None:
    results = results_json(CLIENT, design_assessment(), today=TODAY)
    assert CONTRACT_KEYS <= results.keys()
    tb = results["trendelenburg"]
    assert {k: tb["left"][k] for k in ("result", "hold_s", "compensated")} == {
        "result": "negative", "hold_s": 30, "compensated": False
    }
    assert {k: tb["right"][k] for k in ("result", "hold_s", "compensated")} == {
        "result": "positive_delayed", "hold_s": 12, "compensated": True
    }
    hip = results["hip_abduction"]
    left = {k: hip["left"][k] for k in
            ("peak_force_n", "mean_force_n", "cv_pct", "torque_nm", "torque_nm_per_kg", "force_pct_bw")}  # fmt: skip
    assert left == {"peak_force_n": 158.0, "mean_force_n": 154.33, "cv_pct": 2.6,
                    "torque_nm": 126.4, "torque_nm_per_kg": 1.859, "force_pct_bw": 23.69}  # fmt: skip
    # Right: trials 120, 118, 125 -> peak 125, mean 121, SD 3.6056, CV 2.98%,
    # torque 125 x 0.8 = 100.0 Nm, /68 = 1.4706, %BW = 12500 / 666.8522 = 18.745
    right = {k: hip["right"][k] for k in left}
    assert right == {"peak_force_n": 125.0, "mean_force_n": 121.0, "cv_pct": 3.0,
                     "torque_nm": 100.0, "torque_nm_per_kg": 1.471, "force_pct_bw": 18.74}  # fmt: skip
    assert (hip["lsi_pct"], hip["weaker_side"], hip["asymmetry_band"]) == (79.1, "right", "marked")
    assert (results["odi_pct"], results["odi_band"], results["odi_sections_answered"]) == (30.0, "moderate", 8)
    assert results["psfs_mean"] == 4.0
    assert results["weak_sides"] == ["right"]
    assert results["red_flag_block"] is False
    program = results["program"]
    assert (program["start_stage"], program["source"]) == (1, "proposed")
    assert [{k: e[k] for k in ("id", "stage", "sets", "reps")} for e in program["exercises"]] == [
        {"id": "clamshell", "stage": 1, "sets": 3, "reps": 12}
    ]
    assert fake_program[0]["today"] == TODAY
    json.dumps(results)  # plain JSON types only


def test_results_are_json_serialisable_and_strict(no_program_module: None) -> None:
    text = json.dumps(results_json(CLIENT, design_assessment()), allow_nan=False)
    assert '"program": null' in text


def test_program_none_when_module_missing(no_program_module: None) -> None:
    results = results_json(CLIENT, design_assessment())
    assert results["program"] is None
    assert results["program_note"] == "program module not available"


def test_clinician_program_replaces_proposal(fake_program: list[dict[str, Any]]) -> None:
    program = Program(
        exercises=(
            ProgramItem("side_lying_abduction", 3, sets=3, reps=10, rest_s=90, days_per_week=3, side="right"),
            ProgramItem("clamshell", 2, sets=2, reps=15, side="both"),
        ),
        review_date=date(2026, 11, 13),
    )
    results = results_json(CLIENT, replace(design_assessment(), program=program))
    assert results["program"] == {
        "start_stage": 2,
        "exercises": [
            # Listed by stage (design.md Round 2), whatever order the clinician entered.
            {"id": "clamshell", "stage": 2, "sets": 2, "reps": 15, "hold_s": None,
             "rest_s": None, "days_per_week": None, "side": "both"},
            {"id": "side_lying_abduction", "stage": 3, "sets": 3, "reps": 10, "hold_s": None,
             "rest_s": 90, "days_per_week": 3, "side": "right"},
        ],
        "review_date": "2026-11-13",
        "source": "clinician",
    }  # fmt: skip
    assert fake_program == []


def test_red_flag_blocks_program_and_is_summarised(fake_program: list[dict[str, Any]]) -> None:
    assessment = replace(design_assessment(), red_flags=("ces_saddle_anaesthesia", "night_pain"))
    results = results_json(CLIENT, assessment)
    assert results["red_flag_block"] is True
    assert results["program"] is None
    screening = results["screening"]
    assert screening["red_flag_block"] is True
    assert screening["needs_acknowledgement"] is True
    assert [f["code"] for f in screening["flags"]] == ["ces_saddle_anaesthesia", "night_pain"]
    assert screening["flags"][0]["cauda_equina"] is True
    assert "saddle" in screening["flags"][0]["label"]
    assert "refer immediately" in results["interpretation"][0]


def test_acknowledged_non_urgent_flags() -> None:
    assessment = replace(design_assessment(), red_flags=("night_pain",), red_flags_acknowledged=True)
    screening = results_json(CLIENT, assessment)["screening"]
    assert screening["red_flag_block"] is False and screening["needs_acknowledgement"] is False


def test_mmt_assessment_has_grades_and_no_forces(no_program_module: None) -> None:
    hip = HipAbduction(method="mmt", left=MmtSide(4, "-"), right=MmtSide(5))
    results = results_json(CLIENT, replace(design_assessment(), hip_abduction=hip))
    data = results["hip_abduction"]
    assert data["left"]["label"] == "4-" and data["right"]["label"] == "5"
    assert data["left"]["grade"] == 4 and data["left"]["modifier"] == "-"
    assert "peak_force_n" not in data["left"]
    assert data["weaker_side"] == "left"
    assert data["lsi_pct"] is None and data["asymmetry_band"] is None
    assert data["mrc_credit"] == "MRC scale used with the permission of the Medical Research Council"
    # left: MMT 4- (< 5); right: positive Trendelenburg
    assert results["weak_sides"] == ["left", "right"]
    assert results["norm_comparison"] is None


def test_weak_sides_exclude_invalid_tests_and_symmetric_strength(no_program_module: None) -> None:
    assessment = replace(
        design_assessment(),
        trendelenburg_right=TrendelenburgSide(hold_s=0, invalid_reason="pain"),
    )
    assessment = with_hip(assessment, right=HhdSide((150.0,), 80.0))  # LSI 150/158 = 94.9%
    results = results_json(CLIENT, assessment)
    assert results["trendelenburg"]["right"]["result"] == "invalid"
    assert results["hip_abduction"]["asymmetry_band"] == "symmetric"
    assert results["weak_sides"] == []


def test_mild_asymmetry_marks_weaker_side(no_program_module: None) -> None:
    # right 135 N vs left 158 N at equal levers: LSI 85.4% -> mild -> right weak
    assessment = replace(design_assessment(), trendelenburg_right=TrendelenburgSide(hold_s=30))
    results = results_json(CLIENT, with_hip(assessment, right=HhdSide((135.0,), 80.0)))
    assert results["hip_abduction"]["asymmetry_band"] == "mild"
    assert results["weak_sides"] == ["right"]


def test_norm_comparison_uses_chosen_table(no_program_module: None) -> None:
    # Break test in side-lying, man aged 30: the only like-for-like row is Mosler 2017, professional
    # footballers (2.6 +- 0.4 Nm/kg). A clinic client is not marked as one, so it is not offered.
    client = replace(CLIENT, sex="male", date_of_birth=date(1996, 1, 1))
    assessment = with_hip(design_assessment(), position="side_lying", contraction="break")
    norms = results_json(client, assessment)["norm_comparison"]
    assert norms["table"] == "builtin"
    assert norms["left"]["status"] == "no_match" and norms["left"]["comparisons"] == []
    assert "professional footballers" in norms["left"]["reason"]
    no_contraction = results_json(client, design_assessment())["norm_comparison"]
    assert no_contraction["left"]["text"] == "no matching reference"


def test_baseline_adds_protocol_warnings_and_change(no_program_module: None) -> None:
    baseline = design_assessment()
    current = with_hip(
        replace(baseline, performed_on=date(2026, 11, 13), pain_nprs=3), position="side_lying"
    )
    results = results_json(CLIENT, current, baseline=baseline)
    assert any("about 30%" in w for w in results["protocol_warnings"])
    change = results["change"]
    assert change["baseline_performed_on"] == "2026-10-02"
    assert change["strength_comparable"] is False
    nprs = next(m for m in change["measures"] if m["measure"] == "nprs")
    assert (nprs["baseline"], nprs["current"], nprs["direction"]) == (6, 3, "improved")


def test_results_independent_of_trial_order(no_program_module: None) -> None:
    shuffled = with_hip(design_assessment(), left=HhdSide((155.0, 150.0, 158.0), 80.0))
    a, b = results_json(CLIENT, shuffled), results_json(CLIENT, design_assessment())
    # trials_n echoes the trials in recorded order; everything derived must match.
    assert a["hip_abduction"]["left"].pop("trials_n") == [155.0, 150.0, 158.0]
    assert b["hip_abduction"]["left"].pop("trials_n") == [150.0, 158.0, 155.0]
    assert a == b


def test_results_to_text_reads_like_a_summary(no_program_module: None) -> None:
    text = results_to_text(results_json(CLIENT, design_assessment()))
    for fragment in (
        "Right stance: positive (delayed), hold 12 s, compensated",
        "Left: peak 158 N, mean 154.33 N, CV 2.6%, torque 126.4 Nm (1.859 Nm/kg)",
        "Limb symmetry index 79.1% on torque: marked, weaker side right",
        "ODI: 30% (moderate disability), 8 of 10 sections answered",
        "Weak side(s): right",
        "Interpretation:",
    ):
        assert fragment in text, fragment


def test_confirmed_program_starts_at_its_lowest_strengthening_stage() -> None:
    from desktop.clinical.results import program_summary

    def item(exercise_id: str, stage: int) -> ProgramItem:
        return ProgramItem(exercise_id=exercise_id, stage=stage, sets=2, reps=12, side="both")

    # Foam rolling (stage 0) runs beside the programme; the clamshell (stage 1) is where it starts.
    both = Program(exercises=(item("foam_roll_gluteus_medius", 0), item("clamshell", 1), item("bridge", 1)))
    assert program_summary(both).start_stage == 1
    only_release = Program(exercises=(item("foam_roll_gluteus_medius", 0),))
    assert program_summary(only_release).start_stage == 0
    assert program_summary(Program(exercises=())).start_stage is None
