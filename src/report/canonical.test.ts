import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { corpusDir, corpusPath } from '../../test/support/corpus.ts';
import { isCanonicalReportJson, parseCanonicalReport } from './canonical.ts';
import { cleanReport } from '../../test/support/report/clean-report.ts';
import { arbitraryValidReport } from '../../test/support/report/generate.ts';

const truthFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.truth.json')).sort();
const seedJson = (): Record<string, unknown> & { table3: { rows: Record<string, unknown> }; table4: Record<string, Record<string, unknown>> } =>
  JSON.parse(readFileSync(corpusPath('seed-taiping-wenlv-2023.truth.json'), 'utf8'));

function errorsOf(json: unknown): { path: string; message: string }[] {
  const result = parseCanonicalReport(json);
  if (result.ok) throw new Error('expected the parse to fail');
  return result.errors;
}

describe('parseCanonicalReport', () => {
  it.each(truthFiles)('accepts %s and keeps its tables cell for cell', (name) => {
    const json = JSON.parse(readFileSync(corpusPath(name), 'utf8'));
    const result = parseCanonicalReport(json);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.table2).toEqual(json.table2);
    expect(result.report.table3).toEqual(json.table3);
    expect(result.report.table4).toEqual(json.table4);
    expect(result.report.publishedOn).toBe(json.publishedOn);
  });

  it('drops unknown top-level keys (_unscored, notes) and keeps warnings', () => {
    const json = { ...seedJson(), _unscored: ['t3.carriedForward[6]'], notes: 'x', warnings: [{ code: 'table3.cell-missing', path: 't3.granted', message: '缺一格' }] };
    const result = parseCanonicalReport(json);
    expect(result.ok && Object.keys(result.report)).toEqual(['agency', 'year', 'format', 'table2', 'table3', 'table4', 'warnings']);
  });

  it('round-trips a hand-built report and random valid reports', () => {
    expect(parseCanonicalReport(JSON.parse(JSON.stringify(cleanReport())))).toEqual({ ok: true, report: cleanReport() });
    fc.assert(fc.property(arbitraryValidReport(), (report) => {
      expect(parseCanonicalReport(JSON.parse(JSON.stringify(report)))).toEqual({ ok: true, report });
    }), { numRuns: 100, seed: 5 });
  });

  it('accepts what the rules report rather than refuse: negative and fractional counts, missing rows', () => {
    const json = seedJson();
    json.table3.rows.granted = [-1, 0.5, 0, 0, 0, 0, 0];
    delete json.table3.rows['denied.stateSecret'];
    expect(parseCanonicalReport(json).ok).toBe(true);
  });

  it('names a row of the wrong length', () => {
    const json = seedJson();
    json.table3.rows.granted = [0, 0, 0, 0, 0, 0];
    expect(errorsOf(json)).toEqual([{ path: 'table3.rows.granted', message: 'table3.rows.granted：应为 7 个数值或 null 的数组，实际为 6 个' }]);
  });

  it('names each bad field in Chinese, all at once', () => {
    const json = seedJson();
    json.year = '2023';
    json.format = 2021;
    json.publishedOn = '2024-02-30';
    json.table3.rows.newReceived = [0, '3', 0, 0, 0, 0, 0];
    json.table3.rows.bogus = [0, 0, 0, 0, 0, 0, 0];
    delete json.table4.reconsideration?.total;
    delete json.table2;
    const errors = errorsOf(json);
    expect(errors.map((e) => e.path).sort()).toEqual([
      'format', 'publishedOn', 'table2', 'table3.rows.bogus', 'table3.rows.newReceived[1]', 'table4.reconsideration.total', 'year',
    ]);
    const messages = errors.map((e) => e.message);
    expect(messages).toContain('year：应为年度（整数）或 null，实际为文字「2023」');
    expect(messages).toContain('table3.rows.newReceived[1]：应为数值或 null，实际为文字「3」');
    expect(messages).toContain('table4.reconsideration.total：缺少此项（应为数值或 null）');
    expect(messages).toContain('publishedOn：应为有效日期 YYYY-MM-DD，实际为文字「2024-02-30」');
    expect(messages).toContain('table2：缺少此项（应为对象）');
  });

  it.each([null, [], 'text', 42])('refuses %j as a whole', (json) => {
    expect(errorsOf(json)[0]?.message).toMatch(/^应为规范年报的 JSON 对象/);
  });

  it('refuses a section with an unknown key', () => {
    const json = { ...seedJson(), sections: [{ key: 'summary', title: '一、总体情况', text: '' }] };
    expect(errorsOf(json).map((e) => e.path)).toEqual(['sections[0].key']);
  });
});

describe('isCanonicalReportJson', () => {
  it('recognises canonical JSON, with or without a byte-order mark', () => {
    const text = readFileSync(corpusPath('pingtan-2023.truth.json'), 'utf8');
    expect(isCanonicalReportJson(text)).toBe(true);
    expect(isCanonicalReportJson(`\uFEFF  ${text}`)).toBe(true);
  });
  it.each([
    ['crawler text', readFileSync(corpusPath('pingtan-2023.txt'), 'utf8')],
    ['an HTML page', '<html><body>{"table3": 1}</body></html>'],
    ['other JSON', '{"name": "gongkai"}'],
    ['a JSON array', '[{"table3": {}}]'],
    ['broken JSON', '{"table3": '],
  ])('is false for %s', (_name, text) => {
    expect(isCanonicalReportJson(text)).toBe(false);
  });
});
