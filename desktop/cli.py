"""The command line (design.md): headless sub-commands sharing --data-dir and --database-url.

Exit codes: 0 success; 2 bad usage or invalid input (the message names the
field by its JSON path); 3 the signed-in user may not do this (clinic server:
wrong password, disabled or locked account, or the role forbids it); 1
anything else, an edit conflict included. A failed command changes nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_DENIED = 3

log = logging.getLogger("medius")


class UsageError(Exception):
    """Bad usage or invalid input: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _iso_date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    def global_options(default: Any) -> argparse.ArgumentParser:
        options = argparse.ArgumentParser(add_help=False)
        options.add_argument("--data-dir", metavar="DIR", default=default,
                             help="folder for the database, backups and logs")
        options.add_argument("--database-url", metavar="URL", default=default,
                             help="SQLAlchemy URL (default: SQLite in the data folder); also MEDIUS_DATABASE_URL")
        options.add_argument("--user", metavar="NAME", default=default,
                             help="who signs in to a clinic server (also MEDIUS_USER; password: MEDIUS_PASSWORD)")
        return options

    # Sub-commands accept the global options too; SUPPRESS keeps a value given
    # before the sub-command from being reset to None by the sub-parser.
    common = global_options(argparse.SUPPRESS)
    parser = _Parser(prog="medius", description="Medius: gluteus medius assessment for low back pain.",
                     parents=[global_options(None)])
    parser.add_argument("--version", action="version", version=f"medius {__version__}")
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="open the window, wait until the client list is filled, then quit (benchmarks)")
    parser.add_argument("--exit-when-idle", action="store_true",
                        help="open the window, wait until every start-up task has finished, then quit (benchmarks)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("import", parents=[common], help="validate and import an exchange file (all or nothing)")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the new ids as JSON")

    p = sub.add_parser("export", parents=[common],
                       help="write clients in the exchange format, as a FHIR R4 Bundle, or as CSV tables")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--client", type=int, metavar="ID")
    who.add_argument("--all", action="store_true")
    p.add_argument("--format", choices=("exchange", "fhir", "csv"), default="exchange",
                   help="exchange JSON (default), fhir (R4 Bundle JSON) or csv (one file per table in a folder)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.json|DIR")

    p = sub.add_parser("list", parents=[common], help="clients and their assessments with ids")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("summary", parents=[common], help="computed results of one assessment")
    p.add_argument("assessment_id", type=int)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("report", parents=[common], help="write the referral PDF of one assessment")
    p.add_argument("assessment_id", type=int)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")

    p = sub.add_parser("handout", parents=[common], help="write the client's own exercise handout PDF")
    p.add_argument("assessment_id", type=int)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--large-print", action="store_true", help="16 pt text, one exercise per page")

    p = sub.add_parser("outcomes", parents=[common],
                       help="clinic outcome report over a date range: a PDF page with charts and its CSV")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", type=_iso_date)
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", type=_iso_date)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--csv", type=Path, metavar="FILE.csv", help="where the CSV goes (default: beside the PDF)")

    p = sub.add_parser("backup", parents=[common], help="consistent online backup of the database")
    p.add_argument("--out", type=Path, metavar="FILE")

    p = sub.add_parser("restore", parents=[common], help="restore the database from a verified backup")
    p.add_argument("file", type=Path)

    p = sub.add_parser("edit", parents=[common],
                       help="replace one assessment with FILE.json (as in an export); refuses to overwrite "
                            "a newer version")
    p.add_argument("assessment_id", type=int)
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.add_argument("--version", type=int, metavar="N",
                   help="the version you opened (from `list --json`); a newer stored one is a conflict")

    p = sub.add_parser("server", parents=[common], help="clinic server (PostgreSQL) set-up and moving data in")
    server = p.add_subparsers(dest="server_command", parser_class=_Parser, required=True)
    s = server.add_parser("init", parents=[common],
                          help="create or upgrade the schema, the database roles and grants, and the first admin")
    s.add_argument("--admin", required=True, metavar="NAME")
    s = server.add_parser("migrate-from", parents=[common],
                          help="copy a single-laptop data folder into the server (admin)")
    s.add_argument("source", type=Path, metavar="DATA_DIR")
    s.add_argument("--duplicates", choices=("refuse", "skip", "keep-both"), default="refuse",
                   help="when the server already holds clients: refuse (default), skip clients already "
                        "there (same name, birth date and file number), or keep both")

    p = sub.add_parser("users", parents=[common], help="people who sign in to a clinic server (admin)")
    users = p.add_subparsers(dest="users_command", parser_class=_Parser, required=True)
    u = users.add_parser("add", parents=[common], help="add a person (password: MEDIUS_NEW_PASSWORD or asked)")
    u.add_argument("name")
    u.add_argument("--role", required=True, choices=("admin", "clinician", "reception"))
    users.add_parser("list", parents=[common], help="everyone who may sign in, with role and state")
    u = users.add_parser("disable", parents=[common], help="stop a person signing in (kept in the audit trail)")
    u.add_argument("name")
    u = users.add_parser("enable", parents=[common], help="let a disabled or locked-out person sign in again")
    u.add_argument("name")

    sub.add_parser("check", parents=[common], help="integrity check and schema version")
    sub.add_parser("demo", parents=[common], help="add a few realistic demo clients with history")

    sub.add_parser("devices", parents=[common], help="list the force-sensor drivers")
    p = sub.add_parser("capture", parents=[common], help="record one trial from a force sensor to CSV")
    p.add_argument("--device", required=True, metavar="NAME", help="a driver from `medius devices`")
    p.add_argument("--seconds", type=float, required=True, metavar="S")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    p.add_argument("--address", metavar="ADDR", help="Bluetooth address or serial port (default: find one)")
    p.add_argument("--no-tare", action="store_true", help="keep the device's zero instead of taring first")
    return parser


