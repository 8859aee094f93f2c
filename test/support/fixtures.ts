/**
 * Report files for route and browser tests: the dev corpus beside the repository
 * (../shared/corpus/dev/) and canonical JSON variants made from its seed truth file.
 */
import { readFileSync } from 'node:fs';
import type { AnnualReport } from '../../src/report/model.ts';
import { corpusPath } from './corpus.ts';

/** Bytes of a corpus file. */
export function corpusFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(name)));
}

/** The seed report's canonical JSON (its truth file), as an object to vary. */
export function seedTruth(): AnnualReport {
  return JSON.parse(new TextDecoder().decode(corpusFile('seed-taiping-wenlv-2023.truth.json'))) as AnnualReport;
}

/** A canonical report of a test agency and year, optionally changed. */
export function canonicalReport(agency: string, year: number, change: (r: AnnualReport) => void = () => {}): AnnualReport {
  const report = seedTruth();
  report.agency = agency;
  report.year = year;
  change(report);
  return report;
}

/** A report as an uploadable .json file. */
export function jsonFile(name: string, report: AnnualReport): File {
  return new File([JSON.stringify(report)], name, { type: 'application/json' });
}

/** A multipart form: report files under `files`, the previous year's under `previous`. */
export function uploadForm(files: File[], previous?: File): FormData {
  const form = new FormData();
  for (const file of files) form.append('files', file);
  if (previous) form.append('previous', previous);
  return form;
}
