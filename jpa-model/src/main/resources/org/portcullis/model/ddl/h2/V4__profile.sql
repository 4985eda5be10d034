-- Portcullis schema version 4 for H2: profile. Every 'pc_' below is the table prefix (see V1__tables.sql).

INSERT INTO pc_schema_version (version, script) VALUES (4, 'V4__profile.sql');
