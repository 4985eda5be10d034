-- Portcullis schema version 7 for PostgreSQL: mailed links. A one-time code row may carry a link besides its
-- code; only the SHA-256 of the link's 256-bit token is kept, unique so that a link names one row.
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

ALTER TABLE pc_one_time_code ADD link_hash VARCHAR(64);
ALTER TABLE pc_one_time_code ADD CONSTRAINT pc_uq_one_time_code_link UNIQUE (link_hash);
INSERT INTO pc_schema_version (version, script) VALUES (7, 'V7__links.sql');
