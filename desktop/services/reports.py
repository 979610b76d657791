"""Referral PDF use case: gather an assessment's data from storage and write the report.

The clinical engine computes (through ``AssessmentService``), the exercise
library supplies the card text and pictures, and ``desktop.report`` lays the
result out. Non-urgent red flags must be acknowledged by the clinician before
a report leaves the app (design.md "Red-flag codes"); a cauda-equina flag
always produces the urgent referral letter, never a program.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.clinical.exercises import ExerciseLibrary
    from desktop.clinical.result_types import AssessmentResults
    from desktop.report.data import ExerciseCard, ReportData
    from desktop.services.assessments import AssessmentService


class ReportNotAllowedError(ValueError):
    """The report may not be exported yet; the message says what the clinician must do."""


class MissingGlyphsError(ValueError):
    """Some characters of the report's names or texts have no font to print them."""

    def __init__(self, characters: list[str]) -> None:
        self.characters = characters
        shown = " ".join(characters[:12])
        super().__init__(f"No installed font can print these characters, so they would be left blank: {shown}")


def build_report_data(
    repository: Repository,
    assessment_id: int,
    *,
    service: AssessmentService | None = None,
    library: ExerciseLibrary | None = None,
    today: date | None = None,
) -> ReportData:
    """Everything the referral PDF of one assessment shows, read from storage.

    The trend series covers the visits up to and including this one, so a
    report of an earlier visit shows the progress as it stood on that day.
    """
    from desktop.clinical.trends import trend_series
    from desktop.report.cards import exercise_cards
    from desktop.report.data import ReportData, recorded_peak_force
    from desktop.services.assessments import AssessmentService
    from desktop.services.photos import letter_thumbnails

    service = service or AssessmentService(repository)
    # The client's visits with their results as the client page has them (computed once per change).
    found = service.client_overview(repository.client_of_assessment(assessment_id))
    record, visits = found.record, list(found.visits)
    index = next(i for i, (aid, _a, _r) in enumerate(visits) if aid == assessment_id)
    assessment, results = visits[index][1], visits[index][2]
    trends = found.series if index == len(visits) - 1 else trend_series(visits[: index + 1])
    program = results.program
    cards: tuple[ExerciseCard, ...] = ()
    if program and not results.red_flag_block:
        if library is None:
            import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
            from desktop.clinical.exercises import load_library

            library = load_library()
        cards = exercise_cards(program, library, assessment=assessment)
    review = assessment.program.review_date if assessment.program else None
    if review is None and program and program.review_date:
        review = program.review_date
    from desktop.services.clinic import ClinicService, signing_clinician

    profile = ClinicService(repository).profile()
    return ReportData(
        settings=profile.settings,
        clinician=signing_clinician(profile, assessment.clinician),
        client=record.client,
        assessment=assessment,
        results=results,
        generated_on=today or date.today(),
        trends=trends,
        program=cards,
        review_date=review,
        recorded_peak_force=recorded_peak_force(assessment),
        pelvis_thumbnails=letter_thumbnails(repository, assessment_id, assessment),
    )


SCREENING_NOT_DONE = "screening_not_done"
RED_FLAGS_NOT_ACKNOWLEDGED = "red_flags_not_acknowledged"


def export_blocker(results: AssessmentResults | None) -> str | None:
    """The export gate, defined once: why a letter may not leave yet, or None.

    Screening must have been done (a letter never reads "no red flags" without
    it), and non-urgent red flags need the clinician's acknowledgement. A
    cauda-equina flag never waits: it makes the urgent referral letter.
    """
    if results is None:
        return None
    if not results.screening.done:
        return SCREENING_NOT_DONE
    if results.screening.needs_acknowledgement and not results.red_flag_block:
        return RED_FLAGS_NOT_ACKNOWLEDGED
    return None


def check_exportable(data: ReportData) -> None:
    """Refuse export until screening is done and non-urgent red flags are acknowledged."""
    blocker = export_blocker(data.results)
    if blocker == SCREENING_NOT_DONE:
        raise ReportNotAllowedError(
            "screening: red-flag screening was not done at this visit; ask every screening "
            "question and record the answers before writing the letter"
        )
    if blocker == RED_FLAGS_NOT_ACKNOWLEDGED and not data.urgent:
        raise ReportNotAllowedError(
            "red flags are recorded but not acknowledged: review them and tick "
            "'red flags reviewed' before exporting the report"
        )


def referral_pdf(repository: Repository, assessment_id: int, *, service: AssessmentService | None = None,
                 today: date | None = None) -> bytes:
    """The referral PDF of ``assessment_id`` as bytes, for preview and printing (nothing is written)."""
    from desktop.imports import forget_module_sources
    from desktop.report.renderer import render_report

    data = build_report_data(repository, assessment_id, service=service, today=today)
    check_exportable(data)
    pdf = render_report(data)
    forget_module_sources()
    return pdf


def write_pdf(data: ReportData, out: str | os.PathLike[str], *, invariant: bool = False) -> Path:
    """Render ``data`` and write it atomically (temporary file, then rename)."""
    from desktop.imports import forget_module_sources
    from desktop.report.renderer import render_report

    check_exportable(data)
    pdf = render_report(data, invariant=invariant)
    forget_module_sources()  # reportlab's first load
    from desktop.services.files import write_bytes_atomic

    target = write_bytes_atomic(Path(out), pdf)
    return target


