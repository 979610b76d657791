"""outlier trial, athlete population, time of assessment

Revision ID: 0007_letter_trust
Revises: 0006_force_curves

Three recorded inputs the letters rely on: the reason a dynamometer trial was
left out as an outlier (on that trial's row), the athletes' population a
client belongs to (athlete reference values are matched only then), and the
time of day the assessment started (the urgent letter states it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_letter_trust"
down_revision = "0006_force_curves"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("hip_abduction_trials", sa.Column("excluded_reason", sa.Text(), nullable=True)),
    ("clients", sa.Column("athlete_group", sa.String(length=64), nullable=True)),
    ("assessments", sa.Column("performed_at", sa.Time(), nullable=True)),
)


def upgrade() -> None:
    # Plain ADD COLUMN, in place on SQLite and PostgreSQL: nullable, so existing rows mean
    # "no trial left out", "not marked as an athlete", "time not recorded".
    for table, column in _COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    # In place too: a batch copy of "clients" or "assessments" would DROP the table and, with
    # foreign keys on SQLite, cascade-delete every visit and child row.
    for table, column in reversed(_COLUMNS):
        op.drop_column(table, column.name)
