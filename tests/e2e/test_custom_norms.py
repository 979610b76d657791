"""A clinic's own reference table, chosen in Settings, drives the comparison everywhere."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.clinical.norms import COLUMNS
from desktop.paths import resolve_paths
from desktop.services.database import open_repository

HERE = Path(__file__).parent

ROW = {
    "source": "Harbour clinic audit 2025", "doi": "", "population": "clinic adults", "sex": "any",
    "age_min": "40", "age_max": "70", "n": "60", "mean": "1.50", "sd": "0.30", "unit": "Nm/kg",
    "contraction": "isometric_make", "position": "supine", "lever_or_pad": "ankle", "trial_rule": "best of 3",
    "side": "any", "evidence_tag": "U", "verified": "no", "notes": "",
}  # fmt: skip


def test_active_custom_table_is_used_by_summary(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    paths = resolve_paths(data_dir)
    repo = open_repository(paths)
    (paths.norms / "harbour.csv").write_text(
        ",".join(COLUMNS) + "\n" + ",".join(ROW[c] for c in COLUMNS) + "\n", encoding="utf-8"
    )
    repo.save_settings(dataclasses.replace(repo.get_settings(), active_norm_table="harbour"))
    document = json.loads((HERE / "design_example.json").read_text(encoding="utf-8"))
    document["clients"][0]["assessments"][0]["hip_abduction"]["contraction"] = "make"
    source = data_dir / "in.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "import", str(source), "--json"]) == 0
    (assessment_id,) = json.loads(capsys.readouterr().out)["clients"][0]["assessment_ids"]

    assert main(["--data-dir", str(data_dir), "summary", str(assessment_id), "--json"]) == 0
    norms = json.loads(capsys.readouterr().out)["norm_comparison"]
    assert norms["table"] == "harbour"
    left = norms["left"]["comparisons"][0]
    # Client aged 55; left 1.8588 Nm/kg against 1.50 +- 0.30: z = 0.3588 / 0.30 = 1.196, shown as 1.2
    assert left["source"] == "Harbour clinic audit 2025"
    assert left["z_score"] == 1.2

    # The exported visit carries the same comparison: exports compute with the clinic's settings too.
    out = data_dir / "out.json"
    assert main(["--data-dir", str(data_dir), "export", "--all", "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))["clients"][0]["assessments"][0]["results"]
    assert exported["norm_comparison"]["table"] == "harbour"
    assert exported["norm_comparison"]["left"]["comparisons"][0]["z_score"] == 1.2
