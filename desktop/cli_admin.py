"""Sub-commands that look after the data rather than the records: backup, restore, check, users, server."""

from __future__ import annotations

import sys
from typing import Any

from desktop.cli_base import CommandBase, shown_url
from desktop.cli_base import out as _out
from desktop.cli_parser import EXIT_ERROR, EXIT_OK, UsageError


class AdminCommands(CommandBase):
    """backup, restore, check, users, server."""

    def do_backup(self) -> int:
        if self.on_server:
            return self._server_backup()
        from desktop.services.backup import BackupService

        info = BackupService(self.repo, self.paths).back_up(self.args.out)
        sealed = ", encrypted" if info.encrypted else ""
        _out(f"Backup written to {info.path} ({info.clients} client(s), {info.assessments} assessment(s){sealed})")
        return EXIT_OK

    def _server_backup(self) -> int:
        from datetime import datetime

        from desktop.services.server_backup import back_up_server

        out = self.args.out or self.paths.backups / f"medius-server-{datetime.now():%Y%m%d-%H%M%S}.dump"
        self.repo.record_event("backup", "database", None, None, "kind=pg_dump")
        info = back_up_server(self.args.database_url, out)
        _out(f"Backup written to {info.path} ({info.clients} client(s), {info.assessments} assessment(s); "
             f"verified by restoring it into a scratch database)")
        return EXIT_OK

    def _server_restore(self) -> int:
        from desktop.services.server_backup import restore_server

        self.sign_in()
        info, safety = restore_server(self.args.database_url, self.args.file, self.paths.backups)
        self.repo.record_event("restore", "database", None, None, f"clients={info.clients}")
        _out(f"Restored {info.clients} client(s) and {info.assessments} assessment(s). "
             f"The database as it was is kept in {safety}")
        return EXIT_OK

    def do_restore(self) -> int:
        if self.on_server:
            return self._server_restore()
        from db.errors import ReadOnlyStorageError
        from desktop.services.backup import (
            BackupError,
            BackupKeyError,
            BackupService,
            describe_backup,
        )
        from desktop.services.database import folder_is_read_only
        from desktop.services.security import key_for_password
        from desktop.services.startup import restore_over_damaged
        from desktop.ui.safety.instance import InstanceLock

        if folder_is_read_only(self.paths):
            raise ReadOnlyStorageError()
        lock = InstanceLock(self.paths)
        if not lock.acquire():
            raise BackupError("Medius is open on this data folder; close it, then restore")
        try:
            key = self._key_hex()
            source = self.args.file
            source_key = None if source.is_file() and source.read_bytes()[:16] == b"SQLite format 3\x00" else key
            try:
                try:
                    info = describe_backup(source, source_key)
                except BackupKeyError:
                    source_key = key_for_password(
                        self.paths, self._password("MEDIUS_BACKUP_PASSWORD", "Password the backup was made with: "))
                    info = describe_backup(source, source_key)
            except BackupError as exc:
                raise UsageError(str(exc)) from None
            when = info.created_at.strftime("%Y-%m-%d %H:%M") if info.created_at else "unknown date"
            _out(f"Backup of {when}: {info.clients} client(s), {info.assessments} assessment(s), "
                 f"newest visit {info.newest_assessment or 'none'}")
            if self._health(key).damaged:
                outcome = restore_over_damaged(self.paths, source, key, source_key)
                self.repo.record_event("restore", "database", None, None, f"clients={outcome.info.clients}")
            else:
                outcome = BackupService(self.repo, self.paths).restore(source, source_key_hex=source_key)
        finally:
            lock.release()
        _out(f"Restored {outcome.info.clients} client(s) and {outcome.info.assessments} assessment(s). "
             f"The previous database was kept at {outcome.kept_copy or outcome.set_aside}")
        return EXIT_OK

    def do_check(self) -> int:
        from db.engine import current_revision
        from desktop.services.audit import check_trail
        from desktop.services.backup import integrity_problems, list_backups

        if self.args.database_url is None:
            key = self._key_hex()
            health = self._health(key)
            if health.damaged:
                backups = list_backups(self.paths.backups)
                _out(f"Database: {self.paths.database}")
                _out(f"Integrity: {health.state}: {health.problems[0] if health.problems else 'unreadable'}")
                _out(f"Backups: {len(backups)}{f', newest {backups[0].name}' if backups else ''}")
                sys.stderr.write(f"medius check: {self._recovery_text(health, key)}\n")
                return EXIT_ERROR
        repo = self.repo
        revision = current_revision(repo.engine)
        local = repo.database_path
        problems = integrity_problems(local, repo.key_hex) if local else []
        trail = check_trail(repo, self.paths)
        counts = repo.table_counts()
        backups = list_backups(self.paths.backups) if local else []
        _out(f"Database: {local or shown_url(self.args.database_url)}{' (encrypted)' if repo.key_hex else ''}"
             f"{' (read-only folder)' if repo.read_only else ''}")
        _out(f"Schema revision: {revision}")
        _out(f"Integrity: {'ok' if not problems else problems[0]}")
        _out(trail.line())
        _out(f"Clients: {counts.get('clients', 0)}, assessments: {counts.get('assessments', 0)}")
        _out(f"Backups: {len(backups)}{f', newest {backups[0].name}' if backups else ''}")
        if not trail.intact:
            sys.stderr.write("medius check: the audit trail does not match its anchor or the newest backup: "
                             "records may have been changed or removed outside Medius. Keep this database "
                             "and its backups as they are and contact support.\n")
        return EXIT_OK if not problems and trail.intact else EXIT_ERROR

    def do_users(self) -> int:
        from db.users import UserStore
        from desktop.services.accounts import check_new_user, hash_password

        if not self.on_server:
            raise UsageError("users exist on a clinic server only: give --database-url postgresql+psycopg://...")
        store = UserStore(self.repo)
        command = self.args.users_command
        if command == "add":
            password = self._new_password(self.args.name)
            try:
                check_new_user(self.args.name, self.args.role, password)
                store.add(self.args.name, self.args.role, hash_password(password))
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            _out(f"Added {self.args.name} ({self.args.role})")
        elif command == "list":
            for name, role, disabled, locked in store.list():
                state = "disabled" if disabled else (f"locked until {locked:%H:%M} UTC" if locked else "active")
                _out(f"{name:<24} {role:<10} {state}")
        elif command == "set-password":
            self._set_password(store)
        else:
            store.set_disabled(self.args.name, command == "disable")
            _out(f"{self.args.name} {'disabled' if command == 'disable' else 'enabled'}")
        return EXIT_OK

    def _set_password(self, store: Any) -> None:
        from desktop.services.accounts import MIN_PASSWORD_CHARS, hash_password
        from desktop.services.outbox import open_outbox

        name = self.args.name
        password = self._new_password(name)
        if len(password) < MIN_PASSWORD_CHARS:
            raise UsageError(f"password: at least {MIN_PASSWORD_CHARS} characters")
        store.set_password_hash(name, hash_password(password))
        _out(f"New password set for {name}")
        if name == self.sign_in().name:
            # One's own change: the visits kept on this laptop are sealed under the new password now.
            open_outbox(self.paths.data_dir, self.args.database_url, name,
                        self.__dict__["_signed_in_with"]).reseal(password)
        else:
            _out(f"If {name} keeps visits on a laptop that the clinic server has not received yet, Medius "
                 "asks there for the previous password at the next sign-in to send them.")

    def do_server(self) -> int:
        if not self.on_server:
            raise UsageError("give the clinic server with --database-url postgresql+psycopg://... "
                             "(or MEDIUS_DATABASE_URL)")
        if self.args.server_command == "init":
            import os

            from desktop.services.clinic_server import init_server

            password = self._new_password(self.args.admin)
            try:
                outcome = init_server(self.args.database_url, self.args.admin, password,
                                      login_password=os.environ.get("MEDIUS_SERVER_PASSWORD"))
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            _out(outcome)
            return EXIT_OK
        from desktop.services.clinic_server import MoveRefused, migrate_from

        try:
            report = migrate_from(self.repo, self.args.source, duplicates=self.args.duplicates,
                                  key_hex=self._source_key(self.args.source))
        except MoveRefused as exc:
            raise UsageError(str(exc)) from None
        _out(str(report))
        return EXIT_OK
