"""Saving a visit from the editor keeps its Trendelenburg photos and their landmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF

from tests.ui.helpers import open_demo_visit, save_visit, type_into, wait_for_storage
from tests.ui.test_landmark_tool import marker_photo, red_centroids


def test_saving_a_visit_keeps_its_trendelenburg_photos(qtbot: Any, make_window: Any, medius_repo: Any,
                                                       tmp_path: Path) -> None:
    window, editor, ids = open_demo_visit(qtbot, make_window, medius_repo)
    editor.go_to_step(3)
    panel = editor.page("trendelenburg").photo_panel
    single, reference = tmp_path / "single.png", tmp_path / "both-feet.png"
    marker_photo(single)
    marker_photo(reference, tilt_deg=-1.5)
    for kind, path in (("single_leg", single), ("reference", reference)):
        slot = panel.slots[kind]
        panel.tabs.setCurrentWidget(slot)
        slot.open_file(path)
        qtbot.waitUntil(lambda slot=slot: slot.view.has_image, timeout=10000)
        left, right = red_centroids(slot.photo.jpeg)
        slot.view.place("left", QPointF(*left))
        slot.view.place("right", QPointF(*right))
    wait_for_storage(qtbot)
    assert save_visit(qtbot, editor) == ids[-1]

    def stored() -> dict[str, Any]:
        return {kind: medius_repo.photo("left", kind, assessment_id=ids[-1]) for kind in ("single_leg", "reference")}

    photos = stored()
    assert photos["single_leg"] is not None and photos["reference"] is not None
    left_photo = medius_repo.get_assessment(ids[-1])[1].trendelenburg_left.photo
    assert left_photo is not None and left_photo.landmarks is not None and left_photo.reference_landmarks is not None

    # A later save that does not touch the photos keeps them as they were.
    editor.go_to_step(0)
    type_into(qtbot, editor.page("visit").referrer_name, "Dr C. Park")
    assert save_visit(qtbot, editor) == ids[-1]
    assert stored() == photos
    assert medius_repo.get_assessment(ids[-1])[1].trendelenburg_left.photo == left_photo

    editor.close_editor()
    editor = window.open_assessment(ids[-1])
    wait_for_storage(qtbot)
    editor.go_to_step(3)
    wait_for_storage(qtbot)
    assert all(slot.view.has_image for slot in editor.page("trendelenburg").photo_panel.slots.values())
