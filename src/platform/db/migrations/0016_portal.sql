-- The public portal (issue 18 §4, §5): what its HTTP caching and its e-mail subscriptions need.

-- The version of what the public sees: one number, raised in the same transaction as any change that
-- may alter a public page (an item published, changed while published or withdrawn; its attachments or
-- links; an agency's 指南/制度 texts; an agency's name, contact facts or place in the tree; an agency's
-- stored annual report). Public pages carry it in their ETag, and the portal keeps rendered pages per
-- version (src/portal/http-cache.ts): one primary-key read answers a 304 or a cached page. Raised by
-- statement triggers, so a bulk import raises it once, and only changes touching published items take
-- the row's lock (drafts are edited without it).
CREATE TABLE portal_state (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  version     bigint NOT NULL DEFAULT 1,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO portal_state DEFAULT VALUES;

CREATE FUNCTION bump_portal_version() RETURNS void LANGUAGE sql AS $$
  UPDATE portal_state SET version = version + 1, changed_at = greatest(changed_at, clock_timestamp());
$$;

-- Items: only statements that insert, change or delete a published item.
CREATE FUNCTION portal_items_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN PERFORM bump_portal_version(); END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION portal_items_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') OR EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN
    PERFORM bump_portal_version();
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION portal_items_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') THEN PERFORM bump_portal_version(); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_items_portal_insert AFTER INSERT ON catalog_items REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_items_inserted();
CREATE TRIGGER catalog_items_portal_update AFTER UPDATE ON catalog_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_items_updated();
CREATE TRIGGER catalog_items_portal_delete AFTER DELETE ON catalog_items REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_items_deleted();

-- Attachments and links: only those of a published item (a draft's attachments change often).
CREATE FUNCTION portal_item_parts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows r JOIN catalog_items i ON i.id = r.item_id WHERE i.status = 'published') THEN
    PERFORM bump_portal_version();
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION portal_item_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows r JOIN catalog_items i ON i.id IN (r.item_id, r.related_id) WHERE i.status = 'published') THEN
    PERFORM bump_portal_version();
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_attachments_portal_insert AFTER INSERT ON catalog_attachments REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_item_parts_changed();
CREATE TRIGGER catalog_attachments_portal_update AFTER UPDATE ON catalog_attachments REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_item_parts_changed();
CREATE TRIGGER catalog_attachments_portal_delete AFTER DELETE ON catalog_attachments REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_item_parts_changed();
CREATE TRIGGER catalog_item_links_portal_insert AFTER INSERT ON catalog_item_links REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_item_links_changed();
CREATE TRIGGER catalog_item_links_portal_delete AFTER DELETE ON catalog_item_links REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_item_links_changed();

-- An agency's 指南/制度 texts, and the agencies themselves (names, contact facts, the tree): any change.
CREATE FUNCTION portal_any_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_portal_version();
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_settings_portal AFTER INSERT OR UPDATE OR DELETE ON catalog_settings
  FOR EACH STATEMENT EXECUTE FUNCTION portal_any_change();
CREATE TRIGGER agencies_portal AFTER INSERT OR UPDATE OR DELETE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION portal_any_change();

-- Annual reports: an agency's stored report (an anonymous check is nobody's public page).
CREATE FUNCTION portal_reports_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows WHERE agency_id IS NOT NULL) THEN PERFORM bump_portal_version(); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER checked_reports_portal_insert AFTER INSERT ON checked_reports REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_reports_changed();
CREATE TRIGGER checked_reports_portal_delete AFTER DELETE ON checked_reports REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portal_reports_changed();

-- 政策推送: one request (one form sent) may subscribe to several categories at once; its rows share
-- the token of the one confirmation link sent for them. The site's address as the subscriber used it
-- makes the links of the mails sent later (a job has no request to take it from).
ALTER TABLE catalog_subscriptions ADD COLUMN request_token text, ADD COLUMN site_origin text;
CREATE INDEX catalog_subscriptions_request_idx ON catalog_subscriptions (request_token) WHERE request_token IS NOT NULL;
-- The mails of a published item go to the confirmed subscribers of its agency (or of an agency above it).
CREATE INDEX catalog_subscriptions_agency_idx ON catalog_subscriptions (agency_id) WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL;

-- 法定主动公开内容: the newest items of each 第二十条 item, per agency and over all agencies.
CREATE INDEX catalog_items_agency_article20_idx ON catalog_items (agency_id, article20_item, published_on DESC, id DESC) WHERE status = 'published';
CREATE INDEX catalog_items_article20_published_idx ON catalog_items (article20_item, published_on DESC, id DESC) WHERE status = 'published';
