-- Applications to a cohort: one per applicant and cohort, with education entries, the ordered
-- list of employers the applicant would like to work for, and uploaded PDF files.
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'withdrawn')),
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
  address TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  municipality_number TEXT REFERENCES municipalities(number),
  occupation TEXT NOT NULL DEFAULT '',
  experience TEXT NOT NULL DEFAULT '',
  motivation TEXT NOT NULL DEFAULT '',
  public_list_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (public_list_opt_out IN (0, 1)),
  opt_out_reason TEXT NOT NULL DEFAULT '',
  opt_out_decision TEXT NOT NULL DEFAULT '' CHECK (opt_out_decision IN ('', 'granted', 'refused')),
  qualification TEXT NOT NULL DEFAULT 'unassessed'
    CHECK (qualification IN ('unassessed', 'qualified', 'not_qualified')),
  qualification_reason TEXT NOT NULL DEFAULT '',
  -- Names, education, experience and motivation in one text, rewritten on every save; the
  -- full-text index covers it.
  search_text TEXT NOT NULL DEFAULT '',
  -- The filterable facts as words for the full-text index (SQLite only; kept by the triggers
  -- below, never written by the application): see application_search_facets.
  search_facets TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  sent_at BIGINT,
  withdrawn_at BIGINT,
  UNIQUE (cohort_id, person_id)
);
CREATE INDEX applications_cohort_status ON applications (cohort_id, status);
CREATE INDEX applications_person ON applications (person_id);

CREATE TABLE application_education (
  id INTEGER PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  degree TEXT NOT NULL CHECK (degree IN ('bachelor', 'master', 'phd', 'vocational', 'other')),
  background_id BIGINT REFERENCES backgrounds(id),
  field TEXT NOT NULL DEFAULT '',
  institution TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  UNIQUE (application_id, position)
);
CREATE INDEX application_education_background ON application_education (background_id);

CREATE TABLE application_preferences (
  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
  PRIMARY KEY (application_id, position),
  UNIQUE (application_id, participation_id)
);
CREATE INDEX application_preferences_participation ON application_preferences (participation_id);

CREATE TABLE application_files (
  id INTEGER PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('cv', 'diploma', 'other')),
  filename TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  -- The PDF as standard base64 (RFC 4648, with padding) in TEXT on both databases: SOCI binds
  -- text portably, while BLOB/BYTEA would need backend-specific binding and escaping.
  content TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX application_files_application ON application_files (application_id);

-- Pending applicant sign-ups: the person row is created only when the e-mailed link is used
-- (within 24 hours). Only the hash of the link's token is stored.
CREATE TABLE applicant_registrations (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'nb',
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX applicant_registrations_email ON applicant_registrations (email);

-- Full-text search over the applicant's words (search_text) and the filterable facts
-- (search_facets), so that a search with filters is answered, and counted, by the index alone.
-- External content: the index holds no second copy. Invariant: the index holds each row's
-- current (search_text, search_facets), so a 'delete' always passes the indexed values.
CREATE VIRTUAL TABLE applications_fts USING fts5(
  search_text, search_facets, content='applications', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');

-- The facts an operator or employer filters on, one word each: cohort (xc12), status (xssent),
-- qualification (xqnotqualified), county (xm46), and per education degree (xdmaster), year
-- (xy2019) and background (xb3), and per preferred participation (xp7).
CREATE VIEW application_search_facets (id, facets) AS
SELECT a.id,
       'xc' || a.cohort_id || ' xs' || a.status || ' xq' || REPLACE(a.qualification, '_', '')
       || COALESCE((SELECT ' xm' || m.county_number FROM municipalities m
                    WHERE m.number = a.municipality_number), '')
       || COALESCE((SELECT GROUP_CONCAT(' xd' || e.degree || ' xy' || e.year
                                        || COALESCE(' xb' || e.background_id, ''), '')
                    FROM application_education e WHERE e.application_id = a.id), '')
       || COALESCE((SELECT GROUP_CONCAT(' xp' || p.participation_id, '')
                    FROM application_preferences p WHERE p.application_id = a.id), '')
FROM applications a;

-- Recursive triggers are off (SQLite's default), so the UPDATE of search_facets inside these
-- triggers fires no trigger; each trigger re-indexes the row itself.
CREATE TRIGGER applications_search_insert AFTER INSERT ON applications BEGIN
  UPDATE applications SET search_facets =
    (SELECT facets FROM application_search_facets WHERE id = new.id) WHERE id = new.id;
  INSERT INTO applications_fts (rowid, search_text, search_facets)
    SELECT id, search_text, search_facets FROM applications WHERE id = new.id;
END;
CREATE TRIGGER applications_search_delete AFTER DELETE ON applications BEGIN
  INSERT INTO applications_fts (applications_fts, rowid, search_text, search_facets)
    VALUES ('delete', old.id, old.search_text, old.search_facets);
END;
CREATE TRIGGER applications_search_update
AFTER UPDATE OF cohort_id, status, qualification, municipality_number, search_text
ON applications BEGIN
  INSERT INTO applications_fts (applications_fts, rowid, search_text, search_facets)
    VALUES ('delete', old.id, old.search_text, old.search_facets);
  UPDATE applications SET search_facets =
    (SELECT facets FROM application_search_facets WHERE id = new.id) WHERE id = new.id;
  INSERT INTO applications_fts (rowid, search_text, search_facets)
    SELECT id, search_text, search_facets FROM applications WHERE id = new.id;
END;
-- Education and preferences are replaced on every save, before the row's UPDATE whose trigger
-- then recomputes the facets once (ApplicationRepository::Update); these triggers follow every
-- deletion of them, also by cascade (a participation removed). Naming search_text in an UPDATE
-- fires applications_search_update, which recomputes the facets and re-indexes the row.
CREATE TRIGGER application_education_search_delete AFTER DELETE ON application_education BEGIN
  UPDATE applications SET search_text = search_text WHERE id = old.application_id;
END;
CREATE TRIGGER application_preferences_search_delete AFTER DELETE ON application_preferences BEGIN
  UPDATE applications SET search_text = search_text WHERE id = old.application_id;
END;
