-- Node store, version 3 (SQLite): a share's status (docs/design-lifecycle.md, "Generations"). 'pending': stored by
-- a refresh whose generation the coordinator has not switched to yet (never signs unless a signed command names it
-- after the switch; replaced by a retried refresh); 'committed': the wallet's generation in use. Shares stored before
-- version 3 came from key generation and are committed.
ALTER TABLE key_shares ADD COLUMN status TEXT NOT NULL DEFAULT 'committed';
