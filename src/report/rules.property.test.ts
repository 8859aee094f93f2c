import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateReport } from './rules.ts';
import { arbitraryCorruption, arbitraryValidReport, generateValidReport } from '../../test/support/report/generate.ts';
import { extractStatedCounts } from './rules/text-counts.ts';

describe('validateReport: properties', () => {
  it('a random valid report has no finding at all', () => {
    fc.assert(fc.property(arbitraryValidReport(), (report) => {
      expect(validateReport(report)).toEqual([]);
    }), { numRuns: 300, seed: 20240131 });
  });

  it('the generated narrative states the table counts, and the extractor reads them back', () => {
    fc.assert(fc.property(arbitraryValidReport({ withSections: true }), (report) => {
      const text = (report.sections ?? []).map((s) => s.text).join('。');
      const stated = extractStatedCounts(text, report.year ?? undefined);
      expect(stated.filter((s) => s.quantity === 'applicationsReceived').map((s) => s.value)).toEqual([report.table3.rows.newReceived?.[6]]);
      expect(stated.filter((s) => s.quantity === 'reconsiderations').map((s) => s.value)).toEqual([report.table4.reconsideration?.total]);
    }), { numRuns: 200, seed: 7 });
  });

  it('one corrupted cell fires the right rule at that cell, and no other error', () => {
    fc.assert(fc.property(arbitraryCorruption(), ({ corruption }) => {
      const findings = validateReport(corruption.report);
      const at = findings.filter((f) => f.cells.includes(corruption.cell));
      expect(at.map((f) => f.rule), corruption.description).toContain(corruption.rule);
      const errorRules = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
      expect(errorRules, corruption.description).toEqual([...corruption.errorRules].sort());
      for (const rule of corruption.errorRules) {
        expect(at.some((f) => f.rule === rule), `${rule} at ${corruption.cell}`).toBe(true);
      }
    }), { numRuns: 500, seed: 31 });
  });

  it('the 2019 and 2021 templates both appear, with and without sections', () => {
    const reports = fc.sample(arbitraryValidReport(), { seed: 3, numRuns: 200 });
    expect(new Set(reports.map((r) => r.format))).toEqual(new Set(['2019', '2021']));
    expect(reports.some((r) => r.sections) && reports.some((r) => !r.sections)).toBe(true);
    expect(reports.every((r) => r.year !== null && (r.format === '2021') === (r.year >= 2021))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(generateValidReport(99)).toEqual(generateValidReport(99));
    expect(generateValidReport(99)).not.toEqual(generateValidReport(100));
  });
});
