/**
 * 表二 runs printed without separators (issue 20, classes 4 and 5): a negative 本年增/减 joined to
 * its neighbours, the printed spaces of crawler text, and the report's own evidence (its
 * narrative, last year's report) — each case asserts every cell of the row and the warning that
 * says what chose the reading, or the candidates when nothing does.
 */
import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../model.ts';
import type { SourceDocument } from '../source.ts';
import { interpretReport } from './index.ts';

function crawler(text: string): SourceDocument {
  return { kind: 'crawler-text', lines: [{ cells: [text], isTableRow: false }], meta: {}, warnings: [] };
}

const T2_2019 = '二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件000'
  + '第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量';
const T2_2021 = '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000';
const T3 = '三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计（三）不予公开1.属于国家秘密0000000（六）其他处理0000000';

/** A 2019 report (single （六）其他处理 row) whose 行政许可 row and 行政事业性收费 row print as given. */
function report2019(licensing: string, fees = '00'): SourceDocument {
  return crawler(`2020年度政府信息公开工作年度报告一、总体情况本年无。${T2_2019}行政许可${licensing}其他对外管理服务事项000`
    + `第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费${fees}${T3}`);
}

/** A 2021 report with `narrative` in 一、总体情况 and 行政规范性文件 printed as `run`. */
function report2021(run: string, narrative = '本年度工作平稳。'): SourceDocument {
  return crawler(`2023年度政府信息公开工作年度报告一、总体情况${narrative}${T2_2021}行政规范性文件${run}第二十条第（五）项信息内容本年处理决定数量行政许可0`
    + `${T3.replace('（六）其他处理0000000', '（六）其他处理1.申请人无正当理由逾期不补正0000000')}`);
}

const warningsAt = (r: AnnualReport, path: string) => (r.warnings ?? []).filter((w) => w.path === path);

describe('a negative 本年增/减 joined to its neighbours (2019 template)', () => {
  it.each([
    // printed, 行政许可 cells, warning code, what the warning says
    ['1-10', { itemsLastYear: 1, itemsChange: -1, decisions: 0 }, 'table2.split-inferred', /（1-10），只有一种拆分：1、-1、0（负号起于“本年增\/减”一格）/],
    ['12-125', { itemsLastYear: null, itemsChange: null, decisions: null }, 'table2.split-ambiguous', /12\|-1\|25、12\|-12\|5/],
    ['46-380', { itemsLastYear: null, itemsChange: null, decisions: null }, 'table2.split-ambiguous', /46\|-3\|80、46\|-38\|0/],
    ['5-30', { itemsLastYear: 5, itemsChange: -3, decisions: 0 }, 'table2.split-inferred', /只有一种拆分：5、-3、0/],
  ] as const)('行政许可 %s', (printed, cells, code, message) => {
    const r = interpretReport(report2019(printed));
    expect(r.format).toBe('2019');
    expect(r.table2.licensing).toEqual(cells);
    const w = warningsAt(r, 't2.licensing');
    expect(w.map((x) => x.code)).toEqual([code]);
    expect(w[0]!.message).toMatch(message);
  });

  it('reads 12-12 in the two-column 行政事业性收费 row as 12 | -12', () => {
    const r = interpretReport(report2019('000', '12-12'));
    expect(r.table2.fees).toEqual({ itemsLastYear: 12, itemsChange: -12 });
    expect(warningsAt(r, 't2.fees')[0]!.message).toMatch(/只有一种拆分：12、-12/);
  });

  it('never reads the minus as a cell of its own or into another column', () => {
    // The sign can start only 本年增/减: in 1-1-0 a second sign has no column to start.
    const r = interpretReport(report2019('1-1-0'));
    expect(r.table2.licensing).toEqual({ itemsLastYear: null, itemsChange: null, decisions: null });
    expect(warningsAt(r, 't2.licensing').map((w) => w.code)).toEqual(['table2.split-ambiguous']);
  });
});

describe('the printed spaces of crawler text', () => {
  it.each([
    ['15 11 0', { itemsLastYear: 15, itemsChange: 11, decisions: 0 }, 'table2.split-by-spacing', /按印出的空格分隔只有一种：15、11、0/],
    ['0 28 0', { itemsLastYear: 0, itemsChange: 28, decisions: 0 }, 'table2.split-by-spacing', /只有一种：0、28、0/],
    // Two pieces for three cells: 151 is 15|1 or 1|51 — still ambiguous, both listed.
    ['151 0', { itemsLastYear: null, itemsChange: null, decisions: null }, 'table2.split-ambiguous', /1\|51\|0、15\|1\|0|15\|1\|0、1\|51\|0/],
  ] as const)('行政许可 %s', (printed, cells, code, message) => {
    const r = interpretReport(report2019(printed));
    expect(r.table2.licensing).toEqual(cells);
    const w = warningsAt(r, 't2.licensing');
    expect(w.map((x) => x.code)).toEqual([code]);
    expect(w[0]!.message).toMatch(message);
  });
});

