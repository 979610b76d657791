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


# The storage layer, opened in the warm-up after idle, fails to open (the disk went away).
FAILING_WARM_UP = textwrap.dedent("""
    import errno, sys
    import desktop.app
    from desktop.ui.safety import prompts
    prompts.warn = lambda parent, title, text: print("WARN:", text.replace(chr(10), " "), flush=True)

    def gone(paths):
        raise OSError(errno.EIO, "Input/output error", str(paths.database))

    desktop.app._open_storage = gone
    from desktop.cli import main
    sys.exit(main(["--data-dir", sys.argv[1], "--exit-when-warm"]))
""")


def start_until_idle(paths: AppPaths, probe: str = PROBE, code: int = 0) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-c", probe, str(paths.data_dir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, proc.stderr[-3000:]
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


def test_storage_that_fails_to_open_after_idle_is_explained_and_the_window_closes(paths: AppPaths) -> None:
    filled_repository(paths, clients=2, visits=2).engine.dispose()
    start_until_idle(paths)  # the day's backup (its audit entry opens storage within start-up) is taken here

    lines = start_until_idle(paths, FAILING_WARM_UP, code=1)

    assert lines[:2] == ["medius: window ready", "medius: idle"], lines
    [warning] = [line for line in lines[2:] if line.startswith("WARN:")]
    assert warning.startswith("WARN: Medius could not open its database.")
    assert "Errno" not in warning and "medius: warm" not in lines

