"""Open the clinic's database: folders, engine, migrations, repository."""

from __future__ import annotations

from db.engine import make_engine, migrate
from db.repository import Repository
from desktop.paths import AppPaths


def open_repository(
    paths: AppPaths, database_url: str | None = None, *, key_hex: str | None = None, actor: str = "clinician"
) -> Repository:
    """A ready repository on the data folder's SQLite file (or ``database_url``), migrated to head."""
    paths.ensure()
    engine = make_engine(database_url or paths.database_url(), key_hex=key_hex)
    migrate(engine, backup_dir=paths.backups)
    return Repository(engine, actor=actor)
