"""The typed results serialise to the ``summary --json`` contract.

``golden/round1`` was captured from the round-1 dict output (the demo clients
on a fixed day and the design.md example) before the results became typed.
The round-2 additions (``screening.done``, ``completeness``,
``lsi_provisional`` ...) only add names: every round-1 name keeps its value,
except the prose the app rewords (interpretation, messages, rule texts) and
the order of the program, which is now by stage. ``golden/*.json`` is the
current output, compared exactly.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from engine_examples import CLIENT, TODAY, design_assessment

from desktop.clinical.results import compute_results
from desktop.services.demo import demo_records

GOLDEN = Path(__file__).parent / "golden"
DEMO_DAY = date(2026, 12, 2)
# Sentences, not names or numbers: worded by desktop.clinical.wording and free to change.
PROSE_KEYS = frozenset({"interpretation", "message", "rules_applied", "progression_criteria",
                        "regression_criteria", "cv_warnings", "protocol_warnings", "note", "text",
                        "reason", "cautions", "program_note", "notes"})


def _dumped(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _cases() -> list[tuple[str, Any]]:
    records = demo_records(DEMO_DAY)
    out: list[tuple[str, Any]] = [
        (f"demo_{ci}_{vi}", (client, visits[vi], visits[0] if vi else None, None))
        for ci, (client, visits) in enumerate(records) for vi in range(len(visits))
    ]
    out.append(("design_example", (CLIENT, design_assessment(), None, TODAY)))
    return out


def _results(case: Any) -> dict[str, Any]:
    client, visit, baseline, today = case
    return compute_results(client, visit, baseline=baseline, today=today).to_json()


def _contract(value: Any, key: str = "") -> Any:
    """The round-1 names and values, prose left out and program exercises in a fixed order."""
    if isinstance(value, dict):
        return {k: _contract(v, k) for k, v in value.items() if k not in PROSE_KEYS}
    if isinstance(value, list):
        items = [_contract(v) for v in value]
        if key == "exercises":
            items.sort(key=lambda e: json.dumps(e, sort_keys=True))
        return items
    return value


def _only_additions(old: Any, new: Any, path: str = "$") -> list[str]:
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{path}: was an object"]
        out = []
        for k, v in old.items():
            if k not in new:
                out.append(f"{path}.{k}: missing")
            else:
                out += _only_additions(v, new[k], f"{path}.{k}")
        return out
    if isinstance(old, list):
        if not isinstance(new, list) or len(new) != len(old):
            return [f"{path}: list changed"]
        return [p for i, (a, b) in enumerate(zip(old, new, strict=True)) for p in _only_additions(a, b, f"{path}[{i}]")]
    return [] if old == new else [f"{path}: {old!r} -> {new!r}"]


@pytest.mark.parametrize(("name", "case"), _cases())
def test_results_match_the_current_golden_file(name: str, case: Any) -> None:
    assert _dumped(_results(case)) == (GOLDEN / f"{name}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "case"), _cases())
def test_round_one_names_and_values_are_kept(name: str, case: Any) -> None:
    old = json.loads((GOLDEN / "round1" / f"{name}.json").read_text(encoding="utf-8"))
    assert _only_additions(_contract(old), _contract(_results(case))) == []


def test_design_example_keeps_the_documented_numbers() -> None:
    # design.md "Computed results" example, worked by hand: right peak 125 N x 0.8 m = 100 Nm,
    # left 158 N x 0.8 m = 126.4 Nm; LSI 100 x 100 / 126.4 = 79.1%, marked.
    data = compute_results(CLIENT, design_assessment(), today=TODAY).to_json()
    hip = data["hip_abduction"]
    assert hip["left"]["torque_nm"] == 126.4 and hip["left"]["torque_nm_per_kg"] == 1.859
    assert hip["lsi_pct"] == 79.1 and hip["asymmetry_band"] == "marked" and hip["weaker_side"] == "right"
    assert data["odi_pct"] == 30.0 and data["odi_sections_answered"] == 8 and data["weak_sides"] == ["right"]
