"""The Trendelenburg step as a clinician sees it: the big display and the stance toggle."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from desktop.ui.appearance import dark_palette
from desktop.ui.assessment.trendelenburg import TrendelenburgPage
from desktop.ui.toggle import checked_colours, contrast_ratio


@pytest.fixture
def page(qtbot: Any) -> TrendelenburgPage:
    widget = TrendelenburgPage()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_typed_hold_shows_on_the_big_display(page: TrendelenburgPage, qtbot: Any) -> None:
    page.load({})  # a new visit
    assert page.timer.time_label.text() == "–"
    qtbot.keyClicks(page.hold, "18.2")
    assert page.timer.time_label.text() == "18.2 s"
    assert page.timer.bar.value() == 182
    page.hold.selectAll()
    qtbot.keyClicks(page.hold, "abc")
    assert page.timer.time_label.text() == "–"
    page.hold.selectAll()
    qtbot.keyClicks(page.hold, "25")
    page.select_side("right")
    assert page.timer.time_label.text() == "–"  # nothing typed for the right leg yet
    page.select_side("left")
    assert page.timer.time_label.text() == "25.0 s"


def test_contrast_ratio_by_hand() -> None:
    # #777777: channel 0.4667 -> ((0.4667 + 0.055) / 1.055) ** 2.4 = 0.1845; (1.0 + 0.05) / (0.1845 + 0.05) = 4.48
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    # The dark palette's own highlight on its button colour is only 2.4:1, too close to tell apart.
    dark = dark_palette()
    assert contrast_ratio(dark.color(QPalette.ColorRole.Highlight), dark.color(QPalette.ColorRole.Button)) < 2.5
    fill, text = checked_colours(dark)
    assert contrast_ratio(fill, dark.color(QPalette.ColorRole.Button)) >= 3.0
    assert contrast_ratio(fill, text) >= 4.5


def _background(button: Any) -> QColor:
    """The drawn fill beside the button's text, inside its frame."""
    image = button.grab().toImage()
    return image.pixelColor(6, image.height() // 2)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chosen_stance_leg_stands_out(page: TrendelenburgPage, qtbot: Any, scheme: str) -> None:
    if scheme == "dark":
        page.setPalette(dark_palette())
    for chosen, other in ((page.left_button, page.right_button), (page.right_button, page.left_button)):
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
        assert chosen.isChecked() and not other.isChecked()
        assert contrast_ratio(_background(chosen), _background(other)) >= 3.0
