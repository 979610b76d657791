"""Render every page of the clinician window at 1366x768 into docs/guide/ (offscreen).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/scripts/window_screenshots.py [OUT_DIR]
Uses a throwaway data folder filled with the demo clients.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import ROOT, demo_window  # noqa: E402

SIZE = (1366, 768)


def main(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    shown = demo_window(SIZE)
    window, repo = shown.window, shown.repo
    written: list[Path] = []

    def shot(name: str, widget: object = None) -> None:
        written.append(shown.grab(out_dir / f"{name}.png", widget))

    shot("01-clients")
    window.clients_page.search.setText("ngu")
    shot("02-client-search")
    window.clients_page.search.clear()
    ana = repo.list_clients("MED-0001")[0]
    window.open_client(ana.id)
    shot("03-client-page")

    editor = window.open_assessment_for(ana.id, prefill=True)
    shown.settle()
    pain = editor.page("pain")
    for (_activity, score), value in zip(pain.psfs_rows[:2], ("8", "8"), strict=False):
        score.setText(value)
    pain.nprs.setText("2")
    for edit, value in zip(pain.odi, ["1", "0", "1", "1", "1", "0", "0", "", "1", "0"], strict=True):
        edit.setText(value)
    editor._page_edited(pain)
    tb = editor.page("trendelenburg")
    tb.hold.setText("30")
    editor._page_edited(tb)
    tb.select_side("right")
    tb.hold.setText("26.4")
    tb.lean.set_value("mild")
    tb.pain.setText("1")
    tb.gait.set_value("normal")
    editor._page_edited(tb)
    hip = editor.page("hip")
    for side, trials in (("left", ("156", "162", "159")), ("right", ("150", "153", "149"))):
        for edit, value in zip(hip.sides[side].trial_edits, trials, strict=True):
            edit.setText(value)
    editor._page_edited(hip)
    editor.refresh_results()
    names = ["visit", "screening", "pain", "trendelenburg", "hip", "summary", "program", "export"]
    for index, name in enumerate(names):
        editor.go_to_step(index)
        shot(f"{10 + index:02d}-step-{index + 1}-{name}")
    editor.go_to_step(4)
    hip.mmt_radio.click()
    hip.grades["right"].set_value("4")
    hip.modifiers["right"].set_value("-")
    hip.grades["left"].set_value("5")
    editor._page_edited(hip)
    editor.refresh_results()
    shot("14b-step-5-manual-muscle-test")
    hip.hhd_radio.click()
    editor._page_edited(hip)
    right = hip.sides["right"]
    right.trial_edits[2].setText("181")
    right.exclude.set_value("3")
    right._exclusion_changed()
    right.exclude_reason.setText("pelvis rolled back (hip flexors took over)")
    editor._page_edited(hip)
    editor.refresh_results()
    shot("14c-step-5-outlier-left-out")
    right.trial_edits[2].setText("149")
    right.exclude.set_value("")
    right.exclude_reason.clear()
    right._exclusion_changed()
    editor._page_edited(hip)

    editor.go_to_step(1)
    screening = editor.page("screening")
    screening.boxes["ces_bladder"].setChecked(True)
    editor._page_edited(screening)
    editor.refresh_results()
    shot("11b-step-2-urgent-flag")
    screening.boxes["ces_bladder"].setChecked(False)
    editor._page_edited(screening)
    editor.close_editor()
    window.show_clients()
    shot("04-resume-draft")
    window.open_settings()
    shown.settle()
    dialog = window._settings_dialog
    shot("20-settings", dialog)
    dialog.reject()
    window.new_client()
    client_dialog = window._client_dialog
    client_dialog.save()
    shot("05-new-client-validation", client_dialog)
    client_dialog.reject()
    window.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "guide"
    for path in main(target):
        print(path)
