"""The window's sign-in to a clinic server: wrong password asks again; an unreachable server offers a way on."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.ui.safety import sign_in
from tests.server_setup import PASSWORDS, set_up


def test_wrong_password_asks_again_then_signs_in_as_that_person(
        pg_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = set_up(pg_url)
    answers = iter([("carl", "not-it"), ("carl", PASSWORDS["carl"])])
    texts: list[str] = []
    monkeypatch.setattr(sign_in, "ask_sign_in", lambda text, name="": texts.append(text) or next(answers))
    repo = sign_in.open_clinic_server(clinic.url, AppPaths(data_dir))
    assert (repo.actor, repo.role) == ("carl", "clinician")
    assert "wrong user name or password" in texts[1]
    repo.engine.dispose()


def test_unreachable_server_offers_retry_then_the_local_folder(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"postgresql+psycopg://medius_app@/medius?host={tmp_path}&port=1"
    monkeypatch.setattr(sign_in, "ask_sign_in", lambda text, name="": ("carl", "whatever-pw"))
    choices = iter([sign_in.RETRY, sign_in.LOCAL])
    messages: list[str] = []
    monkeypatch.setattr(sign_in, "ask_unreachable", lambda text: messages.append(text) or next(choices))
    repo = sign_in.open_clinic_server(url, AppPaths(data_dir))
    assert len(messages) == 2 and "cannot reach the clinic server" in messages[0]
    assert repo.database_path == AppPaths(data_dir).database  # the local SQLite folder
    repo.engine.dispose()


def test_cancel_quits_quietly(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sign_in, "ask_sign_in", lambda text, name="": None)
    assert sign_in.open_clinic_server(f"postgresql+psycopg://x@/y?host={tmp_path}", AppPaths(data_dir)) == 0
