/**
 * The JSON download of a checked report: the canonical report (render/json.ts, its fields
 * unchanged, so the file still imports) with the findings alongside, shaped as
 * `gongkai report validate --json` prints them. The canonical parser (canonical.ts) ignores the
 * `findings` key, so the file imports as the report it holds. Pure.
 */
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { toCanonicalReport } from './json.ts';

/** A finding as the JSON forms carry it: `{rule, severity, cells, message}`, in that order. */
export function findingJson(f: Finding): Finding {
  return { rule: f.rule, severity: f.severity, cells: [...f.cells], message: f.message };
}

/** Canonical JSON of the report plus `findings`, pretty-printed (2 spaces), with a final newline. */
export function renderJsonWithFindings(report: AnnualReport, findings: readonly Finding[]): string {
  return `${JSON.stringify({ ...toCanonicalReport(report), findings: findings.map(findingJson) }, null, 2)}\n`;
}
