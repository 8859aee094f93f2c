/** Ambiguous rows and cells list their consistent readings in the warning (at most five). */
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../source.ts';
import { evenFirst, listReadings } from './candidates.ts';
import { interpretReport } from './index.ts';

const crawler = (text: string): SourceDocument => ({ kind: 'crawler-text', lines: [{ cells: [text], isTableRow: false }], meta: {}, warnings: [] });
const message = (doc: SourceDocument, path: string): string | undefined => interpretReport(doc).warnings?.find((w) => w.path === path)?.message;

describe('listReadings', () => {
  it('lists every reading when there are five or fewer', () => {
    expect(listReadings([[7, 0, 20], [70, 2, 0]])).toBe('可能的读法：7|0|20、70|2|0。');
    expect(listReadings([[1, null]])).toBe('可能的读法：1|空。');
    expect(listReadings([])).toBe('');
  });
  it('says how many there are and lists five when there are more', () => {
    const readings = Array.from({ length: 7 }, (_, i) => [i, 0]);
    expect(listReadings(readings)).toBe('可能的读法（共 7 种，列出 5 种）：0|0、1|0、2|0、3|0、4|0、…');
    expect(listReadings(readings.slice(0, 2), true)).toBe('可能的读法（共 2 种以上，列出 2 种）：0|0、1|0、…');
  });
  it('orders free splits most even first', () => {
    expect(evenFirst([['7', '7', '132470'], ['77', '132', '470'], ['7', '71', '32470']])).toEqual([['77', '132', '470'], ['7', '71', '32470'], ['7', '7', '132470']]);
  });
});

describe('warnings of ambiguous rows', () => {
  it('table 二: a run of digits with several splits lists them and stays null (pingtan-2023 77132470)', () => {
    const doc = crawler('二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470申请人情况');
    const r = interpretReport(doc);
    expect(r.table2.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
    expect(message(doc, 't2.normativeDocuments')).toMatch(/可能的读法（共 21 种，列出 5 种）：77\|132\|470、771\|32\|470、771\|324\|70、7\|713\|2470、7\|7132\|470、…$/);
  });

  it('table 三: a split the row total leaves open lists its readings', () => {
    const doc = crawler('申请人情况(二)部分公开(区分处理的,只计这一情形,不计其他情形)191000020(三)不予公开');
    expect(message(doc, 't3.partiallyGranted')).toMatch(/可能的读法：1\|9\|10\|0\|0\|0\|20、19\|1\|0\|0\|0\|0\|20。$/);
  });
});
