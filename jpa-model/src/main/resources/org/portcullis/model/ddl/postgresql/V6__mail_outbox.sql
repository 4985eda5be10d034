-- Portcullis schema version 6 for PostgreSQL: the mail outbox. A mail is written in the transaction of the change
-- it tells of and deleted once sent or given up; claimed_by/claimed_until is a sending node's lease.
-- Every 'pc_' below is the table prefix (see V1__tables.sql).

CREATE TABLE pc_mail_outbox (id VARCHAR(36) NOT NULL, attempts INTEGER NOT NULL, claimed_by VARCHAR(36), claimed_until BIGINT, created_at BIGINT NOT NULL, html_body VARCHAR(8000), last_error VARCHAR(200), next_attempt_at BIGINT NOT NULL, recipient VARCHAR(254) NOT NULL, subject VARCHAR(200) NOT NULL, template VARCHAR(64) NOT NULL, text_body VARCHAR(4000) NOT NULL, PRIMARY KEY (id));
CREATE INDEX pc_ix_mail_outbox_due ON pc_mail_outbox (next_attempt_at);
INSERT INTO pc_schema_version (version, script) VALUES (6, 'V6__mail_outbox.sql');
