-- Login throttling that does not lock out the owner: browsers that logged in to an account
-- carry a device cookie (stored here only as a hash) that exempts them from the throttle for
-- that account. Sessions of a person whose roles changed are rotated on their next use.
CREATE TABLE login_devices (
  id INTEGER PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL
);
CREATE INDEX login_devices_person ON login_devices (person_id);

ALTER TABLE sessions ADD COLUMN rotate INTEGER NOT NULL DEFAULT 0;
