import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../model.ts';
import { renderReport, RENDER_FORMATS } from './index.ts';
import { renderJson, toCanonicalReport } from './json.ts';
import { loadTruth, seedWithSections } from '../../../test/support/truth.ts';

describe('canonical JSON', () => {
  it('orders keys as the spec, drops warnings, pretty-prints', () => {
    const seed = seedWithSections();
    const shuffled: AnnualReport = {
      table4: seed.table4, table3: seed.table3, sections: seed.sections, table2: seed.table2, publishedOn: seed.publishedOn,
      format: seed.format, year: seed.year, agency: seed.agency, warnings: [{ code: 'x', message: '疑问' }], agencyKind: 'department',
    };
    const text = renderJson(shuffled);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['agency', 'year', 'format', 'agencyKind', 'publishedOn', 'table2', 'table3', 'table4', 'sections']);
    expect(text).not.toContain('warnings');
    expect(text).toContain('\n  "year": 2023,');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps template order of rows and columns, and every value (null stays null)', () => {
    for (const name of ['shanghai-office-2019', 'hongze-2024', 'pingtan-2023']) {
      const truth = loadTruth(name);
      const canonical = toCanonicalReport(truth);
      expect(JSON.parse(renderJson(truth))).toEqual(JSON.parse(JSON.stringify(canonical)));
      expect(canonical.table3.rows).toEqual(truth.table3.rows);
      expect(canonical.table2).toEqual(truth.table2);
      expect(canonical.table4).toEqual(truth.table4);
      expect(Object.keys(canonical.table3.rows)).toEqual(Object.keys(truth.table3.rows));
    }
    const reordered = loadTruth('shanghai-office-2019');
    reordered.table4 = { litigationAfterReconsideration: reordered.table4.litigationAfterReconsideration, reconsideration: reordered.table4.reconsideration };
    expect(Object.keys(toCanonicalReport(reordered).table4)).toEqual(['reconsideration', 'litigationAfterReconsideration']);
  });

  it('renders every format to bytes', async () => {
    for (const format of RENDER_FORMATS) {
      const bytes = await renderReport(loadTruth('hongze-2024'), format);
      expect(bytes.byteLength, format).toBeGreaterThan(500);
    }
  });
});
