-- Attachments to an application (issue 17 §1): files the applicant sends with the public form (a
-- scanned ID, a letter, a photo of a document). The type was decided from the bytes when the file was
-- taken (src/applications/attachments.ts), never from the name; the bytes are kept in the database so
-- a backup of the database is a backup of the case. Stored in the same transaction as the application.

CREATE TABLE application_attachments (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id),
  -- The name as the applicant's computer gave it, cleaned (no path, no control characters, ≤ 100 characters).
  file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 100),
  media_type      text NOT NULL,
  size            integer NOT NULL CHECK (size > 0),
  sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes           bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX application_attachments_application ON application_attachments (application_id);
