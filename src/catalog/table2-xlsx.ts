/**
 * The catalog's statistics of an agency's year as an XLSX workbook: 表二 as the report room renders it
 * (the 2021 template's layout and labels — the same sheet the report checker reads back; a figure not
 * entered is an empty cell, never 0), then 按月统计: the year's published items by 第二十条 item and month.
 */
import ExcelJS from 'exceljs';
import { ARTICLE20_LABELS } from '../law/taxonomy.ts';
import { parseCanonicalReport, renderReport } from '../report/index.ts';
import type { MonthlyRow } from './table2-monthly.ts';
import type { CatalogStatistics } from './table2-service.ts';

/** The media type of the download. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The row label of a monthly row. */
export const monthlyRowLabel = (row: MonthlyRow): string => (row.item === null ? '未标注第二十条事项' : `第二十条${ARTICLE20_LABELS[row.item]}`);

/** Table 二 as a canonical report of the 2021 template (tables 三 and 四 empty: not the catalog's). */
export function table2Report(agency: string, year: number, table2: CatalogStatistics['table2']) {
  return { agency, year, format: '2021' as const, table2, table3: { columns: [], rows: {} }, table4: {} };
}

/** The workbook. */
export async function statisticsXlsx(agency: string, stats: CatalogStatistics): Promise<Uint8Array> {
  const parsed = parseCanonicalReport(table2Report(agency, stats.year, stats.table2));
  // Table 二 is canonical by construction (table2.ts): a refusal is a broken invariant.
  if (!parsed.ok) throw new Error(`table 二 is not canonical: ${JSON.stringify(parsed.errors).slice(0, 300)}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await renderReport(parsed.report, 'xlsx')) as unknown as ArrayBuffer);
  for (const sheet of [...workbook.worksheets]) if (sheet.name !== '表二') workbook.removeWorksheet(sheet.id);

  const sheet = workbook.addWorksheet('按月统计');
  sheet.columns = [{ width: 48 }, ...Array.from({ length: 13 }, () => ({ width: 7 }))];
  sheet.addRow([`${agency}${stats.year}年主动公开政府信息（按发布日期）`]).font = { bold: true, size: 12 };
  const head = sheet.addRow(['第二十条事项', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '全年']);
  head.font = { bold: true };
  for (const row of stats.monthly.rows) sheet.addRow([monthlyRowLabel(row), ...row.months, row.total]);
  const totals = sheet.addRow(['合计', ...stats.monthly.totals.months, stats.monthly.totals.total]);
  totals.font = { bold: true };
  sheet.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  workbook.title = `${agency}${stats.year}年主动公开统计（表二、按月统计）`;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The download's file name (and its ASCII fallback). */
export function statisticsFileNames(agency: string, agencyId: number, year: number): { fallback: string; name: string } {
  const clean = agency.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 60);
  return { fallback: `catalog-statistics-${agencyId}-${year}.xlsx`, name: `${clean}${year}年主动公开统计（表二）.xlsx` };
}
