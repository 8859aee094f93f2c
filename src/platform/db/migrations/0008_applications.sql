-- Applications for disclosure (依申请公开, issue 17): the case, its events (the lifecycle's steps, in
-- order), and the appeals against it (行政复议、行政诉讼). A case's progress is the fold of its events
-- (src/applications/lifecycle.ts); `status`, `receipt_date`, `closed_on`, `outcome` and `due_on` are
-- that fold's result, kept on the row in the same transaction as each event so that tables 三/四 and the
-- dashboards are one indexed aggregate instead of a replay of every case.

CREATE TABLE applications (
  id               bigserial PRIMARY KEY,
  agency_id        bigint NOT NULL REFERENCES agencies (id),
  -- Given to the applicant (receipt page, status look-up): 12 characters without look-alikes, grouped by 4.
  tracking_code    text NOT NULL UNIQUE CHECK (tracking_code ~ '^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$'),
  applicant_kind   text NOT NULL CHECK (applicant_kind IN ('naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg')),
  applicant_name   text NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 100),
  -- 身份证明: null only for a case imported from a ledger that did not record it.
  id_type          text,
  -- The ID number encrypted (src/applications/personal-data.ts), and a keyed hash to find it by.
  id_number_cipher bytea,
  id_lookup        text,
  phone            text,
  address          text,
  email            text,
  description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  purpose          text,
  provision        text NOT NULL CHECK (provision IN ('paper', 'electronic')),
  delivery         text NOT NULL CHECK (delivery IN ('post', 'email', 'pickup')),
  channel          text NOT NULL CHECK (channel IN ('inPerson', 'post', 'ordinaryLetter', 'online', 'fax')),
  submitted        date NOT NULL,
  confirmed        date,
  -- The registration number of the agency's ledger (登记编号) for an imported case: importing it twice is refused.
  ledger_ref       text,
  -- Optimistic locking: every change adds one; a change made against an older version is refused.
  version          integer NOT NULL DEFAULT 0,
  handler_id       bigint REFERENCES people (id),
  -- The fold of the events (see above).
  status           text NOT NULL,
  receipt_date     date,
  closed_on        date,
  outcome          text,
  -- The reply due date in force (extended if extended), for the due-soon and overdue lists; null when none runs.
  due_on           date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       bigint REFERENCES people (id),
  CHECK (confirmed IS NULL OR confirmed >= submitted),
  CHECK (closed_on IS NULL OR outcome IS NOT NULL)
);
CREATE UNIQUE INDEX applications_ledger_ref_idx ON applications (agency_id, ledger_ref) WHERE ledger_ref IS NOT NULL;
CREATE INDEX applications_id_lookup_idx ON applications (id_lookup) WHERE id_lookup IS NOT NULL;
-- Table 三 reads three disjoint ranges of an agency's cases (statistics-store.ts): received in the year;
-- received before it and closed in or after it; received before it and still open. Each is an
-- index-only range with the columns the count needs.
CREATE INDEX applications_receipt_idx ON applications (agency_id, receipt_date)
  INCLUDE (closed_on, applicant_kind, outcome) WHERE receipt_date IS NOT NULL;
CREATE INDEX applications_closed_idx ON applications (agency_id, closed_on)
  INCLUDE (receipt_date, applicant_kind, outcome) WHERE closed_on IS NOT NULL AND receipt_date IS NOT NULL;
CREATE INDEX applications_open_idx ON applications (agency_id, receipt_date)
  INCLUDE (applicant_kind, status, due_on, handler_id) WHERE closed_on IS NULL;
-- The lists: an agency's cases newest first, and the open ones by due date.
CREATE INDEX applications_agency_idx ON applications (agency_id, id);
CREATE INDEX applications_due_idx ON applications (agency_id, due_on) WHERE closed_on IS NULL AND due_on IS NOT NULL;

-- The steps of a case, numbered from 1 in the order they were recorded.
CREATE TABLE application_events (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id),
  seq             integer NOT NULL CHECK (seq >= 1),
  type            text NOT NULL CHECK (type IN ('confirm', 'correctionRequested', 'corrected', 'thirdPartySent', 'thirdPartyReplied',
                    'extended', 'feeNoticed', 'feePaid', 'replied', 'reviewed', 'signed', 'delivered', 'withdrawn')),
  date            date NOT NULL,
  -- The event's other fields (outcome, workingDays, method …) as the lifecycle's CaseEvent has them.
  payload         jsonb NOT NULL DEFAULT '{}',
  by_person       bigint REFERENCES people (id),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, seq)
);

-- 行政复议 and 行政诉讼 against a case (table 四). `agency_id` is the case's, kept here so that table 四 is
-- one range of the agency's appeals.
CREATE TABLE appeals (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id),
  agency_id       bigint NOT NULL REFERENCES agencies (id),
  kind            text NOT NULL CHECK (kind IN ('reconsideration', 'litigationDirect', 'litigationAfterReconsideration')),
  filed_on        date NOT NULL,
  decided_on      date,
  result          text CHECK (result IN ('upheld', 'corrected', 'other')),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  created_by      bigint REFERENCES people (id),
  CHECK ((decided_on IS NULL) = (result IS NULL)),
  CHECK (decided_on IS NULL OR decided_on >= filed_on)
);
CREATE INDEX appeals_application_idx ON appeals (application_id);
CREATE INDEX appeals_agency_idx ON appeals (agency_id, filed_on) INCLUDE (kind, decided_on, result);
