-- Transaction store, version 2 (PostgreSQL): the outbox and idempotency tables take the shape every module shares
-- (MpcWallet.Infrastructure: OutboxRecord, IdempotencyRecord). Existing rows are kept.
-- Outbox: a row is keyed by the message's own id (published with it, so consumers can deduplicate); version 1 keyed
-- it by a separate row id, so each row takes its message's id from its payload. Claims let several dispatchers
-- share a store.
ALTER TABLE "{schema}".outbox RENAME COLUMN id TO message_id;
UPDATE "{schema}".outbox SET message_id = payload::jsonb ->> 'MessageId' WHERE payload::jsonb ->> 'MessageId' IS NOT NULL;
ALTER TABLE "{schema}".outbox ADD COLUMN claimed_by text NULL;
ALTER TABLE "{schema}".outbox ADD COLUMN claimed_until bigint NULL;
-- Idempotency keys: the scope (the wallet the key was used for) is the operation, the transaction the resource.
ALTER TABLE "{schema}".idempotency_keys RENAME COLUMN scope TO operation;
ALTER TABLE "{schema}".idempotency_keys RENAME COLUMN transaction_id TO resource_id;
