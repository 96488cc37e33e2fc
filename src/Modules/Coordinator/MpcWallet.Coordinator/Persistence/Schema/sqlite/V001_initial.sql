-- Coordinator store, version 1 (SQLite file coordinator/coordinator.db).
CREATE TABLE wallets (
    id           TEXT    PRIMARY KEY,
    tenant       TEXT    NOT NULL,
    label        TEXT    NOT NULL,
    threshold    INTEGER NOT NULL,
    parties      INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    public_key   TEXT    NULL,
    address      TEXT    NULL,
    chain_code   TEXT    NULL,
    key_version  INTEGER NOT NULL,
    nodes        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL,
    error        TEXT    NULL,
    created_at   TEXT    NOT NULL,
    sequence     INTEGER NOT NULL
);
CREATE INDEX ix_wallets_tenant_sequence ON wallets (tenant, sequence);
CREATE TABLE signatures (
    id              TEXT    PRIMARY KEY,
    tenant          TEXT    NOT NULL,
    wallet_id       TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    digest          TEXT    NOT NULL,
    derivation_path TEXT    NOT NULL,
    r               TEXT    NULL,
    s               TEXT    NULL,
    v               INTEGER NULL,
    nodes           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    error           TEXT    NULL,
    created_at      TEXT    NOT NULL,
    deadline_at     TEXT    NOT NULL,
    completed_at    TEXT    NULL
);
CREATE INDEX ix_signatures_status ON signatures (status);
CREATE TABLE idempotency_keys (
    tenant       TEXT NOT NULL,
    operation    TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (tenant, operation, key)
);
