"""Force-time curves: stored as float32 with their trial, exported and imported as `curves`."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.clinical import model as m
from desktop.clinical.curves import stored_curve
from desktop.clinical.validation import ValidationError
from desktop.devices.simulated import MakeTestProfile, make_test_curve
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.exchange import ExchangeError, export_document, import_file, write_json_atomic
from tests.fixtures.records import assessment, client


def _captured_side(seed: int, strength_n: float) -> m.HhdSide:
    curves = []
    for trial in range(3):
        _, force = make_test_curve(
            MakeTestProfile(strength_left_n=strength_n), "left", 4.0, seed=seed + trial
        )
        curves.append(stored_curve(1000.0, force.tolist()))
    return m.HhdSide(trials=tuple(c.peak for c in curves), lever_arm_cm=80.0, curves=tuple(curves))


def _with_curves(visit: m.Assessment, left: m.HhdSide) -> m.Assessment:
    assert visit.hip_abduction is not None
    return replace(visit, hip_abduction=replace(visit.hip_abduction, left=left))


def test_curves_round_trip_through_storage_compactly(data_dir: Path) -> None:
    paths = AppPaths(data_dir).ensure()
    repo = open_repository(paths)
    left = _captured_side(10, 150.0)
    client_id, (assessment_id,) = repo.add_client(client(0), [_with_curves(assessment(), left)])
    _, loaded = repo.get_assessment(assessment_id)
    assert loaded.hip_abduction is not None
    assert loaded.hip_abduction.left == left
    assert (
        loaded.hip_abduction.right is not None and loaded.hip_abduction.right.curves == ()
    )  # typed side
    conn = sqlite3.connect(paths.database)
    sizes = conn.execute(
        "SELECT length(curve_force), curve_rate_hz FROM hip_abduction_trials "
        "WHERE curve_force IS NOT NULL"
    ).fetchall()
    conn.close()
    assert sizes == [(4000 * 4, 1000.0)] * 3  # 4 s at 1 kHz, 4 bytes a sample


def test_export_then_import_keeps_curves_and_results(data_dir: Path, tmp_path: Path) -> None:
    repo = open_repository(AppPaths(data_dir).ensure())
    from desktop.services.assessments import compute

    left = _captured_side(20, 140.0)
    client_id, _ = repo.add_client(client(1), [_with_curves(assessment(), left)])
    document = export_document(repo, [client_id], results_for=compute)
    exported = document["clients"][0]["assessments"][0]
    side = exported["hip_abduction"]["left"]
    assert len(side["curves"]) == 3 and side["curves"][0]["rate_hz"] == 1000.0
    assert [max(c["force"]) for c in side["curves"]] == side["trials"]
    assert "curves" not in exported["hip_abduction"]["right"]
    result = exported["results"]["hip_abduction"]["left"]
    assert 0.2 < result["time_to_peak_s"] < 2 and result["rfd_0_200_n_per_s"] > 100
    assert exported["results"]["hip_abduction"]["right"]["time_to_peak_s"] is None

    path = tmp_path / "out.json"
    write_json_atomic(path, document)
    other = open_repository(AppPaths(tmp_path / "other").ensure())
    [(new_client, [new_assessment])] = import_file(other, path)
    _, again = other.get_assessment(new_assessment)
    assert again.hip_abduction is not None and again.hip_abduction.left == left


def test_import_refuses_a_trial_that_is_not_its_curves_peak(tmp_path: Path, data_dir: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "e2e" / "design_example.json"
    document = json.loads(source.read_text(encoding="utf-8"))
    hip = document["clients"][0]["assessments"][0]["hip_abduction"]
    hip["left"]["curves"] = [{"rate_hz": 100.0, "force": [0.0, 50.0, 149.0, 10.0]}, None, None]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    repo = open_repository(AppPaths(data_dir).ensure())
    with pytest.raises((ExchangeError, ValidationError)) as caught:
        import_file(repo, path)
    assert "hip_abduction.left.trials[0]" in str(caught.value)
    assert "peak of its curve (149)" in str(caught.value)
    assert repo.list_clients() == []

    hip["left"]["curves"] = [{"rate_hz": 100.0, "force": [0.0, "x"]}]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises((ExchangeError, ValidationError)) as caught:
        import_file(repo, path)
    assert "hip_abduction.left.curves" in str(caught.value)


def test_curve_bytes_are_little_endian_float32() -> None:
    from db.curves import curve_from_columns, curve_to_bytes

    curve = stored_curve(1000.0, [1.5, -2.0, 0.1])
    # 1.5 = 0x3FC00000, -2.0 = 0xC0000000, 0.1 -> float32 0x3DCCCCCD, each written low byte first
    data = curve_to_bytes(curve)
    assert data == bytes.fromhex("0000c03f" "000000c0" "cdcccc3d")
    assert curve_from_columns(1000.0, data) == curve
    assert curve_from_columns(None, data) is None and curve_from_columns(1000.0, None) is None
