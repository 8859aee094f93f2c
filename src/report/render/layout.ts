/**
 * The tables 二, 三, 四 as the national template lays them out — one grid description with its
 * merged cells (rowSpan / colSpan), shared by the HTML, DOCX and XLSX renderers so that every
 * format prints the same headers in the same places. Pure: no I/O.
 *
 * Templates: 国办公开办函〔2021〕30号 (2021 format) and the 2019 trial format; see
 * shared/docs/law.md §5 and shared/spec/annual-report.md.
 */
import type { AnnualReport, Cell, CellPath, ReportFormat, Table2, Table3, Table3RowKey, Table4 } from '../model.ts';
import {
  TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_GROUP_LABELS,
  TABLE3_ROW_LABELS, TABLE4_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_GROUPS, table2CellPath, table2Layout,
  table3CellPath, table4CellPath,
} from '../model.ts';
import { table3RowOrder } from './row-order.ts';

/** Header scope of a label cell, as HTML's `scope` attribute names it. */
export type HeaderScope = 'col' | 'colgroup' | 'row' | 'rowgroup';

/** One cell of a template table. */
export interface LayoutCell {
  /** 'header' for column headings and row labels, 'value' for a data cell, 'note' for the corner note of 表三. */
  role: 'header' | 'value' | 'note';
  /** The text as printed: a label, or the value ('' for a blank cell). */
  text: string;
  colSpan: number;
  rowSpan: number;
  /** For headers: what the header labels. */
  scope?: HeaderScope;
  /** For value cells: the cell path (model.ts helpers), e.g. 't3.granted[0]'. */
  path?: CellPath;
  /** For value cells: the value itself (numbers stay numbers in XLSX). */
  value?: number | string | null;
}

/** One row of a template table; `head` rows are column headings (repeated on each printed page). */
export interface LayoutRow {
  head: boolean;
  cells: LayoutCell[];
}

/** A template table: its grid and its merged cells. */
export interface TableLayout {
  id: 'table2' | 'table3' | 'table4';
  /** Short sheet / caption name: 表二, 表三, 表四. */
  name: string;
  caption: string;
  /** Relative column widths, one per grid column. */
  columnWidths: number[];
  /** Row groups (HTML tbody blocks); 表二 has one per 第二十条 item. */
  groups: LayoutRow[][];
}

/** The 表三 corner note (官方原文). */
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Prints a value as the template shows it: '' for a blank, numbers without grouping. */
export function formatValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

function header(text: string, scope: HeaderScope | undefined, colSpan = 1, rowSpan = 1): LayoutCell {
  return scope === undefined ? { role: 'header', text, colSpan, rowSpan } : { role: 'header', text, colSpan, rowSpan, scope };
}

function valueCell(path: CellPath, value: number | string | null | undefined, colSpan = 1): LayoutCell {
  const v = value ?? null;
  return { role: 'value', text: formatValue(v), colSpan, rowSpan: 1, path, value: v };
}

// ---------- 表二 ----------

interface Table2Block {
  item: string;
  rows: string[];
}

