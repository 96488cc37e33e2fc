-- Coordinator store, version 8 (SQLite): rollback protection for the cluster manifest (docs/design-trust.md): the
-- highest manifest version any coordinator instance on this store accepted, per cluster id; only ever raised.
CREATE TABLE manifest_versions (
    cluster_id TEXT    PRIMARY KEY,
    highest    INTEGER NOT NULL
);
