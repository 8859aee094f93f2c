-- A supervisor reads the records of every agency under its people's government. Lists ask the
-- database for "the agencies under G" instead of sending the ids of the whole subtree with every
-- query (1,001 ids for a city of 1,000 departments): agency_closure holds a row for each agency and
-- each agency at or above it, itself included (agency_id = ancestor_id).
CREATE TABLE agency_closure (
  ancestor_id bigint NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  agency_id   bigint NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  PRIMARY KEY (ancestor_id, agency_id)
);

-- The closure of the tree as it is now: the rows that are no longer true are deleted, the missing
-- ones inserted (the tree is small and changes rarely; a statement that adds one agency rewrites
-- nothing else). UNION stops at a loop, which the app never lets into the tree anyway.
CREATE FUNCTION rebuild_agency_closure() RETURNS void LANGUAGE sql AS $$
  WITH RECURSIVE tree (ancestor_id, agency_id) AS (
    SELECT id, id FROM agencies
    UNION
    SELECT t.ancestor_id, a.id FROM tree t JOIN agencies a ON a.parent_id = t.agency_id
  ),
  gone AS (
    DELETE FROM agency_closure c
    WHERE NOT EXISTS (SELECT 1 FROM tree t WHERE t.ancestor_id = c.ancestor_id AND t.agency_id = c.agency_id)
  )
  INSERT INTO agency_closure (ancestor_id, agency_id)
  SELECT ancestor_id, agency_id FROM tree
  ON CONFLICT DO NOTHING;
$$;

-- Kept by the statement trigger of migration 0007, in the changing statement's transaction: the
-- version row's lock queues two changes of the tree, and the rebuild runs after it with a fresh
-- snapshot, so the second change's rebuild sees the first one's committed tree.
CREATE OR REPLACE FUNCTION bump_agency_tree_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agency_tree_version SET version = version + 1;
  PERFORM rebuild_agency_closure();
  RETURN NULL;
END
$$;

SELECT rebuild_agency_closure();
