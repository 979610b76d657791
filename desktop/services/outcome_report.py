"""Clinic outcome report use case: every client's visits in a date range, as a PDF page and its CSV.

The counting rules live in desktop.clinical.clinic_outcomes; the PDF layout
in desktop.report.outcome_report. The CSV holds one row per compared client,
exactly the numbers the PDF counts, without names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop.clinical.clinic_outcomes import ClinicOutcomes, clinic_outcomes
from desktop.services.csv_export import csv_bytes
from desktop.services.files import publish_all_audited

CSV_COLUMNS = (
    "client_id", "file_number", "first_visit", "last_visit", "visits_in_range", "nprs_first_0_10",
    "nprs_last_0_10", "pain_mcid", "odi_first_pct", "odi_last_pct", "disability_mcid", "strength_side",
    "strength_unit", "strength_first", "strength_last", "strength_change_pct", "strength_change",
    "adherence_pct",
)


class OutcomeRangeError(ValueError):
    """The date range is empty or reversed."""


def gather_outcomes(repo: Any, start: date, end: date) -> ClinicOutcomes:
    """Outcomes of every stored client between ``start`` and ``end`` inclusive."""
    if end < start:
        raise OutcomeRangeError(f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    clients = []
    for client_id in repo.all_client_ids():
        record = repo.get_client(client_id)
        clients.append((client_id, record.client.external_id, [a for _aid, a in record.assessments]))
    return clinic_outcomes(clients, start, end)


def outcome_csv(outcomes: ClinicOutcomes) -> bytes:
    rows = []
    for c in outcomes.clients:
        s = c.strength
        rows.append({
            "client_id": c.client_id, "file_number": c.file_number, "first_visit": c.first_visit.isoformat(),
            "last_visit": c.last_visit.isoformat(), "visits_in_range": c.visits, "nprs_first_0_10": c.nprs_first,
            "nprs_last_0_10": c.nprs_last, "pain_mcid": c.pain,
            "odi_first_pct": None if c.odi_first is None else round(c.odi_first, 1),
            "odi_last_pct": None if c.odi_last is None else round(c.odi_last, 1), "disability_mcid": c.disability,
            "strength_side": s.side, "strength_unit": s.unit,
            "strength_first": None if s.baseline is None else round(s.baseline, 3),
            "strength_last": None if s.current is None else round(s.current, 3),
            "strength_change_pct": None if s.change_pct is None else round(s.change_pct, 1),
            "strength_change": s.direction, "adherence_pct": None,
        })
    return csv_bytes(CSV_COLUMNS, rows)


def outcome_file_stem(start: date, end: date) -> str:
    return f"medius-outcomes-{start.isoformat()}-to-{end.isoformat()}"


def export_outcome_report(repo: Any, start: date, end: date, out: Path, *, csv_out: Path | None = None,
                          today: date | None = None, invariant: bool = False) -> tuple[Path, Path]:
    """Write the PDF to ``out`` and its CSV beside it (or to ``csv_out``); both are built before either is written."""
    from desktop.report.outcome_report import render_outcome_report

    outcomes = gather_outcomes(repo, start, end)
    pdf = render_outcome_report(outcomes, repo.get_settings(), today or date.today(), invariant=invariant)
    table = outcome_csv(outcomes)
    out = Path(out)
    csv_path = Path(csv_out) if csv_out is not None else out.with_suffix(".csv")
    publish_all_audited([(out, pdf), (csv_path, table)], lambda: repo.record_event(
        "report", "outcomes", None, None, f"clients={len(outcomes.clients)}"), what="the outcome report")
    return out, csv_path
