"""The clinic outcome report: a PDF page with charts and the CSV behind it, from stored visits."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.clinical.clinic_outcomes import REACHED
from desktop.paths import resolve_paths
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients
from desktop.services.outcome_report import CSV_COLUMNS, export_outcome_report, gather_outcomes

TODAY = date(2026, 12, 2)


def test_pdf_and_csv_carry_the_same_counts(tmp_path: Path) -> None:
    from pypdf import PdfReader

    repo = open_repository(resolve_paths(tmp_path / "data"), None)
    add_demo_clients(repo, today=TODAY)
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    outcomes = gather_outcomes(repo, start, end)
    pdf_path, csv_path = export_outcome_report(repo, start, end, tmp_path / "out.pdf", today=TODAY,
                                               invariant=True)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(outcomes.clients) >= 2
    assert sum(r["pain_mcid"] == REACHED for r in rows) == outcomes.count("pain", REACHED)
    assert all(r["adherence_pct"] == "" for r in rows)
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "Clinic outcomes" in text and "reached the MCID for pain" in text
    assert f"{outcomes.count('pain', REACHED)} of {len(outcomes.clients)}" in text
    assert "Ostelo 2008" in text and "not recorded" in text
    for row in rows:
        assert row["file_number"] in text
    names = {repo.get_client(cid).client.family_name for cid in repo.all_client_ids()}
    assert not any(name in text for name in names), "the clinic report shows no client names"


def test_cli_outcomes_and_a_reversed_range(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    out = data_dir / "outcomes.pdf"
    assert main(["--data-dir", str(data_dir), "outcomes", "--from", "2020-01-01", "--to", "2030-12-31",
                 "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and out.with_suffix(".csv").is_file()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "outcomes", "--from", "2026-12-31", "--to", "2026-01-01",
                 "--out", str(data_dir / "x.pdf")]) == 2
    assert "before it starts" in capsys.readouterr().err
    assert not (data_dir / "x.pdf").exists()
    assert main(["--data-dir", str(data_dir), "outcomes", "--from", "2026-13-01", "--to", "2026-01-01",
                 "--out", str(data_dir / "x.pdf")]) == 2
