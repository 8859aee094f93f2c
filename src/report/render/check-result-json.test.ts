import { describe, expect, it } from 'vitest';
import { isCanonicalReportJson, parseCanonicalReport } from '../canonical.ts';
import { validateReport } from '../rules.ts';
import { seedTruth } from '../../../test/support/fixtures.ts';
import { renderJsonWithFindings } from './check-result-json.ts';

function corrupted() {
  const report = seedTruth();
  report.table3.rows.totalProcessed = [0, 0, 0, 0, 0, 0, 9];
  return { report, findings: validateReport(report) };
}

describe('JSON with findings', () => {
  it('keeps the canonical report as it is, adds {rule, severity, cells, message}, and still parses as the report', () => {
    const { report, findings } = corrupted();
    const text = renderJsonWithFindings(report, findings);
    expect(isCanonicalReportJson(text)).toBe(true);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['agency', 'year', 'format', 'table2', 'table3', 'table4', 'findings']);
    expect(json.findings).toEqual(findings.map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, message: f.message })));
    const parsed = parseCanonicalReport(json);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.report).toEqual(report);
      expect('findings' in parsed.report).toBe(false);
    }
  });
});
