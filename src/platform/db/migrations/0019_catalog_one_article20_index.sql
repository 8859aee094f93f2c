-- Migrations 0015 and 0016 both indexed published items by (agency, 第二十条 item, 发布日期): 0016's
-- index (newest first, with the id) also answers coverage's latest 发布日期 per agency and item, so
-- 0015's copy only cost every publication a second index write.
DROP INDEX IF EXISTS catalog_items_coverage_idx;
