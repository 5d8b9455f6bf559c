-- Programme operators, programmes, cohorts with their qualification goals and gatherings,
-- employers and the municipality reference list, employers' participation in cohorts, and
-- trainee records (a person employed as trainee by an employer in a cohort).
CREATE TABLE municipalities (
  number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  county_number TEXT NOT NULL,
  county_name TEXT NOT NULL,
  other_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX municipalities_county ON municipalities (county_number);

CREATE TABLE operators (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('national', 'regional')),
  created_at BIGINT NOT NULL
);

CREATE TABLE programmes (
  id INTEGER PRIMARY KEY,
  operator_id BIGINT NOT NULL REFERENCES operators(id),
  name TEXT NOT NULL,
  structure TEXT NOT NULL CHECK (structure IN ('national_model', 'regional_three_part')),
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX programmes_operator ON programmes (operator_id);

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  programme_id BIGINT NOT NULL REFERENCES programmes(id),
  name TEXT NOT NULL,
  signup_deadline TEXT NOT NULL,
  application_deadline TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  fee_ore BIGINT NOT NULL CHECK (fee_ore >= 0),
  created_at BIGINT NOT NULL
);
CREATE INDEX cohorts_programme ON cohorts (programme_id);

CREATE TABLE qualification_goals (
  id INTEGER PRIMARY KEY,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (cohort_id, position)
);

CREATE TABLE gatherings (
  id INTEGER PRIMARY KEY,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('gathering', 'study_trip', 'employer_seminar')),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gatherings_cohort ON gatherings (cohort_id, starts_on);

CREATE TABLE employers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('municipality', 'county_municipality', 'municipal_company',
                                     'inter_municipal_company')),
  org_number TEXT NOT NULL UNIQUE,
  municipality_number TEXT REFERENCES municipalities(number),
  address TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  invoice_contact_name TEXT NOT NULL DEFAULT '',
  invoice_contact_email TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX employers_municipality ON employers (municipality_number);

CREATE TABLE participations (
  id INTEGER PRIMARY KEY,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  employer_id BIGINT NOT NULL REFERENCES employers(id),
  trainees_wanted INTEGER NOT NULL DEFAULT 1 CHECK (trainees_wanted >= 0),
  wanted_background TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'signed_up' CHECK (status IN ('signed_up', 'confirmed', 'declined')),
  created_at BIGINT NOT NULL,
  UNIQUE (cohort_id, employer_id)
);
CREATE INDEX participations_employer ON participations (employer_id);

CREATE TABLE trainees (
  id INTEGER PRIMARY KEY,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  employer_id BIGINT NOT NULL REFERENCES employers(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  created_at BIGINT NOT NULL,
  UNIQUE (cohort_id, person_id)
);
CREATE INDEX trainees_employer ON trainees (employer_id);
CREATE INDEX trainees_person ON trainees (person_id);
