"""The command line's parser and exit codes (design.md fixes both)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_DENIED = 3


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


def _global_options(default: Any) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir", metavar="DIR", default=default,
                         help="folder for the database, backups and logs")
    options.add_argument("--database-url", metavar="URL", default=default,
                         help="SQLAlchemy URL (default: SQLite in the data folder); also MEDIUS_DATABASE_URL")
    options.add_argument("--user", metavar="NAME", default=default,
                         help="who signs in to a clinic server (also MEDIUS_USER; password: MEDIUS_PASSWORD)")
    return options


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="open the window, wait until the client list is filled, then quit (benchmarks)")
    parser.add_argument("--exit-when-idle", action="store_true",
                        help="open the window, wait until every start-up task has finished, then quit (benchmarks)")
    parser.add_argument("--exit-when-warm", action="store_true",
                        help="open the window, wait until start-up is idle and the storage layer and report code "
                             "have loaded in the first quiet moment, then quit (benchmarks)")


class _Declined(Exception):
    """The window's own parser cannot read these arguments; the full parser will."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Declined(message)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line read as ``build_parser().parse_args`` reads it (UsageError when invalid).

    Opening the window (no sub-command, no --help or --version), the common case,
    is read by a parser of the global and window options alone: building every
    sub-command's parser costs about 10 ms of every launch. Anything that parser
    does not take entirely, the full parser reads, with its own help and messages.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    window = _WindowParser(prog="medius", add_help=False, parents=[_global_options(None)])
    _window_options(window)
    try:
        args, rest = window.parse_known_args(arguments)
    except _Declined:
        rest = arguments
    if not rest:
        args.command = None
        return args
    return build_parser().parse_args(arguments)


def build_parser() -> argparse.ArgumentParser:
    # Sub-commands accept the global options too; SUPPRESS keeps a value given
    # before the sub-command from being reset to None by the sub-parser.
    common = _global_options(argparse.SUPPRESS)
    parser = _Parser(prog="medius", description="Medius: gluteus medius assessment for low back pain.",
                     parents=[_global_options(None)])
    parser.add_argument("--version", action="version", version=f"medius {__version__}")
    _window_options(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    _record_commands(sub, common)
    _care_commands(sub, common)
    _device_commands(sub, common)
    return parser


def _record_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Import, export, list, summary, the letters and the outcome report."""
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



def _care_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Backup, restore, edit, the clinic server, its users, check and demo data."""
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

    p = sub.add_parser("add-client", parents=[common],
                       help="add a client: name, birth date and contact details (reception may too)")
    _client_fields(p, required=True)
    p.add_argument("--allow-duplicate", action="store_true",
                   help="store even when a client with the same file number or name and birth date exists")
    p = sub.add_parser("edit-client", parents=[common],
                       help="change a client's name, birth date or contact details (only the options given); "
                            "refuses to overwrite a newer version")
    p.add_argument("client_id", type=int)
    _client_fields(p, required=False)
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
    u = users.add_parser("set-password", parents=[common],
                         help="give a person a new password (MEDIUS_NEW_PASSWORD or asked); your own too, which "
                              "re-seals the visits you keep on this laptop under the new one")
    u.add_argument("name")

    sub.add_parser("check", parents=[common], help="integrity check and schema version")
    sub.add_parser("demo", parents=[common], help="add a few realistic demo clients with history")



def _client_fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--given-name", required=required, metavar="TEXT")
    p.add_argument("--family-name", required=required, metavar="TEXT")
    p.add_argument("--born", required=required, metavar="YYYY-MM-DD", type=_iso_date, help="date of birth")
    p.add_argument("--sex", choices=("female", "male", "other", "unspecified"))
    p.add_argument("--file-number", metavar="TEXT")
    p.add_argument("--phone", metavar="TEXT")
    p.add_argument("--email", metavar="TEXT")


def _device_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Force sensors: list the drivers, record a trial."""
    sub.add_parser("devices", parents=[common], help="list the force-sensor drivers")
    p = sub.add_parser("capture", parents=[common], help="record one trial from a force sensor to CSV")
    p.add_argument("--device", required=True, metavar="NAME", help="a driver from `medius devices`")
    p.add_argument("--seconds", type=float, required=True, metavar="S")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    p.add_argument("--address", metavar="ADDR", help="Bluetooth address or serial port (default: find one)")
    p.add_argument("--no-tare", action="store_true", help="keep the device's zero instead of taring first")
