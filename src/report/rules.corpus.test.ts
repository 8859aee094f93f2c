/**
 * The rules on the real reports of shared/corpus/dev (truth files: the tables as printed,
 * defects included). Expectations come from reading each report, not from the validator.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { corpusDir, corpusPath } from '../../test/support/corpus.ts';
import { parseCanonicalReport } from './canonical.ts';
import { validateReport } from './rules.ts';
import type { AnnualReport } from './model.ts';
import type { Finding } from './findings.ts';

const truthFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.truth.json')).sort();

function load(name: string): AnnualReport {
  const parsed = parseCanonicalReport(JSON.parse(readFileSync(corpusPath(name), 'utf8')));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.report;
}

/** Every null cell path of a truth file, read from the JSON itself. */
function blankCells(name: string): string[] {
  const json = JSON.parse(readFileSync(corpusPath(name), 'utf8')) as {
    table2: Record<string, Record<string, unknown>>; table3: { rows: Record<string, unknown[]> }; table4: Record<string, Record<string, unknown>>;
  };
  const paths: string[] = [];
  for (const [row, cells] of Object.entries(json.table2)) for (const [c, v] of Object.entries(cells)) if (v === null) paths.push(`t2.${row}.${c}`);
  for (const [row, cells] of Object.entries(json.table3.rows)) cells.forEach((v, i) => { if (v === null) paths.push(`t3.${row}[${i}]`); });
  for (const [group, cells] of Object.entries(json.table4)) for (const [c, v] of Object.entries(cells)) if (v === null) paths.push(`t4.${group}.${c}`);
  return paths.sort();
}

const errors = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');

