"""The exchange format (version 1): validated, all-or-nothing import and export.

Import reads untrusted files, so it rejects what the JSON standard does not
allow (NaN, Infinity, duplicate keys), checks the shipped JSON Schema, then
the clinical validation, and only then writes, in one transaction. Every
problem names the offending field by its JSON path.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import chain, compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.repository import Repository
from desktop import __version__
from desktop.clinical import model as m
from desktop.clinical.validation import (
    Problem,
    ValidationError,
    join,
    validate_assessment,
    validate_client,
)
from desktop.imports import collector_paused
from desktop.paths import resource

FORMAT = "medius-exchange"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults


class ExchangeError(ValueError):
    """Invalid exchange input; ``path`` is the JSON path of the first problem."""

    def __init__(self, message: str, path: str = "") -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


def _reject_constant(name: str) -> float:
    raise ExchangeError(f"{name} is not a valid JSON number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # rare: only then look for the first key that repeats
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ExchangeError(f"duplicate key {key!r}")
            seen.add(key)
    return out


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of parsed JSON (a scalar is 1, each enclosing object or array adds 1), counted
    level by level; once past ``limit`` counting stops and returns ``limit + 1``. Containers are
    found by their exact type (what the parser makes) in C-level passes: no Python step per value."""
    depth = 1
    level = [value]
    while True:
        kinds = list(map(type, level))
        objects = compress(level, map(operator.is_, kinds, repeat(dict)))
        arrays = compress(level, map(operator.is_, kinds, repeat(list)))
        children = list(chain(chain.from_iterable(map(dict.values, objects)), chain.from_iterable(arrays)))
        if not children:
            return depth
        depth += 1
        if depth > limit:
            return depth
        level = children


def parse_json(text: str | bytes) -> Any:
    """Strict JSON: no NaN/Infinity, no duplicate keys, bounded size and nesting."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise ExchangeError("file is larger than 64 MiB")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExchangeError(f"file is not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except ExchangeError:
        raise
    except RecursionError:
        raise ExchangeError("JSON is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:
        raise ExchangeError(f"not valid JSON: {exc}") from None
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise ExchangeError("JSON is nested too deeply")
    return data


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resource("schema", "exchange-v1.schema.json").read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def json_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(error: Any) -> tuple[str, str]:
    """A plain message for a jsonschema error, and its JSON path."""
    path = json_path(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    if kind == "type":
        expected = value if isinstance(value, str) else " or ".join(v for v in value if v != "null")
        words = {"number": "a number", "integer": "a whole number", "string": "text", "boolean": "true or false",
                 "array": "a list", "object": "an object"}
        return path, f"must be {words.get(expected, expected)}"
    if kind == "exclusiveMinimum" and value == 0:
        return path, "must be a positive number"
    if kind in ("minimum", "exclusiveMinimum"):
        return path, f"must be at least {value}" if kind == "minimum" else f"must be more than {value}"
    if kind in ("maximum", "exclusiveMaximum"):
        return path, f"must be at most {value}" if kind == "maximum" else f"must be less than {value}"
    if kind == "enum" and ".red_flags[" in path:
        return path, f"unknown red-flag code {error.instance!r}"
    if kind == "enum":
        shown = ", ".join(str(v) for v in value if v is not None)
        return path, f"{error.instance!r} is not allowed; expected one of: {shown}"
    if kind == "const":
        return path, f"must be {value!r}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return join(path, missing), "is required"
    if kind == "additionalProperties":
        extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return join(path, extras[0]) if extras else path, "is not a known field"
    if kind == "format":
        return path, f"must be a valid {value} (YYYY-MM-DD)" if value == "date" else f"must be a valid {value}"
    if kind == "pattern":
        return path, "has the wrong form"
    if kind in ("minItems", "maxItems"):
        return path, f"must have {'at least' if kind == 'minItems' else 'at most'} {value} items"
    if kind in ("minLength", "maxLength"):
        return path, "must not be empty" if kind == "minLength" and value == 1 else (
            f"must be {'at least' if kind == 'minLength' else 'at most'} {value} characters")
    if kind == "uniqueItems":
        return path, "must not repeat an item"
    return path, error.message


def _is_date(value: Any) -> bool:
    """The same test as jsonschema's ``date`` format: a real calendar date, YYYY-MM-DD."""
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


