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

-- What the coordinator states for invoicing: the organisation number to invoice, the buyer
-- reference the municipality demands on its invoices and the pattern it must follow (see
-- domain/programmes/signup.h), and the operator's reason when it declines a sign-up.
ALTER TABLE participations ADD COLUMN invoice_org_number TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN buyer_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN buyer_reference_pattern TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

-- The employer's logo for the advert (PNG, JPEG or WebP, at most 2 MB), base64 text so both
-- databases read it the same way through SOCI.
CREATE TABLE participation_logos (
  participation_id BIGINT PRIMARY KEY REFERENCES participations(id) ON DELETE CASCADE,
  content_type TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
