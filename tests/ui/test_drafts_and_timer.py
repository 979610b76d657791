"""Nothing typed is lost, and the Trendelenburg timer works from the keyboard alone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.services.app_services import build_services
from desktop.ui.assessment import state as st
from tests.ui.helpers import (
    create_client,
    fill_visit,
    open_demo_visit,
    save_visit,
    settle,
    type_into,
    wait_for_storage,
)


def _start_visit(qtbot: Any, window: Any) -> tuple[int, Any]:
    client_id = create_client(qtbot, window, "Rosa", "Rossi", "1966-02-03")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    fill_visit(qtbot, editor, mass="71.5")
    editor.go_to_step(3)
    tb = editor.page("trendelenburg")
    type_into(qtbot, tb.hold, "18.2")
    type_into(qtbot, tb.pain, "3")
    tb.right_button.click()
    tb.timer.zero_button.click()
    editor.go_to_step(4)
    type_into(qtbot, editor.page("hip").sides["left"].trial_edits[1], "14x")  # invalid text is kept too
    return client_id, editor


def _assert_resumed(editor: Any) -> None:
    assert editor.current_step() == 4
    assert editor.page("visit").body_mass.text() == "71.5"
    assert editor.page("hip").sides["left"].trial_edits[1].text() == "14x"
    tb = editor.page("trendelenburg")
    form = tb.dump()
    assert form["left"]["hold_s"] == "18.2" and form["left"]["pain_nprs"] == "3"
    assert form["right"]["hold_s"] == "0" and form["right"]["elevation_maximal"] is False
    assert editor.results.trendelenburg.right.result == "positive_immediate"


def test_closing_the_window_mid_assessment_keeps_a_draft_that_resumes(qtbot: Any, make_window: Any,
                                                                       medius_repo: Any) -> None:
    window = make_window()
    client_id, _editor = _start_visit(qtbot, window)
    window.close()  # no save
    assert medius_repo.list_assessments(client_id) == []
    assert medius_repo.load_draft(st.draft_key(client_id, None)) is not None

    reopened = make_window()
    banners = [b for b in reopened.clients_page.drafts_box.findChildren(type(reopened.clients_page.new_button))
               if b.objectName().startswith("resume:")]
    assert len(banners) == 1 and "Rosa Rossi" in banners[0].accessibleName()
    banners[0].click()
    wait_for_storage(qtbot)
    editor = reopened.editor
    assert reopened.stack.currentWidget() is editor
    _assert_resumed(editor)
    editor.go_to_step(4)
    type_into(qtbot, editor.page("hip").sides["left"].trial_edits[1], "140")
    for side in ("left", "right"):
        for index, value in enumerate(["150", "155", "152"]):
            type_into(qtbot, editor.page("hip").sides[side].trial_edits[index], value)
    assert save_visit(qtbot, editor) is not None
    assert medius_repo.list_drafts() == []


def test_a_crash_after_the_autosave_loses_nothing(qtbot: Any, make_window: Any, medius_repo: Any,
                                                  medius_paths: Any) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(build_services(medius_repo, medius_paths), install_error_handler=False)  # not closed by qtbot
    with qtbot.waitSignal(window.clients_loaded, timeout=5000):
        window.show()
    client_id, editor = _start_visit(qtbot, window)
    key = st.draft_key(client_id, None)
    # The debounced autosave writes on its own; then the window disappears without any close handling.
    qtbot.waitUntil(lambda: (medius_repo.load_draft(key) or {}).get("form", {}).get("hip", {}).get("left", {})
                    .get("trials", [None, None])[1] == "14x", timeout=5000)
    editor.close_editor = lambda: None  # type: ignore[method-assign]
    window.closeEvent = lambda event: event.accept()  # type: ignore[method-assign]
    gone: list[bool] = []
    window.destroyed.connect(lambda: gone.append(True))
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=2000)
    del window, editor

    reopened = make_window()
    editor = reopened.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    _assert_resumed(editor)


def test_keyboard_only_timer_records_the_hold(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Tane", "Ngata", "1984-08-08")
    editor = window.open_assessment_for(client_id)
    wait_for_storage(qtbot)
    editor.go_to_step(3)
    tb = editor.page("trendelenburg")
    button = tb.timer.main_button
    assert button.hasFocus() or tb.first_focus() is button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert tb.timer.running
    qtbot.waitUntil(lambda: tb.timer.elapsed_s() >= 0.4, timeout=3000)
    qtbot.keyClick(button, Qt.Key.Key_Space)  # pelvis dropped
    assert not tb.timer.running
    held = float(tb.hold.text())
    assert 0.4 <= held < 3.0
    settle(qtbot, editor)
    assert editor.form["trendelenburg"]["left"]["hold_s"] == tb.hold.text()
    assert editor.results.trendelenburg.left.result == "positive_delayed"
    assert "left hip abductors weak" in tb.result_label.text()

    tb.right_button.click()
    tb.timer.target_s = 0.3  # the real target is 30 s; the auto-stop works the same way
    qtbot.keyClick(tb.timer.main_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not tb.timer.running, timeout=3000)
    assert tb.hold.text() == "0.3"
    assert editor.form["trendelenburg"]["left"]["hold_s"] == f"{held:g}"


def _walk_every_step(qtbot: Any, editor: Any) -> list[str]:
    """Visit each step (and both Trendelenburg sides) without typing; the save states shown on the way."""
    shown = []
    for index in range(len(editor.pages)):
        editor.go_to_step(index)
        if editor.page("trendelenburg") is editor.pages[index]:
            editor.page("trendelenburg").right_button.click()
        settle(qtbot, editor)
        wait_for_storage(qtbot)
        shown.append(editor.save_state.text())
    return shown


def test_editing_shows_only_after_a_real_change(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    window, editor, _ids = open_demo_visit(qtbot, make_window, medius_repo)
    assert set(_walk_every_step(qtbot, editor)) == {"Saved"}
    assert not editor.dirty

    new_client = create_client(qtbot, window, "Nell", "Quist", "1979-05-06")
    editor = window.open_assessment_for(new_client)
    wait_for_storage(qtbot)
    assert set(_walk_every_step(qtbot, editor)) == {"Not saved yet"}
    assert not editor.dirty and medius_repo.list_drafts() == []

    editor.go_to_step(0)
    type_into(qtbot, editor.page("visit").referrer_name, "Dr B")
    assert editor.dirty and editor.save_state.text() == "Editing…"
