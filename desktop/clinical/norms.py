"""Hip-abduction reference tables: loading, validation and like-with-like matching.

Published values depend on position, contraction type, lever and
normalisation, so a comparison is shown only when those match
(clinical-reference §3, §14 rules 1-3); otherwise the answer is "no matching
reference" rather than a misleading number. Tables are CSV data with their
provenance in every row; clinics can load their own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.clinical.strength import HhdSideResult
from desktop.clinical.units import NEWTONS_PER_KGF, STANDARD_GRAVITY_M_S2

COLUMNS: tuple[str, ...] = (
    "source", "doi", "population", "sex", "age_min", "age_max", "n", "mean", "sd", "unit",
    "contraction", "position", "lever_or_pad", "trial_rule", "side", "evidence_tag",
    "verified", "notes",
)  # fmt: skip
# athlete_group: the sport of a reference drawn from athletes (e.g. professional_football);
# such a row is offered only for a client the clinician marks as that kind of athlete.
OPTIONAL_COLUMNS: dict[str, str] = {"statistic": "mean", "athlete_group": ""}

# Athletes' populations a client can be marked as, with how the window and letter name them. A
# reference row carrying one of these keys (column athlete_group) is matched only for such a client.
ATHLETE_GROUPS: dict[str, str] = {"professional_football": "professional football (soccer)"}


def athlete_group_label(key: str) -> str:
    """How a population is named in the window and the letter (a clinic's own key as written)."""
    return ATHLETE_GROUPS.get(key, key.replace("_", " "))


# The same key shape a client record takes (desktop.clinical.validation), so every group can be chosen.
ATHLETE_GROUP_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")


def _athlete_group(reader: _RowReader) -> str:
    value = reader.text("athlete_group")
    if value and not ATHLETE_GROUP_KEY.fullmatch(value):
        raise reader.error("athlete_group", f"{value!r} must be a lower-case key such as professional_football")
    return value


def athlete_groups(tables: Iterable[NormTable]) -> list[str]:
    """Populations a client can be marked as: the known ones, then any a clinic's own table adds."""
    found = {r.athlete_group for table in tables for r in table.records if r.athlete_group}
    return list(ATHLETE_GROUPS) + sorted(found - set(ATHLETE_GROUPS))


NORM_SEXES = ("female", "male", "any")
NORM_UNITS = ("kg", "N", "%BW", "N/kg", "Nm/kg")
NORM_CONTRACTIONS = ("isometric_make", "eccentric_break")
NORM_POSITIONS = ("supine", "side_lying", "standing", "unknown")
NORM_SIDES = ("left", "right", "dominant", "non_dominant", "any")
EVIDENCE_TAGS = ("V", "S", "U")
STATISTICS = ("mean", "lower_quartile_cutoff")
YES_NO = ("yes", "no")

# The assessment records "make" or "break"; a make test is isometric and a break
# test is eccentric (clinical-reference §2.2).
CONTRACTION_FROM_TEST = {"make": "isometric_make", "break": "eccentric_break"}

BUILTIN_TABLE = "builtin"
BUILTIN_FILES = {
    "builtin": "builtin.csv",
    "builtin-unverified": "builtin-unverified.csv",
}
NO_MATCH_TEXT = "no matching reference"


class NormTableError(ValueError):
    """A reference table that cannot be used; the message names file, row and column."""


@dataclass(frozen=True)
class NormRecord:
    source: str
    doi: str | None
    population: str
    sex: str
    age_min: int | None
    age_max: int | None
    n: int | None
    mean: float
    sd: float | None
    unit: str
    contraction: str
    position: str
    lever_or_pad: str
    trial_rule: str
    side: str
    evidence_tag: str
    verified: bool
    notes: str
    statistic: str = "mean"
    row: int = 0
    athlete_group: str = ""

    @property
    def reference_text(self) -> str:
        return f"{self.source} (doi:{self.doi})" if self.doi else self.source

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "doi": self.doi,
            "population": self.population,
            "sex": self.sex,
            "age_min": self.age_min,
            "age_max": self.age_max,
            "n": self.n,
            "mean": self.mean,
            "sd": self.sd,
            "statistic": self.statistic,
            "unit": self.unit,
            "contraction": self.contraction,
            "position": self.position,
            "lever_or_pad": self.lever_or_pad,
            "trial_rule": self.trial_rule,
            "side": self.side,
            "evidence_tag": self.evidence_tag,
            "verified": self.verified,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class NormTable:
    name: str
    records: tuple[NormRecord, ...]
    path: Path | None = None
    builtin: bool = False

    @property
    def verified(self) -> bool:
        return all(record.verified for record in self.records)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "builtin": self.builtin,
            "verified": self.verified,
            "rows": len(self.records),
            "path": str(self.path) if self.path else None,
        }


