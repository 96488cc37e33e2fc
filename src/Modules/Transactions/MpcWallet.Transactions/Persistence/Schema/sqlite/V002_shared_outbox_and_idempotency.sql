-- Transaction store, version 2 (SQLite): the outbox and idempotency tables take the shape every module shares
-- (MpcWallet.Infrastructure: OutboxRecord, IdempotencyRecord). Existing rows are kept.
-- Outbox: a row is keyed by the message's own id (published with it, so consumers can deduplicate); version 1 keyed
-- it by a separate row id, so each row takes its message's id from its payload. Claims let several dispatchers
-- share a store.
ALTER TABLE outbox RENAME COLUMN id TO message_id;
UPDATE outbox SET message_id = json_extract(payload, '$.MessageId') WHERE json_valid(payload) AND json_extract(payload, '$.MessageId') IS NOT NULL;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NULL;
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER NULL;
-- Idempotency keys: the scope (the wallet the key was used for) is the operation, the transaction the resource.
ALTER TABLE idempotency_keys RENAME COLUMN scope TO operation;
ALTER TABLE idempotency_keys RENAME COLUMN transaction_id TO resource_id;
