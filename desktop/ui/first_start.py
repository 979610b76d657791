"""The set-up assistant: letterhead, clinicians, record protection, demo clients.

Shown once when a clinic starts Medius on a new data folder, skippable, and
re-opened from Settings. It only collects answers (``SetupChoices``); the
start-up code creates the encrypted folder when asked, and the window saves
the rest through ``ClinicService`` off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.clinical import model as m
from desktop.services import security
from desktop.ui.clinic_forms import ClinicianListEditor, LetterheadForm
from desktop.ui.widgets import FieldError, muted, tr


@dataclass(frozen=True)
class SetupChoices:
    """What the clinic answered. ``password`` is set only when it chose to protect the records."""

    profile: m.ClinicProfile
    password: str | None = None
    add_demo_clients: bool = False


PROTECT_TEXT = (
    "With a password, the client records and every backup are stored encrypted. Medius asks for the "
    "password when it starts and after a quiet spell (10 minutes unless you change it). If the "
    "password is lost, nobody can open the records or the backups again, not even support: write "
    "it down and keep it somewhere safe."
)
NO_PASSWORD_TEXT = (
    "Without a password, anyone who can sign in to this computer account can open the records. "
    "Choose this only if the computer itself is protected (a sign-in password and full-disk "
    "encryption). You can add a password later with File, Change password."
)


def _scrolled(page: QWizardPage, content: QWidget) -> None:
    """Lay ``content`` out in a scroll area so a page never clips on a small or scaled screen."""
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the page frame
    scroll.setWidget(content)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)


def _text(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, first_start: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr(self, "Welcome to Medius") if first_start else tr(self, "Set-up assistant"))
        box = QWidget(self)
        layout = QVBoxLayout(box)
        intro = (tr(self, "A few questions set up your clinic. Each answer can be changed later in Settings, "
                          "and you can skip this now.") if first_start else
                 tr(self, "Go through the clinic's letterhead and clinicians again. Nothing changes until you "
                          "press Finish."))
        layout.addWidget(_text(intro, box))
        steps = [tr(self, "1. Letterhead: the clinic's name, address, phone, email and logo, printed on every "
                          "letter."),
                 tr(self, "2. Clinicians: who sees clients, with qualifications and registration number; each "
                          "visit names one, and the letter is signed with their details.")]
        if first_start:
            steps.append(tr(self, "3. Protecting client records: with or without a password."))
            steps.append(tr(self, "4. Demo clients: optional made-up clients to explore with."))
        for step in steps:
            layout.addWidget(_text(step, box))
        layout.addStretch(1)
        _scrolled(self, box)


class LetterheadPage(QWizardPage):
    def __init__(self, settings: m.ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr(self, "Letterhead"))
        self.setSubTitle(tr(self, "Printed at the top of every referral letter. Leave out what you do not use."))
        self.form = LetterheadForm(settings, self)
        _scrolled(self, self.form)

    def initializePage(self) -> None:  # noqa: N802
        self.form.clinic_name.setFocus()

    def validatePage(self) -> bool:  # noqa: N802
        return self.form.check()


class CliniciansPage(QWizardPage):
    def __init__(self, clinicians: tuple[m.Clinician, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr(self, "Clinicians"))
        self.setSubTitle(tr(self, "Add each clinician once. A visit's clinician is then chosen from this list."))
        self.editor = ClinicianListEditor(clinicians, self)
        _scrolled(self, self.editor)

    def initializePage(self) -> None:  # noqa: N802
        # Once the page is on screen: the wizard would otherwise give focus to the list above the fields.
        QTimer.singleShot(0, self, self.editor.name.setFocus)

    def validatePage(self) -> bool:  # noqa: N802
        name = self.editor.name.text().strip()
        return not name or self.editor.add_from_fields()


class ProtectionPage(QWizardPage):
    """Encryption at rest, in plain words, with the password typed twice when chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr(self, "Protecting client records"))
        box = QWidget(self)
        self.protect = QRadioButton(tr(self, "&Protect the records with a password (recommended on a laptop)"), box)
        self.plain = QRadioButton(tr(self, "&No password on this computer"), box)
        self.group = QButtonGroup(self)
        self.group.addButton(self.protect)
        self.group.addButton(self.plain)
        self.protect.setChecked(True)
        self.password = QLineEdit(box)
        self.repeat = QLineEdit(box)
        for field, name in ((self.password, tr(self, "Clinic password")), (self.repeat, tr(self, "Repeat it"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.error = FieldError(box)
        passwords = QFormLayout()
        passwords.addRow(tr(self, "Clinic pass&word"), self.password)
        passwords.addRow(tr(self, "&Repeat it"), self.repeat)
        for row in range(passwords.rowCount()):
            item = passwords.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(self.password if row == 0 else self.repeat)
        layout = QVBoxLayout(box)
        layout.addWidget(self.protect)
        layout.addWidget(muted(tr(self, PROTECT_TEXT), box))
        layout.addLayout(passwords)
        layout.addWidget(self.error)
        layout.addWidget(self.plain)
        layout.addWidget(muted(tr(self, NO_PASSWORD_TEXT), box))
        layout.addStretch(1)
        _scrolled(self, box)
        self.protect.toggled.connect(self._protect_toggled)
        self.setTabOrder(self.protect, self.password)
        self.setTabOrder(self.password, self.repeat)
        self.setTabOrder(self.repeat, self.plain)

    def initializePage(self) -> None:  # noqa: N802
        self.protect.setFocus()

    def _protect_toggled(self, on: bool) -> None:
        self.password.setEnabled(on)
        self.repeat.setEnabled(on)
        if not on:
            self.error.show_message(None)

    def chosen_password(self) -> str | None:
        return self.password.text() if self.protect.isChecked() else None

    def validatePage(self) -> bool:  # noqa: N802
        if not self.protect.isChecked():
            return True
        problem = security.password_problem(self.password.text(), self.repeat.text())
        self.error.show_message(problem)
        if problem:
            self.password.setFocus()
        return problem is None


class DemoPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr(self, "Ready"))
        box = QWidget(self)
        self.add_demo = QCheckBox(tr(self, "&Add five demo clients with a few visits each, to explore"), box)
        self.add_demo.setAccessibleName(tr(self, "Add demo clients"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.add_demo)
        layout.addWidget(muted(tr(self, "Demo clients are made up. Remove each with Client, Delete client, when "
                                         "you no longer need them. The empty client list offers them again."), box))
        layout.addWidget(_text(tr(self, "Press Finish to start. Settings (Ctrl+,) changes any of these answers and "
                                        "opens this assistant again."), box))
        layout.addStretch(1)
        _scrolled(self, box)

    def initializePage(self) -> None:  # noqa: N802
        self.add_demo.setFocus()


class SetupAssistant(QWizard):
    """``SetupAssistant(profile, first_start=True)``; ``choices()`` after it is accepted."""

    def __init__(self, profile: m.ClinicProfile, *, first_start: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_start = first_start
        self.setWindowTitle(tr(self, "Set up Medius"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton,
                           tr(self, "&Skip set-up") if first_start else tr(self, "Cancel"))
        self.button(QWizard.WizardButton.CancelButton).setAccessibleName(
            tr(self, "Skip set-up") if first_start else tr(self, "Cancel"))
        self.welcome = WelcomePage(first_start, self)
        self.letterhead = LetterheadPage(profile.settings, self)
        self.clinicians = CliniciansPage(profile.clinicians, self)
        self.protection = ProtectionPage(self) if first_start else None
        self.demo = DemoPage(self) if first_start else None
        for page in (self.welcome, self.letterhead, self.clinicians, self.protection, self.demo):
            if page is not None:
                self.addPage(page)
        self.setMinimumSize(560, 420)
        self.resize(760, 560)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def choices(self) -> SetupChoices:
        profile = m.ClinicProfile(self.letterhead.form.result(), self.clinicians.editor.result())
        return SetupChoices(
            profile=profile,
            password=self.protection.chosen_password() if self.protection is not None else None,
            add_demo_clients=bool(self.demo and self.demo.add_demo.isChecked()),
        )
