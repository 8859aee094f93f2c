/**
 * The dashboard as files: the status table (every column the page shows, one row per agency) and the
 * tables 二/三/四 of every agency's report of the year (one row per agency, one column per cell path
 * of shared/spec/annual-report.md: 't2.fees.amountWan', 't3.granted[6]', 't4.reconsideration.total'),
 * each as CSV and XLSX. CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting,
 * and a text cell that a spreadsheet would run as a formula (= + - @ at the start) prefixed with '
 * (agency names are typed by people).
 */
import ExcelJS from 'exceljs';
import {
  TABLE2_2021, TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE3_ROWS_2021,
  TABLE4_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_GROUP_LABELS, TABLE4_GROUPS,
} from '../report/index.ts';
import type { DashboardRow } from './dashboard-service.ts';
import { reportHref, STATUS_LABELS } from './pages/dashboard-format.ts';

/** A cell of an exported table: text, a number, or empty. */
export type ExportCell = string | number | null;

/** A table to export: its head and its rows. */
export interface ExportTable {
  title: string;
  head: string[];
  rows: ExportCell[][];
  /** Optional second sheet of the workbook: what each column means. */
  legend?: { head: [string, string]; rows: [string, string][] };
}

/** The media types of the downloads. */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One CSV cell: a formula's first character guarded, quoted when it holds a quote, comma or line break. */
export function csvCell(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The table as CSV (with the byte-order mark Excel needs to read UTF-8). */
export function toCsv(table: ExportTable): string {
  const line = (cells: readonly ExportCell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return `\uFEFF${line(table.head)}${table.rows.map(line).join('')}`;
}

/** The table as an XLSX workbook (text cells stay text: exceljs writes no formula from a string). */
export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = table.title;
  const sheet = workbook.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.addRow(table.head).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((c) => c ?? undefined));
  sheet.getColumn(2).width = 36;
  if (table.legend) {
    const legend = workbook.addWorksheet('列说明');
    legend.addRow(table.legend.head).font = { bold: true };
    for (const r of table.legend.rows) legend.addRow(r);
    legend.getColumn(1).width = 40;
    legend.getColumn(2).width = 80;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The status table's columns, as on the page (dates as YYYY-MM-DD). */
export const STATUS_HEAD = [
  '机关编号', '机关', '年度', '状态', '是否逾期', '报送日期', '审查通过日期', '发布日期', '法定发布期限', '错误', '提醒', '发现的问题',
  '跨年度衔接问题', '法定主动公开缺项', '法定主动公开过期项', '逾期未办结的申请', '年度报告页面',
];

/** The status table of the dashboard's rows. */
export function statusTable(government: string, year: number, rows: readonly DashboardRow[]): ExportTable {
  return {
    title: `${government}${year}年度报告监督情况`,
    head: STATUS_HEAD,
    rows: rows.map((r) => {
      const reported = r.state !== 'missing';
      return [
        r.agencyId, r.agency, year, STATUS_LABELS[r.state], r.late ? '是' : '否', r.submittedOn, r.acceptedOn, r.publishedOn, r.dueOn,
        reported ? r.findings.error : null, reported ? r.findings.warning : null,
        r.rules.map((f) => `${f.name}（${[f.error > 0 ? `错误${f.error}` : '', f.warning > 0 ? `提醒${f.warning}` : ''].filter(Boolean).join('，')}）`).join('；'),
        reported ? r.crossYear : null, r.coverage.missing, r.coverage.stale, r.overdue, reportHref(r.agencyId, year),
      ];
    }),
  };
}

/** A cell path of the 2021 template and its words. */
interface CellColumn {
  path: string;
  label: string;
  read: (report: Record<string, unknown>) => ExportCell;
}

const objectAt = (value: unknown, key: string): Record<string, unknown> | undefined => {
  const v = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
};
const cellValue = (v: unknown): ExportCell => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' ? v : null);

/** Every cell of tables 二/三/四 (2021 template), in the template's order. */
export const CELL_COLUMNS: readonly CellColumn[] = [
  ...Object.entries(TABLE2_2021).flatMap(([row, cols]) => cols.map((col): CellColumn => ({
    path: `t2.${row}.${col}`,
    label: `表二 ${TABLE2_ROW_LABELS[row as keyof typeof TABLE2_ROW_LABELS]} · ${TABLE2_COLUMN_LABELS[col] ?? col}`,
    read: (r) => cellValue(objectAt(objectAt(r, 'table2'), row)?.[col]),
  }))),
  ...TABLE3_ROWS_2021.flatMap((row) => TABLE3_COLUMNS.map((col, i): CellColumn => ({
    path: `t3.${row}[${i}]`,
    label: `表三 ${TABLE3_ROW_LABELS[row]} · ${TABLE3_COLUMN_LABELS[col]}`,
    read: (r) => {
      const cells = objectAt(objectAt(r, 'table3'), 'rows')?.[row];
      return Array.isArray(cells) ? cellValue(cells[i]) : null;
    },
  }))),
  ...TABLE4_GROUPS.flatMap((group) => TABLE4_COLUMNS.map((col): CellColumn => ({
    path: `t4.${group}.${col}`,
    label: `表四 ${TABLE4_GROUP_LABELS[group]} · ${TABLE4_COLUMN_LABELS[col]}`,
    read: (r) => cellValue(objectAt(objectAt(r, 'table4'), group)?.[col]),
  }))),
];

/** Every agency's tables of the year: one row per agency (blank cells where it has no report). */
export function cellsTable(government: string, year: number, rows: readonly DashboardRow[], canonicals: ReadonlyMap<number, unknown>): ExportTable {
  return {
    title: `${government}${year}年所属各机关年度报告表格数据`,
    head: ['机关编号', '机关', '年度', '状态', ...CELL_COLUMNS.map((c) => c.path)],
    rows: rows.map((r) => {
      const report = canonicals.get(r.agencyId);
      const read = (c: CellColumn) => (report !== null && typeof report === 'object' ? c.read(report as Record<string, unknown>) : null);
      return [r.agencyId, r.agency, year, STATUS_LABELS[r.state], ...CELL_COLUMNS.map(read)];
    }),
    legend: { head: ['列名（单元格路径）', '含义'], rows: CELL_COLUMNS.map((c): [string, string] => [c.path, c.label]) },
  };
}

/** A download's file name (and its ASCII fallback). */
export function exportFileNames(kind: 'status' | 'tables', governmentId: number, government: string, year: number, extension: 'csv' | 'xlsx'): { fallback: string; name: string } {
  const clean = government.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '').slice(0, 60);
  const words = kind === 'status' ? '年度报告监督情况' : '所属机关年度报告表格';
  return { fallback: `supervision-${kind}-${governmentId}-${year}.${extension}`, name: `${clean}${year}年${words}.${extension}` };
}
