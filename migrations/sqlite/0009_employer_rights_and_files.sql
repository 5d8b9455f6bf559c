-- Who may edit an employer, the log of its changes, and one stored copy of each uploaded file.

-- The operator whose staff created the employer; NULL when a system admin or a tool did.
-- Existing employers get the operator of the cohort they were first signed up for.
ALTER TABLE employers ADD COLUMN created_by_operator_id BIGINT REFERENCES operators(id);
UPDATE employers SET created_by_operator_id = (
  SELECT pr.operator_id FROM participations pa JOIN cohorts c ON c.id = pa.cohort_id
    JOIN programmes pr ON pr.id = c.programme_id
  WHERE pa.employer_id = employers.id ORDER BY pa.created_at, pa.id LIMIT 1);
CREATE INDEX employers_created_by_operator ON employers (created_by_operator_id);

-- One row per changed field of an employer: who, when, the old and the new value. The name is
-- kept so the log still says who when the account is deleted.
CREATE TABLE employer_changes (
  id INTEGER PRIMARY KEY,
  employer_id BIGINT NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
  changed_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
  changed_by_name TEXT NOT NULL,
  changed_at BIGINT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX employer_changes_employer ON employer_changes (employer_id, changed_at, id);

-- A re-posted form (a double click, two app servers) stores a file once: the same content of
-- the same kind is one file per application. Copies stored before are removed first.
DELETE FROM application_files WHERE id NOT IN
  (SELECT MIN(id) FROM application_files GROUP BY application_id, kind, sha256);
CREATE UNIQUE INDEX application_files_application_kind_sha256
  ON application_files (application_id, kind, sha256);
