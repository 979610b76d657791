"""Safety UI fixtures: every modal patched; a test that would block fails instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.paths import AppPaths
from desktop.services import security
from desktop.ui.safety import prompts


class Prompts:
    """Scripted answers for the patched prompt functions, and a record of what was shown."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answers: dict[str, list[Any]] = {}

    def script(self, name: str, *answers: Any) -> None:
        self.answers.setdefault(name, []).extend(answers)

    def texts(self, name: str) -> list[str]:
        return [text for kind, _title, text in self.shown if kind == name]

    def make(self, name: str) -> Any:
        def prompt(_parent: Any, title: str, text: Any = "", *_rest: Any) -> Any:
            self.shown.append((name, title, str(text)))
            queue = self.answers.get(name)
            if queue:
                return queue.pop(0)
            if name in ("inform", "warn"):
                return None
            raise AssertionError(f"unexpected {name} prompt: {title}: {text}")

        return prompt


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[Prompts]:
    record = Prompts()
    for name in ("confirm", "inform", "warn", "ask_password", "ask_new_password", "choose_save_file",
                 "choose_open_file", "choose_folder", "first_start"):
        monkeypatch.setattr(prompts, name, record.make(name))
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    yield record


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir).ensure()


@pytest.fixture(autouse=True)
def _wait_for_workers() -> Iterator[None]:
    yield
    from desktop.ui.worker import wait_for_all

    wait_for_all(30000)
