-- The applicant pool released to the employers: release time, tags, each employer's assessment
-- of candidates (priority, notes, interview status) and offers of employment.
ALTER TABLE cohorts ADD COLUMN pool_released_at BIGINT;

-- Free-text tags the operator puts on applications.
CREATE TABLE application_tags (
  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (application_id, tag)
);
CREATE INDEX application_tags_tag ON application_tags (tag);

-- Lookups of likely duplicates (same birth date or phone in a cohort).
CREATE INDEX applications_cohort_birth ON applications (cohort_id, birth_date);
CREATE INDEX applications_cohort_phone ON applications (cohort_id, phone);
-- Covers the education filters and the employer's fit ordering of the pool without reading the
-- education rows.
CREATE INDEX application_education_pool ON application_education (application_id, degree, background_id, year);
-- Narrow copies of what the lists filter and sort on, so that neither the full-text matches
-- (probed by id) nor a whole cohort sorted by name read the wide application rows.
CREATE INDEX applications_id_cohort_status_names
  ON applications (id, cohort_id, status, qualification, family_name, given_name);
CREATE INDEX applications_cohort_status_names
  ON applications (cohort_id, status, qualification, family_name, given_name);
-- The operator's list in its default order (by name): a page is read in index order and stops
-- after its rows, instead of sorting every full-text match.
CREATE INDEX applications_cohort_sort_names
  ON applications (cohort_id, LOWER(family_name), LOWER(given_name), id);

-- One employer's view of one candidate: its own priority (1 = first; NULL = not prioritised),
-- note and interview status. Never shown to other employers.
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  priority INTEGER,
  note TEXT NOT NULL DEFAULT '',
  interview TEXT NOT NULL DEFAULT 'none'
    CHECK (interview IN ('none', 'invited', 'interviewed', 'rejected')),
  updated_at BIGINT NOT NULL,
  UNIQUE (participation_id, application_id)
);
CREATE INDEX assessments_application ON assessments (application_id);

-- Offers of employment from a participating employer to an applicant.
CREATE TABLE offers (
  id INTEGER PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
  employment TEXT NOT NULL CHECK (employment IN ('permanent', 'temporary')),
  probation_months INTEGER NOT NULL DEFAULT 6 CHECK (probation_months BETWEEN 0 AND 6),
  starts_on TEXT NOT NULL,
  salary_chapter TEXT NOT NULL DEFAULT 'HTA kap. 5',
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'accepted', 'declined', 'closed', 'withdrawn')),
  created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE INDEX offers_application ON offers (application_id, status);
CREATE INDEX offers_participation ON offers (participation_id);
