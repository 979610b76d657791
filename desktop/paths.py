"""Every file location Medius uses, in one place.

The data folder comes from platformdirs unless ``--data-dir`` or the
``MEDIUS_DATA_DIR`` environment variable names another; tests always set one,
so they never touch the real home folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop import APP_NAME

ENV_DATA_DIR = "MEDIUS_DATA_DIR"
DATABASE_FILE = "medius.sqlite3"
SECURITY_FILE = "security.json"  # present when the folder is (or is being made) encrypted


def resource_root() -> Path:
    """Folder holding ``resources/``, ``db/`` and ``desktop/`` for this run.

    The same rule serves a source checkout, an installed wheel (``resources``
    and ``db`` are installed beside ``desktop`` in site-packages) and a
    PyInstaller bundle (data lives under ``sys._MEIPASS``).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return resource_root() / "resources"


def resource(*parts: str) -> Path:
    """Path of a shipped resource file, e.g. ``resource("schema", "exchange-v1.schema.json")``."""
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return resource_root() / "db" / "migrations"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class AppPaths:
    """Locations under one data folder."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def security_file(self) -> Path:
        return self.data_dir / SECURITY_FILE

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "medius.lock"

    @property
    def window_state(self) -> Path:
        """Window size and splitter positions, remembered between starts (no client data)."""
        return self.data_dir / "window.ini"

    @property
    def norms(self) -> Path:
        return self.data_dir / "norms"

    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    def ensure(self) -> AppPaths:
        """Create the folders, owner-only on POSIX (health data)."""
        for folder in (self.data_dir, self.backups, self.logs, self.exports, self.norms):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(folder, 0o700)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Data folder from the argument, then ``MEDIUS_DATA_DIR``, then platformdirs."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    base = Path(chosen).expanduser() if chosen else default_data_dir()
    return AppPaths(base.resolve())
