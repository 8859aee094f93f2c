-- The annual-report checker: every checked report file, as imported and as found.

CREATE TABLE checked_reports (
  id bigserial PRIMARY KEY,
  agency text,                      -- null when the importer could not read it
  year integer,
  format text NOT NULL CHECK (format IN ('2019', '2021')),
  agency_kind text CHECK (agency_kind IN ('department', 'government')),
  published_on date,
  source_file_name text NOT NULL,
  source_kind text NOT NULL,        -- SourceDocument kind: text, html, pdf, docx, …
  source_sha256 text NOT NULL,
  source_size integer NOT NULL,
  source bytea NOT NULL,
  canonical jsonb NOT NULL,         -- the AnnualReport as imported (shared/spec/annual-report.md)
  findings jsonb NOT NULL,          -- Finding[] of validateReport at check time
  warnings jsonb NOT NULL,          -- ParseWarning[] of the importer
  previous_report_id bigint REFERENCES checked_reports (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checked_reports_agency_year_idx ON checked_reports (agency, year, created_at DESC);
CREATE INDEX checked_reports_created_idx ON checked_reports (created_at DESC);

-- One upload of one or more files: what became of each file (a stored report or an error).
CREATE TABLE report_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  actor text NOT NULL,
  results jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
