"""Downgrading the schema keeps every row of the tables it does not drop, and upgrading again keeps them.

On SQLite a batch operation recreates a table (copy, DROP, rename); with foreign keys on, the
DROP deletes every child row through ON DELETE CASCADE. Column drops on tables with children
must therefore run in place.
"""

from __future__ import annotations

from sqlalchemy import text

from db.engine import head_revision, make_engine, migrate
from db.repository import Repository
from tests.fixtures.records import CHILD_ROWS, assessment, client

CLIENTS, VISITS = 2, 2


def _alembic(url: str, direction: str, target: str) -> None:
    from alembic import command

    from db.engine import _alembic_config

    engine = make_engine(url)
    try:
        config = _alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, direction)(config, target)
    finally:
        engine.dispose()


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                    for table in ("clients", "assessments", *CHILD_ROWS)}
    finally:
        engine.dispose()


def test_downgrade_to_the_first_revision_and_back_keeps_every_visit(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    head = head_revision(engine)
    repo = Repository(engine)
    for i in range(CLIENTS):
        repo.add_client(client(i), [assessment(day + 1) for day in range(VISITS)])
    before = {cid: repo.get_client(cid) for cid in repo.all_client_ids()}
    engine.dispose()
    # Hand-worked: 2 clients x 2 visits = 4 assessments; each visit writes CHILD_ROWS rows
    # (1 flag, 10 ODI sections, 2 PSFS, 2 Trendelenburg, 2 hip sides, 6 trials).
    expected = {"clients": 2, "assessments": 4, **{t: 4 * n for t, n in CHILD_ROWS.items()}}
    assert _counts(database_url) == expected

    _alembic(database_url, "downgrade", "0001_initial")
    assert _counts(database_url) == expected

    _alembic(database_url, "upgrade", "head")
    assert _counts(database_url) == expected
    engine = make_engine(database_url)
    try:
        from db.engine import current_revision

        assert current_revision(engine) == head
        repo = Repository(engine)
        after = {cid: repo.get_client(cid) for cid in repo.all_client_ids()}
    finally:
        engine.dispose()
    # Round-1 rows hold a flag, so the upgrade marks their screening as done again.
    assert after == before


def test_each_foreign_key_is_indexed_once_and_the_downgrade_restores_the_single_column_indexes(
        database_url: str) -> None:
    from sqlalchemy import inspect

    engine = make_engine(database_url)
    try:
        migrate(engine)
        tables = ("assessments", *CHILD_ROWS)

        def leading(table: str) -> dict[str, list[list[str]]]:
            """Per first column, the columns of every index and unique constraint of ``table`` that starts with it."""
            inspector = inspect(engine)
            found: dict[str, list[list[str]]] = {}
            for entry in [*inspector.get_indexes(table), *inspector.get_unique_constraints(table)]:
                columns = [str(c) for c in entry["column_names"]]
                found.setdefault(columns[0], []).append(columns)
            return found

        for table in tables:
            key = "client_id" if table == "assessments" else "assessment_id"
            covering = leading(table).get(key, [])
            assert covering, f"{table}.{key} has no index"
            assert [key] not in covering or len(covering) == 1, f"{table}.{key} is indexed twice: {covering}"
    finally:
        engine.dispose()
    _alembic(database_url, "downgrade", "0009_audit_chain_head")
    engine = make_engine(database_url)
    try:
        assert ["client_id"] in leading("assessments")["client_id"]
        assert ["assessment_id"] in leading("odi_scores")["assessment_id"]
    finally:
        engine.dispose()
