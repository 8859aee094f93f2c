/**
 * 表二 (proactive disclosure) and 表四 (reconsideration and litigation). 表二 rows are found by
 * their labels anywhere in the table (a markdown conversion may print them out of order); 表四 is
 * the first fifteen value cells after its header, read in groups of five.
 */
import {
  TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE4_COLUMNS, TABLE4_GROUPS, table2Layout,
  type Cell, type ParseWarning, type ReportFormat, type Table2, type Table2RowKey, type Table4,
} from '../../model.ts';
import { keysIn, lastKey, TABLE2_ANCHORS } from './labels.ts';
import { groupValues, type Token, type ValueToken } from './tokens.ts';
import { dashNextTo, printedBrokenMessage, printedBrokenWhy, readRow, type RowSourceTraits } from './row-readings.ts';
import { piecesAtSigns, splitTable2 } from './splits.ts';
import { chooseByEvidence, statedCounts, type Table2Evidence } from './evidence.ts';
import type { StatedDocumentCount } from '../../rules/text-counts.ts';
import { evenFirst, listReadings } from './candidates.ts';
import { warn } from './warnings.ts';

/** Splits of an ambiguous 表二 run are counted up to this many (for the warning); two already mean "ambiguous". */
const MAX_COUNTED_SPLITS = 50;

function table2Value(column: string, raw: string, unit: string): number | string {
  return column === 'amountText' ? raw + unit : Number(raw);
}

type Table2Row = Record<string, number | string | null>;

/** What a 表二 row is read with besides its cells: the source form and the report's own evidence. */
interface Table2Context {
  crawler: boolean;
  evidence?: Table2Evidence;
  counts: readonly StatedDocumentCount[];
}

/** Reads one 表二 row's cells; a run of digits with no separator is split only if one reading exists. */
function readTable2Row(key: Table2RowKey, columns: readonly string[], values: ValueToken[], ctx: Table2Context, warnings: ParseWarning[]): Table2Row {
  const row: Table2Row = {};
  for (const c of columns) row[c] = null;
  let from = 0;
  let to = values.length;
  while (to - from > columns.length && values[to - 1]!.value === 'blank') to--;
  while (to - from > columns.length && values[from]!.value === 'blank') from++;
  const cells = values.slice(from, to);
  if (cells.length === columns.length && (!ctx.crawler || columns.length === 1)) {
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i]!;
      row[columns[i]!] = v.value === 'num' ? table2Value(columns[i]!, v.raw, v.unit) : null;
    }
    return row;
  }
  const nums = cells.filter((v) => v.value === 'num');
  // Digits run together: fewer printed numbers than columns, or crawler text (its spaces may not be cell boundaries).
  if (nums.length > 0 && nums.length === cells.length && (nums.length < columns.length || ctx.crawler)) {
    readRunTogether(key, columns, nums, row, ctx, warnings);
    return row;
  }
  warnings.push(warn('table2.row-unreadable', `t2.${key}`, `表二「${TABLE2_ROW_LABELS[key]}」一行应有 ${columns.length} 格，读到 ${cells.length} 格，各格留空。`));
  return row;
}

/**
 * A run of digits printed without separators: filled in when only one split exists — of the run
 * (a minus sign starting 本年增/减), else of its printed pieces (crawler text: a space is taken
 * as a cell boundary, and the warning says so), else the one the report's own evidence leaves
 * (`chooseByEvidence`); otherwise left null and every split listed.
 */
