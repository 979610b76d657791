"""Every dialog opens with the cursor where typing starts, and Tab visits its fields in screen order.

Walked with real Tab key presses, so what is checked is what a clinician's keyboard does.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QWidget, QWizard

from desktop.clinical.model import ClinicProfile, ClinicSettings
from desktop.services.conflicts import VisitConflict
from desktop.ui.assessment.conflict_dialog import ConflictDialog
from desktop.ui.first_start import SetupAssistant
from desktop.ui.preview import DocumentPreview
from desktop.ui.safety import prompts, sign_in
from tests.fixtures.records import assessment
from tests.ui.helpers import create_client, type_into, wait_for_storage


def tab_walk(qtbot: Any, dialog: QWidget, presses: int) -> list[QWidget | None]:
    """The widget with the cursor when the dialog opens, then after each Tab press."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    seen = [QApplication.focusWidget()]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def box_buttons(buttons: QDialogButtonBox, *names: str) -> list[QWidget]:
    by_role = {"ok": QDialogButtonBox.StandardButton.Ok, "cancel": QDialogButtonBox.StandardButton.Cancel}
    return [buttons.button(by_role[name]) for name in names]


def letter_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for page in (1, 2):
        canvas.drawString(72, 720, f"Page {page}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_every_dialog_opens_in_its_first_field_and_tabs_in_screen_order(qtbot: Any, make_window: Any,
                                                                       medius_repo: Any) -> None:
    window = make_window()
    create_client(qtbot, window, "Sam", "Lee", "1980-05-01")
    window.show_clients()
    wait_for_storage(qtbot)
    walks: list[tuple[str, QWidget, list[QWidget]]] = []

    def check(name: str, dialog: QWidget, expected: list[QWidget], close: Callable[[], Any] | None = None) -> None:
        walks.append((name, dialog, expected))
        seen = tab_walk(qtbot, dialog, len(expected))
        assert seen == [*expected, expected[0]], f"{name}: {[w.objectName() or type(w).__name__ for w in seen if w]}"
        (close or dialog.close)()

    # The new-client form, and its possible-duplicate offer.
    window.new_client()
    client = window._client_dialog
    qtbot.waitExposed(client)
    check("new client", client, [client.given, client.family, client.dob, client.sex, client.athlete_group,
                                 client.external_id, client.phone, client.email, client.notes, client.save_button,
                                 client.buttons.button(QDialogButtonBox.StandardButton.Cancel)], client.reject)
    window.new_client()
    twin = window._client_dialog
    for edit, text in ((twin.given, "Sam"), (twin.family, "Lee"), (twin.dob, "1980-05-01")):
        type_into(qtbot, edit, text)
    twin.save()
    qtbot.waitUntil(lambda: bool(getattr(twin, "open_buttons", None)), timeout=10000)
    assert QApplication.focusWidget() is twin.open_buttons[0]  # the offer to open the existing record
    twin.reject()

    # Settings, and the set-up assistant page by page.
    window.open_settings()
    qtbot.waitUntil(lambda: window._settings_dialog is not None, timeout=5000)
    settings = window._settings_dialog
    form = settings.letterhead
    seen = tab_walk(qtbot, settings, 6)
    assert seen == [form.clinic_name, form.address, form.phone, form.email, form.website, form.provider,
                    form.logo_button]
    settings.reject()
    wizard = SetupAssistant(ClinicProfile(ClinicSettings()), first_start=True, parent=window)
    wizard.open()
    next_button, skip = wizard.button(QWizard.WizardButton.NextButton), wizard.button(QWizard.WizardButton.CancelButton)
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert tab_walk(qtbot, wizard, 2) == [next_button, skip, next_button]  # welcome: nothing to type yet
    wizard.next()
    letterhead = wizard.letterhead.form
    assert tab_walk(qtbot, wizard, 2) == [letterhead.clinic_name, letterhead.address, letterhead.phone]
    wizard.next()
    people = wizard.clinicians.editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.name, timeout=3000)
    assert tab_walk(qtbot, wizard, 7) == [people.name, people.qualifications, people.registration, people.phone,
                                          people.add_button, people.table, people.remove_button, back]
    wizard.next()
    protection = wizard.protection
    assert tab_walk(qtbot, wizard, 3) == [protection.protect, protection.password, protection.repeat, back]
    wizard.reject()

    # The clinic outcome report, backups, the audit trail and security.
    window.open_outcome_report()
    outcome = window._outcome_dialog
    check("outcome report", outcome, [outcome.start, outcome.end, outcome.create_button,
                                      outcome.buttons.button(QDialogButtonBox.StandardButton.Close)])
    backups = window.call_safety("restore_backup")
    qtbot.waitUntil(lambda: backups.model.rowCount() > 0 or not backups.busy, timeout=10000)
    check("backups", backups, [backups.table, backups.back_up_button, backups.save_copy_button,
                               backups.restore_file_button, backups.close_button])
    audit = window.call_safety("show_audit_trail")
    wait_for_storage(qtbot)
    check("audit trail", audit, [audit.table, audit.close_button])
    security = window.call_safety("change_password")
    wait_for_storage(qtbot)
    check("security", security, [security.encrypt_button, security.close_button])

    # A visit saved elsewhere meanwhile: choose per difference.
    conflict = ConflictDialog(VisitConflict(1, 1, 1, 2, assessment(1), assessment(2, nprs=7), None, None), window)
    conflict.open()
    first_choices = [group.button(0) for group in conflict.choices.values()]
    check("visit conflict", conflict, [*first_choices, conflict.all_mine, conflict.all_theirs, conflict.save_button,
                                       conflict.later_button], conflict.reject)

    # Passwords and signing in to a clinic server.
    unlock = prompts.password_dialog(window, "Medius is locked", "Enter the clinic password.")
    unlock.open()
    assert tab_walk(qtbot, unlock, 0) == [unlock.findChild(QLineEdit)]
    unlock.reject()
    new_password, first, second = prompts.new_password_dialog(window, "New password", "Choose one.")
    new_password.open()
    buttons = new_password.findChild(QDialogButtonBox)
    check("new password", new_password, [first, second, *box_buttons(buttons, "ok", "cancel")], new_password.reject)
    for name in ("", "jo"):
        dialog, user, password = sign_in.sign_in_dialog("Sign in to the clinic server.", name)
        qtbot.addWidget(dialog)
        dialog.show()
        ok, cancel = box_buttons(dialog.findChild(QDialogButtonBox), "ok", "cancel")
        expected = [user, password, ok, cancel] if not name else [password, ok, cancel, user]
        check(f"sign in {name!r}", dialog, expected, dialog.reject)

    # The letter's preview: page through, print, save or close.
    preview = DocumentPreview(letter_pdf(), "Referral letter", "letter.pdf", window)
    preview.open()
    qtbot.waitUntil(lambda: bool(preview.pages), timeout=30000)
    check("letter preview", preview, [preview.close_button, preview.scroll, preview.next_button,
                                      preview.print_button, preview.save_button], preview.reject)
    assert all(isinstance(dialog, QDialog) for _name, dialog, _expected in walks)
