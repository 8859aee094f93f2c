/**
 * Table 三 arithmetic and cell rules: T3-ROW-TOTAL, T3-OUTCOME-TOTAL, T3-BALANCE, T3-CELL.
 * Pure. Sums whose operands include a blank or invalid cell are skipped (see `countsOrUndefined`).
 */
import { table3CellPath, TABLE3_COLUMNS } from '../model.ts';
import type { AnnualReport, Table3RowKey } from '../model.ts';
import type { Finding } from '../findings.ts';
import {
  APPLICANT_COLUMN_COUNT, TOTAL_COLUMN, countsOrUndefined, describeValue, finding, isCount, outcomeRowsOf, sum,
  table3CellLabel, table3ColumnLabel, table3Row,
} from './common.ts';

/** Rows present in the report, in template order first, then any others. */
function presentRows(report: AnnualReport): Table3RowKey[] {
  return Object.keys(report.table3.rows) as Table3RowKey[];
}

/**
 * T3-ROW-TOTAL: in every row, 总计 = the sum of the six applicant columns (自然人 + 五类法人或其他组织).
 * Example: 新收 [3,0,0,0,0,0,2] → “…「总计」列应为 3…，报告填写为 2。”
 */
export function checkTable3RowTotals(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const row of presentRows(report)) {
    const cells = table3Row(report, row);
    if (!cells) continue;
    const values = countsOrUndefined(cells);
    if (!values) continue;
    const expected = sum(values.slice(0, APPLICANT_COLUMN_COUNT));
    const found = values[TOTAL_COLUMN];
    if (found === expected) continue;
    findings.push(finding('T3-ROW-TOTAL', 'error',
      [table3CellPath(row, TOTAL_COLUMN), ...Array.from({ length: APPLICANT_COLUMN_COUNT }, (_, c) => table3CellPath(row, c))],
      `${table3CellLabel(row, TOTAL_COLUMN)}应为 ${expected}（自然人与法人或其他组织五列之和：${values.slice(0, APPLICANT_COLUMN_COUNT).join(' + ')}），报告填写为 ${found}。`));
  }
  return findings;
}

/**
 * T3-OUTCOME-TOTAL: in every column, （七）总计 = the sum of the outcome rows （一）予以公开 through
 * the last （六）其他处理 row (21 rows in the 2021 template; 19 where （六） is one row).
 */
export function checkTable3OutcomeTotals(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  const outcomeRows = outcomeRowsOf(report);
  const totalRow = table3Row(report, 'totalProcessed');
  const rows = outcomeRows.map((r) => table3Row(report, r));
  if (!totalRow || rows.some((r) => r === undefined)) return findings;
  for (let c = 0; c < TABLE3_COLUMNS.length; c++) {
    const operands = countsOrUndefined(rows.map((r) => (r as readonly unknown[])[c]));
    const found = totalRow[c];
    if (!operands || !isCount(found)) continue;
    const expected = sum(operands);
    if (found === expected) continue;
    findings.push(finding('T3-OUTCOME-TOTAL', 'error',
      [table3CellPath('totalProcessed', c), ...outcomeRows.map((r) => table3CellPath(r, c))],
      `${table3CellLabel('totalProcessed', c)}应为 ${expected}（（一）至（六）各办理结果之和），报告填写为 ${found}。`));
  }
  return findings;
}

/**
 * T3-BALANCE: in every column, 一、新收 + 二、上年结转 = （七）总计 + 四、结转下年度
 * (the template's note: 第一项加第二项之和，等于第三项加第四项之和).
 */
export function checkTable3Balance(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  const keys: Table3RowKey[] = ['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'];
  const rows = keys.map((k) => table3Row(report, k));
  if (rows.some((r) => r === undefined)) return findings;
  for (let c = 0; c < TABLE3_COLUMNS.length; c++) {
    const values = countsOrUndefined(rows.map((r) => (r as readonly unknown[])[c]));
    if (!values) continue;
    const [received, carriedOver, processed, carriedForward] = values as [number, number, number, number];
    if (received + carriedOver === processed + carriedForward) continue;
    findings.push(finding('T3-BALANCE', 'error', keys.map((k) => table3CellPath(k, c)),
      `表三「${table3ColumnLabel(c)}」列不平衡：「一、本年新收」${received} +「二、上年结转」${carriedOver} = ${received + carriedOver}，`
      + `而「（七）总计」${processed} +「四、结转下年度继续办理」${carriedForward} = ${processed + carriedForward}；`
      + '按表三勾稽关系，第一项加第二项之和应等于第三项加第四项之和，请核对这四格。'));
  }
  return findings;
}

/** T3-CELL: every cell of table 三 is a non-negative integer (a blank is CELL-BLANK's, not this rule's). */
export function checkTable3Cells(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const row of presentRows(report)) {
    const cells = report.table3.rows[row] as unknown;
    if (!Array.isArray(cells)) continue;
    cells.forEach((value: unknown, c: number) => {
      if (value === null || isCount(value)) return;
      findings.push(finding('T3-CELL', 'error', [table3CellPath(row, c)],
        `${table3CellLabel(row, c)}应为非负整数（申请件数），报告填写为 ${describeValue(value)}。`));
    });
  }
  return findings;
}

