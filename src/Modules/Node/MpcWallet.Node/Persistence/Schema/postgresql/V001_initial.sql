-- Node store, version 1 (PostgreSQL). One schema per node; shares are AES-256-GCM sealed, never stored in clear.
CREATE TABLE "{schema}".key_shares (
    wallet_id   text        NOT NULL,
    key_version bigint      NOT NULL,
    party_index integer     NOT NULL,
    public_key  text        NOT NULL,
    chain_code  text        NOT NULL,
    sealed      bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (wallet_id, key_version)
);
CREATE TABLE "{schema}".banned_peers (
    wallet_id  text        NOT NULL,
    peer_node  text        NOT NULL,
    check_name text        NOT NULL,
    session_id text        NOT NULL,
    banned_at  timestamptz NOT NULL,
    PRIMARY KEY (wallet_id, peer_node)
);
CREATE TABLE "{schema}".finished_sessions (
    session_id  text PRIMARY KEY,
    kind        text        NOT NULL,
    outcome     text        NOT NULL,
    finished_at timestamptz NOT NULL
);
CREATE TABLE "{schema}".node_settings (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);
