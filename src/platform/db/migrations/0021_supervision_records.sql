-- The supervision records (issue 19 §4) that an annual report's sections 一 and 六 quote: 政务公开培训
-- with their attendance, 检查 by the supervising office with the problems found and their 整改, “5·15
-- 政务公开日” events, and the public's 咨询/建议 with the replies. Each row belongs to one agency and is
-- dated; the report counts the rows dated in its year (src/supervision/records-store.ts recordFactsOf),
-- and the list page /supervision/records lists exactly those rows.
--
-- No personal data: a consultation keeps its channel, subject and reply, never the name or telephone of
-- the person who asked (nothing the report needs, nothing to protect).

-- 培训: organised by the agency; 人次 counted, names not kept.
CREATE TABLE supervision_trainings (
  id           bigserial PRIMARY KEY,
  agency_id    bigint NOT NULL REFERENCES agencies (id),
  held_on      date NOT NULL,
  title        text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  attendees    integer NOT NULL CHECK (attendees BETWEEN 1 AND 1000000),
  note         text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 2000),
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES people (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_trainings_agency_idx ON supervision_trainings (agency_id, held_on);

-- 检查: of the agency (agency_id), by the supervising office (inspector: its name as the report writes it).
CREATE TABLE supervision_inspections (
  id           bigserial PRIMARY KEY,
  agency_id    bigint NOT NULL REFERENCES agencies (id),
  inspected_on date NOT NULL,
  inspector    text NOT NULL CHECK (length(inspector) BETWEEN 2 AND 100),
  subject      text NOT NULL CHECK (length(subject) BETWEEN 2 AND 200),
  summary      text CHECK (summary IS NULL OR length(summary) BETWEEN 1 AND 2000),
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES people (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_inspections_agency_idx ON supervision_inspections (agency_id, inspected_on);

-- A problem an inspection found, its 整改期限, and its 整改: 整改中 (open) or 已整改 (rectified, with the day and what was done).
CREATE TABLE supervision_findings (
  id             bigserial PRIMARY KEY,
  inspection_id  bigint NOT NULL REFERENCES supervision_inspections (id),
  problem        text NOT NULL CHECK (length(problem) BETWEEN 2 AND 1000),
  deadline       date NOT NULL,
  state          text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'rectified')),
  rectified_on   date,
  rectification  text CHECK (rectification IS NULL OR length(rectification) BETWEEN 1 AND 2000),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'rectified') = (rectified_on IS NOT NULL))
);
CREATE INDEX supervision_findings_inspection_idx ON supervision_findings (inspection_id, id);

-- “5·15 政务公开日” events (or any 政务公开日 event the agency held).
CREATE TABLE supervision_public_days (
  id           bigserial PRIMARY KEY,
  agency_id    bigint NOT NULL REFERENCES agencies (id),
  held_on      date NOT NULL,
  title        text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  description  text CHECK (description IS NULL OR length(description) BETWEEN 1 AND 2000),
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES people (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_public_days_agency_idx ON supervision_public_days (agency_id, held_on);

-- 咨询/建议 from the public: when, how (电话、来信、网上、现场、12345 转办), what about, and the reply.
CREATE TABLE supervision_consultations (
  id           bigserial PRIMARY KEY,
  agency_id    bigint NOT NULL REFERENCES agencies (id),
  received_on  date NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('phone', 'letter', 'online', 'inPerson', 'hotline')),
  kind         text NOT NULL CHECK (kind IN ('consultation', 'suggestion')),
  subject      text NOT NULL CHECK (length(subject) BETWEEN 2 AND 500),
  reply        text CHECK (reply IS NULL OR length(reply) BETWEEN 1 AND 2000),
  replied_on   date,
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES people (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((reply IS NULL) = (replied_on IS NULL)),
  CHECK (replied_on IS NULL OR replied_on >= received_on)
);
CREATE INDEX supervision_consultations_agency_idx ON supervision_consultations (agency_id, received_on);
