"""What every sub-command shares: the data folder, the store opened on first use, signing in, passwords."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli_parser import UsageError


def shown_url(url: str) -> str:
    """A database URL fit to print or log: the password, if any, is masked."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def out(text: str) -> None:
    sys.stdout.write(text + "\n")


class CommandBase:
    """The data folder, the store and the services, opened on first use; signing in and passwords."""

    def __init__(self, args: argparse.Namespace) -> None:
        from desktop.paths import resolve_paths

        self.args = args
        self.paths = resolve_paths(args.data_dir)
        self._repo: Any = None
        self._services: Any = None

    @property
    def repo(self) -> Any:
        if self._repo is None:
            from desktop.services.database import open_repository

            if self.on_server:
                self._repo = open_repository(self.paths, self.args.database_url, user=self.sign_in())
                return self._repo
            key = self._key_hex()
            if self.args.database_url is None:
                self._refuse_unless_sound(key)
            self._repo = open_repository(self.paths, self.args.database_url, key_hex=key)
        return self._repo

    def _health(self, key: str | None) -> Any:
        from desktop.services.startup import database_health

        health = database_health(self.paths, key)
        if health.storage_error is not None:
            raise health.storage_error
        return health

    def _refuse_unless_sound(self, key: str | None) -> None:
        """A damaged, missing or foreign database is named, never opened, created over or migrated."""
        health = self._health(key)
        if health.damaged:
            raise type(health.error())(self._recovery_text(health, key))

    def _recovery_text(self, health: Any, key: str | None) -> str:
        from desktop.services.startup import command_line_message, find_recovery_backup

        return command_line_message(health, find_recovery_backup(self.paths, key))

    @property
    def on_server(self) -> bool:
        from desktop.services.database import is_server_url

        return bool(self.args.database_url) and is_server_url(self.args.database_url)

    def sign_in(self) -> Any:
        """The person signed in to the clinic server (--user / MEDIUS_USER, MEDIUS_PASSWORD or asked)."""
        import os

        from desktop.services.accounts import AccessDenied
        from desktop.services.database import sign_in_to_server

        if "_user" not in self.__dict__:
            name = getattr(self.args, "user", None) or os.environ.get("MEDIUS_USER")
            if not name:
                raise AccessDenied("this is a clinic server: sign in with --user NAME (or MEDIUS_USER) "
                                   "and MEDIUS_PASSWORD")
            try:
                password = self._password("MEDIUS_PASSWORD", f"Password for {name}: ")
            except UsageError as exc:
                raise AccessDenied(f"no password for {name}: set MEDIUS_PASSWORD or run in a terminal") from exc
            self.__dict__["_user"] = sign_in_to_server(self.args.database_url, name, password)
            self.__dict__["_signed_in_with"] = password  # in memory only: re-sealing one's own outbox
        return self.__dict__["_user"]

    def authorize(self) -> None:
        """On a clinic server: sign in, then refuse (exit 3) what the person's role may not do."""
        if not self.on_server or (self.args.command == "server" and self.args.server_command == "init"):
            return
        from desktop.services.accounts import require

        require(self.sign_in(), self.args.command)

    @property
    def services(self) -> Any:
        """The application's services (desktop.services.app_services), built on first use."""
        if self._services is None:
            from desktop.services.app_services import build_services

            self._services = build_services(self.repo, self.paths)
        return self._services

    def _key_hex(self) -> str | None:
        """The database key of an encrypted data folder: MEDIUS_PASSWORD, else asked on a terminal."""
        from desktop.services.security import is_encrypted, unlock

        if self.args.database_url or not is_encrypted(self.paths):
            return None
        if "_unlocked_key" not in self.__dict__:
            self.__dict__["_unlocked_key"] = unlock(self.paths, self._password("MEDIUS_PASSWORD", "Medius password: "))
        return str(self.__dict__["_unlocked_key"])

    @staticmethod
    def _password(variable: str, prompt: str) -> str:
        import os

        password = os.environ.get(variable)
        if password is not None:
            return password
        if not sys.stdin.isatty():
            raise UsageError(f"the data folder is encrypted: set {variable} or run in a terminal to be asked")
        import getpass

        return getpass.getpass(prompt)

    def _say_if_not_audited(self, audited: bool) -> None:
        if not audited:
            from desktop.services.files import READ_ONLY_NOT_AUDITED

            sys.stderr.write(f"medius {self.args.command}: note: {READ_ONLY_NOT_AUDITED}\n")

    def _new_password(self, name: str) -> str:
        import os

        password = os.environ.get("MEDIUS_NEW_PASSWORD")
        if password is not None:
            return password
        if not sys.stdin.isatty():
            raise UsageError(f"set MEDIUS_NEW_PASSWORD or run in a terminal to choose {name}'s password")
        import getpass

        first = getpass.getpass(f"New password for {name}: ")
        if getpass.getpass("Again: ") != first:
            raise UsageError("the two passwords differ")
        return first

    def _source_key(self, folder: Path) -> str | None:
        from desktop.paths import resolve_paths
        from desktop.services.security import is_encrypted, unlock

        source = resolve_paths(folder)
        if not is_encrypted(source):
            return None
        return str(unlock(source, self._password("MEDIUS_SOURCE_PASSWORD", "Password of that data folder: ")))
