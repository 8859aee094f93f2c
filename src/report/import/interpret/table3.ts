/**
 * 表三 (applications received and handled): value rows found in the token stream are put in
 * template order. A row whose own label (or, failing that, the only label printed since the
 * previous row) names a template row anchors it; rows detached from their labels (markdown
 * converted from PDF) fill the gaps between anchors in template order when the counts agree.
 */
import { TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE3_ROWS_2019, TABLE3_ROWS_2021, table3CellPath, type Cell, type ParseWarning, type ReportFormat, type Table3, type Table3RowKey } from '../../model.ts';
import { keysIn, lastKey, TABLE3_ANCHORS } from './labels.ts';
import type { Token, ValueGroup } from './tokens.ts';
import { groupValues } from './tokens.ts';
import { dashNextTo, printedBrokenMessage, printedBrokenWhy, readRow, type RowReadings, type RowSourceTraits } from './row-readings.ts';
import { resolveWithColumnRules } from './column-rules.ts';
import { warn } from './warnings.ts';
import { listReadings } from './candidates.ts';

/** The template's outcome rows for each `threeOther` (（六）其他处理 as three rows, 2021, or one, 2019), shared by every call. */
const OUTCOME_KEYS_2021 = outcomeKeysOf(TABLE3_ROWS_2021);
const OUTCOME_KEYS_2019 = outcomeKeysOf(TABLE3_ROWS_2019);

function outcomeKeysOf(order: readonly Table3RowKey[]): readonly Table3RowKey[] {
  return order.filter((k) => k !== 'newReceived' && k !== 'carriedOver' && k !== 'totalProcessed' && k !== 'carriedForward');
}

/** Beyond this many stray numbers or out-of-order rows, one summary warning says how many more. */
const MAX_REPEATED_WARNINGS = 20;

/** A group is a plausible row: five or more cells, or a run of at least seven digits. */
function isPlausibleRow(g: ValueGroup): boolean {
  const values = g.values;
  let nonBlank = 0;
  for (const v of values) if (v.value !== 'blank') nonBlank++;
  if (nonBlank === 0) return false;
  if (values.length >= 5) return true;
  // Every cell a number, with seven digits or more between them.
  let digits = 0;
  for (const v of values) {
    if (v.value !== 'num') return false;
    digits += digitCount(v.raw);
  }
  return digits >= 7;
}

