/** CELL-BLANK: blank, dash or slash cells (null in canonical JSON). Pure. */
import {
  TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_COLUMN_LABELS, TABLE4_GROUPS, TABLE4_GROUP_LABELS, table2CellPath, table3CellPath,
  table3Rows, table4CellPath,
} from '../model.ts';
import type { AnnualReport, CellPath, ParseWarning, Table2RowKey, Table3RowKey, Table4Group } from '../model.ts';
import type { Finding } from '../findings.ts';
import { finding, table2CellLabel, table2RowLabel, table3ColumnLabel, table3Path, table3RowLabel } from './common.ts';

const ASK = '模板要求填写数字，没有的应填 0，不应留空或填“-”“/”。';
/** Stands for a declined cell in blankTable3's rows. */
const DECLINED = Symbol('declined');

/**
 * Parse warnings by which the importer says that it saw values at a place but declined to read
 * them (digits run together with several possible splits, a row with the wrong number of cells,
 * rows it could not match to their labels) and left the cells blank. Such a cell is blank in our
 * reading, not in the report: CELL-BLANK ("a cell is blank, a dash or a slash") does not apply.
 * A row the importer did not find at all (`table3.row-missing`, `table2.row-missing`) is not in this
 * list: a row printed without values (pingtan-scj-2022's （六）2 and 3) is read that way.
 */
export const DECLINED_WARNING_CODES: ReadonlySet<string> = new Set([
  'table2.split-ambiguous', 'table2.row-unreadable',
  'table3.row-ambiguous', 'table3.row-unreadable', 'table3.rows-unaligned',
  'table4.ambiguous', 'table4.unreadable',
]);

/**
 * The blank cells of a report that the importer declined to read, each with the parse warning
 * that says why (from `report.warnings`, the importer's parse warnings). A warning's path names a
 * cell, a row ('t2.licensing', 't3.granted') or table 四 ('t4'); `table3.rows-unaligned` names the
 * first row of a run of rows it could not place, and the run goes on over the following template
 * rows the importer reports as not found.
 *
 * Example: crawler text `行政规范性文件77132470` → warning `table2.split-ambiguous` at
 * 't2.normativeDocuments' → its three cells, blank, are declined.
 */
export function declinedCells(report: AnnualReport, warnings: readonly ParseWarning[] = report.warnings ?? []): Map<CellPath, ParseWarning> {
  const declined = new Map<CellPath, ParseWarning>();
  const missingRows = new Set<string>();
  for (const w of warnings) if (w.code === 'table3.row-missing' && w.path) missingRows.add(w.path.slice('t3.'.length));
  const put = (path: CellPath, value: unknown, w: ParseWarning) => {
    if (value === null && !declined.has(path)) declined.set(path, w);
  };
  const putTable3Row = (row: string, w: ParseWarning) => {
    const cells = report.table3.rows[row as Table3RowKey];
    if (Array.isArray(cells)) for (let c = 0; c < TABLE3_COLUMNS.length; c++) put(table3CellPath(row as Table3RowKey, c), cells[c], w);
  };
  for (const w of warnings) {
    if (!DECLINED_WARNING_CODES.has(w.code) || w.path === undefined) continue;
    const path = w.path;
    if (path === 't4') {
      for (const group of TABLE4_GROUPS) for (const c of TABLE4_COLUMNS) put(table4CellPath(group, c), report.table4[group]?.[c], w);
      continue;
    }
    const t3 = /^t3\.([A-Za-z.]+?)(?:\[(\d)\])?$/.exec(path);
    if (t3) {
      const row = t3[1]!;
      if (t3[2] !== undefined) {
        put(path, report.table3.rows[row as Table3RowKey]?.[Number(t3[2])], w);
        continue;
      }
      putTable3Row(row, w);
      if (w.code === 'table3.rows-unaligned') {
        const order = table3Rows(report.format);
        for (let i = order.indexOf(row as Table3RowKey) + 1; i > 0 && i < order.length && missingRows.has(order[i]!); i++) putTable3Row(order[i]!, w);
      }
      continue;
    }
    const [table, row, column] = path.split('.');
    if (table === 't2' && row !== undefined) {
      const cells = report.table2[row as Table2RowKey];
      if (!cells) continue;
      for (const [c, value] of Object.entries(cells)) if (column === undefined || column === c) put(table2CellPath(row, c), value, w);
    } else if (table === 't4' && row !== undefined) {
      const cells = report.table4[row as Table4Group];
      if (!cells) continue;
      for (const c of TABLE4_COLUMNS) if (column === undefined || column === c) put(table4CellPath(row as Table4Group, c), cells[c], w);
    }
  }
  return declined;
}

