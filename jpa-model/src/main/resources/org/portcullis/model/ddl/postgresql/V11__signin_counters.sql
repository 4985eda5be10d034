-- Portcullis schema version 11 for PostgreSQL: the sign-in throttle's counters, shared by every node
-- (signin.throttle.store=database). A row is keyed by the SHA-256 of its kind and what it counts (no e-mail
-- or address is stored); rows past expires_at count as absent and are deleted by any node.
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

CREATE TABLE pc_signin_counter (key_hash VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL, failures INTEGER NOT NULL, marked_at BIGINT NOT NULL, PRIMARY KEY (key_hash));
CREATE INDEX pc_ix_signin_counter_expires ON pc_signin_counter (expires_at);
INSERT INTO pc_schema_version (version, script) VALUES (11, 'V11__signin_counters.sql');
