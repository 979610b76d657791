"""The Trendelenburg step as a clinician sees it: the big display and the stance toggle."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.ui.assessment.trendelenburg import TrendelenburgPage


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
