-- Coordinator store, version 8 (PostgreSQL): rollback protection for the cluster manifest (docs/design-trust.md): the
-- highest manifest version any coordinator instance on this store accepted, per cluster id; only ever raised.
CREATE TABLE "{schema}".manifest_versions (
    cluster_id text   PRIMARY KEY,
    highest    bigint NOT NULL
);
