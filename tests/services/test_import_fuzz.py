"""Hostile exchange files: over 10,000 generated documents, only ExchangeError escapes, nothing half-written.

Most examples go through ``parse_json`` + ``parse_exchange`` (all the checks an
import makes before it writes); a subset runs the full import against a real
database and compares every table's row count.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.exchange import ExchangeError, import_file, parse_exchange, parse_json

sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
BASE = json.loads((Path(__file__).resolve().parents[1] / "e2e" / "design_example.json").read_text(encoding="utf-8"))

hostile_scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, -0.0, 0, -1, 2**63, 10**400 // 10**300]),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "Zl", "Zp", "Mn")), max_size=30),
    st.sampled_from(["", "\x00", "\u202e‮rtl", "1971-02-30", "2999-01-01", "N/A", "150 N", "🙂" * 3, "null"]),
    st.integers(min_value=1000, max_value=20_000).map(lambda n: "x" * n),
)
hostile_values = st.recursive(
    hostile_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        candidates = _paths(document)
        target = draw(st.sampled_from(candidates))
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate_client", "wrap"]))
        if not target:
            return draw(hostile_values) if action == "replace" else document
        parent = document
        for part in target[:-1]:
            parent = parent[part]
        key = target[-1]
        if action == "replace":
            parent[key] = draw(hostile_values)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=15))] = draw(hostile_values)
        elif action == "duplicate_client" and isinstance(document.get("clients"), list) and document["clients"]:
            document["clients"] = document["clients"] * draw(st.integers(min_value=2, max_value=8))
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
    return document


@st.composite
def hostile_texts(draw: st.DrawFn) -> str | bytes:
    valid = json.dumps(draw(mutated_documents()), ensure_ascii=draw(st.booleans()))
    kind = draw(st.sampled_from(["truncate", "duplicate_key", "constant", "deep", "bytes", "garbage", "as_is"]))
    if kind == "truncate":
        return valid[: draw(st.integers(min_value=0, max_value=max(0, len(valid) - 1)))]
    if kind == "duplicate_key":
        return valid.replace('"version": 1', '"version": 1, "version": 1', 1).replace(
            '"version":1', '"version":1,"version":1', 1
        )
    if kind == "constant":
        return valid.replace(
            '"body_mass_kg": 68.0', f'"body_mass_kg": {draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))}'
        )
    if kind == "deep":
        depth = draw(st.integers(min_value=30, max_value=3_000))
        return '{"format": "medius-exchange", "version": 1, "clients": ' + "[" * depth + "]" * depth + "}"
    if kind == "bytes":
        raw = valid.encode("utf-8")
        position = draw(st.integers(min_value=0, max_value=len(raw)))
        return raw[:position] + draw(st.binary(min_size=1, max_size=8)) + raw[position:]
    if kind == "garbage":
        return draw(st.text(max_size=200))
    return valid


def _only_exchange_errors(document: str | bytes) -> bool:
    """True when the document was accepted; False when refused with ExchangeError. Anything else raises."""
    try:
        parse_exchange(parse_json(document))
    except ExchangeError as error:
        assert str(error)
        return False
    return True


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ten_thousand_hostile_documents_only_raise_exchange_error() -> None:
    seen = {"texts": 0, "structures": 0, "accepted": 0}

    @settings(max_examples=5000, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(hostile_texts())
    def texts(document: str | bytes) -> None:
        seen["texts"] += 1
        seen["accepted"] += _only_exchange_errors(document)

    @settings(max_examples=5200, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutated_documents())
    def structures(document: Any) -> None:
        seen["structures"] += 1
        try:
            text = json.dumps(document, ensure_ascii=False)
        except (ValueError, RecursionError):
            return
        seen["accepted"] += _only_exchange_errors(text)

    texts()
    structures()
    print(f"fuzzed documents: {seen}")
    assert seen["texts"] + seen["structures"] >= 10_000


@pytest.mark.slow
def test_full_imports_of_hostile_documents_are_all_or_nothing(tmp_path: Path) -> None:
    repo = open_repository(AppPaths(tmp_path / "data"))
    source = tmp_path / "in.json"
    seen = {"refused": 0, "imported": 0}

    @settings(max_examples=250, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(mutated_documents())
    def imports(document: Any) -> None:
        before = repo.table_counts()
        try:
            source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        except (ValueError, RecursionError):
            return
        try:
            ids = import_file(repo, source)
        except ExchangeError:
            seen["refused"] += 1
            assert repo.table_counts() == before
            return
        seen["imported"] += 1
        after = repo.table_counts()
        assert after["clients"] - before["clients"] == len(ids)
        assert after["assessments"] - before["assessments"] == sum(len(a) for _, a in ids)

    imports()
    print(f"full imports: {seen}")
    assert seen["refused"] > 0
    assert repo.verify_audit_chain() is None


def test_compiled_schema_check_agrees_with_jsonschema() -> None:
    """The fast verdict and jsonschema's agree on valid and on hostile documents alike."""
    from desktop.services.exchange import _schema_valid, _validator

    seen = {"valid": 0, "invalid": 0}

    @settings(max_examples=400, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutated_documents())
    def agree(document: Any) -> None:
        expected = _validator().is_valid(document)
        assert _schema_valid(document) == expected
        seen["valid" if expected else "invalid"] += 1

    agree()
    assert _schema_valid(BASE)
    assert seen["valid"] > 0 and seen["invalid"] > 0
    bad_date = copy.deepcopy(BASE)
    bad_date["clients"][0]["date_of_birth"] = "1971-02-30"
    assert not _schema_valid(bad_date)
