"""A full disk or a locked database never loses the clinician's typing, and never half-saves a visit."""

from __future__ import annotations

from typing import Any

import pytest

from db.errors import DatabaseBusyError, DiskFullError
from desktop.ui.assessment import state as st
from tests.ui.helpers import (
    create_client,
    fill_pain,
    fill_visit,
    save_visit,
    settle,
    wait_for_storage,
)


def _minimal_visit(qtbot: Any, window: Any) -> tuple[int, Any]:
    client_id = create_client(qtbot, window, "Mia", "Keller", "1980-05-06")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    fill_visit(qtbot, editor)
    fill_pain(qtbot, editor)
    settle(qtbot, editor)
    return client_id, editor


def test_disk_full_on_save_keeps_the_form_and_writes_nothing(
    qtbot: Any, make_window: Any, medius_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    client_id, editor = _minimal_visit(qtbot, window)

    def full(*_args: Any, **_kwargs: Any) -> int:
        raise DiskFullError()

    monkeypatch.setattr(medius_repo, "add_assessment", full)
    assert save_visit(qtbot, editor) is None
    assert "disk is full" in editor.message.text().lower()
    assert editor.page("visit").body_mass.text() == "68"
    assert medius_repo.list_assessments(client_id) == []
    draft = medius_repo.load_draft(st.draft_key(client_id, None))
    assert draft is not None and draft["form"]["visit"]["body_mass_kg"] == "68"

    monkeypatch.undo()
    assert save_visit(qtbot, editor) is not None
    assert len(medius_repo.list_assessments(client_id)) == 1


def test_a_locked_database_delays_the_draft_then_it_is_written(
    qtbot: Any, make_window: Any, medius_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Mia", "Keller", "1980-05-06")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    editor._retry_timer.setInterval(50)
    real_save_draft = medius_repo.save_draft
    attempts: list[int] = []

    def busy_once(key: str, payload: dict[str, Any]) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseBusyError()
        real_save_draft(key, payload)

    monkeypatch.setattr(medius_repo, "save_draft", busy_once)
    fill_visit(qtbot, editor, mass="70")
    shown: list[str] = []
    show = editor.save_state.setText
    monkeypatch.setattr(editor.save_state, "setText", lambda text: (shown.append(text), show(text)))
    editor.save_draft_now()
    qtbot.waitUntil(lambda: any("retrying" in text.lower() for text in shown), timeout=5000)
    key = st.draft_key(client_id, None)
    qtbot.waitUntil(lambda: medius_repo.load_draft(key) is not None, timeout=5000)
    assert medius_repo.load_draft(key)["form"]["visit"]["body_mass_kg"] == "70"
