"""Main window: client list, client page and the guided assessment, in one stack.

The window only routes: pages emit ids, the window decides what opens.
pyqtgraph, reportlab and the exercise library load when their page first opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QProgressBar, QStackedWidget

from desktop.imports import forget_module_sources
from desktop.services.app_services import AppServices
from desktop.services.assessments import UnsavedVisit
from desktop.services.drafts import parse_draft_key
from desktop.services.errors import plain_message
from desktop.ui import dialogs
from desktop.ui.clients import ClientListPage, ClientTableModel
from desktop.ui.widgets import tr
from desktop.ui.worker import activity, mutate, query, run_in_background

if TYPE_CHECKING:
    from desktop.services.clients import FirstPage

log = logging.getLogger(__name__)

__all__ = ["MainWindow", "ClientTableModel"]

BUSY_SHOWN_AFTER_MS = 250


class MainWindow(QMainWindow):
    """``MainWindow(services)``; ``clients_loaded`` fires once the first client page is shown."""

    clients_loaded = Signal()

    def __init__(self, services: AppServices, *, install_error_handler: bool = True,
                 first_page: FirstPage | None = None) -> None:
        super().__init__()
        self.services = services
        self.paths = services.paths
        self._first_page = first_page
        self._client_page: Any = None
        self._editor: Any = None
        self._client_dialog: Any = None
        self._settings_dialog: Any = None
        self._clinic: Any = None
        self._assistant: Any = None
        self._outcome_dialog: Any = None
        self._loaded_once = False
        if install_error_handler:
            from desktop.ui.errors import install_excepthook

            install_excepthook()
        self.setWindowTitle(tr(self, "Medius"))
        self.resize(1280, 720)
        # Small enough for 1366x768 at 150% scaling (911x512 logical pixels).
        self.setMinimumSize(760, 480)
        self._window_state = QSettings(str(self.paths.window_state), QSettings.Format.IniFormat)
        geometry = self._window_state.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self.stack = QStackedWidget(self)
        self.clients_page = ClientListPage(services, self.stack)
        self.stack.addWidget(self.clients_page)
        self.setCentralWidget(self.stack)
        # Older callers and tests reach these directly.
        self.search = self.clients_page.search
        self.table = self.clients_page.table
        self.model = self.clients_page.model

        self.clients_page.client_activated.connect(self.open_client)
        self.clients_page.new_client_requested.connect(self.new_client)
        self.clients_page.draft_resume_requested.connect(self.resume_draft)
        self.clients_page.demo_requested.connect(self.add_demo_clients)
        self.clients_page.setup_requested.connect(self.open_assistant)
        self.clients_page.loaded.connect(self._on_clients_loaded)
        self._build_menus()
        self._build_busy_indicator()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._wait_for_workers)
        QTimer.singleShot(0, self.refresh)

    # -- busy indicator ------------------------------------------------------------------

    def _build_busy_indicator(self) -> None:
        """A small moving bar in the status bar while storage works for longer than a blink."""
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 6)
        self.busy_indicator.setAccessibleName(tr(self, "Working"))
        self.busy_indicator.hide()
        self.statusBar().addPermanentWidget(self.busy_indicator)
        from desktop.ui.progress import ProgressStrip

        self.progress = ProgressStrip(self)
        self.statusBar().addWidget(self.progress, 1)
        self._busy_delay = QTimer(self)
        self._busy_delay.setSingleShot(True)
        self._busy_delay.setInterval(BUSY_SHOWN_AFTER_MS)
        self._busy_delay.timeout.connect(
            lambda: self.busy_indicator.setVisible(activity().busy and self.progress.isHidden()))
        activity().busy_changed.connect(self._busy_changed)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_delay.start()
        else:
            self._busy_delay.stop()
            self.busy_indicator.hide()

    # -- menus --------------------------------------------------------------------------

    def _action(self, menu: Any, text: str, slot: Callable[[], Any], shortcut: Any = None,
                enabled: bool = True) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr(self, "&File"))
        self.new_client_action = self._action(
            file_menu, tr(self, "&New client…"), self.new_client, QKeySequence.StandardKey.New
        )
        self._action(file_menu, tr(self, "&Find client"), self.show_clients, QKeySequence.StandardKey.Find)
        file_menu.addSeparator()
        self._action(file_menu, tr(self, "Clinic &outcome report…"), self.open_outcome_report)
        file_menu.addSeparator()
        self._action(file_menu, tr(self, "&Settings…"), self.open_settings, "Ctrl+,")
        self._action(file_menu, tr(self, "Set-up &assistant…"), self.open_assistant)
        file_menu.addSeparator()
        self.safety_actions: dict[str, QAction] = {}
        for name, text in (
            ("backup_now", tr(self, "&Back up now…")),
            ("restore_backup", tr(self, "&Restore from backup…")),
            ("show_audit_trail", tr(self, "&Audit trail…")),
            ("change_password", tr(self, "Change &password…")),
            ("privacy_settings", tr(self, "Pri&vacy…")),
        ):
            self.safety_actions[name] = self._action(file_menu, text, lambda n=name: self.call_safety(n))
        file_menu.addSeparator()
        self._action(file_menu, tr(self, "&Quit"), self.close, QKeySequence.StandardKey.Quit)
        client_menu = bar.addMenu(tr(self, "&Client"))
        self._action(client_menu, tr(self, "&Edit details…"), self._edit_current_client)
        for name, text in (("export_client_data", tr(self, "E&xport client data (privacy request)…")),
                           ("delete_client", tr(self, "&Delete client…"))):
            self.safety_actions[name] = self._action(client_menu, text, lambda n=name: self.call_safety(n))
            # Reception: names and contact details only, never a client's whole record.
            self.safety_actions[name].setVisible(self.services.clients.clinical_access)

    def call_safety(self, name: str) -> Any:
        """Run one safety menu entry (desktop.ui.safety loads on first use)."""
        from desktop.ui import safety

        services, client_id = self.services, self.current_client_id()
        actions: dict[str, Callable[[], Any]] = {
            "backup_now": lambda: safety.backup_now(self, services),
            "restore_backup": lambda: safety.open_backups_dialog(self, services),
            "show_audit_trail": lambda: safety.open_audit_dialog(self, services, client_id),
            "change_password": lambda: safety.open_security_settings(self, services),
            "privacy_settings": lambda: safety.open_security_settings(self, services),
            "export_client_data": lambda: safety.export_client_data(self, services, client_id),
            "delete_client": lambda: safety.confirm_and_delete_client(self, services, client_id,
                                                                      done=self._client_deleted),
        }
        result = actions[name]()
        if name == "restore_backup":
            self.show_clients()
            self.refresh()
        return result

    def _client_deleted(self, deleted: bool) -> None:
        if deleted:
            self.show_clients()
            self.refresh()

    # -- client list ------------------------------------------------------------------

    def refresh(self) -> None:
        first, self._first_page = self._first_page, None
        if first is not None:  # read at start-up without the storage layer (db.quick)
            self.clients_page.show_all(first.clients)
            names = {row.id: row.display_name for row in first.clients}
            rows = [UnsavedVisit(key, updated, *parsed, names[parsed[0]]) for key, updated in first.drafts
                    if (parsed := parse_draft_key(key)) is not None and parsed[0] in names]
            self._show_drafts(rows)
            return
        self.clients_page.reload()
        self.refresh_drafts()

    def _on_clients_loaded(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            if self.stack.currentWidget() is self.clients_page:
                self.clients_page.search.setFocus()
            self.clients_loaded.emit()

    def refresh_drafts(self) -> None:
        """Offer to resume every assessment that was left unsaved (read off the GUI thread)."""
        query(self.services.visits.unsaved_visits, success=self._show_drafts, owner=self)

    def _show_drafts(self, drafts: list[UnsavedVisit]) -> None:
        rows: list[tuple[str, str, None]] = []
        for draft in drafts:
            what = (tr(self, "new visit") if draft.assessment_id is None
                    else tr(self, "visit #%1").arg(draft.assessment_id))
            rows.append((draft.key, tr(self, "Resume assessment for %1 (%2, last edited %3)")
                         .arg(draft.client_name).arg(what).arg(draft.updated.strftime("%Y-%m-%d %H:%M")), None))
        self.clients_page.set_drafts(rows)

    def show_clients(self) -> None:
        if self._editor is not None and self.stack.currentWidget() is self._editor:
            self._editor.flush()
        self.stack.setCurrentWidget(self.clients_page)
        self.refresh_drafts()
        self.clients_page.search.setFocus()

    def new_client(self) -> None:
        from desktop.ui.client_dialog import ClientDialog

        dialog = ClientDialog(self.services, None, self)
        dialog.saved.connect(self._client_saved)
        dialog.open_requested.connect(self.open_client)
        self._client_dialog = dialog
        dialog.open()

    def edit_client(self, client_id: int) -> None:
        from desktop.ui.client_dialog import ClientDialog

        dialog = ClientDialog(self.services, client_id, self)
        dialog.saved.connect(self._client_saved)
        self._client_dialog = dialog
        dialog.open()

    def _edit_current_client(self) -> None:
        client_id = self.current_client_id()
        if client_id is not None:
            self.edit_client(client_id)

    def _client_saved(self, client_id: int) -> None:
        self.clients_page.reload()
        self.open_client(client_id)

    def current_client_id(self) -> int | None:
        current = self.stack.currentWidget()
        if current is self.clients_page:
            return self.clients_page._selected_id()
        if current is self._client_page:
            return self._client_page.client_id
        if current is self._editor:
            return self._editor.client_id
        return None

    # -- client page ------------------------------------------------------------------

    @property
    def client_page(self) -> Any:
        if self._client_page is None:
            from desktop.ui.client_page import ClientPage

            page = ClientPage(self.services, self.stack)
            page.back_requested.connect(self.show_clients)
            page.edit_client_requested.connect(self.edit_client)
            page.new_assessment_requested.connect(lambda cid: self.open_assessment_for(cid, prefill=False))
            page.reassessment_requested.connect(lambda cid: self.open_assessment_for(cid, prefill=True))
            page.visit_activated.connect(self.open_assessment)
            page.export_requested.connect(self._export_visit)
            self.stack.addWidget(page)
            self._client_page = page
            splitter = self._window_state.value("client_page/splitter")
            if isinstance(splitter, QByteArray) and not splitter.isEmpty():
                page.sizes_remembered = page.splitter.restoreState(splitter)
            forget_module_sources()
        return self._client_page

    def open_client(self, client_id: int) -> Any:
        """Show one client's page; returns it."""
        page = self.client_page
        page.show_client(client_id)
        self.stack.setCurrentWidget(page)
        page.new_button.setFocus()
        return page

    # -- assessment ---------------------------------------------------------------------

    @property
    def editor(self) -> Any:
        if self._editor is None:
            from desktop.ui.assessment.editor import AssessmentEditor

            editor = AssessmentEditor(self.services, self.stack)
            editor.closed.connect(self._editor_closed)
            editor.saved.connect(lambda _aid: self.clients_page.refresh_client(editor.client_id)
                                 if editor.client_id is not None else self.clients_page.reload())
            self.stack.addWidget(editor)
            self._editor = editor
            forget_module_sources()
        return self._editor

    def open_assessment_for(self, client_id: int, *, prefill: bool = False) -> Any:
        """Start (or resume) a new visit for a client; ``prefill`` carries over the last visit."""
        editor = self.editor
        self.stack.setCurrentWidget(editor)
        editor.open_new(client_id, prefill=prefill)
        return editor

    def open_assessment(self, assessment_id: int) -> Any:
        """Open a stored visit for review or correction."""
        editor = self.editor
        self.stack.setCurrentWidget(editor)
        editor.open_existing(assessment_id)
        return editor

    def resume_draft(self, key: str) -> Any:
        editor = self.editor
        self.stack.setCurrentWidget(editor)
        editor.open_draft(key)
        return editor

    def _editor_closed(self, client_id: int) -> None:
        if client_id >= 0:
            self.open_client(client_id)
        else:
            self.show_clients()
        self.refresh_drafts()

    def _export_visit(self, assessment_id: int) -> None:
        editor = self.open_assessment(assessment_id)
        editor.go_to_step(len(editor.pages) - 1)

    def open_outcome_report(self) -> Any:
        """The clinic outcome report dialog (date range; PDF and CSV written off the GUI thread)."""
        from desktop.ui.outcomes_dialog import OutcomeReportDialog

        dialog = OutcomeReportDialog(self.services.reports, self)
        self._outcome_dialog = dialog
        dialog.open()
        return dialog

    # -- settings ----------------------------------------------------------------------

    @property
    def clinic(self) -> Any:
        """The clinic profile service (letterhead, clinicians, demo clients)."""
        return self.services.clinic

    def _storage_failed(self, error: BaseException) -> None:
        dialogs.warn(self, tr(self, "Medius"), tr(self, "Medius could not read or save the clinic's details.\n\n%1")
                     .arg(plain_message(error)))

    def open_settings(self) -> Any:
        """Read the clinic profile off the GUI thread, then show Settings; returns the reading task."""
        self._settings_dialog = None
        return run_in_background(self.clinic.profile, on_success=self._show_settings, on_error=self._storage_failed)

    def _show_settings(self, profile: Any) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(profile, self.services.norms, self)
        dialog.saved.connect(self.save_clinic)
        dialog.assistant_requested.connect(self.open_assistant)
        self._settings_dialog = dialog
        dialog.open()

    def open_assistant(self) -> Any:
        """The set-up assistant again (letterhead and clinicians); returns the reading task."""
        self._assistant = None

        def show(profile: Any) -> None:
            from desktop.ui.first_start import SetupAssistant

            wizard = SetupAssistant(profile, first_start=False, parent=self)
            wizard.accepted.connect(lambda: self.apply_setup(wizard.choices()))
            self._assistant = wizard
            wizard.open()

        return run_in_background(self.clinic.profile, on_success=show, on_error=self._storage_failed)

    def apply_setup(self, choices: Any) -> Any:
        """Store the assistant's letterhead and clinicians (and demo clients) off the GUI thread."""
        def done(demo_count: int) -> None:
            self.statusBar().showMessage(tr(self, "Clinic details saved.") if not demo_count else
                                         tr(self, "Clinic details saved; %1 demo clients added.").arg(demo_count),
                                         8000)
            if demo_count:
                self.clients_page.reload()
            if self._editor is not None:
                self._editor.refresh_clinicians()

        if choices.add_demo_clients:
            self.progress.start(tr(self, "Adding demo clients…"))
        return mutate(self.clinic.apply_setup, choices.profile, choices.add_demo_clients, owner=self,
                      success=self._after_progress(done), failure=self._after_progress(self._storage_failed),
                      progress=self.progress.report)

    def add_demo_clients(self) -> Any:
        """Add the demo clients (from the empty client list) off the GUI thread, showing how far along it is."""
        def done(count: int) -> None:
            self.statusBar().showMessage(tr(self, "%1 demo clients added.").arg(count), 8000)
            self.clients_page.reload()

        self.clients_page.demo_button.setEnabled(False)
        self.progress.start(tr(self, "Adding demo clients…"))
        return mutate(self.clinic.add_demo_clients, owner=self, success=self._after_progress(done),
                      failure=self._after_progress(self._storage_failed), progress=self.progress.report)

    def _after_progress(self, then: Callable[[Any], None]) -> Callable[[Any], None]:
        def finished(outcome: Any) -> None:
            self.progress.finish()
            then(outcome)

        return finished

    def save_clinic(self, profile: Any) -> Any:
        """Store letterhead and clinicians off the GUI thread; returns the task."""
        def saved(_stored: Any) -> None:
            self.statusBar().showMessage(tr(self, "Clinic details saved."), 5000)
            if self._editor is not None:
                self._editor.refresh_clinicians()

        return run_in_background(self.clinic.save, profile, on_success=saved, on_error=self._storage_failed)

    # -- closing -----------------------------------------------------------------------

    def _wait_for_workers(self) -> None:
        from desktop.ui.worker import wait_for_all

        wait_for_all(30000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._editor is not None:
            try:
                self._editor.flush()
            except Exception:  # noqa: BLE001 - closing must not be blocked; the error is logged
                log.exception("could not write the draft on close")
        self._wait_for_workers()
        self.remember_window_state()
        super().closeEvent(event)

    def remember_window_state(self) -> None:
        """Size, position and splitter positions for the next start (a few bytes, no client data)."""
        self._window_state.setValue("window/geometry", self.saveGeometry())
        # A client with no visits hides the splitter: its sizes then mean nothing, keep the last good ones.
        if self._client_page is not None and not self._client_page.splitter.isHidden():
            self._window_state.setValue("client_page/splitter", self._client_page.splitter.saveState())
        self._window_state.sync()