function readRunTogether(key: Table2RowKey, columns: readonly string[], nums: readonly ValueToken[], row: Table2Row, ctx: Table2Context, warnings: ParseWarning[]): void {
  const label = TABLE2_ROW_LABELS[key];
  const raw = nums.map((v) => v.raw).join('');
  const unit = nums[nums.length - 1]!.unit;
  const signed = columns.indexOf('itemsChange');
  const fill = (reading: readonly string[]): void =>
    reading.forEach((part, i) => (row[columns[i]!] = table2Value(columns[i]!, part, i === columns.length - 1 ? unit : '')));
  const shown = (reading: readonly string[]): string => reading.join('、') + (columns[columns.length - 1] === 'amountText' ? unit : '');
  let { readings, exhausted } = splitTable2(piecesAtSigns(raw), signed, columns.length, MAX_COUNTED_SPLITS);
  if (readings.length === 1 && !exhausted) {
    fill(readings[0]!);
    if (nums.length < columns.length || raw.includes('-')) {
      warnings.push(warn('table2.split-inferred', `t2.${key}`, `表二「${label}」一行数字连在一起（${raw}），只有一种拆分：${shown(readings[0]!)}${raw.includes('-') ? '（负号起于“本年增/减”一格）' : ''}。`));
    }
    return;
  }
  if (nums.length > 1) {
    // The printed pieces kept whole: in crawler text a space is taken as a cell boundary.
    const byPieces = splitTable2(nums.map((v) => v.raw), signed, columns.length, MAX_COUNTED_SPLITS);
    if (byPieces.readings.length === 1 && !byPieces.exhausted) {
      fill(byPieces.readings[0]!);
      warnings.push(warn('table2.split-by-spacing', `t2.${key}`,
        `表二「${label}」一行数字连在一起（${nums.map((v) => v.raw).join(' ')}），连写可拆成多种读法，按印出的空格分隔只有一种：${shown(byPieces.readings[0]!)}。`));
      return;
    }
    if (byPieces.readings.length > 1 && !byPieces.exhausted) ({ readings, exhausted } = byPieces);
  }
  const complete = !exhausted && readings.length < MAX_COUNTED_SPLITS;
  const chosen = complete && ctx.evidence ? chooseByEvidence(key, columns, readings, ctx.counts, ctx.evidence) : undefined;
  if (chosen?.open.length === 1) {
    fill(chosen.open[0]!);
    warnings.push(warn('table2.split-by-evidence', `t2.${key}`,
      `表二「${label}」一行数字连在一起（${raw}${unit}），可拆成 ${readings.length} 种读法；按${chosen.because.join('与')}，只有一种相符：${shown(chosen.open[0]!)}。`));
    return;
  }
  const narrowed = chosen ? `按${chosen.because.join('与')}可排除部分读法，仍有 ${chosen.open.length} 种：${chosen.open.map((r) => r.join('|') + unit).join('、')}。` : '';
  const listed = evenFirst(readings).map((r) => r.map((part, i) => (i === r.length - 1 ? part + unit : part)));
  warnings.push(warn('table2.split-ambiguous', `t2.${key}`,
    `表二「${label}」一行数字连在一起（${raw}${unit}），可拆成多种读法（${columns.map((c) => TABLE2_COLUMN_LABELS[c] ?? c).join('、')}），各格留空，请人工核对。${narrowed || listReadings(listed, exhausted)}`));
}

/** A minus sign between two numbers of a line (`1-10`): the sign of the second, which starts the 本年增/减 cell. */
function isMinus(t: Token | undefined): boolean {
  return t?.kind === 'text' && (t.text === '-' || t.text === '\u2212');
}

