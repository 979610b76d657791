"""resources/ and db/migrations resolve the same way from a checkout, a wheel and a frozen bundle.

style.md §17, design.md "Layout": one helper (desktop.paths.resource_root)
serves all three. Each case runs in a fresh interpreter whose only copy of
the code and data is the one under test, and loads the Alembic scripts from
where the helper says they are, as start-up does. The real frozen bundle is
checked by packaging/build.sh; here a copied tree stands in for sys._MEIPASS.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_COUNT = len(list((ROOT / "resources" / "exercises").glob("*.json")))

PROBE = textwrap.dedent(
    """
    import json, sys
    frozen_root = sys.argv[1]
    if frozen_root:
        sys.frozen = True
        sys._MEIPASS = frozen_root
    import desktop
    from desktop.paths import migrations_dir, resource, resource_root
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    print(json.dumps({
        "package": desktop.__file__,
        "root": str(resource_root()),
        "schema": str(resource("schema", "exchange-v1.schema.json")),
        "schema_exists": resource("schema", "exchange-v1.schema.json").is_file(),
        "font_exists": resource("fonts", "DejaVuSans.ttf").is_file(),
        "icon_exists": resource("icons", "medius.svg").is_file(),
        "exercises": len(list(resource("exercises").glob("*.json"))),
        "migrations": str(migrations_dir()),
        "head": script.get_current_head(),
    }))
    """
)


def _clean_env(pythonpath: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def probe(pythonpath: Path | None, cwd: Path, frozen_root: Path | None = None) -> dict:
    """Run PROBE with only ``pythonpath`` (plus the venv's site-packages) to import from."""
    proc = subprocess.run([sys.executable, "-c", PROBE, str(frozen_root or "")], cwd=cwd,
                          env=_clean_env(pythonpath), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def source_head() -> str:
    return probe(ROOT, ROOT)["head"]


def copy_project(target: Path, parts: tuple[str, ...]) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        else:
            shutil.copy2(source, target / part)


def assert_everything_under(result: dict, root: Path) -> None:
    root = root.resolve()
    assert Path(result["root"]).resolve() == root
    assert Path(result["schema"]).resolve().is_relative_to(root)
    assert Path(result["migrations"]).resolve().is_relative_to(root)
    assert result["schema_exists"] and result["font_exists"] and result["icon_exists"]
    assert result["exercises"] == EXERCISE_COUNT


def test_source_checkout(tmp_path: Path) -> None:
    result = probe(ROOT, tmp_path)

    assert Path(result["package"]).resolve().is_relative_to(ROOT)
    assert_everything_under(result, ROOT)
    assert Path(result["migrations"]) == ROOT / "db" / "migrations"
    assert result["head"] is not None


def _pip(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The test session points HOME at a throwaway folder; pip still needs the user's pip.conf.
    env = _clean_env(None)
    env["HOME"] = pwd.getpwuid(os.getuid()).pw_dir
    return subprocess.run([sys.executable, "-m", "pip", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def build_wheel(source: Path, out: Path) -> Path:
    """The project's wheel, built offline from the venv's setuptools if it can, else in pip's isolation."""
    attempts = (
        ("wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)),
        ("wheel", "--no-deps", "-w", str(out), str(source)),
    )
    failures = []
    for args in attempts:
        proc = _pip(*args, cwd=source)
        wheels = sorted(out.glob("medius-*.whl"))
        if proc.returncode == 0 and wheels:
            return wheels[0]
        failures.append(f"pip {' '.join(args[:4])}: " + " | ".join(proc.stderr.strip().splitlines()[-3:]))
    pytest.skip("cannot build the wheel here (the venv's setuptools lacks bdist_wheel and no index "
                "offers setuptools>=77): " + " ;; ".join(failures))


def test_installed_wheel(tmp_path: Path) -> None:
    source = tmp_path / "src"
    copy_project(source, ("pyproject.toml", "README.md", "desktop", "db", "resources"))
    wheel = build_wheel(source, tmp_path / "wheel")
    site = tmp_path / "site"
    installed = _pip("install", "--no-deps", "--no-compile", "--target", str(site), str(wheel), cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    result = probe(site, elsewhere)

    assert Path(result["package"]).resolve().is_relative_to(site.resolve()), "desktop came from the checkout"
    assert_everything_under(result, site)
    assert Path(result["migrations"]).resolve() == (site / "db" / "migrations").resolve()
    assert result["head"] == source_head(), "the wheel ships a different set of migration scripts"


def test_frozen_bundle_layout(tmp_path: Path) -> None:
    """sys.frozen and sys._MEIPASS point at a copied tree laid out as the spec lays out the bundle."""
    bundle = tmp_path / "dist" / "medius" / "_internal"
    copy_project(bundle, ("resources",))
    copy_project(bundle / "db", ())
    shutil.copytree(ROOT / "db" / "migrations", bundle / "db" / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    result = probe(ROOT, tmp_path, frozen_root=bundle)

    assert_everything_under(result, bundle)
    assert Path(result["migrations"]).resolve() == (bundle / "db" / "migrations").resolve()
    assert result["head"] == source_head()


def test_frozen_flag_without_meipass_falls_back_to_the_package(tmp_path: Path) -> None:
    """Some freezers set sys.frozen but no _MEIPASS; the helper then uses the package location."""
    code = ("import sys; sys.frozen = True\n"
            "from desktop.paths import resource_root; print(resource_root())")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_clean_env(ROOT),
                          capture_output=True, text=True, timeout=60)

    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()) == ROOT
