-- Coordinator store, version 7 (PostgreSQL): lifecycle operations (docs/design-lifecycle.md), e.g. a proactive refresh.
-- key_version: the wallet key version the operation produces (the engine's numbering, 0 at creation; the API shows
-- generation = key_version + 1).
-- At most one pending operation per wallet: the partial unique index refuses a second (answered 409 naming the first).
CREATE TABLE "{schema}".operations (
    id           text PRIMARY KEY,
    tenant       text NOT NULL,
    wallet_id    text NOT NULL,
    kind         text NOT NULL,
    status       text NOT NULL,
    key_version  bigint NOT NULL,
    attempts     integer NOT NULL,
    error        text NULL,
    created_at   timestamptz NOT NULL,
    completed_at timestamptz NULL,
    owner        text NULL,
    lease_until  bigint NULL,
    trace_parent text NULL
);
CREATE UNIQUE INDEX ux_operations_pending_wallet ON "{schema}".operations (wallet_id) WHERE status = 'pending';
CREATE INDEX ix_operations_status ON "{schema}".operations (status);
