import { Document, FootnoteReferenceRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { describe, expect, it } from 'vitest';
import { readDocx } from './docx.ts';
import { readHtml } from '../html/html.ts';
import { SourceReadError } from '../read-error.ts';
import { ZIP_LIMITS } from '../office/zip.ts';
import { readZipEntries, writeZip } from '../../../../../test/support/zip-writer.ts';
import { expectLinearGrowth } from '../../../../../test/support/growth.ts';

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

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A package holding only word/document.xml with this body (w: and mc: declared), plus `more` entries. */
function docxWithBody(body: string, more: { name: string; data: string; declaredSize?: number }[] = []): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:mc="${MC}" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>${body}</w:body></w:document>`;
  return writeZip([{ name: 'word/document.xml', data: xml }, ...more]);
}

const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, props = ''): string => `<w:tc>${props === '' ? '' : `<w:tcPr>${props}</w:tcPr>`}${p(text)}</w:tc>`;
const brief = (lines: { cells: string[]; isTableRow: boolean }[]) => lines.map(({ cells, isTableRow }) => ({ cells, isTableRow }));

describe('readDocx', () => {
  it('reads gridSpan / vMerge as the HTML reader reads colspan / rowspan', async () => {
    const doc = await readDocx(await makeDocx());
    expect(doc.kind).toBe('docx');
    expect(brief(doc.lines)).toEqual([
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
    expect(brief(doc.lines)).toEqual([{ cells: ['正文'], isTableRow: false }]);
  });

  it('reads tracked changes, hidden runs, text boxes, notes and tab stops as the module comment says', async () => {
    const doc = await readDocx(docxWithBody([
      // Deleted text dropped, inserted text kept; a moved-away run dropped, its new place kept.
      '<w:p><w:r><w:t>一、</w:t></w:r><w:del w:id="1"><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>总体</w:t></w:r></w:ins>',
      '<w:moveFrom w:id="3"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>情况</w:t></w:r></w:moveTo></w:p>',
      // A deleted paragraph mark: the paragraph runs on into the next.
      '<w:p><w:pPr><w:rPr><w:del w:id="5"/></w:rPr></w:pPr><w:r><w:t>二、主动</w:t></w:r></w:p><w:p><w:r><w:t>公开</w:t></w:r></w:p>',
      // A hidden run is not read; w:vanish switched off is not hidden. Tab stops are no tabs.
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>三、</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>',
      '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>收到</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
      // A text box: mc:Fallback read (once), after the paragraph that anchors it.
      '<w:p><w:r><w:t>四、结转</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>', p('文本框'), '</w:txbxContent></w:drawing></mc:Choice>',
      '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>', p('文本框'), '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
      // A deleted table row is dropped.
      `<w:tbl><w:tr>${tc('甲')}${tc('1')}</w:tr><w:tr><w:trPr><w:del w:id="6"/></w:trPr>${tc('乙')}${tc('2')}</w:tr><w:tr>${tc('丙')}${tc('3')}</w:tr></w:tbl>`,
    ].join('')));
    expect(brief(doc.lines)).toEqual([
      { cells: ['一、总体情况'], isTableRow: false },
      { cells: ['二、主动公开'], isTableRow: false },
      { cells: ['三、收到'], isTableRow: false },
      { cells: ['四、结转'], isTableRow: false },
      { cells: ['文本框'], isTableRow: false },
      { cells: ['甲', '1'], isTableRow: true },
      { cells: ['丙', '3'], isTableRow: true },
    ]);
  });

  it('reads the body of a package whose properties are damaged, with a warning', async () => {
    const doc = await readDocx(docxWithBody(p('正文'), [{ name: 'docProps/core.xml', data: '<cp:coreProperties/>', declaredSize: 500 }]));
    expect(brief(doc.lines)).toEqual([{ cells: ['正文'], isTableRow: false }]);
    expect(doc.meta).toEqual({});
    expect(doc.warnings).toEqual([{ code: 'docx.properties', message: expect.stringMatching(/^文档属性（docProps\/core.xml）无法读取，其中的标题未读取：压缩包中的“docProps\/core.xml”解压后不足/u) }]);
  });

  it('footnote references give no text (the report is read without [1] markers)', async () => {
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({
      footnotes: { 1: { children: [new Paragraph('注释')] } },
      sections: [{ children: [new Paragraph({ children: [new TextRun('一、总体情况'), new FootnoteReferenceRun(1)] }), new Paragraph('二、主动公开')] }],
    })));
    expect((await readDocx(bytes)).lines.map((l) => l.cells[0])).toEqual(['一、总体情况', '二、主动公开']);
  });

  it('throws a SourceReadError with a Chinese message for bytes that are not a DOCX', async () => {
    for (const bytes of [new TextEncoder().encode('not a zip'), new Uint8Array(), (await makeDocx()).subarray(0, 500)]) {
      const refused = readDocx(bytes);
      await expect(refused).rejects.toBeInstanceOf(SourceReadError);
      await expect(refused).rejects.toThrow(/^无法读取 DOCX 文件：不是完整的 ZIP 压缩包/u);
    }
    await expect(readDocx(writeZip([{ name: 'a.txt', data: 'x' }]))).rejects.toThrow('压缩包中没有 Word 文档的正文（word/document.xml）');
  });

  it('refuses hostile archives in Chinese: too many entries, an entry too large, a header that lies', async () => {
    const many = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({ name: `word/media/${i}.png`, data: '' }));
    await expect(readDocx(writeZip([{ name: 'word/document.xml', data: '<w:document/>' }, ...many]))).rejects.toThrow(/^无法读取 DOCX 文件：压缩包中的文件太多（2002 个，上限 2000 个）/u);
    await expect(readDocx(docxWithBody('', [{ name: 'word/media/image1.png', data: 'png', declaredSize: 2 ** 31 }]))).rejects.toThrow(/^无法读取 DOCX 文件：文件解压后超过 64 MB（其中“word\/media\/image1.png”解压后有 2048 MB）/u);
    const entries = await readZipEntries(await makeDocx());
    const lying = writeZip(entries.map((e) => ({ ...e, declaredSize: e.name === 'word/document.xml' ? 1000 : undefined })));
    await expect(readDocx(lying)).rejects.toThrow('无法读取 DOCX 文件：压缩包中的“word/document.xml”解压后超过它在压缩包目录中声明的大小（1000 字节），文件已损坏或被改动过，未读取。');
  });

  it('refuses a body cut short or with elements not closed, saying so', async () => {
    const entries = await readZipEntries(await makeDocx());
    const cut = (data: Buffer): Buffer => Buffer.concat([data.subarray(0, data.length - 40), Buffer.from('<w:p><w:r><w:t>x'.repeat(2000))]);
    const truncated = writeZip(entries.map((e) => (e.name === 'word/document.xml' ? { ...e, data: cut(e.data) } : e)));
    await expect(readDocx(truncated)).rejects.toThrow('无法读取 DOCX 文件：正文（word/document.xml）在结尾前中断，文件不完整或已损坏。');
    await expect(readDocx(docxWithBody('<w:p><w:r><w:t>x</w:r></w:p>'))).rejects.toThrow('正文（word/document.xml）的 XML 有误（<w:t> 没有正确结束），文件已损坏。');
  });

  it('takes time in proportion to the body (twice the rows, about twice the time)', async () => {
    const body = (rows: number): Uint8Array =>
      docxWithBody(`${p('三、收到和处理政府信息公开申请情况')}<w:tbl>${`<w:tr>${tc('（三）不予公开', '<w:vMerge/>')}${tc('1', '<w:gridSpan w:val="2"/>')}</w:tr>`.repeat(rows)}</w:tbl>`);
    const inputs = new Map([2000, 4000].map((rows) => [rows, body(rows)]));
    await expectLinearGrowth('a DOCX table', (rows) => readDocx(inputs.get(rows) ?? body(rows)), 2000);
  });
});
