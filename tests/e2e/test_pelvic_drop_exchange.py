"""Photo landmarks through the exchange: imported, measured, exported; images never in the file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desktop.cli import main

HERE = Path(__file__).parent
SINGLE = {"left_psis": [100.0, 200.0], "right_psis": [200.0, 210.0]}  # atan(0.1) = 5.7106 deg
REFERENCE = {"left_psis": [100.0, 200.0], "right_psis": [200.0, 202.0]}  # atan(0.02) = 1.1458 deg
MIRRORED = {"left_psis": [500.0, 400.0], "right_psis": [100.0, 430.0]}  # atan(0.075) = 4.2892 deg


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _document(left_photo: object, right_photo: object) -> dict:
    document = json.loads((HERE / "design_example.json").read_text(encoding="utf-8"))
    tb = document["clients"][0]["assessments"][0]["trendelenburg"]
    tb["left"]["photo"], tb["right"]["photo"] = left_photo, right_photo
    tb["left"]["drop_method"] = tb["right"]["drop_method"] = "photo"
    tb["right"]["pelvic_drop_deg"] = None
    return document


def _write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_landmarks_import_measure_and_export(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    left = {"landmarks": SINGLE, "reference_landmarks": REFERENCE, "in_letter": True}
    right = {"landmarks": MIRRORED, "reference_landmarks": None}
    source = _write(data_dir / "in.json", _document(left, right))
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(source), "--json")
    assert code == 0, err
    (assessment_id,) = json.loads(out)["clients"][0]["assessment_ids"]

    code, out, err = _run(
        capsys, "--data-dir", str(data_dir), "summary", str(assessment_id), "--json"
    )
    assert code == 0, err
    tb = json.loads(out)["trendelenburg"]
    # Left stance with reference: 5.7106 - 1.1458 = 4.5648 -> 4.6 (the lifted right side lower).
    assert (tb["left"]["pelvic_drop_deg"], tb["left"]["pelvic_drop_method"]) == (4.6, "photo")
    # Right stance, view from in front: the lifted left side is 30 px higher -> -4.3.
    assert (tb["right"]["pelvic_drop_deg"], tb["right"]["pelvic_drop_method"]) == (-4.3, "photo")

    out_path = data_dir / "out.json"
    code, _, err = _run(
        capsys, "--data-dir", str(data_dir), "export", "--all", "--out", str(out_path)
    )
    assert code == 0, err
    exported = json.loads(out_path.read_text(encoding="utf-8"))
    visit = exported["clients"][0]["assessments"][0]
    assert visit["trendelenburg"]["left"]["photo"] == left
    assert visit["trendelenburg"]["right"]["photo"] == {**right, "in_letter": False}
    assert visit["results"]["trendelenburg"]["left"]["pelvic_drop_deg"] == 4.6
    text = out_path.read_text(encoding="utf-8")
    assert "jpeg" not in text.lower() and "base64" not in text and "image" not in text.lower()

    # The exported file imports again to the same measurement.
    code, out, err = _run(
        capsys, "--data-dir", str(data_dir / "again"), "import", str(out_path), "--json"
    )
    assert code == 0, err


@pytest.mark.parametrize(
    ("photo", "message"),
    [
        (
            {"landmarks": {"left_psis": [150, 100], "right_psis": [150, 300]}},
            "clients[0].assessments[0].trendelenburg.left.photo.landmarks: the left and right "
            "PSIS are straight above each other (a vertical line)",
        ),
        (
            {
                "landmarks": SINGLE,
                "reference_landmarks": {"left_psis": [150, 200], "right_psis": [150, 200]},
            },
            "clients[0].assessments[0].trendelenburg.left.photo.reference_landmarks: the left "
            "and right PSIS are on one spot",
        ),
        (
            {"landmarks": {"left_psis": [150, 100, 3], "right_psis": [150, 300]}},
            "clients[0].assessments[0].trendelenburg.left.photo.landmarks.left_psis",
        ),
    ],
)
def test_degenerate_or_malformed_landmarks_are_refused_with_their_path(
    capsys: pytest.CaptureFixture[str], data_dir: Path, photo: dict, message: str
) -> None:
    document = _document(copy.deepcopy(photo), None)
    source = _write(data_dir / "bad.json", document)
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "import", str(source))
    assert code == 2
    assert message in err
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert code == 0 and json.loads(out)["clients"] == []  # nothing half-imported
