"""Backups of a clinic server with PostgreSQL's own tools.

``pg_dump`` writes a custom-format archive (one consistent snapshot, even
while people keep working); the archive only counts once it has been
restored into a scratch database and found sound there: schema at the
expected revision, audit chain intact, row counts recorded in a manifest
beside it. ``restore`` replaces the clinic database from such an archive in
one transaction, after taking a fresh safety backup. Point-in-time recovery
and streaming replication are PostgreSQL features a clinic can add; see
docs/clinic-server.md.

Passwords never appear on a command line or in a log: the libpq connection
string carries no password, which is handed over in the child's
environment (PGPASSWORD) or comes from the usual ~/.pgpass file.
"""

from __future__ import annotations

import glob
import json
import os
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from db.engine import current_revision, make_engine
from db.records import SCHEMA_HEAD
from db.repository import Repository
from db.server import db_role

MANIFEST_SUFFIX = ".manifest.json"


class ServerBackupError(RuntimeError):
    """A server backup or restore failed; the message says why in plain words."""


@dataclass(frozen=True)
class ServerBackupInfo:
    path: Path
    schema_revision: str | None
    row_counts: dict[str, int]
    audit_head: tuple[int, str] | None
    size_bytes: int

    @property
    def clients(self) -> int:
        return self.row_counts.get("clients", 0)

    @property
    def assessments(self) -> int:
        return self.row_counts.get("assessments", 0)


def pg_tool(name: str) -> str:
    """Path of pg_dump / pg_restore: MEDIUS_PG_BINDIR, the newest Debian install, or PATH."""
    folders = [os.environ.get("MEDIUS_PG_BINDIR", "")] + sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                                                 key=_version_key, reverse=True)
    for folder in folders:
        if folder and os.access(os.path.join(folder, name), os.X_OK):
            return os.path.join(folder, name)
    found = shutil.which(name)
    if not found:
        raise ServerBackupError(f"{name} is not installed: install the PostgreSQL client tools "
                                "(Debian/Ubuntu: postgresql-client)")
    return found


def _version_key(folder: str) -> int:
    try:
        return int(Path(folder).parent.name)
    except ValueError:
        return 0


def libpq_target(url: str | URL, database: str | None = None) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it."""
    parsed = make_url(url) if isinstance(url, str) else url
    parts: dict[str, str] = {}
    if parsed.host:
        parts["host"] = parsed.host
    if parsed.port:
        parts["port"] = str(parsed.port)
    if parsed.username:
        parts["user"] = parsed.username
    parts["dbname"] = database or parsed.database or ""
    for key, value in parsed.query.items():
        parts[key] = value if isinstance(value, str) else value[-1]
    conninfo = " ".join(f"{k}='{_escape(v)}'" for k, v in parts.items())
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return conninfo, env


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        # The tools' own words, minus anything after a password= (they print none, but be sure).
        lines = done.stderr.strip().splitlines() or ["no detail"]
        detail = next((line for line in lines if "error:" in line.lower()), lines[-1])
        raise ServerBackupError(f"{what} failed: {detail.split('password=')[0]}")


def back_up_server(url: str, destination: Path) -> ServerBackupInfo:
    """Dump the clinic database as admin, verify the archive by restoring it, then keep it."""
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    conninfo, env = libpq_target(url)
    try:
        _run([pg_tool("pg_dump"), "--format=custom", f"--role={db_role('admin')}", "--no-password",
              f"--file={partial}", f"--dbname={conninfo}"], env, "pg_dump")
        os.chmod(partial, 0o600)
        info = verify_archive(url, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    info = ServerBackupInfo(destination, info.schema_revision, info.row_counts, info.audit_head, info.size_bytes)
    _write_manifest(info)
    return info


def verify_archive(url: str, archive: Path) -> ServerBackupInfo:
    """Restore ``archive`` into a scratch database on the same server, check it, drop the scratch database."""
    if not archive.is_file():
        raise ServerBackupError(f"{archive.name}: no such backup")
    scratch = f"medius_verify_{secrets.token_hex(4)}"
    admin = make_engine(url, role=db_role("admin")).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{scratch}"')
        try:
            conninfo, env = libpq_target(url, scratch)
            _run([pg_tool("pg_restore"), f"--role={db_role('admin')}", "--no-owner", "--no-acl", "--no-password",
                  "--single-transaction", "--exit-on-error", f"--dbname={conninfo}", str(archive)],
                 env, "restoring the backup into a scratch database")
            scratch_url = make_url(url).set(database=scratch)
            engine = make_engine(scratch_url.render_as_string(hide_password=False), role=db_role("admin"))
            try:
                repo = Repository(engine, role="admin")
                revision = current_revision(engine)
                broken = repo.verify_audit_chain()
                counts = repo.table_counts()
                head = repo.audit_head()
            finally:
                engine.dispose()
        finally:
            _drop_when_free(admin, scratch)
    finally:
        admin.dispose()
    if revision is None:
        raise ServerBackupError(f"{archive.name} holds no Medius database")
    if broken is not None:
        raise ServerBackupError(f"{archive.name}: the audit trail in it is broken at event {broken}")
    return ServerBackupInfo(archive, revision, counts, head, archive.stat().st_size)


def _drop_when_free(admin: Any, database: str) -> None:
    """Drop the scratch database once the checking connections have really gone.

    A closed connection's server process may take a moment to exit; the admin
    role may not end it (WITH FORCE), so it waits for it instead.
    """
    from sqlalchemy.exc import OperationalError

    for _ in range(100):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}"')
            return
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != "55006":  # object_in_use
                raise
            time.sleep(0.1)
    raise ServerBackupError(f"the scratch database {database} is still in use; drop it by hand")


def _write_manifest(info: ServerBackupInfo) -> None:
    manifest = {
        "format": "medius-server-backup", "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_revision": info.schema_revision, "row_counts": info.row_counts,
        "audit_head": list(info.audit_head) if info.audit_head else None, "verified_by_restore": True,
    }
    path = info.path.with_name(info.path.name + MANIFEST_SUFFIX)
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.chmod(path, 0o600)


def restore_server(url: str, archive: Path, safety_dir: Path) -> tuple[ServerBackupInfo, Path]:
    """Replace the clinic database with ``archive`` in one transaction; a safety backup is taken first.

    Restoring rewrites the append-only audit trail, so the database refuses it
    to the shared login: it runs with the database owner's login (the one that
    ran `server init`).
    """
    info = verify_archive(url, archive)
    if info.schema_revision != SCHEMA_HEAD:
        raise ServerBackupError(f"{archive.name} is at schema {info.schema_revision}; this Medius restores "
                                f"{SCHEMA_HEAD} backups (restore it with the matching version, then upgrade)")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = back_up_server(url, safety_dir / f"medius-server-pre-restore-{stamp}.dump")
    conninfo, env = libpq_target(url)
    try:
        _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
              "--no-password", f"--dbname={conninfo}", str(archive)], env, "restore")
    except ServerBackupError as exc:
        if "must be owner" in str(exc) or "permission denied" in str(exc):
            raise ServerBackupError(
                "restoring replaces the audit trail, which only the database owner may do: run "
                "`medius restore` with --database-url naming the owner's login (as for `server init`); "
                "nothing was changed") from None
        raise
    return info, safety.path


def read_manifest(archive: Path) -> dict[str, Any] | None:
    path = archive.with_name(archive.name + MANIFEST_SUFFIX)
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None
