"""The composition root and the services the window and the command line share, on a real SQLite file."""

from __future__ import annotations

import csv
import dataclasses
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.paths import AppPaths, resolve_paths
from desktop.services.app_services import AppServices, build_services
from desktop.services.clients import NotFoundError
from desktop.services.database import open_repository
from desktop.services.drafts import draft_key
from tests.fixtures.records import assessment, client


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data").ensure()


@pytest.fixture
def services(paths: AppPaths) -> AppServices:
    return build_services(open_repository(paths), paths)


def test_services_are_frozen_and_building_them_loads_no_storage_engine(paths: AppPaths) -> None:
    import subprocess

    probe = ("import sys; from desktop.paths import resolve_paths; from desktop.services.app_services import "
             "build_services; build_services(object(), resolve_paths(sys.argv[1])); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'reportlab', "
             "'PySide6')))")
    out = subprocess.run([sys.executable, "-c", probe, str(paths.data_dir)], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2], check=True).stdout
    assert out.strip() == "[]"
    services = build_services(object(), paths)
    with pytest.raises(dataclasses.FrozenInstanceError):
        services.clients = None  # type: ignore[misc]


def test_clients_add_change_list_and_delete(services: AppServices) -> None:
    clients = services.clients
    client_id = clients.save(client(0), allow_duplicates=True)
    assert clients.save(replace(client(0), notes="moved to Hobart"), client_id) == client_id
    assert clients.get(client_id).notes == "moved to Hobart"
    assert [row.id for row in clients.search()] == [client_id]
    assert clients.name(client_id) == client(0).display_name
    assert clients.visit_count(client_id) == 0
    clients.delete(client_id)
    assert clients.name(client_id) is None
    with pytest.raises(NotFoundError):
        clients.get(client_id)


def test_saving_a_visit_removes_its_draft_and_opening_finds_baseline(services: AppServices) -> None:
    client_id = services.clients.save(client(1), allow_duplicates=True)
    first = services.visits.save(client_id, None, assessment(1))
    services.visits.save_draft(draft_key(client_id, None), {"form": {"step": 2}})
    second = services.visits.save(client_id, None, assessment(8, nprs=3))
    assert services.visits.load_draft(draft_key(client_id, None)) is None

    opened = services.visits.open_visit(None, second)
    assert (opened.client_id, opened.assessment_id) == (client_id, second)
    assert opened.baseline == services.visits.get(first)[1] and opened.previous == opened.baseline
    new = services.visits.open_visit(client_id, None, prefill=True)
    assert new.assessment is not None and new.assessment.body_mass_kg == 68.0
    assert new.psfs_activities == ("Walking 30 min", "Gardening")
    assert services.visits.results(second).program is not None


def _clinic_table(folder: Path) -> Path:
    from tests.clinical.test_norms import COLUMNS, _row

    path = folder / "clinic.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerow(_row())
    return path


def test_active_norm_table_follows_settings_and_falls_back_to_built_in(services: AppServices,
                                                                        tmp_path: Path) -> None:
    norms = services.norms
    assert norms.active_table() is not None and norms.active_table().name == "builtin"  # type: ignore[union-attr]
    assert norms.add_table_file(_clinic_table(tmp_path)) == "clinic"
    services.settings.save(replace(services.settings.get(), active_norm_table="clinic"))
    assert norms.active_table().name == "clinic"  # type: ignore[union-attr]
    assert "clinic" in [t["name"] for t in norms.available_tables()[0]]

    (services.paths.norms / "clinic.csv").unlink()  # the chosen table is gone: built-in stands in
    assert norms.active_table() is None
    assert services.visits.norm_table() is None


def test_idle_minutes_change_only_when_different(services: AppServices) -> None:
    assert services.settings.set_idle_lock_minutes(5) is True
    assert services.settings.set_idle_lock_minutes(5) is False
    assert services.settings.idle_lock_minutes() == 5


def test_audit_trail_records_and_verifies(services: AppServices) -> None:
    client_id = services.clients.save(client(2), allow_duplicates=True)
    services.safety.audit.record("export", "exchange", None, client_id, "clients=1")
    actions = [event.action for event in services.safety.audit.events(client_id)]
    assert actions[0] == "create" and actions[-1] == "export"
    assert services.safety.audit.verify_chain() is None


def test_exchange_export_then_import_through_the_service(services: AppServices, tmp_path: Path) -> None:
    client_id = services.clients.save(client(0), allow_duplicates=True)
    services.visits.save(client_id, None, assessment(1))
    out = tmp_path / "all.json"
    assert services.exports.export_exchange(None, out) == (1, True)  # one client; its export audited
    ids = services.exports.import_exchange(out)
    assert len(ids) == 1 and len(ids[0][1]) == 1
    assert len(services.clients.search()) == 2


def test_backups_through_the_safety_services(services: AppServices) -> None:
    services.clients.save(client(0), allow_duplicates=True)
    info = services.safety.backups.back_up()
    assert info.clients == 1
    (row,) = services.safety.list_backups()
    assert (row.path, row.kind, row.encrypted) == (info.path, "manual", False)
    assert row.size_bytes == info.path.stat().st_size
    assert services.safety.security.is_encrypted() is False
