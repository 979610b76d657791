"""The gluteus medius exercise library shipped in ``resources/exercises``.

Each exercise is one JSON file, so a physiotherapist can read, review and
correct an entry without touching code. Every file is checked against
``resources/schema/exercise.schema.json`` when the library loads, and every
progression/regression link must name another exercise: a broken file stops
the load with a message that names the file and the field, rather than
producing a program that points at nothing.

Stages follow clinical-reference.md §7.3 (Ebert 2017 activation bands):
0 release/stretch, 1 activation, 2 strength-endurance, 3 strength,
4 functional.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

STAGE_NAMES: Mapping[int, str] = MappingProxyType(
    {
        0: "Release and stretch",
        1: "Activation",
        2: "Strength-endurance",
        3: "Strength",
        4: "Functional",
    }
)
RELEASE_STAGE = 0  # preparation done alongside every strengthening stage, not a stage to start at
PHASES = ("release_stretch", "strengthening")
SCHEMA_FILE = "exercise.schema.json"


class LibraryError(ValueError):
    """A library file is missing, malformed or links to an unknown exercise.

    ``file`` is the file name and ``field`` the JSON path inside it (empty
    when the whole file is at fault); ``str()`` gives ``file: field: message``.
    """

    def __init__(self, file: str, field: str, message: str) -> None:
        self.file = file
        self.field = field
        self.message = message
        location = f"{file}: {field}" if field else file
        super().__init__(f"{location}: {message}")


@dataclass(frozen=True)
class Dosage:
    """Library default dose; ``reps`` for repetitions or ``hold_s`` for holds, never both."""

    sets: int
    reps: int | None
    hold_s: int | None
    rest_s: int | None
    days_per_week: int
    basis: str


@dataclass(frozen=True)
class Evidence:
    """Gluteus medius EMG amplitude (% MVIC) and its source, or clinical convention.

    Values are only those transcribed in clinical-reference.md §7.2; where no
    number was retrieved ``pct_mvic`` is None and ``convention`` says whether
    there is any cited source at all.
    """

    convention: bool
    pct_mvic: float | None = None
    measure: str | None = None
    citation: str | None = None
    tag: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    stage: int
    phase: str
    target: str
    position: str
    side_specific: bool
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    common_faults: tuple[str, ...]
    dosage: Dosage
    regression: str | None
    progression: str | None
    equipment: tuple[str, ...]
    evidence: Evidence
    pose: Mapping[str, Any]
    feel: str = ""
    video_url: str | None = None

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES[self.stage]


class ExerciseLibrary:
    """All exercises, keyed by id; ordered by stage, then by name."""

    def __init__(self, exercises: Mapping[str, Exercise]) -> None:
        ordered = sorted(exercises.values(), key=lambda e: (e.stage, e.name.lower()))
        self._by_id: dict[str, Exercise] = {e.id: e for e in ordered}

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; KeyError names the unknown id."""
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise KeyError(f"unknown exercise id {exercise_id!r}") from None

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def all(self) -> tuple[Exercise, ...]:
        return tuple(self._by_id.values())

    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def by_stage(self, stage: int) -> tuple[Exercise, ...]:
        return tuple(e for e in self._by_id.values() if e.stage == stage)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def exercise_from_data(name: str, stem: str, data: Mapping[str, Any]) -> Exercise:
    """An exercise from one file's JSON, already checked against the schema; ``name`` is the
    file's name for messages, ``stem`` the name without ``.json`` (it must equal the id)."""
    if data["id"] != stem:
        raise LibraryError(name, "id", f"{data['id']!r} must match the file name {stem!r}")
    expected_phase = "release_stretch" if data["stage"] == 0 else "strengthening"
    if data["phase"] != expected_phase:
        raise LibraryError(name, "phase", f"stage {data['stage']} exercises belong to {expected_phase!r}")
    if "end" not in data["pose"] and data["dosage"]["hold_s"] is None and not data["pose"]["arrows"]:
        raise LibraryError(name, "pose", "a single-figure picture needs a hold or a movement arrow")

    raw_evidence = data["evidence"]
    if raw_evidence == "convention":
        evidence = Evidence(convention=True, tag="U")
    else:
        evidence = Evidence(
            convention=False,
            pct_mvic=raw_evidence["pct_mvic"],
            measure=raw_evidence.get("measure"),
            citation=raw_evidence["citation"],
            tag=raw_evidence["tag"],
            note=raw_evidence.get("note", ""),
        )
    d = data["dosage"]
    return Exercise(
        id=data["id"],
        name=data["name"],
        stage=data["stage"],
        phase=data["phase"],
        target=data["target"],
        position=data["position"],
        side_specific=data["side_specific"],
        steps=tuple(data["steps"]),
        cues=tuple(data["cues"]),
        common_faults=tuple(data["common_faults"]),
        dosage=Dosage(d["sets"], d["reps"], d["hold_s"], d["rest_s"], d["days_per_week"], d["basis"]),
        regression=data["regression"],
        progression=data["progression"],
        equipment=tuple(data["equipment"]),
        evidence=evidence,
        pose=_freeze(data["pose"]),
        feel=data.get("feel", ""),
        video_url=data.get("video_url"),
    )




def _check_links(exercises: Mapping[str, Exercise]) -> None:
    for exercise in exercises.values():
        for field in ("regression", "progression"):
            target = getattr(exercise, field)
            if target is None:
                continue
            if target not in exercises:
                raise LibraryError(f"{exercise.id}.json", field, f"unknown exercise {target!r}")
            if target == exercise.id:
                raise LibraryError(f"{exercise.id}.json", field, "an exercise cannot link to itself")
            linked = exercises[target]
            if linked.phase != exercise.phase:
                raise LibraryError(
                    f"{exercise.id}.json", field, f"{target!r} is in another phase ({linked.phase})"
                )


def build_library(exercises: Mapping[str, Exercise]) -> ExerciseLibrary:
    """A library of parsed exercises once every progression/regression link names another one."""
    _check_links(exercises)
    return ExerciseLibrary(dict(exercises))


# The shipped library is read from files outside this package (``desktop.content``), which
# hands its cached loader here, so clinical code never opens a file itself.
_shipped: Callable[[], ExerciseLibrary] | None = None


def use_shipped_library(loader: Callable[[], ExerciseLibrary]) -> None:
    """Where ``load_library()`` gets the shipped library (set once by ``desktop.content``)."""
    global _shipped
    _shipped = loader


def load_library() -> ExerciseLibrary:
    """The shipped library, read and validated once per process."""
    if _shipped is None:
        raise LibraryError("resources/exercises", "", "the exercise library was not loaded (import desktop.content)")
    return _shipped()
