-- Catalog search (issue 18 §6, src/catalog/search/), measured at 1,000,000 items (docs/BENCHMARKS.md).
--
-- Relevance puts the items whose title holds every query word first: the title's words (weight A of
-- search_tsv) are kept in their own small column with their own index, so that checking a title reads
-- a few hundred bytes instead of the body's whole vector.
ALTER TABLE catalog_items ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (ts_filter(search_tsv, '{a}')) STORED;
CREATE INDEX catalog_items_title_search_idx ON catalog_items USING gin (title_tsv) WITH (fastupdate = off) WHERE status = 'published';

-- Publishing writes an item's words straight into the indexes: no pending list that every search must
-- read and that some publication, now and then, must merge (a pause of a second at 1M items).
ALTER INDEX catalog_items_search_idx SET (fastupdate = off);

-- The planner's view of how frequent each word is (most common elements): with the default 100 it
-- misjudged rare words and read the whole catalog newest first (performance-notes.md).
ALTER TABLE catalog_items ALTER COLUMN search_tsv SET STATISTICS 10000;
ALTER TABLE catalog_items ALTER COLUMN title_tsv SET STATISTICS 10000;
