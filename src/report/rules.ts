/**
 * Validation of an annual report against every rule of shared/spec/annual-report.md.
 * Pure. (Stub: the rules are being written.)
 */
import type { AnnualReport } from './model.ts';
import type { Finding } from './findings.ts';

export interface ValidationOptions {
  /** The same agency's report of the previous year, for the cross-year rules X-CARRY and X-IN-FORCE. */
  previous?: AnnualReport;
}

/** Checks a report; returns every finding at once (empty when the report is clean). */
export function validateReport(_report: AnnualReport, _options: ValidationOptions = {}): Finding[] {
  return [];
}
