"""Safety features the main window calls from its menus (imported lazily).

Public API (all return at once; windows open non-modally and are returned):

- ``open_backups_dialog(parent, services) -> BackupsDialog``
- ``open_audit_dialog(parent, services, client_id) -> AuditDialog``
- ``export_client_data(parent, services, client_id) -> Task | None`` (privacy request; files in a chosen folder)
- ``confirm_and_delete_client(parent, services, client_id, done) -> tasks`` (``done(deleted)`` at the end)
- ``open_security_settings(parent, services) -> SecurityDialog``
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.services.errors import plain_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.services.app_services import AppServices
    from desktop.ui.safety.audit_dialog import AuditDialog
    from desktop.ui.safety.backups_dialog import BackupsDialog
    from desktop.ui.safety.security_dialog import SecurityDialog

log = logging.getLogger(__name__)

_open_windows: list[Any] = []


def _show(dialog: Any) -> Any:
    _open_windows.append(dialog)
    dialog.finished.connect(lambda _code: _open_windows.remove(dialog) if dialog in _open_windows else None)
    dialog.show()
    return dialog


def open_backups_dialog(parent: QWidget | None, services: AppServices) -> BackupsDialog:
    from desktop.ui.safety.backups_dialog import BackupsDialog

    dialog = BackupsDialog(services, parent)
    if parent is not None and hasattr(parent, "refresh"):
        dialog.restored.connect(parent.refresh)
    return _show(dialog)


def open_audit_dialog(parent: QWidget | None, services: AppServices, client_id: int | None) -> AuditDialog:
    from desktop.ui.safety.audit_dialog import AuditDialog

    return _show(AuditDialog(services, client_id, parent))


def open_security_settings(parent: QWidget | None, services: AppServices) -> SecurityDialog:
    from desktop.ui.safety.security_dialog import SecurityDialog

    return _show(SecurityDialog(services, parent))


def _need_client(parent: QWidget | None, client_id: int | None) -> bool:
    from desktop.ui.safety import prompts

    if client_id is None:
        prompts.inform(parent, "Medius", "Choose a client in the list first.")
        return False
    return True


def export_client_data(parent: QWidget | None, services: AppServices, client_id: int | None) -> Any:
    """Ask for a folder, then write the client's JSON and PDF there off the GUI thread."""
    from desktop.ui.safety import prompts
    from desktop.ui.worker import mutate

    if not _need_client(parent, client_id):
        return None
    folder = prompts.choose_folder(parent, "Folder for the client's data", services.paths.exports)
    if folder is None:
        return None

    def done(result: Any) -> None:
        from desktop.services.files import READ_ONLY_NOT_AUDITED

        written = f"Written:\n{result.json_path.name}\n{result.pdf_path.name}\n\nin {result.json_path.parent}"
        note = "" if result.audited else f"\n\nNote: {READ_ONLY_NOT_AUDITED}."
        prompts.inform(parent, "Privacy export", written + note)

    def failed(error: BaseException) -> None:
        log.warning("privacy export failed: %s", type(error).__name__)
        prompts.warn(parent, "Privacy export", plain_message(error))

    return mutate(services.exports.privacy_export, client_id, folder, success=done, failure=failed)


def confirm_and_delete_client(parent: QWidget | None, services: AppServices, client_id: int | None,
                              done: Callable[[bool], None] | None = None) -> Any:
    """Say plainly what deletion means (backups keep the data until they rotate out), then delete.

    Storage is read and written off the GUI thread; ``done(deleted)`` runs at the end. Returns the
    running task, or None when no client was chosen.
    """
    from desktop.services.privacy import delete_warning
    from desktop.ui.safety import prompts
    from desktop.ui.worker import mutate, query

    def finish(deleted: bool) -> None:
        if done is not None:
            done(deleted)

    if not _need_client(parent, client_id):
        finish(False)
        return None
    assert client_id is not None

    def failed(error: BaseException) -> None:
        prompts.warn(parent, "Delete client", plain_message(error))
        finish(False)

    def counted(count: int) -> None:
        if not prompts.confirm(parent, "Delete client", delete_warning(client_id, count)):
            finish(False)
            return
        holder[0] = mutate(services.clients.delete, client_id, success=lambda _none: finish(True), failure=failed)

    holder: list[Any] = [query(services.clients.visit_count, client_id, success=counted, failure=failed)]
    return holder


def backup_now(parent: QWidget | None, services: AppServices) -> BackupsDialog:
    dialog = open_backups_dialog(parent, services)
    dialog.back_up()
    return dialog
