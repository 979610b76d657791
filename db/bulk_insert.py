"""Many clients with their visits, and their audit events, written table by table (imports).

The ORM writes a record as one flush, one INSERT per row: about 134,000
statements for 2,000 clients with 6,000 visits. Here each table is written
with one executemany of plain column dictionaries (``db.mapping`` builds
them, the same as for a single save), inside the caller's transaction, so an
import stays all or nothing.

Ids: a visit needs its client's id and a child row its visit's id before they
are written. On SQLite the transaction already holds the write lock (``BEGIN
IMMEDIATE``, db.engine), so the next ids are read once and assigned here,
exactly the ids SQLite would give. On PostgreSQL the rows come back with their
ids (``INSERT ... RETURNING`` in parameter order), so concurrent writers and
the sequences stay in charge.

The audit chain gets one event per client and per visit, in the order the
single-record path writes them, each hashed from the one before.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import chain, repeat
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Null, Table, func, insert, null, select
from sqlalchemy.engine.processors import to_float
from sqlalchemy.orm import Session

from db.audit_chain import event_hash
from db.mapping import (
    CHILD_COLUMNS,
    VISIT_CHILDREN,
    assessment_child_rows,
    assessment_columns,
    client_columns,
)
from db.models import AssessmentRow, AuditEventRow, Base, ClientRow
from desktop.clinical import model as m

Columns = dict[str, Any]
_FLOAT_OR_NONE = frozenset((float, type(None)))
# Rows per INSERT statement, and the bound values one statement may hold (SQLite's lowest limit).
_ROWS_PER_STATEMENT = 100
_MAX_VARIABLES = 999
# (action, entity, entity_id, client_id): an audit event with an empty detail.
Event = tuple[str, str, int, int]


def _table(model: type[Base]) -> Table:
    """The model's Core table: statements on it skip the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


def write_many(session: Session, table: Table, rows: list[Columns]) -> None:
    """``rows`` (dictionaries with the same keys) into ``table`` in one executemany."""
    keys = list(rows[0])
    write_columns(session, table, keys, [list(map(operator.itemgetter(key), rows)) for key in keys])


def write_columns(session: Session, table: Table, keys: Sequence[str], columns: list[list[Any]]) -> None:
    """Rows given a column at a time (``columns[i]`` holds every row's ``keys[i]``) into ``table`` in
    one executemany.

    On SQLite the statement is compiled once and each row becomes a plain tuple,
    converted by the column types' own bind processors, with scalar column defaults
    filled in: what Core does per row, without its per-row bookkeeping (two thirds of
    the time of a large import). The values are converted a column at a time, then
    turned into rows. A column that is None in every row is written as the statement's
    own NULL rather than bound row by row: the driver looks for an adapter for each None
    it binds, most of the time of writing a wide, sparse table. Anything else goes
    through Core unchanged.
    """
    connection = session.connection()
    dialect = connection.dialect
    nulls = _null_columns(table, keys, columns, dialect) if dialect.name == "sqlite" else {}
    if len(nulls) == len(keys):  # a row still needs one bound value to be a row
        nulls.pop(keys[0])
    statement = (insert(table).values(nulls) if nulls else insert(table)).compile(
        dialect=dialect, column_keys=[key for key in keys if key not in nulls])
    order = statement.positiontup
    defaults = {column.key: column.default for column in statement.insert_prefetch}
    if (dialect.name != "sqlite" or order is None or {column.key for column in statement.postfetch or ()} != set(nulls)
            or any(default is None or not default.is_scalar for default in defaults.values())):
        session.execute(insert(table), [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)])
        return
    fixed = {key: cast(Any, default).arg for key, default in defaults.items()}
    count = len(columns[0])
    given = dict(zip(keys, columns, strict=True))
    ordered = [[fixed[key]] * count if key in fixed else given[key] for key in order]
    for i, key in enumerate(order):
        processor = _bind_processor(table, key, dialect)
        if processor is not None:
            ordered[i] = _converted(processor, ordered[i])
    _execute_in_groups(connection, statement.string, ordered)


