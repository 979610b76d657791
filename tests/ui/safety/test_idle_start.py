"""``--exit-when-idle``: idle comes only after every start-up task, the audit check included."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.paths import AppPaths
from desktop.services.backup import kind_of, list_backups
from tests.fixtures.records import filled_repository

ROOT = Path(__file__).resolve().parents[3]

PROBE = textwrap.dedent("""
    import sys
    from desktop.ui.safety import prompts
    prompts.warn = lambda parent, title, text: print("WARN:", text.split(":")[0], flush=True)
    from desktop.cli import main
    sys.exit(main(["--data-dir", sys.argv[1], "--exit-when-idle"]))
""")


def start_until_idle(paths: AppPaths) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, str(paths.data_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip().splitlines()


def test_idle_follows_the_window_the_audit_check_and_the_daily_backup(paths: AppPaths) -> None:
    filled_repository(paths, clients=2, visits=2).engine.dispose()

    lines = start_until_idle(paths)

    assert lines == ["medius: window ready", "medius: idle"]
    assert [kind_of(p) for p in list_backups(paths.backups)] == ["auto"]  # the start's daily backup, once


def test_a_tampered_audit_trail_is_reported_before_idle(paths: AppPaths) -> None:
    filled_repository(paths, clients=2, visits=2).engine.dispose()
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET detail = 'fields=notes' WHERE id = 2")
    conn.close()

    lines = start_until_idle(paths)

    assert lines == ["medius: window ready",
                     "WARN: Warning", "medius: idle"], lines
