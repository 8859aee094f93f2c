/**
 * Page layout of a PDF from positioned text fragments (pdf.js text items), pure geometry:
 *
 * 1. fragments on one baseline less than 0.4 em apart become a run (one cell's text on one line);
 * 2. runs stacked in one narrow column with tight line spacing become a block: a cell whose
 *    label wraps (「（二）部分公开（区分处理的，只计这一情形，」/「不计其他情形）」, header
 *    「社会/公益/组织」). Never merged: runs that each sit beside their own numbers (two rows),
 *    a run starting a new item (「2.」「（三）」「四、」), body-size or full-width text;
 * 3. blocks whose vertical centres agree become a line; its cells are the blocks left to
 *    right. A wrapped label's centre lies at the middle of its lines, where the row's numbers
 *    are (the numbers of a row are centred in the row), so label and numbers meet.
 *
 * PDF y grows upwards; "above" means a larger y.
 */
import { isValueText, joinBrokenLines, normalizeCjkText } from '../lines/normalize.ts';

/** A text item of pdf.js with its position: baseline-left (x, y), advance width, font size. */
export interface PdfFragment {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** A cell on a laid-out line, with its box. */
export interface LaidCell {
  text: string;
  x0: number;
  x1: number;
  fontSize: number;
  value: boolean;
}

/** A line of one page: cells left to right, vertical centre, box. */
export interface LaidLine {
  cells: LaidCell[];
  center: number;
  top: number;
  bottom: number;
  fontSize: number;
}

interface Run {
  text: string;
  x0: number;
  x1: number;
  y: number;
  fs: number;
  value: boolean;
}

interface Block {
  runs: Run[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  fs: number;
  value: boolean;
}

/** Options the document pass knows: the body font size (tables use smaller type). */
export interface LayoutContext {
  bodyFontSize: number;
}

const ASCENT = 0.85;
const DESCENT = 0.15;
const ITEM_START = /^(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)/u;

/** Lays out one page's fragments into lines, top to bottom. */
export function layOutPage(fragments: readonly PdfFragment[], context: LayoutContext): LaidLine[] {
  const runs = buildRuns(fragments);
  const blocks = stackRuns(runs, context);
  return groupLines(blocks);
}

function centerOf(y: number, fs: number): number {
  return y + fs * (ASCENT - DESCENT) / 2;
}

/** Step 1: fragments → runs (same baseline, gap under ~half a character). */
function buildRuns(fragments: readonly PdfFragment[]): Run[] {
  const sorted = [...fragments].sort((a, b) => centerOf(b.y, b.fontSize) - centerOf(a.y, a.fontSize));
  const rows: PdfFragment[][] = [];
  for (const f of sorted) {
    const row = rows.at(-1);
    const head = row?.[0];
    if (row && head && Math.abs(centerOf(f.y, f.fontSize) - centerOf(head.y, head.fontSize)) <= 0.3 * Math.min(f.fontSize, head.fontSize)) row.push(f);
    else rows.push([f]);
  }
  const runs: Run[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: Run | undefined;
    for (const f of row) {
      const gap = current ? f.x - current.x1 : Infinity;
      if (current && gap <= 0.4 * Math.min(f.fontSize, current.fs)) {
        current.text += gap > 0.2 * f.fontSize ? ` ${f.text}` : f.text;
        current.x1 = Math.max(current.x1, f.x + f.width);
        current.fs = Math.max(current.fs, f.fontSize);
      } else {
        if (current) runs.push(...splitValues(current));
        current = { text: f.text, x0: f.x, x1: f.x + f.width, y: f.y, fs: f.fontSize, value: false };
      }
    }
    if (current) runs.push(...splitValues(current));
  }
  return runs;
}

/** A run that is only numbers separated by spaces (「0  0  3」) is that many value cells. */
function splitValues(run: Run): Run[] {
  const text = normalizeCjkText(run.text);
  const tokens = text.split(' ');
  if (tokens.length < 2 || !tokens.every((t) => isValueText(t) && /\d/u.test(t))) {
    return [{ ...run, text, value: isValueText(text) }];
  }
  const step = (run.x1 - run.x0) / tokens.length;
  return tokens.map((t, i) => ({ ...run, text: t, x0: run.x0 + i * step, x1: run.x0 + (i + 1) * step, value: true }));
}

/** Step 2: stack the runs of a wrapped cell into one block. */
function stackRuns(runs: Run[], context: LayoutContext): Block[] {
  const left = Math.min(...runs.map((r) => r.x0));
  const right = Math.max(...runs.map((r) => r.x1));
  const pageWidth = Math.max(1, right - left);
  const values = runs.filter((r) => r.value);
  const besideValue = (r: Run): boolean => values.some((v) => v !== r && Math.abs(centerOf(v.y, v.fs) - centerOf(r.y, r.fs)) <= 0.5 * r.fs);
  const stackable = (r: Run): boolean => !r.value && r.fs < context.bodyFontSize - 0.5 && r.x1 - r.x0 < 0.6 * pageWidth;

  const order = runs.map((_, i) => i).sort((a, b) => (runs[b]?.y ?? 0) - (runs[a]?.y ?? 0));
  const blockOf = new Map<Run, Block>();
  const blocks: Block[] = [];
  for (const i of order) {
    const run = runs[i];
    if (!run) continue;
    let block = blockOf.get(run);
    if (!block) {
      block = { runs: [run], x0: run.x0, x1: run.x1, top: run.y + ASCENT * run.fs, bottom: run.y - DESCENT * run.fs, fs: run.fs, value: run.value };
      blockOf.set(run, block);
      blocks.push(block);
    }
    if (!stackable(run)) continue;
    const below = findRunBelow(run, runs, blockOf);
    if (!below || !stackable(below) || ITEM_START.test(below.text)) continue;
    if (besideValue(run) && besideValue(below)) continue;
    block.runs.push(below);
    block.x0 = Math.min(block.x0, below.x0);
    block.x1 = Math.max(block.x1, below.x1);
    block.bottom = Math.min(block.bottom, below.y - DESCENT * below.fs);
    blockOf.set(below, block);
  }
  return blocks;
}

/** The nearest run under `run` in its column, at the spacing of wrapped lines. */
function findRunBelow(run: Run, runs: readonly Run[], taken: Map<Run, Block>): Run | undefined {
  let best: Run | undefined;
  for (const other of runs) {
    if (other === run || taken.has(other) || Math.abs(other.fs - run.fs) > 1.5) continue;
    const dy = run.y - other.y;
    const fs = Math.max(run.fs, other.fs);
    if (dy < 0.8 * fs || dy > 1.65 * fs) continue;
    const overlap = Math.min(run.x1, other.x1) - Math.max(run.x0, other.x0);
    if (overlap < 0.5 * Math.min(run.x1 - run.x0, other.x1 - other.x0)) continue;
    if (!best || other.y > best.y) best = other;
  }
  return best;
}

/** Step 3: blocks with agreeing vertical centres → lines; cells left to right. */
function groupLines(blocks: Block[]): LaidLine[] {
  const center = (b: Block): number => (b.top + b.bottom) / 2;
  const sorted = [...blocks].sort((a, b) => center(b) - center(a));
  const groups: { blocks: Block[]; sum: number; minHeight: number }[] = [];
  for (const b of sorted) {
    const height = b.top - b.bottom;
    const g = groups.at(-1);
    if (g && Math.abs(center(b) - g.sum / g.blocks.length) <= 0.5 * Math.min(height, g.minHeight)) {
      g.blocks.push(b);
      g.sum += center(b);
      g.minHeight = Math.min(g.minHeight, height);
    } else {
      groups.push({ blocks: [b], sum: center(b), minHeight: height });
    }
  }
  return groups.map((g) => {
    const cells = [...g.blocks].sort((a, b) => a.x0 - b.x0).map((b): LaidCell => ({
      text: normalizeCjkText(joinBrokenLines(b.runs.map((r) => r.text))),
      x0: b.x0,
      x1: b.x1,
      fontSize: b.fs,
      value: b.value,
    }));
    return {
      cells,
      center: g.sum / g.blocks.length,
      top: Math.max(...g.blocks.map((b) => b.top)),
      bottom: Math.min(...g.blocks.map((b) => b.bottom)),
      fontSize: Math.min(...g.blocks.map((b) => b.fs)),
    };
  });
}
