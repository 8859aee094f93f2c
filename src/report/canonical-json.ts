/**
 * Canonical JSON output of a report: the key order of shared/spec/annual-report.md, so that
 * files written by Gongkai diff cleanly and read the same as the spec's example.
 */
import type { AnnualReport } from './model.ts';

export interface CanonicalJsonOptions {
  /** Keep the importer's parse warnings (`warnings` array, always present when true). */
  includeWarnings?: boolean;
}

/** The report as a plain object with the spec's key order; optional keys only where set. */
export function toCanonicalObject(report: AnnualReport, options: CanonicalJsonOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    agency: report.agency,
    year: report.year,
    format: report.format,
  };
  if (report.agencyKind !== undefined) out.agencyKind = report.agencyKind;
  if (report.publishedOn !== undefined) out.publishedOn = report.publishedOn;
  out.table2 = report.table2;
  out.table3 = { columns: report.table3.columns, rows: report.table3.rows };
  out.table4 = report.table4;
  if (report.sections !== undefined) out.sections = report.sections;
  if (options.includeWarnings) out.warnings = report.warnings ?? [];
  return out;
}