/** The tokens of 表二 with each minus between two numbers of a line joined to the number after it (`1`, `-10`). */
function signsJoined(tokens: readonly Token[], from: number, to: number): Token[] {
  const out: Token[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (i + 1 < to && isMinus(t) && prev?.kind === 'value' && prev.value === 'num' && next?.kind === 'value' && next.value === 'num'
      && /^\d+$/.test(next.raw) && prev.line === t.line && next.line === t.line) {
      out.push({ ...next, raw: `-${next.raw}`, separated: true });
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Reads 表二 between `from` and `to` with the layout of `format`; `evidence` (the narrative, last year's report) settles some runs. */
export function readTable2(tokens: readonly Token[], from: number, to: number, format: ReportFormat, crawler: boolean, warnings: ParseWarning[], evidence?: Table2Evidence): Table2 {
  const layout = table2Layout(format);
  const table: Table2 = {};
  const ctx: Table2Context = { crawler, counts: statedCounts(evidence), ...(evidence ? { evidence } : {}) };
  const joined = signsJoined(tokens, from, to);
  for (const g of groupValues(joined, 0, joined.length)) {
    // The context label is matched only when the row's own label names no row.
    const own = lastKey(g.ownLabel, TABLE2_ANCHORS);
    const ctxKeys = own === undefined ? keysIn(g.contextLabel, TABLE2_ANCHORS) : [];
    const key = own ?? (ctxKeys.length === 1 ? ctxKeys[0] : undefined);
    if (!key || table[key] || !layout[key]) continue;
    table[key] = readTable2Row(key, layout[key], g.values, ctx, warnings);
  }
  for (const [key, columns] of Object.entries(layout) as [Table2RowKey, readonly string[]][]) {
    if (table[key]) continue;
    table[key] = Object.fromEntries(columns.map((c) => [c, null]));
    warnings.push(warn('table2.row-missing', `t2.${key}`, `表二未找到「${TABLE2_ROW_LABELS[key]}」一行，各格留空。`));
  }
  return table;
}

/** 表四 with every cell null: the shape kept when its cells cannot be read. */
function emptyTable4(): Table4 {
  const t: Table4 = {};
  for (const g of TABLE4_GROUPS) t[g] = { upheld: null, corrected: null, other: null, pending: null, total: null };
  return t;
}

/** Reads 表四: fifteen cells (three groups × 结果维持, 结果纠正, 其他结果, 尚未审结, 总计). */
export function readTable4(tokens: readonly Token[], from: number, to: number, traits: RowSourceTraits, warnings: ParseWarning[]): Table4 {
  const values: ValueToken[] = [];
  let dashAtEdge = false;
  for (const g of groupValues(tokens, from, to)) {
    if (!g.values.some((v) => v.value !== 'blank')) continue;
    values.push(...g.values);
    dashAtEdge ||= dashNextTo(tokens, g);
    if (values.filter((v) => v.value !== 'blank').length >= 15 || values.length >= 15) break;
  }
  const table = emptyTable4();
  const r = readRow(values, 3, 5, traits, dashAtEdge);
  const reading: Cell[] | undefined = r.readings.length === 1 && !r.exhausted ? r.readings[0] : undefined;
  if (!reading) {
    const why = r.breaksTotals ? printedBrokenWhy(r) : r.readings.length > 1 || r.exhausted ? '有多种与各组合计一致的读法' : `应有 15 格，读到 ${values.length} 格`;
    const listed = r.readings.length > 1 ? listReadings(r.readings, r.exhausted) : '';
    warnings.push(warn(r.readings.length > 1 ? 'table4.ambiguous' : 'table4.unreadable', 't4', `表四${why}，各格留空，请人工核对。${listed}`));
    return table;
  }
  TABLE4_GROUPS.forEach((g, gi) => {
    const row = table[g]!;
    TABLE4_COLUMNS.forEach((c, ci) => (row[c] = reading[gi * 5 + ci] ?? null));
  });
  if (r.kind === 'printed-broken') warnings.push(warn('table4.printed-totals-broken', 't4', printedBrokenMessage('表四', reading)));
  const repair = { split: '数字连在一起，按各组总计等于前四项之和拆分为', 'lost-cell': '少一格，按各组总计规则补足为', 'extra-cell': '多一格，按各组总计规则读作' } as const;
  if (r.kind === 'split' || r.kind === 'lost-cell' || r.kind === 'extra-cell') {
    warnings.push(warn(`table4.${r.kind === 'split' ? 'split-inferred' : r.kind === 'lost-cell' ? 'cell-missing-inferred' : 'cell-extra-removed'}`, 't4', `表四${repair[r.kind]} ${reading.join('、')}（唯一一致的读法）。`));
  }
  return table;
}
