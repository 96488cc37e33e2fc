-- Coordinator store, version 7 (SQLite): lifecycle operations (docs/design-lifecycle.md), e.g. a proactive refresh.
-- key_version: the wallet key version the operation produces (the engine's numbering, 0 at creation; the API shows
-- generation = key_version + 1).
-- At most one pending operation per wallet: the partial unique index refuses a second (answered 409 naming the first).
CREATE TABLE operations (
    id           TEXT PRIMARY KEY,
    tenant       TEXT NOT NULL,
    wallet_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    key_version  INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    error        TEXT NULL,
    created_at   TEXT NOT NULL,
    completed_at TEXT NULL,
    owner        TEXT NULL,
    lease_until  INTEGER NULL,
    trace_parent TEXT NULL
);
CREATE UNIQUE INDEX ux_operations_pending_wallet ON operations (wallet_id) WHERE status = 'pending';
CREATE INDEX ix_operations_status ON operations (status);
