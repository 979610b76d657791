"""Open the clinic's database: folders, engine, migrations, repository; owner-only files."""

from __future__ import annotations

import os

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from db.engine import (
    DatabaseError,
    current_revision,
    make_engine,
    make_read_only_engine,
    migrate,
)
from db.errors import ReadOnlyStorageError, storage_error_from
from db.files import create_private_file, folder_writable
from db.records import SCHEMA_HEAD
from db.repository import Repository
from db.server import db_role
from desktop.paths import AppPaths
from desktop.services.accounts import User, sign_in
from desktop.services.files import restrict_permissions


def open_repository(
    paths: AppPaths, database_url: str | None = None, *, key_hex: str | None = None, actor: str = "clinician",
    user: User | None = None, password: str | None = None,
) -> Repository:
    """A ready repository on the data folder's SQLite file (or ``database_url``), migrated to head.

    ``key_hex`` opens an encrypted (SQLCipher) database; see services.security.
    On a clinic server ``user`` is the signed-in person: the audit trail names
    them, their drafts are kept per device, and every connection takes on the
    database role of their Medius role; with their ``password`` the repository gets
    their outbox on this laptop (services.outbox), where visits wait while the
    server cannot be reached.
    """
    if database_url is None and folder_is_read_only(paths):
        return open_read_only(paths, key_hex=key_hex, actor=actor)
    paths.ensure()
    if database_url is None:
        create_private_file(paths.database)
    if user is not None and database_url is not None:
        engine = make_engine(database_url, role=db_role(user.role))
        check_server_schema(engine)
        repo = Repository(engine, actor=user.name, role=user.role, device=device_name())
        if password is not None:
            from desktop.services.outbox import attach_outbox, open_outbox

            attach_outbox(repo, open_outbox(paths.data_dir, database_url, user.name, password))
        return repo
    engine = make_engine(database_url or paths.database_url(), key_hex=key_hex)
    migrate(engine, backup_dir=paths.backups)
    restrict_permissions(paths)
    return Repository(engine, actor=actor)


def folder_is_read_only(paths: AppPaths) -> bool:
    """True when the data folder exists but nothing in it can be written (a read-only drive or mount)."""
    if not paths.data_dir.is_dir():
        return False
    if not folder_writable(paths.data_dir):
        return True
    return paths.database.is_file() and not os.access(paths.database, os.W_OK)


def open_read_only(paths: AppPaths, *, key_hex: str | None = None, actor: str = "clinician") -> Repository:
    """A repository that reads the data folder and refuses every write with the read-only message."""
    if not paths.database.is_file():
        raise ReadOnlyStorageError(
            "Medius's data folder is read-only and holds no database yet, so there is nothing to read. "
            "Make the folder writable, then try again.")
    engine = make_read_only_engine(paths.database, key_hex=key_hex)
    migrate(engine)
    return Repository(engine, actor=actor, read_only=True)


def is_server_url(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name() == "postgresql"


def device_name() -> str:
    """This computer's name for drafts (MEDIUS_DEVICE overrides it)."""
    import socket

    return (os.environ.get("MEDIUS_DEVICE") or socket.gethostname() or "unknown")[:200]


def sign_in_to_server(database_url: str, name: str, password: str) -> User:
    """Check a person's password on the clinic server (AccessDenied when refused)."""
    engine = make_engine(database_url)
    try:
        return sign_in(engine, name, password)
    except DBAPIError as exc:
        mapped = storage_error_from(exc)
        if mapped is None:
            raise
        raise mapped from exc
    finally:
        engine.dispose()


def check_server_schema(engine: Engine) -> None:
    """A clinic server is upgraded by its admin (`medius server init`), never by a laptop."""
    current = current_revision(engine)
    if current != SCHEMA_HEAD:
        raise DatabaseError(
            f"The clinic server's database is at schema {current or 'none'}, this Medius needs {SCHEMA_HEAD}. "
            "An admin runs `medius server init --admin NAME` with the server's owner login to set it up "
            "or upgrade it; nothing was changed.")


