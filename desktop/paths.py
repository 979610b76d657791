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

    def write_problem(self) -> int | None:
        """Why nothing can be saved in the data folder (an errno: read-only drive, no permission), or None.

        Tries what saving needs: creating a file in the folder, and writing the database file.
        """
        probe = self.data_dir / f".medius-write-check-{os.getpid()}"
        try:
            os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.unlink(probe)
            if self.database.is_file():
                os.close(os.open(self.database, os.O_WRONLY | os.O_APPEND))
        except OSError as exc:
            return exc.errno or 0
        return None

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


def data_folder_message(folder: Path, error_number: int | None) -> str:
    """What stops Medius from using its data folder, and how to fix it, in plain words."""
    import errno

    if error_number == errno.EROFS:
        why = "The drive or share it is on is read-only."
    elif error_number in (errno.EACCES, errno.EPERM):
        why = "Your account may read this folder but not change it."
    else:
        return (f"Medius cannot use its data folder:\n  {folder}\n\nThe folder or its drive cannot be reached. "
                "Check that the drive is connected, then start Medius again, or start it with another folder: "
                "medius --data-dir FOLDER.")
    return (
        f"Medius cannot save in its data folder:\n  {folder}\n\n{why} Medius keeps the clinic's records there "
        "and must be able to save them, so it did not open the window. Nothing in the folder was changed.\n\n"
        "To fix it:\n"
        "- A USB drive or memory card: slide its write-protect switch off, then connect it again.\n"
        "- A folder on this computer or a network share: ask whoever looks after the computer to let your "
        "account change the folder, then start Medius again.\n"
        "- Or start Medius with a folder you can write to: medius --data-dir FOLDER (or set MEDIUS_DATA_DIR).\n\n"
        "Reading works without saving: medius list, medius summary and medius report still show the records."
    )
