"""The typed results serialise to exactly the ``summary --json`` contract.

The golden files were captured from the round-1 dict output (the demo clients
on a fixed day and the design.md example) before the results became typed, so
any change of a key, a value, a rounding or the key order fails here.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from engine_examples import CLIENT, TODAY, design_assessment

from desktop.clinical.results import compute_results
from desktop.services.demo import demo_records

GOLDEN = Path(__file__).parent / "golden"
DEMO_DAY = date(2026, 12, 2)


def _dumped(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _demo_cases() -> list[tuple[str, int, int]]:
    records = demo_records(DEMO_DAY)
    return [(f"demo_{ci}_{vi}", ci, vi) for ci, (_c, visits) in enumerate(records) for vi in range(len(visits))]


@pytest.mark.parametrize(("name", "client_index", "visit_index"), _demo_cases())
def test_demo_results_match_the_captured_output(name: str, client_index: int, visit_index: int) -> None:
    client, visits = demo_records(DEMO_DAY)[client_index]
    results = compute_results(client, visits[visit_index], baseline=visits[0] if visit_index else None)
    assert _dumped(results.to_json()) == (GOLDEN / f"{name}.json").read_text(encoding="utf-8")


def test_design_example_matches_the_captured_output() -> None:
    results = compute_results(CLIENT, design_assessment(), today=TODAY)
    assert _dumped(results.to_json()) == (GOLDEN / "design_example.json").read_text(encoding="utf-8")


def test_design_example_keeps_the_documented_numbers() -> None:
    # design.md "Computed results" example, worked by hand: right peak 125 N x 0.8 m = 100 Nm,
    # left 158 N x 0.8 m = 126.4 Nm; LSI 100 x 100 / 126.4 = 79.1%, marked.
    data = compute_results(CLIENT, design_assessment(), today=TODAY).to_json()
    hip = data["hip_abduction"]
    assert hip["left"]["torque_nm"] == 126.4 and hip["left"]["torque_nm_per_kg"] == 1.859
    assert hip["lsi_pct"] == 79.1 and hip["asymmetry_band"] == "marked" and hip["weaker_side"] == "right"
    assert data["odi_pct"] == 30.0 and data["odi_sections_answered"] == 8 and data["weak_sides"] == ["right"]