/**
 * CELL-BLANK (warning): a cell is blank, a dash or a slash. To keep the list readable, blanks are
 * grouped: a table 三 column blank in every row is one finding (e.g. all 法人或其他组织 columns of a
 * report that fills only 自然人), the remaining blanks of table 三 one finding per row, table 四 one
 * per group and table 二 one per row. Each finding lists every blank cell it covers.
 *
 * A cell the importer declined to read (`declinedCells`: its parse warning lists the possible
 * readings) is not reported: it is blank because the reading was doubtful, not because the agency
 * left it blank.
 */
export function checkBlankCells(report: AnnualReport): Finding[] {
  const declined = declinedCells(report);
  const findings: Finding[] = [];
  findings.push(...blankTable2(report, declined));
  findings.push(...blankTable3(report, declined));
  for (const group of TABLE4_GROUPS) {
    const cells = report.table4[group];
    if (!cells) continue;
    const blank = TABLE4_COLUMNS.filter((c) => cells[c] === null && !declined.has(table4CellPath(group, c)));
    if (blank.length === 0) continue;
    findings.push(finding('CELL-BLANK', 'warning', blank.map((c) => table4CellPath(group, c)),
      `表四「${TABLE4_GROUP_LABELS[group]}」的${blank.map((c) => `「${TABLE4_COLUMN_LABELS[c]}」`).join('')}为空白；${ASK}`));
  }
  return findings;
}

function blankTable2(report: AnnualReport, declined: ReadonlyMap<CellPath, ParseWarning>): Finding[] {
  const findings: Finding[] = [];
  for (const [row, cells] of Object.entries(report.table2)) {
    if (!cells || typeof cells !== 'object') continue;
    const blank = Object.entries(cells).filter(([c, v]) => v === null && !declined.has(table2CellPath(row, c))).map(([c]) => c);
    if (blank.length === 0) continue;
    findings.push(finding('CELL-BLANK', 'warning', blank.map((c) => table2CellPath(row, c)),
      blank.length === 1
        ? `${table2CellLabel(row, blank[0] as string)}为空白；${ASK}`
        : `表二「${table2RowLabel(row)}」行有 ${blank.length} 格空白（${blank.map((c) => table2CellLabel(row, c).replace(/^表二「[^」]*」/, '')).join('')}）；${ASK}`));
  }
  return findings;
}

function blankTable3(report: AnnualReport, declined: ReadonlyMap<CellPath, ParseWarning>): Finding[] {
  // Loops, not entries/filter/every chains: this runs for every report, and a report with blank
  // columns has a path for every row of each.
  const findings: Finding[] = [];
  const keys: Table3RowKey[] = [];
  const rows: unknown[][] = [];
  for (const [row, cells] of Object.entries(report.table3.rows) as [Table3RowKey, unknown][]) {
    if (!Array.isArray(cells)) continue;
    keys.push(row);
    // A declined cell counts as neither blank nor filled.
    rows.push(declined.size === 0 ? cells : cells.map((v, c) => (declined.has(table3Path(row, c)) ? DECLINED : v)));
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
    const paths: string[] = [];
    for (let r = 0; r < keys.length; r++) if (rows[r]![c] === null) paths.push(table3Path(keys[r]!, c));
    const skipped = keys.length - paths.length;
    const which = skipped === 0 ? `全部 ${rows.length} 行` : `除未能读出的 ${skipped} 行外，其余 ${paths.length} 行均`;
    findings.push(finding('CELL-BLANK', 'warning', paths, `表三「${table3ColumnLabel(c)}」列${which}为空白；${ASK}`));
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

/** True when column `c` is null in every row but declined ones, and in two rows at least. */
function isBlankColumn(rows: readonly (readonly unknown[])[], c: number): boolean {
  let blank = 0;
  for (const cells of rows) {
    if (cells[c] === null) blank++;
    else if (cells[c] !== DECLINED) return false;
  }
  return blank > 1;
}
