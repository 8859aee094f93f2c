/**
 * Blank columns of a PDF table (pdf-columns.ts): a column no row prints a number in is found from
 * its header cell in the gap the numbers leave — heads of four characters (「科研机构」「社会公益」)
 * included — so each row's numbers keep their columns.
 */
import { describe, expect, it } from 'vitest';
import { alignTableColumns } from './pdf-columns.ts';
import type { DocLine } from './pdf-document.ts';
import type { LaidCell } from './pdf-layout.ts';

const FS = 8;
const cell = (text: string, x0: number, value = /^\d+$/.test(text)): LaidCell => ({ text, x0, x1: x0 + text.length * (value ? FS / 2 : FS), fontSize: FS, value });
const line = (cells: LaidCell[], i: number): DocLine => ({ page: 1, isTable: true, laid: { cells, center: 100 + 12 * i, top: 96 + 12 * i, bottom: 104 + 12 * i, fontSize: FS } });

/** Column heads at the x positions of the dev corpus's shanghai-office-2019 PDF variant (seven columns, 38 points apart). */
const HEADS = ['自然人', '商业企业', '科研机构', '社会公益', '法律服务', '其他', '总计'];
const HEAD_X = [291, 321, 359, 397, 435, 489, 527];

function table(rows: (string | undefined)[][]): DocLine[] {
  const lines = [line(HEADS.map((h, k) => cell(h, HEAD_X[k]!)), 0)];
  rows.forEach((r, i) => {
    const cells = [cell(`行${i + 1}`, 43, false)];
    r.forEach((v, k) => { if (v !== undefined) cells.push(cell(v, HEAD_X[k]! + 8)); });
    lines.push(line(cells, i + 1));
  });
  return lines;
}

describe('PDF table columns left blank in every row', () => {
  it('puts each number in its column when the 科研机构 and 社会公益 columns are blank throughout', () => {
    const lines = table([
      ['178978', '7630', undefined, undefined, '436', '218', '187262'],
      ['3924', undefined, undefined, undefined, undefined, undefined, '3924'],
      ['56244', '2616', undefined, undefined, '218', '218', undefined],
    ]);
    const warnings: { code: string; path?: string; message: string }[] = [];
    alignTableColumns(lines, warnings);
    expect(lines.slice(1).map((l) => l.laid.cells.map((c) => c.text))).toEqual([
      ['行1', '178978', '7630', '', '', '436', '218', '187262'],
      ['行2', '3924', '', '', '', '', '', '3924'],
      ['行3', '56244', '2616', '', '', '218', '218', ''],
    ]);
    expect(warnings).toEqual([]);
  });

  it('places the columns from the row of heads when only 自然人 and 总计 hold numbers (no pitch from two columns)', () => {
    const lines = table([
      ['955838', undefined, undefined, undefined, undefined, undefined, '955838'],
      ['0', undefined, undefined, undefined, undefined, undefined, '0'],
    ]);
    alignTableColumns(lines, []);
    expect(lines.slice(1).map((l) => l.laid.cells.map((c) => c.text))).toEqual([
      ['行1', '955838', '', '', '', '', '', '955838'],
      ['行2', '0', '', '', '', '', '', '0'],
    ]);
  });

  it('places blank columns after the last value column from the row of heads (table 四: its third group blank)', () => {
    const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const x = Array.from({ length: 15 }, (_, k) => 43 + 34 * k);
    const lines = [line(x.map((x0, k) => cell(heads[k % 5]!, x0)), 0), line([cell('5', 55), cell('2', 161), cell('7', 199), cell('8', 225), cell('1', 331), cell('9', 369)], 1)];
    alignTableColumns(lines, []);
    expect(lines[1]!.laid.cells.map((c) => c.text)).toEqual(['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']);
  });
});
