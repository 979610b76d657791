"""The client dialog marks a client as an athlete of a kind; the mark is stored and offered back."""

from __future__ import annotations

from typing import Any

from desktop.paths import AppPaths
from desktop.services.app_services import build_services
from desktop.services.database import open_repository
from tests.fixtures.records import client
from tests.ui.helpers import choose


def test_client_dialog_marks_and_reads_back_the_athlete_population(qtbot: Any, medius_paths: AppPaths) -> None:
    from PySide6.QtCore import Qt

    from desktop.ui.client_dialog import ClientDialog

    repo = open_repository(medius_paths)
    services = build_services(repo, medius_paths)
    client_id, _ = repo.add_client(client(0))
    dialog = ClientDialog(services, client_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.given.text() != "", timeout=5000)
    assert dialog.athlete_group.value() == ""
    assert dialog.athlete_group.currentText() == "Not an athlete (general population)"
    choose(dialog.athlete_group, "professional_football")
    assert dialog.athlete_group.currentText() == "Athlete: professional football (soccer)"
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert repo.get_client(client_id).client.athlete_group == "professional_football"

    # A population from a clinic's own table (imported) is shown by its key and kept on save.
    repo.update_client(client_id, client(0, athlete_group="elite_rugby_union"))
    again = ClientDialog(services, client_id)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.given.text() != "", timeout=5000)
    assert (again.athlete_group.value(), again.athlete_group.currentText()) == (
        "elite_rugby_union", "elite rugby union")


def test_client_page_names_the_athlete_population(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from tests.ui.helpers import wait_for_storage

    client_id, _ = medius_repo.add_client(client(1, athlete_group="professional_football"))
    window = make_window()
    page = window.client_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.open_client(client_id)
    wait_for_storage(qtbot)
    assert "Athlete: professional football (soccer)" in page.details_label.text()
