"""`medius import` then `medius summary --json` reproduces design.md's computed-results example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main

HERE = Path(__file__).parent


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _import(capsys: pytest.CaptureFixture[str], data_dir: Path, document: dict) -> list[int]:
    path = data_dir / "in.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(path), "--json")
    assert code == 0, err
    return json.loads(out)["clients"][0]["assessment_ids"]


def test_design_example_reproduced(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    document = json.loads((HERE / "design_example.json").read_text(encoding="utf-8"))
    (assessment_id,) = _import(capsys, data_dir, document)
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "summary", str(assessment_id), "--json")
    assert code == 0, err
    results = json.loads(out)

    assert results["trendelenburg"]["left"] == {**results["trendelenburg"]["left"],
                                                "result": "negative", "hold_s": 30, "compensated": False}
    assert results["trendelenburg"]["right"]["result"] == "positive_delayed"
    assert results["trendelenburg"]["right"]["hold_s"] == 12
    assert results["trendelenburg"]["right"]["compensated"] is True

    left = results["hip_abduction"]["left"]
    # Left trials 150, 158, 155 N; lever 0.80 m; body mass 68 kg.
    assert left["peak_force_n"] == 158.0
    assert left["mean_force_n"] == 154.33          # 463 / 3
    assert left["cv_pct"] == 2.6                   # SD 4.0415 / 154.33
    assert left["torque_nm"] == 126.4              # 158 x 0.80
    assert left["torque_nm_per_kg"] == 1.859       # 126.4 / 68
    assert left["force_pct_bw"] == 23.69           # 100 x 158 / (68 x 9.80665)
    right = results["hip_abduction"]["right"]
    # Right trials 120, 118, 125 N.
    assert right["peak_force_n"] == 125.0
    assert right["mean_force_n"] == 121.0          # 363 / 3
    assert right["cv_pct"] == 3.0                  # SD sqrt(26/2) = 3.6056; / 121
    assert right["torque_nm"] == 100.0             # 125 x 0.80
    assert right["torque_nm_per_kg"] == 1.471      # 100 / 68
    assert right["force_pct_bw"] == 18.74          # 100 x 125 / 666.8522
    hip = results["hip_abduction"]
    assert hip["lsi_pct"] == 79.1                  # 100 x 100 / 126.4, on torque
    assert hip["weaker_side"] == "right"
    assert hip["asymmetry_band"] == "marked"

    # ODI: 8 sections answered, sum 12 -> 12 / 40 = 30 %.
    assert results["odi_pct"] == 30.0
    assert results["odi_band"] == "moderate"
    assert results["odi_sections_answered"] == 8
    assert results["psfs_mean"] == 4.0
    assert results["weak_sides"] == ["right"]
    assert results["red_flag_block"] is False
    assert results["program"]["start_stage"] >= 1
    assert results["program"]["exercises"]


def test_mmt_only_and_red_flag(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    document = json.loads((HERE / "design_example.json").read_text(encoding="utf-8"))
    visit = document["clients"][0]["assessments"][0]
    mmt = {**visit, "hip_abduction": {"method": "mmt", "left": {"grade": 4, "modifier": "-"},
                                      "right": {"grade": 5, "modifier": None}},
           "trendelenburg": {}}
    flagged = {**visit, "performed_on": "2026-10-09", "red_flags": ["ces_bladder", "night_pain"]}
    document["clients"][0]["assessments"] = [mmt, flagged]
    mmt_id, flagged_id = _import(capsys, data_dir, document)

    code, out, err = _run(capsys, "--data-dir", str(data_dir), "summary", str(mmt_id), "--json")
    assert code == 0, err
    results = json.loads(out)
    assert results["hip_abduction"]["left"]["grade"] == 4
    assert results["hip_abduction"]["left"]["modifier"] == "-"
    assert "peak_force_n" not in results["hip_abduction"]["left"]
    assert results["weak_sides"] == ["left"]       # MMT grade below 5
    assert results["red_flag_block"] is False

    code, out, err = _run(capsys, "--data-dir", str(data_dir), "summary", str(flagged_id), "--json")
    assert code == 0, err
    results = json.loads(out)
    assert results["red_flag_block"] is True
    assert results["program"] is None

    code, out, err = _run(capsys, "--data-dir", str(data_dir), "summary", str(flagged_id))
    assert code == 0, err
    assert "urgent" in out.lower()


def test_unknown_assessment_is_usage_error(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "summary", "999", "--json")
    assert code == 2
    assert "999" in err
