-- Portcullis schema version 8 for H2: a placeholder on the invitations branch only. Version 8 belongs to
-- the refresh tokens being built in parallel; this file holds the number so that version 9 follows
-- without a gap, and is replaced by theirs when the branches meet. It changes nothing.
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

INSERT INTO pc_schema_version (version, script) VALUES (8, 'V8__reserved.sql');
