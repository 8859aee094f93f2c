/** CELL-BLANK: blank, dash or slash cells (null in canonical JSON). Pure. */
import { TABLE4_COLUMNS, TABLE4_COLUMN_LABELS, TABLE4_GROUPS, TABLE4_GROUP_LABELS, table2CellPath, table3CellPath, table4CellPath } from '../model.ts';
import type { AnnualReport, Table3RowKey } from '../model.ts';
import type { Finding } from '../findings.ts';
import { finding, table2CellLabel, table2RowLabel, table3ColumnLabel, table3RowLabel } from './common.ts';

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
  const findings: Finding[] = [];
  const rows = (Object.entries(report.table3.rows) as [Table3RowKey, unknown][])
    .filter((e): e is [Table3RowKey, unknown[]] => Array.isArray(e[1]));
  if (rows.length === 0) return findings;
  let width = 0;
  for (const [, cells] of rows) width = Math.max(width, cells.length);
  const wholeColumns = new Set<number>();
  for (let c = 0; c < width && rows.length > 1; c++) {
    if (rows.every(([, cells]) => cells[c] === null)) wholeColumns.add(c);
  }
  for (const c of wholeColumns) {
    findings.push(finding('CELL-BLANK', 'warning', rows.map(([row]) => table3CellPath(row, c)),
      `表三「${table3ColumnLabel(c)}」列全部 ${rows.length} 行为空白；${ASK}`));
  }
  for (const [row, cells] of rows) {
    // A loop, not flatMap: this runs for every row of every report.
    const blank: number[] = [];
    for (let c = 0; c < cells.length; c++) if (cells[c] === null && !wholeColumns.has(c)) blank.push(c);
    if (blank.length === 0) continue;
    findings.push(finding('CELL-BLANK', 'warning', blank.map((c) => table3CellPath(row, c)),
      `表三「${table3RowLabel(row)}」行的${blank.map((c) => `「${table3ColumnLabel(c)}」`).join('')}列为空白；${ASK}`));
  }
  return findings;
}
