"""The exercise library's compiled schema check gives the shipped schema's verdict on every shipped
file and on thousands of broken copies of them (every field dropped, retyped, stretched or added to)."""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop import content, paths
from desktop.clinical.exercises import LibraryError

SHIPPED = sorted(paths.resource("exercises").glob("*.json"))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _places(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON document, the root included."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, (*at, index))


def _get(node: Any, at: tuple[Any, ...]) -> Any:
    for step in at:
        node = node[step]
    return node


def _broken(document: Any) -> Iterator[Any]:
    """Copies of ``document``, each changed in one place the schema has a word about."""
    for at in _places(document):
        value = _get(document, at)
        replacements: list[Any] = [None, "x", -1, 1e9, [], {}, True]
        if isinstance(value, list):
            replacements += [value + [value[-1] if value else 0], value[:-1]]
        if isinstance(value, dict):
            replacements += [{**value, "unexpected": 1}]
            replacements += [{k: v for k, v in value.items() if k != key} for key in value]
        if isinstance(value, str):
            replacements += ["", value + "_other", "a" * 5000]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            replacements += [value + 0.5, -value - 1, value * 100]
        for replacement in replacements:
            if not at:
                yield replacement
                continue
            changed = copy.deepcopy(document)
            _get(changed, at[:-1])[at[-1]] = replacement
            yield changed


def test_every_shipped_exercise_passes_both() -> None:
    assert len(SHIPPED) >= 20
    for path in SHIPPED:
        data = _load(path)
        assert content._validator().is_valid(data), path.name
        assert content.schema_valid(data), path.name


@pytest.mark.parametrize("path", SHIPPED[::4], ids=lambda p: p.stem)
def test_broken_copies_get_the_shipped_schema_s_verdict(path: Path) -> None:
    reference = content._validator()
    seen = {True: 0, False: 0}
    for document in _broken(_load(path)):
        verdict = reference.is_valid(document)
        assert content.schema_valid(document) is verdict, json.dumps(document)[:300]
        seen[verdict] += 1
    assert seen[False] > 100 and seen[True] > 10  # both verdicts were asked for, many times


def test_a_broken_file_still_names_its_field(tmp_path: Path) -> None:
    data = _load(SHIPPED[0])
    data["pose"]["start"]["anchor"] = ["hip", 1.0]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LibraryError) as raised:
        content.read_exercise(broken)
    assert "pose.start.anchor" in str(raised.value)


def test_the_shipped_check_module_is_the_code_generated_from_the_shipped_schema() -> None:
    module = importlib.import_module(content.CHECK_MODULE)
    shipped = Path(module.__file__ or "").read_text(encoding="utf-8")
    assert shipped == content.check_code(), "out of date: run python -m desktop.content"


def test_the_draft_7_words_say_the_same() -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {"n": {"type": "number"}},
              "type": "object", "properties": {
                  "pair": {"type": "array", "prefixItems": [{"$ref": "#/$defs/n"}, {"type": "string"}],
                           "items": False},
                  "limited": {"$ref": "#/$defs/n", "maximum": 3, "description": "kept"}}}
    assert content.as_draft_7(schema) == {
        "$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"n": {"type": "number"}},
        "type": "object", "properties": {
            "pair": {"type": "array", "items": [{"$ref": "#/definitions/n"}, {"type": "string"}],
                     "additionalItems": False},
            "limited": {"maximum": 3, "description": "kept", "allOf": [{"$ref": "#/definitions/n"}]}}}


@pytest.mark.parametrize("keyword", ["unevaluatedProperties", "dependentRequired", "$dynamicRef", "minContains"])
def test_a_keyword_with_no_draft_7_word_is_refused(keyword: str) -> None:
    with pytest.raises(ValueError, match=keyword.replace("$", r"\$")):
        content.as_draft_7({"type": "object", "properties": {"a": {keyword: 1}}})
