-- Portcullis schema version 4 for H2: first and last names and the declared profile fields (one JSON
-- object). Every 'pc_' below is the table prefix (see V1__tables.sql).

ALTER TABLE pc_user_account ADD first_name VARCHAR(100);
ALTER TABLE pc_user_account ADD last_name VARCHAR(100);
ALTER TABLE pc_user_account ADD profile VARCHAR(4000);
INSERT INTO pc_schema_version (version, script) VALUES (4, 'V4__profile.sql');
