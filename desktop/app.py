"""GUI composition root: paths, single instance, logging, password, checks, database, window.

Start-up order, each step able to stop politely: data folder usable; no other
Medius on it (lock file); logging. Then one of two paths:

- quick start, the ordinary case: a plain database that passes ``quick_check``
  and is at the current schema fills the client list from a stdlib read
  (``db.quick``, begun on a thread before Qt loads: SQLite's part of it runs
  beside the import); the window shows, the start-up checks and client pages
  read through ``db.quick.QuickReader``, and the storage layer (SQLAlchemy, the
  models) opens in the background in the first quiet moment after idle;
- full start, everything else: the clinic password when the folder is
  encrypted (or the offer to set one at first start), ``quick_check`` with
  recovery from the newest good backup, migrations, then the window.

Once the window is up: the audit-chain check and the daily backup in the
background. At exit: a backup if anything changed since the newest automatic
one, then the lock is released. Nothing here imports reportlab or pyqtgraph;
they load when first needed; after idle the report code is warmed in the first
quiet moment. ``--exit-after-startup`` prints "medius: window ready" when the
first window is shown and filled, then quits; ``--exit-when-idle`` prints that
line, then "medius: idle" once every start-up task has finished, then quits;
``--exit-when-warm`` prints both, then "medius: warm" once the warm-up of the
first quiet moment is done, then quits (benchmarks time the lines).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.quick import FirstPageReading
    from desktop.paths import AppPaths

log = logging.getLogger(__name__)


NO_DISPLAY = """medius: no display to open the window on.

The window needs a graphical desktop, and none is available here: {why}.
- On the clinic computer, start Medius from its desktop (menu entry or `make run`).
- Over SSH, connect with `ssh -X` (X11 forwarding), or use the commands below, which need no display.

Commands that work without a display:
  medius list                                  clients and their visits, with ids
  medius summary ASSESSMENT_ID                 the computed results of one visit
  medius report ASSESSMENT_ID --out FILE.pdf   the referral letter
  medius export --all --out FILE.json          everything, in the exchange format
  medius backup / medius check / medius demo
  medius --help                                every command and option
"""


def display_problem(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can open here (Linux without a display server), or None.

    Checked before Qt loads: Qt would otherwise abort the process (exit 134)
    with a message about a missing xcb plug-in library.
    """
    import os

    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if requested and requested not in ("xcb", "wayland", "wayland-egl"):
        return None  # offscreen, vnc, eglfs, linuxfb...: the platform plug-in needs no display server
    has_x11, has_wayland = bool(env.get("DISPLAY")), bool(env.get("WAYLAND_DISPLAY"))
    if requested == "xcb" and not has_x11:
        return "QT_QPA_PLATFORM is xcb but DISPLAY is not set"
    if requested.startswith("wayland") and not has_wayland:
        return "QT_QPA_PLATFORM is wayland but WAYLAND_DISPLAY is not set"
    if not requested and not has_x11 and not has_wayland:
        return "neither DISPLAY nor WAYLAND_DISPLAY is set"
    return None


def run_gui(args: argparse.Namespace) -> int:
    why = display_problem()
    if why is not None:
        sys.stderr.write(NO_DISPLAY.format(why=why))
        return 1
    # Our light modules load before Qt: PySide6's import hook slows every import after it.
    from contextlib import ExitStack

    from db.quick import FirstPageReading
    from desktop.imports import pyside_source_scan_skipped
    from desktop.paths import resolve_paths
    from desktop.services.drafts import DRAFT_PREFIX

    paths = resolve_paths(args.data_dir)
    local = args.database_url is None
    # An ordinary start (plain, sound, current database) fills the window from a stdlib
    # read, which runs while Qt loads (it only reads; its result is used once the folder
    # checks and the lock below have passed), and opens the storage layer in the
    # background after the first paint.
    reading = (FirstPageReading(paths.database, DRAFT_PREFIX)
               if local and not paths.security_file.exists() else None)

    # isort: split
    import PySide6.QtCore  # noqa: F401 - Qt loads here, beside the reading, and installs its import hook

    # Until the window shows, that hook does not read the source of every module imported
    # (desktop.imports; Medius never uses ``__feature__``): some 55 modules, about 9 ms of every launch.
    with ExitStack() as until_shown:
        until_shown.enter_context(pyside_source_scan_skipped())
        return _run_window(args, paths, reading, shown=until_shown.close)


