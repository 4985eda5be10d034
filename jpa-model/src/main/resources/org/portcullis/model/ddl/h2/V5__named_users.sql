-- Portcullis schema version 5 for H2: named-user entries (POSIX ACL "named user"), one tier's seven bits
-- (Peek = 1 ... Refer = 64) for one user on a world row or an instance.
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

CREATE TABLE pc_world_user (id VARCHAR(36) NOT NULL, permission INTEGER NOT NULL, user_id VARCHAR(36) NOT NULL, world_id VARCHAR(36) NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_world_user_user ON pc_world_user (user_id);
CREATE TABLE pc_instance_user (id VARCHAR(36) NOT NULL, instance_permission_id VARCHAR(36) NOT NULL, permission INTEGER NOT NULL, user_id VARCHAR(36) NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_instance_user_user ON pc_instance_user (user_id);
ALTER TABLE pc_world_user ADD CONSTRAINT pc_uq_world_user UNIQUE (world_id, user_id);
ALTER TABLE pc_instance_user ADD CONSTRAINT pc_uq_instance_user UNIQUE (instance_permission_id, user_id);
INSERT INTO pc_schema_version (version, script) VALUES (5, 'V5__named_users.sql');
