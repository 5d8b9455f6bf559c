-- The applicant pool released to the employers: release time, tags, each employer's assessment
-- of candidates (priority, notes, interview status) and offers of employment.
ALTER TABLE cohorts ADD COLUMN pool_released_at BIGINT;
