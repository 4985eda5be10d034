-- Portcullis schema version 5 for MariaDB: named users. Every 'pc_' below is the table prefix (see V1__tables.sql).

INSERT INTO pc_schema_version (version, script) VALUES (5, 'V5__named_users.sql');
