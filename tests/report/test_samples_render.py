"""The documentation samples render from engine-computed results and real library cards."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from report_examples import all_text, pages_text

from desktop.report import samples

Render = Callable[..., bytes]


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_every_sample_renders_with_numbered_pages(render: Render, name: str) -> None:
    data = samples.SAMPLES[name]()
    pages = pages_text(render(data))
    assert pages[0].count(data.client.display_name) >= 1
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    if data.urgent:
        assert len(pages) == 1 and data.program == ()
    else:
        assert len(data.program) >= 4
        assert all(card.name in " ".join(pages[1:]) for card in data.program)


def test_third_visit_figures_come_from_the_engine(render: Render) -> None:
    data = samples.third_visit()
    doc = data.results.to_json()
    hip = doc["hip_abduction"]
    text = all_text(render(data))
    for side in ("left", "right"):
        values = hip[side]
        assert f"{values['peak_force_n']:.1f} N" in text
        assert f"{values['mean_force_n']:.1f} N" in text
        assert f"{values['cv_pct']:.1f}%" in text
        assert f"{values['torque_nm']:.1f} Nm" in text
        assert f"{values['torque_nm_per_kg']:.2f} Nm/kg" in text
        assert f"{values['force_pct_bw']:.1f}%" in text
        assert f"{data.recorded_peak_force[side]:.1f} kgf" in text
        tb = doc["trendelenburg"][side]
        assert f"{tb['hold_s']:g} s" in text
    assert f"Limb symmetry index {hip['lsi_pct']:.1f}%" in text
    assert f"{doc['odi_pct']:.1f}% ({doc['odi_band']})" in text
    assert f"{doc['nprs']}/10" in text
    for measure in doc["change"]["measures"]:
        assert measure["label"] in text
    assert "Progress over visits" in text


def test_pdfplumber_reads_the_same_names() -> None:
    import pdfplumber

    from desktop.report.renderer import render_report

    for data in (samples.mmt_only(), samples.red_flag(), samples.first_visit()):
        with pdfplumber.open(io.BytesIO(render_report(data))) as pdf:
            first = pdf.pages[0].extract_text() or ""
        assert data.client.display_name in " ".join(first.split())


def test_long_name_sample_is_letter_sized(render: Render) -> None:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(render(samples.long_name()))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_sample_script_writes_pdf_and_page_images(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[2] / "docs" / "scripts" / "render_sample_reports.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path), "--only", "red-flag"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(result.stderr)
    assert (tmp_path / "red-flag.pdf").read_bytes().startswith(b"%PDF")
    pngs = list(tmp_path.glob("red-flag-*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes().startswith(b"\x89PNG")
