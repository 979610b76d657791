"""The landmark tool through its real widgets: a synthetic photo with a pelvis marker pair drawn
at a known tilt, points placed by clicking, the angle read back within 0.1 deg."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from desktop.clinical.pelvic_drop import measure_drop, obliquity_deg
from desktop.services.photos import PhotoService
from desktop.ui.assessment.pelvis_photo import PelvisPhotoPanel
from tests.fixtures.records import client

TILT_DEG = 6.5
LEFT_CENTRE = (480.3, 470.6)
SPAN_PX = 430.0


def marker_photo(path: Path, tilt_deg: float = TILT_DEG, *, mirrored: bool = False) -> None:
    """A grey back view with two red PSIS markers; the viewer's right one lower by ``tilt_deg``."""
    image = Image.new("RGB", (1400, 1000), (150, 140, 130))
    draw = ImageDraw.Draw(image)
    draw.rectangle((380, 300, 1020, 900), fill=(120, 100, 90))  # a torso-ish block
    lx, ly = LEFT_CENTRE
    rx, ry = lx + SPAN_PX, ly + SPAN_PX * math.tan(math.radians(tilt_deg))
    for cx, cy in ((lx, ly), (rx, ry)):
        draw.ellipse((cx - 9, cy - 9, cx + 9, cy + 9), fill=(230, 20, 20))
    if mirrored:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    image.save(path, format="PNG")


def red_centroids(jpeg: bytes) -> list[tuple[float, float]]:
    """Marker centres found in the stored photo (as the clinician would see them), left to right."""
    import io

    pixels = np.asarray(Image.open(io.BytesIO(jpeg)).convert("RGB")).astype(int)
    mask = (pixels[..., 0] > 180) & (pixels[..., 1] < 90) & (pixels[..., 2] < 90)
    ys, xs = np.nonzero(mask)
    split = (xs.min() + xs.max()) / 2
    out = []
    for half in (xs < split, xs >= split):
        out.append((float(xs[half].mean()), float(ys[half].mean())))
    return sorted(out)


@pytest.fixture
def panel(qtbot: Any, medius_repo: Any) -> PelvisPhotoPanel:
    client_id, _ = medius_repo.add_client(client(0))
    widget = PelvisPhotoPanel()
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.set_context(
        PhotoService(medius_repo), client_id, f"client:{client_id}:assessment:new", None, 5.0
    )
    widget.load_side("left", None)
    widget.show()
    return widget


def click_at(qtbot: Any, view: Any, x: float, y: float) -> None:
    view.set_zoom(4.0)
    view.centerOn(QPointF(x, y))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x, y))
    )


def open_photo(qtbot: Any, panel: PelvisPhotoPanel, path: Path, kind: str = "single_leg") -> Any:
    slot = panel.slots[kind]
    panel.tabs.setCurrentWidget(slot)
    slot.open_file(path)
    qtbot.waitUntil(lambda: slot.view.has_image, timeout=10000)
    return slot


def test_clicked_landmarks_give_the_drawn_angle_within_a_tenth_of_a_degree(
    qtbot: Any, panel: PelvisPhotoPanel, tmp_path: Path
) -> None:
    path = tmp_path / "back-view.png"
    marker_photo(path)
    slot = open_photo(qtbot, panel, path)
    left, right = red_centroids(slot.photo.jpeg)
    # Seen from behind the client's left is on the viewer's left: click it first, then the right.
    click_at(qtbot, slot.view, *left)
    assert slot.view.active == "right" and slot.right_button.isChecked()
    click_at(qtbot, slot.view, *right)

    photo = panel.measured()
    assert photo is not None and photo.landmarks is not None
    # Standing on the left leg, the lifted right side is lower: a positive drop.
    assert obliquity_deg(photo.landmarks, "left") == pytest.approx(TILT_DEG, abs=0.1)
    drop = measure_drop(photo, "left")
    assert drop is not None and drop.drop_deg == pytest.approx(TILT_DEG, abs=0.1)
    text = panel.readout.text()
    assert "Pelvic drop on the right (lifted) side: 6.5°" in text
    assert "beyond the ±4° measurement error" in text
    assert "Clinic threshold 5° (a clinic setting, not a validated cut-off): reached" in text


def test_reference_photo_is_subtracted_and_mirrored_photo_reads_the_same(
    qtbot: Any, panel: PelvisPhotoPanel, tmp_path: Path
) -> None:
    single, reference = tmp_path / "single.png", tmp_path / "reference.png"
    marker_photo(
        single, mirrored=True
    )  # a view from in front: the client's left on the viewer's right
    marker_photo(reference, tilt_deg=-1.5, mirrored=True)
    slot = open_photo(qtbot, panel, single)
    viewer_left, viewer_right = red_centroids(slot.photo.jpeg)
    click_at(qtbot, slot.view, *viewer_right)  # the client's left PSIS
    click_at(qtbot, slot.view, *viewer_left)
    ref = open_photo(qtbot, panel, reference, "reference")
    viewer_left, viewer_right = red_centroids(ref.photo.jpeg)
    click_at(qtbot, ref.view, *viewer_right)
    click_at(qtbot, ref.view, *viewer_left)
    drop = measure_drop(panel.measured(), "left")  # type: ignore[arg-type]
    assert drop is not None
    assert drop.obliquity_deg == pytest.approx(TILT_DEG, abs=0.1)
    assert drop.reference_obliquity_deg == pytest.approx(-1.5, abs=0.1)
    assert drop.drop_deg == pytest.approx(8.0, abs=0.1)


