-- Keeping applicants' personal data no longer than needed: when hiring closes and how long
-- applications that led to no hire are kept after that, and a log of deletions.
ALTER TABLE cohorts ADD COLUMN hiring_closes_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cohorts ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 6;

-- One row per application deleted by the retention job: ids and counts only, no personal data.
CREATE TABLE retention_log (
  id INTEGER PRIMARY KEY,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  application_id BIGINT NOT NULL,
  deleted_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  due_on TEXT NOT NULL,
  education_count INTEGER NOT NULL DEFAULT 0,
  preference_count INTEGER NOT NULL DEFAULT 0,
  file_count INTEGER NOT NULL DEFAULT 0,
  file_bytes BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX retention_log_cohort ON retention_log (cohort_id, deleted_at);
