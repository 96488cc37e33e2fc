-- Coordinator store, version 2 (SQLite): transactional outbox. Events are written with the state change they
-- describe and published afterwards, so a crash between the two loses nothing.
CREATE TABLE outbox (
    message_id   TEXT    PRIMARY KEY,
    message_type TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    sequence     INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT    NULL
);
CREATE INDEX ix_outbox_unsent ON outbox (sent_at, sequence);
