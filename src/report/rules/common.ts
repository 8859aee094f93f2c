/**
 * Shared helpers of the report rules: Chinese labels for cells, the outcome rows a report
 * actually carries, and the test "is this cell a usable operand". Pure.
 */
import {
  TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_GROUP_LABELS, TABLE3_OUTCOME_ROWS_2021, TABLE3_ROW_LABELS,
  TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE4_COLUMN_LABELS, TABLE4_GROUP_LABELS, table3CellPath,
} from '../model.ts';
import type { AnnualReport, CellPath, Table2RowKey, Table3RowKey, Table4Column, Table4Group } from '../model.ts';
import type { Finding, RuleId, Severity } from '../findings.ts';

/** Number of applicant columns of table 三 (the 7th column is 总计). */
export const APPLICANT_COLUMN_COUNT = 6;
/** Index of the 总计 column of table 三. */
export const TOTAL_COLUMN = 6;

/** The three rows of （六）其他处理 in the 2021 template. */
export const OTHER_DISPOSAL_SUB_ROWS = ['otherDisposal.noCorrection', 'otherDisposal.unpaidFee', 'otherDisposal.other'] as const;

/** Outcome rows （一）–（五）, common to both templates. */
export const OUTCOME_ROWS_BEFORE_OTHER: readonly Table3RowKey[] = TABLE3_OUTCOME_ROWS_2021.slice(0, 18);

/** Builds a finding. */
export function finding(rule: RuleId, severity: Severity, cells: string[], message: string): Finding {
  return { rule, severity, cells, message };
}

/** A non-negative integer: the only value a count cell may hold. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Formats a value found in a cell for a message (null → 空白, text quoted). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '空白';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `非数值（${String(value)}）`;
  if (typeof value === 'string') return `文字「${value}」`;
  return `非数值（${typeof value}）`;
}

/** The row label of table 三 with its group heading where the bare label is ambiguous (e.g. “1.属于国家秘密”). */
export function table3RowLabel(row: Table3RowKey): string {
  return ROW_LABEL_TEXT.get(row) ?? rowLabelOf(row);
}

function rowLabelOf(row: Table3RowKey): string {
  const label = TABLE3_ROW_LABELS[row];
  const group = row.includes('.') ? row.slice(0, row.indexOf('.')) : undefined;
  if (group === 'denied' || group === 'unableToProvide' || group === 'notProcessed' || group === 'otherDisposal') {
    return `${TABLE3_GROUP_LABELS[group]} ${label}`;
  }
  return label;
}

/** The column label of table 三 (the five organisation columns carry their heading). */
export function table3ColumnLabel(column: number): string {
  return COLUMN_LABEL_TEXT[column] ?? columnLabelOf(column);
}

function columnLabelOf(column: number): string {
  const key = TABLE3_COLUMNS[column];
  if (key === undefined) return `第${column + 1}列`;
  const label = TABLE3_COLUMN_LABELS[key];
  return column >= 1 && column <= 5 ? `法人或其他组织·${label}` : label;
}

/** The cell path of a table 三 cell (`t3.granted[2]`), as `table3CellPath` writes it. */
export function table3Path(row: Table3RowKey, column: number): CellPath {
  return ROW_PATHS.get(row)?.[column] ?? table3CellPath(row, column);
}

// Labels and paths of the template's rows and columns, built once: findings name them over and
// over (a report with a blank column has a CELL-BLANK path for every row). Unknown keys and
// columns beyond the seventh are computed on each call, as above.
const TABLE3_ROW_KEYS = Object.keys(TABLE3_ROW_LABELS) as Table3RowKey[];
const ROW_LABEL_TEXT = new Map<string, string>(TABLE3_ROW_KEYS.map((row) => [row, rowLabelOf(row)]));
const COLUMN_LABEL_TEXT: readonly string[] = TABLE3_COLUMNS.map((_, c) => columnLabelOf(c));
const ROW_PATHS = new Map<string, readonly CellPath[]>(TABLE3_ROW_KEYS.map((row) => [row, TABLE3_COLUMNS.map((_, c) => table3CellPath(row, c))]));

/** “表三「row」行「column」列”. */
export function table3CellLabel(row: Table3RowKey, column: number): string {
  return `表三「${table3RowLabel(row)}」行「${table3ColumnLabel(column)}」列`;
}

/** “表四「group」「column」”. */
export function table4CellLabel(group: Table4Group, column: Table4Column): string {
  return `表四「${TABLE4_GROUP_LABELS[group]}」「${TABLE4_COLUMN_LABELS[column]}」`;
}

/** “表二「row」「column」”. */
export function table2CellLabel(row: string, column: string): string {
  const rowLabel = (TABLE2_ROW_LABELS as Record<string, string>)[row] ?? row;
  const columnLabel = TABLE2_COLUMN_LABELS[column] ?? column;
  return `表二「${rowLabel}」「${columnLabel}」`;
}

/** The label of a table 二 row. */
export function table2RowLabel(row: Table2RowKey | string): string {
  return (TABLE2_ROW_LABELS as Record<string, string>)[row] ?? row;
}

/**
 * A row of table 三 as 7 cells, or undefined when the row is absent or malformed (not 7 cells):
 * STRUCT-TABLES reports those, and the arithmetic rules skip them.
 */
export function table3Row(report: AnnualReport, row: Table3RowKey): readonly unknown[] | undefined {
  const cells = report.table3.rows[row] as unknown;
  return Array.isArray(cells) && cells.length === TABLE3_COLUMNS.length ? cells : undefined;
}

/**
 * The rows of （六）其他处理 that the report carries: the three 2021 rows when the report has any
 * of them, else the single `otherDisposal` row (2019 template, or a later report printing the
 * old single row: the spec treats it as the sum of the three). When a report has both, the three
 * rows are used and the single row is ignored.
 */
export function otherDisposalRowsOf(report: AnnualReport): readonly Table3RowKey[] {
  const rows = report.table3.rows;
  if (OTHER_DISPOSAL_SUB_ROWS.some((r) => rows[r] !== undefined)) return OTHER_DISPOSAL_SUB_ROWS;
  if (rows.otherDisposal !== undefined) return ['otherDisposal'];
  return OTHER_DISPOSAL_SUB_ROWS;
}

/** The outcome rows （一）–（六） the report carries, in template order. */
export function outcomeRowsOf(report: AnnualReport): readonly Table3RowKey[] {
  return [...OUTCOME_ROWS_BEFORE_OTHER, ...otherDisposalRowsOf(report)];
}

/**
 * The values of the given cells when every one is a usable count, else undefined.
 * Blank (null), missing, negative, fractional or non-numeric operands make a sum rule skip:
 * CELL-BLANK or the *-CELL rule reports that cell once, and a sum built on a guessed value
 * would accuse the agency of an error it may not have made (docs/DECISIONS.md).
 */
export function countsOrUndefined(values: readonly unknown[]): number[] | undefined {
  return values.every(isCount) ? (values as number[]) : undefined;
}

/** Sum of numbers. */
export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
