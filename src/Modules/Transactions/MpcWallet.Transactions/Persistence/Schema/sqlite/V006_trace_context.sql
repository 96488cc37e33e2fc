-- Transaction store, version 6 (SQLite): the W3C traceparent of the request that caused a row, so work done for it
-- later by a background loop (an outbox publish, the receipt tracker) continues or links to that request's trace.
-- NULL for rows written before.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE transactions ADD COLUMN trace_parent TEXT NULL;
