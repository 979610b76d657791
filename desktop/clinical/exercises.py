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

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema

from desktop import paths

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


def _json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(paths.resource("schema", SCHEMA_FILE).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _deepest(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Follow oneOf/anyOf context to the error closest to the faulty field."""
    best = error
    while best.context:
        best = max(best.context, key=lambda e: (len(e.absolute_path), -len(e.context or ())))
        if not best.context:
            break
    return best


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _parse(path: Path) -> Exercise:
    name = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise LibraryError(name, "", f"not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise LibraryError(name, "", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc

    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        deepest = _deepest(first)
        field = _json_path(deepest.absolute_path) or _json_path(first.absolute_path)
        raise LibraryError(name, field, deepest.message)

    if data["id"] != path.stem:
        raise LibraryError(name, "id", f"{data['id']!r} must match the file name {path.stem!r}")
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


def load_library_from(folder: Path) -> ExerciseLibrary:
    """Load and validate every ``*.json`` in ``folder`` (not cached; tests use temp folders)."""
    if not folder.is_dir():
        raise LibraryError(str(folder), "", "exercise folder not found")
    exercises: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.json")):
        exercise = _parse(path)
        exercises[exercise.id] = exercise
    if not exercises:
        raise LibraryError(str(folder), "", "no exercise files found")
    _check_links(exercises)
    return ExerciseLibrary(exercises)


@lru_cache(maxsize=1)
def _shipped_library() -> ExerciseLibrary:
    return load_library_from(paths.resource("exercises"))


def load_library(folder: Path | None = None) -> ExerciseLibrary:
    """The shipped library, read and validated once per process; or, given
    ``folder``, that folder's files, read fresh each call."""
    if folder is None:
        return _shipped_library()
    return load_library_from(folder)
