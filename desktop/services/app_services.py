"""The application's services, built once: the window and the command line both start here.

``build_services`` wires the use cases around one repository (or a
``RepositoryHandle`` that opens in the background on a quick start). Nothing
here imports the storage engine, reportlab or Qt: building costs nothing,
and each service loads what it needs on first use. Widgets receive an
``AppServices`` and never construct a repository or a service themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NoReturn, cast

from desktop.services.assessments import AssessmentService, NormService
from desktop.services.clients import ClientService, role_of
from desktop.services.exports import ExportService
from desktop.services.reports import ReportService
from desktop.services.safety import AuditService, SafetyServices, SecurityService
from desktop.services.settings import SettingsService

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.paths import AppPaths
    from desktop.services.clinic import ClinicService
    from desktop.services.photos import PhotoService


class StorageService:
    """The storage behind the services: whether it is open yet, and what a health check needs."""

    def __init__(self, repo: Repository) -> None:
        self._repo = repo

    @property
    def is_open(self) -> bool:
        return bool(getattr(self._repo, "is_open", True))

    def open(self) -> None:
        """Open the storage now (a quick start defers it); re-raises a failed opening."""
        opener = getattr(self._repo, "open", None)
        if callable(opener):
            opener()

    @property
    def repository(self) -> Repository:
        """For start-up, shutdown and the command line's maintenance commands only; widgets never use it."""
        return self._repo


@dataclass(frozen=True)
class AppServices:
    """Every use case the window and the command line call, wired once around one repository."""

    paths: AppPaths
    storage: StorageService
    clients: ClientService
    visits: AssessmentService
    reports: ReportService
    exports: ExportService
    safety: SafetyServices
    settings: SettingsService
    norms: NormService

    @cached_property
    def clinic(self) -> ClinicService:
        """Letterhead, clinicians and the first-start set-up (loads on first use)."""
        from desktop.services.clinic import ClinicService

        return ClinicService(self.storage.repository)

    @cached_property
    def photos(self) -> PhotoService:
        """Trendelenburg photos of the visit being edited (loads on first use)."""
        from desktop.services.photos import PhotoService

        return PhotoService(self.storage.repository)


def build_services(repo: Repository | Any, paths: AppPaths) -> AppServices:
    """Every service on one repository (a ``Repository`` or a ``RepositoryHandle``) and data folder."""
    norms = NormService(repo, paths.norms)
    visits = AssessmentService(repo, norms=norms)
    reports = ReportService(repo, visits, paths.exports)
    exports = ExportService(repo, paths.exports)
    if role_of(repo) == "reception":
        # Visits, reports and exports are clinical: every use case refuses, plainly, before storage is asked.
        visits, reports, exports = (cast(Any, ClinicalOnly(repo)) for _ in range(3))
    return AppServices(
        paths=paths,
        storage=StorageService(repo),
        clients=ClientService(repo),
        visits=visits,
        reports=reports,
        exports=exports,
        safety=SafetyServices(repo, paths, SecurityService(repo, paths), AuditService(repo, paths)),
        settings=SettingsService(repo),
        norms=norms,
    )


class ClinicalOnly:
    """Stands in for a clinical service for a person whose role may not use it (reception):
    calling any of its use cases raises AccessDenied; it keeps no outbox."""

    outbox = None

    def __init__(self, repo: object) -> None:
        self._repo = repo

    def unsaved_visits(self, *_args: object, **_kwargs: object) -> list[Any]:
        return []  # reception never starts a visit, so none is left unsaved

    def warm_up(self) -> None:
        """Nothing to warm: reception makes no letters."""

    def __getattr__(self, name: str) -> Any:
        def refused(*_args: object, **_kwargs: object) -> NoReturn:
            from desktop.services.clients import refuse_clinical

            refuse_clinical(self._repo)

        return refused