CHECK_MODULE = "desktop.services.exchange_schema_check"
CHECK_FUNCTION = "validate_medius_exchange_v1"


def fast_validator_code() -> str:
    """The Python code fastjsonschema writes for the shipped schema: ``CHECK_MODULE`` holds it, generated
    once (``python -m desktop.services.exchange``) and kept current by a test. Importing it loads
    compiled code; compiling the schema in every process took longer than checking a large file."""
    import fastjsonschema

    schema = _null_first(_common_branch_first(_schema()))
    # The schema uses no keyword newer than draft 7; fastjsonschema compiles it as such.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    code = fastjsonschema.compile_to_code(schema, formats={"date": _is_date})
    return (f'"""Generated from resources/schema/exchange-v1.schema.json by desktop.services.exchange.'
            f'fast_validator_code(); do not edit."""\n# ruff: noqa\n# fmt: off\n{code}')


@lru_cache(maxsize=1)
def _fast_validator() -> Callable[[Any], Any]:
    """The shipped schema compiled to Python code: the same checks, many times faster.

    Only the verdict is used. When it says "invalid", jsonschema runs as before to find
    and name the first offending field, so messages do not depend on this validator. A
    valid file never loads jsonschema (the tests check the shipped schema with it).
    """
    import importlib
    from functools import partial

    check = getattr(importlib.import_module(CHECK_MODULE), CHECK_FUNCTION)
    return partial(check, custom_formats={"date": _is_date})


def _rewrite_objects(node: Any, rewrite: Callable[[dict[str, Any], dict[str, Any]], None]) -> Any:
    """A copy of a schema, or of a part of one, in which ``rewrite(original, copy)`` has adjusted the
    copy of each object, innermost first."""
    if isinstance(node, list):
        return [_rewrite_objects(item, rewrite) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _rewrite_objects(value, rewrite) for key, value in node.items()}
    rewrite(node, out)
    return out


def _common_branch_first(node: Any) -> Any:
    """A copy of a schema that accepts exactly the same documents, with each two-way switch asked the
    other way round: ``if {K: const A} then X else Y``, where K is required and may only be A or B,
    becomes ``if {K: const B} then Y else X``. The compiled code answers a failed ``if`` by raising
    and catching an exception with a formatted message; the shipped switch asks about the rare
    value ("mmt"), so every common visit ("hhd") paid for one.
    """
    return _rewrite_objects(node, _turn_switch)


def _turn_switch(node: dict[str, Any], out: dict[str, Any]) -> None:
    condition = node.get("if")
    tested = condition.get("properties", {}) if isinstance(condition, dict) else {}
    if set(condition or ()) == {"properties"} and len(tested) == 1 and {"then", "else"} <= set(node):
        (key, test), = tested.items()
        allowed = node.get("properties", {}).get(key, {}).get("enum")
        if (key in node.get("required", ()) and set(test) == {"const"} and isinstance(allowed, list)
                and len(allowed) == 2 and all(isinstance(v, str) for v in allowed) and test["const"] in allowed):
            other = next(v for v in allowed if v != test["const"])
            out["if"] = {"properties": {key: {"const": other}}}
            out["then"], out["else"] = out["else"], out["then"]


def _null_first(node: Any) -> Any:
    """A copy of a schema that accepts exactly the same documents, with null first in every ``enum``
    that allows it. The compiled code tries an enum's values in order, and a file's optional choices
    (invalid reason, drop method, support, ...) are mostly null: each was compared with every word first."""
    return _rewrite_objects(node, _put_null_first)


def _put_null_first(node: dict[str, Any], out: dict[str, Any]) -> None:
    choices = node.get("enum")
    if isinstance(choices, list) and None in choices:
        out["enum"] = [None, *(choice for choice in choices if choice is not None)]


def _schema_valid(data: Any) -> bool:
    import fastjsonschema

    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _first_schema_problem(data: Any) -> Problem | None:
    if _schema_valid(data):
        return None
    errors = list(_validator().iter_errors(data))
    if not errors:
        return None

    def leaf(error: Any) -> Any:
        while error.context:
            error = min(error.context, key=lambda e: -len(list(e.absolute_path)))
        return error

    error = min((leaf(e) for e in errors), key=lambda e: [str(p) for p in e.absolute_path])
    path, message = _describe(error)
    return Problem(path, message)