def _run_window(args: argparse.Namespace, paths: AppPaths, reading: FirstPageReading | None, *,
                shown: Callable[[], None]) -> int:
    """The folder checks, the lock, the first window and the event loop; ``shown()`` once the window is."""
    from PySide6.QtCore import Qt, QTimer

    from desktop import APP_NAME
    from desktop.logging_setup import setup_logging
    from desktop.paths import data_folder_message
    from desktop.ui.safety import prompts
    from desktop.ui.safety.instance import InstanceLock

    app, appearance = _application()
    try:
        problem = paths.ensure().write_problem()
    except OSError as exc:
        problem = exc.errno or 0
    if problem is not None:
        prompts.warn(None, APP_NAME, data_folder_message(paths.data_dir, problem))
        return 1
    lock = InstanceLock(paths)
    if not lock.acquire():
        from desktop.ui.safety.startup import ALREADY_RUNNING

        prompts.inform(None, APP_NAME, ALREADY_RUNNING)
        return 0
    local = args.database_url is None
    try:
        setup_logging(paths.logs)
        exit_after_startup = bool(getattr(args, "exit_after_startup", False))
        first_page = reading.result() if reading is not None else None
        if first_page is not None:
            from db.quick import QuickReader
            from desktop.services.handle import RepositoryHandle

            repo: Any = RepositoryHandle(lambda: _open_storage(paths), quick=QuickReader(paths.database))
        setup: list[Any] = []
        if first_page is None:
            repo = _open_storage_with_checks(args, paths, interactive=not exit_after_startup, setup=setup)
            if isinstance(repo, int):
                return repo
        from desktop.services.app_services import build_services
        from desktop.ui.main_window import MainWindow

        services = build_services(repo, paths)
        window = MainWindow(services, first_page=first_page)
        window.show()
        shown()
        if setup and setup[0] is not None:
            window.apply_setup(setup[0])
        # A start that quits at once (--exit-after-startup) has no letter to warm the report code for.
        background = _Background(services, window, local, warm_reports=not exit_after_startup)
        if first_page is None:
            background.start()
        else:  # once the filled list has painted; the checks read through the quick reader, storage opens after
            window.clients_loaded.connect(lambda: QTimer.singleShot(0, window, background.start),
                                          Qt.ConnectionType.SingleShotConnection)
        _quit_when_asked(args, app, window, background)
        code = int(app.exec())
        del appearance
        background.stop()
        if local:
            if not background.failed:
                # Due when a day has passed or anything changed since the newest automatic backup (this
                # session or an earlier one that ended without it); decided through the quick reader
                # when storage has not opened, which then opens only to record a backup it takes.
                _backup_at_exit(services)
            from desktop.services.files import restrict_permissions

            restrict_permissions(paths)
        return 1 if background.failed else code
    finally:
        lock.release()


def _application() -> tuple[Any, Any]:
    """The QApplication with Medius's names and icon, and its light or dark appearance (as the desktop says)."""
    from desktop import APP_NAME
    from desktop.paths import resource

    # isort: split
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.ui.appearance import Appearance

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("medius")
    app.setWindowIcon(QIcon(str(resource("icons", "medius.svg"))))
    return app, Appearance(app)


def _quit_when_asked(args: argparse.Namespace, app: Any, window: Any, background: Any) -> None:
    """--exit-after-startup quits once the client list is filled; --exit-when-idle once every
    start-up task has finished; --exit-when-warm once the warm-up after idle is done (each prints
    a line at each moment it passes, which the benchmarks wait for)."""
    from PySide6.QtCore import Qt, QTimer

    exit_when_warm = bool(getattr(args, "exit_when_warm", False))
    exit_when_idle = bool(getattr(args, "exit_when_idle", False)) and not exit_when_warm
    exit_after_startup = bool(getattr(args, "exit_after_startup", False)) and not (exit_when_idle or exit_when_warm)

    def say(line: str, then_quit: bool) -> Callable[[], None]:
        def said() -> None:
            print(f"medius: {line}", flush=True)
            if then_quit:
                QTimer.singleShot(0, app.quit)

        return said

    if exit_after_startup or exit_when_idle or exit_when_warm:
        window.clients_loaded.connect(say("window ready", exit_after_startup), Qt.ConnectionType.SingleShotConnection)
    if exit_when_idle or exit_when_warm:
        background.when_idle.append(say("idle", exit_when_idle))
    if exit_when_warm:
        background.when_warm.append(say("warm", True))


def _open_storage(paths: Any) -> Any:
    from desktop.imports import collector_paused, forget_module_sources, pyside_source_scan_skipped

    with collector_paused(), pyside_source_scan_skipped():
        from desktop.services.database import open_repository

        repo = open_repository(paths)
    forget_module_sources()  # SQLAlchemy and the models, imported after Qt
    return repo


def _open_storage_with_checks(args: argparse.Namespace, paths: Any, *, interactive: bool,
                              setup: list[Any] | None = None) -> Any:
    """The full path: password (or the set-up assistant of a new folder, whose answers are
    appended to ``setup``), damage check and recovery, migrations. An int is an exit code."""
    from db.engine import DatabaseError
    from desktop import APP_NAME
    from desktop.services.database import open_repository
    from desktop.ui.safety import prompts
    from desktop.ui.safety.startup import StartCancelled, open_folder, recover_if_damaged

    local = args.database_url is None
    try:
        from desktop.services.database import is_server_url

        if not local and is_server_url(args.database_url):
            from desktop.ui.safety.sign_in import open_clinic_server

            return open_clinic_server(args.database_url, paths)
        key, choices = open_folder(paths, interactive=interactive) if local else (None, None)
        if setup is not None:
            setup.append(choices)
        if local and not recover_if_damaged(paths, key):
            return 1
        repo = open_repository(paths, args.database_url, key_hex=key)
        from desktop.imports import forget_module_sources

        forget_module_sources()
        return repo
    except StartCancelled:
        return 0
    except (DatabaseError, OSError) as exc:
        from db.errors import storage_error_from

        log.error("could not open the database: %s", type(exc).__name__)
        shown = storage_error_from(exc) if isinstance(exc, OSError) else exc
        prompts.warn(None, APP_NAME, f"Medius could not open its database.\n\n{shown or exc.strerror}")
        return 1


