import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from '../../../render/xlsx.ts';
import { loadTruth, seedWithSections } from '../../../../../test/support/truth.ts';
import type { SourceLine } from '../../source.ts';
import { SourceReadError } from '../read-error.ts';
import { MAX_XLSX_CELLS, MAX_XLSX_MERGED_RANGES, readXlsx } from './xlsx.ts';
import { ZIP_LIMITS } from '../office/zip.ts';
import { readZipEntries, writeZip } from '../../../../../test/support/zip-writer.ts';

const rowOf = (lines: SourceLine[], first: string): string[] | undefined => lines.find((l) => l.isTableRow && l.cells[0] === first)?.cells;

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readXlsx — Gongkai workbook', () => {
  it('reads the text sheet as lines and puts each table sheet at the end of its section', async () => {
    const doc = await readXlsx(await renderXlsx(seedWithSections()));
    expect(doc.kind).toBe('xlsx');
    expect(doc.meta).toEqual({ title: '阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告', publisher: '阜新市太平区文化旅游和广播电视局', publishedOn: '2024-01-20' });
    const texts = doc.lines.filter((l) => !l.isTableRow).map((l) => l.cells[0]);
    expect(texts[0]).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    const at = (text: string) => doc.lines.findIndex((l) => l.cells[0] === text);
    expect(at('二、主动公开政府信息情况')).toBeLessThan(at('第二十条第(一)项'));
    expect(at('第二十条第(一)项')).toBeLessThan(at('三、收到和处理政府信息公开申请情况'));
    expect(at('三、收到和处理政府信息公开申请情况')).toBeLessThan(at('一、本年新收政府信息公开申请数量'));
    expect(at('四、结转下年度继续办理')).toBeLessThan(at('四、政府信息公开行政复议、行政诉讼情况'));
    expect(at('行政复议')).toBeLessThan(at('五、存在的主要问题及改进情况'));
    expect(doc.lines.every((l) => l.cells.every((c) => c === c.normalize('NFKC').trim()))).toBe(true);
  });

  it('lays merged cells out as the HTML reader does: labels repeated down, spans across once, numbers never copied', async () => {
    const doc = await readXlsx(await renderXlsx(loadTruth('shanghai-office-2019')));
    expect(rowOf(doc.lines, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', '821', '35', '', '', '2', '1', '859']);
    expect(doc.lines.find((l) => l.cells[2] === '1.属于国家秘密')?.cells).toEqual(['三、本年度办理结果', '(三)不予公开', '1.属于国家秘密', '14', '', '', '', '', '', '']);
    expect(rowOf(doc.lines, '规章')).toEqual(['规章', '13', '13', '524']);
    expect(rowOf(doc.lines, '政府集中采购')).toEqual(['政府集中采购', '6', '251000元']);
    expect(rowOf(doc.lines, '第二十条第(五)项')).toEqual(['第二十条第(五)项']);
    expect(rowOf(doc.lines, '5')).toEqual(['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']);
  });
});

