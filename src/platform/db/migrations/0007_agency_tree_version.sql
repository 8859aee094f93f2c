-- The agency tree changes rarely and is read on every signed-in request (a supervisor reaches every
-- agency under its government). The app keeps the tree in memory and reloads it when this counter,
-- bumped by any change to the tree in any process, differs from the one it loaded.
CREATE TABLE agency_tree_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint  NOT NULL
);
INSERT INTO agency_tree_version (singleton, version) VALUES (true, 1);

CREATE FUNCTION bump_agency_tree_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agency_tree_version SET version = version + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER agencies_tree_changed
  AFTER INSERT OR DELETE OR UPDATE OF parent_id ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_tree_version();
