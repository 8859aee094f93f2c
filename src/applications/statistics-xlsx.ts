/**
 * Tables 三 and 四 of an agency's year as an XLSX workbook: the report room renders the canonical JSON
 * (its template layout, merged headers and labels as the 2021 template prints them — the same file
 * the report checker reads back), and only the two tables' sheets are kept (table 二 and the text
 * are not counted from cases: an empty sheet would read as zeros).
 */
import ExcelJS from 'exceljs';
import { parseCanonicalReport, renderReport } from '../report/index.ts';
import type { StatisticsReport } from './stats-report.ts';

/** The sheets the workbook keeps. */
export const STATISTICS_SHEETS = ['表三', '表四'] as const;

/** The media type of the download. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook of tables 三 and 四. */
export async function statisticsXlsx(report: StatisticsReport): Promise<Uint8Array> {
  const parsed = parseCanonicalReport(report);
  // The statistics are canonical by construction (stats-report.ts): a refusal is a broken invariant.
  if (!parsed.ok) throw new Error(`statistics are not a canonical report: ${JSON.stringify(parsed).slice(0, 300)}`);
  const rendered = await renderReport(parsed.report, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(rendered) as unknown as ArrayBuffer);
  for (const sheet of [...workbook.worksheets]) {
    if (!(STATISTICS_SHEETS as readonly string[]).includes(sheet.name)) workbook.removeWorksheet(sheet.id);
  }
  workbook.title = `${report.agency}${report.year}年政府信息公开申请情况（表三、表四）`;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The download's file name, e.g. 某局2024年依申请公开统计.xlsx (and its ASCII fallback). */
export function statisticsFileNames(report: StatisticsReport, agencyId: number): { fallback: string; name: string } {
  const agency = report.agency.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 60);
  return { fallback: `statistics-${agencyId}-${report.year}.xlsx`, name: `${agency}${report.year}年依申请公开统计（表三、表四）.xlsx` };
}
