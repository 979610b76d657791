"""Trendelenburg photos: landmark columns, the photo table, the clinic's pelvic-drop threshold.

Revision ID: 0005_trendelenburg_photos
Revises: 0004_clinic_server

Columns are added in place (plain ADD COLUMN): a batch copy would drop and recreate
the table, which with foreign keys on can cascade-delete rows that refer to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_trendelenburg_photos"
down_revision = "0004_clinic_server"
branch_labels = None
depends_on = None

_LANDMARK_COLUMNS = (
    "photo_left_x", "photo_left_y", "photo_right_x", "photo_right_y",
    "reference_left_x", "reference_left_y", "reference_right_x", "reference_right_y",
)


def upgrade() -> None:
    for name in _LANDMARK_COLUMNS:
        op.add_column("trendelenburg_tests", sa.Column(name, sa.Float(), nullable=True))
    for name in ("photo_recorded", "photo_in_letter"):
        op.add_column(
            "trendelenburg_tests",
            sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.add_column("clinic_settings", sa.Column("pelvic_drop_threshold_deg", sa.Float(), nullable=True))
    op.create_table(
        "trendelenburg_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("draft_key", sa.String(length=200), nullable=True),
        sa.Column("stance_side", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("jpeg", sa.LargeBinary(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"],
            name=op.f("fk_trendelenburg_photos_assessment_id_assessments"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"],
            name=op.f("fk_trendelenburg_photos_client_id_clients"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trendelenburg_photos")),
    )
    with op.batch_alter_table("trendelenburg_photos", schema=None) as batch_op:
        for column in ("client_id", "assessment_id", "draft_key"):
            batch_op.create_index(
                batch_op.f(f"ix_trendelenburg_photos_{column}"), [column], unique=False
            )


def downgrade() -> None:
    op.drop_table("trendelenburg_photos")
    with op.batch_alter_table("clinic_settings", schema=None) as batch_op:
        batch_op.drop_column("pelvic_drop_threshold_deg")
    with op.batch_alter_table("trendelenburg_tests", schema=None) as batch_op:
        batch_op.drop_column("photo_in_letter")
        batch_op.drop_column("photo_recorded")
        for name in reversed(_LANDMARK_COLUMNS):
            batch_op.drop_column(name)
