-- Node store, version 1 (SQLite). One file per node; shares are AES-256-GCM sealed, never stored in clear.
CREATE TABLE key_shares (
    wallet_id   TEXT    NOT NULL,
    key_version INTEGER NOT NULL,
    party_index INTEGER NOT NULL,
    public_key  TEXT    NOT NULL,
    chain_code  TEXT    NOT NULL,
    sealed      BLOB    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (wallet_id, key_version)
);
CREATE TABLE banned_peers (
    wallet_id  TEXT NOT NULL,
    peer_node  TEXT NOT NULL,
    check_name TEXT NOT NULL,
    session_id TEXT NOT NULL,
    banned_at  TEXT NOT NULL,
    PRIMARY KEY (wallet_id, peer_node)
);
CREATE TABLE finished_sessions (
    session_id  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    finished_at TEXT NOT NULL
);
CREATE TABLE node_settings (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
