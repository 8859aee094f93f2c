import { describe, expect, it } from 'vitest';
import { readPdf } from './pdf.ts';
import { layOutDocument, type PdfPage } from './pdf-document.ts';
import type { PdfFragment } from './pdf-layout.ts';
import { SourceReadError } from '../read-error.ts';

/** A fragment of CJK text: each character 1 em wide. */
const f = (text: string, x: number, y: number, fontSize = 10): PdfFragment => ({ text, x, y, fontSize, width: [...text].length * fontSize * (/^[\d.]+$/u.test(text) ? 0.5 : 1) });
const page = (fragments: PdfFragment[]): PdfPage => ({ fragments, width: 595, height: 842 });
const body = (y: number): PdfFragment => f('正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文', 74, y, 16);
const values = (y: number, cells: (string | undefined)[], fontSize = 14): PdfFragment[] =>
  cells.flatMap((v, i) => (v === undefined ? [] : [f(v, 320 + i * 28, y, fontSize)]));

describe('layOutDocument', () => {
  it('joins a label wrapped inside its cell with the numbers centred in the row', () => {
    const doc = layOutDocument([page([
      body(700), body(672), body(644),
      f('一、本年新收政府信息公开申请数量', 77, 330), ...values(328.7, ['95', '0', '95']),
      f('（二）部分公开（区分处理的，只计这一情 形，不', 104, 265, 9), f('计其他情形）', 104, 251.5, 9), ...values(257.3, ['9', '0', '9']),
      f('1.', 180, 230, 10), f('属于国家秘密', 187.5, 230, 9), ...values(230.5, ['0', '0', '0']),
    ])]);
    const rows = doc.lines.filter((l) => l.isTableRow).map((l) => l.cells);
    expect(rows).toEqual([
      ['一、本年新收政府信息公开申请数量', '95', '0', '95'],
      ['(二)部分公开(区分处理的,只计这一情形,不计其他情形)', '9', '0', '9'],
      ['1.属于国家秘密', '0', '0', '0'],
    ]);
  });

  it('keeps the positions of blank cells from the column positions', () => {
    const doc = layOutDocument([page([
      f('自然人', 318, 400), f('商业企业', 343, 400), f('科研机构', 371, 400), f('总计', 409, 400),
      f('一、本年新收', 77, 370), ...values(370, ['18', '2', '1', '21']),
      f('二、上年结转', 77, 350), ...values(350, ['18', undefined, undefined, '18']),
    ])]);
    expect(doc.lines.map((l) => l.cells)).toContainEqual(['二、上年结转', '18', '', '', '18']);
  });

  it('drops page numbers and running headers, keeps a table row low on the page', () => {
    const pages = [1, 2, 3].map((n) => page([f('洪泽区人民政府', 250, 800, 9), body(700), f(`- ${n} -`, 290, 30, 13), f(['一、新收', '二、结转', '四、结转下年度'][n - 1] ?? '', 77, 60), ...values(60, ['0', '0'])]));
    const doc = layOutDocument(pages);
    const texts = doc.lines.flatMap((l) => l.cells);
    expect(texts).not.toContain('洪泽区人民政府');
    expect(texts.some((t) => /^- \d -$/u.test(t))).toBe(false);
    expect(doc.lines.filter((l) => l.isTableRow).map((l) => [l.page, ...l.cells])).toEqual([[1, '一、新收', '0', '0'], [2, '二、结转', '0', '0'], [3, '四、结转下年度', '0', '0']]);
  });

  it('drops a header row repeated at the top of the next page, with a warning', () => {
    const header = [f('自然人', 305, 760), f('总计', 343, 760)];
    const doc = layOutDocument([
      page([body(790), ...header, f('一、新收', 77, 730), ...values(730, ['1', '1']), f('二、结转', 77, 100), ...values(100, ['0', '0'])]),
      page([...header, f('四、结转下年度', 77, 730), ...values(730, ['1', '1']), body(600)]),
    ]);
    const rows = doc.lines.filter((l) => l.isTableRow).map((l) => l.cells.join('|'));
    expect(rows).toEqual(['自然人|总计', '一、新收|1|1', '二、结转|0|0', '四、结转下年度|1|1']);
    expect(doc.warnings.map((w) => w.code)).toEqual(['pdf.table-page-break', 'pdf.repeated-header']);
  });

  it('joins running text wrapped at the right margin, and starts a paragraph at an indent', () => {
    const doc = layOutDocument([page([f('一、总体情况', 106, 760, 16), f('缩进首行文字文字文字文字文字文字文字文字文字文字文字文字文', 106, 732, 16), body(704), f('末行。', 74, 676, 16), f('新段落。', 106, 648, 16)])]);
    expect(doc.lines.map((l) => l.cells[0]?.slice(0, 6))).toEqual(['一、总体情况', '缩进首行文字', '新段落。']);
    expect(doc.lines[1]?.cells[0]?.endsWith('末行。')).toBe(true);
  });

  it('normalises Kangxi radicals and full-width forms', () => {
    const doc = layOutDocument([page([f('⾩新市　２０２４', 74, 700)])]);
    expect(doc.lines[0]?.cells).toEqual(['阜新市2024']);
  });
});

describe('readPdf: unreadable input', () => {
  it('throws SourceReadError for an empty file, random bytes, a truncated PDF', async () => {
    await expect(readPdf(new Uint8Array())).rejects.toBeInstanceOf(SourceReadError);
    await expect(readPdf(new TextEncoder().encode('hello, not a pdf'))).rejects.toBeInstanceOf(SourceReadError);
    await expect(readPdf(new TextEncoder().encode('%PDF-1.7\n1 0 obj <<'))).rejects.toBeInstanceOf(SourceReadError);
  });
});
