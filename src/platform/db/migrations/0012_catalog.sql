-- 主动公开 (issue 18): the disclosure catalog (政府信息公开目录). An item is drafted, reviewed for its
-- disclosure attribute (公开属性审核), checked for secrets (保密审查) by someone other than its author,
-- signed off by the 负责人 (签发) and published; it may be withdrawn with a reason. Its progress is the
-- fold of its events (src/catalog/workflow.ts), kept on the row in the same transaction as each event.

CREATE TABLE catalog_items (
  id                 bigserial PRIMARY KEY,
  agency_id          bigint NOT NULL REFERENCES agencies (id),
  -- 索引号: generated once (src/catalog/index-number.ts), never changed; the public address of the item.
  index_no           text NOT NULL UNIQUE CHECK (length(index_no) BETWEEN 5 AND 60),
  title              text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  -- 文号 as written, and its normal form (brackets 〔〕, no spaces, ASCII digits) for exact look-up.
  doc_no             text CHECK (doc_no IS NULL OR length(doc_no) BETWEEN 2 AND 60),
  doc_no_key         text,
  publisher          text NOT NULL CHECK (length(publisher) BETWEEN 2 AND 100),
  -- 成文日期 (the day the information was formed or last changed: Art. 26 counts from it).
  formed_on          date NOT NULL,
  -- Art. 26's due date for publishing, computed from formed_on on the app's working calendar.
  publish_due        date NOT NULL,
  publish_due_provisional boolean NOT NULL DEFAULT false,
  -- 发布日期: the day it was signed off and published.
  published_on       date,
  -- 主题分类 and 体裁 (src/catalog/model.ts TOPICS, GENRES): 体裁 规章 and 行政规范性文件 feed table 二,
  -- 政策解读 the portal's interpretations.
  topic              text CHECK (topic IS NULL OR length(topic) BETWEEN 1 AND 30),
  genre              text NOT NULL CHECK (length(genre) BETWEEN 1 AND 30),
  -- 第二十条 item (src/law/taxonomy.ts ARTICLE20_ITEMS) or 第二十一条 local item, or neither.
  article20_item     text CHECK (article20_item IS NULL OR article20_item IN ('regulations', 'organisation', 'plans', 'statistics', 'licensing',
                       'punishment', 'budget', 'fees', 'procurement', 'majorProjects', 'livelihood', 'emergencies', 'inspections', 'civilService', 'other')),
  article21_item     text CHECK (article21_item IS NULL OR article21_item IN ('municipalConstruction', 'publicServices', 'publicWelfare',
                       'landExpropriation', 'housingExpropriation', 'publicSecurity', 'socialAssistance')),
  -- 公开方式 (where it is published) and 公开范围 (to whom).
  disclosure_mode    text NOT NULL DEFAULT '政府网站' CHECK (length(disclosure_mode) BETWEEN 1 AND 50),
  disclosure_scope   text NOT NULL DEFAULT '面向社会' CHECK (length(disclosure_scope) BETWEEN 1 AND 50),
  -- 有效性, with the day it stopped being in force.
  validity           text NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid', 'expired', 'repealed')),
  validity_changed_on date,
  body_html          text NOT NULL DEFAULT '',
  body_text          text NOT NULL DEFAULT '',
  status             text NOT NULL CHECK (status IN ('draft', 'attributeReview', 'secrecyCheck', 'signing', 'published', 'notPublished', 'withdrawn')),
  -- 公开属性审核's decision and reason (主动公开 / 依申请公开 / 不予公开).
  attribute          text CHECK (attribute IS NULL OR attribute IN ('主动公开', '依申请公开', '不予公开')),
  attribute_reason   text,
  -- Why publishing despite personal data found in the body or attachments (null: none found or not yet justified).
  personal_data_justification text,
  author_id          bigint REFERENCES people (id),
  -- Optimistic locking: every change adds one.
  version            integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  -- Chinese full-text search (src/catalog/search): jieba tokens of the title (weight A), 文号, body and
  -- attachments' text (B), in the 'simple' configuration.
  search_tsv         tsvector NOT NULL DEFAULT ''::tsvector,
  CHECK ((validity = 'valid') = (validity_changed_on IS NULL)),
  CHECK (status <> 'published' OR published_on IS NOT NULL)
);
CREATE INDEX catalog_items_agency_idx ON catalog_items (agency_id, id);
CREATE INDEX catalog_items_doc_no_idx ON catalog_items (doc_no_key) WHERE doc_no_key IS NOT NULL;
-- The public catalog: published items, newest first, per agency and overall.
CREATE INDEX catalog_items_published_idx ON catalog_items (published_on DESC, id DESC) WHERE status = 'published';
CREATE INDEX catalog_items_agency_published_idx ON catalog_items (agency_id, published_on DESC, id DESC) WHERE status = 'published';
-- The due list: unpublished items by due date.
CREATE INDEX catalog_items_due_idx ON catalog_items (agency_id, publish_due) WHERE status IN ('draft', 'attributeReview', 'secrecyCheck', 'signing');
-- Table 二: an agency's 规章 and 行政规范性文件 by 成文日期.
CREATE INDEX catalog_items_genre_idx ON catalog_items (agency_id, genre, formed_on);
CREATE INDEX catalog_items_search_idx ON catalog_items USING gin (search_tsv) WHERE status = 'published';

