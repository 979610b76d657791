"""The clinic server's database roles and grants (PostgreSQL only).

Three group roles hold the rights; nobody logs in as them directly:

* ``medius_admin``: every table, including the user list (users, settings, backups);
* ``medius_clinician``: clients, clinical records, drafts, the audit trail;
* ``medius_reception``: client names and contact details and their own drafts,
  never an assessment or any table under it.

The laptops connect with the login ``medius_app``, which holds no table rights
of its own (NOINHERIT) apart from reading the user list to sign people in and
counting failed sign-ins. After a person signs in, every connection runs
``SET ROLE`` to the group role of that person's Medius role, so the database
itself refuses what the role may not do, whatever the app asks.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from db.records import CONTACT_FIELDS

LOGIN_ROLE = "medius_app"
ROLE_PREFIX = "medius_"
APP_ROLES = ("admin", "clinician", "reception")

# Tables under an assessment: clinical data, closed to reception.
CLINICAL_TABLES = (
    "assessments", "assessment_red_flags", "odi_scores", "psfs_items", "trendelenburg_tests",
    "hip_abduction_sides", "hip_abduction_trials", "program_items", "trendelenburg_photos",
)
# What reception may see of a client: who they are and how to reach them (not the notes).
RECEPTION_CLIENT_COLUMNS = ("id", *CONTACT_FIELDS, "search_key", "version", "created_at", "updated_at")


def db_role(app_role: str) -> str:
    """The database group role for a Medius role."""
    if app_role not in APP_ROLES:
        raise ValueError(f"unknown role {app_role!r}: use one of {', '.join(APP_ROLES)}")
    return ROLE_PREFIX + app_role


def _create_role(conn: Connection, name: str, options: str) -> None:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if exists is None:
        conn.execute(text(f"CREATE ROLE {name} {options}"))


def create_roles_and_grants(conn: Connection, *, login_password: str | None = None) -> None:
    """Create (or bring up to date) the group roles, the login role and every grant.

    Runs inside the caller's transaction; safe to run again after an upgrade
    (new tables get their grants). Roles are cluster-wide in PostgreSQL; grants
    are per database.
    """
    for app_role in APP_ROLES:
        _create_role(conn, db_role(app_role), "NOLOGIN")
    _create_role(conn, LOGIN_ROLE, "LOGIN NOINHERIT")
    if login_password is not None:
        # The password never reaches a log: it is sent as a literal only inside this statement.
        quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": login_password}).scalar()
        conn.execute(text(f"ALTER ROLE {LOGIN_ROLE} PASSWORD {quoted}"))
    for app_role in APP_ROLES:
        conn.execute(text(f"GRANT {db_role(app_role)} TO {LOGIN_ROLE}"))
    # An admin's verified backups restore into a scratch database first.
    conn.execute(text(f"ALTER ROLE {db_role('admin')} CREATEDB"))
    # The owner running this takes on the admin role for backups and restores too.
    conn.execute(text(f"GRANT {db_role('admin')} TO CURRENT_USER"))
    database = conn.execute(text("SELECT current_database()")).scalar()
    conn.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC'))
    conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {LOGIN_ROLE}'))
    conn.execute(text("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC"))
    everyone = ", ".join(db_role(r) for r in APP_ROLES)
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {everyone}, {LOGIN_ROLE}"))
    conn.execute(text(f"GRANT SELECT ON alembic_version TO {everyone}, {LOGIN_ROLE}"))

    admin, clinician, reception = (db_role(r) for r in APP_ROLES)
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {admin}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {admin}, {clinician}"))

    clinical = ", ".join(("clients", "drafts", *CLINICAL_TABLES))
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {clinical} TO {clinician}"))
    # Clinicians read every table but the user list (settings, the clinician list, tables
    # added later), and write only the records above.
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {clinician}"))
    conn.execute(text(f"REVOKE ALL ON users FROM {clinician}"))
    conn.execute(text(f"GRANT SELECT ON clinic_settings TO {clinician}, {reception}"))
    conn.execute(text(f"GRANT SELECT, INSERT ON audit_events TO {clinician}"))
    conn.execute(text(f"GRANT SELECT (id, name, role, disabled) ON users TO {clinician}, {reception}"))

    columns = ", ".join(RECEPTION_CLIENT_COLUMNS)
    editable = ", ".join(c for c in RECEPTION_CLIENT_COLUMNS if c not in ("id", "created_at"))
    conn.execute(text(f"GRANT SELECT ({columns}), INSERT, UPDATE ({editable}) ON clients TO {reception}"))
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON drafts TO {reception}"))
    # Appending to the one audit chain needs the head (id, hash), nothing else.
    conn.execute(text(f"GRANT SELECT (id, hash), INSERT ON audit_events TO {reception}"))
    conn.execute(text(
        f"GRANT USAGE, SELECT ON SEQUENCE clients_id_seq, drafts_id_seq, audit_events_id_seq TO {reception}"))
    for table in CLINICAL_TABLES:
        conn.execute(text(f"REVOKE ALL ON {table} FROM {reception}"))

    # Signing in: the login role reads the user list and counts failures, nothing more.
    conn.execute(text(f"GRANT SELECT ON users TO {LOGIN_ROLE}"))
    conn.execute(text(f"GRANT UPDATE (failed_attempts, locked_until) ON users TO {LOGIN_ROLE}"))
