-- A file uploaded again (same bytes) is found by its SHA-256 and not stored twice (issue 14 §5).
-- Not UNIQUE: a database may already hold copies, and the same file is checked again when an
-- upload brings it a previous-year report its earlier check did not have.
CREATE INDEX checked_reports_source_sha256_idx ON checked_reports (source_sha256, created_at DESC);
