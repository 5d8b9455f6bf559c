-- Uploaded files and logos are stored as bytes (BLOB) instead of base64 text: a third smaller,
-- and nothing to encode or decode on every write and read. tp_unbase64 is the server's own
-- SQL function (storage/database.cpp), like PostgreSQL's decode(text, 'base64').
ALTER TABLE application_files ADD COLUMN data BLOB NOT NULL DEFAULT x'';
UPDATE application_files SET data = COALESCE(tp_unbase64(content), x'');
ALTER TABLE application_files DROP COLUMN content;
ALTER TABLE application_files RENAME COLUMN data TO content;

ALTER TABLE participation_logos ADD COLUMN data BLOB NOT NULL DEFAULT x'';
UPDATE participation_logos SET data = COALESCE(tp_unbase64(data_base64), x'');
ALTER TABLE participation_logos DROP COLUMN data_base64;