describe('corpus truth files', () => {
  it('finds the truth files of the dev corpus, each beside its document', () => {
    expect(truthFiles.length).toBeGreaterThanOrEqual(16);
    const documents = readdirSync(corpusDir).filter((f) => !f.endsWith('.json') && f !== 'README.md');
    for (const truth of truthFiles) {
      expect(documents.some((d) => d.replace(/\.[^.]+$/, '') === truth.replace(/\.truth\.json$/, '')), truth).toBe(true);
    }
  });

  it.each(truthFiles)('%s parses as canonical JSON', (name) => {
    const parsed = parseCanonicalReport(JSON.parse(readFileSync(corpusPath(name), 'utf8')));
    expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors)).toBe(true);
  });

  it.each(truthFiles)('%s: every blank cell is reported by CELL-BLANK and by nothing else', (name) => {
    const findings = validateReport(load(name));
    const blankFindings = findings.filter((f) => f.rule === 'CELL-BLANK');
    expect(blankFindings.flatMap((f) => f.cells).sort()).toEqual(blankCells(name));
    expect(blankFindings.every((f) => f.severity === 'warning')).toBe(true);
  });

  // Reports whose tables add up as printed (checked by hand; hongze prints the single （六） row).
  // The corpus README lists, per file, the rules the source breaks as printed ("none" for these).
  it.each([
    'seed-taiping-wenlv-2023.truth.json', 'hongze-2024.truth.json', 'pingtan-2023.truth.json', 'pingtan-zrzy-2019.truth.json',
    // 2019 template: 本年增/减 -1 is a decrease, which T2-CELL allows.
    'pingtan-gwh-2020.truth.json',
    'pingtan-lyy-2020.truth.json', 'pingtan-spp-2020.truth.json', 'pingtan-zhz-2020.truth.json', 'pingtan-gwh-2023.truth.json', 'pingtan-hzs-2023.truth.json',
  ])(
    '%s: no finding at all', (name) => {
      expect(validateReport(load(name))).toEqual([]);
    });

  it('pingtan-gaj-2021: the application counted both as handled and as carried forward breaks the balance in 自然人 and 总计', () => {
    // 新收 1 + 上年结转 0 = 1, but （七）总计 1 + 结转下年度 1 = 2, in columns 自然人 and 总计 only.
    const findings = validateReport(load('pingtan-gaj-2021.truth.json'));
    expect(findings.map((f) => [f.rule, f.cells])).toEqual([
      ['T3-BALANCE', ['t3.newReceived[0]', 't3.carriedOver[0]', 't3.totalProcessed[0]', 't3.carriedForward[0]']],
      ['T3-BALANCE', ['t3.newReceived[6]', 't3.carriedOver[6]', 't3.totalProcessed[6]', 't3.carriedForward[6]']],
    ]);
    expect(findings[0]?.message).toContain('「一、本年新收」1 +「二、上年结转」0 = 1');
    expect(findings[0]?.message).toContain('「（七）总计」1 +「四、结转下年度继续办理」1 = 2');
  });

  it('pingtan-zrzy-2020: the 法律服务机构 application that appears only in an outcome row breaks （七）总计 in that column and in 总计', () => {
    // 法律服务机构: outcomes 1, （七）总计 0; 总计: outcomes 2+4+2+2 = 10, （七）总计 9. The balance holds (9+0 = 9+0).
    const findings = validateReport(load('pingtan-zrzy-2020.truth.json'));
    expect(findings.map((f) => [f.rule, f.severity, f.cells[0]])).toEqual([
      ['T3-OUTCOME-TOTAL', 'error', 't3.totalProcessed[4]'],
      ['T3-OUTCOME-TOTAL', 'error', 't3.totalProcessed[6]'],
    ]);
    expect(findings[1]?.message).toContain('应为 10');
  });

  it('pingtan-scj-2022: （六）2 and （六）3 print no values: 14 blank cells, warnings only', () => {
    const findings = validateReport(load('pingtan-scj-2022.truth.json'));
    expect(errors(findings)).toEqual([]);
    expect(findings.flatMap((f) => f.cells)).toHaveLength(14);
    expect(findings.every((f) => f.rule === 'CELL-BLANK')).toBe(true);
  });

  it('shuyang-fgj-2023: all 法人或其他组织 columns blank → five column warnings, no arithmetic error', () => {
    const findings = validateReport(load('shuyang-fgj-2023.truth.json'));
    expect(errors(findings)).toEqual([]);
    expect(findings).toHaveLength(5);
    expect(findings.every((f) => f.rule === 'CELL-BLANK' && f.cells.length === 25)).toBe(true);
    expect(findings.map((f) => f.message).join()).toContain('「法人或其他组织·商业企业」列全部 25 行为空白');
  });

  it('shanghai-kewei-2024: the blank 结转下年度·总计 is a warning; the 自然人 column still balances', () => {
    const findings = validateReport(load('shanghai-kewei-2024.truth.json'));
    expect(findings.map((f) => [f.rule, f.cells])).toEqual([['CELL-BLANK', ['t3.carriedForward[6]']]]);
  });

  it('shanghai-office-2019: 135 blank cells, warnings only (sums with a blank operand are not checked)', () => {
    const findings = validateReport(load('shanghai-office-2019.truth.json'));
    expect(errors(findings)).toEqual([]);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['CELL-BLANK']));
    expect(blankCells('shanghai-office-2019.truth.json')).toHaveLength(135);
  });

  it('the seed with 新收 [3,0,0,0,0,0,2] names the row total at t3.newReceived[6]', () => {
    const report = load('seed-taiping-wenlv-2023.truth.json');
    report.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2];
    const rowTotal = validateReport(report).find((f) => f.rule === 'T3-ROW-TOTAL');
    expect(rowTotal?.cells[0]).toBe('t3.newReceived[6]');
    expect(rowTotal?.message).toBe('表三「一、本年新收政府信息公开申请数量」行「总计」列应为 3（自然人与法人或其他组织五列之和：3 + 0 + 0 + 0 + 0 + 0），报告填写为 2。');
  });

  it('pingtan-gaj-2021 as the year before a 2022 report that carries over its 1 application: no finding', () => {
    const previous = load('pingtan-gaj-2021.truth.json');
    const next = structuredClone(previous);
    next.year = 2022;
    next.publishedOn = '2023-01-20';
    // 新收 0 + 上年结转 1 (= last year's 结转下年度 1) = （七）总计 1 (（六）3.其他) + 结转下年度 0.
    next.table3.rows.newReceived = [0, 0, 0, 0, 0, 0, 0];
    next.table3.rows.carriedOver = [1, 0, 0, 0, 0, 0, 1];
    next.table3.rows.carriedForward = [0, 0, 0, 0, 0, 0, 0];
    expect(validateReport(next, { previous })).toEqual([]);
    next.table3.rows.carriedOver = [0, 0, 0, 0, 0, 0, 0];
    next.table3.rows.newReceived = [1, 0, 0, 0, 0, 0, 1];
    expect(validateReport(next, { previous }).map((f) => [f.rule, f.cells])).toEqual([
      ['X-CARRY', ['t3.carriedOver[0]']], ['X-CARRY', ['t3.carriedOver[6]']],
    ]);
  });
});
