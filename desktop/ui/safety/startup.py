"""The safety steps of start-up that talk to the clinician: password, damage, audit warning.

Each question goes through ``prompts`` (patched in tests). The order lives in
``desktop.app.run_gui``; these functions return plain values.
"""

from __future__ import annotations

import logging
from typing import Any

from desktop.paths import AppPaths
from desktop.services import security
from desktop.services.startup import (
    damage_message,
    database_health,
    find_recovery_backup,
    had_data,
    restore_over_damaged,
)
from desktop.ui.safety import prompts

log = logging.getLogger(__name__)
TITLE = "Medius"

ALREADY_RUNNING = ("Medius is already open on this computer for this data folder. "
                   "Switch to that window; only one can use the clinic's records at a time.")
SETUP_TITLE = "Set up Medius"


class StartCancelled(Exception):
    """The clinician chose not to go on (cancelled the password prompt)."""


def obtain_key(paths: AppPaths, *, interactive: bool = True) -> str | None:
    """The database key for this folder (see ``open_folder``)."""
    return open_folder(paths, interactive=interactive)[0]


def open_folder(paths: AppPaths, *, interactive: bool = True) -> tuple[str | None, Any]:
    """The database key for this folder, and the set-up answers of a new folder.

    An encrypted folder asks for its password. A new folder (interactive start,
    no database yet) runs the set-up assistant, whose protection page replaces
    a bare yes/no question; the encrypted folder is created here when chosen.
    The answers (``SetupChoices``, or None when skipped) go to the window.
    """
    if security.is_encrypted(paths):
        text = "Enter the clinic password to open Medius."
        while True:
            password = prompts.ask_password(None, TITLE, text)
            if password is None:
                raise StartCancelled
            try:
                return security.unlock(paths, password), None
            except security.WrongPasswordError as error:
                log.info("wrong password at start")
                text = str(error)
    first_start = not paths.database.exists() and not had_data(paths)  # a lost database is not a first start
    if interactive and first_start:
        choices = prompts.first_start(None, SETUP_TITLE)
        if choices is not None and choices.password:
            return security.create_encrypted_folder(paths, choices.password), choices
        return None, choices
    return None, None


def recover_if_damaged(paths: AppPaths, key_hex: str | None) -> bool:
    """True to go on. A damaged file is renamed aside (kept) before a verified backup replaces it."""
    health = database_health(paths, key_hex)
    if health.storage_error is not None:  # a full disk or a missing drive is not damage: no restore offered
        prompts.warn(None, TITLE, f"Medius cannot open its database right now.\n\n{health.storage_error}")
        return False
    if not health.damaged:
        return True
    backup = find_recovery_backup(paths, key_hex)
    message = damage_message(health, backup)
    if backup is None:
        prompts.warn(None, TITLE, message)
        return False
    if not prompts.confirm(None, TITLE, message):
        prompts.inform(None, TITLE, "Medius will close without changing anything. The damaged file is untouched.")
        return False
    outcome = restore_over_damaged(paths, backup.path, key_hex)
    kept = f" The previous file was kept as {outcome.set_aside}." if outcome.set_aside else ""
    prompts.inform(None, TITLE, f"The backup was restored.{kept}")
    return True
