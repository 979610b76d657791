"""CSV export: one UTF-8 file per table, ids linking them, formula cells escaped, and a lossless round trip."""

from __future__ import annotations

import csv
import io
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.clinical import model as m
from desktop.paths import resolve_paths
from desktop.services.csv_export import (
    ENCODING,
    TABLES,
    escape_cell,
    export_csv,
    read_csv_tables,
    unescape_cell,
)
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients
from desktop.services.exchange import export_document, parse_exchange

TODAY = date(2026, 12, 2)
NASTY = ("=HYPERLINK(\"http://x\",\"y\")", "+61 3 9555 0134", "-2 weeks", "@SUM(A1)", "'quoted", "\tTab")


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / name).read_text(encoding=ENCODING))))


def project(original: Any, carried: Any) -> Any:
    """The part of ``original`` that ``carried`` (read back from CSV) has keys for."""
    if isinstance(carried, dict) and isinstance(original, dict):
        return {key: project(original.get(key), value) for key, value in carried.items()}
    if isinstance(carried, list) and isinstance(original, list):
        return [project(o, c) for o, c in zip(original, carried, strict=False)] + original[len(carried):]
    return original


@pytest.fixture
def repo(tmp_path: Path) -> Any:
    repo = open_repository(resolve_paths(tmp_path / "data"), None)
    add_demo_clients(repo, today=TODAY)
    odd = m.Client(NASTY[0], "Ñúñez-" + NASTY[3], date(1990, 6, 21), external_id=NASTY[4], phone=NASTY[1],
                   notes=NASTY[2] + "\nsecond line, with \"quotes\"", athlete_group="professional_football")
    visit = m.Assessment(
        performed_on=date(2026, 11, 1), performed_at=time(10, 15), clinician=NASTY[3], reason=NASTY[2],
        summary_text=NASTY[5], body_mass_kg=61.5, pain_nprs=0,
        red_flags=(), psfs=(m.PsfsItem(NASTY[0], 3.0), m.PsfsItem("Walking 30 min", 7.5)),
        odi_item_scores=(0, None, 1, 2, 0, 0, 1, None, 0, 3),
        trendelenburg_right=m.TrendelenburgSide(elevation_maximal=False, hold_s=0, trunk_lean="mild", pain_nprs=4,
                                                pain_location=NASTY[3], knee_flexed=True),
        hip_abduction=m.HipAbduction(method="hhd", position="side_lying", unit="kgf", contraction="make",
                                     fixation="belt", pad_site=NASTY[1],
                                     left=m.HhdSide((14.5, 15.25, 14.0), 78.0,
                                                    excluded=m.TrialExclusion(2, NASTY[0])),
                                     right=m.HhdSide((11.0, 12.0), None)),
        program=m.Program((m.ProgramItem("clamshell", 1, sets=3, reps=12, side="left", notes=NASTY[0]),
                           m.ProgramItem("bridge", 1, sets=2, reps=10)), review_date=date(2026, 12, 13),
                          notes=NASTY[4]),
        notes=NASTY[1],
    )
    mmt = m.Assessment(performed_on=date(2026, 11, 20), red_flags=None,
                       hip_abduction=m.HipAbduction(method="mmt", position="side_lying", left=m.MmtSide(4, "-"),
                                                    right=m.MmtSide(5)))
    repo.add_client(odd, [visit, mmt])
    return repo


