"""screening done per assessment

Revision ID: 0002_screening_done
Revises: 0001_initial

Red-flag screening becomes a recorded step (design.md Round 2): an assessment
whose screening was not done must never read as "no red flags". Round-1 rows
cannot tell "screened, none found" from "not asked", so a row counts as
screened only when it holds a flag or an acknowledgement; the clinician
confirms screening for the others before their letter can be written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_screening_done"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite supports it in place, whereas a batch copy of "assessments" would
    # drop the old table and, with foreign keys on, cascade-delete every child row.
    op.add_column("assessments", sa.Column("screening_done", sa.Boolean(), nullable=False,
                                           server_default=sa.true()))
    op.execute(
        "UPDATE assessments SET screening_done = "
        "(red_flags_acknowledged OR EXISTS (SELECT 1 FROM assessment_red_flags f "
        "WHERE f.assessment_id = assessments.id))"
    )


def downgrade() -> None:
    # In place as well (SQLite 3.35+ and PostgreSQL drop a column without copying the table):
    # a batch copy would DROP "assessments" and cascade-delete every visit's child rows.
    op.drop_column("assessments", "screening_done")
