"""The clinical content shipped as files: the exercise library and the reference (norm) tables.

Clinical code is plain Python and never opens a file. This module reads the
exercise JSON files (checked against ``resources/schema/exercise.schema.json``:
by the schema's compiled check, ``desktop.content_schema_check``, and when that
finds a fault, by jsonschema, which names the field) and the norm CSV files,
hands the parsed data to ``desktop.clinical``, and registers the cached
shipped library and tables with it on import, so ``clinical.exercises.load_library()``
and ``clinical.norms.builtin_tables()`` answer without clinical code touching the disk. It is imported where results, a
program, norms or a report are first wanted (the report package, the services
that compute, the visit and settings widgets), not on the way to the first
client list.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import paths
from desktop.clinical import exercises, norms
from desktop.clinical.exercises import Exercise, ExerciseLibrary, LibraryError
from desktop.clinical.norms import NormRegistry, NormTable, NormTableError

if TYPE_CHECKING:
    import jsonschema

# -- the exercise library ----------------------------------------------------


def _json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(paths.resource("schema", exercises.SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


CHECK_MODULE = "desktop.content_schema_check"
CHECK_FUNCTION = "validate_medius_exercise_v1"


# 2020-12 keywords with no draft-7 word: fastjsonschema would pass over them and accept more.
_NO_DRAFT_7 = frozenset({"unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas",
                         "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "minContains", "maxContains",
                         "contentSchema"})


def as_draft_7(node: Any) -> Any:
    """A copy of a 2020-12 schema that accepts the same documents, in draft-7 words (the drafts
    fastjsonschema compiles): ``$defs`` as ``definitions``; a tuple's ``prefixItems`` with ``items``
    as ``items`` with ``additionalItems``; a ``$ref`` beside other keywords (which draft 7 would
    ignore) inside an ``allOf``. A keyword with no draft-7 word is refused (ValueError). A test
    compares the verdicts of both on the shipped and broken files."""
    if isinstance(node, list):
        return [as_draft_7(item) for item in node]
    if not isinstance(node, dict):
        return node
    untranslated = _NO_DRAFT_7 & set(node)
    if untranslated:
        raise ValueError(f"no draft-7 word for {sorted(untranslated)}")
    out = {key: as_draft_7(value) for key, value in node.items() if key not in ("prefixItems", "$defs")}
    if "$defs" in node:
        out["definitions"] = {name: as_draft_7(value) for name, value in node["$defs"].items()}
    if "prefixItems" in node:
        out["items"] = as_draft_7(node["prefixItems"])
        out.pop("additionalItems", None)
        if "items" in node:
            out["additionalItems"] = as_draft_7(node["items"])
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace("#/$defs/", "#/definitions/")
        if set(out) - {"$ref", "description", "title"}:
            ref = out.pop("$ref")
            out["allOf"] = [*out.get("allOf", []), {"$ref": ref}]
    if "$schema" in out:
        out["$schema"] = "http://json-schema.org/draft-07/schema#"
    return out


def check_code() -> str:
    """The Python code fastjsonschema writes for the shipped exercise schema: ``CHECK_MODULE`` holds it,
    generated (``python -m desktop.content``) and kept current by a test. Importing it loads compiled
    code; compiling the schema, or loading jsonschema, in every process took longer than the check."""
    import fastjsonschema

    code = fastjsonschema.compile_to_code(as_draft_7(_schema()))
    return (f'"""Generated from resources/schema/{exercises.SCHEMA_FILE} by desktop.content.check_code(); '
            f'do not edit."""\n# ruff: noqa\n# fmt: off\n{code}')


