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
