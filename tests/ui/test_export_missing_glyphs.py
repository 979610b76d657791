"""A name no font can print is caught before export: the clinician is asked, not handed blank boxes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.clinical import model as m
from desktop.ui import dialogs
from tests.ui.helpers import wait_for_storage


@pytest.mark.parametrize("answer", [True, False])
def test_unprintable_name_asks_before_export(qtbot: Any, make_window: Any, medius_repo: Any,
                                             monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
    client_id, _ = medius_repo.add_client(
        m.Client("Nefer", "Ankh\U00013000", date(1980, 1, 2)),
        [m.Assessment(performed_on=date(2026, 10, 2), body_mass_kg=60.0, pain_nprs=3,
                      trendelenburg_left=m.TrendelenburgSide(hold_s=30),
                      trendelenburg_right=m.TrendelenburgSide(hold_s=30))],
    )
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text: asked.append(text) or answer)
    window = make_window()
    (assessment_id, _a), = medius_repo.list_assessments(client_id)
    editor = window.open_assessment(assessment_id)
    wait_for_storage(qtbot)
    editor.go_to_step(7)
    export = editor.page("export")
    export.export_button.click()
    qtbot.waitUntil(lambda: bool(asked) and (export.path is not None or "Not exported" in export.status.text()),
                    timeout=60000)
    assert "\U00013000" in asked[0]
    if answer:
        assert export.path is not None and Path(export.path).stat().st_size > 0
    else:
        assert export.path is None
        assert not list(Path(window.paths.exports).glob("*.pdf"))
