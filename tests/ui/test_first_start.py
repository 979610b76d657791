"""The set-up assistant: filled in, skipped, re-opened from Settings; the empty client list's offers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWizard

from desktop.clinical.model import Clinician, ClinicProfile, ClinicSettings
from desktop.ui.first_start import SetupAssistant
from desktop.ui.worker import wait_for_all
from tests.ui.helpers import type_into


def _next(wizard: SetupAssistant) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_assistant_collects_letterhead_clinicians_password_and_demo(qtbot: Any) -> None:
    wizard = SetupAssistant(ClinicProfile(ClinicSettings()))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.CancelButton).text().replace("&", "") == "Skip set-up"
    _next(wizard)
    assert wizard.currentPage() is wizard.letterhead
    assert wizard.focusWidget() is wizard.letterhead.form.clinic_name  # cursor in the first field
    type_into(qtbot, wizard.letterhead.form.clinic_name, "Harbourside Physiotherapy")
    type_into(qtbot, wizard.letterhead.form.email, "reception@")
    _next(wizard)
    assert wizard.currentPage() is wizard.letterhead  # a malformed email keeps the page
    assert "email address" in wizard.letterhead.form.grid.fields["email"].error.text()
    type_into(qtbot, wizard.letterhead.form.email, "reception@harbourside.example")
    _next(wizard)
    assert wizard.currentPage() is wizard.clinicians
    editor = wizard.clinicians.editor
    type_into(qtbot, editor.name, "Mia Chen")
    type_into(qtbot, editor.qualifications, "BPhty, APAM")
    type_into(qtbot, editor.registration, "PHY0001234567")
    editor.add_button.click()
    type_into(qtbot, editor.name, "Jo Smith")  # typed but not added: Next adds it
    _next(wizard)
    assert [c.name for c in editor.model.rows] == ["Mia Chen", "Jo Smith"]
    assert wizard.currentPage() is wizard.protection
    protection = wizard.protection
    assert protection is not None and protection.protect.isChecked()
    type_into(qtbot, protection.password, "short")
    _next(wizard)
    assert wizard.currentPage() is protection and protection.error.text()
    type_into(qtbot, protection.password, "harbour clinic 2026")
    type_into(qtbot, protection.repeat, "harbour clinic 2026")
    _next(wizard)
    assert wizard.currentPage() is wizard.demo
    assert wizard.demo is not None
    wizard.demo.add_demo.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    choices = wizard.choices()
    assert choices.password == "harbour clinic 2026" and choices.add_demo_clients
    assert choices.profile.settings.clinic_name == "Harbourside Physiotherapy"
    assert choices.profile.clinicians == (Clinician("Mia Chen", "BPhty, APAM", "PHY0001234567"), Clinician("Jo Smith"))


def test_no_password_is_a_plain_choice_with_its_consequence_spelled_out(qtbot: Any) -> None:
    wizard = SetupAssistant(ClinicProfile(ClinicSettings()))
    qtbot.addWidget(wizard)
    protection = wizard.protection
    assert protection is not None
    protection.plain.setChecked(True)
    assert not protection.password.isEnabled()
    assert protection.validatePage() and protection.chosen_password() is None
    words = " ".join(label.text() for label in protection.findChildren(QLabel))
    assert "anyone who can sign in to this computer" in words and "nobody can open the records" in words


def test_skipping_the_assistant_at_first_start_saves_nothing(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    wizard = SetupAssistant(ClinicProfile(ClinicSettings()))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert wizard.result() == QWizard.DialogCode.Rejected
    window = make_window()
    assert window.clients_page.empty_box.isVisible()  # the empty list offers set-up and demo clients instead
    assert window.clients_page.setup_button.isVisible() and window.clients_page.demo_button.isVisible()
    assert medius_repo.list_clinicians() == [] and medius_repo.get_settings().clinic_name == ""


def test_the_window_applies_the_answers_and_adds_demo_clients(qtbot: Any, make_window: Any, medius_repo: Any) -> None:
    from desktop.ui.first_start import SetupChoices

    window = make_window()
    assert window.clients_page.empty_box.isVisible() and not window.clients_page.table.isVisible()
    profile = ClinicProfile(ClinicSettings(clinic_name="Harbour"), (Clinician("Mia Chen", "BPhty"),))
    window.apply_setup(SetupChoices(profile, add_demo_clients=True))
    wait_for_all(20000)
    qtbot.waitUntil(lambda: window.clients_page.model.rowCount() == 5, timeout=10000)
    assert not window.clients_page.empty_box.isVisible() and window.clients_page.table.isVisible()
    assert [c.name for c in medius_repo.list_clinicians()] == ["Mia Chen"]
    visits = medius_repo.get_client(window.clients_page.model.client_id(0)).assessments
    assert visits and all(a.clinician == "Mia Chen" for _id, a in visits)  # demo visits signed by the clinic


def test_empty_list_button_adds_demo_clients_showing_progress(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    strip = window.progress
    seen: list[tuple[int, str]] = []
    strip.bar.valueChanged.connect(lambda value: seen.append((value, strip.message.text())))
    window.clients_page.demo_button.click()
    assert strip.isVisible() and strip.message.text() == "Adding demo clients…"
    wait_for_all(20000)
    qtbot.waitUntil(lambda: window.clients_page.model.rowCount() == 5, timeout=10000)
    # One report per client as it is stored, then the total; the strip goes once the work is done.
    assert [value for value, _text in seen] == [0, 20, 40, 60, 80, 100]
    assert [text[:27] for _value, text in seen[1:-1]] == [f"Adding demo client {n} of 5: " for n in range(2, 6)]
    assert seen[-1][1] == "5 demo clients added"
    assert not strip.isVisible()
    assert window.statusBar().currentMessage() == "5 demo clients added."


def test_assistant_reopens_from_settings_with_the_stored_answers(qtbot: Any, make_window: Any,
                                                                 medius_repo: Any) -> None:
    from desktop.services.clinic import ClinicService

    ClinicService(medius_repo).save(ClinicProfile(ClinicSettings(clinic_name="Harbour"), (Clinician("Mia Chen"),)))
    window = make_window()
    window.open_settings()
    qtbot.waitUntil(lambda: window._settings_dialog is not None, timeout=5000)
    window._settings_dialog.assistant_button.click()
    qtbot.waitUntil(lambda: window._assistant is not None, timeout=5000)
    wizard = window._assistant
    assert wizard.protection is None and wizard.demo is None  # protection lives in File > Change password
    assert wizard.letterhead.form.clinic_name.text() == "Harbour"
    assert [c.name for c in wizard.clinicians.editor.model.rows] == ["Mia Chen"]
    _next(wizard)
    type_into(qtbot, wizard.letterhead.form.clinic_name, "Harbourside")
    _next(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait_for_all(10000)
    qtbot.waitUntil(lambda: medius_repo.get_settings().clinic_name == "Harbourside", timeout=5000)
