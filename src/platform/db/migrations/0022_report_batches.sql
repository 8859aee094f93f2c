-- Evaluator mode (issue 19 §6): a bulk check of many published reports (a ZIP or many files),
-- queued and read by a job. A batch is reached like an upload's results: its maker's (person_id),
-- or an anonymous batch by its unguessable id for as long as its checks are kept.

CREATE TABLE report_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  actor jsonb NOT NULL,               -- who uploaded (the audit log's Actor): the job checks on their behalf
  person_id bigint REFERENCES people (id),
  -- Where its checks are kept: an agency's record, or anonymous checks (null).
  agency_id bigint REFERENCES agencies (id),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  total integer NOT NULL,
  done integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  -- Entries of the uploaded archives not read, with why: [{ name, reason }].
  skipped jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX report_batches_person_idx ON report_batches (person_id, created_at DESC) WHERE person_id IS NOT NULL;

-- One file of a batch: its bytes until it is read, then its check (report_id) or why not (error).
CREATE TABLE report_batch_files (
  batch_id uuid NOT NULL REFERENCES report_batches (id) ON DELETE CASCADE,
  position integer NOT NULL,
  file_name text NOT NULL,
  bytes bytea,
  report_id bigint REFERENCES checked_reports (id) ON DELETE SET NULL,
  error jsonb,
  finished boolean NOT NULL DEFAULT false,
  PRIMARY KEY (batch_id, position)
);
CREATE INDEX report_batch_files_report_idx ON report_batch_files (report_id) WHERE report_id IS NOT NULL;