def _execute_in_groups(connection: Connection, sql: str, columns: list[list[Any]]) -> None:
    """``sql`` (an INSERT of one row) for every row of ``columns``, as INSERTs of many rows at once.

    Each statement SQLite runs has a cost of its own (reset, step, the driver's round), about half
    the time of writing a table of narrow rows; one that inserts a hundred rows pays it once. The
    rows go in the order given, so they get the ids they would get one by one.
    """
    rows: list[Sequence[Any]] = list(zip(*columns, strict=True))
    head, values, group = sql.partition(" VALUES ")
    width = len(columns)
    per_statement = min(_ROWS_PER_STATEMENT, _MAX_VARIABLES // width) if width else 1
    if (not values or not (group.startswith("(") and group.endswith(")")) or group.count("?") != width
            or per_statement < 2 or len(rows) < per_statement):
        connection.exec_driver_sql(sql, rows)
        return
    whole = len(rows) - len(rows) % per_statement
    flat = tuple(chain.from_iterable(rows[:whole]))
    size = per_statement * width
    connection.exec_driver_sql(head + values + ", ".join([group] * per_statement),
                               [flat[start:start + size] for start in range(0, len(flat), size)])
    if whole < len(rows):
        connection.exec_driver_sql(sql, rows[whole:])


def _bind_processor(table: Table, key: str, dialect: Dialect) -> Callable[[Any], Any] | None:
    """What the column's type does to a value before the driver binds it (None: nothing)."""
    return table.c[key].type.dialect_impl(dialect).bind_processor(dialect)


def _null_columns(table: Table, keys: Sequence[str], columns: list[list[Any]],
                  dialect: Dialect) -> dict[str, Null]:
    """The given columns that hold None in every row (and that their bind processor keeps None), each
    with the SQL ``NULL`` that stands for it in the statement."""
    out: dict[str, Null] = {}
    for key, column in zip(keys, columns, strict=True):
        if not any(map(operator.is_not, column, repeat(None))):
            processor = _bind_processor(table, key, dialect)
            if processor is None or processor(None) is None:
                out[key] = null()
    return out


def _converted(processor: Callable[[Any], Any], column: list[Any]) -> list[Any]:
    """``column`` through a bind processor, called once per distinct object: a processor's result
    depends only on its value, and an import repeats the same objects (one time stamp, True, None).
    A column of nothing but None gets the processor's answer for None; a float column holding only
    floats and None is already what the processor would return (``to_float`` gives such a value back
    itself), so it is passed on as it is."""
    if not any(map(operator.is_not, column, repeat(None))):
        return [processor(None)] * len(column)
    if processor is to_float and _FLOAT_OR_NONE.issuperset(map(type, column)):
        return column
    ids = list(map(id, column))
    done = {key: processor(value) for key, value in dict(zip(ids, column, strict=True)).items()}
    return list(map(done.__getitem__, ids))


def insert_rows(session: Session, model: type[Base], rows: list[Columns]) -> list[int]:
    """Write ``rows`` to ``model``'s table in one executemany; their ids, in the order given."""
    if not rows:
        return []
    table = _table(model)
    if session.get_bind().dialect.name == "sqlite":
        first = int(session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
        ids = list(range(first, first + len(rows)))
        for row, row_id in zip(rows, ids, strict=True):
            row["id"] = row_id
        write_many(session, table, rows)
        return ids
    result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [int(row_id) for row_id in result.scalars()]


def insert_records(session: Session, records: Sequence[tuple[m.Client, Sequence[m.Assessment]]],
                   stamp: datetime) -> tuple[list[tuple[int, list[int]]], list[Event]]:
    """The clients and their visits with every child row; (client id, visit ids) per record, and
    the audit events the single-record path would write for them, in its order."""
    client_rows = [{**client_columns(client), "created_at": stamp, "updated_at": stamp} for client, _ in records]
    client_ids = insert_rows(session, ClientRow, client_rows)
    visit_rows: list[Columns] = []
    for client_id, (_client, visits) in zip(client_ids, records, strict=True):
        visit_rows += [{**assessment_columns(a), "client_id": client_id, "created_at": stamp, "updated_at": stamp}
                       for a in visits]
    visit_ids = iter(insert_rows(session, AssessmentRow, visit_rows))
    children: dict[str, list[tuple[Any, ...]]] = {relation: [] for relation in VISIT_CHILDREN}
    parents: dict[str, list[int]] = {relation: [] for relation in VISIT_CHILDREN}  # each row's assessment_id
    out: list[tuple[int, list[int]]] = []
    events: list[Event] = []
    for client_id, (_client, visits) in zip(client_ids, records, strict=True):
        events.append(("create", "client", client_id, client_id))
        ids = []
        for visit in visits:
            visit_id = next(visit_ids)
            ids.append(visit_id)
            events.append(("create", "assessment", visit_id, client_id))
            for relation, rows in assessment_child_rows(visit).items():
                if rows:
                    children[relation] += rows
                    parents[relation] += [visit_id] * len(rows)
        out.append((client_id, ids))
    for relation, rows in children.items():
        if rows:
            write_columns(session, _table(VISIT_CHILDREN[relation]), ("assessment_id", *CHILD_COLUMNS[relation]),
                          [parents[relation], *map(list, zip(*rows, strict=True))])
    return out, events


def insert_audit_events(session: Session, prev_hash: str, actor: str, at: datetime,
                        events: Sequence[Event]) -> tuple[int, str]:
    """Append ``events`` to the chain after ``prev_hash`` (the caller holds the chain's lock);
    the new head's (id, hash)."""
    rows: list[Columns] = []
    for action, entity, entity_id, client_id in events:
        digest = event_hash(prev_hash, at, actor, action, entity, entity_id, client_id, "")
        rows.append({"at": at, "actor": actor, "action": action, "entity": entity, "entity_id": entity_id,
                     "client_id": client_id, "detail": "", "prev_hash": prev_hash, "hash": digest})
        prev_hash = digest
    ids = insert_rows(session, AuditEventRow, rows)
    return ids[-1], prev_hash