def shown_url(url: str) -> str:
    """A database URL fit to print or log: the password, if any, is masked."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


class Commands:
    """One method per sub-command; each opens what it needs and nothing more."""

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

    def do_import(self) -> int:
        from db.errors import DiskFullError, disk_full
        from desktop.services.exchange import import_file
        from desktop.services.files import AUDIT_ROOM_BYTES

        try:
            ids = import_file(self.repo, self.args.file)
        except DiskFullError:
            size = self.args.file.stat().st_size if self.args.file.is_file() else 0
            raise disk_full(4 * size + AUDIT_ROOM_BYTES, self.paths.data_dir, what="the import") from None
        if self.args.json:
            _out(json.dumps({"clients": [{"id": c, "assessment_ids": a} for c, a in ids]}))
        else:
            total = sum(len(a) for _, a in ids)
            _out(f"Imported {len(ids)} client(s) and {total} assessment(s).")
        return EXIT_OK

    def do_export(self) -> int:
        from db.repository import NotFoundError
        from desktop.services.assessments import compute_with_settings
        from desktop.services.exchange import export_document, export_file

        ids = self.repo.all_client_ids() if self.args.all else [self.args.client]
        kind = self.args.format
        try:
            if kind == "fhir":
                from desktop.services.fhir import export_fhir

                document = export_fhir(self.repo, ids)
            elif kind == "csv":
                from desktop.services.csv_export import export_csv

                written, written_audited = export_csv(self.repo, ids, self.args.out, client_id=self.args.client)
            else:
                document = export_document(self.repo, ids, results_for=compute_with_settings(self.repo))
        except NotFoundError as exc:
            raise UsageError(str(exc)) from None
        if kind == "csv":
            audited = written_audited
            where = f"{len(written)} files in {self.args.out}"
        elif kind == "fhir":
            from desktop.services.exchange import exchange_bytes
            from desktop.services.files import publish_audited

            audited = publish_audited(self.args.out, exchange_bytes(document), lambda: self.repo.record_event(
                "export", "fhir", None, self.args.client, f"clients={len(ids)}"), what="the export")
            where = str(self.args.out)
        else:
            audited = export_file(self.repo, self.args.out, document, self.args.client)
            where = str(self.args.out)
        _out(f"Exported {len(ids)} client(s) to {where}")
        self._say_if_not_audited(audited)
        return EXIT_OK

    def _say_if_not_audited(self, audited: bool) -> None:
        if not audited:
            from desktop.services.files import READ_ONLY_NOT_AUDITED

            sys.stderr.write(f"medius {self.args.command}: note: {READ_ONLY_NOT_AUDITED}\n")

    def do_list(self) -> int:
        rows = []
        clinical = self.repo.role != "reception"  # reception sees names and contact details only
        for summary in self.repo.list_clients():
            visits = self.repo.list_assessments(summary.id) if clinical else []
            rows.append({
                "id": summary.id,
                "given_name": summary.given_name,
                "family_name": summary.family_name,
                "date_of_birth": summary.date_of_birth.isoformat(),
                "external_id": summary.external_id,
                "version": self.repo.client_version(summary.id),
                "assessments": [{"id": aid, "performed_on": a.performed_on.isoformat(),
                                 "version": self.repo.assessment_version(aid)} for aid, a in visits],
            })
        if self.args.json:
            _out(json.dumps({"clients": rows}, ensure_ascii=False, indent=2))
            return EXIT_OK
        if not rows:
            _out("No clients yet. Add one in the window, or run `medius demo`.")
        for row in rows:
            visits = ", ".join(f"#{a['id']} {a['performed_on']}" for a in row["assessments"]) or "no assessments"
            file_no = f" [{row['external_id']}]" if row["external_id"] else ""
            _out(f"{row['id']:>5}  {row['family_name']}, {row['given_name']}{file_no}  "
                 f"born {row['date_of_birth']}  {visits}")
        return EXIT_OK

    def _results(self) -> AssessmentResults:
        from db.repository import NotFoundError
        from desktop.services.assessments import AssessmentService

        try:
            return AssessmentService(self.repo).results(self.args.assessment_id)
        except NotFoundError as exc:
            raise UsageError(str(exc)) from None

    def do_summary(self) -> int:
        results = self._results()
        if self.args.json:
            _out(json.dumps(results.to_json(), ensure_ascii=False, indent=2))
        else:
            from desktop.clinical.results import results_to_text

            _out(results_to_text(results.to_json()))
        return EXIT_OK

    def do_report(self) -> int:
        from db.repository import NotFoundError
        from desktop.services.reports import (
            MissingGlyphsError,
            ReportNotAllowedError,
            export_report,
        )

        try:
            try:
                path = export_report(self.repo, self.args.assessment_id, self.args.out, allow_missing_glyphs=False)
            except MissingGlyphsError as exc:
                sys.stderr.write(f"medius report: warning: {exc}\n")
                path = export_report(self.repo, self.args.assessment_id, self.args.out)
        except (NotFoundError, ReportNotAllowedError) as exc:
            raise UsageError(str(exc)) from None
        _out(f"Wrote {path}")
        self._say_if_not_audited(not self.repo.read_only)
        return EXIT_OK

    def do_handout(self) -> int:
        from db.repository import NotFoundError
        from desktop.services.handout import export_handout
        from desktop.services.reports import ReportNotAllowedError

        try:
            path = export_handout(self.repo, self.args.assessment_id, self.args.out,
                                  large_print=self.args.large_print)
        except (NotFoundError, ReportNotAllowedError) as exc:
            raise UsageError(str(exc)) from None
        _out(f"Wrote {path}")
        self._say_if_not_audited(not self.repo.read_only)
        return EXIT_OK

    def do_outcomes(self) -> int:
        from desktop.services.outcome_report import OutcomeRangeError, export_outcome_report

        try:
            pdf, table = export_outcome_report(self.repo, self.args.start, self.args.end, self.args.out,
                                               csv_out=self.args.csv)
        except OutcomeRangeError as exc:
            raise UsageError(str(exc)) from None
        _out(f"Wrote {pdf} and {table}")
        self._say_if_not_audited(not self.repo.read_only)
        return EXIT_OK

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

    def do_edit(self) -> int:
        from db.records import ConflictError, NotFoundError
        from desktop.services.exchange import ExchangeError, parse_json

        try:
            raw = parse_json(self.args.file.read_bytes())
        except OSError as exc:
            raise UsageError(f"cannot read {self.args.file.name}: {exc.strerror or exc}") from None
        if not isinstance(raw, dict):
            raise ExchangeError("must be one assessment object", "")
        from desktop.clinical import model as m
        from desktop.clinical.validation import validate_assessment

        fields = {k: v for k, v in raw.items() if k not in ("id", "version", "results")}
        try:
            assessment = m.assessment_from_dict(fields)
        except (ValueError, KeyError, TypeError) as exc:
            raise ExchangeError(str(exc), "") from None
        try:
            client_id, _ = self.repo.get_assessment(self.args.assessment_id)
        except NotFoundError as exc:
            raise UsageError(str(exc)) from None
        problems = validate_assessment(assessment, date_of_birth=self.repo.get_client(client_id).client.date_of_birth)
        if problems:
            raise ExchangeError(problems[0].message, problems[0].path)
        try:
            version = self.repo.update_assessment(self.args.assessment_id, assessment,
                                                  expected_version=self.args.version)
        except ConflictError as exc:
            from desktop.services.conflicts import conflict_key

            key = conflict_key(self.args.assessment_id)
            self.repo.save_draft(key, {"assessment": m.assessment_to_dict(assessment), "version": exc.yours})
            raise ConflictError(exc.entity, exc.entity_id, exc.yours, exc.theirs, exc.changed_by,
                                exc.changed_at) from None
        _out(f"Saved assessment {self.args.assessment_id} (version {version})")
        return EXIT_OK

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
        else:
            store.set_disabled(self.args.name, command == "disable")
            _out(f"{self.args.name} {'disabled' if command == 'disable' else 'enabled'}")
        return EXIT_OK

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

    def _source_key(self, folder: Path) -> str | None:
        from desktop.paths import resolve_paths
        from desktop.services.security import is_encrypted, unlock

        source = resolve_paths(folder)
        if not is_encrypted(source):
            return None
        return str(unlock(source, self._password("MEDIUS_SOURCE_PASSWORD", "Password of that data folder: ")))

    def do_demo(self) -> int:
        from desktop.services.demo import add_demo_clients

        added = add_demo_clients(self.repo)
        _out(f"Added {len(added)} demo clients with {sum(len(a) for _, a in added)} assessments.")
        return EXIT_OK


    def do_devices(self) -> int:
        from desktop.devices.registry import DRIVERS

        for item in DRIVERS.values():
            _out(f"{item.name}\t{item.label}\t{item.description}")
        return EXIT_OK

    def do_capture(self) -> int:
        from desktop.devices.base import DeviceError
        from desktop.devices.registry import open_source
        from desktop.services.capture import record, write_capture_csv

        if not 0 < self.args.seconds <= 600:
            raise UsageError("--seconds must be between 0 and 600")
        try:
            source = open_source(self.args.device, self.args.address)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
        try:
            recording = record(source, self.args.seconds, tare=not self.args.no_tare)
        except DeviceError as exc:
            sys.stderr.write(f"medius capture: {exc}\n")
            return EXIT_ERROR
        write_capture_csv(self.args.out, recording)
        rate = recording.rate_hz
        _out(f"Wrote {len(recording.time_s)} samples ({rate:.1f} Hz, peak {recording.force_n.max():.1f} N) "
             f"to {self.args.out}" if rate else f"Wrote {len(recording.time_s)} samples to {self.args.out}")
        return EXIT_OK


def run_command(args: argparse.Namespace) -> int:
    from db.engine import DatabaseError
    from db.errors import (
        StorageError,
        is_driver_error,
        plain_storage_error,
        refine_for_free_space,
        storage_error_from,
    )
    from desktop.clinical.validation import ValidationError
    from desktop.services.backup import BackupError
    from desktop.services.exchange import ExchangeError
    from desktop.services.server_backup import ServerBackupError

    commands = Commands(args)
    try:
        from desktop.logging_setup import setup_logging

        setup_logging(commands.paths.logs)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())
    handler: Callable[[], int] = getattr(commands, f"do_{args.command}")

    def fail(code: int, message: object) -> int:
        sys.stderr.write(f"medius {args.command}: {message}\n")
        return code
    from db.errors import ForbiddenByServerError
    from db.records import ConflictError
    from desktop.services.accounts import AccessDenied, denied_by_database

    try:
        commands.authorize()
        return handler()
    except AccessDenied as exc:
        sys.stderr.write(f"medius {args.command}: not allowed: {exc}\n")
        return EXIT_DENIED
    except ForbiddenByServerError as exc:
        return fail(EXIT_DENIED, f"not allowed: {exc}")
    except ConflictError as exc:
        sys.stderr.write(f"medius {args.command}: {exc}; your version was kept as a draft\n")
        return EXIT_ERROR
    except (UsageError, ExchangeError, ValidationError) as exc:
        return fail(EXIT_INVALID, exc)
    except StorageError as exc:
        return fail(EXIT_ERROR, refine_for_free_space(exc, commands.paths.data_dir))
    except (DatabaseError, BackupError, ServerBackupError) as exc:
        return fail(EXIT_ERROR, exc)
    except OSError as exc:
        mapped = storage_error_from(exc)
        if mapped is not None:
            return fail(EXIT_ERROR, refine_for_free_space(mapped, commands.paths.data_dir))
        where = f" ({exc.filename})" if exc.filename else ""
        return fail(EXIT_ERROR, f"a file could not be read or written{where}: {exc.strerror or 'system error'}")
    except Exception as exc:  # noqa: BLE001 - last line of defence: one clear line, detail in the log
        if denied_by_database(exc):
            return fail(EXIT_DENIED, "not allowed: the clinic server refused this for your role")
        if is_driver_error(exc) or isinstance(exc, UnicodeDecodeError):
            log.error("command %s: storage error %s", args.command, type(exc).__name__)
            return fail(EXIT_ERROR, refine_for_free_space(plain_storage_error(exc), commands.paths.data_dir))
        # The exception's text may hold a name: the log gets its type and where it was raised only.
        log.error("command %s failed: %s%s", args.command, type(exc).__name__, _where(exc))
        return fail(EXIT_ERROR, "this command stopped on a problem inside Medius; nothing was changed. "
                                "The log file in the data folder says where, for support.")


def _where(exc: BaseException) -> str:
    """The innermost frames of a traceback (file, line, function), without any values."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    return "".join(f"\n  at {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        sys.stderr.write(f"medius: {exc}\n")
        return EXIT_INVALID
    if not getattr(args, "database_url", None):
        import os

        args.database_url = os.environ.get("MEDIUS_DATABASE_URL") or None
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args)
    return run_command(args)
