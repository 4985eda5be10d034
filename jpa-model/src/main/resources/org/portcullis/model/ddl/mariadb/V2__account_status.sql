-- Portcullis schema version 2 for MariaDB: the account's status lifecycle and flags. Every 'pc_' below is
-- the table prefix (see V1__tables.sql). Wave 1's DISABLED is now INACTIVE.

ALTER TABLE pc_user_account MODIFY status VARCHAR(24) NOT NULL;
UPDATE pc_user_account SET status = 'INACTIVE' WHERE status = 'DISABLED';
ALTER TABLE pc_user_account ADD locked TINYINT(1) DEFAULT 0 NOT NULL;
ALTER TABLE pc_user_account ADD api_access TINYINT(1) DEFAULT 1 NOT NULL;
ALTER TABLE pc_user_account ADD bo_access TINYINT(1) DEFAULT 0 NOT NULL;
ALTER TABLE pc_user_account ADD deleted_at BIGINT;
INSERT INTO pc_schema_version (version, script) VALUES (2, 'V2__account_status.sql');
