-- Letters of 依申请公开 (issue 17 §4): each agency's own text of a kind of letter (until it saves one,
-- the default of src/applications/letters/templates.ts is used), the agency's settings that every
-- letter shows (落款, 行政复议机关, how to pay a fee), and the letters sent, frozen with their case.

CREATE TABLE letter_templates (
  agency_id   bigint NOT NULL REFERENCES agencies (id),
  kind        text NOT NULL CHECK (kind IN ('alreadyPublished', 'granted', 'partiallyGranted', 'denied', 'notHeld', 'needsCreation',
                'unclear', 'repeated', 'notProcessed', 'specialProcedure', 'otherDisposal', 'correction', 'extension', 'thirdParty', 'fee')),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  updated_by  bigint REFERENCES people (id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, kind)
);

-- One row per agency that changed a setting; a null column means the default wording.
CREATE TABLE letter_settings (
  agency_id             bigint PRIMARY KEY REFERENCES agencies (id),
  -- The 落款 line when it is not the agency's name (e.g. 某某局政府信息公开专用章).
  seal_line             text CHECK (seal_line IS NULL OR length(seal_line) BETWEEN 1 AND 60),
  -- The 行政复议机关 the remedy clause names (else 本机关的上一级行政机关或者本级人民政府).
  reconsideration_body  text CHECK (reconsideration_body IS NULL OR length(reconsideration_body) BETWEEN 1 AND 100),
  -- How to pay a 信息处理费 (account, payment code, counter).
  fee_payment           text CHECK (fee_payment IS NULL OR length(fee_payment) BETWEEN 1 AND 500),
  updated_by            bigint REFERENCES people (id),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- A letter as it was sent: the plain text, the laid-out letter (title, 文号, addressee, paragraphs, 落款)
-- for the printable page, and the Word file. Never changed once written (the trigger below): a later
-- template or setting change does not reach it.
CREATE TABLE case_letters (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id),
  kind            text NOT NULL CHECK (kind IN ('alreadyPublished', 'granted', 'partiallyGranted', 'denied', 'notHeld', 'needsCreation',
                    'unclear', 'repeated', 'notProcessed', 'specialProcedure', 'otherDisposal', 'correction', 'extension', 'thirdParty', 'fee')),
  title           text NOT NULL,
  body_rendered   text NOT NULL,
  letter          jsonb NOT NULL,
  docx            bytea NOT NULL,
  created_by      bigint REFERENCES people (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_letters_application_idx ON case_letters (application_id, id);

CREATE FUNCTION case_letters_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a sent letter (case_letters %) is never changed', OLD.id;
END
$$;
CREATE TRIGGER case_letters_frozen BEFORE UPDATE ON case_letters FOR EACH ROW EXECUTE FUNCTION case_letters_frozen();
