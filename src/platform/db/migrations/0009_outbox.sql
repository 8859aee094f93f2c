-- The job queue for several app processes, the mail outbox, and people's e-mail addresses (issue 17,
-- deadline reminders).

-- Jobs (migration 0001) claimed with FOR UPDATE SKIP LOCKED by any app process:
-- - dedupe_key: a job that must exist once (a day's reminder scan, a message's sending) is enqueued
--   with ON CONFLICT (dedupe_key) DO NOTHING; NULL for jobs that may repeat.
-- - locked_until: the lease of a running job; a process that dies leaves its job running, and any
--   worker puts it back (or fails it) once the lease has passed.
-- - max_attempts: a failing job is retried with back-off, then left failed for an operator to see.
ALTER TABLE jobs
  ADD COLUMN dedupe_key   text,
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100);
ALTER TABLE jobs ADD CONSTRAINT jobs_dedupe_key_key UNIQUE (dedupe_key);
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'running';
CREATE INDEX jobs_done_idx ON jobs (updated_at) WHERE state = 'done';

-- Idle workers wait on LISTEN gongkai_jobs instead of only polling: a new job wakes them at commit.
CREATE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gongkai_jobs', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER jobs_notify AFTER INSERT ON jobs FOR EACH STATEMENT EXECUTE FUNCTION jobs_notify();

-- Every message the platform sends, kept: with SMTP configured it is sent by a 'mail.send' job
-- (sent_at, delivery 'smtp'); without, it stays here for the console (delivery 'outbox-only').
-- dedupe_key makes a message (e.g. one reminder of one case, due date and person) exist once.
CREATE TABLE outbox (
  id          bigserial PRIMARY KEY,
  to_address  text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject     text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  body_text   text NOT NULL CHECK (length(body_text) <= 100000),
  dedupe_key  text UNIQUE,
  -- Whose message it is, for the console's scope and links (no address is needed to list them).
  agency_id   bigint REFERENCES agencies (id),
  person_id   bigint REFERENCES people (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz,
  delivery    text CHECK (delivery IN ('smtp', 'outbox-only')),
  -- The last sending error (addresses removed); failed_at once the retries are spent.
  error       text,
  failed_at   timestamptz
);
CREATE INDEX outbox_agency_idx ON outbox (agency_id, id);

-- Where a person's reminders go (none yet: the person's page or an operator fills it in).
ALTER TABLE people
  ADD COLUMN email text CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'));
