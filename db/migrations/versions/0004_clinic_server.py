"""clinic server: users, record versions, drafts keyed by user and device

Revision ID: 0004_clinic_server
Revises: 0003_clinicians
Create Date: 2026-12-02 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_clinic_server"
down_revision = "0003_clinicians"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
        sa.CheckConstraint("role IN ('admin', 'clinician', 'reception')", name=op.f("ck_users_role")),
    )
    # Optimistic concurrency: every update checks and bumps the version it read.
    # A program is part of its assessment row, so the assessment's version covers it.
    for table in ("clients", "assessments"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    # Drafts belong to one person on one device: two clinicians (or one on two laptops)
    # never see or overwrite each other's unsaved work.
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=64), nullable=False, server_default="clinician"))
        batch_op.add_column(sa.Column("device", sa.String(length=200), nullable=False, server_default="local"))
        batch_op.drop_constraint("uq_drafts_key", type_="unique")
        batch_op.create_unique_constraint("uq_drafts_owner_device_key", ["owner", "device", "key"])


    # Search-as-you-type on a server: a trigram index serves "search_key LIKE '%word%'".
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first():
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_clients_search_trgm ON clients USING gin (search_key gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_clients_search_trgm")
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.drop_constraint("uq_drafts_owner_device_key", type_="unique")
        batch_op.create_unique_constraint("uq_drafts_key", ["key"])
        batch_op.drop_column("device")
        batch_op.drop_column("owner")
    # In place (SQLite 3.35+ and PostgreSQL): a batch copy of "clients" or "assessments" would
    # DROP the table and, with foreign keys on, cascade-delete the visits and their child rows.
    for table in ("assessments", "clients"):
        op.drop_column(table, "version")
    op.drop_table("users")
