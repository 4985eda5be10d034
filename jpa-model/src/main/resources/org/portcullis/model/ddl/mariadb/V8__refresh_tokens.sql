-- Portcullis schema version 8 for MariaDB: refresh tokens, in families, and the access tokens each family
-- issued. Only the SHA-256 of a refresh token is kept. Every 'pc_' below is the table prefix (see V1__tables.sql).

CREATE TABLE pc_refresh_token (id VARCHAR(36) NOT NULL, absolute_expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL, family_created_at BIGINT NOT NULL, family_id VARCHAR(36) NOT NULL, idle_expires_at BIGINT NOT NULL, revoked_at BIGINT, rotated_at BIGINT, token_hash VARCHAR(64) NOT NULL, user_id VARCHAR(36) NOT NULL, PRIMARY KEY (id));
ALTER TABLE pc_refresh_token ADD CONSTRAINT pc_uq_refresh_token_hash UNIQUE (token_hash);
CREATE INDEX pc_ix_refresh_token_family ON pc_refresh_token (family_id);
CREATE INDEX pc_ix_refresh_token_user ON pc_refresh_token (user_id);
CREATE TABLE pc_refresh_access (jti VARCHAR(36) NOT NULL, expires_at BIGINT NOT NULL, family_id VARCHAR(36) NOT NULL, PRIMARY KEY (jti));
CREATE INDEX pc_ix_refresh_access_family ON pc_refresh_access (family_id);
INSERT INTO pc_schema_version (version, script) VALUES (8, 'V8__refresh_tokens.sql');
