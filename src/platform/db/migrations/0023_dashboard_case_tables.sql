-- The supervisor's dashboard (issue 19 §5) sums tables 三/四 of up to 5 × 1,000 stored reports for its
-- trends. Read from `canonical`, each report's whole JSON (sections' text included, toasted) is
-- decompressed for two small tables: 0.7 s at 1,000 agencies. Kept beside it on every write, the two
-- tables (under 1 kB together, stored inline) are read alone.
ALTER TABLE annual_reports
  ADD COLUMN table3_rows jsonb GENERATED ALWAYS AS (canonical -> 'table3' -> 'rows') STORED,
  ADD COLUMN table4 jsonb GENERATED ALWAYS AS (canonical -> 'table4') STORED;
