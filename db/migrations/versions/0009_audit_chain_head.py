"""the audit chain's lock and head in one round trip on a clinic server

Revision ID: 0009_audit_chain_head
Revises: 0008_visit_digests

Every audit append on PostgreSQL takes a transaction-scoped advisory lock, then
reads the chain head; the lock is held until the commit. This function does
both in one call, so the lock is held for one round trip less. Being VOLATILE
PL/pgSQL, its SELECT takes a fresh snapshot after the lock is granted, so it
sees the head a writer that held the lock just committed. SQLite: nothing to do
(its write lock is the transaction itself).
"""

from __future__ import annotations

from alembic import op

revision = "0009_audit_chain_head"
down_revision = "0008_visit_digests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE OR REPLACE FUNCTION medius_audit_chain_head(lock_key bigint) RETURNS text
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(lock_key);
            RETURN (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1);
        END
        $$
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS medius_audit_chain_head(bigint)")
