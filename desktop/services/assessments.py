"""Visit use cases: computed results with the right baseline, opening, saving, drafts, re-assessment pre-fill."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.services.conflicts import VisitConflict, conflict_key
from desktop.services.drafts import DRAFT_PREFIX, draft_key, parse_draft_key
from desktop.services.visit_results import ClientOverview, VisitResults

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.clinical import model as m
    from desktop.clinical.norms import NormTable
    from desktop.clinical.result_types import AssessmentResults
    from desktop.services.outbox import Delivery, Outbox

log = logging.getLogger(__name__)


def compute(client: m.Client, visits: list[tuple[int, m.Assessment]], index: int,
            *, norm_table: Any = None, today: date | None = None,
            pelvic_drop_threshold_deg: float | None = None) -> AssessmentResults:
    """Results for ``visits[index]``; the client's first visit is the baseline for change and the
    visit before it supplies the program to progress."""
    import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
    from desktop.clinical.results import compute_results
    from desktop.clinical.visits import earlier_visits

    earlier = earlier_visits(visits, visits[index][0])
    return compute_results(client, visits[index][1], baseline=earlier.baseline, norm_table=norm_table, today=today,
                           previous=earlier.previous, pelvic_drop_threshold_deg=pelvic_drop_threshold_deg)


def compute_with_settings(repo: Repository, norms: NormService | None = None) -> Callable[..., AssessmentResults]:
    """``compute`` with the clinic's own settings applied: the pelvic-drop threshold and the active
    reference table, so an exported visit carries the results the window and ``summary`` show."""
    threshold = repo.get_settings().pelvic_drop_threshold_deg
    table = (norms or NormService(repo)).active_table()
    return functools.partial(compute, pelvic_drop_threshold_deg=threshold, norm_table=table)


def norms_dir_for(repo: Repository) -> Path | None:
    """The data folder's ``norms`` folder, beside a file database (custom reference tables)."""
    database = repo.engine.url.database
    if repo.engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).parent / "norms"


class NormService:
    """The clinic's active reference table, defined once: Settings names it, the built-in one stands in."""

    def __init__(self, repo: Repository, norms_dir: Path | None | Callable[[], Path | None] = None) -> None:
        self._repo = repo
        self._norms_dir = norms_dir

    @property
    def norms_dir(self) -> Path | None:
        folder = self._norms_dir
        if callable(folder):
            return folder()
        return folder if folder is not None else norms_dir_for(self._repo)

    def active_table(self) -> NormTable | None:
        """The table chosen in Settings, or None (the built-in table) when it cannot be read."""
        return self.table_named(self._repo.get_settings().active_norm_table)

    def table_named(self, name: str) -> NormTable | None:
        """The table ``name`` (a settings value), or None (the built-in table) when it cannot be read."""
        from desktop.clinical.norms import NormTableError
        from desktop.content import active_norm_table

        try:
            return active_norm_table(name, custom_dir=self.norms_dir)
        except (KeyError, NormTableError, OSError, ValueError) as error:
            log.warning("reference table unavailable, using the built-in table: %s", type(error).__name__)
            return None

    def available_tables(self) -> tuple[list[dict[str, Any]], list[str]]:
        """What each table is (name, title, ...) and the problems of clinic files that could not be read."""
        from desktop.content import norm_registry

        registry = norm_registry(custom_dir=self.norms_dir)
        return list(registry.describe()), list(registry.errors)

    def athlete_groups(self) -> list[str]:
        """Athletes' populations to offer on the client record: built-in ones and those of clinic tables."""
        from desktop.clinical.norms import athlete_groups
        from desktop.content import norm_registry

        return athlete_groups(norm_registry(custom_dir=self.norms_dir).tables.values())

    def add_table_file(self, path: Path) -> str:
        """Check a clinic's CSV against the norm-table rules, then keep a copy; the table's name.

        Raises ``NormTableError`` naming file, row and column when the file does not pass.
        """
        import shutil

        from desktop.content import load_norm_table

        table = load_norm_table(path)
        folder = self.norms_dir
        if folder is None:
            raise OSError("reference tables can be added to a local data folder only")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / Path(path).name)
        return str(table.name)


@dataclass(frozen=True)
class VisitOpening:
    """Everything the editor needs to show one visit, read in one go (off the GUI thread)."""

    client_id: int
    assessment_id: int | None
    client: m.Client
    baseline: m.Assessment | None
    previous: m.Assessment | None
    norm_table: Any
    settings: m.ClinicSettings
    assessment: m.Assessment | None  # the stored visit, or the pre-filled new one
    draft: dict[str, Any] | None
    psfs_activities: tuple[str, ...] = ()
    # The stored visit's version when it was read: the save names it, so a visit someone
    # else saved meanwhile is not overwritten (None for a new visit).
    version: int | None = None


