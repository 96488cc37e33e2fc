-- Coordinator store, version 5 (SQLite): what each signature signs, and each wallet's raw-digest policy
-- (docs/design-trust.md, "Commands a node can check").
-- allow_raw_digest: fixed at creation and sent in the key-generation command. Wallets created before version 5
-- signed raw digests (the only way then), so they keep allowing them; new wallets set it explicitly (default false).
ALTER TABLE wallets ADD COLUMN allow_raw_digest INTEGER NOT NULL DEFAULT 1;
-- pre_image: 0x-hex of the unsigned transaction or the personal message, the typed data's JSON text, or '' for a raw
-- digest (the digest itself). Signatures accepted before version 5 have '' and are signed as raw digests.
ALTER TABLE signatures ADD COLUMN pre_image TEXT NOT NULL DEFAULT '';
