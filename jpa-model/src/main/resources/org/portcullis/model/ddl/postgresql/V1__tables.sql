-- Portcullis schema version 1 for PostgreSQL: the tables. Every 'pc_' below is the table prefix:
-- replace it with the filter's table.prefix when that is not pc_. Times are epoch milliseconds.
-- For hosts that set schema=none: run the scripts of this directory in the order of their numbers,
-- each once; each records itself in pc_schema_version. Kept in step with the JPA entities by
-- SchemaScriptsTest.

CREATE TABLE pc_user_account (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, email VARCHAR(254) NOT NULL, name VARCHAR(200) NOT NULL, password_hash VARCHAR(100), status VARCHAR(16) NOT NULL, tokens_valid_after BIGINT, updated_at BIGINT NOT NULL, PRIMARY KEY (id));
CREATE TABLE pc_usergroup (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, name VARCHAR(200) NOT NULL, owner_id VARCHAR(36), PRIMARY KEY (id));
CREATE TABLE pc_group_membership (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, group_id VARCHAR(36) NOT NULL, user_id VARCHAR(36) NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_group_membership_group ON pc_group_membership (group_id);
CREATE TABLE pc_world (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, default_permission INTEGER NOT NULL, entity_name VARCHAR(100) NOT NULL, owner_id VARCHAR(36), permission INTEGER NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (id));
CREATE TABLE pc_world_group (id VARCHAR(36) NOT NULL, group_id VARCHAR(36) NOT NULL, permission INTEGER NOT NULL, world_id VARCHAR(36) NOT NULL, PRIMARY KEY (id));
CREATE TABLE pc_instance_permission (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, entity_name VARCHAR(100) NOT NULL, instance_id VARCHAR(64) NOT NULL, owner_id VARCHAR(36), permission INTEGER NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_instance_permission_owner ON pc_instance_permission (entity_name, owner_id);
CREATE TABLE pc_instance_group (id VARCHAR(36) NOT NULL, group_id VARCHAR(36) NOT NULL, instance_permission_id VARCHAR(36) NOT NULL, permission INTEGER NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_instance_group_group ON pc_instance_group (group_id);
CREATE TABLE pc_revoked_token (jti VARCHAR(36) NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (jti));
CREATE INDEX pc_ix_revoked_token_expires ON pc_revoked_token (expires_at);
CREATE TABLE pc_setting (name VARCHAR(100) NOT NULL, setting_value VARCHAR(1000) NOT NULL, PRIMARY KEY (name));
ALTER TABLE pc_user_account ADD CONSTRAINT pc_uq_user_account_email UNIQUE (email);
ALTER TABLE pc_usergroup ADD CONSTRAINT pc_uq_usergroup_name UNIQUE (name);
ALTER TABLE pc_group_membership ADD CONSTRAINT pc_uq_group_membership UNIQUE (user_id, group_id);
ALTER TABLE pc_world ADD CONSTRAINT pc_uq_world_entity_name UNIQUE (entity_name);
ALTER TABLE pc_world_group ADD CONSTRAINT pc_uq_world_group UNIQUE (world_id, group_id);
ALTER TABLE pc_instance_permission ADD CONSTRAINT pc_uq_instance_permission UNIQUE (entity_name, instance_id);
ALTER TABLE pc_instance_group ADD CONSTRAINT pc_uq_instance_group UNIQUE (instance_permission_id, group_id);
INSERT INTO pc_schema_version (version, script) VALUES (1, 'V1__tables.sql');
