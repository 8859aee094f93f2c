/**
 * Shared parts of the layout-variation generator (issue 20): what a variant is, the template's
 * labels as reports print them, the cells of a report as paths, and the enumeration of the
 * readings a run of digits admits (which decides the cells a variant makes genuinely ambiguous).
 */
import { SECTION_TITLES, TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE3_GROUP_LABELS, TABLE3_ROW_LABELS,
  TABLE4_COLUMNS, TABLE4_GROUPS,
} from '../../src/report/model.ts';
import type { AnnualReport, Cell, ReportFormat, Table2, Table3, Table3RowKey, Table4 ,
  SECTION_KEYS} from '../../src/report/model.ts';
import { readFileSync } from 'node:fs';
import { createRng, type Rng } from '../support/report/generate.ts';
import { CORPUS_DIR } from '../support/truth.ts';

export { createRng, type Rng };

/** The layout classes of issue 20 (1: PDF across pages, 2: markdown in pieces, 3: crawler text). */
export const LAYOUTS = ['pdf', 'markdown', 'crawler'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** An arithmetic error injected into a variant: the cell changed and the rules it must make the validator report. */
export interface InjectedError {
  cell: string;
  printed: number;
  truth: number;
  rules: string[];
}

/** What a variant must read back to. */
export interface Expected {
  format: ReportFormat;
  table2: Table2;
  table3: Table3;
  table4: Table4;
  /** Cell paths the variant's text does not settle: blank with a warning is right there. */
  ambiguous: string[];
  /** Cells the truth itself leaves unscored (its `_unscored`): not scored. */
  unscored: string[];
  injected?: InjectedError;
}

export interface Variant {
  /** Stable id, e.g. `crawler/pingtan-2023/7` — the same seed gives the same ids and bytes. */
  id: string;
  layout: Layout;
  truth: string;
  /** What was varied, for a person reading a failure. */
  description: string;
  file: { name: string; bytes: Uint8Array };
  expected: Expected;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function cloneReport(report: AnnualReport): AnnualReport {
  return JSON.parse(JSON.stringify(report)) as AnnualReport;
}

/** The cells a truth file lists as unscored (the source does not settle them). */
export function unscoredCells(name: string): string[] {
  const raw = JSON.parse(readFileSync(`${CORPUS_DIR}${name}.truth.json`, 'utf8')) as { _unscored?: string[] };
  return raw._unscored ?? [];
}

/** A 32-bit seed for one variant from the run's seed and the variant's id (a variant is made again from its id alone). */
export function variantSeed(seed: number, id: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// ---------- the template as reports print it ----------

/** Table 二's blocks (第二十条第（N）项) with their rows, in the template's order. */
export function table2Blocks(format: ReportFormat): { heading: string; rows: string[]; columns: string[] }[] {
  if (format === '2021') {
    return [
      { heading: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'], columns: ['issued', 'repealed', 'inForce'] },
      { heading: '第二十条第（五）项', rows: ['licensing'], columns: ['decisions'] },
      { heading: '第二十条第（六）项', rows: ['punishment', 'enforcement'], columns: ['decisions'] },
      { heading: '第二十条第（八）项', rows: ['fees'], columns: ['amountWan'] },
    ];
  }
  return [
    { heading: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'], columns: ['made', 'published', 'totalPublic'] },
    { heading: '第二十条第（五）项', rows: ['licensing', 'otherServices'], columns: ['itemsLastYear', 'itemsChange', 'decisions'] },
    { heading: '第二十条第（六）项', rows: ['punishment', 'enforcement'], columns: ['itemsLastYear', 'itemsChange', 'decisions'] },
    { heading: '第二十条第（八）项', rows: ['fees'], columns: ['itemsLastYear', 'itemsChange'] },
    { heading: '第二十条第（九）项', rows: ['procurement'], columns: ['projects', 'amountText'] },
  ];
}

export function table2RowLabel(row: string): string {
  return TABLE2_ROW_LABELS[row as keyof typeof TABLE2_ROW_LABELS] ?? row;
}

export function table2ColumnLabel(column: string): string {
  return TABLE2_COLUMN_LABELS[column] ?? column;
}

/** The group heading printed before a table 三 row (the first of its group), if any. */
export function table3GroupBefore(row: Table3RowKey): string | undefined {
  if (row === 'granted') return TABLE3_GROUP_LABELS.outcomes;
  if (row === 'denied.stateSecret') return TABLE3_GROUP_LABELS.denied;
  if (row === 'unableToProvide.notHeld') return TABLE3_GROUP_LABELS.unableToProvide;
  if (row === 'notProcessed.complaint') return TABLE3_GROUP_LABELS.notProcessed;
  if (row === 'otherDisposal.noCorrection') return TABLE3_GROUP_LABELS.otherDisposal;
  return undefined;
}

export function table3Label(row: Table3RowKey): string {
  return TABLE3_ROW_LABELS[row];
}

/** Rows of table 三 present in a report, in the template's order (as the truth lists them). */
export function table3RowKeys(table3: Table3): Table3RowKey[] {
  return Object.keys(table3.rows) as Table3RowKey[];
}

export const TABLE3_APPLICANT_HEADER = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export const TABLE4_COLUMN_NAMES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** The 15 cells of table 四 in print order (复议, 直接起诉, 复议后起诉). */
export function table4Cells(table4: Table4): Cell[] {
  return TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => table4[g]?.[c] ?? null));
}

/** A short plain text for a section the truth does not carry (no numbers: nothing to read as evidence). */
export function sectionText(key: (typeof SECTION_KEYS)[number], agency: string): string {
  const texts: Record<(typeof SECTION_KEYS)[number], string> = {
    overview: `${agency}坚持以公开为常态、不公开为例外，认真落实政务公开各项工作要求，扎实推进政府信息公开工作。`,
    proactive: '本年度主动公开政府信息情况如下表。',
    applications: '本年度收到和处理政府信息公开申请情况如下表。',
    appeals: '本年度政府信息公开行政复议、行政诉讼情况如下表。',
    problems: '存在的主要问题是公开内容的深度和广度仍需加强。下一步将进一步完善制度，提升公开质量。',
    other: '本年度未收取信息处理费。无其他需要报告的事项。',
  };
  return texts[key];
}

export function sectionTitle(key: (typeof SECTION_KEYS)[number]): string {
  return SECTION_TITLES[key];
}

export function reportTitle(report: AnnualReport): string {
  return `${report.agency ?? ''}${report.year ?? ''}年政府信息公开工作年度报告`;
}

// ---------- cells ----------

/** Every scored cell of the expected tables: [path, value]. */
export function expectedCells(expected: Expected): [string, Cell | string][] {
  const cells: [string, Cell | string][] = [];
  for (const [row, cols] of Object.entries(expected.table2)) {
    for (const [col, v] of Object.entries(cols ?? {})) cells.push([`t2.${row}.${col}`, v]);
  }
  for (const [row, values] of Object.entries(expected.table3.rows)) (values ?? []).forEach((v, i) => cells.push([`t3.${row}[${i}]`, v]));
  for (const [group, cols] of Object.entries(expected.table4)) {
    for (const [col, v] of Object.entries(cols ?? {})) cells.push([`t4.${group}.${col}`, v]);
  }
  const unscored = new Set(expected.unscored);
  return cells.filter(([path]) => !unscored.has(path));
}

export function valueAt(report: AnnualReport, cellPath: string): unknown {
  const t3 = /^t3\.(.+)\[(\d)\]$/.exec(cellPath);
  if (t3) return (report.table3.rows as Record<string, (number | null)[] | undefined>)[t3[1]!]?.[Number(t3[2])];
  const [table, row, col] = cellPath.split('.') as [string, string, string];
  const source = (table === 't2' ? report.table2 : report.table4) as Record<string, Record<string, unknown> | undefined>;
  return source[row]?.[col];
}

/** The row of a cell path (`t3.granted[2]` → `t3.granted`, `t2.fees.amountWan` → `t2.fees`). */
export function rowOf(cellPath: string): string {
  return cellPath.replace(/\[\d\]$/, '').replace(/^(t[24]\.[^.]+)\..+$/, '$1');
}

// ---------- readings of a run ----------

/** How a cell's text may look in a column (no leading zeros; a sign only where the column may be negative). */
export type CellShape = 'count' | 'signed' | 'decimal' | 'amountText';

const SHAPES: Record<CellShape, RegExp> = {
  count: /^(0|[1-9]\d*)$/,
  signed: /^-?(0|[1-9]\d*)$/,
  decimal: /^(0|[1-9]\d*)(\.\d+)?$/,
  amountText: /^(0|[1-9]\d*)(\.\d+)?[^\d.\-/]*$/,
};

/**
 * Every reading of a row printed as `pieces` (the texts between separators; '/' is one blank cell)
 * into `shapes.length` cells, up to `cap` readings (more → undefined: too many to list).
 */
export function readingsOf(pieces: readonly string[], shapes: readonly CellShape[], cap = 2000): (string | null)[][] | undefined {
  const parts: string[] = [];
  for (const p of pieces) for (const q of p.split(/(\/)/)) if (q !== '') parts.push(q);
  const out: (string | null)[][] = [];
  const k = shapes.length;
  const cur: (string | null)[] = [];
  let overflow = false;
  const walk = (pi: number, offset: number): void => {
    if (overflow) return;
    if (pi === parts.length) {
      if (cur.length === k) {
        out.push([...cur]);
        if (out.length > cap) overflow = true;
      }
      return;
    }
    if (cur.length >= k) return;
    const part = parts[pi]!;
    if (part === '/') {
      cur.push(null);
      walk(pi + 1, 0);
      cur.pop();
      return;
    }
    const shape = SHAPES[shapes[cur.length]!];
    for (let end = offset + 1; end <= part.length; end++) {
      const text = part.slice(offset, end);
      if (!shape.test(text)) continue;
      cur.push(text);
      if (end === part.length) walk(pi + 1, 0);
      else walk(pi, end);
      cur.pop();
    }
  };
  walk(0, 0);
  return overflow ? undefined : out;
}

export function parseCell(text: string | null, shape: CellShape): Cell | string {
  if (text === null) return null;
  return shape === 'amountText' ? text : Number(text);
}

/**
 * The columns of a row the text leaves open: the readings that satisfy the row's rule (`holds`),
 * or every reading when none does (a row printed with an error is read as printed only if the text
 * admits one reading), with the printed reading among them; the columns where they differ.
 */
export function openColumns(
  pieces: readonly string[], shapes: readonly CellShape[], printed: readonly (Cell | string)[],
  holds: (values: (Cell | string)[]) => boolean,
): number[] {
  const readings = readingsOf(pieces, shapes);
  if (readings === undefined) return shapes.map((_, i) => i);
  const values = readings.map((r) => r.map((t, i) => parseCell(t, shapes[i]!)));
  const satisfying = values.filter(holds);
  const candidates = satisfying.length > 0 ? satisfying : values;
  const all = [...candidates, [...printed]];
  const open: number[] = [];
  for (let i = 0; i < shapes.length; i++) {
    if (all.some((r) => JSON.stringify(r[i]) !== JSON.stringify(printed[i]))) open.push(i);
  }
  return open;
}

/** Table 三's row rule: the six applicant cells add up to 总计 (a row with a blank is not checked). */
export function table3RowHolds(values: readonly (Cell | string)[]): boolean {
  if (values.some((v) => typeof v !== 'number')) return true;
  const v = values as number[];
  return v[0]! + v[1]! + v[2]! + v[3]! + v[4]! + v[5]! === v[6];
}

/** Table 四's rule: in each group, the four outcomes add up to 总计. */
export function table4Holds(values: readonly (Cell | string)[]): boolean {
  for (let g = 0; g < 3; g++) {
    const v = values.slice(g * 5, g * 5 + 5);
    if (v.some((x) => typeof x !== 'number')) continue;
    const n = v as number[];
    if (n[0]! + n[1]! + n[2]! + n[3]! !== n[4]) return false;
  }
  return true;
}

/** The shape of a table 二 column. */
export function table2Shape(column: string): CellShape {
  if (column === 'itemsChange') return 'signed';
  if (column === 'amountWan') return 'decimal';
  if (column === 'amountText') return 'amountText';
  return 'count';
}

/** A cell as printed in a text layout: a number as is, a blank as '/' (or '' where `blank` says). */
export function printCell(value: Cell | string | undefined, blank = '/'): string {
  return value === null || value === undefined ? blank : String(value);
}
