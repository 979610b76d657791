"""The guided assessment: a visible list of steps, free navigation, live results, drafts.

Every edit lands in the form dict (exactly as typed) and is written as a
draft shortly after, on every step change and on close, so closing the window
or a crash never loses input. Saving validates the whole visit and writes it
in one transaction, then removes the draft.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
from desktop.clinical import model as m
from desktop.services.app_services import AppServices
from desktop.services.assessments import VisitOpening
from desktop.services.conflicts import VisitConflict
from desktop.services.errors import StorageError, plain_message
from desktop.services.outbox import VisitKeptLocally
from desktop.ui.assessment import state as st
from desktop.ui.assessment.base import StepPage
from desktop.ui.assessment.editor_export import ExportActions
from desktop.ui.assessment.editor_view import EditorView
from desktop.ui.widgets import draft_timer, set_tone, tr
from desktop.ui.worker import mutate, query

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults


log = logging.getLogger(__name__)

DRAFT_RETRY_MS = 5000
RESULTS_DELAY_MS = 60


class AssessmentEditor(EditorView, ExportActions):
    saved = Signal(int)
    closed = Signal(int)
    exported = Signal(object)
    opened = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.visits = services.visits
        self.client_id: int | None = None
        self.assessment_id: int | None = None
        self.client: m.Client | None = None
        self.form: dict[str, Any] = st.empty_form()
        self.check: st.FormCheck | None = None
        self.results: AssessmentResults | None = None
        self.baseline: m.Assessment | None = None
        self.previous: m.Assessment | None = None
        self.norm_table: Any = None
        self.dirty = False
        self.drop_threshold: float | None = None
        self._loading = False
        self._opening: tuple[int | None, int | None] | None = None
        self._saving = False
        # The stored version this form was opened from: the save names it (clinic server conflicts).
        self.version: int | None = None
        self.conflict_dialog: Any = None
        # The outbox entry this visit waits under while the clinic server is away.
        self.kept_entry: int | None = None

        for page in self.pages:
            page.edited.connect(lambda p=page: self._page_edited(p))
            page.refreshed.connect(lambda p=page: self._page_refreshed(p))
        self.export_page.export_requested.connect(self.export_pdf)
        self.export_page.preview_requested.connect(self.preview_letter)
        self.export_page.handout_requested.connect(self.export_handout)

        self.steps.currentRowChanged.connect(self._step_selected)
        self.back_button.clicked.connect(lambda: self.go_to_step(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_step(self.stack.currentIndex() + 1))
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close_editor)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self.go_to_step(self.stack.currentIndex() + 1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self.go_to_step(self.stack.currentIndex() - 1))

        self._draft_timer = draft_timer(self, self.save_draft_now)
        self._clinicians_task: Any = None
        self.refresh_clinicians()
        self._results_timer = QTimer(self)
        self._results_timer.setSingleShot(True)
        self._results_timer.setInterval(RESULTS_DELAY_MS)
        self._results_timer.timeout.connect(self.refresh_results)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(DRAFT_RETRY_MS)
        self._retry_timer.timeout.connect(self.save_draft_now)
        from desktop.ui.safety.idle_lock import current_lock

        idle_lock = current_lock()
        if idle_lock is not None:
            idle_lock.locking.connect(self.flush)
        from desktop.ui.safety.outbox_courier import current_courier

        courier = current_courier()
        if courier is not None:
            courier.delivered.connect(self._kept_visit_delivered)

    # -- opening -----------------------------------------------------------------

    def refresh_clinicians(self) -> Any:
        """Offer the clinic's clinicians on the visit step (read off the GUI thread)."""
        self._clinicians_task = query(
            self.services.clinic.clinician_names, success=self.visit_page.set_clinicians, owner=self,
            failure=lambda error: log.warning("clinician list unavailable: %s", type(error).__name__))
        return self._clinicians_task

    @property
    def draft_key(self) -> str:
        assert self.client_id is not None
        return st.draft_key(self.client_id, self.assessment_id)

    def open_new(self, client_id: int, *, prefill: bool = False) -> None:
        """A new visit; resumes the client's unsaved new-visit draft if there is one. ``opened`` fires when shown."""
        self._open(client_id, None, prefill)

    def open_existing(self, assessment_id: int) -> None:
        self._open(None, assessment_id, False)

    def _open(self, client_id: int | None, assessment_id: int | None, prefill: bool) -> None:
        self.flush()
        self._opening = (client_id, assessment_id)
        self.stack.setEnabled(False)
        self.save_button.setEnabled(False)
        self.message.setText(tr(self, "Opening…"))
        set_tone(self.message, None)
        query(self.visits.open_visit, client_id, assessment_id, prefill=prefill, owner=self,
              success=lambda opening: self._show_opening(opening, prefill=prefill, asked=(client_id, assessment_id)),
              failure=self._open_failed)

    def _open_failed(self, error: BaseException) -> None:
        log.warning("visit not opened: %s", type(error).__name__)
        self.message.setText(tr(self, "The visit could not be opened: %1").arg(plain_message(error)))
        set_tone(self.message, "bad")

    def _show_opening(self, opening: VisitOpening, *, prefill: bool = False,
                      asked: tuple[int | None, int | None] | None = None) -> None:
        if asked is not None and asked != self._opening:
            return  # the clinician opened something else meanwhile
        self.stack.setEnabled(True)
        self.save_button.setEnabled(True)
        self._prepare(opening)
        self._fill(opening, prefill)
        self.opened.emit()

    def _fill(self, opening: VisitOpening, prefill: bool) -> None:
        self.version = opening.version
        self.kept_entry = None
        if opening.draft is not None:
            # A resumed draft was typed over the version it was opened from, not today's.
            self.version = opening.draft.get("version", opening.version)
            self._load_form(st.upgrade_form(opening.draft.get("form") or opening.draft), dirty=True)
            return
        if opening.assessment_id is not None and opening.assessment is not None:
            self._load_form(st.form_from_assessment(opening.assessment), dirty=False)
            return
        settings = opening.settings
        if prefill and opening.assessment is not None:
            form = st.form_from_assessment(opening.assessment)
            form["pain"]["psfs"] = [{"activity": a, "score": ""} for a in opening.psfs_activities]
            form["screening"]["reviewed"] = False
        else:
            form = st.empty_form(default_unit=settings.default_unit)
            form["visit"]["clinician"] = settings.clinician_name
        form["visit"]["performed_at"] = st.started_now()
        form["step"] = 0
        self._load_form(form, dirty=False)

    def open_draft(self, key: str) -> None:
        parsed = st.parse_draft_key(key)
        if parsed is None:
            raise ValueError(f"not an assessment draft: {key}")
        client_id, assessment_id = parsed
        if assessment_id is None:
            self.open_new(client_id)
        else:
            self.open_existing(assessment_id)

    def _set_photo_context(self) -> None:
        self.trendelenburg_page.set_photo_context(
            self.services.photos, self.client_id, self.draft_key,
            self.assessment_id, self.drop_threshold,
        )  # fmt: skip

    def _prepare(self, opening: VisitOpening) -> None:
        self.client_id = opening.client_id
        self.assessment_id = opening.assessment_id
        self.client = opening.client
        self.baseline = opening.baseline
        self.previous = opening.previous
        self.norm_table = opening.norm_table
        self.drop_threshold = opening.settings.pelvic_drop_threshold_deg
        self._set_photo_context()
        self.title.setText(self.client.display_name)
        self.export_page.path = None
        self.message.clear()

    def _load_form(self, form: dict[str, Any], *, dirty: bool) -> None:
        self._loading = True
        try:
            self.form = form
            for page in self.pages:
                page.load(form[page.key])
        finally:
            self._loading = False
        self.dirty = dirty
        self._update_subtitle()
        self.refresh_results()
        step = int(form.get("step") or 0)
        self.steps.setCurrentRow(-1)
        self.go_to_step(step)
        self._show_save_state()

    # -- navigation --------------------------------------------------------------

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def page(self, key: str) -> StepPage:
        return next(p for p in self.pages if p.key == key)

    def go_to_step(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        if self.steps.currentRow() != index:
            self.steps.setCurrentRow(index)
        else:
            self._step_selected(index)

    def _step_selected(self, index: int) -> None:
        if index < 0:
            return
        if self.form.get("step") != index:
            self.form["step"] = index
            if self.dirty:
                self.save_draft_now()
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        page = self.pages[index]
        page.set_results(self.results, self._context())
        focus = page.first_focus()
        if focus is not None and self.isVisible():
            focus.setFocus()

    # -- editing -------------------------------------------------------------------

    def _page_edited(self, page: StepPage) -> None:
        if self._loading:
            return
        self.form[page.key] = page.dump()
        self.dirty = True
        self._draft_timer.start()
        self._results_timer.start()
        self._show_save_state()
        if page.key == "visit":
            self._update_subtitle()

    def _page_refreshed(self, page: StepPage) -> None:
        """Keep what a page filled in by itself; only the clinician's own changes make the visit 'edited'."""
        if self._loading:
            return
        self.form[page.key] = page.dump()
        self._results_timer.start()
        if self.dirty:
            self._draft_timer.start()

    def _update_subtitle(self) -> None:
        kind = tr(self, "New visit") if self.assessment_id is None else tr(self, "Visit #%1").arg(self.assessment_id)
        self.subtitle.setText(f"{kind} · {self.form['visit'].get('performed_on', '')}")

    def _context(self) -> dict[str, Any]:
        return {
            "assessment": self.check.assessment if self.check else None,
            "previous": self.previous,
            "baseline": self.baseline,
            "client": self.client,
        }

    def refresh_results(self, *, strict: bool = False) -> None:
        """Re-check the form and recompute results from the usable part of it."""
        assert self.client is not None
        self.check = st.check_form(self.form, date_of_birth=self.client.date_of_birth, strict=strict)
        usable = st.usable_assessment(self.check)
        self.results = None
        if usable is not None:
            try:
                from desktop.clinical.results import compute_results

                self.results = compute_results(
                    self.client, usable, baseline=self.baseline, norm_table=self.norm_table,
                    previous=self.previous, pelvic_drop_threshold_deg=self.drop_threshold,
                )  # fmt: skip
            except Exception as error:  # noqa: BLE001 - a live preview never blocks typing
                log.warning("live results unavailable: %s", type(error).__name__)
                self.results = None
        by_path = self.check.by_path()
        context = self._context()
        for page in self.pages:
            page.show_problems(by_path)
            page.set_results(self.results, context)
        self._update_step_list()

    def statuses(self) -> dict[str, str]:
        assert self.check is not None
        return st.step_statuses(self.form, self.check)

    def _update_step_list(self) -> None:
        self.show_step_statuses(self.statuses())

    # -- drafts and saving ------------------------------------------------------------

    def save_draft_now(self) -> None:
        """Queue the form as a draft (written off the GUI thread, in order with every other write)."""
        if self.client_id is None or not self.dirty or self._saving:
            return
        self._draft_timer.stop()
        current = self.pages[self.current_step()]
        self.form[current.key] = current.dump()
        payload = copy.deepcopy({"form": self.form, "client_id": self.client_id, "assessment_id": self.assessment_id,
                                 "version": self.version, "saved_at": datetime.now().isoformat(timespec="seconds")})
        self.draft_task = mutate(self.visits.save_draft, self.draft_key, payload, owner=self,
                                 success=self._draft_written, failure=self._draft_failed)

    def _draft_written(self, _none: None) -> None:
        self._retry_timer.stop()
        if self.dirty:
            self._show_save_state(draft_saved=True)

    def _draft_failed(self, error: BaseException) -> None:
        # The typed work stays on screen; try again shortly (disk freed, lock released...).
        log.warning("draft not saved: %s", type(error).__name__)
        self.save_state.setText(tr(self, "Draft not saved yet: %1 Retrying…").arg(plain_message(error)))
        self._retry_timer.start()

    def flush(self) -> None:
        """Write any pending draft now (step change, close, window close)."""
        if self._results_timer.isActive():
            self._results_timer.stop()
        if self.client_id is not None and self.dirty:
            self.save_draft_now()

    def _show_save_state(self, draft_saved: bool = False) -> None:
        if not self.dirty:
            text = tr(self, "Saved") if self.assessment_id is not None else tr(self, "Not saved yet")
        elif draft_saved or not self._draft_timer.isActive():
            text = tr(self, "Draft kept %1 (not yet saved as a visit)").arg(datetime.now().strftime("%H:%M:%S"))
        else:
            text = tr(self, "Editing…")
        self.save_state.setText(text)

    def save(self, then: Callable[[int], None] | None = None) -> bool:
        """Validate every step; store the visit in one transaction off the GUI thread; remove the draft.

        False when a step needs attention (nothing is stored). True when the visit is
        being stored: ``saved(id)`` fires, and ``then(id)`` runs, once it is.
        """
        assert self.client is not None and self.client_id is not None
        if self._saving:
            return True
        for page in self.pages:
            self.form[page.key] = page.dump()
        self.refresh_results(strict=True)
        assert self.check is not None
        if self.check.problems or self.check.assessment is None:
            statuses = self.statuses()
            first = next((i for i, p in enumerate(self.pages) if statuses[p.key] == st.NEEDS_ATTENTION
                          and self.check.for_step(p.key)), 0)
            count = len(self.check.problems)
            self.message.setText(tr(self, "Not saved: %n field(s) need attention (marked in the steps).", "", count))
            set_tone(self.message, "bad")
            self.go_to_step(first)
            self.save_draft_now()
            return False
        self._saving = True
        self._draft_timer.stop()
        self._retry_timer.stop()
        self.save_button.setEnabled(False)
        self.message.setText(tr(self, "Saving…"))
        set_tone(self.message, None)

        def stored(saved: tuple[int, int]) -> None:
            self.version = saved[1]
            self._stored(saved[0])
            if then is not None:
                then(saved[0])

        self.save_task = mutate(self.visits.save_versioned, self.client_id, self.assessment_id,
                                self.check.assessment, expected_version=self.version, kept_entry=self.kept_entry,
                                owner=self, success=stored, failure=self._not_stored)
        return True

    def _not_stored(self, error: BaseException) -> None:
        # Nothing was written (one transaction); the form and its draft keep the work.
        log.warning("visit not saved: %s", type(error).__name__)
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, VisitConflict):
            self.export_page.set_busy(False)
            self.save_draft_now()
            self._show_conflict(error)
            return
        if isinstance(error, VisitKeptLocally):
            # Safe on this laptop (encrypted); the courier saves it when the server answers.
            self.kept_entry = error.entry_id
            self.dirty = False
            self.export_page.set_busy(False)
            self.message.setText(str(error))
            set_tone(self.message, "caution")
            self.save_state.setText(tr(self, "Kept on this laptop, waiting for the clinic server"))
            return
        reason = str(error) if isinstance(error, StorageError) else type(error).__name__
        self.message.setText(tr(self, "Not saved: %1").arg(reason))
        set_tone(self.message, "bad")
        self.export_page.set_busy(False)
        self.save_draft_now()

    def _show_conflict(self, conflict: VisitConflict) -> None:
        """Both versions side by side; the person's own stays a draft until they choose."""
        from desktop.ui.assessment.conflict_dialog import ConflictDialog

        self.message.setText(tr(self, "Not saved: %1.").arg(str(conflict)))
        set_tone(self.message, "bad")
        if self.conflict_dialog is not None:
            self.conflict_dialog.close()
        self.conflict_dialog = ConflictDialog(conflict, self)
        self.conflict_dialog.chosen.connect(lambda chosen: self._resolve(conflict, chosen))
        self.conflict_dialog.open()

    def _resolve(self, conflict: VisitConflict, chosen: m.Assessment) -> None:
        """Store the chosen version over the stored one the person has now seen."""
        self._saving = True
        self.save_button.setEnabled(False)
        self.message.setText(tr(self, "Saving…"))
        set_tone(self.message, None)

        def stored(saved: tuple[int, int]) -> None:
            self._load_form(st.form_from_assessment(chosen) | {"step": self.current_step()}, dirty=False)
            self.version = saved[1]
            self._stored(saved[0])

        self.save_task = mutate(self.visits.resolve_conflict, conflict, chosen, owner=self,
                                success=stored, failure=self._not_stored)

    def _kept_visit_delivered(self, delivery: Any) -> None:
        """The visit this editor kept on the laptop reached the server: it now has an id and version."""
        saved = delivery.stored.get(self.kept_entry) if self.kept_entry is not None else None
        if saved is None:
            return
        self.version = saved[1]
        if self.dirty:  # typed on since: those changes still need a save, now of the stored visit
            self.kept_entry, self.assessment_id = None, saved[0]
            self._set_photo_context()
        else:
            self._stored(saved[0])
        self.message.setText(tr(self, "Saved to the clinic server (it was kept on this laptop meanwhile)."))

    def _stored(self, assessment_id: int) -> None:
        self._saving = False
        self.kept_entry = None
        self.save_button.setEnabled(True)
        self.assessment_id = assessment_id
        self._set_photo_context()
        self.dirty = False
        self.message.setText(tr(self, "Saved."))
        set_tone(self.message, "good")
        self._update_subtitle()
        self._show_save_state()
        self.saved.emit(assessment_id)

    def close_editor(self) -> None:
        self.flush()
        for page in self.pages:
            stop = getattr(getattr(page, "timer", None), "stop_silently", None)
            if stop is not None:
                stop()
            release = getattr(page, "release_devices", None)
            if release is not None:
                release()
        self.closed.emit(self.client_id if self.client_id is not None else -1)
