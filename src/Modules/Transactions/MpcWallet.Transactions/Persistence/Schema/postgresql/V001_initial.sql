-- Transaction store, version 1 (PostgreSQL schema).
CREATE TABLE "{schema}".transactions (
    id                       text    PRIMARY KEY,
    tenant                   text    NOT NULL,
    wallet_id                text    NOT NULL,
    kind                     text    NOT NULL,
    chain_id                 bigint  NOT NULL,
    from_address             text    NOT NULL,
    to_address               text    NOT NULL,
    value                    text    NOT NULL,
    data                     text    NOT NULL,
    gas_limit                bigint  NOT NULL,
    max_fee_per_gas          text    NOT NULL,
    max_priority_fee_per_gas text    NOT NULL,
    nonce                    bigint  NULL,
    status                   text    NOT NULL,
    hash                     text    NULL,
    block_number             bigint  NULL,
    block_hash               text    NULL,
    confirmations            integer NOT NULL,
    final                    boolean NOT NULL,
    error                    text    NULL,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    sequence                 bigint  NOT NULL
);
CREATE INDEX ix_transactions_wallet_sequence ON "{schema}".transactions (wallet_id, sequence);
CREATE INDEX ix_transactions_status ON "{schema}".transactions (status, final);
CREATE UNIQUE INDEX ux_transactions_nonce ON "{schema}".transactions (chain_id, from_address, nonce);
CREATE TABLE "{schema}".attempts (
    id                       text    PRIMARY KEY,
    transaction_id           text    NOT NULL,
    number                   integer NOT NULL,
    signature_id             text    NOT NULL UNIQUE,
    signing_hash             text    NOT NULL,
    max_fee_per_gas          text    NOT NULL,
    max_priority_fee_per_gas text    NOT NULL,
    status                   text    NOT NULL,
    hash                     text    NULL,
    raw_transaction          text    NULL,
    submitted_at             timestamptz NULL,
    last_broadcast_at        timestamptz NULL,
    next_broadcast_at        timestamptz NULL,
    broadcast_count          integer NOT NULL,
    error                    text    NULL,
    created_at               timestamptz NOT NULL,
    requested_at             timestamptz NOT NULL,
    UNIQUE (transaction_id, number)
);
CREATE TABLE "{schema}".nonces (
    chain_id   bigint NOT NULL,
    sender     text   NOT NULL,
    next_nonce bigint NOT NULL,
    version    bigint NOT NULL,
    PRIMARY KEY (chain_id, sender)
);
CREATE TABLE "{schema}".wallets (
    id         text PRIMARY KEY,
    tenant     text NOT NULL,
    address    text NOT NULL,
    public_key text NOT NULL
);
CREATE TABLE "{schema}".idempotency_keys (
    tenant         text NOT NULL,
    scope          text NOT NULL,
    key            text NOT NULL,
    request_hash   text NOT NULL,
    transaction_id text NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant, scope, key)
);
CREATE TABLE "{schema}".audit_log (
    sequence         bigint PRIMARY KEY,
    tenant           text NOT NULL,
    wallet_id        text NOT NULL,
    transaction_id   text NOT NULL,
    old_status       text NULL,
    new_status       text NOT NULL,
    action           text NOT NULL,
    transaction_hash text NULL,
    detail           text NULL,
    at               text NOT NULL,
    previous_hash    text NOT NULL,
    entry_hash       text NOT NULL
);
CREATE INDEX ix_audit_transaction ON "{schema}".audit_log (transaction_id, sequence);
CREATE TABLE "{schema}".outbox (
    id           text   PRIMARY KEY,
    sequence     bigint NOT NULL,
    message_type text   NOT NULL,
    payload      text   NOT NULL,
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz NULL
);
CREATE INDEX ix_outbox_unsent ON "{schema}".outbox (sent_at, sequence);