# ---------------------------------------------------------------------------
# Loading


def _where(path: Path | str, row: int, column: str) -> str:
    return f"{path}, row {row}, column {column!r}"


class _RowReader:
    def __init__(self, path: Path | str, row: int, data: dict[str, str | None]) -> None:
        self.path, self.row, self.data = path, row, data

    def error(self, column: str, message: str) -> NormTableError:
        return NormTableError(f"{_where(self.path, self.row, column)}: {message}")

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.data.get(column) or "").strip()
        if required and not value:
            raise self.error(column, "is required")
        return value

    def choice(self, column: str, options: tuple[str, ...]) -> str:
        value = self.text(column)
        if value not in options:
            shown = value if value else "(empty)"
            raise self.error(column, f"{shown} is not one of: {', '.join(options)}")
        return value

    def number(self, column: str, *, required: bool = False) -> float | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a number") from None
        if not math.isfinite(number) or number <= 0:
            raise self.error(column, f"{value!r} must be a positive number")
        return number

    def whole(self, column: str, low: int, high: int) -> int | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise self.error(column, f"{number} must be from {low} to {high}")
        return number


def _parse_row(path: Path | str, row: int, data: dict[str, str | None]) -> NormRecord:
    if None in data:  # csv puts surplus fields under the key None
        raise NormTableError(f"{path}, row {row}: more fields than columns")
    reader = _RowReader(path, row, data)
    age_min = reader.whole("age_min", 0, 120)
    age_max = reader.whole("age_max", 0, 120)
    if age_min is not None and age_max is not None and age_min > age_max:
        raise reader.error("age_max", f"{age_max} is below age_min {age_min}")
    statistic = reader.text("statistic") or OPTIONAL_COLUMNS["statistic"]
    if statistic not in STATISTICS:
        raise reader.error("statistic", f"{statistic} is not one of: {', '.join(STATISTICS)}")
    mean = reader.number("mean", required=True)
    assert mean is not None
    return NormRecord(
        source=reader.text("source", required=True),
        doi=reader.text("doi") or None,
        population=reader.text("population"),
        sex=reader.choice("sex", NORM_SEXES),
        age_min=age_min,
        age_max=age_max,
        n=reader.whole("n", 1, 10_000_000),
        mean=mean,
        sd=reader.number("sd"),
        unit=reader.choice("unit", NORM_UNITS),
        contraction=reader.choice("contraction", NORM_CONTRACTIONS),
        position=reader.choice("position", NORM_POSITIONS),
        lever_or_pad=reader.text("lever_or_pad"),
        trial_rule=reader.text("trial_rule"),
        side=reader.choice("side", NORM_SIDES),
        evidence_tag=reader.choice("evidence_tag", EVIDENCE_TAGS),
        verified=reader.choice("verified", YES_NO) == "yes",
        notes=reader.text("notes"),
        statistic=statistic,
        row=row,
        athlete_group=_athlete_group(reader),
    )


def norm_table_from_rows(
    source: Path | str, header: list[str], rows: Iterable[tuple[int, dict[str, str | None]]], *,
    name: str, builtin: bool = False, path: Path | None = None,
) -> NormTable:
    """A reference table from a CSV file's header and (line number, row) pairs; errors name the
    file, row and column. Reading the file is the caller's (``desktop.content``)."""
    if not header:
        raise NormTableError(f"{source}: empty file (no header row)")
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise NormTableError(f"{source}, row 1: missing column(s) {', '.join(missing)}")
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        raise NormTableError(f"{source}, row 1: repeated column(s) {', '.join(duplicated)}")
    records = [
        _parse_row(source, line, data)
        for line, data in rows
        if any((value or "").strip() for key, value in data.items() if key is not None)  # blank lines skipped
    ]
    if not records:
        raise NormTableError(f"{source}: no reference rows")
    return NormTable(name, tuple(records), path, builtin)


# The shipped tables are read from files outside this package (``desktop.content``), which
# hands its cached loader here, so clinical code never opens a file itself.
_builtin: Callable[[], tuple[NormTable, ...]] | None = None


