-- Transaction store, version 3 (SQLite): what a transaction is beyond its on-chain fields, and what each attempt is.
-- details: the kind's view as JSON (an ERC-20 transfer's token, symbol, decimals, recipient and amount; a contract
-- call's function and arguments), NULL for plain transfers and nonce fillers.
ALTER TABLE transactions ADD COLUMN details TEXT NULL;
-- kind: original, bump (automatic replacement), speedup or cancel (requested through the API, or the expiry of a
-- transaction pending too long). cancels: the attempt is the 0-value self-transfer that takes the nonce instead.
ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'original';
ALTER TABLE attempts ADD COLUMN cancels INTEGER NOT NULL DEFAULT 0;
-- Attempts after the first were automatic replacements before version 3.
UPDATE attempts SET kind = 'bump' WHERE number > 1;
