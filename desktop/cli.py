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

from desktop.cli_admin import AdminCommands
from desktop.cli_base import out as _out
from desktop.cli_base import shown_url
from desktop.cli_parser import (
    EXIT_DENIED,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    build_parser,
    parse_arguments,
)

__all__ = ["EXIT_DENIED", "EXIT_ERROR", "EXIT_INVALID", "EXIT_OK", "Commands", "UsageError", "build_parser", "main",
           "run_command", "shown_url"]

if TYPE_CHECKING:
    from desktop.clinical.result_types import AssessmentResults

log = logging.getLogger("medius")


class Commands(AdminCommands):
    """One method per sub-command; each opens what it needs and nothing more."""

    def do_import(self) -> int:
        ids = self.services.exports.import_exchange(self.args.file, self.paths.data_dir)
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

        try:
            return self.services.visits.results(self.args.assessment_id)
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
        from desktop.services.reports import MissingGlyphsError, ReportNotAllowedError

        reports = self.services.reports
        try:
            try:
                path = reports.export(self.args.assessment_id, self.args.out, allow_missing_glyphs=False)
            except MissingGlyphsError as exc:
                sys.stderr.write(f"medius report: warning: {exc}\n")
                path = reports.export(self.args.assessment_id, self.args.out)
        except (NotFoundError, ReportNotAllowedError) as exc:
            raise UsageError(str(exc)) from None
        _out(f"Wrote {path}")
        self._say_if_not_audited(not self.repo.read_only)
        return EXIT_OK

    def do_handout(self) -> int:
        from db.repository import NotFoundError
        from desktop.services.reports import ReportNotAllowedError

        try:
            path = self.services.reports.handout(self.args.assessment_id, self.args.out,
                                                 large_print=self.args.large_print)
        except (NotFoundError, ReportNotAllowedError) as exc:
            raise UsageError(str(exc)) from None
        _out(f"Wrote {path}")
        self._say_if_not_audited(not self.repo.read_only)
        return EXIT_OK

    def do_outcomes(self) -> int:
        from desktop.services.outcome_report import OutcomeRangeError

        try:
            pdf, table = self.services.reports.outcome_report(self.args.start, self.args.end, self.args.out,
                                                              csv_out=self.args.csv)
        except OutcomeRangeError as exc:
            raise UsageError(str(exc)) from None
        _out(f"Wrote {pdf} and {table}")
        self._say_if_not_audited(not self.repo.read_only)
        return EXIT_OK

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
            client_id = self.repo.client_of_assessment(self.args.assessment_id)
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

    def do_add_client(self) -> int:
        from desktop.clinical import model as m

        a = self.args
        client = m.Client(a.given_name, a.family_name, a.born, a.sex or "unspecified", a.file_number, a.phone,
                          a.email)
        return self._store_client(client, None, None)

    def do_edit_client(self) -> int:
        import dataclasses

        from db.records import NotFoundError

        try:
            client, version = self.services.clients.get_for_edit(self.args.client_id)
        except NotFoundError as exc:
            raise UsageError(str(exc)) from None
        given = {"given_name": self.args.given_name, "family_name": self.args.family_name,
                 "date_of_birth": self.args.born, "sex": self.args.sex, "external_id": self.args.file_number,
                 "phone": self.args.phone, "email": self.args.email}
        client = dataclasses.replace(client, **{k: v for k, v in given.items() if v is not None})
        return self._store_client(client, self.args.client_id, self.args.version or version)

    def _store_client(self, client: Any, client_id: int | None, version: int | None) -> int:
        outcome = self.services.clients.save(client, client_id, expected_version=version,
                                             allow_duplicates=getattr(self.args, "allow_duplicate", False)
                                             or client_id is not None)
        if isinstance(outcome, list):
            for found in outcome:
                sys.stderr.write(f"medius {self.args.command}: possibly the same person: #{found.client_id} "
                                 f"{found.display_name}, born {found.date_of_birth.isoformat()}\n")
            raise UsageError("a client like this exists already; open that one, or add "
                             "--allow-duplicate if this is someone else")
        _out(f"{'Added' if client_id is None else 'Saved'} client {outcome}")
        return EXIT_OK

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
    handler: Callable[[], int] = getattr(commands, f"do_{args.command.replace('-', '_')}")

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
    try:
        args = parse_arguments(argv)
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
