-- Portcullis schema version 0 for PostgreSQL: the table that records which versions the database has.
-- Every 'pc_' below is the table prefix: replace it with the filter's table.prefix when that is not pc_.
-- Run first, on a new database and on one whose tables were made before versions (then record
-- version 1 as 'baseline' instead of running V1, see docs/operations.md). Portcullis locks the row of
-- version 0 while it migrates, so that two nodes never apply one version twice; no script changes
-- this table's structure.

CREATE TABLE pc_schema_version (version INTEGER NOT NULL, script VARCHAR(200) NOT NULL, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (version));
INSERT INTO pc_schema_version (version, script) VALUES (0, 'V0__schema_version.sql');
