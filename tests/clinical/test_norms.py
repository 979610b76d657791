"""Reference tables: provenance columns, clear load errors, like-with-like matching."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.clinical.model import HhdSide
from desktop.clinical.norms import (
    COLUMNS,
    NO_MATCH_TEXT,
    NormTableError,
    builtin_tables,
    compare_to_norms,
    measured_values,
)
from desktop.clinical.strength import compute_hhd_side
from desktop.content import active_norm_table, add_norm_file, load_norm_table, norm_registry

HEADER = ",".join(COLUMNS)


def _row(**changes: str) -> dict[str, str]:
    row = {
        "source": "Clinic 2026", "doi": "", "population": "clinic patients", "sex": "any",
        "age_min": "20", "age_max": "60", "n": "40", "mean": "1.50", "sd": "0.30", "unit": "Nm/kg",
        "contraction": "isometric_make", "position": "supine", "lever_or_pad": "ankle",
        "trial_rule": "best of 3", "side": "any", "evidence_tag": "U", "verified": "no", "notes": "",
    }  # fmt: skip
    row.update(changes)
    return row


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v for k, v in row.items() if k in columns})
    return path


def test_builtin_tables_load_with_full_provenance() -> None:
    verified, unverified = builtin_tables()
    assert verified.name == "builtin" and verified.verified
    assert unverified.name == "builtin-unverified" and not unverified.verified
    sources = {r.source.split(",")[0] for r in verified.records}
    assert sources == {"Alvarenga 2019", "SENIOR cohort (nursing-home residents)", "Ramskov 2014", "Mosler 2017"}
    assert all(r.evidence_tag == "V" for r in verified.records)
    mosler = next(r for r in verified.records if r.source.startswith("Mosler"))
    assert (mosler.mean, mosler.sd, mosler.unit, mosler.contraction, mosler.position) == (
        2.6, 0.4, "Nm/kg", "eccentric_break", "side_lying"
    )
    assert mosler.doi == "10.1016/j.jsams.2016.05.010"
    assert all(r.evidence_tag == "S" and not r.verified for r in unverified.records)
    assert {r.mean for r in unverified.records} == {170.7, 113.1, 124.8, 83.8}


def test_custom_table_loads(tmp_path: Path) -> None:
    table = load_norm_table(_write(tmp_path / "clinic.csv", [_row()]))
    assert table.name == "clinic"
    assert table.records[0].mean == 1.5 and table.records[0].age_max == 60


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", [_row()], tuple(c for c in COLUMNS if c != "sd"))
    with pytest.raises(NormTableError, match=r"bad\.csv, row 1: missing column\(s\) sd"):
        load_norm_table(path)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("unit", "lb", "is not one of"),
        ("mean", "abc", "is not a number"),
        ("mean", "-3", "must be a positive number"),
        ("mean", "", "is required"),
        ("sd", "nan", "must be a positive number"),
        ("contraction", "isokinetic", "is not one of"),
        ("position", "prone", "is not one of"),
        ("age_max", "10", "below age_min"),
        ("verified", "maybe", "is not one of"),
        ("source", "", "is required"),
    ],
)
def test_bad_value_names_file_row_and_column(tmp_path: Path, column: str, value: str, message: str) -> None:
    path = _write(tmp_path / "clinic.csv", [_row(), _row(**{column: value})])
    with pytest.raises(NormTableError) as error:
        load_norm_table(path)
    text = str(error.value)
    assert "clinic.csv, row 3" in text and f"column '{column}'" in text and message in text


def test_empty_table_rejected(tmp_path: Path) -> None:
    with pytest.raises(NormTableError, match="no reference rows"):
        load_norm_table(_write(tmp_path / "empty.csv", []))
    (tmp_path / "blank.csv").write_text("", encoding="utf-8")
    with pytest.raises(NormTableError, match="empty file"):
        load_norm_table(tmp_path / "blank.csv")


def test_registry_lists_builtin_and_custom_and_reports_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "norms"
    folder.mkdir()
    _write(folder / "clinic.csv", [_row()])
    _write(folder / "broken.csv", [_row(unit="stone")])
    registry = norm_registry(custom_dir=folder)
    assert registry.names() == ["builtin", "builtin-unverified", "clinic"]
    assert registry.get("clinic").records[0].source == "Clinic 2026"
    assert len(registry.errors) == 1 and "broken.csv, row 2, column 'unit'" in registry.errors[0]
    with pytest.raises(KeyError, match="no reference table named 'nope'"):
        registry.get("nope")
    with pytest.raises(NormTableError, match="already exists"):
        add_norm_file(registry, folder / "clinic.csv")
    assert active_norm_table("clinic", custom_dir=folder).name == "clinic"
    assert active_norm_table("builtin").builtin


def _values(lever_cm: float | None = 80.0) -> dict[str, float]:
    # peak 158 N, 68 kg, lever 80 cm -> 1.8588 Nm/kg; 2.3235 N/kg; 23.69 %BW; 16.11 kg
    return measured_values(compute_hhd_side(HhdSide((158.0,), lever_cm), "N", 68.0))


def test_measured_values_in_every_convertible_unit() -> None:
    values = _values()
    assert values["N"] == 158.0
    assert values["kg"] == pytest.approx(158.0 / 9.80665)
    assert values["N/kg"] == pytest.approx(158.0 / 68.0)
    assert values["%BW"] == pytest.approx(23.6934, abs=1e-4)
    assert values["Nm/kg"] == pytest.approx(1.858824, abs=1e-6)
    assert "Nm/kg" not in _values(None)


def test_like_with_like_match_gives_z_score(tmp_path: Path) -> None:
    # z = (1.8588 - 1.50) / 0.30 = 1.196; percent of mean = 123.9%
    table = load_norm_table(_write(tmp_path / "clinic.csv", [_row()]))
    match = compare_to_norms(
        table, _values(), contraction="make", position="supine", sex="female", age_years=40, side="left"
    )
    assert match.matched
    comparison = match.comparisons[0]
    assert comparison.z_score == pytest.approx(1.196, abs=1e-3)
    assert comparison.pct_of_reference == pytest.approx(123.92, abs=1e-2)
    data = match.to_json()
    assert data["status"] == "matched"
    assert data["comparisons"][0]["reference"] == "Clinic 2026"
    assert any("marked unverified" in c for c in data["comparisons"][0]["cautions"])


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        (dict(contraction="break"), "no reference for a break test"),
        (dict(contraction=None), "contraction type"),
        (dict(position="side_lying"), "position"),
        (dict(age_years=70), "age"),
    ],
)
def test_mismatch_gives_no_matching_reference(tmp_path: Path, kwargs: dict[str, object], reason: str) -> None:
    table = load_norm_table(_write(tmp_path / "clinic.csv", [_row()]))
    args: dict[str, object] = dict(contraction="make", position="supine", sex="female", age_years=40, side="left")
    args.update(kwargs)
    match = compare_to_norms(table, _values(), **args)  # type: ignore[arg-type]
    assert not match.matched
    assert match.to_json()["text"] == NO_MATCH_TEXT
    assert reason in (match.reason or "")


def test_torque_reference_needs_a_lever_arm(tmp_path: Path) -> None:
    table = load_norm_table(_write(tmp_path / "clinic.csv", [_row()]))
    match = compare_to_norms(
        table, _values(None), contraction="make", position="supine", sex="male", age_years=40, side="left"
    )
    assert not match.matched and "lever arm" in (match.reason or "")


def test_sex_specific_rows_need_a_matching_sex(tmp_path: Path) -> None:
    table = load_norm_table(_write(tmp_path / "clinic.csv", [_row(sex="male")]))
    args: dict[str, object] = dict(contraction="make", position="supine", age_years=40, side="left")
    assert compare_to_norms(table, _values(), sex="male", **args).matched  # type: ignore[arg-type]
    assert not compare_to_norms(table, _values(), sex="female", **args).matched  # type: ignore[arg-type]
    assert not compare_to_norms(table, _values(), sex="unspecified", **args).matched  # type: ignore[arg-type]


def test_unknown_reference_position_matches_with_caution(tmp_path: Path) -> None:
    # Clinic row, position not stated: 1.8588 Nm/kg vs 1.50 +- 0.30 -> z = (1.8588 - 1.50) / 0.30 = 1.196
    table = load_norm_table(_write(tmp_path / "clinic.csv", [_row(position="unknown")]))
    match = compare_to_norms(
        table, _values(), contraction="make", position="supine", sex="female", age_years=55, side="right"
    )
    comparison = match.comparisons[0]
    assert comparison.z_score == pytest.approx((1.858824 - 1.50) / 0.30, abs=1e-4)
    assert any("position is not stated" in c for c in comparison.cautions)


def test_reference_without_age_range_is_not_like_with_like() -> None:
    # Ramskov 2014 (eccentric, Nm/kg) states no age range: a 55-year-old gets no comparison.
    table = builtin_tables()[0]
    match = compare_to_norms(
        table, _values(), contraction="break", position="supine", sex="female", age_years=55, side="right"
    )
    assert not match.matched
    assert "age" in (match.reason or "")


def test_mosler_side_lying_only_matches_side_lying_men_18_to_40() -> None:
    table = builtin_tables()[0]
    args: dict[str, object] = dict(contraction="break", sex="male", side="left",
                                   athlete_group="professional_football")
    side_lying = compare_to_norms(table, _values(), position="side_lying", age_years=30, **args)  # type: ignore[arg-type]
    sources = [c.record.source.split(",")[0] for c in side_lying.comparisons]
    assert sources[0] == "Mosler 2017"  # known position ranks first
    supine = compare_to_norms(table, _values(), position="supine", age_years=30, **args)  # type: ignore[arg-type]
    assert "Mosler 2017" not in [c.record.source.split(",")[0] for c in supine.comparisons]
    older = compare_to_norms(table, _values(), position="side_lying", age_years=45, **args)  # type: ignore[arg-type]
    assert "Mosler 2017" not in [c.record.source.split(",")[0] for c in older.comparisons]


def test_percent_body_weight_reference_without_sd_gives_percent_of_mean() -> None:
    # Alvarenga 2019 women 20-29: 16.85 %BW, no SD. 23.69 / 16.85 = 140.6% of mean.
    table = builtin_tables()[0]
    match = compare_to_norms(
        table, _values(), contraction="make", position=None, sex="female", age_years=25, side="left"
    )
    alvarenga = next(c for c in match.comparisons if c.record.source.startswith("Alvarenga"))
    assert alvarenga.z_score is None
    assert alvarenga.pct_of_reference == pytest.approx(140.61, abs=1e-2)
    assert any("position was not recorded" in c for c in alvarenga.cautions)


def test_lower_quartile_cutoff_is_not_treated_as_a_mean(tmp_path: Path) -> None:
    # A cut-off of 0.78 N/kg (as the SENIOR cohort reports); 40 N / 68 kg = 0.588 N/kg -> below it.
    row = _row(source="Clinic cut-off", age_min="65", age_max="100", mean="0.78", sd="", unit="N/kg",
               statistic="lower_quartile_cutoff")
    table = load_norm_table(_write(tmp_path / "clinic.csv", [row], (*COLUMNS, "statistic")))
    weak = measured_values(compute_hhd_side(HhdSide((40.0,), None), "N", 68.0))
    match = compare_to_norms(
        table, weak, contraction="make", position="supine", sex="male", age_years=85, side="left"
    )
    cutoff = match.comparisons[0]
    assert cutoff.z_score is None
    assert cutoff.below_cutoff is True
    assert "below the lower-quartile cut-off" in cutoff.text()


def test_a_clinic_athletes_population_must_be_a_key(tmp_path: Path) -> None:
    from desktop.clinical.norms import COLUMNS, NormTableError

    header = [*COLUMNS, "athlete_group"]
    row = {c: "" for c in header} | {"source": "Squad 2025", "sex": "any", "mean": "2.1", "unit": "Nm/kg",
                                     "contraction": "isometric_make", "position": "supine", "side": "any",
                                     "evidence_tag": "U", "verified": "no", "athlete_group": "Club Rowing"}
    path = tmp_path / "squad.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row[c] for c in header) + "\n", encoding="utf-8")
    with pytest.raises(NormTableError, match=r"row 2, column 'athlete_group': 'Club Rowing' must be a lower-case key"):
        load_norm_table(path)
