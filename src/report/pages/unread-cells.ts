/**
 * Cells the importer declined to read (digits run together with several possible splits, a row
 * with the wrong number of cells): the checker pages show them as 未能读出, with the values each
 * could have, taken from the parse warning's list of readings.
 */
import type { CellPath, ParseWarning, ReportFormat, Table4Group } from '../model.ts';
import { TABLE4_COLUMNS, TABLE4_GROUPS, table2Layout } from '../model.ts';
import type { AnnualReport } from '../model.ts';
import { declinedCells } from '../rules/blank.ts';

/** A cell left blank because its reading was doubtful. */
export interface UnreadCell {
  /** Index of the parse warning in the report's warnings (the page lists them in that order). */
  warning: number;
  /** The values this cell has in the readings the warning lists, each once, in their order. */
  candidates: string[];
  /** The warning lists only some readings. */
  more: boolean;
}

/** Most candidate values shown in a cell (the warning beside the tables lists the readings in full). */
export const MAX_CELL_CANDIDATES = 3;

/**
 * The declined cells of a stored report, each with its warning and candidate values. The
 * readings are parsed from the warning's message ("可能的读法（…）：77|132|470、771|32|470、…"),
 * the one form the importer writes them in (import/interpret/candidates.ts `listReadings`).
 */
export function unreadCells(report: AnnualReport, warnings: readonly ParseWarning[]): Map<CellPath, UnreadCell> {
  const cells = new Map<CellPath, UnreadCell>();
  for (const [path, warning] of declinedCells(report, warnings)) {
    const { readings, more } = readingsOf(warning.message);
    const at = positionIn(path, warning.path ?? '', report.format);
    const values = at === undefined ? [] : readings.map((r) => r[at]).filter((v): v is string => v !== undefined);
    const unique = [...new Set(values)];
    cells.set(path, { warning: warnings.indexOf(warning), candidates: unique, more: more || unique.length > MAX_CELL_CANDIDATES });
  }
  return cells;
}

/** The readings listed in a warning's message, each a list of cell values ('空' for a blank). */
export function readingsOf(message: string): { readings: string[][]; more: boolean } {
  const m = /可能的读法[^：]*：([^。]*)/.exec(message);
  if (!m) return { readings: [], more: false };
  const items = m[1]!.split('、');
  const more = items.some((i) => i.trim() === '…');
  return { readings: items.filter((i) => i.includes('|')).map((i) => i.trim().split('|')), more };
}

/** The position of a cell in the readings of the warning at `warningPath` (a row, or table 四 whole). */
function positionIn(cell: CellPath, warningPath: string, format: ReportFormat): number | undefined {
  const t3 = /^t3\.[A-Za-z.]+\[(\d)\]$/.exec(cell);
  if (t3) return Number(t3[1]);
  const [table, row, column] = cell.split('.');
  if (table === 't2' && row && column) {
    const index = (table2Layout(format)[row] ?? []).indexOf(column);
    return index < 0 ? undefined : index;
  }
  if (table === 't4' && row && column) {
    const g = TABLE4_GROUPS.indexOf(row as Table4Group);
    const c = TABLE4_COLUMNS.indexOf(column as (typeof TABLE4_COLUMNS)[number]);
    if (g < 0 || c < 0) return undefined;
    return warningPath === 't4' ? g * TABLE4_COLUMNS.length + c : c;
  }
  return undefined;
}
