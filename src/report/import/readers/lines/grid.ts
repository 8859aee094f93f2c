/**
 * Turns a table with merged cells (HTML colspan/rowspan, DOCX gridSpan/vMerge as mammoth
 * renders them) into SourceDocument rows. Shared by the HTML and DOCX readers.
 *
 * What a row line carries, cell by cell, left to right:
 * - A cell spanning several columns (colspan) appears ONCE in its row. Reports use colspan
 *   both on labels (「一、本年新收…」 over three label columns) and on numbers in misaligned
 *   Word tables (「行政许可 | 0 (colspan 3)」): repeating it would invent values.
 * - A label spanning several rows (rowspan) is repeated in every row it covers, so each row
 *   reads 「三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 14 | …」.
 * - A VALUE spanning several rows (a number or a dash: rare) stays in its first row; the rows
 *   below get '' at that position, so the columns after it keep their place, and a warning
 *   `table.value-rowspan` names the rows. The reader never copies a number.
 * - A row narrower than the table (a hole left by the markup) gets '' for interior holes and
 *   a warning `table.ragged-row` when it holds values.
 * - Rows whose cells are all empty are dropped.
 */
import { CELL_NORMALIZED, CELL_UNKNOWN, type SourceDocument, type SourceLine } from '../../source.ts';
import { isValueText } from './normalize.ts';

/** One source cell: its normalised text and its spans (1 when absent). */
export interface GridCell {
  text: string;
  /** CELL_* bits of `text` (source.ts), when the reader knows them. */
  facts?: number;
  colspan: number;
  rowspan: number;
}

type Warning = SourceDocument['warnings'][number];

/** Upper bounds on spans, so hostile markup (colspan=99999) cannot blow up the grid. */
const MAX_COLSPAN = 200;

interface Origin {
  text: string;
  facts: number;
  row: number;
  /** isValueText(text), worked out when the cell first spans into a row below its own. */
  isValue?: boolean;
}

/**
 * Lays the rows out on a grid, then emits one table-row line per source row (see the module
 * comment for what happens to merged cells). `tablePath` names the table in warnings.
 */
export function gridToLines(rows: readonly GridCell[][], tablePath: string): { lines: SourceLine[]; warnings: Warning[] } {
  const grid = layOutGrid(rows);
  // The lines tell what the reader told of its cells (source.ts), if anything.
  const toldFacts = rows.some((row) => row.some((cell) => cell.facts !== undefined));
  let width = 0;
  for (const slots of grid) if (slots.length > width) width = slots.length;
  const lines: SourceLine[] = [];
  const warnings: Warning[] = [];
  // Loops, not forEach/some callbacks: every table of every page passes here.
  for (let r = 0; r < grid.length; r++) {
    const slots = grid[r]!;
    const cells: string[] = [];
    const facts: number[] = [];
    let previous: Origin | undefined;
    let holes = 0;
    let filled = false;
    let spannedValue = false;
    for (let c = 0; c < slots.length; c += 1) {
      const origin = slots[c];
      if (origin === undefined) {
        holes += 1;
        cells.push('');
        facts.push(CELL_NORMALIZED);
        previous = undefined;
        continue;
      }
      if (origin === previous) continue;
      previous = origin;
      if (origin.row === r || !(origin.isValue ??= isValueText(origin.text))) {
        cells.push(origin.text);
        facts.push(origin.facts);
        if (origin.text !== '') filled = true;
      } else {
        cells.push('');
        facts.push(CELL_NORMALIZED);
        spannedValue = true;
      }
    }
    if (!filled) continue;
    if (spannedValue) {
      warnings.push({ code: 'table.value-rowspan', path: `${tablePath}.row[${r + 1}]`, message: `表格第${r + 1}行：有数值单元格跨行合并，本行该位置按空白处理，未复制数值。` });
    }
    if ((holes > 0 || slots.length < width) && cells.some((t) => isValueText(t))) {
      warnings.push({ code: 'table.ragged-row', path: `${tablePath}.row[${r + 1}]`, message: `表格第${r + 1}行的单元格数与其他行不一致（${slots.length - holes}/${width}列），请核对该行数值的列位置。` });
    }
    lines.push(toldFacts ? { cells, isTableRow: true, facts } : { cells, isTableRow: true });
  }
  return { lines, warnings };
}

/** Places every cell on the grid: slot [row][col] → the cell covering it. */
function layOutGrid(rows: readonly GridCell[][]): (Origin | undefined)[][] {
  const grid: (Origin | undefined)[][] = new Array<(Origin | undefined)[]>(rows.length);
  for (let r = 0; r < rows.length; r++) grid[r] = [];
  for (let r = 0; r < rows.length; r++) {
    const slots = grid[r]!;
    let c = 0;
    for (const cell of rows[r]!) {
      while (slots[c] !== undefined) c += 1;
      const colspan = clampSpan(cell.colspan, MAX_COLSPAN);
      // rowspan=0 means "to the end of the table" (HTML); never past the last row.
      const remaining = rows.length - r;
      const rowspan = cell.rowspan === 0 ? remaining : clampSpan(cell.rowspan, remaining);
      const origin: Origin = { text: cell.text, facts: cell.facts ?? CELL_UNKNOWN, row: r };
      for (let dr = 0; dr < rowspan; dr += 1) {
        const target = grid[r + dr];
        if (!target) break;
        for (let dc = 0; dc < colspan; dc += 1) {
          // An earlier rowspan already holds this slot: the later cell yields (browsers overlap them).
          if (target[c + dc] === undefined) target[c + dc] = origin;
        }
      }
      c += colspan;
    }
  }
  return grid;
}

function clampSpan(n: number, max: number): number {
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(Math.floor(n), Math.max(1, max));
}