def test_one_utf8_file_per_table_with_ids_units_and_iso_dates(repo: Any, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    written, audited = export_csv(repo, repo.all_client_ids(), out)
    assert audited
    assert sorted(p.name for p in written) == sorted(f"{name}.csv" for name in TABLES)
    for path in written:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    clients = rows(out, "clients.csv")
    assessments = rows(out, "assessments.csv")
    assert {a["client_id"] for a in assessments} <= {c["client_id"] for c in clients}
    ids = {a["assessment_id"] for a in assessments}
    for table in ("psfs.csv", "trials.csv", "program.csv"):
        assert {r["assessment_id"] for r in rows(out, table)} <= ids
    date.fromisoformat(assessments[0]["performed_on"])
    for unit_column in ("body_mass_kg", "height_cm", "pain_nprs_0_10", "result_lsi_pct", "result_left_torque_nm"):
        assert unit_column in assessments[0]
    trials = rows(out, "trials.csv")
    kgf = [t for t in trials if t["force_unit"] == "kgf"]
    assert kgf and float(kgf[0]["force_n"]) == pytest.approx(float(kgf[0]["force_recorded"]) * 9.80665, abs=1e-3)
    assert any(c["family_name"] == "Nguyễn" for c in clients)


def test_formula_cells_are_escaped_and_numbers_are_not(repo: Any, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export_csv(repo, repo.all_client_ids(), out)
    raw = "".join((out / f"{name}.csv").read_text(encoding=ENCODING) for name in TABLES)
    for cell in csv.reader(io.StringIO(raw)):
        for value in cell:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not (value.startswith("-") and not _is_number(value)), value
    clients = rows(out, "clients.csv")
    odd = next(c for c in clients if c["given_name"].startswith("'="))
    assert odd["phone"] == "'" + NASTY[1] and odd["external_id"] == "''quoted"
    assert escape_cell(-3.5) == "-3.5" and escape_cell(0) == "0" and escape_cell(True) == "true"
    for text in NASTY:
        assert unescape_cell(escape_cell(text)) == text


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def test_round_trip_back_into_the_exchange_loses_nothing_the_csv_carries(repo: Any, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    ids = repo.all_client_ids()
    export_csv(repo, ids, out)
    original = export_document(repo, ids)
    back = read_csv_tables(out)
    # Both documents pass the exchange validation and give the same records for what the CSV carries.
    parse_exchange(back, today=TODAY)
    for before, after in zip(original["clients"], back["clients"], strict=True):
        assert project(before, after) == after
    # What the CSV carries: every input field of clients and assessments in the exchange today.
    client_keys = set(original["clients"][0]) - {"assessments"}
    assert client_keys <= set(back["clients"][0])
    for before, after in zip(original["clients"], back["clients"], strict=True):
        for a_before, a_after in zip(before["assessments"], after["assessments"], strict=True):
            missing = {k for k, v in a_before.items() if v not in (None, [], {}, "")} - set(a_after)
            assert not missing, missing
    records = parse_exchange(back, today=TODAY)
    stored = [repo.get_client(cid) for cid in ids]
    assert [c for c, _ in records] == [r.client for r in stored]
    assert [list(a) for _, a in records] == [[a for _aid, a in r.assessments] for r in stored]


def test_cli_csv_export_needs_a_folder_and_keeps_other_formats(capsys: pytest.CaptureFixture[str],
                                                               data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    folder = data_dir / "tables"
    assert main(["--data-dir", str(data_dir), "export", "--all", "--format", "csv", "--out", str(folder)]) == 0
    assert "5 files" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in TABLES)
    blocker = data_dir / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "export", "--all", "--format", "csv", "--out", str(blocker)]) == 1
    assert "folder" in capsys.readouterr().err


def test_files_that_leave_together_are_all_withheld_when_the_audit_fails(tmp_path: Path) -> None:
    from db.errors import StorageError
    from desktop.services.files import publish_all_audited

    def audit() -> None:
        raise StorageError("the audit trail could not be written")

    files = [(tmp_path / "out" / "a.csv", b"a"), (tmp_path / "out" / "b.csv", b"b")]
    with pytest.raises(StorageError, match="was not written"):
        publish_all_audited(files, audit, what="the CSV export")
    assert list((tmp_path / "out").iterdir()) == []
    assert publish_all_audited(files, lambda: None) is True
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.csv", "b.csv"]
