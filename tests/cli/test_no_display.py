"""Started without a display (over SSH): a clear message and exit 1, never Qt's abort (134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import display_problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display servers are a Linux question")
def test_the_window_without_a_display_explains_and_exits_1(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert "no display to open the window on" in proc.stderr
    assert "neither DISPLAY nor WAYLAND_DISPLAY is set" in proc.stderr
    assert "ssh -X" in proc.stderr and "medius report ASSESSMENT_ID --out FILE.pdf" in proc.stderr
    assert "xcb" not in proc.stderr.lower().replace("qt_qpa_platform is xcb", "")  # no plug-in jargon
    assert not (tmp_path / "data").exists()  # nothing created before the check


def test_headless_commands_still_work_without_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data"), "list"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("environ", "platform", "problem"),
    [
        ({}, "linux", "neither DISPLAY nor WAYLAND_DISPLAY is set"),
        ({"DISPLAY": ":0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", "QT_QPA_PLATFORM is xcb but DISPLAY is not set"),
        (
            {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},
            "linux",
            "QT_QPA_PLATFORM is wayland but WAYLAND_DISPLAY is not set",
        ),
        ({}, "win32", None),
        ({}, "darwin", None),
    ],
)
def test_display_problem(environ: dict[str, str], platform: str, problem: str | None) -> None:
    assert display_problem(environ, platform) == problem
