"""Live capture benchmark: a simulated 1 kHz dynamometer for 60 s into the live plot.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/live_capture.py [--seconds 60]

The stream goes through the real path: the simulated driver's thread writes
into its ring buffer, the capture session's fixed-rate timer reads it into
the trial recorder and the live plot shows the newest 10 s. Each frame is
timed from the timer tick to the end of a synchronous repaint of the plot;
the same is done for a bare pyqtgraph PlotWidget fed a 10 s window of a
1 kHz sine in the same run. Latency runs from the moment the driver wrote a
sample into the buffer to the end of the repaint that first showed it (the
oldest new sample of each frame, so the worst case in that frame).
Nothing here asserts; ``run.py`` prints it as a row.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RATE_HZ = 1000.0
WINDOW_S = 10.0


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _run_loop(app: Any, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def measure_capture(seconds: float) -> dict[str, Any]:
    import numpy as np

    from desktop.devices.simulated import MakeTestProfile, SimulatedSource
    from desktop.ui.assessment.capture import CapturePanel

    profile = MakeTestProfile(
        rate_hz=RATE_HZ, lead_s=1.0, hold_s=seconds + 5.0, trial_variation_pct=0.0
    )
    source = SimulatedSource(profile, seed=1, speed=1.0)
    panel = CapturePanel()
    panel.resize(1100, 520)
    panel.show()
    session = panel.session
    session.source_factory = lambda _name, _address: source
    session.countdown_s = 0.0
    session.max_trial_s = seconds + 60.0
    frame_ms: list[float] = []
    latency_ms: list[float] = []
    drawn = {"cursor": 0}
    original_tick = session.tick

    def timed_tick() -> None:
        began = time.perf_counter()
        original_tick()
        if session.state != "recording":
            return
        panel.plot.repaint()
        ended = time.perf_counter()
        cursor = session._cursor
        if cursor > drawn["cursor"]:
            oldest_new = source.buffer.read_since(drawn["cursor"]).arrived_s
            if oldest_new.shape[0]:
                latency_ms.append((ended - float(oldest_new[0])) * 1000.0)
            drawn["cursor"] = cursor
            frame_ms.append((ended - began) * 1000.0)

    session.timer.timeout.disconnect()
    session.timer.timeout.connect(timed_tick)
    session.connect_device("simulated", None)
    from desktop.ui.worker import wait_for_all

    wait_for_all(5000)
    _run_loop(None, 0.2)
    session.record()
    _run_loop(None, seconds + 0.5)
    recorder = session.recorder
    assert recorder is not None
    session.timer.stop()
    source._halt_thread()  # the producer stops; whatever it wrote is then read to the end
    session._read()
    produced = source._produced
    received = recorder.count
    times, _forces = recorder.samples()
    steps = np.diff(times)
    gaps = int(np.sum(np.round(steps * RATE_HZ) - 1)) if steps.shape[0] else 0
    session.disconnect_device()
    wait_for_all(5000)
    panel.close()
    return {
        "frame_ms": frame_ms,
        "latency_ms": latency_ms,
        "produced": int(produced),
        "received": int(received),
        "lost": int(recorder.lost + gaps + (produced - received)),
        "seconds": float(times[-1] - times[0]) if received else 0.0,
    }


def measure_bare(seconds: float) -> dict[str, Any]:
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtCore import QTimer

    plot = pg.PlotWidget()
    plot.resize(1100, 400)
    plot.show()
    curve = plot.plot()
    t_all = np.arange(int((seconds + 1) * RATE_HZ)) / RATE_HZ
    f_all = 150.0 + 10.0 * np.sin(2 * np.pi * 9.0 * t_all)
    began = time.perf_counter()
    frame_ms: list[float] = []

    def tick() -> None:
        start = time.perf_counter()
        count = int((start - began) * RATE_HZ)
        first = max(0, count - int(WINDOW_S * RATE_HZ))
        curve.setData(t_all[first:count], f_all[first:count])
        plot.setXRange(
            max(0.0, t_all[count - 1] - WINDOW_S) if count else 0.0,
            max(WINDOW_S, t_all[count - 1] if count else 0.0),
            padding=0,
        )
        plot.repaint()
        frame_ms.append((time.perf_counter() - start) * 1000.0)

    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(tick)
    timer.start()
    _run_loop(None, seconds)
    timer.stop()
    plot.close()
    return {"frame_ms": frame_ms}


def run(seconds: float) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    capture = measure_capture(seconds)
    bare = measure_bare(seconds)
    del app
    frames, bare_frames, latency = capture["frame_ms"], bare["frame_ms"], capture["latency_ms"]
    return {
        "seconds": seconds,
        "stream_seconds": round(capture["seconds"], 2),
        "produced": capture["produced"],
        "received": capture["received"],
        "lost": capture["lost"],
        "frames": len(frames),
        "frame_median_ms": statistics.median(frames),
        "frame_p99_ms": _percentile(frames, 99),
        "bare_frames": len(bare_frames),
        "bare_frame_median_ms": statistics.median(bare_frames),
        "bare_frame_p99_ms": _percentile(bare_frames, 99),
        "latency_median_ms": statistics.median(latency),
        "latency_p99_ms": _percentile(latency, 99),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.seconds)
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"1 kHz simulated stream, {result['stream_seconds']} s of samples, "
        f"live plot showing {WINDOW_S:g} s"
    )
    print(
        f"  samples produced {result['produced']}, received {result['received']}, "
        f"lost {result['lost']}"
    )
    print(
        f"  frame time  median {result['frame_median_ms']:.2f} ms  "
        f"p99 {result['frame_p99_ms']:.2f} ms "
        f"({result['frames']} frames)"
    )
    print(
        f"  bare pyqtgraph plot, same run: median {result['bare_frame_median_ms']:.2f} ms  "
        f"p99 {result['bare_frame_p99_ms']:.2f} ms ({result['bare_frames']} frames)"
    )
    print(
        f"  sample-to-screen latency  median {result['latency_median_ms']:.1f} ms  "
        f"p99 {result['latency_p99_ms']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
