"""Rules of the referral PDF, each defined once: the red-flag export gate and the font coverage check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.services.reports import (
    RED_FLAGS_NOT_ACKNOWLEDGED,
    SCREENING_NOT_DONE,
    ReportNotAllowedError,
    check_exportable,
    export_blocker,
    report_file_name,
    text_coverage_problems,
)


@pytest.mark.parametrize(
    ("flags", "acknowledged", "blocker"),
    [
        (None, True, SCREENING_NOT_DONE),  # never "no red flags" when nobody asked
        ((), False, None),
        (("night_pain",), True, None),
        (("night_pain",), False, RED_FLAGS_NOT_ACKNOWLEDGED),
        # A cauda-equina flag makes the urgent letter: never held back, whatever else is pending.
        (("night_pain", "ces_saddle_anaesthesia"), False, None),
    ],
)
def test_export_gate(flags: tuple[str, ...] | None, acknowledged: bool, blocker: str | None) -> None:
    from desktop.clinical.results import compute_results
    from tests.fixtures.records import assessment, client

    visit = replace(assessment(1), red_flags=flags, red_flags_acknowledged=acknowledged)
    assert export_blocker(compute_results(client(0), visit)) == blocker
    assert export_blocker(None) is None


def _report_data(acknowledged: bool = True, screened: bool = True):  # noqa: ANN202 - a ReportData
    from desktop.clinical import model as m
    from desktop.clinical.results import compute_results
    from desktop.report.data import ReportData

    client = m.Client("Ana", "Nguyễn", date(1971, 3, 14), "female", None, None, None)
    visit = m.Assessment(performed_on=date(2026, 10, 2), red_flags=("night_pain",) if screened else None,
                         red_flags_acknowledged=acknowledged)
    return ReportData(settings=m.ClinicSettings(), client=client, assessment=visit,
                      results=compute_results(client, visit), generated_on=date(2026, 10, 2))


def test_the_gate_stops_the_pdf_writer_too() -> None:
    with pytest.raises(ReportNotAllowedError, match="acknowledged"):
        check_exportable(_report_data(acknowledged=False))
    with pytest.raises(ReportNotAllowedError, match="screening was not done"):
        check_exportable(_report_data(screened=False))
    check_exportable(_report_data(acknowledged=True))


def test_font_coverage_names_only_characters_no_font_prints() -> None:
    data = _report_data()
    assert text_coverage_problems(data) == []  # Vietnamese is covered by the embedded font
    # Egyptian hieroglyphs: in no font the app embeds or finds on a clinic laptop; each named once.
    odd = replace(data, client=replace(data.client, given_name="Ana \U00013000", family_name="\U00013000\U00013001"))
    assert text_coverage_problems(odd) == ["\U00013000", "\U00013001"]


def test_report_file_names_never_carry_the_client_name() -> None:
    assert report_file_name(12, date(2026, 10, 2)) == "medius-referral-12-2026-10-02.pdf"
