-- A published annual report (a workspace version, issue 19) changes the portal's report pages: the
-- rendered pages kept per portal version (migration 0016) must not outlive it, whether or not the
-- job that files it in the catalog has run.
CREATE TRIGGER annual_report_versions_portal AFTER INSERT OR UPDATE OR DELETE ON annual_report_versions
  FOR EACH STATEMENT EXECUTE FUNCTION portal_any_change();
