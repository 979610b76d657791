"""Open the clinic's database: folders, engine, migrations, repository; owner-only files."""

from __future__ import annotations

import os
from pathlib import Path

from db.engine import create_private_file, make_engine, migrate
from db.repository import Repository
from desktop.paths import AppPaths


def open_repository(
    paths: AppPaths, database_url: str | None = None, *, key_hex: str | None = None, actor: str = "clinician"
) -> Repository:
    """A ready repository on the data folder's SQLite file (or ``database_url``), migrated to head.

    ``key_hex`` opens an encrypted (SQLCipher) database; see services.security.
    """
    paths.ensure()
    if database_url is None:
        create_private_file(paths.database)
    engine = make_engine(database_url or paths.database_url(), key_hex=key_hex)
    migrate(engine, backup_dir=paths.backups)
    restrict_permissions(paths)
    return Repository(engine, actor=actor)


def restrict_permissions(paths: AppPaths) -> list[Path]:
    """Make Medius's own folders 0700 and files 0600 on POSIX. Returns what changed.

    Health information: nobody else with an account on the laptop may read
    it. Only Medius's files are touched (a data folder given on the command
    line may hold other things).
    """
    if os.name != "posix" or not paths.data_dir.is_dir():
        return []
    changed: list[Path] = []

    def restrict(path: Path, mode: int) -> None:
        try:
            if not path.is_symlink() and (path.stat().st_mode & 0o777) != mode:
                os.chmod(path, mode)
                changed.append(path)
        except OSError:
            pass

    restrict(paths.data_dir, 0o700)
    for path in paths.data_dir.iterdir():
        if path.is_file() and (path.name.startswith(("medius", ".medius")) or path.name == "security.json"):
            restrict(path, 0o600)
    for folder in (paths.backups, paths.logs):
        if folder.is_dir():
            restrict(folder, 0o700)
            for path in folder.iterdir():
                if path.is_file():
                    restrict(path, 0o600)
    for folder in (paths.exports, paths.norms):
        if folder.is_dir():
            restrict(folder, 0o700)
    return changed
