/**
 * Crawler rows of tables 三/四 with blank cells printed as slashes (issue 20: the rows of
 * shanghai-office-2019 and shuyang-fgj-2023 in crawler text): the first dash glued to the label,
 * slashes run together, digits and slashes run together. Read when the printing and the totals
 * leave one reading; blank with every reading listed when they leave several; never shifted.
 */
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../source.ts';
import { interpretReport } from './index.ts';

function crawler(text: string): SourceDocument {
  return { kind: 'crawler-text', lines: [{ cells: [text], isTableRow: false }], meta: {}, warnings: [] };
}

const T3 = '三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他';
const T4 = '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计';
const ZERO = '0000000';

/** A crawler report: 本年新收 printed `received`, 予以公开 `granted`, then 1.属于国家秘密 and 2.其他法律… as given, table 四 `t4`. */
function report(received: string, granted: string, secret = ZERO, byLaw = ZERO, t4 = '000000000000000'): SourceDocument {
  return crawler(`${T3}一、本年新收政府信息公开申请数量${received}二、上年结转政府信息公开申请数量${ZERO}三、本年度办理结果（一）予以公开${granted}（二）部分公开${ZERO}（三）不予公开1.属于国家秘密${secret}2.其他法律行政法规禁止公开${byLaw}3.危及“三安全一稳定”${ZERO}${T4}${t4}五、存在的主要问题`);
}

const codesAt = (r: ReturnType<typeof interpretReport>, path: string) => (r.warnings ?? []).filter((w) => w.path === path).map((w) => w.code);
const _ = null;

describe('crawler table 三 rows with blank cells printed as slashes', () => {
  it.each([
    // 本年新收 printed, 予以公开 printed, cells of both rows, warning codes of each
    ['26/////26', '26/////26', [26, _, _, _, _, _, 26], [26, _, _, _, _, _, 26], [], []],
    ['82135//21859', '82135//21859', [821, 35, _, _, 2, 1, 859], [821, 35, _, _, 2, 1, 859], ['table3.split-inferred'], ['table3.split-inferred']],
    // Spaced, the first dash glued to the label (2.其他… row) and the last glued to the next label's item number.
    ['821 35 / / 2 1 859', '14 / / / / / 14', [821, 35, _, _, 2, 1, 859], [14, _, _, _, _, _, 14], [], []],
  ] as const)('%s / %s', (received, granted, receivedCells, grantedCells, receivedCodes, grantedCodes) => {
    const r = interpretReport(report(received, granted));
    expect(r.table3.rows.newReceived).toEqual(receivedCells);
    expect(r.table3.rows.granted).toEqual(grantedCells);
    expect(codesAt(r, 't3.newReceived')).toEqual(receivedCodes);
    expect(codesAt(r, 't3.granted')).toEqual(grantedCodes);
  });

  it('reads rows of blank cells whose first dash is glued to the label and the last to the next item number', () => {
    const r = interpretReport(report(ZERO, ZERO, '14 / / / / / /', '/ / / / / / /'));
    expect(r.table3.rows['denied.stateSecret']).toEqual([14, _, _, _, _, _, _]);
    expect(r.table3.rows['denied.prohibitedByLaw']).toEqual([_, _, _, _, _, _, _]);
    expect(codesAt(r, 't3.denied.stateSecret')).toEqual([]);
    expect(codesAt(r, 't3.denied.prohibitedByLaw')).toEqual([]);
  });

  it('reads slash runs beside labels and numbers run into the next item number', () => {
    const r = interpretReport(report(ZERO, ZERO, ' 0/////0', ' ///////'));
    expect(r.table3.rows['denied.stateSecret']).toEqual([0, _, _, _, _, _, 0]);
    expect(r.table3.rows['denied.prohibitedByLaw']).toEqual([_, _, _, _, _, _, _]);
  });

  it('leaves a row blank, with its readings, when a blank total leaves the split open (102 // // / = 10|2|… or 1|0|2|…)', () => {
    const r = interpretReport(report(ZERO, '102 // // /'));
    expect(r.table3.rows.granted).toEqual([_, _, _, _, _, _, _]);
    const w = (r.warnings ?? []).filter((x) => x.path === 't3.granted');
    expect(w.map((x) => x.code)).toEqual(['table3.row-ambiguous']);
    expect(w[0]!.message).toMatch(/1\|0\|2\|空\|空\|空\|空/);
    expect(w[0]!.message).toMatch(/10\|2\|空\|空\|空\|空\|空/);
  });

  it('does not read a row with a dash left in the label beside it (a cell of the row may be hidden there)', () => {
    // `予以公开/12//// /`: the single slash between the label and 12 stays text, so the row may start one cell earlier.
    const r = interpretReport(report(ZERO, '/12//// /'));
    expect(r.table3.rows.granted).toEqual([_, _, _, _, _, _, _]);
    expect(codesAt(r, 't3.granted')).toEqual(['table3.row-unreadable']);
  });
});

