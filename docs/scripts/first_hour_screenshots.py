"""Screenshots of a new clinic's first hour, as the screen shows them, into docs/guide/first-hour/.

Runs the real window on an X server (Xvfb) so dialogs appear over the window
as they would on a desktop. Every scene is taken at 1366x768, at 100% and at
150% scaling (QT_SCALE_FACTOR=1.5), in the light and the dark scheme:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/scripts/first_hour_screenshots.py

One process per variant (Qt reads the scale factor at start); the parent
starts them. Uses throwaway data folders.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import ROOT, demo_window, settle  # noqa: E402

VARIANTS = (("light", "1"), ("dark", "1"), ("light", "1.5"), ("dark", "1.5"))


def variant_dir(out_dir: Path, scheme: str, scale: str) -> Path:
    return out_dir / f"{scheme}-{int(float(scale) * 100)}"


def shoot(out_dir: Path) -> list[Path]:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QWizard

    from desktop.clinical import model as m
    from desktop.services.clients import ClientService
    from desktop.services.clinic import ClinicService
    from desktop.ui.appearance import Appearance
    from desktop.ui.first_start import SetupAssistant

    app = QApplication.instance() or QApplication([])
    appearance = Appearance(app)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def screen(name: str) -> None:
        settle(app)
        path = out_dir / f"{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        written.append(path)

    available = QGuiApplication.primaryScreen().availableGeometry()

    # 1. First start: the assistant, before any window.
    wizard = SetupAssistant(m.ClinicProfile(m.ClinicSettings()))
    wizard.resize(min(760, available.width()), min(560, available.height()))
    wizard.move(available.center() - wizard.rect().center())
    wizard.show()
    screen("01-first-start-welcome")
    wizard.next()
    wizard.letterhead.form.clinic_name.setText("Harbourside Physiotherapy")
    wizard.letterhead.form.address.setPlainText("14 Wharf Street\nPort Melville 3021")
    wizard.letterhead.form.phone.setText("03 9555 0134")
    wizard.letterhead.form.email.setText("reception@")
    wizard.button(QWizard.WizardButton.NextButton).click()  # the malformed email keeps the page
    screen("02-first-start-letterhead")
    wizard.letterhead.form.email.setText("reception@harbourside.example")
    wizard.next()
    editor = wizard.clinicians.editor
    for name, quals, reg in (("Mia Chen", "BPhty (Hons), APAM", "PHY0001234567"),
                             ("Jo Smith", "MPhty", "PHY0007654321")):
        editor.name.setText(name)
        editor.qualifications.setText(quals)
        editor.registration.setText(reg)
        editor.add_from_fields()
    screen("03-first-start-clinicians")
    wizard.next()
    screen("04-first-start-protection")
    choices = wizard.choices()
    wizard.close()

    # 2. The empty client list.
    shown = demo_window((available.width(), available.height()), profile=m.ClinicProfile(m.ClinicSettings()),
                        demo_clients=False)
    window, repo = shown.window, shown.repo
    window.setGeometry(available)
    screen("05-empty-client-list")

    # 3. A new client with mistakes.
    ClinicService(repo).save(choices.profile)
    window.new_client()
    dialog = window._client_dialog
    settle(app)
    dialog.given.setText("Sam")
    dialog.family.setText("Lee")
    dialog.dob.setText(f"{date.today().year + 1}-02-14")
    dialog.email.setText("bob@")
    dialog.phone.setText("abc")
    dialog.save()
    screen("06-new-client-errors")
    dialog.reject()

    # 4. A possible duplicate.
    ClientService(repo).save(m.Client("Sam", "O'Brien-Smith", date(1980, 5, 1), "male", "F-204"))
    window.refresh()
    window.new_client()
    dialog = window._client_dialog
    settle(app)
    dialog.given.setText("Sam")
    dialog.family.setText("OBrien Smith")
    dialog.dob.setText("1980-05-01")
    dialog.save()
    screen("07-duplicate-prompt")
    dialog.reject()

    # 5. The summary step of a demo client's first visit.
    ClinicService(repo).add_demo_clients()
    window.refresh()
    settle(app)
    ana = repo.list_clients("MED-0001")[0]
    first_visit = repo.get_client(ana.id).assessments[0][0]
    editor_page = window.open_assessment(first_visit)
    settle(app)
    editor_page.go_to_step(5)
    screen("08-summary-step")
    for step, name in ((1, "screening"), (2, "pain"), (3, "trendelenburg"), (4, "hip"), (6, "program")):
        editor_page.go_to_step(step)
        screen(f"{10 + step:02d}-step-{step + 1}-{name}")

    # 6. The letter's preview.
    editor_page.go_to_step(7)
    editor_page.preview_letter()
    settle(app)
    preview = editor_page.preview_dialog
    preview.resize(min(900, available.width()), available.height())
    preview.move(available.center() - preview.rect().center())
    settle(app)
    screen("09-letter-preview")
    preview.close()
    editor_page.close_editor()

    # 7. The client page: visits, trend charts and the visit comparison.
    page = window.open_client(ana.id)
    settle(app)
    screen("18-client-page")
    page.history_view.tabs.setCurrentIndex(1)
    screen("19-client-compare")
    window.close()
    del appearance
    return written


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--variant":
        out = Path(sys.argv[2])
        for path in shoot(out):
            print(path)
        return 0
    out_root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "guide" / "first-hour"
    for scheme, scale in VARIANTS:
        env = {**os.environ, "MEDIUS_COLOR_SCHEME": scheme, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "xcb"}
        target = variant_dir(out_root, scheme, scale)
        subprocess.run([sys.executable, __file__, "--variant", str(target)], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
