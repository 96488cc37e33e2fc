-- Coordinator store, version 1 (PostgreSQL schema).
CREATE TABLE "{schema}".wallets (
    id           text    PRIMARY KEY,
    tenant       text    NOT NULL,
    label        text    NOT NULL,
    threshold    integer NOT NULL,
    parties      integer NOT NULL,
    status       text    NOT NULL,
    public_key   text NULL,
    address      text NULL,
    chain_code   text NULL,
    key_version  bigint NOT NULL,
    nodes        text    NOT NULL,
    attempts     integer NOT NULL,
    error        text NULL,
    created_at   timestamptz    NOT NULL,
    sequence     bigint NOT NULL
);
CREATE INDEX ix_wallets_tenant_sequence ON "{schema}".wallets (tenant, sequence);
CREATE TABLE "{schema}".signatures (
    id              text    PRIMARY KEY,
    tenant          text    NOT NULL,
    wallet_id       text    NOT NULL,
    type            text    NOT NULL,
    status          text    NOT NULL,
    digest          text    NOT NULL,
    derivation_path text    NOT NULL,
    r               text NULL,
    s               text NULL,
    v               integer NULL,
    nodes           text    NOT NULL,
    attempts        integer NOT NULL,
    error           text NULL,
    created_at      timestamptz    NOT NULL,
    deadline_at     timestamptz    NOT NULL,
    completed_at    timestamptz    NULL
);
CREATE INDEX ix_signatures_status ON "{schema}".signatures (status);
CREATE TABLE "{schema}".idempotency_keys (
    tenant       text NOT NULL,
    operation    text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    resource_id  text NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, operation, key)
);
