"""`medius report` warns about characters no font can print, and still writes the letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.clinical import model as m
from desktop.paths import resolve_paths
from desktop.services.database import open_repository


def test_report_warns_on_unprintable_characters(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    repo = open_repository(resolve_paths(data_dir))
    _cid, (assessment_id,) = repo.add_client(
        m.Client("Nefer", "Ankh\U00013000", date(1980, 1, 2)),
        [m.Assessment(performed_on=date(2026, 10, 2), body_mass_kg=60.0, pain_nprs=3)],
    )
    out = data_dir / "letter.pdf"
    assert main(["--data-dir", str(data_dir), "report", str(assessment_id), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "\U00013000" in err
    assert out.stat().st_size > 0
