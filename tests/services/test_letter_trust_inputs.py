"""The three inputs the letters rely on travel intact: file -> storage -> file.

An excluded outlier trial with its reason, the athletes' population of a client and the
time of day of the assessment are stored, exported and imported back unchanged; a bad
value is refused with its JSON path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.paths import AppPaths, resolve_paths
from desktop.services.app_services import AppServices, build_services
from desktop.services.database import open_repository
from desktop.services.exchange import ExchangeError

DESIGN_EXAMPLE = Path(__file__).resolve().parents[1] / "e2e" / "design_example.json"
REASON = "Trunk hitched on trial 3 (hip hike): not a clean abduction"


@pytest.fixture
def services(tmp_path: Path) -> AppServices:
    paths: AppPaths = resolve_paths(tmp_path / "data").ensure()
    return build_services(open_repository(paths), paths)


def _document(**visit_changes: Any) -> dict[str, Any]:
    document = json.loads(DESIGN_EXAMPLE.read_text(encoding="utf-8"))
    client = document["clients"][0]
    client["athlete_group"] = "professional_football"
    visit = client["assessments"][0]
    visit["performed_at"] = "14:05"
    visit["hip_abduction"]["right"] = {"trials": [120.0, 118.0, 165.0], "lever_arm_cm": 80.0,
                                       "excluded_trial": {"trial_no": 3, "reason": REASON}}
    visit.update(visit_changes)
    return document


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_exclusion_population_and_time_survive_storage_and_export(services: AppServices, tmp_path: Path) -> None:
    ((client_id, _),) = services.exports.import_exchange(_write(tmp_path, _document()))
    out = tmp_path / "out.json"
    services.exports.export_exchange([client_id], out)
    client = json.loads(out.read_text(encoding="utf-8"))["clients"][0]
    visit = client["assessments"][0]
    assert client["athlete_group"] == "professional_football"
    assert visit["performed_at"] == "14:05"
    assert visit["hip_abduction"]["right"]["excluded_trial"] == {"trial_no": 3, "reason": REASON}
    # Trial 3 (165 N) left out: peak 120, mean (120 + 118) / 2 = 119, SD sqrt(2) = 1.414,
    # CV 100 x 1.414 / 119 = 1.19% -> 1.2; the trials still hold all three.
    right = visit["results"]["hip_abduction"]["right"]
    assert visit["hip_abduction"]["right"]["trials"] == [120.0, 118.0, 165.0]
    assert (right["peak_force_n"], right["mean_force_n"], right["cv_pct"]) == (120.0, 119.0, 1.2)
    assert right["excluded_trial"] == {"trial_no": 3, "reason": REASON, "force_n": 165.0}
    ((again, _),) = services.exports.import_exchange(out)
    assert services.clients.get(again) == services.clients.get(client_id)
    assert services.clients.visits(again)[0][1] == services.clients.visits(client_id)[0][1]


def _refused(services: AppServices, tmp_path: Path, document: dict[str, Any], path: str) -> None:
    with pytest.raises(ExchangeError, match=path):
        services.exports.import_exchange(_write(tmp_path, document))
    assert services.clients.search() == []


def test_an_exclusion_needs_a_reason(services: AppServices, tmp_path: Path) -> None:
    document = _document()
    document["clients"][0]["assessments"][0]["hip_abduction"]["right"]["excluded_trial"]["reason"] = "  "
    _refused(services, tmp_path, document, r"hip_abduction\.right\.excluded_trial\.reason")


def test_an_exclusion_names_a_recorded_trial(services: AppServices, tmp_path: Path) -> None:
    document = _document()
    document["clients"][0]["assessments"][0]["hip_abduction"]["right"]["excluded_trial"]["trial_no"] = 4
    _refused(services, tmp_path, document, r"hip_abduction\.right\.excluded_trial\.trial_no")


def test_two_trials_must_remain_after_an_exclusion(services: AppServices, tmp_path: Path) -> None:
    document = _document()
    document["clients"][0]["assessments"][0]["hip_abduction"]["right"]["trials"] = [120.0, 165.0]
    _refused(services, tmp_path, document, r"hip_abduction\.right\.excluded_trial")


def test_a_time_of_day_is_hours_and_minutes(services: AppServices, tmp_path: Path) -> None:
    _refused(services, tmp_path, _document(performed_at="25:10"), r"clients\[0\]\.assessments\[0\]\.performed_at")


def test_a_population_is_a_key(services: AppServices, tmp_path: Path) -> None:
    document = _document()
    document["clients"][0]["athlete_group"] = "Pro Football"
    _refused(services, tmp_path, document, r"clients\[0\]\.athlete_group")
