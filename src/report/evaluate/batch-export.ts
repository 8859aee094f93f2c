/**
 * A batch's canonical data for spreadsheets: one row per report — agency, year, format, error and
 * warning counts, then one column per cell path of the spec (`t2.regulations.issued`,
 * `t3.granted[6]` …) — and its findings, one row each (report, rule, severity, cells, message).
 * As CSV (UTF-8 with a BOM: Excel opens Chinese text correctly only with it) and as an XLSX
 * workbook (exceljs) with both tables and a sheet naming each column in Chinese.
 */
import type { Finding } from '../findings.ts';
import type { AnnualReport } from '../model.ts';
import { columnsOf, type CellColumn } from './cell-columns.ts';
import { ruleName } from './rule-names.ts';

/** A report of the export. */
export interface ExportedReport {
  /** Its address segment (`/reports/<ref>`). */
  ref: string;
  fileName: string;
  canonical: AnnualReport;
  findings: Finding[];
}

type Value = string | number | null;

/** The reports table: header and rows. */
export function reportsTable(reports: readonly ExportedReport[]): { header: string[]; rows: Value[][]; columns: CellColumn[] } {
  const columns = columnsOf(reports.map((r) => r.canonical));
  const header = ['report', 'file', 'agency', 'year', 'format', 'errors', 'warnings', ...columns.map((c) => c.path)];
  const rows = reports.map((r) => [
    r.ref, r.fileName, r.canonical.agency, r.canonical.year, r.canonical.format,
    r.findings.filter((f) => f.severity === 'error').length, r.findings.filter((f) => f.severity === 'warning').length,
    ...columns.map((c) => c.read(r.canonical) ?? null),
  ]);
  return { header, rows, columns };
}

/** The findings table: one row per finding. */
export function findingsTable(reports: readonly ExportedReport[]): { header: string[]; rows: Value[][] } {
  const header = ['report', 'agency', 'year', 'rule', 'ruleName', 'severity', 'cells', 'message'];
  const rows = reports.flatMap((r) => r.findings.map((f) => [r.ref, r.canonical.agency, r.canonical.year, f.rule, ruleName(f.rule), f.severity, f.cells.join(' '), f.message]));
  return { header, rows };
}

/**
 * A CSV field: quoted when it holds a comma, quote or line break. A text starting with = + - @
 * (a formula to a spreadsheet: a report's agency name is the uploader's text) gets a leading
 * apostrophe; numbers are written as they are.
 */
function csvField(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV: UTF-8 with a BOM, CRLF line ends (RFC 4180, and what Excel writes). */
export function toCsv(table: { header: string[]; rows: Value[][] }): Uint8Array {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
}

/** Both tables as one workbook: 报告 (one row per report), 问题 (one row per finding), 列说明 (each cell path in Chinese). */
export async function toXlsx(reports: readonly ExportedReport[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const add = (name: string, table: { header: string[]; rows: Value[][] }) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    // Text stays text (a formula-looking agency name is not evaluated: exceljs writes strings as strings).
    for (const row of table.rows) sheet.addRow(row);
  };
  const reportRows = reportsTable(reports);
  add('报告', reportRows);
  add('问题', findingsTable(reports));
  add('列说明', {
    header: ['column', '说明'],
    rows: [
      ['report', '报告在本系统中的地址段（/reports/…）'], ['file', '上传的文件名'], ['agency', '机关名称（报告所写）'], ['year', '报告年度'],
      ['format', '模板版本（2019 或 2021）'], ['errors', '错误数'], ['warnings', '警告数'],
      ...reportRows.columns.map((c): Value[] => [c.path, c.label]),
    ],
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
