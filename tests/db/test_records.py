"""db.records: the plain records and helpers shared by the repository and the start-up reader."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from db.records import ClientSummary, ConflictError, fold

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("text", "folded"), [
    ("Nguyễn Thị", "nguyen thi"),  # ễ = e + circumflex + tilde: both marks go
    ("Zoë Ñúñez", "zoe nunez"),
    ("Đặng", "dang"), ("Łukasz", "lukasz"), ("Søren", "soren"), ("STRAßE", "strasse"),
    ("王芳", "王芳"),  # no case, no marks: unchanged
])
def test_fold_lowers_and_strips_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_conflict_names_who_when_and_both_versions() -> None:
    error = ConflictError("assessment", 9, 2, 3, "Jo Smith", datetime(2026, 10, 1, 14, 5, 59))
    assert (error.entity, error.entity_id, error.yours, error.theirs) == ("assessment", 9, 2, 3)
    assert str(error) == ("conflict: assessment 9 was changed by Jo Smith at 2026-10-01 14:05 UTC (now version 3) "
                          "since you opened version 2; nothing was overwritten")
    deleted = ConflictError("client", 4, 1, None)
    assert str(deleted) == "conflict: client 4 was changed (it was deleted) since you opened version 1; " \
        "nothing was overwritten"


def test_a_summary_is_equal_whatever_its_derived_search_text() -> None:
    a = ClientSummary(1, "Zoë", "Ñúñez", date(1990, 6, 21), None, 2, date(2026, 10, 1), "zoe nunez 1990-06-21")
    b = ClientSummary(1, "Zoë", "Ñúñez", date(1990, 6, 21), None, 2, date(2026, 10, 1))
    assert a == b and a.display_name == "Zoë Ñúñez"
    assert "zoe nunez" not in repr(a)


def test_the_records_load_without_sqlalchemy() -> None:
    code = "import sys, db.records; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
