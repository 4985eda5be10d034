-- Portcullis schema version 9 for H2: the changes other nodes' caches must forget, written in the
-- transaction of each change and read by every node (cache.coordination=database); rows live a minute.
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

CREATE TABLE pc_cache_change (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, detail VARCHAR(254), kind VARCHAR(16) NOT NULL, node_id VARCHAR(36) NOT NULL, subject VARCHAR(254), PRIMARY KEY (id));
CREATE INDEX pc_ix_cache_change_created ON pc_cache_change (created_at);
INSERT INTO pc_schema_version (version, script) VALUES (9, 'V9__cache_changes.sql');