describe('evidence from the report for a run with several readings', () => {
  const previous = (inForce: number): AnnualReport => ({
    agency: '某局', year: 2022, format: '2021',
    table2: { normativeDocuments: { issued: 3, repealed: 0, inForce } },
    table3: { columns: [], rows: {} }, table4: {},
  });
  it.each([
    // run, narrative, previous report, cells, code, the evidence named
    ['584470', '今年制发行政规范性文件58件，均已公开。', previous(416),
      { issued: 58, repealed: 4, inForce: 470 }, 'table2.split-by-evidence',
      /可拆成 \d+ 种读法；按报告正文“今年制发行政规范性文件58件[^”]*”与上一年度报告（上年现行有效 416 \+ 本年制发 − 本年废止 = 本年现行有效），只有一种相符：58、4、470/],
    // The narrative alone narrows 584470 to the three readings starting with 58, and says so.
    ['584470', '今年制发行政规范性文件58件，均已公开。', undefined,
      { issued: null, repealed: null, inForce: null }, 'table2.split-ambiguous', /按报告正文“今年制发行政规范性文件58件[^”]*”可排除部分读法，仍有 3 种：58\|4\|470、58\|44\|70、58\|447\|0。/],
    ['5416', '全面梳理了我局现行有效的规范性文件16件。', undefined,
      { issued: 5, repealed: 4, inForce: 16 }, 'table2.split-by-evidence', /按报告正文“全面梳理了我局现行有效的规范性文件16件”/],
    ['6051', '本年度工作平稳。', previous(45),
      { issued: 6, repealed: 0, inForce: 51 }, 'table2.split-by-evidence', /按上一年度报告（上年现行有效 45 \+ 本年制发 − 本年废止 = 本年现行有效），只有一种相符：6、0、51/],
    // No evidence: blank, candidates listed.
    ['6051', '本年度工作平稳。', undefined,
      { issued: null, repealed: null, inForce: null }, 'table2.split-ambiguous', /可能的读法：6\|0\|51、60\|5\|1。/],
    // A clause about a running total is no evidence (累计), nor one about another year.
    ['584470', '累计制发行政规范性文件58件。2022年制发行政规范性文件58件。', undefined,
      { issued: null, repealed: null, inForce: null }, 'table2.split-ambiguous', /可能的读法/],
    // Evidence that agrees with no reading is about something else: passed over.
    ['6051', '现行有效行政规范性文件393件。', undefined,
      { issued: null, repealed: null, inForce: null }, 'table2.split-ambiguous', /可能的读法：6\|0\|51、60\|5\|1。/],
    // Narrative and last year's report picking different readings: left open.
    ['6051', '现行有效行政规范性文件1件。', previous(45),
      { issued: null, repealed: null, inForce: null }, 'table2.split-ambiguous', /可能的读法/],
  ] as const)('%s with “%s”', (run, narrative, prev, cells, code, message) => {
    const r = interpretReport(report2021(run, narrative), prev ? { previous: prev } : {});
    expect(r.format).toBe('2021');
    expect(r.table2.normativeDocuments).toEqual(cells);
    const w = warningsAt(r, 't2.normativeDocuments');
    expect(w.map((x) => x.code)).toEqual([code]);
    expect(w[0]!.message).toMatch(message);
  });
});

describe('importReport passes last year\'s report to the interpreter', () => {
  it('chooses 6|0|51 of a text file by the previous report, and only with it', async () => {
    const { importReport } = await import('../index.ts');
    const text = `某局2023年度政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n${T2_2021}\n行政规范性文件6051\n${T3}\n`;
    const file = { name: 'r.txt', bytes: new TextEncoder().encode(text) };
    const previous: AnnualReport = { agency: '某局', year: 2022, format: '2021', table2: { normativeDocuments: { issued: 3, repealed: 0, inForce: 45 } }, table3: { columns: [], rows: {} }, table4: {} };
    expect((await importReport(file, { previous })).report.table2.normativeDocuments).toEqual({ issued: 6, repealed: 0, inForce: 51 });
    expect((await importReport(file)).report.table2.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
  });
});
