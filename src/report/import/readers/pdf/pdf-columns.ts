/**
 * Blank cells of a PDF table: a blank cell prints nothing, so a row of 「18 … 18」 under seven
 * columns would lose the positions of its numbers. Within a table section (header rows, then
 * rows with values), the value columns are found from the x-centres of the numbers and of the
 * narrow header cells over them; a row with fewer values gets '' for the columns it leaves
 * empty. A row whose values do not fall one-to-one on those columns is left as printed, with
 * a warning `pdf.row-cell-count`.
 */
import type { SourceDocument } from '../../source.ts';
import type { DocLine } from './pdf-document.ts';
import type { LaidCell } from './pdf-layout.ts';

type Warning = SourceDocument['warnings'][number];

/** Rewrites, in place, the rows of each table section that lack some value cells. */
export function alignTableColumns(lines: DocLine[], warnings: Warning[]): void {
  for (const section of tableSections(lines)) alignSection(section, warnings);
}

/**
 * Runs of table rows; a new section starts at a header row (≥2 cells, no value) after a row with
 * values. A run that starts with a row of values (or of label fragments) after a few lines of table-size text (a wrapped
 * label read as a line of its own, a page's footer and header) continues the section before it:
 * its columns are that section's.
 */
function tableSections(lines: readonly DocLine[]): DocLine[][] {
  const sections: DocLine[][] = [];
  let current: DocLine[] | undefined;
  let interrupted: { section: DocLine[]; lines: number; fontSize: number } | undefined;
  for (const line of lines) {
    if (!line.isTable) {
      if (current) interrupted = { section: current, lines: 0, fontSize: Math.max(...current.map((l) => l.laid.fontSize)) };
      current = undefined;
      if (interrupted) {
        interrupted.lines += 1;
        if (interrupted.lines > MAX_INTERRUPTION || line.laid.fontSize > interrupted.fontSize + 0.5) interrupted = undefined;
      }
      continue;
    }
    const hasValues = line.laid.cells.some((c) => c.value);
    if (!current && interrupted && (hasValues || !isHeaderOf(line, interrupted.section))) current = interrupted.section;
    interrupted = undefined;
    if (!current || (!hasValues && isHeaderOf(line, current))) {
      // A header printed again on a new page continues the table it heads.
      const key = keyOf(line);
      current = hasValues ? undefined : sections.find((s) => s[0] && !s[0].laid.cells.some((c) => c.value) && keyOf(s[0]) === key && s[0].page < line.page);
      if (!current) {
        current = [];
        sections.push(current);
      }
    }
    current.push(line);
  }
  return sections;
}

/**
 * True when `line` (no values) heads a new table after `section`: two or more cells, one of them
 * over the section's numbers. Fragments of merged label cells (「本年」「（四）无法」) lie left
 * of the numbers and are rows of the same table.
 */
function isHeaderOf(line: DocLine, section: readonly DocLine[]): boolean {
  if (line.laid.cells.length < 2) return false;
  let firstValue = Infinity;
  for (const l of section) for (const c of l.laid.cells) if (c.value) firstValue = Math.min(firstValue, c.x0);
  if (firstValue === Infinity) return false;
  return line.laid.cells.some((c) => c.x1 > firstValue);
}

function keyOf(line: DocLine): string {
  return line.laid.cells.map((c) => c.text).join('|');
}

/** Lines of table-size text a table may be interrupted by and still continue. */
const MAX_INTERRUPTION = 6;

function alignSection(section: readonly DocLine[], warnings: Warning[]): void {
  const valueCells = section.flatMap((l) => l.laid.cells.filter((c) => c.value));
  if (valueCells.length === 0) return;
  const fs = median(valueCells.map((c) => c.fontSize));
  const columns = columnsFromAnchors(valueCells, section, fs) ?? columnsFromCentres(section, valueCells, fs);
  if (!columns || columns.length < 2) return;
  for (const line of section) {
    const cells = line.laid.cells;
    const values = cells.filter((c) => c.value);
    if (values.length === 0 || values.length >= columns.length) continue;
    const firstValue = cells.findIndex((c) => c.value);
    const labels = cells.slice(0, firstValue);
    const slots = columns.map((): LaidCell | undefined => undefined);
    const fits = cells.slice(firstValue).every((c) => {
      if (!c.value) return false;
      const k = columnOf(columns, c);
      if (k < 0 || slots[k] !== undefined) return false;
      slots[k] = c;
      return true;
    });
    if (!fits) {
      warnings.push({ code: 'pdf.row-cell-count', path: `page[${line.page}]`, message: `第${line.page}页表格行「${labels.map((c) => c.text).join(' ')}」有${values.length}个数值，与该表${columns.length}列对不齐，按原样保留。` });
      continue;
    }
    line.laid.cells = [...labels, ...slots.map((c, k) => c ?? blank(columns[k]?.center ?? 0, fs))];
  }
}

