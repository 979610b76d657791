"""clinicians of the clinic, chosen per visit

Revision ID: 0003_clinicians
Revises: 0002_screening_done
Create Date: 2026-12-02 14:10:00

The one clinician kept in clinic_settings until now becomes the first row,
so letters written before the upgrade keep their signature.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_clinicians"
down_revision = "0002_screening_done"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clinicians",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("qualifications", sa.String(length=200), nullable=False),
        sa.Column("registration_number", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinicians")),
    )
    op.execute(
        "INSERT INTO clinicians (position, name, qualifications, registration_number, phone) "
        "SELECT 0, clinician_name, clinician_credentials, '', '' FROM clinic_settings "
        "WHERE id = 1 AND clinician_name <> ''"
    )


def downgrade() -> None:
    op.drop_table("clinicians")