def schema_valid(data: Any) -> bool:
    """The compiled check's verdict on one exercise file's data."""
    import importlib

    import fastjsonschema

    check = getattr(importlib.import_module(CHECK_MODULE), CHECK_FUNCTION)
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _deepest(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Follow oneOf/anyOf context to the error closest to the faulty field."""
    best = error
    while best.context:
        best = max(best.context, key=lambda e: (len(e.absolute_path), -len(e.context or ())))
        if not best.context:
            break
    return best


def read_exercise(path: Path) -> Exercise:
    """One exercise file, read, checked against the schema, then parsed; errors name file and field."""
    name = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise LibraryError(name, "", f"not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise LibraryError(name, "", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    # A fault found by the compiled check is named by jsonschema, the schema's reference validator, which
    # also decides: the compiled check is stricter in one place (a pattern's "$" before a final newline).
    errors = [] if schema_valid(data) else sorted(_validator().iter_errors(data),
                                                   key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        deepest = _deepest(first)
        field = _json_path(deepest.absolute_path) or _json_path(first.absolute_path)
        raise LibraryError(name, field, deepest.message)
    return exercises.exercise_from_data(name, path.stem, data)


def load_library_from(folder: Path) -> ExerciseLibrary:
    """Load and validate every ``*.json`` in ``folder`` (not cached; tests use temp folders)."""
    if not folder.is_dir():
        raise LibraryError(str(folder), "", "exercise folder not found")
    found: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.json")):
        exercise = read_exercise(path)
        found[exercise.id] = exercise
    if not found:
        raise LibraryError(str(folder), "", "no exercise files found")
    return exercises.build_library(found)


@lru_cache(maxsize=1)
def shipped_library() -> ExerciseLibrary:
    """The library in ``resources/exercises``, read and validated once per process."""
    return load_library_from(paths.resource("exercises"))


def load_library(folder: Path | None = None) -> ExerciseLibrary:
    """The shipped library; or, given ``folder``, that folder's files, read fresh each call."""
    return shipped_library() if folder is None else load_library_from(folder)


# -- reference (norm) tables -------------------------------------------------


def load_norm_table(path: str | Path, *, name: str | None = None, builtin: bool = False) -> NormTable:
    """Read and validate a reference table CSV; errors name the file, row and column."""
    file_path = Path(path)
    try:
        with file_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [column.strip() for column in reader.fieldnames or []]
            reader.fieldnames = header
            rows = ((reader.line_num, data) for data in reader)
            return norms.norm_table_from_rows(file_path, header, rows, name=name or file_path.stem,
                                              builtin=builtin, path=file_path)
    except UnicodeDecodeError as error:
        raise NormTableError(f"{file_path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise NormTableError(f"{file_path}: cannot be read ({error.strerror})") from None
    except csv.Error as error:
        raise NormTableError(f"{file_path}: not a valid CSV file ({error})") from None


def builtin_norm_dir() -> Path:
    return paths.resource("norms")


@lru_cache(maxsize=1)
def builtin_tables() -> tuple[NormTable, ...]:
    """The tables shipped in resources/norms, read once per process."""
    folder = builtin_norm_dir()
    return tuple(
        load_norm_table(folder / filename, name=name, builtin=True)
        for name, filename in norms.BUILTIN_FILES.items()
    )


def add_norm_file(registry: NormRegistry, path: str | Path, *, name: str | None = None) -> NormTable:
    table = load_norm_table(path, name=name)
    registry.add(table)
    return table


def norm_registry(custom_paths: Iterable[str | Path] = (), *, custom_dir: str | Path | None = None) -> NormRegistry:
    """Built-in tables plus clinic CSVs; a bad clinic file is reported, not fatal."""
    registry = NormRegistry()
    for table in builtin_tables():
        registry.add(table)
    files = [Path(p) for p in custom_paths]
    if custom_dir is not None and Path(custom_dir).is_dir():
        files.extend(sorted(Path(custom_dir).glob("*.csv")))
    for path in files:
        try:
            add_norm_file(registry, path)
        except NormTableError as error:
            registry.errors.append(str(error))
    return registry


def active_norm_table(name: str, *, custom_dir: str | Path | None = None) -> NormTable:
    """The table a clinic chose by name (settings keep the name; built-in by default)."""
    return norm_registry(custom_dir=custom_dir).get(name)


exercises.use_shipped_library(shipped_library)
norms.use_builtin_tables(builtin_tables)

if __name__ == "__main__":  # regenerate the schema's compiled check after a schema change
    Path(__file__).with_name(CHECK_MODULE.rsplit(".", 1)[1] + ".py").write_text(check_code(), encoding="utf-8")
