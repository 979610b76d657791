"""One error dialog at a time for unexpected errors.

``install_excepthook`` routes uncaught exceptions to the log (type and
traceback only; no client data is formatted into messages here) and to a
single dialog; errors arriving while that dialog is open are logged and
counted, not stacked. ``show_error_dialog`` is a plain function so tests
patch it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("desktop.errors")

_state = {"showing": False, "suppressed": 0, "installed": False}
_previous_hook: Callable[..., object] | None = None


def show_error_dialog(parent: QWidget | None, title: str, text: str, details: str) -> None:
    """Show one modal error message (patched in tests)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    box.exec()


def report_error(error_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Log an unexpected error and tell the user, once at a time."""
    details = "".join(traceback.format_exception(error_type, error, tb))
    log.error("unexpected error: %s", details)
    if _state["showing"]:
        _state["suppressed"] = int(_state["suppressed"]) + 1
        return
    app = QApplication.instance()
    if app is None:
        return
    _state["showing"] = True
    try:
        parent = QApplication.activeWindow()
        show_error_dialog(
            parent,
            QApplication.translate("errors", "Medius: unexpected error"),
            QApplication.translate(
                "errors",
                "Something went wrong. Your typed work is kept as a draft. "
                "The details have been written to the log file.",
            ),
            details,
        )
    finally:
        _state["showing"] = False
        _state["suppressed"] = 0


def _hook(error_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(error_type, KeyboardInterrupt):
        if _previous_hook is not None:
            _previous_hook(error_type, error, tb)
        return
    report_error(error_type, error, tb)


def install_excepthook() -> None:
    """Replace ``sys.excepthook`` once per process."""
    global _previous_hook
    if _state["installed"]:
        return
    _previous_hook = sys.excepthook
    sys.excepthook = _hook
    _state["installed"] = True


def uninstall_excepthook() -> None:
    global _previous_hook
    if _state["installed"] and _previous_hook is not None:
        sys.excepthook = _previous_hook
    _state["installed"] = False
    _previous_hook = None
