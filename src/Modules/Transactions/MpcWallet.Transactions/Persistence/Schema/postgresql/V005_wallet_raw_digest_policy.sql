-- Transaction store, version 5 (PostgreSQL): each wallet's raw-digest policy, from the coordinator's WalletCreated (it
-- decides whether eth_signTransaction is served). Wallets known before version 5 were created before the policy
-- existed, and the coordinator lets those sign raw digests.
ALTER TABLE "{schema}".wallets ADD COLUMN allow_raw_digest boolean NOT NULL DEFAULT true;
