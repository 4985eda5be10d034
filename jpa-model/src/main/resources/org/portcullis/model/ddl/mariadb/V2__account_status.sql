-- Portcullis schema version 2 for MariaDB: account status. Every 'pc_' below is the table prefix (see V1__tables.sql).

INSERT INTO pc_schema_version (version, script) VALUES (2, 'V2__account_status.sql');
