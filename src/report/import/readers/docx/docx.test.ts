import JSZip from 'jszip';
import { Document, FootnoteReferenceRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { describe, expect, it } from 'vitest';
import { readDocx } from './docx.ts';
import { readHtml } from '../html/html.ts';
import { SourceReadError } from '../read-error.ts';

const cell = (text: string, options: Partial<ConstructorParameters<typeof TableCell>[0]> = {}): TableCell =>
  new TableCell({ children: text.split('\n').map((t) => new Paragraph(t)), ...options });

async function makeDocx(): Promise<Uint8Array> {
  const table = new Table({
    rows: [
      new TableRow({ children: [cell('（本列数据的勾稽关系）', { columnSpan: 2 }), cell('自然人'), cell('总计')] }),
      new TableRow({ children: [cell('（三）不予公开', { verticalMerge: VerticalMergeType.RESTART }), cell('1.属于国家秘密'), cell('１４'), cell('14')] }),
      new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('2.其他法律行政法规\n禁止公开'), cell(''), cell('0')] }),
      new TableRow({ children: [cell('（七）总计', { columnSpan: 2 }), cell('3'), cell('3')] }),
    ],
  });
  const doc = new Document({ sections: [{ children: [new Paragraph('三、收到和处理政府信息公开申请情况'), table, new Paragraph('四、结转')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('readDocx', () => {
  it('reads gridSpan / vMerge as the HTML reader reads colspan / rowspan', async () => {
    const doc = await readDocx(await makeDocx());
    expect(doc.kind).toBe('docx');
    expect(doc.lines.map(({ cells, isTableRow }) => ({ cells, isTableRow }))).toEqual([
      { cells: ['三、收到和处理政府信息公开申请情况'], isTableRow: false },
      { cells: ['(本列数据的勾稽关系)', '自然人', '总计'], isTableRow: true },
      { cells: ['(三)不予公开', '1.属于国家秘密', '14', '14'], isTableRow: true },
      { cells: ['(三)不予公开', '2.其他法律行政法规禁止公开', '', '0'], isTableRow: true },
      { cells: ['(七)总计', '3', '3'], isTableRow: true },
      { cells: ['四、结转'], isTableRow: false },
    ]);
    const html = `<table><tr><td colspan=2>（本列数据的勾稽关系）</td><td>自然人</td><td>总计</td></tr>
      <tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>１４</td><td>14</td></tr>
      <tr><td>2.其他法律行政法规<br>禁止公开</td><td></td><td>0</td></tr><tr><td colspan=2>（七）总计</td><td>3</td><td>3</td></tr></table>`;
    expect(readHtml(new TextEncoder().encode(html)).lines).toEqual(doc.lines.slice(1, 5));
  });

  it('reads the title (dc:title) and the PubDate custom property into meta', async () => {
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({
      title: '某局２０２３年政府信息公开工作年度报告',
      customProperties: [{ name: 'PubDate', value: '2024-01-20' }],
      sections: [{ children: [new Paragraph('正文')] }],
    })));
    const doc = await readDocx(bytes);
    expect(doc.meta).toEqual({ title: '某局2023年政府信息公开工作年度报告', publishedOn: '2024-01-20' });
    expect(doc.lines.map(({ cells, isTableRow }) => ({ cells, isTableRow }))).toEqual([{ cells: ['正文'], isTableRow: false }]);
  });

  it('falls back to mammoth for markup the direct reading does not copy (a footnote), with the same body lines', async () => {
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({
      footnotes: { 1: { children: [new Paragraph('注释')] } },
      sections: [{ children: [new Paragraph({ children: [new TextRun('一、总体情况'), new FootnoteReferenceRun(1)] }), new Paragraph('二、主动公开')] }],
    })));
    const doc = await readDocx(bytes);
    expect(doc.lines.map((l) => l.cells[0])).toContain('二、主动公开');
    expect(doc.lines[0]?.cells[0]?.startsWith('一、总体情况')).toBe(true);
  });

  it('throws a SourceReadError for bytes that are not a DOCX', async () => {
    await expect(readDocx(new TextEncoder().encode('not a zip'))).rejects.toBeInstanceOf(SourceReadError);
    await expect(readDocx(new Uint8Array())).rejects.toBeInstanceOf(SourceReadError);
    const truncated = (await makeDocx()).subarray(0, 500);
    await expect(readDocx(truncated)).rejects.toBeInstanceOf(SourceReadError);
  });

  it('says at once that a body cut short is incomplete (mammoth would take ~10 µs a byte only to fail)', async () => {
    const zip = await JSZip.loadAsync(await makeDocx());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    zip.file('word/document.xml', xml.slice(0, xml.length - 40) + '<w:p><w:r><w:t>x'.repeat(20_000));
    const started = performance.now();
    await expect(readDocx(new Uint8Array(await zip.generateAsync({ type: 'uint8array' })))).rejects.toThrow('在结尾前中断');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
