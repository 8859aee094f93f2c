import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from './xlsx.ts';
import { loadTruth, seedWithSections } from '../../../test/support/truth.ts';
import type { AnnualReport } from '../model.ts';

async function workbook(report: AnnualReport): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = await renderXlsx(report);
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function merges(ws: ExcelJS.Worksheet | undefined): string[] {
  return ((ws?.model as { merges?: string[] } | undefined)?.merges ?? []).slice().sort();
}

describe('XLSX', () => {
  it('has the sheets 报告信息, 正文, 表二, 表三, 表四', async () => {
    const wb = await workbook(seedWithSections());
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['报告信息', '正文', '表二', '表三', '表四']);
    const info = wb.getWorksheet('报告信息');
    const values = Object.fromEntries([2, 3, 4, 5, 6].map((r) => [String(info?.getCell(r, 1).value), info?.getCell(r, 2).value]));
    expect(values).toMatchObject({ 机关名称: '阜新市太平区文化旅游和广播电视局', 报告年度: 2023, 发布日期: '2024-01-20' });
    const text = wb.getWorksheet('正文');
    const lines = (text?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? String(row[1] ?? '') : ''));
    expect(lines).toContain('一、总体情况');
    expect(lines).toContain('六、其他需要报告的事项');
    expect(lines).toContain('（一）收缴政府信息公开处理费情况');
  });

  it('merges the header cells as the template does', async () => {
    const wb = await workbook(loadTruth('seed-taiping-wenlv-2023'));
    const t3 = merges(wb.getWorksheet('表三'));
    for (const range of ['A1:C3', 'D1:J1', 'D2:D3', 'E2:I2', 'J2:J3', 'A4:C4', 'A6:A27', 'B6:C6', 'B8:B15', 'B16:B18', 'B19:B23', 'B24:B26', 'B27:C27', 'A28:C28']) {
      expect(t3).toContain(range);
    }
    expect(merges(wb.getWorksheet('表四'))).toEqual(['A1:E1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F1:O1', 'F2:J2', 'K2:O2'].sort());
    expect(merges(wb.getWorksheet('表二'))).toContain('A1:D1');
    expect(merges(wb.getWorksheet('表二'))).toContain('B7:D7'); // 行政许可 value across the three value columns
  });

  it('writes numbers as numbers and leaves blanks empty', async () => {
    const wb = await workbook(loadTruth('shanghai-office-2019'));
    const t3 = wb.getWorksheet('表三');
    expect(t3?.getCell('D4').value).toBe(821);
    expect(t3?.getCell('F4').value).toBeNull();
    const t4 = wb.getWorksheet('表四');
    expect(t4?.getCell('A4').value).toBe(5);
    expect(t4?.getCell('B4').value).toBeNull();
    const t2 = wb.getWorksheet('表二');
    const procurement = t2?.getRow(18);
    expect(procurement?.getCell(1).value).toBe('政府集中采购');
    expect(procurement?.getCell(2).value).toBe(6);
    expect(procurement?.getCell(4).value).toBe('251000元');
    const fees = await workbook(loadTruth('pingtan-2023'));
    const feeRow = fees.getWorksheet('表二')?.getRow(14);
    expect(feeRow?.getCell(2).value).toBe(5949.088667);
  });
});
