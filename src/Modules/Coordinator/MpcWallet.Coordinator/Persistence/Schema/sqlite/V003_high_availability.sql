-- Coordinator store, version 3 (SQLite): state that lets two coordinators share the work (high availability).
-- Ownership leases on pending requests (owner = coordinator instance id, lease_until = unix milliseconds), claims on
-- outbox rows, and sessions with their reports, so any coordinator can finish a session another one started.
ALTER TABLE wallets ADD COLUMN owner TEXT NULL;
ALTER TABLE wallets ADD COLUMN lease_until INTEGER NULL;
ALTER TABLE signatures ADD COLUMN owner TEXT NULL;
ALTER TABLE signatures ADD COLUMN lease_until INTEGER NULL;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NULL;
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER NULL;
CREATE TABLE sessions (
    id           TEXT    PRIMARY KEY,
    purpose      TEXT    NOT NULL,
    resource_id  TEXT    NOT NULL,
    participants TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    failure      TEXT    NULL,
    suspects     TEXT    NOT NULL
);
CREATE INDEX ix_sessions_resource ON sessions (resource_id);
CREATE TABLE session_reports (
    session_id  TEXT    NOT NULL,
    node        TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, node)
);
