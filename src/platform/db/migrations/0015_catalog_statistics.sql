-- The catalog's statistics (issue 18): two partial indexes, so that the pages stay fast at a million items.
-- Coverage (法定主动公开内容覆盖情况) asks, per agency and 第二十条 item, for the latest 发布日期: one
-- backward index probe per cell instead of reading every published item of the agencies.
CREATE INDEX catalog_items_coverage_idx ON catalog_items (agency_id, article20_item, published_on)
  WHERE status = 'published' AND article20_item IS NOT NULL;
-- 超期公开 (published after the Art. 26 due date) is rare: the list and its counts read only those items.
CREATE INDEX catalog_items_published_late_idx ON catalog_items (agency_id, published_on)
  WHERE status = 'published' AND published_on > publish_due;