describe('crawler table 四 with blank cells printed as slashes', () => {
  it('reads digits and slash runs when the group totals leave one reading', () => {
    const r = interpretReport(report(ZERO, ZERO, ZERO, ZERO, '5//278//19/////'));
    expect(r.table4).toEqual({
      reconsideration: { upheld: 5, corrected: _, other: _, pending: 2, total: 7 },
      litigationDirect: { upheld: 8, corrected: _, other: _, pending: 1, total: 9 },
      litigationAfterReconsideration: { upheld: _, corrected: _, other: _, pending: _, total: _ },
    });
    expect(codesAt(r, 't4')).toEqual(['table4.split-inferred']);
  });
});

describe('a row whose readings agree on some cells', () => {
  it('reads the cells every reading shares and leaves the open ones blank, naming them (220000022: 2|20|… or 22|0|…)', () => {
    const r = interpretReport(report(ZERO, '220000022'));
    expect(r.table3.rows.granted).toEqual([_, _, 0, 0, 0, 0, 22]);
    const w = (r.warnings ?? []).filter((x) => x.path === 't3.granted');
    expect(w.map((x) => x.code)).toEqual(['table3.row-partly-read']);
    expect(w[0]!.message).toMatch(/「自然人」「商业企业」列各读法不同，留空/);
    expect(w[0]!.message).toMatch(/2\|20\|0\|0\|0\|0\|22/);
    expect(w[0]!.message).toMatch(/22\|0\|0\|0\|0\|0\|22/);
  });

  it('reads nothing when the readings share no number (102 // // /: only blanks agree)', () => {
    const r = interpretReport(report(ZERO, '102 // // /'));
    expect(r.table3.rows.granted).toEqual([_, _, _, _, _, _, _]);
    expect(codesAt(r, 't3.granted')).toEqual(['table3.row-ambiguous']);
  });
});

describe('PDF table 三 with rows of blank cells that print only their label', () => {
  const pdf = (lines: (string | string[])[]): SourceDocument => ({
    kind: 'pdf',
    lines: lines.map((l) => (typeof l === 'string' ? { cells: [l], isTableRow: false } : { cells: l, isTableRow: true })),
    meta: {},
    warnings: [],
  });
  const head = [T3, ['一、本年新收政府信息公开申请数量', '12', '', '', '', '', '', '12'], ['三、本年度办理结果'], ['(三)不予公开']];

  it('does not give a row the numbers of the next row whose label wraps (7.属于行政执法案卷 blank, 8.属于行 | 4040 …)', () => {
    const r = interpretReport(pdf([...head,
      ['6.属于四类过程性信息', '1212', '404', '', '', '', '', ''],
      ['7.属于行政执法案卷'],
      ['8.属于行', '4040', '808', '', '', '', '', ''],
      ['政查询事项'],
      ['(四)无法提供'],
    ]));
    expect(r.table3.rows['denied.processInformation']).toEqual([1212, 404, _, _, _, _, _]);
    expect(r.table3.rows['denied.enforcementFiles']).toEqual([_, _, _, _, _, _, _]);
    expect(r.table3.rows['denied.administrativeQuery']).toEqual([_, _, _, _, _, _, _]);
    expect((r.warnings ?? []).some((w) => w.code === 'table3.rows-unaligned' && w.path === 't3.denied.enforcementFiles')).toBe(true);
  });
});
