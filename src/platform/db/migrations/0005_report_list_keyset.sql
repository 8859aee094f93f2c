-- The list of checked reports is read page by page in the order agency, year (newest first), id
-- (newest first), with reports whose agency could not be read last: this index holds that order as
-- ascending keys, so that a page after a given report is one index range scan (keyset pagination),
-- however many reports are stored.
CREATE INDEX checked_reports_list_idx ON checked_reports ((agency IS NULL), (coalesce(agency, '')), (-coalesce(year, 0)), (-id));
