"""Live capture on the strength step with the demo dynamometer, through the real widgets."""

from __future__ import annotations

from typing import Any

from desktop.devices.simulated import MakeTestProfile, SimulatedSource
from desktop.services.assessments import AssessmentService
from tests.ui.helpers import create_client, fill_visit, save_visit, settle, type_into, wait_for_storage


def _record(qtbot: Any, capture: Any) -> None:
    capture.record_button.click()
    qtbot.waitUntil(lambda: capture.session.state == "recording", timeout=10000)
    qtbot.waitUntil(lambda: capture.session.state in ("rest", "ready"), timeout=15000)


def test_three_captured_trials_a_disconnect_and_a_typed_trial(
    qtbot: Any, make_window: Any, medius_repo: Any
) -> None:
    window = make_window()
    client_id = create_client(qtbot, window, "Ana", "Nguyễn", "1971-03-14", "MED-1")
    window.client_page.new_button.click()
    wait_for_storage(qtbot)
    editor = window.editor
    fill_visit(qtbot, editor)
    editor.go_to_step(4)
    hip = editor.page("hip")
    capture = hip.capture
    sources: list[SimulatedSource] = []

    def demo(name: str, address: str | None) -> SimulatedSource:
        assert name == "simulated" and address is None
        profile = MakeTestProfile(strength_left_n=150.0, strength_right_n=110.0)
        sources.append(SimulatedSource(profile, seed=len(sources) + 4, speed=8.0))
        return sources[-1]

    capture.session.source_factory = demo
    capture.session.countdown_s = 0.3
    assert capture.device.currentText() == "Demo dynamometer"
    assert not capture.record_button.isEnabled()

    capture.connect_button.click()
    qtbot.waitUntil(lambda: capture.session.state == "ready", timeout=20000)
    assert "battery 76%" in capture.status.text()
    capture.tare_button.click()
    qtbot.waitUntil(lambda: capture.status.text() == "Tared.", timeout=5000)

    for _trial in range(3):
        _record(qtbot, capture)
        assert capture.session.state == "rest"
        assert "Rest" in capture.status.text() and capture.record_button.text() == "Record now"
    left = hip.sides["left"]
    texts = [edit.text() for edit in left.trial_edits]
    assert all(texts) and all(curve is not None for curve in left.curves)
    assert all(130 < float(t) < 170 for t in texts)
    assert left.trial_labels[0].text() == "Trial 1 ∿"
    assert hip.device.text() == "Demo dynamometer (simulated)"
    # The plot shows the last trial with its peak marked and the two before it faint behind.
    assert capture.plot.peak.data.shape[0] == 1
    assert (
        sum(1 for line in capture.plot.history if line.xData is not None and len(line.xData)) == 2
    )
    settle(qtbot, editor)
    assert "time to peak" in left.values.text()

    capture.side_right.click()
    _record(qtbot, capture)
    right = hip.sides["right"]
    assert right.trial_edits[0].text() and right.curves[0] is not None

    # The device drops out mid-trial: that trial is discarded, the others stay.
    capture.record_button.click()
    qtbot.waitUntil(lambda: capture.session.state == "recording", timeout=10000)
    sources[-1].simulate_disconnect()
    qtbot.waitUntil(lambda: capture.session.state == "disconnected", timeout=5000)
    assert "discarded" in capture.status.text() and "kept" in capture.status.text()
    assert right.trial_edits[1].text() == "" and right.curves[1] is None
    assert all(edit.text() for edit in left.trial_edits)

    # Reconnect; end a trial by hand mid-push.
    capture.connect_button.click()
    qtbot.waitUntil(lambda: capture.session.state == "ready", timeout=20000)
    capture.record_button.click()
    qtbot.waitUntil(
        lambda: (
            capture.session.recorder is not None and capture.session.recorder.onset_s is not None
        ),
        timeout=10000,
    )
    qtbot.wait(100)
    capture.stop_button.click()
    qtbot.waitUntil(lambda: capture.session.state == "rest", timeout=5000)
    assert right.trial_edits[1].text() and right.curves[1] is not None

    # Typed entry stays: a third right trial typed by hand has no curve.
    type_into(qtbot, right.trial_edits[2], "104")
    for side in ("left", "right"):
        type_into(qtbot, hip.sides[side].lever, "80")
    settle(qtbot, editor)
    assert save_visit(qtbot, editor) is not None
    capture.connect_button.click()  # disconnect
    ((_, saved),) = medius_repo.list_assessments(client_id)
    hip_saved = saved.hip_abduction
    assert hip_saved is not None
    assert len(hip_saved.left.curves) == 3 and all(c is not None for c in hip_saved.left.curves)
    assert [c is not None for c in hip_saved.right.curves] == [True, True, False]
    assert hip_saved.right.trials[2] == 104.0
    for trial, curve in zip(hip_saved.left.trials, hip_saved.left.curves, strict=True):
        assert trial == curve.peak and curve.rate_hz == 1000.0
    summary = AssessmentService(medius_repo).results(editor.assessment_id).to_json()
    assert summary["hip_abduction"]["left"]["time_to_peak_s"] > 0.2
    assert summary["hip_abduction"]["left"]["rfd_0_200_n_per_s"] > 100


def test_force_time_csv_becomes_a_trial_with_its_curve(
    qtbot: Any, make_window: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from desktop.ui import dialogs

    window = make_window()
    create_client(qtbot, window, "Ben", "Okafor", "1980-05-01")
    window.client_page.new_button.click()
    wait_for_storage(qtbot)
    editor = window.editor
    fill_visit(qtbot, editor)
    editor.go_to_step(4)
    hip = editor.page("hip")
    good = tmp_path / "export.csv"
    rows = [f"{i / 80:.4f},{min(i, 40) * 0.4:.2f}" for i in range(120)]  # rises to 16 kgf
    good.write_text("time_s,force_kgf\n" + "\n".join(rows) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("seconds;load\n1;2\n", encoding="utf-8")
    picked = iter([bad, good])
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: next(picked))

    hip.capture.side_right.click()
    hip.capture.import_button.click()
    qtbot.waitUntil(lambda: "was not imported" in hip.capture.status.text(), timeout=10000)
    assert "line 1" in hip.capture.status.text()
    assert hip.sides["right"].trial_edits[0].text() == ""

    hip.capture.import_button.click()
    qtbot.waitUntil(lambda: hip.sides["right"].trial_edits[0].text() != "", timeout=10000)
    # 16 kgf = 156.9064 N, shown in the test's unit (N) to 0.1.
    assert hip.sides["right"].trial_edits[0].text() == "156.9"
    curve = hip.sides["right"].curves[0]
    assert curve is not None and curve["rate_hz"] == 80.0 and curve["unit"] == "N"
