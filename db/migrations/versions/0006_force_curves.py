"""force-time curves on dynamometer trials

Revision ID: 0006_force_curves
Revises: 0005_trendelenburg_photos
Create Date: 2026-12-02 14:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_force_curves"
down_revision = "0005_trendelenburg_photos"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, in place on SQLite and PostgreSQL: nullable, so existing trials
    # simply have no curve.
    op.add_column("hip_abduction_trials", sa.Column("curve_rate_hz", sa.Float(), nullable=True))
    op.add_column("hip_abduction_trials", sa.Column("curve_force", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hip_abduction_trials", schema=None) as batch_op:
        batch_op.drop_column("curve_force")
        batch_op.drop_column("curve_rate_hz")
