"""The window's answer to the same faults: damage of every kind offers the newest good backup; a full
disk is never called damage. Each start runs the real start-up in its own process (gui_driver.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults import harness

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "ui" / "safety" / "gui_driver.py"


def start(folder: Path, **answers: list[object]) -> tuple[int, list[list[str]]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(DRIVER), str(folder), json.dumps(answers)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "Logging error" not in proc.stderr, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return int(result["code"]), result["shown"]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> harness.Seed:
    return harness.make_seed(tmp_path_factory.mktemp("seed"))


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["schema entry with non-UTF-8 bytes", "emptied (0 bytes)", "deleted",
                                   "not a Medius database"])
def test_the_window_offers_the_newest_good_backup(seed: harness.Seed, tmp_path: Path, fault: str) -> None:
    folder = harness.copy_seed(seed, tmp_path / "folder")
    db = harness.database(folder)
    harness.DAMAGE[fault](db)
    before = db.read_bytes() if db.exists() else None

    code, shown = start(folder, confirm=[False])
    assert code == 1
    offers = [text for kind, _title, text in shown if kind == "confirm"]
    assert len(offers) == 1 and seed.backup.name in offers[0] and "Restore this backup now?" in offers[0]
    assert (db.read_bytes() if db.exists() else None) == before  # declined: untouched, nothing created

    code, shown = start(folder, confirm=[True])
    assert code == 0, shown
    assert harness.count_clients(folder) == seed.clients_in_backup
    if before:
        assert any(p.read_bytes() == before for p in folder.glob("medius.sqlite3.damaged-*")
                   if not p.name.endswith(("-wal", "-shm")))


@pytest.mark.slow
@pytest.mark.skipif(not harness.can_mount(), reason="mounting is not allowed here")
def test_a_full_disk_at_start_is_not_called_damage(seed: harness.Seed) -> None:
    with harness.tmpfs(4 * 1024 * 1024) as point:
        folder = harness.copy_seed(seed, point / "data")
        harness.fill_to(point, 16 * 1024)
        code, shown = start(folder)
        texts = " ".join(text for _kind, _title, text in shown).lower()
        assert not [kind for kind, _title, _text in shown if kind == "confirm"]
        assert "damage" not in texts and "restore" not in texts
        assert code in (0, 1)
        (point / "filler").unlink()
        assert harness.count_clients(folder) == seed.clients_now
        shutil.rmtree(folder / "logs", ignore_errors=True)


def test_the_window_compares_the_trail_with_its_anchor(seed: harness.Seed, tmp_path: Path, qtbot: object,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.paths import AppPaths
    from desktop.services.app_services import build_services
    from desktop.services.database import open_repository
    from desktop.ui.safety import prompts
    from desktop.ui.safety.audit_check import check_audit_in_background
    from desktop.ui.worker import wait_for_all

    folder = harness.copy_seed(seed, tmp_path / "folder")
    harness.AUDIT["audit: newest 2 events deleted"](harness.database(folder))
    warned: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda _parent, _title, text: warned.append(str(text)))
    paths = AppPaths(folder)
    repo = open_repository(paths)

    check_audit_in_background(build_services(repo, paths), None, with_anchor=True)

    qtbot.waitUntil(lambda: bool(warned), timeout=20000)  # type: ignore[attr-defined]
    wait_for_all(10000)
    assert "does not match" in warned[0] and "newest events were removed" in warned[0]
