-- Test-only version 2, in SQL that H2, PostgreSQL and MariaDB share: a table of its own, one row.
CREATE TABLE pc_probe (step INTEGER NOT NULL);
INSERT INTO pc_probe (step) VALUES (2);
INSERT INTO pc_schema_version (version, script) VALUES (2, 'V2__probe.sql');
