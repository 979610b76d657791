"""Clinic settings: read and change them (one row in storage)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.clinical.model import ClinicSettings


class SettingsService:
    def __init__(self, repo: Repository) -> None:
        self._repo = repo

    def get(self) -> ClinicSettings:
        return self._repo.get_settings()

    def save(self, settings: ClinicSettings) -> None:
        self._repo.save_settings(settings)

    def idle_lock_minutes(self) -> int:
        return int(self._repo.get_settings().idle_lock_minutes or 0)

    def set_idle_lock_minutes(self, minutes: int) -> bool:
        """Store the idle time; True when it changed."""
        settings = self._repo.get_settings()
        if settings.idle_lock_minutes == minutes:
            return False
        self._repo.save_settings(replace(settings, idle_lock_minutes=minutes))
        return True
