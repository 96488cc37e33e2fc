-- Coordinator store, version 4 (PostgreSQL): holders a participant banned after a failed protocol check, per wallet
-- and key version, kept across requests and left out of the wallet's quorums until a refresh (findings L4, H3).
CREATE TABLE "{schema}".wallet_suspects (
    wallet_id    text   NOT NULL,
    node         text   NOT NULL,
    key_version  bigint NOT NULL,
    reason       text   NOT NULL,
    session_id   text   NOT NULL,
    suspected_at bigint NOT NULL,
    PRIMARY KEY (wallet_id, node)
);
