/**
 * Rows whose printed figures break the arithmetic (issue 20, class 3): read as printed when the
 * printing leaves one reading, with a warning, so that the validator reports the agency's error;
 * left blank, with every reading listed, when the printing admits several.
 */
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../source.ts';
import { interpretReport } from './index.ts';
import { validateReport } from '../../rules.ts';

function crawler(text: string): SourceDocument {
  return { kind: 'crawler-text', lines: [{ cells: [text], isTableRow: false }], meta: {}, warnings: [] };
}

const T3 = '三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他';
const T4 = '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计';

/** A crawler report whose 予以公开 row is printed as `granted`, table 四 as `t4`. */
function report(granted: string, t4 = '000000000000000'): SourceDocument {
  return crawler(`${T3}一、本年新收政府信息公开申请数量0000000二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开${granted}（二）部分公开0000000${T4}${t4}五、存在的主要问题`);
}

const warningsAt = (r: ReturnType<typeof interpretReport>, path: string) => (r.warnings ?? []).filter((w) => w.path === path);

describe('table 三 rows whose printed figures break the row total', () => {
  it.each([
    // printed as, cells read, warning code, what the message must say
    ['12 0 3 0 0 0 16', [12, 0, 3, 0, 0, 0, 16], 'table3.printed-totals-broken', /按印出的数字分隔读作 12、0、3、0、0、0、16（唯一读法），印出的数字不符合行合计/],
    ['1000003', [1, 0, 0, 0, 0, 0, 3], 'table3.printed-totals-broken', /读作 1、0、0、0、0、0、3/],
    ['10 0 0 0 0 0 3', [10, 0, 0, 0, 0, 0, 3], 'table3.printed-totals-broken', /读作 10、0、0、0、0、0、3/],
    // Seven digits, but 55|0|0|0|(blank)|10 also keeps the total: the printing admits both.
    ['5500010', [null, null, null, null, null, null, null], 'table3.row-ambiguous', /7 种读法.*共 7 种，列出 5 种）：5\|5\|0\|0\|0\|1\|0、空\|5\|5\|0\|0\|0\|10、/],
    // 120 is 1|20 or 12|0, or 16 is 1|6: three readings, all breaking the total.
    ['120 3 0 0 0 16', [null, null, null, null, null, null, null], 'table3.row-ambiguous', /3 种读法，各格留空.*：1\|20\|3\|0\|0\|0\|16、12\|0\|3\|0\|0\|0\|16、120\|3\|0\|0\|0\|1\|6。/],
  ] as const)('%s', (printed, cells, code, message) => {
    const r = interpretReport(report(printed));
    expect(r.table3.rows.granted).toEqual(cells);
    const w = warningsAt(r, 't3.granted');
    expect(w.map((x) => x.code)).toEqual([code]);
    expect(w[0]!.message).toMatch(message);
  });

  it('lets the validator report the broken row total of a row read as printed', () => {
    const r = interpretReport(report('12 0 3 0 0 0 16'));
    const findings = validateReport(r).filter((f) => f.cells.some((c) => c.startsWith('t3.granted')));
    expect(findings.map((f) => f.rule)).toContain('T3-ROW-TOTAL');
  });

  it('still prefers the one reading that satisfies the total (801000081)', () => {
    const r = interpretReport(report('801000081'));
    expect(r.table3.rows.granted).toEqual([80, 1, 0, 0, 0, 0, 81]);
    expect(warningsAt(r, 't3.granted').map((w) => w.code)).toEqual(['table3.split-inferred']);
  });
});

describe('table 四 whose printed figures break a group total', () => {
  it.each([
    ['100000000000000', [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'table4.printed-totals-broken'],
    ['1 0 0 0 2 0 0 0 0 0 0 0 0 0 0', [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'table4.printed-totals-broken'],
  ] as const)('%s', (printed, cells, code) => {
    const r = interpretReport(report('0000000', printed));
    const read = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].flatMap((g) => Object.values(r.table4[g as 'reconsideration']!));
    expect(read).toEqual(cells);
    expect(warningsAt(r, 't4').map((w) => w.code)).toEqual([code]);
  });
});

describe('blank cells printed as dashes in crawler text', () => {
  it('reads 821 35 / / 2 1 859 with its two blank cells, the total holding', () => {
    const r = interpretReport(report('821 35 / / 2 1 859'));
    expect(r.table3.rows.granted).toEqual([821, 35, null, null, 2, 1, 859]);
    expect(warningsAt(r, 't3.granted')).toEqual([]);
  });
});
