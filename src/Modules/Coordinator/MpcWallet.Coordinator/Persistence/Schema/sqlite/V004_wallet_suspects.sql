-- Coordinator store, version 4 (SQLite): holders a participant banned after a failed protocol check, per wallet and
-- key version, kept across requests and left out of the wallet's quorums until a refresh (findings L4, H3).
CREATE TABLE wallet_suspects (
    wallet_id    TEXT    NOT NULL,
    node         TEXT    NOT NULL,
    key_version  INTEGER NOT NULL,
    reason       TEXT    NOT NULL,
    session_id   TEXT    NOT NULL,
    suspected_at INTEGER NOT NULL,
    PRIMARY KEY (wallet_id, node)
);
