"""Two clinicians edit the same visit in two windows on one clinic server: the second save shows
both versions side by side, keeps the loser's version as a draft, and stores the chosen merge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.engine import make_engine
from db.repository import Repository
from desktop.paths import resolve_paths
from desktop.services.app_services import build_services
from desktop.ui.assessment import state as st
from desktop.ui.assessment.conflict_dialog import MINE, THEIRS
from tests.fixtures.records import assessment, client
from tests.ui.helpers import save_visit, type_into, wait_for_storage


@pytest.fixture
def two_windows(qtbot: Any, pg_url: str, tmp_path: Path, no_modals: Any) -> Iterator[tuple[Any, Any, int]]:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.worker import wait_for_all

    repos = [Repository(make_engine(pg_url), actor=name, device=f"room-{n}") for n, name in
             enumerate(("maria", "tom"), start=1)]
    _, (aid,) = repos[0].add_client(client(0), [assessment(3)])
    windows = []
    for repo, name in zip(repos, ("maria", "tom"), strict=True):
        window = MainWindow(build_services(repo, resolve_paths(tmp_path / name).ensure()),
                            install_error_handler=False)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.clients_loaded, timeout=10000):
            window.show()
        windows.append(window)
    wait_for_storage(qtbot)
    yield windows[0], windows[1], aid
    wait_for_all(10000)
    for repo in repos:
        repo.engine.dispose()


def _open(qtbot: Any, window: Any, aid: int) -> Any:
    editor = window.editor
    with qtbot.waitSignal(editor.opened, timeout=15000):
        window.open_assessment(aid)
    return editor


def test_the_second_save_shows_both_versions_and_stores_the_chosen_merge(qtbot: Any, two_windows: Any) -> None:
    maria_window, tom_window, aid = two_windows
    maria, tom = _open(qtbot, maria_window, aid), _open(qtbot, tom_window, aid)
    assert maria.version == tom.version == 1

    maria.go_to_step(2)
    type_into(qtbot, maria.page("pain").nprs, "2")
    assert save_visit(qtbot, maria) == aid
    assert maria.version == 2

    tom.go_to_step(0)
    type_into(qtbot, tom.page("visit").body_mass, "80.5")
    tom.go_to_step(2)
    type_into(qtbot, tom.page("pain").nprs, "7")
    assert save_visit(qtbot, tom) is None  # lost the race: nothing stored
    qtbot.waitUntil(lambda: tom.conflict_dialog is not None and tom.conflict_dialog.isVisible(), timeout=10000)
    dialog = tom.conflict_dialog
    repo = tom.services.storage.repository
    # Nothing of tom's overwrote maria's visit; his version waits as his draft (and his form's).
    client_id, stored = repo.get_assessment(aid)
    assert (stored.pain_nprs, stored.body_mass_kg) == (2, 68.0)
    assert repo.assessment_version(aid) == 2
    assert tom.visits.kept_conflict(aid).pain_nprs == 7
    assert repo.load_draft(st.draft_key(client_id, aid))["version"] == 1
    assert "maria" in dialog.explanation.text() and "version 2" in dialog.explanation.text()
    assert "maria" in tom.message.text()
    # Side by side: body mass and pain differ; each row offers his value and hers.
    assert set(dialog.choices) == {"body_mass_kg", "pain_nprs"}
    pain = dialog.choices["pain_nprs"]
    assert (pain.button(MINE).text(), pain.button(THEIRS).text()) == ("7", "2")
    # He keeps his pain score and takes her body mass.
    dialog.choose("body_mass_kg", THEIRS)
    with qtbot.waitSignal(tom.saved, timeout=15000):
        dialog.save_button.click()
    wait_for_storage(qtbot)
    stored = repo.get_assessment(aid)[1]
    assert (stored.pain_nprs, stored.body_mass_kg) == (7, 68.0)
    assert repo.assessment_version(aid) == tom.version == 3
    assert tom.visits.kept_conflict(aid) is None
    assert tom.page("visit").body_mass.text() == "68" and not tom.dirty
    assert [e.actor for e in repo.audit_events() if e.action == "update"] == ["maria", "tom"]


def test_deciding_later_keeps_the_form_and_the_draft_and_the_next_save_asks_again(
        qtbot: Any, two_windows: Any) -> None:
    maria_window, tom_window, aid = two_windows
    maria, tom = _open(qtbot, maria_window, aid), _open(qtbot, tom_window, aid)
    maria.go_to_step(2)
    type_into(qtbot, maria.page("pain").nprs, "3")
    assert save_visit(qtbot, maria) == aid
    tom.go_to_step(2)
    type_into(qtbot, tom.page("pain").nprs, "9")
    assert save_visit(qtbot, tom) is None
    qtbot.waitUntil(lambda: tom.conflict_dialog is not None and tom.conflict_dialog.isVisible(), timeout=10000)
    tom.conflict_dialog.later_button.click()
    wait_for_storage(qtbot)
    assert tom.page("pain").nprs.text() == "9" and tom.dirty
    assert tom.visits.kept_conflict(aid).pain_nprs == 9
    assert tom.services.storage.repository.get_assessment(aid)[1].pain_nprs == 3
    first = tom.conflict_dialog
    assert save_visit(qtbot, tom) is None  # still the version he opened: asked again
    qtbot.waitUntil(lambda: tom.conflict_dialog is not first and tom.conflict_dialog.isVisible(), timeout=10000)
    tom.conflict_dialog.choose_all(THEIRS)
    with qtbot.waitSignal(tom.saved, timeout=15000):
        tom.conflict_dialog.save_button.click()
    wait_for_storage(qtbot)
    assert tom.page("pain").nprs.text() == "3"
    assert tom.services.storage.repository.assessment_version(aid) == 3
