"""`medius report` refuses a visit whose red-flag screening was not done (exit 2, names the step)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desktop.cli import main

HERE = Path(__file__).parent


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _import(capsys: pytest.CaptureFixture[str], data_dir: Path, document: dict) -> int:
    path = data_dir / "in.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(path), "--json")
    assert code == 0, err
    return int(json.loads(out)["clients"][0]["assessment_ids"][0])


@pytest.mark.parametrize("absent", [True, False])
def test_screening_not_done_refuses_the_letter(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                               absent: bool) -> None:
    document = json.loads((HERE / "design_example.json").read_text(encoding="utf-8"))
    visit = document["clients"][0]["assessments"][0]
    if absent:
        visit.pop("red_flags", None)
    else:
        visit["red_flags"] = None
    aid = _import(capsys, data_dir, document)
    code, out, _err = _run(capsys, "--data-dir", str(data_dir), "summary", str(aid), "--json")
    results = json.loads(out)
    assert results["screening"]["done"] is False
    assert results["completeness"]["missing"][0] == "screening"
    assert "No red flags" not in results["screening"]["message"]
    pdf = data_dir / "letter.pdf"
    code, _out, err = _run(capsys, "--data-dir", str(data_dir), "report", str(aid), "--out", str(pdf))
    assert code == 2
    assert "screening" in err
    assert not pdf.exists()


def test_screened_visit_with_a_missing_test_prints_not_assessed(capsys: pytest.CaptureFixture[str],
                                                                data_dir: Path) -> None:
    document = json.loads((HERE / "design_example.json").read_text(encoding="utf-8"))
    visit = document["clients"][0]["assessments"][0]
    visit["red_flags"] = []
    trendelenburg = copy.deepcopy(visit["trendelenburg"])
    visit["trendelenburg"] = {"right": trendelenburg["right"]}
    aid = _import(capsys, data_dir, document)
    pdf = data_dir / "letter.pdf"
    code, _out, err = _run(capsys, "--data-dir", str(data_dir), "report", str(aid), "--out", str(pdf))
    assert code == 0, err
    from pypdf import PdfReader

    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages)
    assert "Not assessed at this visit" in text
    assert "Trendelenburg test, left stance: not assessed." in text
    assert "Every screening question was asked; no red flag was found." in text
