-- Transaction store, version 1 (SQLite file transactions/transactions.db).
CREATE TABLE transactions (
    id                       TEXT    PRIMARY KEY,
    tenant                   TEXT    NOT NULL,
    wallet_id                TEXT    NOT NULL,
    kind                     TEXT    NOT NULL,
    chain_id                 INTEGER NOT NULL,
    from_address             TEXT    NOT NULL,
    to_address               TEXT    NOT NULL,
    value                    TEXT    NOT NULL,
    data                     TEXT    NOT NULL,
    gas_limit                INTEGER NOT NULL,
    max_fee_per_gas          TEXT    NOT NULL,
    max_priority_fee_per_gas TEXT    NOT NULL,
    nonce                    INTEGER NULL,
    status                   TEXT    NOT NULL,
    hash                     TEXT    NULL,
    block_number             INTEGER NULL,
    block_hash               TEXT    NULL,
    confirmations            INTEGER NOT NULL,
    final                    INTEGER NOT NULL,
    error                    TEXT    NULL,
    created_at               TEXT    NOT NULL,
    updated_at               TEXT    NOT NULL,
    sequence                 INTEGER NOT NULL
);
CREATE INDEX ix_transactions_wallet_sequence ON transactions (wallet_id, sequence);
CREATE INDEX ix_transactions_status ON transactions (status, final);
-- A nonce is held by at most one live transaction per sender (failed ones release theirs: nonce NULL).
CREATE UNIQUE INDEX ux_transactions_nonce ON transactions (chain_id, from_address, nonce);
CREATE TABLE attempts (
    id                       TEXT    PRIMARY KEY,
    transaction_id           TEXT    NOT NULL,
    number                   INTEGER NOT NULL,
    signature_id             TEXT    NOT NULL UNIQUE,
    signing_hash             TEXT    NOT NULL,
    max_fee_per_gas          TEXT    NOT NULL,
    max_priority_fee_per_gas TEXT    NOT NULL,
    status                   TEXT    NOT NULL,
    hash                     TEXT    NULL,
    raw_transaction          TEXT    NULL,
    submitted_at             TEXT    NULL,
    last_broadcast_at        TEXT    NULL,
    next_broadcast_at        TEXT    NULL,
    broadcast_count          INTEGER NOT NULL,
    error                    TEXT    NULL,
    created_at               TEXT    NOT NULL,
    requested_at             TEXT    NOT NULL,
    UNIQUE (transaction_id, number)
);
CREATE TABLE nonces (
    chain_id   INTEGER NOT NULL,
    sender     TEXT    NOT NULL,
    next_nonce INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (chain_id, sender)
);
CREATE TABLE wallets (
    id         TEXT PRIMARY KEY,
    tenant     TEXT NOT NULL,
    address    TEXT NOT NULL,
    public_key TEXT NOT NULL
);
CREATE TABLE idempotency_keys (
    tenant         TEXT NOT NULL,
    scope          TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (tenant, scope, key)
);
CREATE TABLE audit_log (
    sequence         INTEGER PRIMARY KEY,
    tenant           TEXT NOT NULL,
    wallet_id        TEXT NOT NULL,
    transaction_id   TEXT NOT NULL,
    old_status       TEXT NULL,
    new_status       TEXT NOT NULL,
    action           TEXT NOT NULL,
    transaction_hash TEXT NULL,
    detail           TEXT NULL,
    at               TEXT NOT NULL,
    previous_hash    TEXT NOT NULL,
    entry_hash       TEXT NOT NULL
);
CREATE INDEX ix_audit_transaction ON audit_log (transaction_id, sequence);
-- Append-only: the database itself refuses edits and deletes through normal statements.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE outbox (
    id           TEXT    PRIMARY KEY,
    sequence     INTEGER NOT NULL,
    message_type TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT    NULL
);
CREATE INDEX ix_outbox_unsent ON outbox (sent_at, sequence);
