"""services.settings.SettingsService: the clinic's one settings row, read and changed."""

from __future__ import annotations

from dataclasses import replace

from desktop.clinical.model import ClinicSettings
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from desktop.services.settings import SettingsService


def test_settings_round_trip_and_the_idle_time_is_stored_only_when_it_changes(migrated_paths: AppPaths) -> None:
    repo = open_repository(migrated_paths)
    settings = SettingsService(repo)
    assert settings.get() == ClinicSettings() and settings.idle_lock_minutes() == 10  # the default
    assert settings.set_idle_lock_minutes(10) is False
    assert repo.audit_events() == []  # nothing stored, nothing audited
    assert settings.set_idle_lock_minutes(0) is True  # 0: never lock
    assert settings.idle_lock_minutes() == 0
    chosen = replace(settings.get(), clinic_name="Harbour Physio")
    settings.save(chosen)
    assert settings.get() == chosen and chosen.idle_lock_minutes == 0
    assert [e.entity for e in repo.audit_events()] == ["settings", "settings"]