def parse_exchange(data: Any, *, today: date | None = None) -> list[tuple[m.Client, list[m.Assessment]]]:
    """Validated clients with their assessments, or ExchangeError naming the first bad field."""
    problem = _first_schema_problem(data)
    if problem:
        raise ExchangeError(problem.message, problem.path)
    today = today or date.today()  # once for the whole file, not once per record
    records: list[tuple[m.Client, list[m.Assessment]]] = []
    for ci, raw_client in enumerate(data["clients"]):
        prefix = f"clients[{ci}]"
        try:
            client = m.client_from_dict(raw_client)
        except (ValueError, KeyError, TypeError) as exc:
            raise ExchangeError(str(exc), prefix) from None
        problems = validate_client(client, today=today)
        if problems:
            raise ExchangeError(problems[0].message, join(prefix, problems[0].path))
        assessments = []
        for ai, raw in enumerate(raw_client.get("assessments") or []):
            apath = f"{prefix}.assessments[{ai}]"
            try:
                assessment = m.assessment_from_dict(raw)
            except (ValueError, KeyError, TypeError) as exc:
                raise ExchangeError(str(exc), apath) from None
            problems = validate_assessment(assessment, date_of_birth=client.date_of_birth, today=today)
            if problems:
                raise ExchangeError(problems[0].message, join(apath, problems[0].path))
            assessments.append(assessment)
        records.append((client, assessments))
    return records


def read_exchange_file(path: Path, *, today: date | None = None) -> list[tuple[m.Client, list[m.Assessment]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    return parse_exchange(parse_json(raw), today=today)


def import_file(repo: Repository, path: Path, *, today: date | None = None) -> list[tuple[int, list[int]]]:
    """Validate everything first, then write all clients in one transaction."""
    # The import holds the parsed file, its visits and their rows to the end (a 10 MB file makes a few
    # million objects), none of them garbage: each full collection on the way walked them all again,
    # an eighth of a large import's time.
    with collector_paused():
        records = read_exchange_file(path, today=today)
        return repo.add_clients(records)


ResultsFn = Callable[[m.Client, list[tuple[int, m.Assessment]], int], "AssessmentResults"]


def export_document(repo: Repository, client_ids: list[int], results_for: ResultsFn | None = None) -> dict[str, Any]:
    """The exchange document for these clients, with ids and (when given) computed results."""
    clients = []
    for client_id in client_ids:
        record = repo.get_client(client_id)
        entry: dict[str, Any] = {"id": record.id, **m.client_to_dict(record.client), "assessments": []}
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        for index, (aid, assessment) in enumerate(visits):
            item = {"id": aid, **m.assessment_to_dict(assessment)}
            if results_for is not None:
                item["results"] = results_for(record.client, visits, index).to_json()
            entry["assessments"].append(item)
        clients.append(entry)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "clients": clients,
    }


def exchange_bytes(document: Any) -> bytes:
    """The exchange document as UTF-8 JSON text."""
    return (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def write_json_atomic(path: Path, document: Any) -> None:
    """The exchange document as UTF-8 JSON, written atomically."""
    from desktop.services.files import write_bytes_atomic

    write_bytes_atomic(path, exchange_bytes(document), what="the export")


def export_file(repo: Repository, path: Path, document: Any, client_id: int | None) -> bool:
    """Write an export only once its audit event is recorded; False when the folder could not record it."""
    from desktop.services.files import publish_audited

    count = len(document.get("clients", []))
    return publish_audited(path, exchange_bytes(document), lambda: repo.record_event(
        "export", "exchange", None, client_id, f"clients={count}"), what="the export")


if __name__ == "__main__":  # regenerate the schema's compiled check after a schema change
    Path(__file__).with_name(CHECK_MODULE.rsplit(".", 1)[1] + ".py").write_text(fast_validator_code(), encoding="utf-8")


__all__ = [
    "ExchangeError",
    "ValidationError",
    "exchange_bytes",
    "export_document",
    "export_file",
    "import_file",
    "parse_exchange",
    "parse_json",
    "read_exchange_file",
    "write_json_atomic",
]
