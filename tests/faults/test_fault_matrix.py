"""The fault matrix as tests: every fault of issue 15, its exit code, words, store and recovery.

The trials live in ``harness.py`` (``bench/fault_matrix.py`` prints them as a
table). Disk full and the read-only folder need a size-limited tmpfs and a
read-only bind mount; where mounting is not allowed they use injected faults
instead (``test_injected_faults.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults import harness

MOUNT = harness.can_mount()
needs_mount = pytest.mark.skipif(not MOUNT, reason="mounting is not allowed here: injected faults cover this")


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[harness.Seed]:
    yield harness.make_seed(tmp_path_factory.mktemp("seed"))


def _passes(trial: harness.Trial) -> None:
    assert trial.ok, f"{trial.name}: {trial.problems} (saw: {trial.saw})"


@pytest.mark.parametrize("fault", list(harness.DAMAGE))
def test_damage_is_named_and_recoverable(seed: harness.Seed, tmp_path: Path, fault: str) -> None:
    _passes(harness.damage_trial(seed, tmp_path, fault))


def test_a_garbage_backup_is_not_called_encrypted(seed: harness.Seed, tmp_path: Path) -> None:
    _passes(harness.garbage_backup_trial(seed, tmp_path))


@pytest.mark.parametrize("fault", list(harness.AUDIT))
def test_audit_tampering_is_caught(seed: harness.Seed, tmp_path: Path, fault: str) -> None:
    _passes(harness.audit_trial(seed, tmp_path, fault))


@pytest.mark.parametrize("fault", list(harness.NAMES))
def test_names_that_are_not_plain_text_are_refused(seed: harness.Seed, tmp_path: Path, fault: str) -> None:
    _passes(harness.name_trial(seed, tmp_path, fault))


def test_a_name_at_the_limit_prints_wrapped(seed: harness.Seed, tmp_path: Path) -> None:
    _passes(harness.long_name_report_trial(seed, tmp_path))


@pytest.mark.slow
@needs_mount
@pytest.mark.parametrize("free", [0, 16 * 1024, 64 * 1024, 96 * 1024])
def test_disk_full_is_disk_full(seed: harness.Seed, tmp_path: Path, free: int) -> None:
    for trial in harness.disk_full_trials(seed, tmp_path, free):
        _passes(trial)


@pytest.mark.slow
@needs_mount
def test_read_only_folder_works_read_only(seed: harness.Seed, tmp_path: Path) -> None:
    readers, writers = harness.read_only_trials(seed, tmp_path)
    for trial in readers + writers:
        _passes(trial)