def use_builtin_tables(loader: Callable[[], tuple[NormTable, ...]]) -> None:
    """Where ``builtin_tables()`` gets the shipped tables (set once by ``desktop.content``)."""
    global _builtin
    _builtin = loader


def builtin_tables() -> tuple[NormTable, ...]:
    """The tables shipped in resources/norms, read once per process."""
    if _builtin is None:
        raise NormTableError("resources/norms: the reference tables were not loaded (import desktop.content)")
    return _builtin()


def default_norm_table() -> NormTable:
    return builtin_tables()[0]


@dataclass
class NormRegistry:
    """Built-in and clinic tables by name; the caller chooses the active name."""

    tables: dict[str, NormTable] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, table: NormTable) -> None:
        if table.name in self.tables:
            raise NormTableError(f"a reference table named {table.name!r} already exists")
        self.tables[table.name] = table

    def names(self) -> list[str]:
        return list(self.tables)

    def get(self, name: str) -> NormTable:
        try:
            return self.tables[name]
        except KeyError:
            known = ", ".join(self.tables) or "none"
            raise KeyError(f"no reference table named {name!r} (available: {known})") from None

    def describe(self) -> list[dict[str, Any]]:
        return [table.describe() for table in self.tables.values()]


# ---------------------------------------------------------------------------
# Matching and comparison


def measured_values(result: HhdSideResult) -> dict[str, float]:
    """One side's result expressed in every reference unit it can be converted to."""
    values: dict[str, float] = {
        "N": result.peak_force_n,
        "kg": result.peak_force_n / NEWTONS_PER_KGF,
    }
    if result.force_n_per_kg is not None:
        values["N/kg"] = result.force_n_per_kg
        values["%BW"] = 100.0 * result.force_n_per_kg / STANDARD_GRAVITY_M_S2
    if result.torque_nm_per_kg is not None:
        values["Nm/kg"] = result.torque_nm_per_kg
    return values


@dataclass(frozen=True)
class NormComparison:
    record: NormRecord
    table: str
    measured: float
    cautions: tuple[str, ...]

    @property
    def z_score(self) -> float | None:
        if self.record.statistic != "mean" or self.record.sd is None:
            return None
        return (self.measured - self.record.mean) / self.record.sd

    @property
    def pct_of_reference(self) -> float:
        return 100.0 * self.measured / self.record.mean

    @property
    def below_cutoff(self) -> bool | None:
        if self.record.statistic != "lower_quartile_cutoff":
            return None
        return self.measured < self.record.mean

    def text(self) -> str:
        rec = self.record
        unit = rec.unit
        if rec.statistic == "lower_quartile_cutoff":
            relation = "below" if self.below_cutoff else "at or above"
            line = (
                f"{rec.reference_text}: {self.measured:.3g} {unit} is {relation} the "
                f"lower-quartile cut-off of {rec.mean:g} {unit} ({rec.population})."
            )
        else:
            spread = f" ± {rec.sd:g}" if rec.sd is not None else ""
            line = (
                f"{rec.reference_text}: reference {rec.mean:g}{spread} {unit} ({rec.population}); "
                f"this result {self.measured:.3g} {unit}, {self.pct_of_reference:.0f}% of the mean"
            )
            z = self.z_score
            line += f", z = {z:+.2f}." if z is not None else "."
        return line

    def to_json(self) -> dict[str, Any]:
        rec = self.record
        z = self.z_score
        return {
            "table": self.table,
            "reference": rec.reference_text,
            "source": rec.source,
            "doi": rec.doi,
            "population": rec.population,
            "unit": rec.unit,
            "statistic": rec.statistic,
            "mean": rec.mean,
            "sd": rec.sd,
            "measured": round(self.measured, 3),
            "z_score": round(z, 2) if z is not None else None,
            "pct_of_mean": round(self.pct_of_reference, 1),
            "below_cutoff": self.below_cutoff,
            "evidence_tag": rec.evidence_tag,
            "verified": rec.verified,
            "cautions": list(self.cautions),
            "text": self.text(),
        }


@dataclass(frozen=True)
class NormMatch:
    comparisons: tuple[NormComparison, ...]
    reason: str | None = None

    @property
    def matched(self) -> bool:
        return bool(self.comparisons)

    def to_json(self) -> dict[str, Any]:
        if not self.comparisons:
            return {"status": "no_match", "text": NO_MATCH_TEXT, "reason": self.reason, "comparisons": []}
        return {
            "status": "matched",
            "text": self.comparisons[0].text(),
            "reason": None,
            "comparisons": [c.to_json() for c in self.comparisons],
        }


