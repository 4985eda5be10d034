-- Portcullis schema version 3 for H2: usernames, identities and one-time codes. Every 'pc_' below is
-- the table prefix (see V1__tables.sql).
-- Each existing account gets the identity row of its e-mail, primary and not verified: wave 1 never
-- verified an address. A primary e-mail signs in whether or not it is verified, so nobody is locked out.

ALTER TABLE pc_user_account ADD username VARCHAR(32);
ALTER TABLE pc_user_account ADD CONSTRAINT pc_uq_user_account_username UNIQUE (username);
CREATE TABLE pc_user_identity (id VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, identity_type VARCHAR(16) NOT NULL, identity_value VARCHAR(254) NOT NULL, is_primary BOOLEAN NOT NULL, provider VARCHAR(200), user_id VARCHAR(36) NOT NULL, verified_at BIGINT, PRIMARY KEY (id));
CREATE INDEX pc_ix_user_identity_user ON pc_user_identity (user_id);
ALTER TABLE pc_user_identity ADD CONSTRAINT pc_uq_user_identity UNIQUE (identity_type, identity_value);
CREATE TABLE pc_one_time_code (id VARCHAR(36) NOT NULL, attempts INTEGER NOT NULL, code_hmac VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, handle VARCHAR(254) NOT NULL, purpose VARCHAR(32) NOT NULL, used_at BIGINT, user_id VARCHAR(36), PRIMARY KEY (id));
ALTER TABLE pc_one_time_code ADD CONSTRAINT pc_uq_one_time_code UNIQUE (purpose, handle);
INSERT INTO pc_user_identity (id, created_at, identity_type, identity_value, is_primary, provider, user_id, verified_at) SELECT CAST(RANDOM_UUID() AS VARCHAR(36)), created_at, 'EMAIL', email, TRUE, NULL, id, NULL FROM pc_user_account;
INSERT INTO pc_schema_version (version, script) VALUES (3, 'V3__identities.sql');