const BLOCKS_2021: Table2Block[] = [
  { item: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'] },
  { item: '第二十条第（五）项', rows: ['licensing'] },
  { item: '第二十条第（六）项', rows: ['punishment', 'enforcement'] },
  { item: '第二十条第（八）项', rows: ['fees'] },
];

const BLOCKS_2019: Table2Block[] = [
  { item: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'] },
  { item: '第二十条第（五）项', rows: ['licensing', 'otherServices'] },
  { item: '第二十条第（六）项', rows: ['punishment', 'enforcement'] },
  { item: '第二十条第（八）项', rows: ['fees'] },
  { item: '第二十条第（九）项', rows: ['procurement'] },
];

/**
 * Column spans of a block's value columns: the 2021 table has 3 value columns, the 2019 table 4
 * (Word-exported 2019 reports span 本年新公开数量 over two and two-column blocks as 2 + 2).
 */
function valueSpans(format: ReportFormat, count: number): number[] {
  if (format === '2021') return count === 3 ? [1, 1, 1] : count === 1 ? [3] : [1, 2];
  if (count === 3) return [1, 2, 1];
  if (count === 2) return [2, 2];
  return [4];
}

function table2RowLabel(format: ReportFormat, row: string): string {
  if (format === '2019' && row === 'normativeDocuments') return '规范性文件';
  return TABLE2_ROW_LABELS[row as keyof typeof TABLE2_ROW_LABELS] ?? row;
}

/** The 2019 template heads the decisions column 处理决定数量 (the 2021 one 本年处理决定数量). */
function table2ColumnLabel(format: ReportFormat, column: string): string {
  if (format === '2019' && column === 'decisions') return '处理决定数量';
  return TABLE2_COLUMN_LABELS[column] ?? column;
}

/** 表二 as the template of the report's format prints it; rows the report lacks are left out. */
export function table2LayoutOf(format: ReportFormat, table2: Table2): TableLayout {
  const layout = table2Layout(format);
  const width = format === '2021' ? 4 : 5;
  const groups: LayoutRow[][] = [];
  for (const block of format === '2021' ? BLOCKS_2021 : BLOCKS_2019) {
    const present = block.rows.filter((row) => table2[row as keyof Table2] !== undefined);
    if (present.length === 0) continue;
    const columns = layout[block.rows[0] ?? ''] ?? [];
    const spans = valueSpans(format, columns.length);
    const rows: LayoutRow[] = [
      { head: true, cells: [header(block.item, 'colgroup', width)] },
      {
        head: true,
        cells: [header('信息内容', 'col'), ...columns.map((c, i) => header(table2ColumnLabel(format, c), 'col', spans[i] ?? 1))],
      },
    ];
    for (const row of present) {
      const values = table2[row as keyof Table2] ?? {};
      rows.push({
        head: false,
        cells: [
          header(table2RowLabel(format, row), 'row'),
          ...columns.map((c, i) => valueCell(table2CellPath(row, c), values[c], spans[i] ?? 1)),
        ],
      });
    }
    groups.push(rows);
  }
  return {
    id: 'table2',
    name: '表二',
    caption: '表二　主动公开情况统计表',
    columnWidths: format === '2021' ? [3, 2, 2, 2] : [3, 2, 1, 1, 2],
    groups,
  };
}

// ---------- 表三 ----------

type Table3Group = keyof typeof TABLE3_GROUP_LABELS;

function groupOf(row: Table3RowKey): Exclude<Table3Group, 'outcomes'> | null {
  const dot = row.indexOf('.');
  if (dot < 0) return null;
  return row.slice(0, dot) as Exclude<Table3Group, 'outcomes'>;
}

const OUTCOME_ROWS = new Set<Table3RowKey>(['granted', 'partiallyGranted', 'otherDisposal', 'totalProcessed']);

function isOutcomeRow(row: Table3RowKey): boolean {
  return OUTCOME_ROWS.has(row) || groupOf(row) !== null;
}

function table3Header(): LayoutRow[] {
  const orgs = TABLE3_COLUMNS.slice(1, 6).map((c) => header(TABLE3_COLUMN_LABELS[c], 'col'));
  return [
    { head: true, cells: [{ role: 'note', text: TABLE3_NOTE, colSpan: 3, rowSpan: 3 }, header('申请人情况', 'colgroup', 7)] },
    { head: true, cells: [header('自然人', 'col', 1, 2), header('法人或其他组织', 'colgroup', 5), header('总计', 'col', 1, 2)] },
    { head: true, cells: orgs },
  ];
}

function table3Values(row: Table3RowKey, cells: readonly Cell[] | undefined): LayoutCell[] {
  return TABLE3_COLUMNS.map((_, i) => valueCell(table3CellPath(row, i), cells?.[i]));
}

/** 表三 with the template's two-level header and merged label columns; rows the report lacks are left out. */
export function table3LayoutOf(format: ReportFormat, table3: Table3): TableLayout {
  const rows = table3RowOrder(format).filter((r) => table3.rows[r] !== undefined);
  const outcomeCount = rows.filter(isOutcomeRow).length;
  const body: LayoutRow[] = [];
  let outcomesLabelled = false;
  let index = 0;
  while (index < rows.length) {
    const row = rows[index] as Table3RowKey;
    const cells: LayoutCell[] = [];
    if (isOutcomeRow(row) && !outcomesLabelled) {
      cells.push(header(TABLE3_GROUP_LABELS.outcomes, 'rowgroup', 1, outcomeCount));
      outcomesLabelled = true;
    }
    const group = groupOf(row);
    if (group === null) {
      const span = isOutcomeRow(row) ? 2 : 3;
      cells.push(header(TABLE3_ROW_LABELS[row], 'row', span));
      body.push({ head: false, cells: [...cells, ...table3Values(row, table3.rows[row])] });
      index += 1;
      continue;
    }
    let end = index;
    while (end < rows.length && groupOf(rows[end] as Table3RowKey) === group) end += 1;
    cells.push(header(TABLE3_GROUP_LABELS[group], 'rowgroup', 1, end - index));
    for (let r = index; r < end; r += 1) {
      const key = rows[r] as Table3RowKey;
      const labelled = r === index ? cells : [];
      body.push({ head: false, cells: [...labelled, header(TABLE3_ROW_LABELS[key], 'row'), ...table3Values(key, table3.rows[key])] });
    }
    index = end;
  }
  return {
    id: 'table3',
    name: '表三',
    caption: '表三　依申请公开情况统计表',
    columnWidths: [1.2, 1.6, 4.2, 1, 1, 1, 1, 1, 1, 1],
    groups: [table3Header(), body],
  };
}

// ---------- 表四 ----------

/** 表四: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉) × 5 columns, one row of 15 values. */
export function table4LayoutOf(table4: Table4): TableLayout {
  const columnHeaders = (rowSpan: number): LayoutCell[] => TABLE4_COLUMNS.map((c) => header(TABLE4_COLUMN_LABELS[c], 'col', 1, rowSpan));
  const values = TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => valueCell(table4CellPath(g, c), table4[g]?.[c])));
  return {
    id: 'table4',
    name: '表四',
    caption: '表四　复议诉讼情况统计表',
    columnWidths: Array.from({ length: 15 }, () => 1),
    groups: [
      [
        { head: true, cells: [header('行政复议', 'colgroup', 5), header('行政诉讼', 'colgroup', 10)] },
        { head: true, cells: [...columnHeaders(2), header('未经复议直接起诉', 'colgroup', 5), header('复议后起诉', 'colgroup', 5)] },
        { head: true, cells: [...columnHeaders(1), ...columnHeaders(1)] },
      ],
      [{ head: false, cells: values }],
    ],
  };
}

/** The three template tables of a report, in document order. */
export function reportTableLayouts(report: AnnualReport): { table2: TableLayout; table3: TableLayout; table4: TableLayout } {
  return {
    table2: table2LayoutOf(report.format, report.table2),
    table3: table3LayoutOf(report.format, report.table3),
    table4: table4LayoutOf(report.table4),
  };
}

// ---------- grid placement ----------

/** A cell with its position in the grid (0-based), after the rowSpan / colSpan of the cells above. */
export interface PlacedCell {
  row: number;
  col: number;
  cell: LayoutCell;
}

/** The rows of a layout, all groups flattened. */
export function layoutRows(layout: TableLayout): LayoutRow[] {
  return layout.groups.flat();
}

/** Places every cell as the HTML table algorithm does (cells skip the slots taken by rowSpans from above). */
export function placeCells(layout: TableLayout): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  layoutRows(layout).forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (taken.has(`${r}:${col}`)) col += 1;
      placed.push({ row: r, col, cell });
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) taken.add(`${r + dr}:${col + dc}`);
      }
      col += cell.colSpan;
    }
  });
  return placed;
}
