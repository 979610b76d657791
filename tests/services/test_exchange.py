"""The exchange service: a bad file names the field by its JSON path; an export imports back the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.paths import AppPaths, resolve_paths
from desktop.services.app_services import AppServices, build_services
from desktop.services.database import open_repository
from desktop.services.exchange import ExchangeError

DESIGN_EXAMPLE = Path(__file__).resolve().parents[1] / "e2e" / "design_example.json"


@pytest.fixture
def services(tmp_path: Path) -> AppServices:
    paths: AppPaths = resolve_paths(tmp_path / "data").ensure()
    return build_services(open_repository(paths), paths)


def test_the_first_bad_field_is_named_and_nothing_is_stored(services: AppServices, tmp_path: Path) -> None:
    document = json.loads(DESIGN_EXAMPLE.read_text(encoding="utf-8"))
    document["clients"][0]["assessments"][0]["hip_abduction"]["left"]["trials"][2] = -5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"clients\[0\]\.assessments\[0\]\.hip_abduction\.left\.trials\[2\]"):
        services.exports.import_exchange(bad)
    assert services.clients.search() == []


def test_export_then_import_gives_the_same_inputs(services: AppServices, tmp_path: Path) -> None:
    ((client_id, assessment_ids),) = services.exports.import_exchange(DESIGN_EXAMPLE)
    out = tmp_path / "one.json"
    assert services.exports.export_exchange([client_id], out) == (1, True)
    exported = json.loads(out.read_text(encoding="utf-8"))
    visit = exported["clients"][0]["assessments"][0]
    assert visit["id"] == assessment_ids[0] and visit["results"]["hip_abduction"]["lsi_pct"] == 79.1
    ((again, _),) = services.exports.import_exchange(out)
    assert services.clients.get(again) == services.clients.get(client_id)
    assert services.clients.visits(again)[0][1] == services.clients.visits(client_id)[0][1]
    actions = [event.action for event in services.safety.audit.events(client_id)]
    assert "export" in actions


def test_nesting_depth_counts_every_level_and_stops_past_the_limit() -> None:
    from desktop.services.exchange import _depth

    assert _depth(5, 32) == 1
    assert _depth({}, 32) == 1
    assert _depth({"a": 1}, 32) == 2
    assert _depth({"a": []}, 32) == 2
    assert _depth([[[]]], 32) == 3
    assert _depth({"a": {"b": [1]}, "c": 2}, 32) == 4
    deep: object = 1
    for _ in range(40):
        deep = [deep]
    assert _depth(deep, 32) == 33  # counting stops one past the limit


def test_strict_json_refuses_repeated_keys_and_deep_nesting() -> None:
    from desktop.services.exchange import MAX_DEPTH, parse_json

    assert parse_json(b'{"a": 1, "b": {"c": 2}}') == {"a": 1, "b": {"c": 2}}
    with pytest.raises(ExchangeError, match="duplicate key 'c'"):
        parse_json(b'{"a": 1, "b": {"c": 2, "d": 3, "c": 4}}')
    fits = "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1)
    assert parse_json(fits.encode()) is not None
    too_deep = "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    with pytest.raises(ExchangeError, match="nested too deeply"):
        parse_json(too_deep.encode())


def test_an_import_leaves_the_cycle_collector_as_it_found_it(services: AppServices, tmp_path: Path) -> None:
    import gc

    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert gc.isenabled()
    services.exports.import_exchange(DESIGN_EXAMPLE)
    assert gc.isenabled()
    with pytest.raises(ExchangeError):
        services.exports.import_exchange(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        services.exports.import_exchange(DESIGN_EXAMPLE)
        assert not gc.isenabled()
    finally:
        gc.enable()
