-- One stored copy of each uploaded file.

-- A re-posted form (a double click, two app servers) stores a file once: the same content of
-- the same kind is one file per application. Copies stored before are removed first.
DELETE FROM application_files WHERE id NOT IN
  (SELECT MIN(id) FROM application_files GROUP BY application_id, kind, sha256);
CREATE UNIQUE INDEX application_files_application_kind_sha256
  ON application_files (application_id, kind, sha256);
