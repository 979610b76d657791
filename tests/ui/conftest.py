"""Fixtures for the clinician window: a real SQLite repository in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.paths import AppPaths, resolve_paths
from desktop.services.app_services import build_services


@pytest.fixture
def medius_paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "medius").ensure()


@pytest.fixture
def medius_repo(medius_paths: AppPaths) -> Any:
    from desktop.services.database import open_repository

    return open_repository(medius_paths)


@pytest.fixture
def no_modals(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Fail loudly instead of blocking if any modal question is asked; record messages."""
    from desktop.ui import dialogs, errors

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, title, text: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, text: pytest.fail(f"unexpected question: {text}"))
    monkeypatch.setattr(dialogs, "open_path", lambda path: shown.append(("open", str(path))) or True)
    monkeypatch.setattr(errors, "show_error_dialog", lambda *a: shown.append(("error", a[2])))
    return shown


@pytest.fixture
def make_window(qtbot: Any, medius_repo: Any, medius_paths: AppPaths, no_modals: Any) -> Iterator[Any]:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.worker import wait_for_all
    from tests.ui.helpers import wait_for_storage

    def make() -> Any:
        window = MainWindow(build_services(medius_repo, medius_paths), install_error_handler=False)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        with qtbot.waitSignal(window.clients_loaded, timeout=5000):
            window.show()
        wait_for_storage(qtbot)
        return window

    yield make
    wait_for_all(10000)


@pytest.fixture
def clinic_desk(pg_url: str) -> Iterator[Any]:
    """A clinic server with carl (clinician) and rita (reception) signed in as their own database roles;
    after the test, the window's background work ends before both connections close."""
    from types import SimpleNamespace

    from desktop.ui.worker import wait_for_all
    from tests.server_setup import set_up

    server = set_up(pg_url)
    carl, rita = server.repo("carl"), server.repo("rita")
    yield SimpleNamespace(carl=carl, rita=rita)
    wait_for_all(10000)
    rita.engine.dispose()
    carl.engine.dispose()
