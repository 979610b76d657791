"""Shared fixtures. Tests run headless and never touch the real home folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

import desktop.content  # noqa: E402,F401  (clinical tests use the shipped library and norm tables)

if TYPE_CHECKING:
    from desktop.paths import AppPaths


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME, XDG folders and MEDIUS_DATA_DIR at throwaway folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("MEDIUS_DATA_DIR", str(home / "medius-data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication(qapp: object) -> None:
    """Create the QApplication first, so no test can leave a widget-less QGuiApplication behind."""


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder migrated to head, made once per run."""
    from desktop.paths import AppPaths
    from desktop.services.database import open_repository

    folder = tmp_path_factory.mktemp("template") / "data"
    open_repository(AppPaths(folder).ensure()).engine.dispose()
    return folder


@pytest.fixture
def migrated_paths(_migrated_template: Path, tmp_path: Path) -> AppPaths:
    """A fresh, empty data folder already at the newest schema (a copy: no migration per test)."""
    import shutil

    from desktop.paths import AppPaths

    return AppPaths(Path(shutil.copytree(_migrated_template, tmp_path / "data")))


# A throwaway PostgreSQL server for the clinic-server tests (pg_server, pg_url, database_url).
pytest_plugins = ["tests.pg_fixtures"]
