"""Two people edit the same client's details: the second save shows both versions side by side,
a choice per field, and stores exactly the chosen mix; going back keeps the form and its typing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.paths import AppPaths
from desktop.ui.client_conflict_dialog import MINE, THEIRS
from tests.fixtures.records import client
from tests.ui.helpers import type_into, wait_for_storage


def _open_form(qtbot: Any, window: Any, client_id: int) -> Any:
    window.edit_client(client_id)
    dialog = window._client_dialog
    qtbot.waitUntil(lambda: dialog.version is not None, timeout=10000)
    wait_for_storage(qtbot)
    return dialog


def _conflict_shown(qtbot: Any, dialog: Any, previous: Any = None) -> Any:
    qtbot.waitUntil(lambda: dialog.conflict_dialog is not None and dialog.conflict_dialog is not previous
                    and dialog.conflict_dialog.isVisible(), timeout=10000)
    wait_for_storage(qtbot)
    return dialog.conflict_dialog


def test_second_save_compares_field_by_field_and_stores_the_chosen_mix(
        qtbot: Any, make_window: Any, medius_repo: Any, medius_paths: AppPaths) -> None:
    from desktop.services.database import open_repository

    client_id, _ = medius_repo.add_client(client(0, phone="0400 123 456", notes="first note"))
    maria = open_repository(medius_paths, actor="maria")
    window = make_window()
    form = _open_form(qtbot, window, client_id)
    opened = form.version
    stored = maria.get_client(client_id).client
    maria.update_client(client_id, replace(stored, email="maria@example.org", notes="maria's note",
                                           athlete_group=None, family_name="Other"), expected_version=opened)
    type_into(qtbot, form.phone, "0400 999 000")
    form.notes.setPlainText("my note")
    assert form.save()
    choice = _conflict_shown(qtbot, form)
    assert [d.field for d in choice.conflict.differences()] == ["family_name", "phone", "email", "notes"]
    assert "maria" in choice.explanation.text() and f"version {opened + 1}" in choice.explanation.text()
    assert choice.keep_mine() == {"family_name", "phone", "email", "notes"}  # the person's own, until they choose
    assert form.isVisible() and form.phone.text() == "0400 999 000"  # the form keeps the typing meanwhile
    assert maria.get_client(client_id).client.phone == "0400 123 456"  # nothing overwritten

    # Going back stores nothing and leaves the form with everything typed.
    choice.later_button.click()
    wait_for_storage(qtbot)
    assert form.isVisible() and not choice.isVisible()
    assert (form.phone.text(), form.notes.toPlainText()) == ("0400 999 000", "my note")
    assert "nothing was saved" in form.message.text().lower()
    assert maria.get_client(client_id).client.notes == "maria's note"

    # Save again: compared again; and a further change by maria while choosing is compared once more.
    assert form.save()
    choice = _conflict_shown(qtbot, form, previous=choice)
    choice.choose("family_name", THEIRS)
    choice.choose("email", THEIRS)
    again = maria.get_client(client_id).client
    maria.update_client(client_id, replace(again, given_name="Renamed"), expected_version=opened + 1)
    choice.save_button.click()
    second = _conflict_shown(qtbot, form, previous=choice)
    assert [d.field for d in second.conflict.differences()] == ["given_name", "phone", "notes"]
    assert second.conflict.opened_version == opened + 1 and second.conflict.stored_version == opened + 2
    second.choose("given_name", THEIRS)
    second.choose("notes", MINE)
    with qtbot.waitSignal(form.saved, timeout=10000):
        second.save_button.click()
    wait_for_storage(qtbot)

    final = maria.get_client(client_id).client
    assert final == replace(again, given_name="Renamed", phone="0400 999 000", notes="my note")
    assert maria.client_version(client_id) == opened + 3
    assert not form.isVisible()
    maria.engine.dispose()
