/**
 * Which lines of a document are rows of a data table, to be left out of section text (the tables
 * of sections 二–四 are read as tables; printed into the text they would repeat every cell).
 */
import type { SourceDocument } from '../source.ts';

/** Cells of a line that hold something. */
function filledCells(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c !== '') n++;
  return n;
}

/**
 * True for each line that is a row of a data table: a run of consecutive table rows in which some
 * row has two or more filled cells. A run whose rows each hold one cell is a layout box around
 * running text (pages built with tables), and stays text.
 *
 * @example rows [标题] [规章|0|0|0] of one run → both left out; a run of [段落] rows → kept
 */
export function tableLines(doc: SourceDocument, cells: readonly (readonly string[])[]): boolean[] {
  const skip = new Array<boolean>(doc.lines.length).fill(false);
  for (let i = 0; i < doc.lines.length;) {
    if (!doc.lines[i]!.isTableRow) {
      i++;
      continue;
    }
    let end = i;
    let data = false;
    for (; end < doc.lines.length && doc.lines[end]!.isTableRow; end++) data ||= filledCells(cells[end]!) >= 2;
    if (data) skip.fill(true, i, end);
    i = end;
  }
  return skip;
}
