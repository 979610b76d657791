"""Drive the real widgets the way a clinician would (keyboard text, clicks, choices)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_into(qtbot: Any, edit: Any, text: str) -> None:
    """Replace the field's text with key events (non-ASCII letters as text-only key events)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    for character in text:
        if character.isascii():
            qtbot.keyClicks(edit, character)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def choose(choice: Any, code: str) -> None:
    index = choice.findData(code)
    assert index >= 0, f"{code!r} not offered by {choice.accessibleName()}"
    choice.setCurrentIndex(index)
    choice.activated.emit(index)


def set_date(date_edit: Any, iso: str) -> None:
    year, month, day = (int(p) for p in iso.split("-"))
    date_edit.setDate(QDate(year, month, day))


def shown_window(qtbot: Any, repo: Any, folder: Any) -> tuple[Any, Any]:
    """(services, main window) on ``repo`` with a laptop data folder in ``folder``, shown and its list filled."""
    from desktop.paths import resolve_paths
    from desktop.services.app_services import build_services
    from desktop.ui.main_window import MainWindow

    services = build_services(repo, resolve_paths(folder).ensure())
    window = MainWindow(services, install_error_handler=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.clients_loaded, timeout=10000):
        window.show()
    return services, window


def create_client(qtbot: Any, window: Any, given: str, family: str, dob: str, file_no: str = "") -> int:
    window.new_client()
    dialog = window._client_dialog
    type_into(qtbot, dialog.given, given)
    type_into(qtbot, dialog.family, family)
    type_into(qtbot, dialog.dob, dob)
    if file_no:
        type_into(qtbot, dialog.external_id, file_no)
    with qtbot.waitSignal(dialog.saved, timeout=15000):
        assert dialog.save()
    wait_for_storage(qtbot)
    return int(dialog.client_id)


def fill_visit(qtbot: Any, editor: Any, *, mass: str = "68", height: str = "165") -> None:
    editor.go_to_step(0)
    page = editor.page("visit")
    type_into(qtbot, page.clinician.lineEdit(), "Jo Smith")
    type_into(qtbot, page.referrer_name, "Dr A. Lee")
    type_into(qtbot, page.body_mass, mass)
    type_into(qtbot, page.height, height)


def fill_pain(qtbot: Any, editor: Any) -> None:
    editor.go_to_step(2)
    page = editor.page("pain")
    type_into(qtbot, page.nprs, "6")
    activity, score = page.psfs_rows[0]
    type_into(qtbot, activity, "Walking 30 min")
    type_into(qtbot, score, "4")
    for edit, value in zip(page.odi, ["2", "1", "3", "", "2", "1", "0", "", "2", "1"], strict=True):
        type_into(qtbot, edit, value)


def settle(qtbot: Any, editor: Any) -> None:
    """Let the debounced live results run."""
    qtbot.waitUntil(lambda: not editor._results_timer.isActive(), timeout=10000)


def wait_for_storage(qtbot: Any, timeout: int = 15000) -> None:
    """Wait until every storage operation the window started has finished and reported back."""
    from desktop.ui.worker import is_idle

    qtbot.waitUntil(is_idle, timeout=timeout)


def save_visit(qtbot: Any, editor: Any) -> int | None:
    """Press save and wait for the outcome: the stored visit's id, or None when it was not stored."""
    outcome: list[int | None] = []
    editor.saved.connect(outcome.append)
    try:
        if not editor.save():
            wait_for_storage(qtbot)  # the draft it keeps
            return None
        qtbot.waitUntil(lambda: bool(outcome) or not editor._saving, timeout=15000)
        wait_for_storage(qtbot)
    finally:
        editor.saved.disconnect(outcome.append)
    return outcome[0] if outcome else None


def open_demo_visit(qtbot: Any, make_window: Any, repo: Any) -> tuple[Any, Any, list[int]]:
    """The first demo client's latest visit, open in a new window's editor: (window, editor, visit ids)."""
    from desktop.services.demo import demo_records

    client, visits = demo_records()[0]
    _client_id, ids = repo.add_client(client, visits)
    window = make_window()
    editor = window.open_assessment(ids[-1])
    wait_for_storage(qtbot)
    return window, editor, ids


def reception_window(qtbot: Any, rita: Any, tmp_path: Any) -> Any:
    """The main window over a clinic-server repository (of reception's role), shown and listed."""
    from desktop.paths import resolve_paths
    from desktop.services.app_services import build_services
    from desktop.ui.main_window import MainWindow

    window = MainWindow(build_services(rita, resolve_paths(tmp_path / "desk").ensure()), install_error_handler=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.clients_loaded, timeout=10000):
        window.show()
    return window
