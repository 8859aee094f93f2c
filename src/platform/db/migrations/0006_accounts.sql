-- Accounts (issue 16): agencies as a tree, people, their roles per agency, sessions, API tokens,
-- sign-in throttling, and the audit log chained by SM3 hashes.

-- 机关: people's governments and their departments. Never deleted: closed (closed_at) instead, so
-- that their records stay; a rename keeps the old name in agency_names.
CREATE TABLE agencies (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  short_name   text CHECK (short_name IS NULL OR length(short_name) BETWEEN 1 AND 30),
  credit_code  text CHECK (credit_code IS NULL OR credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  kind         text NOT NULL CHECK (kind IN ('government', 'department')),
  parent_id    bigint REFERENCES agencies (id),
  address      text,
  postcode     text CHECK (postcode IS NULL OR postcode ~ '^[0-9]{6}$'),
  phone        text,
  fax          text,
  email        text,
  office_hours text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  closed_at    timestamptz,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
-- Operators name agencies in commands (`--agency NAME`): one open agency per name.
CREATE UNIQUE INDEX agencies_open_name_idx ON agencies (name) WHERE closed_at IS NULL;
CREATE UNIQUE INDEX agencies_credit_code_idx ON agencies (credit_code) WHERE credit_code IS NOT NULL AND closed_at IS NULL;
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

-- Every name an agency has had, with the time it took the name (its history survives a rename).
CREATE TABLE agency_names (
  agency_id  bigint NOT NULL REFERENCES agencies (id),
  name       text NOT NULL,
  since      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, since)
);

-- People who sign in. Usernames are compared lower-cased.
CREATE TABLE people (
  id               bigserial PRIMARY KEY,
  username         text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,31}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  password_hash    text,
  password_set_at  timestamptz,
  totp_secret      text,
  totp_enabled     boolean NOT NULL DEFAULT false,
  totp_last_step   bigint NOT NULL DEFAULT 0,
  -- A demo account (seeded for `npm start`): signs in only while the server listens on loopback.
  demo             boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  disabled_at      timestamptz
);
CREATE UNIQUE INDEX people_username_idx ON people (username);

-- Roles granted per agency; sysAdmin is granted on the deployment (agency_id NULL).
CREATE TABLE role_grants (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES people (id),
  agency_id   bigint REFERENCES agencies (id),
  role        text NOT NULL CHECK (role IN ('handler', 'reviewer', 'head', 'agencyAdmin', 'supervisor', 'sysAdmin')),
  granted_by  bigint REFERENCES people (id),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'sysAdmin') = (agency_id IS NULL))
);
CREATE UNIQUE INDEX role_grants_unique_idx ON role_grants (person_id, coalesce(agency_id, 0), role);
CREATE INDEX role_grants_agency_idx ON role_grants (agency_id);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash    bytea PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES people (id),
  csrf_token    text NOT NULL,
  -- false between the password and the TOTP code of a person with a second factor
  complete      boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_person_idx ON sessions (person_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- API tokens for scripts and other systems; shown once, stored as SHA-256.
CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES people (id),
  label         text NOT NULL DEFAULT '',
  token_hash    bytea NOT NULL UNIQUE,
  prefix        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_tokens_person_idx ON api_tokens (person_id);

-- Failed sign-ins per account name (known or not: the answer must not tell them apart) and per
-- address; a key is locked out with back-off after repeated failures.
CREATE TABLE sign_in_throttle (
  key           text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  last_failure  timestamptz NOT NULL DEFAULT now(),
  locked_until  timestamptz
);

-- The audit log becomes a hash chain: each row carries the SM3 hash of the previous row's hash and
-- its own content, so an edited or deleted row breaks the chain (`gongkai audit verify`). Rows are
-- appended under an advisory lock, so ids follow the chain. Existing rows are chained by the app at
-- the first start after this migration (their hash is NULL until then).
ALTER TABLE audit_log
  ADD COLUMN person_id bigint REFERENCES people (id),
  ADD COLUMN token_id  bigint REFERENCES api_tokens (id),
  ADD COLUMN agency_id bigint REFERENCES agencies (id),
  ADD COLUMN ip        text,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash      text;
CREATE INDEX audit_log_agency_idx ON audit_log (agency_id, at);
CREATE INDEX audit_log_person_idx ON audit_log (person_id, at);

-- Checked reports: stored for an agency by its staff (agency_id), or an anonymous check kept 24 hours
-- under an unguessable link (access_key) and listed nowhere.
ALTER TABLE checked_reports
  ADD COLUMN agency_id bigint REFERENCES agencies (id),
  ADD COLUMN stored_by bigint REFERENCES people (id),
  ADD COLUMN access_key text UNIQUE,
  ADD COLUMN expires_at timestamptz;
-- Reports checked before accounts existed have no owner and no key: they are kept as they are (never
-- purged: expires_at stays NULL), reachable from no page until an operator gives them to an agency
-- (UPDATE checked_reports SET agency_id = … — see docs/DECISIONS.md). The demo report is stored again
-- for the demo agency.
CREATE INDEX checked_reports_agency_list_idx ON checked_reports (agency_id, (-coalesce(year, 0)), (-id)) WHERE agency_id IS NOT NULL;
CREATE INDEX checked_reports_expires_idx ON checked_reports (expires_at) WHERE expires_at IS NOT NULL;
ALTER TABLE report_uploads ADD COLUMN person_id bigint REFERENCES people (id), ADD COLUMN access_key text;
