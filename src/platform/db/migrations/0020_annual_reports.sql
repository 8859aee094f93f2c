-- The annual report workspace (issue 19): one report per agency and year, drafted from the agency's
-- records (tables 二/三/四 and the six sections' sentences), edited sentence by sentence, submitted to
-- the supervising office, reviewed, approved by the 负责人 and published; later corrections (更正)
-- are new published versions beside the first.
CREATE TABLE annual_reports (
  id               bigserial PRIMARY KEY,
  agency_id        bigint NOT NULL REFERENCES agencies (id),
  year             integer NOT NULL CHECK (year BETWEEN 2008 AND 2100),
  state            text NOT NULL DEFAULT 'draft'
                   CHECK (state IN ('draft', 'submitted', 'returned', 'accepted', 'published', 'correcting')),
  -- 'records': the tables are counted from the records; 'manual': a year before the platform, its
  -- numbers entered by hand, each with a reason (manual_cells).
  basis            text NOT NULL DEFAULT 'records' CHECK (basis IN ('records', 'manual')),
  -- Sentence id → { text, basedOn (the drafted text when it was edited), by, at }: the staff's edits.
  sentence_edits   jsonb NOT NULL DEFAULT '{}',
  -- Cell path → { value, reason, by, at }: numbers entered by hand (basis 'manual' only).
  manual_cells     jsonb NOT NULL DEFAULT '{}',
  -- The report as last drafted (canonical JSON of shared/spec/annual-report.md) and what the rules
  -- found in it: what the status list and dashboard read without drafting 1,000 reports again.
  canonical        jsonb NOT NULL,
  findings         jsonb NOT NULL DEFAULT '[]',
  errors           integer NOT NULL DEFAULT 0,
  warnings         integer NOT NULL DEFAULT 0,
  -- Optimistic locking: a step names the version it was taken on.
  version          integer NOT NULL DEFAULT 1,
  round            integer NOT NULL DEFAULT 0,         -- how many times it was submitted
  submitted_on     date,
  accepted_on      date,
  published_on     date,                               -- first publication (the statutory date counts this one)
  catalog_item_id  bigint REFERENCES catalog_items (id),
  drafted_at       timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, year)
);
CREATE INDEX annual_reports_year_idx ON annual_reports (year, agency_id);

-- What was published: version 1 the first publication, 2… each correction (更正) with its reason.
-- The portal shows the newest and keeps every earlier one visible.
CREATE TABLE annual_report_versions (
  report_id        bigint NOT NULL REFERENCES annual_reports (id),
  version_no       integer NOT NULL CHECK (version_no >= 1),
  canonical        jsonb NOT NULL,
  published_on     date NOT NULL,
  correction       text,                               -- the 更正说明 (null for version 1)
  published_by     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, version_no)
);

-- The report's history: drafted, edited, submitted, returned, accepted, published, corrected.
CREATE TABLE annual_report_events (
  id               bigserial PRIMARY KEY,
  report_id        bigint NOT NULL REFERENCES annual_reports (id),
  type             text NOT NULL,
  actor_id         bigint REFERENCES people (id),
  actor_label      text NOT NULL,
  note             text,
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annual_report_events_report_idx ON annual_report_events (report_id, id);

-- The supervising office's comments at a cell ('t3.granted[6]') or a section ('section.overview'),
-- made in a review round; the agency sees them beside the cell.
CREATE TABLE annual_report_comments (
  id               bigserial PRIMARY KEY,
  report_id        bigint NOT NULL REFERENCES annual_reports (id),
  round            integer NOT NULL,
  target           text NOT NULL CHECK (length(target) BETWEEN 1 AND 80),
  text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  author_id        bigint REFERENCES people (id),
  author_label     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annual_report_comments_report_idx ON annual_report_comments (report_id, id);

-- The 信息处理费 a report's section 六 states: fees paid in a year, found without reading every event.
CREATE INDEX application_events_fee_paid_idx ON application_events (date, application_id) WHERE type = 'feePaid';
