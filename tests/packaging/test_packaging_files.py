"""The desktop entry, AppStream metadata, icons and bundle self-test are valid as shipped.

The bundle itself is built and smoke-tested by packaging/build.sh (too slow
for the suite); these checks catch a broken file before anyone builds.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
# freedesktop.org menu spec: main categories; MedicalSoftware is an additional one.
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
                   "Network", "Office", "Science", "Settings", "System", "Utility"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / "medius.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_bundle_executable_with_the_themed_icon() -> None:
    entry = desktop_entry()

    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "medius"  # the executable the spec builds on Linux
    assert entry["Icon"] == "medius" and (ICONS / "medius.svg").is_file()
    categories = [c for c in entry["Categories"].split(";") if c]
    assert MAIN_CATEGORIES & set(categories), categories
    assert entry["Terminal"] == "false"


def test_metainfo_is_well_formed_and_points_at_the_desktop_entry() -> None:
    root = ET.parse(LINUX / "org.medius.Medius.metainfo.xml").getroot()

    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == "org.medius.Medius"
    assert root.findtext("launchable") == "medius.desktop"
    assert root.findtext("provides/binary") == desktop_entry()["Exec"].split()[0]
    from desktop import __version__

    assert root.find("releases/release").get("version") == __version__


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_metainfo_passes_appstream_validation() -> None:
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / "org.medius.Medius.metainfo.xml")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_icon_set_is_complete_and_square() -> None:
    ET.parse(ICONS / "medius.svg")  # well-formed
    for size_px in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"medius-{size_px}.png") as image:
            assert image.size == (size_px, size_px)
            assert image.mode == "RGBA"
    with Image.open(ICONS / "medius.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "medius.icns") as icns:
        assert icns.size == (1024, 1024)


def test_bundle_self_test_passes_from_the_checkout(tmp_path: Path) -> None:
    """The checks the frozen bundle runs (pyi_rth_medius.py) pass on the sources they freeze."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "bundle_selftest.py")], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "bundle self-test: passed" in proc.stdout
