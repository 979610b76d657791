"""End to end: stored client and visits -> clinical engine -> exercise library -> PDF file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from report_examples import SETTINGS, all_text, design_assessment, pages_text

from desktop.clinical.model import Client, HhdSide, Program, ProgramItem
from desktop.paths import resolve_paths
from desktop.services.database import open_repository
from desktop.services.reports import (
    ReportNotAllowedError,
    build_report_data,
    export_report,
    text_coverage_problems,
)


@pytest.fixture
def repo(data_dir: Path):  # type: ignore[no-untyped-def]
    repository = open_repository(resolve_paths(data_dir))
    repository.save_settings(SETTINGS)
    return repository


def _visits() -> list:
    first = design_assessment()
    program = Program(
        exercises=(
            ProgramItem("figure_four_stretch", 0),
            ProgramItem("clamshell", 1, sets=3, reps=15, rest_s=45, days_per_week=3, side="right",
                        notes="Band above the knees from week 3"),  # fmt: skip
            ProgramItem("side_lying_abduction_hold", 1, sets=8, hold_s=10),
        ),
        review_date=date(2026, 11, 13),
    )
    hip = first.hip_abduction
    assert hip is not None
    second = replace(
        first,
        performed_on=date(2026, 10, 30),
        pain_nprs=3,
        hip_abduction=replace(hip, right=HhdSide((140.0, 145.0, 142.0), 80.0)),
        program=program,
    )
    return [first, second]


def test_export_writes_the_stored_visit_with_history_and_library_cards(repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = Client("Thị Ánh", "Nguyễn", date(1971, 3, 14), "female", external_id="HP-20417")
    _client_id, (first_id, second_id) = repo.add_client(client, _visits())
    out = export_report(repo, second_id, tmp_path / "out" / "letter.pdf", today=date(2026, 10, 30))
    assert out == tmp_path / "out" / "letter.pdf"
    pdf = out.read_bytes()
    text = all_text(pdf)
    assert "Thị Ánh Nguyễn" in text
    # Right side now 145 N peak x 0.8 m = 116.0 Nm; 116.0 / 68 = 1.706 -> "1.71 Nm/kg".
    assert "145.0 N" in text and "116.0 Nm" in text and "1.71 Nm/kg" in text
    # LSI = 100 x 116.0 / 126.4 = 91.8% -> symmetric.
    assert "Limb symmetry index 91.8%" in text
    # Pain 6 -> 3: change -3, beyond the 2-point minimal clinically important change (Ostelo 2008).
    assert "Pain (NPRS) 6 3 −3 2 points (MCID, Ostelo 2008) Yes, improved" in text
    assert "Progress over visits" in text
    # Library names and the clinician's dose win over the library default.
    from desktop.clinical.exercises import load_library

    library = load_library()
    for exercise_id in ("figure_four_stretch", "clamshell", "side_lying_abduction_hold"):
        assert library.get(exercise_id).name in text
    assert "3 sets × 15 reps" in text and "Rest: 45 s between sets" in text
    assert "Hold for 10 s, 8 times" in text
    assert "Band above the knees from week 3" in text
    assert "Review on 13 November 2026." in text
    assert not list(out.parent.glob(".medius-*")), "temporary file left behind"
    events = [e for e in repo.audit_events() if e.action == "report"]
    assert len(events) == 1

    first_pdf = export_report(repo, first_id, tmp_path / "first.pdf").read_bytes()
    assert "Progress over visits" not in all_text(first_pdf)

    # The trend series covers the visits up to the reported one, from their stored results.
    second = build_report_data(repo, second_id).trends
    assert second is not None and [v.assessment_id for v in second.visits] == [first_id, second_id]
    # Right torque per kg: 125 N x 0.8 / 68 = 1.471, then 145 N x 0.8 / 68 = 1.706.
    right = second["hip_abduction_torque_nm_per_kg.right"].points
    assert [round(p.value, 2) for p in right] == [1.47, 1.71]
    assert [p.value for p in second["nprs"].points] == [6, 3]
    first = build_report_data(repo, first_id).trends
    assert first is not None and [v.assessment_id for v in first.visits] == [first_id]


def test_unacknowledged_red_flags_block_export(repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    visit = replace(design_assessment(), red_flags=("night_pain",), red_flags_acknowledged=False)
    _cid, (aid,) = repo.add_client(Client("Ana", "Lee", date(1960, 1, 1)), [visit])
    with pytest.raises(ReportNotAllowedError, match="acknowledged"):
        export_report(repo, aid, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()

    acknowledged = replace(visit, red_flags_acknowledged=True)
    _cid, (ack_id,) = repo.add_client(Client("Ana", "Lee", date(1960, 1, 1)), [acknowledged])
    text = all_text(export_report(repo, ack_id, tmp_path / "x.pdf").read_bytes())
    assert "Constant night pain not eased by changing position" in text


def test_cauda_equina_flag_exports_the_urgent_letter_without_program(repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    visit = replace(_visits()[1], red_flags=("ces_bowel",))
    _cid, (aid,) = repo.add_client(Client("Анна", "Иванова", date(1966, 5, 9)), [visit])
    data = build_report_data(repo, aid)
    assert data.urgent and data.program == ()
    pages = pages_text(export_report(repo, aid, tmp_path / "u.pdf").read_bytes())
    text = " ".join(pages)
    assert len(pages) == 1
    assert "same-day emergency assessment" in text and "Анна Иванова" in text
    assert "Clamshell" not in text and "Dose:" not in text


def test_coverage_problems_name_characters_without_a_font(repo, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.report import fonts

    _cid, (aid,) = repo.add_client(Client("芳", "王", date(1990, 2, 2)), [design_assessment()])
    data = build_report_data(repo, aid)
    monkeypatch.setattr(fonts, "_fallback_font", lambda: None)
    assert text_coverage_problems(data) == ["芳", "王"]
