-- Keeping applicants' personal data no longer than needed: when hiring closes and how long
-- applications that led to no hire are kept after that, and a log of deletions.
ALTER TABLE cohorts ADD COLUMN hiring_closes_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cohorts ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 6;
