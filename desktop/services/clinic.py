"""The clinic's letterhead and clinicians: read and saved as one typed record.

Letters, the visit step's clinician list and the first-start assistant all go
through here, so the letterhead a letter prints is the one Settings shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from desktop.clinical import model as m

if TYPE_CHECKING:
    from db.repository import Repository


def signing_clinician(profile: m.ClinicProfile, visit_clinician: str | None) -> m.Clinician | None:
    """Who signs a visit's letter: the visit's clinician with their listed details.

    A name not on the list signs by name alone; a visit without a clinician is
    signed by the clinic's first clinician.
    """
    name = (visit_clinician or "").strip()
    if not name:
        return profile.clinicians[0] if profile.clinicians else None
    return profile.clinician_named(name) or m.Clinician(name=name)


class ClinicService:
    """``ClinicService(repo)``: the clinic profile, read and written in one transaction."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def profile(self) -> m.ClinicProfile:
        return m.ClinicProfile(self.repo.get_settings(), tuple(self.repo.list_clinicians()))

    def save(self, profile: m.ClinicProfile) -> m.ClinicProfile:
        """Store letterhead and clinicians; returns the stored profile (clinicians with ids).

        The first clinician is also kept as the settings' single clinician, which
        older letters and the exchange of earlier versions read.
        """
        clinicians = [c for c in profile.clinicians if c.name.strip()]
        settings = profile.settings
        if clinicians:
            settings = replace(settings, clinician_name=clinicians[0].name,
                               clinician_credentials=clinicians[0].qualifications)
        self.repo.save_clinic(settings, clinicians)
        return self.profile()

    def clinician_names(self) -> list[str]:
        return [c.name for c in self.repo.list_clinicians()]

    def add_demo_clients(self, today: date | None = None,
                         progress: Callable[[int, str], None] | None = None) -> int:
        """Add the demo clients, their visits signed by the clinic's first clinician; returns how many."""
        from desktop.services.demo import add_demo_clients

        names = self.clinician_names()
        return len(add_demo_clients(self.repo, today, clinician=names[0] if names else None, progress=progress))

    def apply_setup(self, profile: m.ClinicProfile, add_demo_clients: bool = False,
                    progress: Callable[[int, str], None] | None = None) -> int:
        """Store the set-up assistant's answers; returns how many demo clients were added."""
        self.save(profile)
        return self.add_demo_clients(progress=progress) if add_demo_clients else 0
