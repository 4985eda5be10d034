-- Portcullis schema version 10 for H2: invitations and anonymous users. An invitation row says who
-- invited which e-mail with what metadata until when (its code lives in pc_one_time_code, hashed); an
-- account keeps who invited it and the metadata, and an anonymous user's flag, the SHA-256 of its
-- server-issued secret and its last sign-in (for the idle clean-up).
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

CREATE TABLE pc_invitation (id VARCHAR(36) NOT NULL, accepted_by VARCHAR(36), created_at BIGINT NOT NULL, email VARCHAR(254) NOT NULL, expires_at BIGINT NOT NULL, inviter_id VARCHAR(36) NOT NULL, metadata VARCHAR(4096), status VARCHAR(16) NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_invitation_email ON pc_invitation (email);
CREATE INDEX pc_ix_invitation_inviter ON pc_invitation (inviter_id);
ALTER TABLE pc_user_account ADD anonymous BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE pc_user_account ADD secret_hash VARCHAR(64);
ALTER TABLE pc_user_account ADD last_signin_at BIGINT;
ALTER TABLE pc_user_account ADD invited_by VARCHAR(36);
ALTER TABLE pc_user_account ADD invitation_metadata VARCHAR(4096);
INSERT INTO pc_schema_version (version, script) VALUES (10, 'V10__invitations.sql');
