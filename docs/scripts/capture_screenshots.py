"""Screenshots of live capture on the strength step, with the demo dynamometer.

Run under a virtual X server, as a clinic's screen would draw it:
    xvfb-run -a -s "-screen 0 1366x900x24" \
        .venv/bin/python docs/scripts/capture_screenshots.py [OUT_DIR]
Writes capture-during-trial.png (a trial being recorded) and
capture-after-three-trials.png (three left trials captured, values filled in).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import ROOT, demo_window  # noqa: E402

SIZE = (1366, 900)


def main(out_dir: Path) -> list[Path]:
    from desktop.devices.simulated import MakeTestProfile, SimulatedSource

    out_dir.mkdir(parents=True, exist_ok=True)
    shown = demo_window(SIZE)
    app, window, repo = shown.app, shown.window, shown.repo
    written: list[Path] = []

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)

    def settle() -> None:
        pump(0.2)
        shown.settle()

    def shot(name: str) -> None:
        path = out_dir / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)

    settle()
    client = repo.list_clients("MED-0001")[0]
    window.open_client(client.id)
    settle()
    editor = window.open_assessment_for(client.id, prefill=False)
    settle()
    visit = editor.page("visit")
    visit.body_mass.setText("68")
    editor._page_edited(visit)
    editor.go_to_step(4)
    hip = editor.page("hip")
    hip.position.set_value("supine")
    hip.contraction.set_value("make")
    hip.fixation.set_value("belt")
    for side in ("left", "right"):
        hip.sides[side].lever.setText("80")
    editor._page_edited(hip)
    capture = hip.capture
    capture.session.source_factory = lambda _n, _a: SimulatedSource(
        MakeTestProfile(strength_left_n=162.0, strength_right_n=128.0), seed=11, speed=1.5
    )
    capture.session.countdown_s = 0.5
    capture.connect_button.click()
    settle()
    capture.tare_button.click()
    settle()
    for trial in range(3):
        capture.record_button.click()
        deadline = time.monotonic() + 20
        while capture.session.state != "rest" and time.monotonic() < deadline:
            pump(0.02)
            recorder = capture.session.recorder
            if (
                trial == 1
                and not written
                and capture.session.state == "recording"
                and recorder is not None
                and recorder.onset_s is not None
                and recorder.samples()[0][-1] > recorder.onset_s + 1.6
            ):
                shot("capture-during-trial")
        pump(0.3)
    editor.refresh_results()
    settle()
    pump(1.2)  # the rest countdown shows its remaining time
    shot("capture-after-three-trials")
    capture.connect_button.click()
    settle()
    editor.close_editor()
    window.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "capture"
    for path in main(target):
        print(path)
