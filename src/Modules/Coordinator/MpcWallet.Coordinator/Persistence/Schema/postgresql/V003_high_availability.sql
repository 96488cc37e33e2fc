-- Coordinator store, version 3 (PostgreSQL): state that lets two coordinators share the work (high availability).
-- Ownership leases on pending requests (owner = coordinator instance id, lease_until = unix milliseconds), claims on
-- outbox rows, and sessions with their reports, so any coordinator can finish a session another one started.
ALTER TABLE "{schema}".wallets ADD COLUMN owner text NULL;
ALTER TABLE "{schema}".wallets ADD COLUMN lease_until bigint NULL;
ALTER TABLE "{schema}".signatures ADD COLUMN owner text NULL;
ALTER TABLE "{schema}".signatures ADD COLUMN lease_until bigint NULL;
ALTER TABLE "{schema}".outbox ADD COLUMN claimed_by text NULL;
ALTER TABLE "{schema}".outbox ADD COLUMN claimed_until bigint NULL;
CREATE TABLE "{schema}".sessions (
    id           text   PRIMARY KEY,
    purpose      text   NOT NULL,
    resource_id  text   NOT NULL,
    participants text   NOT NULL,
    owner        text   NOT NULL,
    started_at   bigint NOT NULL,
    expires_at   bigint NOT NULL,
    status       text   NOT NULL,
    failure      text   NULL,
    suspects     text   NOT NULL
);
CREATE INDEX ix_sessions_resource ON "{schema}".sessions (resource_id);
CREATE TABLE "{schema}".session_reports (
    session_id  text   NOT NULL,
    node        text   NOT NULL,
    payload     text   NOT NULL,
    received_at bigint NOT NULL,
    PRIMARY KEY (session_id, node)
);
