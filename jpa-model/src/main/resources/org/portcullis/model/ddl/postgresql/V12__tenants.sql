-- Portcullis schema version 12 for PostgreSQL: tenants (contract §10). Every row of a tenant's table carries
-- the code of its tenant in tenant_id; the rows already there become the tenant 'default''s, which is the
-- single tenant of tenants.mode=none, so a database of an earlier version keeps working unchanged. The
-- unique keys a person means (e-mail, username, group name, entity, instance, identity, code handle) are
-- per tenant now. No default is left on the column: EclipseLink writes it on every insert.
-- pc_cache_change names the tenant whose rows a change touched (null: every tenant's).
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

ALTER TABLE pc_user_account ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_user_account ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_usergroup ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_usergroup ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_group_membership ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_group_membership ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_world ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_world ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_world_group ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_world_group ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_world_user ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_world_user ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_instance_permission ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_instance_permission ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_instance_group ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_instance_group ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_instance_user ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_instance_user ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_user_identity ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_user_identity ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_one_time_code ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_one_time_code ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_invitation ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_invitation ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_refresh_token ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_refresh_token ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_refresh_access ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_refresh_access ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_revoked_token ADD tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE pc_revoked_token ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE pc_user_account DROP CONSTRAINT pc_uq_user_account_email;
ALTER TABLE pc_user_account ADD CONSTRAINT pc_uq_user_account_email UNIQUE (tenant_id, email);
ALTER TABLE pc_user_account DROP CONSTRAINT pc_uq_user_account_username;
ALTER TABLE pc_user_account ADD CONSTRAINT pc_uq_user_account_username UNIQUE (tenant_id, username);
ALTER TABLE pc_usergroup DROP CONSTRAINT pc_uq_usergroup_name;
ALTER TABLE pc_usergroup ADD CONSTRAINT pc_uq_usergroup_name UNIQUE (tenant_id, name);
ALTER TABLE pc_world DROP CONSTRAINT pc_uq_world_entity_name;
ALTER TABLE pc_world ADD CONSTRAINT pc_uq_world_entity_name UNIQUE (tenant_id, entity_name);
ALTER TABLE pc_instance_permission DROP CONSTRAINT pc_uq_instance_permission;
ALTER TABLE pc_instance_permission ADD CONSTRAINT pc_uq_instance_permission UNIQUE (tenant_id, entity_name, instance_id);
ALTER TABLE pc_user_identity DROP CONSTRAINT pc_uq_user_identity;
ALTER TABLE pc_user_identity ADD CONSTRAINT pc_uq_user_identity UNIQUE (tenant_id, identity_type, identity_value);
ALTER TABLE pc_one_time_code DROP CONSTRAINT pc_uq_one_time_code;
ALTER TABLE pc_one_time_code ADD CONSTRAINT pc_uq_one_time_code UNIQUE (tenant_id, purpose, handle);
DROP INDEX pc_ix_instance_permission_owner;
CREATE INDEX pc_ix_instance_permission_owner ON pc_instance_permission (tenant_id, entity_name, owner_id);
ALTER TABLE pc_cache_change ADD tenant_id VARCHAR(64);
INSERT INTO pc_schema_version (version, script) VALUES (12, 'V12__tenants.sql');
