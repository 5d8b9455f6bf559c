-- Employer sign-up for a cohort: the list of professional backgrounds an operator keeps, the
-- backgrounds each participating employer wants, and the sign-up details shown in the advert and
-- used on invoices.
CREATE TABLE backgrounds (
  id INTEGER PRIMARY KEY,
  operator_id BIGINT NOT NULL REFERENCES operators(id),
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at BIGINT NOT NULL,
  UNIQUE (operator_id, name)
);

CREATE TABLE participation_backgrounds (
  participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
  background_id BIGINT NOT NULL REFERENCES backgrounds(id),
  PRIMARY KEY (participation_id, background_id)
);
CREATE INDEX participation_backgrounds_background ON participation_backgrounds (background_id);

ALTER TABLE participations ADD COLUMN presentation TEXT NOT NULL DEFAULT '';