def compare_to_norms(
    table: NormTable,
    values_by_unit: dict[str, float],
    *,
    contraction: str | None,
    position: str | None,
    sex: str,
    age_years: int | None,
    side: str,
    trial_rule: str = "best trial",
    athlete_group: str | None = None,
) -> NormMatch:
    """Compare one measured side with every like-for-like row of ``table``.

    ``contraction`` and ``position`` are the assessment's own values ("make" or
    "break"; "supine", "side_lying", "standing" or None).
    """
    if contraction is None:
        return NormMatch((), "contraction type (make or break) not recorded")
    wanted_contraction = CONTRACTION_FROM_TEST.get(contraction, contraction)
    candidates = [r for r in table.records if r.contraction == wanted_contraction]
    if not candidates:
        return NormMatch((), f"no reference for a {contraction} test")
    # An athletes' reference (e.g. professional footballers) describes that population only
    # (clinical-reference §14 rule 2, like with like): offered for a client marked as such.
    athletes = [r for r in candidates if r.athlete_group and r.athlete_group != athlete_group]
    match = _like_for_like(
        table, [r for r in candidates if r not in athletes], values_by_unit, contraction=contraction,
        position=position, sex=sex, age_years=age_years, side=side, trial_rule=trial_rule,
        athlete_group=athlete_group,
    )  # fmt: skip
    if athletes and not match.matched:
        populations = "; ".join(sorted({r.population for r in athletes}))
        return NormMatch((), f"{match.reason}; the reference for athletes ({populations}) is not used for "
                             "a client not marked as one")
    return match


def _like_for_like(
    table: NormTable,
    candidates: list[NormRecord],
    values_by_unit: dict[str, float],
    *,
    contraction: str,
    position: str | None,
    sex: str,
    age_years: int | None,
    side: str,
    trial_rule: str,
    athlete_group: str | None = None,
) -> NormMatch:
    if not candidates:
        return NormMatch((), f"no reference for a {contraction} test")
    candidates = [r for r in candidates if r.unit in values_by_unit]
    if not candidates:
        return NormMatch((), "no reference in a unit this result converts to (Nm/kg needs a lever arm)")
    candidates = [
        r for r in candidates if position is None or r.position in ("unknown", position)
    ]
    if not candidates:
        return NormMatch((), "no reference for this test position")
    candidates = [r for r in candidates if r.sex == "any" or r.sex == sex]
    if not candidates:
        return NormMatch((), "no reference for this sex")
    # Strength changes with age (clinical-reference §3.3: stable to about 40 y, falling
    # after 60 y), so a reference without a stated age range is not like with like.
    candidates = [
        r
        for r in candidates
        if age_years is not None
        and (r.age_min is not None or r.age_max is not None)
        and (r.age_min is None or age_years >= r.age_min)
        and (r.age_max is None or age_years <= r.age_max)
    ]
    if not candidates:
        return NormMatch((), "no reference for this age")
    candidates = [r for r in candidates if r.side not in ("left", "right") or r.side == side]
    if not candidates:
        return NormMatch((), "no reference for this side")

    comparisons = []
    for record in candidates:
        cautions: list[str] = []
        if not record.verified:
            cautions.append(
                "Reference value marked unverified: re-check it against the source before "
                "relying on it."
            )
        if position is None:
            cautions.append("The test position was not recorded; compare with caution.")
        elif record.position == "unknown":
            cautions.append("The reference group's test position is not stated; compare with caution.")
        if record.side in ("dominant", "non_dominant"):
            cautions.append(f"Reference measured on the {record.side.replace('_', '-')} leg.")
        if record.trial_rule and record.trial_rule.lower().startswith("mean"):
            cautions.append(f"Reference used the {record.trial_rule}; this result is the {trial_rule}.")
        if record.athlete_group:
            cautions.append(f"Reference population: {record.population}; used because the client is recorded "
                            f"as an athlete in {athlete_group_label(record.athlete_group)}.")
        comparisons.append(NormComparison(record, table.name, values_by_unit[record.unit], tuple(cautions)))

    def specificity(c: NormComparison) -> tuple[int, int, int, int]:
        r = c.record
        return (
            0 if athlete_group and r.athlete_group == athlete_group else 1,  # the client's own population
            0 if r.verified else 1,
            0 if r.position != "unknown" else 1,
            0 if r.sex != "any" else 1,
        )

    comparisons.sort(key=specificity)
    return NormMatch(tuple(comparisons))
