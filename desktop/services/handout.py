"""Client handout use case: the confirmed program of one assessment as the client's own PDF.

The handout follows the same gate as the letter: no handout while red flags
await the clinician's acknowledgement, none when the screening was not done,
and none at all when a cauda-equina flag blocks the program.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.report.cards import exercise_cards
from desktop.report.handout import HandoutData, HandoutExercise
from desktop.report.handout_words import timed_word
from desktop.services.files import publish_audited
from desktop.services.reports import ReportNotAllowedError

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.clinical.exercises import ExerciseLibrary
    from desktop.services.assessments import AssessmentService


def handout_file_name(assessment_id: int, performed_on: date, *, large_print: bool = False) -> str:
    """No client name in file names (reliability.md §8.2)."""
    suffix = "-large-print" if large_print else ""
    return f"medius-handout-{assessment_id}-{performed_on.isoformat()}{suffix}.pdf"


def build_handout_data(
    repository: Repository,
    assessment_id: int,
    *,
    large_print: bool = False,
    service: AssessmentService | None = None,
    library: ExerciseLibrary | None = None,
    today: date | None = None,
) -> HandoutData:
    """The handout of one assessment, read from storage; refuses when there is no program to give."""
    from desktop.services.assessments import AssessmentService

    service = service or AssessmentService(repository)
    client_id, assessment = repository.get_assessment(assessment_id)
    record = repository.get_client(client_id)
    typed = service.results(assessment_id)
    results = typed.to_json()
    screening = results.get("screening") or {}
    if results.get("red_flag_block"):
        raise ReportNotAllowedError(
            "no handout: the screening found possible cauda equina, so no exercise program is given")
    if screening.get("done") is False:
        raise ReportNotAllowedError("no handout: the red-flag screening was not done (step 2)")
    if screening.get("needs_acknowledgement"):
        raise ReportNotAllowedError(
            "red flags are recorded but not acknowledged: review them and tick "
            "'red flags reviewed' before giving the client a handout")
    program = results.get("program")
    if not program or not program.get("exercises"):
        raise ReportNotAllowedError("no handout: this assessment has no exercise program")
    if library is None:
        from desktop.clinical.exercises import load_library

        library = load_library()
    cards = exercise_cards(typed.program, library, assessment=assessment)
    exercises = tuple(
        HandoutExercise(card=card, feel=library.get(card.exercise_id).feel,
                        video_url=library.get(card.exercise_id).video_url,
                        timed=timed_word(library.get(card.exercise_id).equipment))
        for card in cards
    )
    review = assessment.program.review_date if assessment.program else None
    if review is None and program.get("review_date"):
        review = date.fromisoformat(program["review_date"])
    settings = repository.get_settings()
    return HandoutData(
        client=record.client,
        settings=settings,
        made_on=assessment.performed_on,
        clinician=settings.clinician_name or assessment.clinician or "",
        usual_pain_nprs=assessment.pain_nprs,
        review_date=review,
        exercises=exercises,
        generated_on=today or date.today(),
        large_print=large_print,
    )


def export_handout(
    repository: Repository,
    assessment_id: int,
    out: str | os.PathLike[str],
    *,
    large_print: bool = False,
    service: AssessmentService | None = None,
    library: ExerciseLibrary | None = None,
    today: date | None = None,
    invariant: bool = False,
) -> Path:
    """Write the client handout of ``assessment_id`` to ``out`` atomically; returns the path.

    Raises ``NotFoundError`` for an unknown id and ``ReportNotAllowedError``
    when there is no program the client may be given.
    """
    from desktop.report.handout import render_handout

    data = build_handout_data(repository, assessment_id, large_print=large_print, service=service,
                              library=library, today=today)
    pdf = render_handout(data, invariant=invariant)
    client_id = repository.client_of_assessment(assessment_id)
    path = Path(out)
    publish_audited(path, pdf, lambda: repository.record_event(
        "handout", "assessment", assessment_id, client_id, "large print" if large_print else "standard"),
        what="the handout")
    return path