-- The steps of an item, in order (who did what, when, with which decision and reason).
CREATE TABLE catalog_item_events (
  id          bigserial PRIMARY KEY,
  item_id     bigint NOT NULL REFERENCES catalog_items (id),
  type        text NOT NULL CHECK (type IN ('created', 'edited', 'submitted', 'returned', 'attributeReviewed', 'secrecyChecked', 'signed', 'withdrawn', 'validityChanged')),
  actor_id    bigint REFERENCES people (id),
  -- Who, as the audit log names them (a person's name, `cli:<user>`, an API token).
  actor_label text NOT NULL,
  on_day      date NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  decision    text,
  reason      text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX catalog_item_events_item_idx ON catalog_item_events (item_id, id);

-- Attachments (PDF, DOCX, XLSX, images), with the text the report readers extract from them for search.
CREATE TABLE catalog_attachments (
  id          bigserial PRIMARY KEY,
  item_id     bigint NOT NULL REFERENCES catalog_items (id),
  position    integer NOT NULL,
  file_name   text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type  text NOT NULL,
  size_bytes  integer NOT NULL CHECK (size_bytes > 0),
  sha256      text NOT NULL,
  content     bytea NOT NULL,
  text        text NOT NULL DEFAULT '',
  UNIQUE (item_id, position)
);

-- Related items: a 政策解读 interprets policy documents.
CREATE TABLE catalog_item_links (
  item_id     bigint NOT NULL REFERENCES catalog_items (id),
  related_id  bigint NOT NULL REFERENCES catalog_items (id),
  PRIMARY KEY (item_id, related_id),
  CHECK (item_id <> related_id)
);
CREATE INDEX catalog_item_links_related_idx ON catalog_item_links (related_id);

-- The last serial number of 索引号 given per agency and year (taken under the row's lock).
CREATE TABLE catalog_index_counters (
  agency_id   bigint NOT NULL REFERENCES agencies (id),
  year        integer NOT NULL,
  last        integer NOT NULL,
  PRIMARY KEY (agency_id, year)
);

-- Per agency: the 索引号 pattern, the texts of 政府信息公开指南 and 政府信息公开制度, and after how many
-- days without a new item a 第二十条 item counts as a coverage gap.
CREATE TABLE catalog_settings (
  agency_id            bigint PRIMARY KEY REFERENCES agencies (id),
  index_pattern        text,
  guide_html           text NOT NULL DEFAULT '',
  rules_html           text NOT NULL DEFAULT '',
  coverage_max_age_days integer CHECK (coverage_max_age_days IS NULL OR coverage_max_age_days BETWEEN 1 AND 3660),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Sensitive words that warn the reviewer: the deployment's list (agency_id null) and each agency's own.
CREATE TABLE catalog_sensitive_words (
  id          bigserial PRIMARY KEY,
  agency_id   bigint REFERENCES agencies (id),
  word        text NOT NULL CHECK (length(word) BETWEEN 1 AND 30)
);
CREATE UNIQUE INDEX catalog_sensitive_words_idx ON catalog_sensitive_words (coalesce(agency_id, 0), word);

-- 政策推送: e-mail subscriptions to an agency's items, optionally of one 第二十条 item or 主题,
-- confirmed by a link, ended by a one-click link.
CREATE TABLE catalog_subscriptions (
  id                bigserial PRIMARY KEY,
  email             text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  agency_id         bigint REFERENCES agencies (id),
  article20_item    text,
  topic             text,
  confirm_token     text NOT NULL UNIQUE,
  unsubscribe_token text NOT NULL UNIQUE,
  created_at        timestamptz NOT NULL DEFAULT now(),
  confirmed_at      timestamptz,
  unsubscribed_at   timestamptz
);
CREATE UNIQUE INDEX catalog_subscriptions_once_idx ON catalog_subscriptions (lower(email), coalesce(agency_id, 0), coalesce(article20_item, ''), coalesce(topic, ''))
  WHERE unsubscribed_at IS NULL;

-- Table 二's figures that no catalog item carries, entered per agency and year: the decision counts of
-- 行政许可, 行政处罚 and 行政强制, and the 行政事业性收费 collected (in fen: money is an integer).
CREATE TABLE catalog_yearly_figures (
  agency_id             bigint NOT NULL REFERENCES agencies (id),
  year                  integer NOT NULL CHECK (year BETWEEN 2008 AND 2100),
  licensing_decisions   integer CHECK (licensing_decisions >= 0),
  punishment_decisions  integer CHECK (punishment_decisions >= 0),
  enforcement_decisions integer CHECK (enforcement_decisions >= 0),
  fees_fen              bigint CHECK (fees_fen >= 0),
  updated_by            bigint REFERENCES people (id),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, year)
);
