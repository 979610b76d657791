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

    # A population only a clinic's own table names (here imported onto the client) is shown by its key.
    repo.update_client(client_id, client(0, athlete_group="elite_rugby_union"))
    again = ClientDialog(services, client_id)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.given.text() != "", timeout=5000)
    assert (again.athlete_group.value(), again.athlete_group.currentText()) == (
        "elite_rugby_union", "Athlete: elite rugby union")


def test_a_clinic_table_adds_its_athletes_population_to_the_choice(qtbot: Any, medius_paths: AppPaths) -> None:
    from desktop.clinical.norms import COLUMNS

    medius_paths.norms.mkdir(parents=True, exist_ok=True)
    row = {c: "" for c in COLUMNS} | {
        "source": "Clinic squad testing 2025", "population": "senior club rowers", "sex": "any", "age_min": "18",
        "age_max": "35", "mean": "2.1", "unit": "Nm/kg", "contraction": "isometric_make", "position": "supine",
        "side": "any", "evidence_tag": "U", "verified": "no", "athlete_group": "club_rowing"}
    header = [*COLUMNS, "athlete_group"]
    lines = [",".join(header), ",".join(row[c] for c in header)]
    (medius_paths.norms / "rowing.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    services = build_services(open_repository(medius_paths), medius_paths)
    assert services.norms.athlete_groups() == ["professional_football", "club_rowing"]
    from desktop.ui.client_dialog import ClientDialog

    dialog = ClientDialog(services)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.athlete_group.findData("club_rowing") >= 0, timeout=5000)
    choose(dialog.athlete_group, "club_rowing")
    assert dialog.athlete_group.currentText() == "Athlete: club rowing"


def test_client_page_names_the_athlete_population(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from tests.ui.helpers import wait_for_storage

    client_id, _ = medius_repo.add_client(client(1, athlete_group="professional_football"))
    window = make_window()
    page = window.client_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.open_client(client_id)
    wait_for_storage(qtbot)
    assert "Athlete: professional football (soccer)" in page.details_label.text()
