"""Assessment use cases: computed results with the right baseline, re-assessment pre-fill."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.repository import Repository
from desktop.clinical import model as m

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults

log = logging.getLogger(__name__)


def compute(client: m.Client, visits: list[tuple[int, m.Assessment]], index: int,
            *, norm_table: Any = None, today: date | None = None) -> AssessmentResults:
    """Results for ``visits[index]``; the client's first visit is the baseline for change and the
    visit before it supplies the program to progress."""
    from desktop.clinical.results import compute_results

    baseline = visits[0][1] if index > 0 else None
    previous = visits[index - 1][1] if index > 0 else None
    return compute_results(client, visits[index][1], baseline=baseline, norm_table=norm_table, today=today,
                           previous=previous)


def norms_dir_for(repo: Repository) -> Path | None:
    """The data folder's ``norms`` folder, beside a file database (custom reference tables)."""
    database = repo.engine.url.database
    if repo.engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).parent / "norms"


class AssessmentService:
    def __init__(self, repo: Repository, *, norm_table_loader: Any = None, norms_dir: Path | None = None) -> None:
        self.repo = repo
        self._norm_table_loader = norm_table_loader
        self._norms_dir = norms_dir if norms_dir is not None else norms_dir_for(repo)

    def norm_table(self) -> Any:
        """The clinic's active reference table (Settings), or the built-in one if it cannot be read."""
        if self._norm_table_loader:
            return self._norm_table_loader()
        from desktop.clinical.norms import NormTableError, active_norm_table

        name = self.repo.get_settings().active_norm_table
        try:
            return active_norm_table(name, custom_dir=self._norms_dir)
        except (KeyError, NormTableError, OSError) as error:
            log.warning("reference table unavailable, using the built-in table: %s", type(error).__name__)
            return None

    def results(self, assessment_id: int) -> AssessmentResults:
        client_id, _ = self.repo.get_assessment(assessment_id)
        record = self.repo.get_client(client_id)
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        index = next(i for i, (aid, _) in enumerate(visits) if aid == assessment_id)
        return compute(record.client, visits, index, norm_table=self.norm_table())

    def history(self, client_id: int) -> list[tuple[int, m.Assessment, AssessmentResults]]:
        """Every visit of a client with its results, oldest first."""
        record = self.repo.get_client(client_id)
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        table = self.norm_table()
        return [(aid, a, compute(record.client, visits, i, norm_table=table)) for i, (aid, a) in enumerate(visits)]

    def prefill_reassessment(self, client_id: int, *, on: date | None = None) -> m.Assessment:
        """A new visit carrying over what should stay the same: body mass, protocol and lever arms.

        PSFS activities carry over through ``psfs_activities`` so they are re-rated, not copied.
        """
        visits = self.repo.list_assessments(client_id)
        on = on or date.today()
        if not visits:
            return m.Assessment(performed_on=on)
        last = visits[-1][1]
        hip = None
        if last.hip_abduction is not None:
            h = last.hip_abduction

            def blank(side: m.HhdSide | m.MmtSide | None) -> m.HhdSide | m.MmtSide | None:
                if isinstance(side, m.HhdSide):
                    return m.HhdSide(trials=(), lever_arm_cm=side.lever_arm_cm)
                return None

            hip = m.HipAbduction(method=h.method, position=h.position, unit=h.unit, contraction=h.contraction,
                                 fixation=h.fixation, pad_site=h.pad_site, device=h.device,
                                 left=blank(h.left), right=blank(h.right))
        return m.Assessment(
            performed_on=on,
            clinician=last.clinician,
            referrer=last.referrer,
            reason=last.reason,
            body_mass_kg=last.body_mass_kg,
            height_cm=last.height_cm,
            hip_abduction=hip,
        )

    def psfs_activities(self, client_id: int) -> list[str]:
        """The activities the client named at the last visit, to be re-rated (PSFS, Stratford 1995)."""
        visits = self.repo.list_assessments(client_id)
        return [p.activity for p in visits[-1][1].psfs] if visits else []