class _Background:
    """What runs once the window is up: audit check, idle lock, backup check.

    Once every start-up task has finished (the storage lane is free, so the
    first client page opens without waiting), the callables in ``when_idle``
    run. Then, in the first quiet moment (``ui.quiet``), the storage layer
    opens off the GUI thread when a quick start deferred it (until then the
    quick reader answers the start-up checks and client pages; anything else
    opens it at once and waits for it), and the report code and fonts are
    warmed, so the first letter of the session costs what later ones do; the
    callables in ``when_warm`` run after.
    """

    def __init__(self, services: Any, window: Any, local: bool, *, warm_reports: bool = True) -> None:
        self.services, self.window, self.local = services, window, local
        self.warm_reports = warm_reports
        self.idle: Any = None
        self.courier: Any = None
        self.failed = False
        self.when_idle: list[Callable[[], None]] = []
        self.when_warm: list[Callable[[], None]] = []
        self.warm = False
        self.warm_up: Any = None
        self.quiet: Any = None

    def _failed(self, error: BaseException) -> None:
        from desktop import APP_NAME
        from desktop.services.errors import plain_message
        from desktop.ui.safety import prompts

        self.failed = True
        log.error("could not open the database: %s", type(error).__name__)
        prompts.warn(self.window, APP_NAME, f"Medius could not open its database.\n\n{plain_message(error)}")
        self.window.close()

    def start(self) -> None:
        from desktop.ui.safety.audit_check import check_audit_in_background

        if getattr(self.services.storage.repository, "role", None) != "reception":  # may not read the audit trail
            check_audit_in_background(self.services, self.window, with_anchor=self.local)
        if self.local:
            self.idle = _start_background_safety(self.services, self.window)
        else:
            from desktop.ui.safety.idle_lock import IdleLock
            from desktop.ui.safety.outbox_courier import OutboxCourier

            self.idle = IdleLock(self.services, self.window)  # on a server it also signs the person out
            self.courier = OutboxCourier(self.services, self.window, self.window)
            self.courier.start()
        from desktop.ui.worker import activity

        tracker = activity()
        if tracker.busy:
            tracker.busy_changed.connect(self._busy_changed)
        else:
            self._reached_idle()

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            from desktop.ui.worker import activity

            activity().busy_changed.disconnect(self._busy_changed)
            self._reached_idle()

    def _reached_idle(self) -> None:
        from desktop.ui.quiet import QuietMoment

        self.quiet = QuietMoment(self._warm_up, parent=self.window)
        for callback in self.when_idle:
            callback()

    def _warm_up(self) -> None:
        from desktop.ui.worker import run_in_background

        if not self.services.storage.is_open:
            self.warm_up = run_in_background(self.services.storage.open, on_success=lambda _none: self._warm_reports(),
                                             on_error=self._failed)
        else:
            self._warm_reports()

    def _warm_reports(self) -> None:
        from desktop.ui.worker import run_in_background

        if not self.warm_reports:
            self._warmed()
            return
        self.warm_up = run_in_background(self.services.reports.warm_up, on_success=lambda _none: self._warmed(),
                                         on_error=self._warm_up_failed)

    def _warm_up_failed(self, error: BaseException) -> None:
        log.warning("report warm-up failed: %s", type(error).__name__)  # the first letter loads what it needs
        self._warmed()

    def _warmed(self) -> None:
        self.warm = True
        for callback in self.when_warm:
            callback()

    def stop(self) -> None:
        if self.quiet is not None:
            self.quiet.cancel()
        if self.idle is not None:
            self.idle.stop()
        if self.courier is not None:
            self.courier.stop()


def _start_background_safety(services: Any, window: Any) -> Any:
    """The idle lock, and the daily backup off the GUI thread once the window is up."""
    from desktop.ui.safety.idle_lock import IdleLock
    from desktop.ui.worker import mutate

    idle = IdleLock(services, window)

    def failed(error: BaseException) -> None:
        log.warning("automatic backup at start failed: %s", type(error).__name__)
        window.statusBar().showMessage(window.tr("The automatic backup failed: ") + str(error), 15000)

    mutate(services.safety.backups.automatic, failure=failed)
    return idle


def _backup_at_exit(services: Any) -> None:
    from desktop.ui.worker import wait_for_all

    wait_for_all(60000)
    try:
        services.safety.backups.automatic(at_exit=True)
    except Exception as exc:  # noqa: BLE001 - closing must finish; the reason is logged
        log.warning("automatic backup at exit failed: %s", type(exc).__name__)
