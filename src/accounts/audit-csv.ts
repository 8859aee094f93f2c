/**
 * The audit trail as CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel reads
 * GBK and garbles the Chinese), CRLF lines, RFC 4180 quoting, and cells that a spreadsheet would run
 * as a formula (= + - @, tab, CR at the start) prefixed with ' (OWASP "CSV injection"): a name or a
 * file name typed by anyone must not become a formula on an administrator's machine.
 */
import type { AuditRow } from './audit-query.ts';
import { formatMoment } from './pages/admin-format.ts';
import { actionInWords, actorInWords, detailsInWords, recordInWords } from './pages/audit-labels.ts';

/** The byte-order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

/** One cell: formula characters guarded, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One line, ending in CRLF. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The header row. */
export const AUDIT_CSV_HEADER = ['编号', '时间（北京时间）', '人员', '机关', '操作', '记录', '详情', '来源地址', '操作代码', '记录代码', '原始详情'];

/** A row's cells, in the header's order: the words of the page, then the raw values for investigators. */
export function auditCsvCells(row: AuditRow, names: ReadonlyMap<string, string>): string[] {
  return [
    String(row.id), formatMoment(row.at), actorInWords(row), row.agencyName ?? '', actionInWords(row.action),
    recordInWords(row.subject, names), detailsInWords(row.details), row.ip ?? '', row.action, row.subject ?? '',
    row.details === null || row.details === undefined ? '' : JSON.stringify(row.details),
  ];
}
