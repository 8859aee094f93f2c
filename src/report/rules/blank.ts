/** CELL-BLANK: blank, dash or slash cells (null in canonical JSON). Pure. */
import { TABLE4_COLUMNS, TABLE4_COLUMN_LABELS, TABLE4_GROUPS, TABLE4_GROUP_LABELS, table2CellPath, table4CellPath } from '../model.ts';
import type { AnnualReport, Table3RowKey } from '../model.ts';
import type { Finding } from '../findings.ts';
import { finding, table2CellLabel, table2RowLabel, table3ColumnLabel, table3Path, table3RowLabel } from './common.ts';

const ASK = '模板要求填写数字，没有的应填 0，不应留空或填“-”“/”。';

/**
 * CELL-BLANK (warning): a cell is blank, a dash or a slash. To keep the list readable, blanks are
 * grouped: a table 三 column blank in every row is one finding (e.g. all 法人或其他组织 columns of a
 * report that fills only 自然人), the remaining blanks of table 三 one finding per row, table 四 one
 * per group and table 二 one per row. Each finding lists every blank cell it covers.
 */
export function checkBlankCells(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  findings.push(...blankTable2(report));
  findings.push(...blankTable3(report));
  for (const group of TABLE4_GROUPS) {
    const cells = report.table4[group];
    if (!cells) continue;
    const blank = TABLE4_COLUMNS.filter((c) => cells[c] === null);
    if (blank.length === 0) continue;
    findings.push(finding('CELL-BLANK', 'warning', blank.map((c) => table4CellPath(group, c)),
      `表四「${TABLE4_GROUP_LABELS[group]}」的${blank.map((c) => `「${TABLE4_COLUMN_LABELS[c]}」`).join('')}为空白；${ASK}`));
  }
  return findings;
}

function blankTable2(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const [row, cells] of Object.entries(report.table2)) {
    if (!cells || typeof cells !== 'object') continue;
    const blank = Object.entries(cells).filter(([, v]) => v === null).map(([c]) => c);
    if (blank.length === 0) continue;
    findings.push(finding('CELL-BLANK', 'warning', blank.map((c) => table2CellPath(row, c)),
      blank.length === 1
        ? `${table2CellLabel(row, blank[0] as string)}为空白；${ASK}`
        : `表二「${table2RowLabel(row)}」行有 ${blank.length} 格空白（${blank.map((c) => table2CellLabel(row, c).replace(/^表二「[^」]*」/, '')).join('')}）；${ASK}`));
  }
  return findings;
}

function blankTable3(report: AnnualReport): Finding[] {
  // Loops, not entries/filter/every chains: this runs for every report, and a report with blank
  // columns has a path for every row of each.
  const findings: Finding[] = [];
  const keys: Table3RowKey[] = [];
  const rows: unknown[][] = [];
  for (const [row, cells] of Object.entries(report.table3.rows) as [Table3RowKey, unknown][]) {
    if (!Array.isArray(cells)) continue;
    keys.push(row);
    rows.push(cells);
  }
  if (rows.length === 0) return findings;
  let width = 0;
  for (const cells of rows) width = Math.max(width, cells.length);
  const wholeColumns: number[] = [];
  const whole: boolean[] = new Array<boolean>(width).fill(false);
  for (let c = 0; c < width && rows.length > 1; c++) {
    if (isBlankColumn(rows, c)) {
      wholeColumns.push(c);
      whole[c] = true;
    }
  }
  for (const c of wholeColumns) {
    const paths: string[] = new Array<string>(keys.length);
    for (let r = 0; r < keys.length; r++) paths[r] = table3Path(keys[r]!, c);
    findings.push(finding('CELL-BLANK', 'warning', paths, `表三「${table3ColumnLabel(c)}」列全部 ${rows.length} 行为空白；${ASK}`));
  }
  for (let r = 0; r < keys.length; r++) {
    const row = keys[r]!;
    const cells = rows[r]!;
    const paths: string[] = [];
    let named = '';
    for (let c = 0; c < cells.length; c++) {
      if (cells[c] !== null || whole[c] === true) continue;
      paths.push(table3Path(row, c));
      named += `「${table3ColumnLabel(c)}」`;
    }
    if (paths.length === 0) continue;
    findings.push(finding('CELL-BLANK', 'warning', paths, `表三「${table3RowLabel(row)}」行的${named}列为空白；${ASK}`));
  }
  return findings;
}

/** True when column `c` is null in every row. */
function isBlankColumn(rows: readonly (readonly unknown[])[], c: number): boolean {
  for (const cells of rows) if (cells[c] !== null) return false;
  return true;
}