def test_points_nudge_with_arrows_drag_and_lines_follow(
    qtbot: Any, panel: PelvisPhotoPanel, tmp_path: Path
) -> None:
    path = tmp_path / "back-view.png"
    marker_photo(path)
    slot = open_photo(qtbot, panel, path)
    view = slot.view
    view.place("left", QPointF(400.0, 500.0))
    view.place("right", QPointF(800.0, 500.0))
    assert obliquity_deg(view.landmarks(), "left") == 0.0  # type: ignore[arg-type]
    view.setFocus()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)  # the active (right) point, 1 px each
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # 10 px
    assert view.point("right") == QPointF(800.0, 514.0)
    landmarks = view.landmarks()
    assert landmarks is not None
    assert math.isclose(obliquity_deg(landmarks, "left"), math.degrees(math.atan(14 / 400)))
    qtbot.keyClick(view, Qt.Key.Key_L)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.point("left") == QPointF(400.0, 499.0)
    # The horizontal reference runs through the stance-side (left) point; the pelvis line
    # joins both.
    line = view.reference_line.line()
    assert line.y1() == line.y2() == 499.0
    assert view.pelvis_line.line().p2() == QPointF(800.0, 514.0)
    # Zoom keys and fit.
    before = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() == pytest.approx(before * 1.25)
    # Dragging a point moves it.
    view.set_zoom(1.0)
    view.centerOn(QPointF(600.0, 500.0))
    start = view.mapFromScene(QPointF(400.0, 499.0))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    target = (
        start + view.mapFromScene(QPointF(430.0, 520.0)) - view.mapFromScene(QPointF(400.0, 499.0))
    )
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(target),
        QPointF(view.viewport().mapToGlobal(target)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), move)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    moved = view.point("left")
    assert (
        moved is not None
        and moved.x() == pytest.approx(430.0, abs=1.0)
        and moved.y() == pytest.approx(520.0, abs=1.0)
    )


def test_degenerate_points_show_a_clear_message(
    qtbot: Any, panel: PelvisPhotoPanel, tmp_path: Path
) -> None:
    path = tmp_path / "back-view.png"
    marker_photo(path)
    slot = open_photo(qtbot, panel, path)
    slot.view.place("left", QPointF(500.0, 300.0))
    slot.view.place("right", QPointF(500.0, 600.0))
    assert "straight above each other" in panel.readout.text()


def test_pasted_image_and_face_blur_go_through_the_service(
    qtbot: Any, panel: PelvisPhotoPanel, medius_repo: Any
) -> None:
    image = QImage(600, 400, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    slot = panel.slots["single_leg"]
    slot.paste_image(image)
    qtbot.waitUntil(lambda: slot.view.has_image, timeout=10000)
    assert slot.view.image_size() == (600, 400)
    stored = medius_repo.photo("left", "single_leg", draft_key=panel.draft_key)
    assert stored is not None and (stored.width, stored.height) == (600, 400)
    slot.view.place("left", QPointF(100.0, 200.0))
    slot.view.place("right", QPointF(500.0, 210.0))
    first = slot.photo
    slot.view.set_blur_mode(True)
    viewport = slot.view.viewport()
    slot.view.fit()
    a, b = (
        slot.view.mapFromScene(QPointF(200.0, 20.0)),
        slot.view.mapFromScene(QPointF(400.0, 150.0)),
    )
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(
        viewport,
        QMouseEvent(
            QMouseEvent.Type.MouseMove,
            QPointF(b),
            QPointF(viewport.mapToGlobal(b)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    assert len(slot.view.blur_areas()) == 1
    slot.apply_blur()
    qtbot.waitUntil(lambda: slot.photo is not first, timeout=10000)
    # Same size, points kept where they were.
    assert slot.view.image_size() == (600, 400)
    assert slot.view.point("right") == QPointF(500.0, 210.0)


def test_clipboard_without_an_image_says_so(qtbot: Any, panel: PelvisPhotoPanel) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("not a photo")
    panel.slots["single_leg"].paste()
    assert "no image" in panel.message.text()


def test_open_photo_button_uses_the_file_chooser(
    qtbot: Any, panel: PelvisPhotoPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui import dialogs

    path = tmp_path / "back-view.png"
    marker_photo(path)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: path)
    slot = panel.slots["single_leg"]
    slot.open_button.click()
    qtbot.waitUntil(lambda: slot.view.has_image, timeout=10000)
    assert "Click the client's left PSIS" in panel.readout.text()


def test_clinic_threshold_is_a_setting_checked_before_saving(
    qtbot: Any, make_window: Any, medius_repo: Any
) -> None:
    from tests.ui.helpers import type_into
    from tests.ui.test_worker_errors_settings import open_settings_dialog

    window = make_window()
    dialog = open_settings_dialog(qtbot, window)
    type_into(qtbot, dialog.clinic_name, "Harbour Physio")
    type_into(qtbot, dialog.drop_threshold, "abc")
    dialog.save()
    assert "must be a number of degrees" in dialog.drop_threshold_error.text()
    type_into(qtbot, dialog.drop_threshold, "5,5")
    dialog.save()
    qtbot.waitUntil(lambda: medius_repo.get_settings().pelvic_drop_threshold_deg == 5.5, timeout=10000)
