"""The report warm-up after idle loads everything the session's first letter needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from desktop.paths import AppPaths
    from desktop.services.app_services import build_services
    from desktop.services.database import open_repository
    from desktop.services.demo import add_demo_clients

    paths = AppPaths(Path(sys.argv[1])).ensure()
    repo = open_repository(paths)
    add_demo_clients(repo)
    services = build_services(repo, paths)
    assessment_id = repo.list_assessments(repo.list_clients()[0].id)[-1][0]
    files_before = sorted(str(p.relative_to(paths.data_dir)) for p in paths.data_dir.rglob("*"))
    events_before = len(repo.audit_events())
    services.reports.warm_up()
    files_after = sorted(str(p.relative_to(paths.data_dir)) for p in paths.data_dir.rglob("*"))
    loaded = set(sys.modules)
    services.reports.export(assessment_id, Path(sys.argv[1]) / "letter.pdf")
    new = sorted(m for m in set(sys.modules) - loaded if m.startswith(("reportlab", "desktop.report")))
    print(json.dumps({"new_modules": new, "files_unchanged": files_before == files_after,
                      "only_the_export_recorded": len(repo.audit_events()) == events_before + 1}))
""")


def test_first_letter_after_warm_up_imports_no_report_code_and_warm_up_writes_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("MEDIUS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])

    assert result["new_modules"] == []
    assert result["files_unchanged"]
    assert result["only_the_export_recorded"]
