"""a short hash per field of each visit, so an edit need not read the old one back

Revision ID: 0008_visit_digests
Revises: 0007_letter_trust

An edited visit is written field by field: only the child rows of fields that
changed are replaced, and the audit names the changed fields, both found by
comparing these hashes instead of reading every child row of the visit first.
Visits saved before this revision have none (NULL) and are read in full on
their next edit, which stores the hashes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_visit_digests"
down_revision = "0007_letter_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("assessments", sa.Column("field_digests", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place: a batch copy of "assessments" would DROP the table and, with foreign keys
    # on SQLite, cascade-delete every child row.
    op.drop_column("assessments", "field_digests")
