"""The command line against a real data folder: demo, list, import/export round trip, bad input."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.clinical import model as m
from desktop.paths import AppPaths
from desktop.services.database import open_repository
from tests.fixtures.records import assessment

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_list_shows_the_demo_clients(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, data_dir, "demo")
    assert code == 0, err
    assert out.startswith("Added ")
    code, out, err = run(capsys, data_dir, "list", "--json")
    assert code == 0, err
    clients = json.loads(out)["clients"]
    names = {(c["given_name"], c["family_name"]) for c in clients}
    assert {("Ana", "Nguyễn"), ("芳", "王"), ("Zoë", "Ñúñez")} <= names
    assert all(c["assessments"] for c in clients)
    code, text_out, _ = run(capsys, data_dir, "list")
    assert code == 0 and "Nguyễn, Ana" in text_out and "王, 芳" in text_out


def _document() -> dict[str, Any]:
    people = [("Thị Ánh", "Nguyễn", "1971-03-14"), ("芳", "王", "1985-09-02"), ("Zoë", "Ñúñez", "1990-06-21")]
    clients = []
    for index, (given, family, born) in enumerate(people):
        visits = [assessment(day, nprs=3 + index + day % 3) for day in (2, 9, 23)[: 2 + index % 2]]
        mmt = m.HipAbduction(method="mmt", position="side_lying", left=m.MmtSide(5), right=m.MmtSide(3, "+"))
        if index == 1:
            visits[0] = m.Assessment(**{**visits[0].__dict__, "hip_abduction": mmt, "red_flags": (),
                                        "red_flags_acknowledged": False, "psfs": ()})
        clients.append({
            "given_name": given, "family_name": family, "date_of_birth": born, "sex": "female",
            "external_id": f"F-{index}", "phone": None, "email": f"c{index}@example.org", "notes": "",
            "assessments": [m.assessment_to_dict(a) for a in visits],
        })
    return {"format": "medius-exchange", "version": 1, "clients": clients}


def _inputs(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Clients and assessments without ids and computed results."""
    out = []
    for c in document["clients"]:
        entry = {k: v for k, v in c.items() if k not in ("id", "assessments")}
        entry["assessments"] = [{k: v for k, v in a.items() if k not in ("id", "results")}
                                for a in c["assessments"]]
        out.append(entry)
    return out


def test_import_export_round_trip_gives_identical_inputs(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                                         tmp_path: Path) -> None:
    document = _document()
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, data_dir, "import", str(source), "--json")
    assert code == 0, err
    imported = json.loads(out)["clients"]
    assert [len(c["assessment_ids"]) for c in imported] == [2, 3, 2]

    target = tmp_path / "out.json"
    code, out, err = run(capsys, data_dir, "export", "--all", "--out", str(target))
    assert code == 0, err
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [c["id"] for c in exported["clients"]] == [c["id"] for c in imported]
    assert all("results" in a for c in exported["clients"] for a in c["assessments"])
    assert _inputs(exported) == _inputs(document)


def _bad(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    bad = copy.deepcopy(document)
    node = bad
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return bad


BAD_INPUTS = [
    ("wrong type", ("clients", 0, "assessments", 0, "pain_nprs"), "six", "clients[0].assessments[0].pain_nprs"),
    ("negative trial force", ("clients", 0, "assessments", 1, "hip_abduction", "left", "trials", 2), -150.0,
     "clients[0].assessments[1].hip_abduction.left.trials[2]"),
    ("unknown side", ("clients", 2, "assessments", 0, "hip_abduction", "middle"), {"trials": [100.0]},
     "clients[2].assessments[0].hip_abduction.middle"),
    ("unknown red flag", ("clients", 0, "assessments", 0, "red_flags", 0), "bad_luck",
     "clients[0].assessments[0].red_flags[0]"),
    ("future birth date", ("clients", 1, "date_of_birth"), "2999-01-01", "clients[1].date_of_birth"),
]


@pytest.mark.parametrize(("case", "where", "value", "json_path"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_names_the_field_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, case: str, where: tuple[Any, ...],
    value: Any, json_path: str,
) -> None:
    repo = open_repository(AppPaths(data_dir))
    repo.add_client(m.Client("Existing", "Client", date(1960, 1, 1)), [assessment(5)])
    before = repo.table_counts()
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(_bad(_document(), where, value), ensure_ascii=False), encoding="utf-8")

    code, out, err = run(capsys, data_dir, "import", str(source))

    assert code == 2, (case, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"medius import: {json_path}: "), err
    assert "Traceback" not in err and out == ""
    assert repo.table_counts() == before


def test_malformed_json_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                              tmp_path: Path) -> None:
    repo = open_repository(AppPaths(data_dir))
    before = repo.table_counts()
    source = tmp_path / "broken.json"
    source.write_text('{"format": "medius-exchange", "version": 1, "clients": [', encoding="utf-8")
    code, out, err = run(capsys, data_dir, "import", str(source))
    assert code == 2
    assert err.count("\n") == 1 and "not valid JSON" in err and "line 1" in err
    assert repo.table_counts() == before


def test_python_m_desktop_runs_headless(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    data = tmp_path / "data"
    demo = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "demo"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert demo.returncode == 0, demo.stderr
    listed = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "list", "--json"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["clients"]) >= 3
    check = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "check"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Integrity: ok" in check.stdout and "Audit chain: intact" in check.stdout


def test_backup_and_restore_commands(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> None:
    assert run(capsys, data_dir, "demo")[0] == 0
    target = tmp_path / "copy.sqlite3"
    code, out, err = run(capsys, data_dir, "backup", "--out", str(target))
    assert code == 0, err
    assert out.startswith(f"Backup written to {target}")
    repo = open_repository(AppPaths(data_dir))
    demo_clients = len(repo.list_clients())
    repo.add_client(m.Client("Later", "Client", date(1990, 1, 1)))

    code, out, err = run(capsys, data_dir, "restore", str(target))
    assert code == 0, err
    assert f"Restored {demo_clients} client(s)" in out and "medius-pre-restore-" in out
    assert len(repo.list_clients()) == demo_clients

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    before = repo.table_counts()
    code, out, err = run(capsys, data_dir, "restore", str(damaged))
    assert code == 2 and "damaged" in err and err.count("\n") == 1
    assert repo.table_counts() == before
    code, out, _ = run(capsys, data_dir, "check")
    assert code == 0 and "Backups: 1" in out  # the pre-restore copy
