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

/** Runs of table rows; a new section starts at a header row (≥2 cells, no value) after a row with values. */
function tableSections(lines: readonly DocLine[]): DocLine[][] {
  const sections: DocLine[][] = [];
  let current: DocLine[] | undefined;
  for (const line of lines) {
    if (!line.isTable) {
      current = undefined;
      continue;
    }
    const isHeader = line.laid.cells.length >= 2 && !line.laid.cells.some((c) => c.value);
    if (!current || (isHeader && current.some((l) => l.laid.cells.some((c) => c.value)))) {
      current = [];
      sections.push(current);
    }
    current.push(line);
  }
  return sections;
}

function alignSection(section: readonly DocLine[], warnings: Warning[]): void {
  const valueCells = section.flatMap((l) => l.laid.cells.filter((c) => c.value));
  if (valueCells.length === 0) return;
  const fs = median(valueCells.map((c) => c.fontSize));
  const firstX = Math.min(...valueCells.map((c) => c.x0));
  const firstValueRow = section.findIndex((l) => l.laid.cells.some((c) => c.value));
  const headerCells = section.slice(0, firstValueRow).flatMap((l) => l.laid.cells)
    .filter((c) => c.x1 - c.x0 <= 3.2 * c.fontSize && center(c) >= firstX - fs);
  const columns = cluster([...valueCells, ...headerCells].map(center), 0.6 * fs);
  if (columns.length < 2) return;
  const spacing = Math.min(...columns.slice(1).map((x, i) => x - (columns[i] ?? x)));
  for (const line of section) {
    const cells = line.laid.cells;
    const values = cells.filter((c) => c.value);
    if (values.length === 0 || values.length >= columns.length) continue;
    const firstValue = cells.findIndex((c) => c.value);
    const labels = cells.slice(0, firstValue);
    const slots = columns.map((): LaidCell | undefined => undefined);
    const fits = cells.slice(firstValue).every((c) => {
      if (!c.value) return false;
      const k = nearest(columns, center(c));
      if (slots[k] !== undefined || Math.abs((columns[k] ?? 0) - center(c)) > spacing / 2) return false;
      slots[k] = c;
      return true;
    });
    if (!fits) {
      warnings.push({ code: 'pdf.row-cell-count', path: `page[${line.page}]`, message: `第${line.page}页表格行「${labels.map((c) => c.text).join(' ')}」有${values.length}个数值，与该表${columns.length}列对不齐，按原样保留。` });
      continue;
    }
    line.laid.cells = [...labels, ...slots.map((c, k) => c ?? blank(columns[k] ?? 0, fs))];
  }
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

function nearest(columns: readonly number[], x: number): number {
  let best = 0;
  columns.forEach((c, k) => {
    if (Math.abs(c - x) < Math.abs((columns[best] ?? Infinity) - x)) best = k;
  });
  return best;
}
