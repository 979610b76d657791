"""`medius devices` and `medius capture` (design.md "Force-time curves")."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.devices.csv_file import ForceFileError, parse_force_csv
from desktop.services.capture import read_force_csv


def test_devices_lists_one_driver_per_line_name_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices"]) == 0
    names = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert names[:3] == ["simulated", "progressor-ble", "serial-line"]


def test_capture_writes_time_and_newtons(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "trial.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(data_dir),
            "capture",
            "--device",
            "simulated",
            "--seconds",
            "2",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["time_s", "force_n"]
    times = [float(r[0]) for r in rows[1:]]
    forces = [float(r[1]) for r in rows[1:]]
    assert len(times) == 2001 and times[0] == 0.0 and times[-1] == pytest.approx(2.0)
    assert max(forces) > 100  # the simulated client pushed during the two seconds
    assert abs(sum(forces[:100]) / 100) < 1.5  # tared: rest reads about zero


def test_capture_bad_device_or_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.csv"
    assert main(["capture", "--device", "nope", "--seconds", "1", "--out", str(out)]) == 2
    assert "choose one of: simulated" in capsys.readouterr().err
    assert (
        main(
            [
                "capture",
                "--device",
                "serial-line",
                "--address",
                str(tmp_path / "none"),
                "--seconds",
                "1",
                "--out",
                str(out),
            ]
        )
        == 1
    )
    assert "could not be opened" in capsys.readouterr().err
    assert not out.exists()


def test_force_csv_units_and_errors(tmp_path: Path) -> None:
    times, forces = parse_force_csv("time_s,force_kgf\n0.0,0\n0.1,1\n0.2,10\n")
    assert list(times) == [0.0, 0.1, 0.2]
    assert list(forces) == pytest.approx([0.0, 9.80665, 98.0665])
    _, pounds = parse_force_csv("time;force (lbf)\n1;1\n2;2\n3;3\n")
    assert pounds[0] == pytest.approx(4.4482216)
    with pytest.raises(ForceFileError, match="unit is not named"):
        parse_force_csv("time_s,force\n0,1\n1,2\n2,3\n")
    with pytest.raises(ForceFileError, match="line 3: time must increase"):
        parse_force_csv("time_s,force_n\n0,1\n0,2\n2,3\n")
    with pytest.raises(ForceFileError, match="line 2"):
        parse_force_csv("time_s,force_n\nabc,1\n")
    path = tmp_path / "export.csv"
    path.write_text("time_s,force\n0.000,0\n0.0125,5\n0.0250,10\n0.0375,12\n", encoding="utf-8")
    curve = read_force_csv(path, unit="N")
    assert curve.rate_hz == 80.0 and list(curve.force_n) == [0.0, 5.0, 10.0, 12.0]
