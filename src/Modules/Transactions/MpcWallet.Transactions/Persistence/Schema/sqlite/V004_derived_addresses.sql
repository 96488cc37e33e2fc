-- Transaction store, version 4 (SQLite): derived (BIP32, non-hardened) sender addresses.
-- wallets.chain_code: the root chain code from WalletCreated (NULL for wallets announced before it was published:
-- they send from their root address only). transactions.derivation_path: "m/0/7" when the transaction is sent from
-- the child key at that path (its from_address is that child's address, with its own nonces), NULL for the root.
ALTER TABLE wallets ADD COLUMN chain_code TEXT NULL;
ALTER TABLE transactions ADD COLUMN derivation_path TEXT NULL;