@dataclass(frozen=True)
class UnsavedVisit:
    key: str
    updated: datetime
    client_id: int
    assessment_id: int | None
    client_name: str


class AssessmentService:
    """Visits: results, history, opening and saving, drafts. Storage calls block: run them off the GUI thread."""

    def __init__(self, repo: Repository, *, norms: NormService | None = None, norms_dir: Path | None = None,
                 outbox: Outbox | None = None) -> None:
        self.repo = repo
        self.norms = norms or NormService(repo, norms_dir)
        self._outbox = outbox
        self.computed = VisitResults(repo, self.norms.table_named, compute)

    @property
    def outbox(self) -> Outbox | None:
        """Where visits wait when the clinic server cannot be reached (None: a local folder)."""
        from desktop.services.outbox import outbox_of

        return self._outbox or outbox_of(self.repo)

    def norm_table(self) -> NormTable | None:
        """The clinic's active reference table (Settings), or None for the built-in one."""
        return self.norms.active_table()

    def get(self, assessment_id: int) -> tuple[int, m.Assessment]:
        return self.repo.get_assessment(assessment_id)

    def results(self, assessment_id: int) -> AssessmentResults:
        record = self.repo.get_client(self.repo.client_of_assessment(assessment_id))
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        index = next(i for i, (aid, _) in enumerate(visits) if aid == assessment_id)
        threshold = self.repo.get_settings().pelvic_drop_threshold_deg
        return compute(record.client, visits, index, norm_table=self.norm_table(),
                       pelvic_drop_threshold_deg=threshold)

    def history(self, client_id: int) -> list[tuple[int, m.Assessment, AssessmentResults]]:
        """Every visit of a client with its results, oldest first."""
        return self.overview(client_id)[1]

    def overview(self, client_id: int) -> tuple[m.ClientRecord, list[tuple[int, m.Assessment, AssessmentResults]]]:
        """The client's record and every visit with its results, oldest first."""
        found = self.computed.overview(client_id)
        return found.record, list(found.visits)

    def client_overview(self, client_id: int) -> ClientOverview:
        """What the client page shows: record, visits with results, and the charts' series, computed
        here (off the GUI thread) and only for what changed since the client was last opened."""
        return self.computed.overview(client_id)

    def open_visit(self, client_id: int | None, assessment_id: int | None, *, prefill: bool = False) -> VisitOpening:
        """A stored visit (``assessment_id``) or a new one for ``client_id``, with its draft if any."""
        stored: m.Assessment | None = None
        version: int | None = None
        if assessment_id is not None:
            # Version first: a save landing in between makes the next save a (harmless)
            # conflict, never a silent overwrite of what was not shown.
            version = self.repo.assessment_version(assessment_id)
            client_id, stored = self.repo.get_assessment(assessment_id)
        assert client_id is not None
        record = self.repo.get_client(client_id)
        visits = [(aid, a) for aid, a in record.assessments if aid is not None]
        from desktop.clinical.visits import earlier_visits

        earlier = earlier_visits(visits, assessment_id)
        draft = self.repo.load_draft(draft_key(client_id, assessment_id))
        activities: tuple[str, ...] = ()
        if stored is None and prefill and draft is None:
            stored = self.prefill_reassessment(client_id)
            activities = tuple(self.psfs_activities(client_id))
        return VisitOpening(client_id=client_id, assessment_id=assessment_id, client=record.client,
                            baseline=earlier.baseline, previous=earlier.previous, norm_table=self.norm_table(),
                            settings=self.repo.get_settings(), assessment=stored, draft=draft,
                            psfs_activities=activities, version=version)

    def save(self, client_id: int, assessment_id: int | None, assessment: m.Assessment, *,
             expected_version: int | None = None) -> int:
        """Store the visit in one transaction (new when ``assessment_id`` is None); then drop its draft.

        With ``expected_version`` (``VisitOpening.version``) a visit someone else
        saved meanwhile raises ``VisitConflict``: nothing is overwritten and this
        version is kept as a draft. A draft that cannot be removed is logged, not
        raised: the visit is safe.
        """
        return self.save_versioned(client_id, assessment_id, assessment, expected_version=expected_version)[0]

    def save_versioned(self, client_id: int, assessment_id: int | None, assessment: m.Assessment, *,
                       expected_version: int | None = None, kept_entry: int | None = None) -> tuple[int, int]:
        """``save``, returning (assessment id, its stored version) for the next save to name.

        On a clinic server that cannot be reached mid-save, the visit goes to the outbox
        and ``VisitKeptLocally`` says so (``kept_entry``: the outbox entry this visit was
        kept under before, replaced instead of kept twice).
        """
        from db.errors import ServerUnreachableError

        outbox = self.outbox
        if outbox is not None and kept_entry is not None and kept_entry in outbox.delivered:
            # Delivered by the outbox just before this save: save over that visit.
            assessment_id, expected_version = outbox.delivered.pop(kept_entry)
            kept_entry = None
        try:
            saved = self._store(client_id, assessment_id, assessment, expected_version)
        except ServerUnreachableError:
            if outbox is None:
                raise
            from desktop.services.outbox import VisitKeptLocally

            entry = outbox.put(client_id, assessment_id, expected_version, assessment, replace=kept_entry)
            raise VisitKeptLocally(entry, outbox.count()) from None
        if kept_entry is not None and outbox is not None:
            outbox.remove(kept_entry)  # saved now: the copy kept earlier must not be delivered too
        return saved

    def _store(self, client_id: int, assessment_id: int | None, assessment: m.Assessment,
               expected_version: int | None) -> tuple[int, int]:
        from db.records import ConflictError, NotFoundError

        keys = [draft_key(client_id, assessment_id)]
        if assessment_id is None:
            assessment_id = self.repo.add_assessment(client_id, assessment, photos_draft=keys[0])
            version = 1
        else:
            try:
                version = self.repo.update_assessment(assessment_id, assessment, photos_draft=keys[0],
                                                      expected_version=expected_version)
            except ConflictError as error:
                raise self._conflict(client_id, assessment_id, assessment, error) from None
            except NotFoundError:
                if expected_version is None:
                    raise
                raise self._conflict(client_id, assessment_id, assessment,
                                     ConflictError("assessment", assessment_id, expected_version, None,
                                                   *self._deleted_by(client_id, assessment_id))) from None
            keys.append(conflict_key(assessment_id))
        keys.append(draft_key(client_id, assessment_id))
        self._drop_drafts(keys)
        return assessment_id, version

    def _drop_drafts(self, keys: list[str]) -> None:
        from db.errors import StorageError

        try:
            for key in dict.fromkeys(keys):
                self.repo.delete_draft(key)
        except StorageError as error:
            log.warning("draft not removed after saving: %s", type(error).__name__)

    def _conflict(self, client_id: int, assessment_id: int, yours: m.Assessment, error: Any) -> VisitConflict:
        """Keep the losing version as a draft and read the stored one to show beside it."""
        from db.records import NotFoundError
        from desktop.clinical.model import assessment_to_dict

        self.repo.save_draft(conflict_key(assessment_id),
                             {"assessment": assessment_to_dict(yours), "version": error.yours})
        try:
            theirs: m.Assessment | None = self.repo.get_assessment(assessment_id)[1]
        except NotFoundError:
            theirs = None
        return VisitConflict(client_id, assessment_id, error.yours, error.theirs, yours, theirs,
                             error.changed_by, error.changed_at)

    def _deleted_by(self, client_id: int, assessment_id: int) -> tuple[str | None, datetime | None]:
        """Who deleted a visit and when, from the audit trail."""
        for event in reversed(self.repo.audit_events(client_id)):
            if (event.action, event.entity, event.entity_id) == ("delete", "assessment", assessment_id):
                return event.actor, event.at
        return None, None

    def resolve_conflict(self, conflict: VisitConflict, chosen: m.Assessment) -> tuple[int, int]:
        """Store the version the person chose (theirs, the stored one or a merge) over the stored
        version they have now seen; their kept draft goes. Another save in the meantime raises
        ``VisitConflict`` again. A visit deleted meanwhile is stored as a new visit."""
        if conflict.theirs is None:
            saved = self.save_versioned(conflict.client_id, None, chosen)
            self._drop_drafts([conflict_key(conflict.assessment_id),
                               draft_key(conflict.client_id, conflict.assessment_id)])
            return saved
        return self.save_versioned(conflict.client_id, conflict.assessment_id, chosen,
                                   expected_version=conflict.stored_version)

    def sealed_earlier(self) -> int:
        """How many outboxes on this laptop wait sealed under an earlier password of this person
        (their visits cannot be counted without it); 0 when none."""
        outbox = self.outbox
        return 0 if outbox is None else len(outbox.earlier())

    def open_sealed_earlier(self, previous_password: str) -> int:
        """Move the visits kept under ``previous_password`` into the current outbox (sealed under
        the current password) to be delivered; the number moved. WrongPreviousPassword otherwise."""
        outbox = self.outbox
        return 0 if outbox is None else outbox.take_earlier(previous_password)

    def deliver_outbox(self) -> Delivery:
        """Save the visits kept on this laptop while the server was away, oldest first.

        Stops at the first one the server still cannot take (the rest wait). A visit
        someone else changed meanwhile becomes a conflict (kept as the person's draft
        on the server); one stored already by a save whose reply was lost is not stored twice.
        """
        from db.errors import ServerUnreachableError
        from db.records import NotFoundError
        from desktop.services.outbox import Delivery

        outbox = self.outbox
        stored: dict[int, tuple[int, int]] = {}
        conflicts: list[VisitConflict] = []
        if outbox is None:
            return Delivery(stored, conflicts, 0)
        for entry in outbox.pending():
            try:
                landed = self._already_stored(entry.client_id, entry.assessment_id, entry.assessment)
                if landed is not None:
                    self._drop_drafts([draft_key(entry.client_id, entry.assessment_id),
                                       draft_key(entry.client_id, landed[0])])
                stored[entry.id] = landed or self._store(entry.client_id, entry.assessment_id, entry.assessment,
                                                         entry.expected_version)
                outbox.delivered[entry.id] = stored[entry.id]
            except ServerUnreachableError:
                break
            except NotFoundError:
                continue  # the client was deleted meanwhile: the visit stays on this laptop, counted as waiting
            except VisitConflict as conflict:
                conflicts.append(conflict)
            outbox.remove(entry.id)
        return Delivery(stored, conflicts, outbox.count())

    def _already_stored(self, client_id: int, assessment_id: int | None,
                        assessment: m.Assessment) -> tuple[int, int] | None:
        """(id, version) of a stored visit equal to ``assessment`` where it would go, else None."""
        from db.records import NotFoundError

        try:
            if assessment_id is not None:
                version = self.repo.assessment_version(assessment_id)
                same = self.repo.get_assessment(assessment_id)[1] == assessment
                return (assessment_id, version) if same else None
            for aid, stored in self.repo.list_assessments(client_id):
                if stored == assessment:
                    return aid, self.repo.assessment_version(aid)
        except NotFoundError:
            return None
        return None

    def kept_conflict(self, assessment_id: int) -> m.Assessment | None:
        """The person's own version of a visit whose save lost the race, while they have not chosen."""
        from desktop.clinical.model import assessment_from_dict

        payload = self.repo.load_draft(conflict_key(assessment_id))
        return assessment_from_dict(payload["assessment"]) if payload else None

    # -- drafts ----------------------------------------------------------------------

    def save_draft(self, key: str, payload: dict[str, Any]) -> None:
        self.repo.save_draft(key, payload)

    def load_draft(self, key: str) -> dict[str, Any] | None:
        return self.repo.load_draft(key)

    def delete_draft(self, key: str) -> None:
        self.repo.delete_draft(key)

    def list_drafts(self, prefix: str = "") -> list[tuple[str, datetime]]:
        return self.repo.list_drafts(prefix)

    def unsaved_visits(self, drafts: list[tuple[str, datetime]] | None = None,
                       names: dict[int, str] | None = None) -> list[UnsavedVisit]:
        """Every visit left unsaved (newest first), with its client's name; drafts of deleted clients are left out.

        ``drafts`` and ``names`` may come from the start-up reader; what is missing is read here.
        """
        from db.records import NotFoundError

        known: dict[int, str | None] = dict(names or {})
        rows = []
        for key, updated in self.repo.list_drafts(DRAFT_PREFIX) if drafts is None else drafts:
            parsed = parse_draft_key(key)
            if parsed is None:
                continue
            client_id, assessment_id = parsed
            if client_id not in known:
                try:
                    known[client_id] = self.repo.get_client(client_id).client.display_name
                except NotFoundError:
                    known[client_id] = None
            name = known[client_id]
            if name is not None:
                rows.append(UnsavedVisit(key, updated, client_id, assessment_id, name))
        return rows

    # -- re-assessment ---------------------------------------------------------------

    def prefill_reassessment(self, client_id: int, *, on: date | None = None) -> m.Assessment:
        """A new visit carrying over what should stay the same: body mass, protocol and lever arms.

        PSFS activities carry over through ``psfs_activities`` so they are re-rated, not copied.
        """
        from desktop.clinical import model as m

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


VisitService = AssessmentService
