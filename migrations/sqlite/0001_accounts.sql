-- People, their scoped role grants, sessions, API tokens, throttling and one-time tokens, and
-- the e-mail outbox.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT,
  locale TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

CREATE TABLE grants (
  id INTEGER PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  scope_id BIGINT NOT NULL DEFAULT 0,
  granted_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (person_id, role, scope_id)
);
CREATE INDEX grants_role_scope ON grants (role, scope_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject_at ON login_failures (subject, at);

CREATE TABLE one_time_tokens (
  id INTEGER PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
  token_hash TEXT NOT NULL UNIQUE,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
