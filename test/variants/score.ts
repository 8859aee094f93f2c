/**
 * Reads a variant through `importReport` and scores every expected cell: exact; declined (blank
 * with a warning naming the cell, its row or its table) where the variant makes it ambiguous or not;
 * blank without any warning; or WRONG (a number other than the expected — must never happen).
 * For an injected error, whether `validateReport` reports each named rule at the changed cell.
 */
import { importReport, ReportReadError } from '../../src/report/import/index.ts';
import { validateReport } from '../../src/report/rules.ts';
import type { AnnualReport } from '../../src/report/model.ts';
import { expectedCells, rowOf, valueAt, type Layout, type Variant } from './common.ts';

export interface VariantScore {
  id: string;
  layout: Layout;
  exact: number;
  /** Cells not equal to the expected value and not blank: `path: got X, expected Y`. */
  wrong: string[];
  /** Blank with a warning where the variant makes the cell ambiguous. */
  declinedAmbiguous: number;
  /** Blank with a warning where the text settles the cell, by warning code. */
  declined: Record<string, number>;
  /** Blank with no warning naming it. */
  silent: string[];
  /** Rules the injected error had to raise that the validator did not report. */
  missedRules: string[];
  readError?: string;
}

export async function scoreVariant(variant: Variant): Promise<VariantScore> {
  const score: VariantScore = {
    id: variant.id, layout: variant.layout, exact: 0, wrong: [], declinedAmbiguous: 0, declined: {}, silent: [], missedRules: [],
  };
  let report: AnnualReport;
  try {
    report = (await importReport(variant.file)).report;
  } catch (error) {
    if (!(error instanceof ReportReadError)) throw error;
    score.readError = error.message;
    score.declined['read-error'] = expectedCells(variant.expected).length;
    score.missedRules = [...(variant.expected.injected?.rules ?? [])];
    return score;
  }
  const warningCode = new Map<string, string>();
  for (const w of report.warnings ?? []) {
    if (w.path === undefined) continue;
    for (const p of [w.path, rowOf(w.path), w.path.split('.')[0]!]) if (!warningCode.has(p)) warningCode.set(p, w.code);
  }
  const ambiguous = new Set(variant.expected.ambiguous);
  for (const [path, expected] of expectedCells(variant.expected)) {
    const got = valueAt(report, path);
    if (JSON.stringify(got) === JSON.stringify(expected)) {
      score.exact++;
      continue;
    }
    if (got === null || got === undefined) {
      const code = warningCode.get(path) ?? warningCode.get(rowOf(path)) ?? warningCode.get(path.split('.')[0]!);
      if (code === undefined) score.silent.push(path);
      else if (ambiguous.has(path)) score.declinedAmbiguous++;
      else score.declined[code] = (score.declined[code] ?? 0) + 1;
      continue;
    }
    score.wrong.push(`${path}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  }
  const injected = variant.expected.injected;
  if (injected) {
    const findings = validateReport(report);
    for (const rule of injected.rules) {
      if (!findings.some((f) => f.rule === rule && f.cells.includes(injected.cell))) score.missedRules.push(rule);
    }
  }
  return score;
}

export interface Tally {
  variants: number;
  cells: number;
  exact: number;
  wrong: number;
  declinedAmbiguous: number;
  declined: Record<string, number>;
  silent: number;
  errorsInjected: number;
  errorsReported: number;
  readErrors: number;
}

export function emptyTally(): Tally {
  return { variants: 0, cells: 0, exact: 0, wrong: 0, declinedAmbiguous: 0, declined: {}, silent: 0, errorsInjected: 0, errorsReported: 0, readErrors: 0 };
}

export function addScore(tally: Tally, score: VariantScore, variant: Variant): void {
  tally.variants++;
  const declined = Object.values(score.declined).reduce((a, b) => a + b, 0);
  tally.cells += score.exact + score.wrong.length + score.declinedAmbiguous + declined + score.silent.length;
  tally.exact += score.exact;
  tally.wrong += score.wrong.length;
  tally.declinedAmbiguous += score.declinedAmbiguous;
  for (const [code, n] of Object.entries(score.declined)) tally.declined[code] = (tally.declined[code] ?? 0) + n;
  tally.silent += score.silent.length;
  if (variant.expected.injected) {
    tally.errorsInjected++;
    if (score.missedRules.length === 0) tally.errorsReported++;
  }
  if (score.readError !== undefined) tally.readErrors++;
}

export function formatTally(name: string, t: Tally): string {
  const pct = (n: number): string => (t.cells === 0 ? '–' : `${((100 * n) / t.cells).toFixed(1)} %`);
  const declined = Object.entries(t.declined).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
  return `${name.padEnd(9)} ${String(t.variants).padStart(5)} variants, ${t.cells} cells: exact ${t.exact} (${pct(t.exact)}), WRONG ${t.wrong}, `
    + `declined where ambiguous ${t.declinedAmbiguous}, declined where settled ${t.cells - t.exact - t.wrong - t.declinedAmbiguous - t.silent}`
    + `${declined ? ` [${declined}]` : ''}, blank without warning ${t.silent}`
    + `${t.errorsInjected ? `; injected errors reported ${t.errorsReported}/${t.errorsInjected}` : ''}${t.readErrors ? `; unreadable ${t.readErrors}` : ''}`;
}
