"""no single-column index that a composite index or unique constraint already leads with

Revision ID: 0010_no_duplicate_indexes
Revises: 0009_audit_chain_head

Each of these indexes holds the leading column of another index on its table
(``ix_assessments_client_date``, or the unique constraint that starts with
``assessment_id``), which answers the same lookups and the foreign keys'
cascades. Every insert paid for both; an import writes some 150,000 rows.
Dropping an index is in place on SQLite and PostgreSQL; no table is copied.
"""

from __future__ import annotations

from alembic import op

revision = "0010_no_duplicate_indexes"
down_revision = "0009_audit_chain_head"
branch_labels = None
depends_on = None

# (index, table, column): each covered by an index or unique constraint that starts with the column.
DUPLICATES = (
    ("ix_assessments_client_id", "assessments", "client_id"),
    ("ix_assessment_red_flags_assessment_id", "assessment_red_flags", "assessment_id"),
    ("ix_odi_scores_assessment_id", "odi_scores", "assessment_id"),
    ("ix_trendelenburg_tests_assessment_id", "trendelenburg_tests", "assessment_id"),
    ("ix_hip_abduction_sides_assessment_id", "hip_abduction_sides", "assessment_id"),
    ("ix_hip_abduction_trials_assessment_id", "hip_abduction_trials", "assessment_id"),
)


def upgrade() -> None:
    for index, table, _column in DUPLICATES:
        op.drop_index(index, table_name=table)


def downgrade() -> None:
    for index, table, column in DUPLICATES:
        op.create_index(index, table, [column], unique=False)
