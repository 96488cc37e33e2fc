-- Coordinator store, version 2 (PostgreSQL): transactional outbox. Events are written with the state change they
-- describe and published afterwards, so a crash between the two loses nothing.
CREATE TABLE "{schema}".outbox (
    message_id   text        PRIMARY KEY,
    message_type text        NOT NULL,
    payload      text        NOT NULL,
    sequence     bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz NULL
);
CREATE INDEX ix_outbox_unsent ON "{schema}".outbox (sent_at, sequence);
