"""Exercise cards for the program pages, from the shipped exercise library.

The clinician's prescribed dose wins over the library default; the picture is
built only when the card is printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.clinical.model import Assessment
from desktop.clinical.result_types import ProgramResult
from desktop.report.data import ExerciseCard

if TYPE_CHECKING:
    from desktop.clinical.exercises import Exercise, ExerciseLibrary


def _drawing_factory(exercise: Exercise) -> Any:
    def build() -> Any:
        from desktop.illustrations import render_drawing

        return render_drawing(exercise)

    return build


def _pick(value: int | None, fallback: int | None) -> int | None:
    return value if value is not None else fallback


def exercise_cards(
    program: ProgramResult | None,
    library: ExerciseLibrary,
    *,
    assessment: Assessment | None = None,
    illustrated: bool = True,
) -> tuple[ExerciseCard, ...]:
    """Cards for the program's exercises; the prescribed dose wins over the library default."""
    if not program:
        return ()
    notes: dict[str, str] = {}
    if assessment is not None and assessment.program is not None:
        notes = {item.exercise_id: item.notes for item in assessment.program.exercises if item.notes}
    cards = []
    for item in program.exercises:
        exercise = library.get(item.id)
        default = exercise.dosage
        if item.reps is not None or item.hold_s is not None:
            reps, hold_s = item.reps, item.hold_s
        else:
            reps, hold_s = default.reps, default.hold_s
        cards.append(
            ExerciseCard(
                exercise_id=exercise.id,
                name=exercise.name,
                phase=exercise.phase,
                stage=item.stage,
                steps=tuple(exercise.steps),
                cues=tuple(exercise.cues),
                sets=_pick(item.sets, default.sets),
                reps=reps,
                hold_s=hold_s,
                rest_s=_pick(item.rest_s, default.rest_s),
                days_per_week=_pick(item.days_per_week, default.days_per_week),
                side=item.side,
                notes=notes.get(exercise.id, ""),
                drawing=_drawing_factory(exercise) if illustrated else None,
            )
        )
    return tuple(cards)