/** How many ASCII digits `raw` holds (`raw.replace(/\D/g, '').length`). */
function digitCount(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** True when some cell of the group is a number. */
function hasNumber(g: ValueGroup): boolean {
  for (const v of g.values) if (v.value === 'num') return true;
  return false;
}

/**
 * A label that starts with an item number (`8.属于行`, `（四）`, `二、`): it starts a row label of
 * its own, so a row named only in the text before it is not this row (a PDF row whose label
 * wraps across a page, after a row of blank cells that printed only its label).
 */
const STARTS_ITEM = /^(?:\d+[.、．]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)/;

function groupKey(g: ValueGroup): Table3RowKey | undefined {
  const own = lastKey(g.ownLabel, TABLE3_ANCHORS);
  if (own) return own;
  if (STARTS_ITEM.test(g.ownLabel)) return undefined;
  const ctx = keysIn(g.contextLabel, TABLE3_ANCHORS);
  return ctx.length === 1 ? ctx[0] : undefined;
}

/**
 * Positions (in `values`) of a longest strictly increasing subsequence, O(n log n): anchors out of
 * template order (a label repeated in the narrative, a row printed twice) are dropped.
 */
function increasing(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: position of the smallest tail of an increasing run of length k+1
  const prev: number[] = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

/** Whether the printed table has three （六） rows; falls back to the format. */
export function hasThreeOtherRows(tokens: readonly Token[], from: number, to: number, format: ReportFormat | undefined): boolean | undefined {
  let labels = '';
  for (const t of tokens.slice(from, to)) if (t.kind === 'text') labels += t.text;
  if (/逾期不补正|缴纳费用|收费通知/.test(labels)) return true;
  if (/其他处理/.test(labels)) return false;
  return format === undefined ? undefined : format === '2021';
}

/** Reads 表三 out of the stream between `from` and `to`. */
export function readTable3(tokens: readonly Token[], from: number, to: number, threeOther: boolean, traits: RowSourceTraits, warnings: ParseWarning[]): Table3 {
  const order: readonly Table3RowKey[] = threeOther ? TABLE3_ROWS_2021 : TABLE3_ROWS_2019;
  const groups = groupValues(tokens, from, to);
  // Loops, not map/forEach chains: this runs for every value group of every report.
  const anchors: { g: ValueGroup; key: Table3RowKey; i: number; t: number }[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const key = groupKey(g);
    const t = key === undefined ? -1 : order.indexOf(key);
    if (key !== undefined && t >= 0) anchors.push({ g, key, i, t });
  }
  const positions: number[] = new Array<number>(anchors.length);
  for (let n = 0; n < anchors.length; n++) positions[n] = anchors[n]!.t;
  const keep = increasing(positions);
  /** Template position of each group that anchors a row, by group index; -1 for the others. */
  const anchorAt: number[] = new Array<number>(groups.length).fill(-1);
  let outOfOrder = 0;
  for (let n = 0; n < anchors.length; n++) {
    const a = anchors[n]!;
    if (keep.has(n)) anchorAt[a.i] = a.t;
    else if (isPlausibleRow(a.g) && ++outOfOrder <= MAX_REPEATED_WARNINGS) warnings.push(warn('table3.row-out-of-order', `t3.${a.key}`, `表三「${a.g.ownLabel || a.g.contextLabel}」一行出现在模板顺序之外，未采用。`));
  }

  const assigned = new Map<Table3RowKey, ValueGroup>();
  const detached = new Set<Table3RowKey>();
  let lastT = -1;
  let pendingGroups: ValueGroup[] = [];
  const strays: ValueGroup[] = [];
  const closeGap = (nextT: number): void => {
    const missing = order.slice(lastT + 1, nextT);
    const rows: ValueGroup[] = [];
    for (const g of pendingGroups) if (isPlausibleRow(g)) rows.push(g);
    if (rows.length === missing.length) {
      for (let n = 0; n < missing.length; n++) {
        assigned.set(missing[n]!, rows[n]!);
        detached.add(missing[n]!);
      }
    } else if (rows.length > 0) {
      warnings.push(warn('table3.rows-unaligned', missing.length > 0 ? `t3.${missing[0]}` : undefined,
        `表三有 ${rows.length} 行数字与行名分离，而其间缺 ${missing.length} 行（${missing.map((k) => TABLE3_ROW_LABELS[k]).join('、') || '无'}），无法确定对应关系，这些行留空。`));
    }
    for (const g of pendingGroups) if (!isPlausibleRow(g) && hasNumber(g)) strays.push(g);
    pendingGroups = [];
  };
  for (let i = 0; i < groups.length; i++) {
    const t = anchorAt[i]!;
    if (t < 0) {
      pendingGroups.push(groups[i]!);
      continue;
    }
    closeGap(t);
    assigned.set(order[t]!, groups[i]!);
    lastT = t;
  }
  closeGap(order.length);

  const readings = new Map<Table3RowKey, RowReadings>();
  for (const key of order) {
    const g = assigned.get(key);
    if (g) readings.set(key, readRow(g.values, 1, 7, traits, dashNextTo(tokens, g)));
  }
  const rows = settleRows(order, threeOther ? OUTCOME_KEYS_2021 : OUTCOME_KEYS_2019, readings, warnings);
  for (const key of detached) {
    if (rows[key]?.some((c) => c !== null)) {
      warnings.push(warn('table3.row-label-detached', `t3.${key}`, `表三「${TABLE3_ROW_LABELS[key]}」一行的数字与行名分离，按模板顺序归入此行。`));
    }
  }
  for (const g of strays.slice(0, MAX_REPEATED_WARNINGS)) reportStray(g, rows, warnings);
  const more = Math.max(0, strays.length - MAX_REPEATED_WARNINGS) + Math.max(0, outOfOrder - MAX_REPEATED_WARNINGS);
  if (more > 0) warnings.push(warn('table3.more-doubts', 't3', `表三另有 ${more} 处孤立的数字或重复的行未逐一列出：这份文件的表三可能不完整或混入了其他内容，请人工核对。`));
  return { columns: [...TABLE3_COLUMNS], rows };
}

/** Turns readings into cells: settled rows as read, damaged rows by the rules, the rest null. */
function settleRows(order: readonly Table3RowKey[], outcomeKeys: readonly Table3RowKey[], readings: Map<Table3RowKey, RowReadings>, warnings: ParseWarning[]): Table3['rows'] {
  const candidates = new Map<string, Cell[][]>();
  // A row whose printed figures break its own total is no evidence for the column rules; nor is one
  // with blank cells in its readings (a rule passes over a blank, so it would favour the blank).
  for (const [key, r] of readings) if (!r.exhausted && r.readings.length > 0 && !r.breaksTotals && !r.blankCells) candidates.set(key, r.readings);
  const { chosen, rule, consistent } = resolveWithColumnRules({ rows: candidates, outcomeKeys });
  const rows: Table3['rows'] = {};
  const ruleText = rule === 'balance' ? '上下结转平衡' : rule === 'outcome-total' ? '办理结果合计' : '办理结果合计与上下结转平衡';
  for (const key of order) {
    const r = readings.get(key);
    if (!r) {
      rows[key] = nullRow();
      warnings.push(warn('table3.row-missing', `t3.${key}`, `表三未找到「${TABLE3_ROW_LABELS[key]}」一行，各格留空。`));
      continue;
    }
    const pick = r.readings.length === 1 && !r.exhausted ? r.readings[0]! : chosen.get(key);
    if (!pick && r.kind === 'split' && !r.exhausted && !r.breaksTotals && r.readings.length > 1) {
      const partly = agreedCells(r.readings);
      if (partly) {
        rows[key] = partly;
        const open = TABLE3_COLUMNS.flatMap((c, i) => (partly[i] === null && r.readings.some((x) => x[i] !== null) ? [`「${TABLE3_COLUMN_LABELS[c]}」`] : []));
        warnings.push(warn('table3.row-partly-read', `t3.${key}`, `表三「${TABLE3_ROW_LABELS[key]}」一行数字连在一起，有 ${r.readings.length} 种符合行合计的读法，各读法一致的格已读出；${open.join('')}列各读法不同，留空，请人工核对。${listReadings(r.readings, false)}`));
        continue;
      }
    }
    if (!pick) {
      rows[key] = nullRow();
      const why = r.kind === 'unreadable' ? '格数不符，无法读取' : r.breaksTotals ? printedBrokenWhy(r) : `有 ${r.exhausted ? '过多' : r.readings.length} 种与表格规则一致的读法`;
      // The column rules may have ruled some readings out: list those still consistent with them.
      const open = consistent?.get(key);
      const narrowed = open && open.length < r.readings.length ? `，其中 ${open.length} 种也符合${ruleText}` : '';
      const listed = r.kind === 'unreadable' ? '' : listReadings(open ?? r.readings, r.exhausted);
      warnings.push(warn(r.kind === 'unreadable' ? 'table3.row-unreadable' : 'table3.row-ambiguous', `t3.${key}`, `表三「${TABLE3_ROW_LABELS[key]}」一行${why}${narrowed}，各格留空，请人工核对。${listed}`));
      continue;
    }
    rows[key] = pick;
    const byColumns = r.readings.length > 1 ? `；多种读法中只有一种符合${ruleText}` : '';
    if (r.kind === 'printed-broken') warnings.push(warn('table3.printed-totals-broken', `t3.${key}`, printedBrokenMessage(`表三「${TABLE3_ROW_LABELS[key]}」一行`, pick)));
    if (r.kind === 'split') warnings.push(warn('table3.split-inferred', `t3.${key}`, `表三「${TABLE3_ROW_LABELS[key]}」一行数字连在一起，按行合计等于各列之和拆分为 ${pick.join('、')}${byColumns}。`));
    if (r.kind === 'lost-cell') warnings.push(warn('table3.cell-missing-inferred', `t3.${key}`, `表三「${TABLE3_ROW_LABELS[key]}」一行少一格，按行合计规则补足为 ${pick.join('、')}${byColumns}。`));
    if (r.kind === 'extra-cell') warnings.push(warn('table3.cell-extra-removed', `t3.${key}`, `表三「${TABLE3_ROW_LABELS[key]}」一行多一格，按行合计规则读作 ${pick.join('、')}${byColumns}。`));
  }
  return rows;
}

/** A row of seven blank cells (a fresh array: each row of the result is its own). */
function nullRow(): Cell[] {
  return [null, null, null, null, null, null, null];
}

/** A lone number in the table: say where it could belong (a blank total its row would sum to), never fill it in. */
function reportStray(g: ValueGroup, rows: Table3['rows'], warnings: ParseWarning[]): void {
  const text = g.values.map((v) => v.raw).join(' ');
  const fits: string[] = [];
  for (const [key, cells] of Object.entries(rows) as [Table3RowKey, Cell[]][]) {
    if (cells[6] !== null || cells.slice(0, 6).some((c) => c === null)) continue;
    const sum = cells.slice(0, 6).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (g.values.length === 1 && String(sum) === g.values[0]!.raw) fits.push(table3CellPath(key, 6));
  }
  warnings.push(warn('table3.stray-value', fits[0] ?? 't3', fits.length > 0
    ? `表三中有孤立的数字「${text}」，未归入任何一格；${fits.join('、')} 为空，按行合计应为 ${text}，请人工核对。`
    : `表三中有孤立的数字「${text}」，未归入任何一格，请人工核对。`));
}

/**
 * The cells on which every reading of a row agrees, the others null; undefined when the readings
 * agree on no number. Only for a row's complete list of readings that keep its total (`split`):
 * the true row is one of them, so a cell they all share is settled whichever it is (a cell they
 * all leave blank stays blank). The open cells are null, so the validator checks no rule through
 * them (a sum with a blank operand is not checked).
 *
 * @example agreedCells([[2, 20, 0, 0, 0, 0, 22], [22, 0, 0, 0, 0, 0, 22]]) → [null, null, 0, 0, 0, 0, 22]
 */
export function agreedCells(readings: readonly (readonly Cell[])[]): Cell[] | undefined {
  const first = readings[0];
  if (!first) return undefined;
  const out: Cell[] = first.map((c, i) => (readings.every((r) => r[i] === c) ? c : null));
  return out.some((c) => c !== null) ? out : undefined;
}