describe('readXlsx — an agency workbook', () => {
  async function agencyWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.title = '某县某局2023年政府信息公开工作年度报告';
    const thin = { style: 'thin' } as const;
    const border = { top: thin, left: thin, bottom: thin, right: thin };
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = '表三：收到和处理政府信息公开申请情况';
    ws.mergeCells('A1:D1');
    ws.getCell('A3').value = '一、本年新收\n政府信息公开申请数量';
    ws.getCell('B3').value = { richText: [{ text: '1' }, { text: '2' }] };
    ws.getCell('C3').value = { formula: 'B3*2', result: 24 };
    ws.getCell('D3').value = 0.1 + 0.2;
    ws.getCell('A4').value = '三、本年度办理结果';
    ws.mergeCells('A4:A5');
    ws.getCell('B4').value = '（一）予以公开';
    ws.getCell('C4').value = 7;
    ws.mergeCells('C4:D4');
    ws.getCell('B5').value = '（二）部分公开';
    ws.getCell('C5').value = { formula: 'C4+1' } as ExcelJS.CellFormulaValue;
    ws.getCell('D5').value = '/';
    for (let r = 3; r <= 5; r += 1) for (let c = 1; c <= 4; c += 1) ws.getCell(r, c).border = border;
    ws.getCell('A7').value = '注：本表数据截至2023年12月31日。';
    const info = wb.addWorksheet('信息');
    info.addRow(['发布机构', '某县某局']);
    info.addRow(['公开日期', new Date(Date.UTC(2024, 0, 18))]);
    wb.addWorksheet('隐藏').state = 'hidden';
    return bytesOf(wb);
  }

  it('reads titles and notes as text, the bordered block as table rows, values as printed', async () => {
    const doc = await readXlsx(await agencyWorkbook());
    expect(doc.lines[0]).toEqual({ cells: ['表三:收到和处理政府信息公开申请情况'], isTableRow: false });
    expect(doc.lines[1]).toEqual({ cells: ['一、本年新收政府信息公开申请数量', '12', '24', '0.3'], isTableRow: true });
    expect(doc.lines[2]).toEqual({ cells: ['三、本年度办理结果', '(一)予以公开', '7'], isTableRow: true });
    expect(doc.lines[3]).toEqual({ cells: ['三、本年度办理结果', '(二)部分公开', '', '/'], isTableRow: true });
    expect(doc.lines[4]).toEqual({ cells: ['注:本表数据截至2023年12月31日。'], isTableRow: false });
    expect(doc.meta).toEqual({ title: '某县某局2023年政府信息公开工作年度报告', publisher: '某县某局', publishedOn: '2024-01-18' });
    expect(doc.warnings.map((w) => w.code).sort()).toEqual(['xlsx.formula-no-result', 'xlsx.hidden-sheet']);
  });

  it('refuses bytes that are not a workbook, in Chinese', async () => {
    await expect(readXlsx(new TextEncoder().encode('not a workbook'))).rejects.toThrow(/^无法读取 XLSX 文件：不是完整的 ZIP 压缩包/u);
    // A sound archive whose workbook part is not XML: exceljs's own message (its XML parser's) is not shown.
    const entries = await readZipEntries(await agencyWorkbook());
    const broken = writeZip(entries.map((e) => (e.name === ['xl', 'workbook.xml'].join('/') ? { ...e, data: Buffer.from('<workbook><sheets></workbook') } : e)));
    const refused = readXlsx(broken);
    await expect(refused).rejects.toBeInstanceOf(SourceReadError);
    await expect(refused).rejects.toThrow(/^无法读取 XLSX 文件：工作簿的内容有误（XML 不完整或缺少必需的部分），文件已损坏或不是 Excel 工作簿。$/u);
  });

  it('refuses hostile archives in Chinese before exceljs sees them: too many entries, an entry too large, a header that lies', async () => {
    const entries = await readZipEntries(await agencyWorkbook());
    const many = Array.from({ length: ZIP_LIMITS.entries }, (_, i) => ({ name: `xl/media/${i}.png`, data: '' }));
    await expect(readXlsx(writeZip([...entries, ...many]))).rejects.toThrow(/^无法读取 XLSX 文件：压缩包中的文件太多（\d+ 个，上限 2000 个）/u);
    await expect(readXlsx(writeZip([...entries, { name: 'xl/media/image1.png', data: 'png', declaredSize: 2 ** 30 }]))).rejects.toThrow(/^无法读取 XLSX 文件：文件解压后超过 64 MB/u);
    // A part exceljs would inflate whole (no cap of its own) declares 100 bytes: stopped there.
    const lying = writeZip([...entries, { name: 'xl/media/image2.png', data: new Uint8Array(4 * 2 ** 20), declaredSize: 100 }]);
    await expect(readXlsx(lying)).rejects.toThrow('无法读取 XLSX 文件：压缩包中的“xl/media/image2.png”解压后超过它在压缩包目录中声明的大小（100 字节），文件已损坏或被改动过，未读取。');
  });
});

describe('readXlsx — large workbooks', () => {
  it('reads a sheet of 5,000 rows, every row (the column count is read once: per cell it made this take ~30 s)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表三');
    for (let i = 0; i < 5000; i += 1) ws.addRow([`第${i}行`, i, 1, 2]);
    const doc = await readXlsx(await bytesOf(wb));
    expect(doc.lines.length).toBe(5000);
    expect(doc.lines[4999]?.cells).toEqual(['第4999行', '4999', '1', '2']);
  }, 10_000);

  it('refuses at once, with a Chinese message, a workbook with more cells or merged ranges than any report has', async () => {
    const cells = new ExcelJS.Workbook();
    const big = cells.addWorksheet('数据');
    for (let i = 0; i < MAX_XLSX_CELLS / 8 + 1; i += 1) big.addRow([1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(readXlsx(await bytesOf(cells))).rejects.toThrow(`XLSX 文件的单元格太多（${MAX_XLSX_CELLS + 8} 个`);
    const merges = new ExcelJS.Workbook();
    const sheet = merges.addWorksheet('表');
    for (let i = 1; i <= MAX_XLSX_MERGED_RANGES + 1; i += 1) sheet.mergeCells(i * 2, 1, i * 2 + 1, 2);
    const refused = readXlsx(await bytesOf(merges));
    await expect(refused).rejects.toBeInstanceOf(SourceReadError);
    await expect(refused).rejects.toThrow('合并单元格太多');
  }, 30_000);
});
