-- Portcullis schema version 3 for MariaDB: identities. Every 'pc_' below is the table prefix (see V1__tables.sql).

INSERT INTO pc_schema_version (version, script) VALUES (3, 'V3__identities.sql');
