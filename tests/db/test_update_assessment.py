"""Editing a stored assessment replaces its child rows in one transaction."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.clinical import model as m
from desktop.paths import resolve_paths
from desktop.services.database import open_repository
from desktop.services.demo import add_demo_clients


def test_update_assessment_replaces_children_and_audits(data_dir: Path) -> None:
    repo = open_repository(resolve_paths(data_dir))
    (client_id, (first_id, *_)), *_ = add_demo_clients(repo)
    _, original = repo.get_assessment(first_id)
    assert original.hip_abduction is not None
    edited = dataclasses.replace(
        original,
        pain_nprs=3,
        red_flags=("night_pain",),
        hip_abduction=dataclasses.replace(original.hip_abduction, right=m.HhdSide((130.0, 128.0), 80.0)),
        program=m.Program((m.ProgramItem("clamshell", 1, sets=3, reps=12),)),
    )
    repo.update_assessment(first_id, edited)
    assert repo.get_assessment(first_id)[1] == edited
    repo.update_assessment(first_id, original)
    assert repo.get_assessment(first_id)[1] == original
    details = [e.detail for e in repo.audit_events(client_id) if e.action == "update"]
    assert details[0] == "fields=red_flags,pain_nprs,hip_abduction,program"
    assert repo.verify_audit_chain() is None