def export_report(
    repository: Repository,
    assessment_id: int,
    out: str | os.PathLike[str],
    *,
    service: AssessmentService | None = None,
    library: ExerciseLibrary | None = None,
    today: date | None = None,
    invariant: bool = False,
    allow_missing_glyphs: bool = True,
) -> Path:
    """Write the referral PDF of ``assessment_id`` to ``out``; returns the path written.

    Raises ``NotFoundError`` (db.repository) for an unknown id,
    ``ReportNotAllowedError`` while red flags await acknowledgement, and, unless
    ``allow_missing_glyphs``, ``MissingGlyphsError`` when a name would print blank.
    """
    data = build_report_data(repository, assessment_id, service=service, library=library, today=today)
    if not allow_missing_glyphs:
        missing = text_coverage_problems(data)
        if missing:
            raise MissingGlyphsError(missing)
    return publish_report(repository, data, assessment_id, out, invariant=invariant)[0]


def publish_report(repository: Repository, data: ReportData, assessment_id: int,
                   out: str | os.PathLike[str], *, invariant: bool = False) -> tuple[Path, bool]:
    """Render, then write the PDF only once its audit event is recorded (services.files).

    Returns the path and whether the event was recorded (False only for a
    data folder on read-only storage).
    """
    from desktop.imports import forget_module_sources
    from desktop.report.renderer import render_report

    check_exportable(data)
    pdf = render_report(data, invariant=invariant)
    forget_module_sources()  # reportlab's first load
    client_id = repository.client_of_assessment(assessment_id)
    kind = "urgent referral" if data.urgent else "referral"
    target = Path(out)
    from desktop.services.files import publish_audited

    audited = publish_audited(
        target, pdf, lambda: repository.record_event("report", "assessment", assessment_id, client_id, kind),
        what="the report")
    return target, audited


def text_coverage_problems(data: ReportData) -> list[str]:
    """Characters in the report's names and texts that no available font can print."""
    from desktop.report.fonts import check_text_coverage

    d = data
    texts = [d.client.given_name, d.client.family_name, d.client.external_id, d.settings.clinic_name,
             d.settings.address, d.settings.clinician_name, d.settings.clinician_credentials,
             d.assessment.clinician, d.assessment.reason]  # fmt: skip
    if d.clinician is not None:
        texts += [d.clinician.name, d.clinician.qualifications, d.clinician.registration_number]
    if d.assessment.referrer:
        texts += [d.assessment.referrer.name, d.assessment.referrer.practice]
    texts += [p.activity for p in d.assessment.psfs]
    return check_text_coverage(texts)


def report_file_name(assessment_id: int, performed_on: date) -> str:
    """No client name in file names (reliability.md §8.2)."""
    return f"medius-referral-{assessment_id}-{performed_on.isoformat()}.pdf"


class ReportService:
    """Referral PDFs of stored visits, written into the exports folder unless told otherwise."""

    def __init__(self, repo: Repository, visits: AssessmentService, exports_dir: Path) -> None:
        self._repo = repo
        self._visits = visits
        self.exports_dir = exports_dir

    def warm_up(self) -> None:
        """Load the report code, the exercise pictures and the fonts now, off the GUI thread, by
        rendering a sample letter that is thrown away: the session's first letter then costs what
        later ones do. Reads and writes nothing of the clinic's."""
        from desktop.imports import collector_paused, forget_module_sources, pyside_source_scan_skipped

        with collector_paused(), pyside_source_scan_skipped():
            from desktop.report.renderer import render_report
            from desktop.report.samples import third_visit

            render_report(third_visit())
        forget_module_sources()

    def preview(self, assessment_id: int) -> bytes:
        """The referral PDF as bytes, for preview and printing (nothing is written)."""
        return referral_pdf(self._repo, assessment_id, service=self._visits)

    def default_path(self, assessment_id: int, performed_on: date) -> Path:
        return self.exports_dir / report_file_name(assessment_id, performed_on)

    def export(self, assessment_id: int, out: str | os.PathLike[str] | None = None, *,
               allow_missing_glyphs: bool = True, invariant: bool = False) -> Path:
        """Write the referral PDF (see ``export_report``); ``out`` defaults to the exports folder."""
        if out is None:
            _client_id, assessment = self._repo.get_assessment(assessment_id)
            out = self.default_path(assessment_id, assessment.performed_on)
        return Path(export_report(self._repo, assessment_id, out, service=self._visits,
                                  allow_missing_glyphs=allow_missing_glyphs, invariant=invariant))

    def handout(self, assessment_id: int, out: str | os.PathLike[str], *, large_print: bool = False) -> Path:
        """Write the client's own handout of a stored visit (see ``handout.export_handout``)."""
        from desktop.services.handout import export_handout

        return Path(export_handout(self._repo, assessment_id, out, large_print=large_print, service=self._visits))

    def outcome_report(self, start: date, end: date, out: Path | None = None, *,
                       csv_out: Path | None = None) -> tuple[Path, Path]:
        """The clinic's outcome report over a date range: the PDF and its CSV (default: the exports folder)."""
        from desktop.services.outcome_report import export_outcome_report, outcome_file_stem

        out = out if out is not None else self.exports_dir / f"{outcome_file_stem(start, end)}.pdf"
        return export_outcome_report(self._repo, start, end, out, csv_out=csv_out)
