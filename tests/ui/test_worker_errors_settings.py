"""Background work, the one-at-a-time error dialog, and the settings dialog."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QColor, QImage

from desktop.ui import dialogs, errors
from desktop.ui.worker import run_in_background, wait_for_all
from tests.ui.helpers import choose, type_into, wait_for_storage


def test_worker_runs_off_the_gui_thread_and_reports_on_it(qtbot: Any) -> None:
    gui = QThread.currentThread()
    seen: dict[str, Any] = {}

    def work(a: int, b: int, progress: Any) -> int:
        seen["worker_thread"] = threading.current_thread().name
        progress(50, "half")
        return a + b

    def done(value: int) -> None:
        seen["value"] = value
        seen["on_gui"] = QThread.currentThread() is gui

    progress: list[tuple[int, str]] = []
    run_in_background(work, 2, 3, on_success=done, on_progress=lambda p, t: progress.append((p, t)))
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 5 and seen["on_gui"]
    assert seen["worker_thread"] != threading.main_thread().name
    assert progress == [(50, "half")]


def test_worker_errors_arrive_as_exceptions(qtbot: Any) -> None:
    failures: list[BaseException] = []

    def broken() -> None:
        raise OSError("disk full")

    run_in_background(broken, on_success=lambda _v: pytest.fail("no success expected"), on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], OSError) and str(failures[0]) == "disk full"


def test_one_error_dialog_at_a_time(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def fake_dialog(_parent: Any, _title: str, _text: str, details: str) -> None:
        shown.append(details)
        # A second error while the first dialog is open is logged, not stacked.
        try:
            raise RuntimeError("second")
        except RuntimeError:
            errors.report_error(*sys.exc_info())  # type: ignore[arg-type]

    monkeypatch.setattr(errors, "show_error_dialog", fake_dialog)
    previous = sys.excepthook
    errors.install_excepthook()
    try:
        assert sys.excepthook is not previous
        try:
            raise ValueError("first")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        errors.uninstall_excepthook()
    assert sys.excepthook is previous
    assert len(shown) == 1 and "ValueError: first" in shown[0]


def open_settings_dialog(qtbot: Any, window: Any) -> Any:
    window.open_settings()
    qtbot.waitUntil(lambda: window._settings_dialog is not None, timeout=5000)
    return window._settings_dialog


def test_settings_dialog_saves_letterhead_logo_and_choices(qtbot: Any, make_window: Any, medius_repo: Any,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    assert image.save(str(logo))
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: logo)
    window = make_window()
    dialog = open_settings_dialog(qtbot, window)
    type_into(qtbot, dialog.clinic_name, "Harbour Physio")
    type_into(qtbot, dialog.clinicians.name, "Jo Smith")
    type_into(qtbot, dialog.clinicians.qualifications, "BPhty")
    type_into(qtbot, dialog.clinicians.registration, "PHY0001234567")
    choose(dialog.unit, "kgf")
    choose(dialog.page_size, "Letter")
    dialog.letterhead.logo_button.click()
    dialog.save()
    wait_for_all(10000)
    qtbot.waitUntil(lambda: medius_repo.list_clinicians() != [])
    settings = medius_repo.get_settings()
    assert (settings.clinic_name, settings.clinician_name, settings.clinician_credentials) == (
        "Harbour Physio", "Jo Smith", "BPhty")
    [clinician] = medius_repo.list_clinicians()
    assert (clinician.name, clinician.qualifications, clinician.registration_number) == (
        "Jo Smith", "BPhty", "PHY0001234567")
    assert settings.default_unit == "kgf" and settings.page_size == "Letter"
    assert settings.logo_png == logo.read_bytes()
    assert settings.active_norm_table == "builtin"


def test_a_bad_clinic_norm_table_is_explained_not_loaded(qtbot: Any, make_window: Any, medius_paths: Any,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "clinic.csv"
    bad.write_text("source,mean\nX,1\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: bad)
    window = make_window()
    dialog = open_settings_dialog(qtbot, window)
    dialog.norm_load.click()
    wait_for_storage(qtbot)
    assert "clinic.csv" in dialog.norm_message.text()
    assert not (medius_paths.norms / "clinic.csv").exists()