/** A value column: the span its numbers take (left-, right- or centre-aligned alike) and where a lone number may sit. */
interface Column {
  x0: number;
  x1: number;
  center: number;
  /** How far from the span a number may sit and still belong to it. */
  reach: number;
}

/**
 * Columns from where the numbers line up. Numbers are aligned left, right or centred in their
 * cells: whichever of their left edges, right edges or centres falls into the fewest clusters is
 * the alignment, and each cluster a column spanning its numbers (a centre alone would split a
 * right-aligned column of 「8」 and 「12345」 in two). A narrow header cell standing in a gap wide
 * enough for a column of its own adds that column (one whose cells are all blank). Undefined
 * when the columns so found overlap.
 */
function columnsFromAnchors(valueCells: readonly LaidCell[], section: readonly DocLine[], fs: number): Column[] | undefined {
  const anchors: ((c: LaidCell) => number)[] = [center, (c) => c.x0, (c) => c.x1];
  let best: LaidCell[][] | undefined;
  for (const anchor of anchors) {
    const groups = clusterBy(valueCells, anchor, 0.35 * fs);
    if (!best || groups.length < best.length) best = groups;
  }
  if (!best || best.length < 2) return undefined;
  const spans = best.map((g) => ({ x0: Math.min(...g.map((c) => c.x0)), x1: Math.max(...g.map((c) => c.x1)) }));
  if (spans.some((s, k) => k > 0 && s.x0 <= (spans[k - 1]?.x1 ?? -Infinity))) return undefined;
  const mid = (s: { x0: number; x1: number }): number => (s.x0 + s.x1) / 2;
  const pitch = Math.min(...spans.slice(1).map((s, k) => mid(s) - mid(spans[k] ?? s)));
  // A span as wide as the distance between columns would hold numbers of two columns.
  if (spans.some((s) => s.x1 - s.x0 >= pitch)) return undefined;
  const columns: Column[] = [];
  const heads = columnHeads(section, spans[0]?.x0 ?? 0, fs);
  const headers = heads ?? headerCentres(section, spans[0]?.x0 ?? 0, fs);
  // Two value columns alone give no pitch: the row of column heads does (自然人 … 总计, the columns between blank throughout).
  const headPitch = heads ? Math.min(...heads.slice(1).map((h, k) => h - (heads[k] ?? h))) : Infinity;
  const fill = Math.min(pitch, headPitch);
  spans.forEach((s, k) => {
    const before = spans[k - 1];
    if (before && mid(s) - mid(before) >= 1.6 * fill) {
      for (const h of headers) {
        if (h > before.x1 && h < s.x0 && h - mid(before) >= 0.6 * fill && mid(s) - h >= 0.6 * fill) {
          columns.push({ x0: h - fs / 2, x1: h + fs / 2, center: h, reach: 0 });
        }
      }
    }
    columns.push({ ...s, center: mid(s), reach: 0 });
  });
  // The row of column heads also places blank columns before the first value column and after the last (table 四's third group).
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (heads && first && last) {
    const lead = heads.filter((h) => h < first.x0 && mid(first) - h >= 0.6 * fill);
    const trail = heads.filter((h) => h > last.x1 && h - mid(last) >= 0.6 * fill);
    columns.unshift(...lead.map((h) => ({ x0: h - fs / 2, x1: h + fs / 2, center: h, reach: 0 })));
    columns.push(...trail.map((h) => ({ x0: h - fs / 2, x1: h + fs / 2, center: h, reach: 0 })));
  }
  // A number may sit a little beside its column's span, never past half the gap to the next.
  columns.forEach((c, k) => {
    const gapBefore = k > 0 ? c.x0 - (columns[k - 1]?.x1 ?? c.x0) : Infinity;
    const gapAfter = k < columns.length - 1 ? (columns[k + 1]?.x0 ?? c.x1) - c.x1 : Infinity;
    c.reach = Math.min(gapBefore, gapAfter, 2 * fs) / 2;
  });
  return columns;
}

