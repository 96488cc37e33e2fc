-- Node store, version 2 (SQLite): the wallet's signing policy, fixed at key generation, stored with each share and
-- bound into the share's seal (docs/design-trust.md, "Commands a node can check"). NULL: a share stored before
-- version 2, sealed without a policy; its wallet allows raw digests, as every wallet did then.
ALTER TABLE key_shares ADD COLUMN allow_raw_digest INTEGER NULL;
