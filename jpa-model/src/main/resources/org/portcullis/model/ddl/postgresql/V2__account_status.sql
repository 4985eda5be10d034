-- Portcullis schema version 2 for PostgreSQL: the account's status lifecycle and flags. Every 'pc_' below
-- is the table prefix (see V1__tables.sql). Wave 1's DISABLED is now INACTIVE.

ALTER TABLE pc_user_account ALTER COLUMN status TYPE VARCHAR(24);
UPDATE pc_user_account SET status = 'INACTIVE' WHERE status = 'DISABLED';
ALTER TABLE pc_user_account ADD locked BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE pc_user_account ADD api_access BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE pc_user_account ADD bo_access BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE pc_user_account ADD deleted_at BIGINT;
INSERT INTO pc_schema_version (version, script) VALUES (2, 'V2__account_status.sql');
