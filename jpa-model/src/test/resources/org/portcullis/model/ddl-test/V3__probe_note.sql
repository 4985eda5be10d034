-- Test-only version 3: fails unless version 2 ran before it; one row more.
ALTER TABLE pc_probe ADD note VARCHAR(20);
INSERT INTO pc_probe (step, note) VALUES (3, 'after 2');
INSERT INTO pc_schema_version (version, script) VALUES (3, 'V3__probe_note.sql');