/** Single-linkage clusters of cells by a position (gap ≤ maxGap), left to right. */
function clusterBy(cells: readonly LaidCell[], position: (c: LaidCell) => number, maxGap: number): LaidCell[][] {
  const sorted = [...cells].sort((a, b) => position(a) - position(b));
  const groups: LaidCell[][] = [];
  for (const c of sorted) {
    const g = groups.at(-1);
    const last = g?.at(-1);
    if (g && last && position(c) - position(last) <= maxGap) g.push(c);
    else groups.push([c]);
  }
  return groups;
}

/**
 * Centres of the narrow header cells (before the first row with numbers) over the value area,
 * clustered. Narrow: at most four characters wide and a little (「科研机构」「社会公益」, the
 * column heads of table 三; 「结果维持」 of table 四), since such a head is only used where the
 * numbers leave a gap wide enough for a column of its own.
 */
function headerCentres(section: readonly DocLine[], firstX: number, fs: number): number[] {
  const firstValueRow = section.findIndex((l) => l.laid.cells.some((c) => c.value));
  const cells = section.slice(0, Math.max(0, firstValueRow)).flatMap((l) => l.laid.cells)
    .filter((c) => c.x1 - c.x0 <= 4.2 * c.fontSize && center(c) >= firstX - fs);
  return cluster(cells.map(center), 0.6 * fs);
}

/**
 * The row of column heads: the header line (before the first row with numbers) with the most
 * narrow cells over the value area, at least three, each a column of its own — their centres, or
 * undefined when there is no such line or two of its heads stand closer than a character.
 */
function columnHeads(section: readonly DocLine[], firstX: number, fs: number): number[] | undefined {
  const firstValueRow = section.findIndex((l) => l.laid.cells.some((c) => c.value));
  let best: number[] | undefined;
  for (const l of section.slice(0, Math.max(0, firstValueRow))) {
    const xs = l.laid.cells.filter((c) => c.x1 - c.x0 <= 4.2 * c.fontSize && center(c) >= firstX - fs).map(center).sort((a, b) => a - b);
    if (xs.length >= 3 && (!best || xs.length > best.length)) best = xs;
  }
  if (!best || best.some((x, k) => k > 0 && x - (best?.[k - 1] ?? x) < fs)) return undefined;
  return best;
}

/** Columns from the centres of the numbers and of the narrow header cells over them (numbers centred in their cells). */
function columnsFromCentres(section: readonly DocLine[], valueCells: readonly LaidCell[], fs: number): Column[] | undefined {
  const firstX = Math.min(...valueCells.map((c) => c.x0));
  const firstValueRow = section.findIndex((l) => l.laid.cells.some((c) => c.value));
  const headerCells = section.slice(0, firstValueRow).flatMap((l) => l.laid.cells)
    .filter((c) => c.x1 - c.x0 <= 3.2 * c.fontSize && center(c) >= firstX - fs);
  const centres = cluster([...valueCells, ...headerCells].map(center), 0.6 * fs);
  if (centres.length < 2) return undefined;
  const spacing = Math.min(...centres.slice(1).map((x, i) => x - (centres[i] ?? x)));
  return centres.map((x) => ({ x0: x, x1: x, center: x, reach: spacing / 2 }));
}

/** The column a number belongs to: the one whose span holds its centre, else the nearest within reach; -1 for none. */
function columnOf(columns: readonly Column[], c: LaidCell): number {
  const x = center(c);
  let best = -1;
  let bestDistance = Infinity;
  columns.forEach((col, k) => {
    const distance = x < col.x0 ? col.x0 - x : x > col.x1 ? x - col.x1 : 0;
    if (distance <= col.reach && distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  });
  return best;
}

function blank(x: number, fontSize: number): LaidCell {
  return { text: '', x0: x, x1: x, fontSize, value: false };
}

function center(c: LaidCell): number {
  return (c.x0 + c.x1) / 2;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Single-linkage clusters of sorted positions (gap ≤ maxGap), as their means. */
function cluster(xs: readonly number[], maxGap: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const x of sorted) {
    const g = groups.at(-1);
    if (g && x - (g.at(-1) ?? x) <= maxGap) g.push(x);
    else groups.push([x]);
  }
  return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}
