-- Coordinator store, version 6 (SQLite): the W3C traceparent of the request that caused a row, so the work a background
-- loop does for it later (a key generation or signing run, an outbox publish) continues that request's trace.
-- NULL for rows written before (their work starts a trace of its own).
ALTER TABLE wallets ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE signatures ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE outbox ADD COLUMN trace_parent TEXT NULL;
