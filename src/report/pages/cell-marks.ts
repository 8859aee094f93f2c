/**
 * From findings and parse warnings to what the checker pages show: which table cells to mark
 * (finding cells red/amber, doubtful cells from parse warnings) and a readable name per path.
 */
import type { Finding } from '../findings.ts';
import {
  SECTION_TITLES, TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE3_COLUMNS, TABLE3_COLUMN_LABELS, TABLE3_ROW_LABELS,
  TABLE4_COLUMNS, TABLE4_COLUMN_LABELS, TABLE4_GROUP_LABELS, table2Layout,
} from '../model.ts';
import type { CellPath, ParseWarning, ReportFormat, SectionKey, Table2RowKey, Table3RowKey, Table4Column, Table4Group } from '../model.ts';
import type { CellMark } from '../render/report-tables.tsx';

const RANK: Record<CellMark, number> = { doubt: 1, warning: 2, error: 3 };

/** The cells a path covers: a row path ('t3.granted', 't4.reconsideration', 't2.fees') covers its cells. */
export function cellsOfPath(path: CellPath, format: ReportFormat): CellPath[] {
  const t3row = /^t3\.([A-Za-z.]+)$/.exec(path);
  if (t3row) return TABLE3_COLUMNS.map((_, i) => `${path}[${i}]`);
  const parts = path.split('.');
  if (parts[0] === 't4' && parts.length === 2) return TABLE4_COLUMNS.map((c) => `${path}.${c}`);
  if (parts[0] === 't2' && parts.length === 2) return (table2Layout(format)[parts[1] ?? ''] ?? []).map((c) => `${path}.${c}`);
  return [path];
}

/** Marks for ReportTables: the most serious mark wins on a cell. */
export function cellMarksFor(format: ReportFormat, findings: readonly Finding[], warnings: readonly ParseWarning[]): Partial<Record<CellPath, CellMark>> {
  const marks: Partial<Record<CellPath, CellMark>> = {};
  const put = (path: CellPath, mark: CellMark) => {
    for (const cell of cellsOfPath(path, format)) {
      const current = marks[cell];
      if (current === undefined || RANK[mark] > RANK[current]) marks[cell] = mark;
    }
  };
  for (const w of warnings) if (w.path) put(w.path, 'doubt');
  for (const f of findings) for (const cell of f.cells) put(cell, f.severity);
  return marks;
}

/** True when the path names a table cell or row (which can be linked to), not a section. */
export function isTablePath(path: CellPath): boolean {
  return /^t[234]\./.test(path);
}

/** A person's name for a path: '表三 · （一）予以公开 · 自然人'. */
export function describePath(path: CellPath): string {
  const t3 = /^t3\.([A-Za-z.]+)(?:\[(\d)\])?$/.exec(path);
  if (t3) {
    const row = TABLE3_ROW_LABELS[t3[1] as Table3RowKey] ?? t3[1];
    const column = t3[2] === undefined ? undefined : TABLE3_COLUMN_LABELS[TABLE3_COLUMNS[Number(t3[2])] ?? 'total'];
    return ['表三', row, column].filter(Boolean).join(' · ');
  }
  const [table, a, b] = path.split('.');
  if (table === 't4' && a) {
    return ['表四', TABLE4_GROUP_LABELS[a as Table4Group] ?? a, b && (TABLE4_COLUMN_LABELS[b as Table4Column] ?? b)].filter(Boolean).join(' · ');
  }
  if (table === 't2' && a) {
    return ['表二', TABLE2_ROW_LABELS[a as Table2RowKey] ?? a, b && (TABLE2_COLUMN_LABELS[b] ?? b)].filter(Boolean).join(' · ');
  }
  if (table === 'sections' && a) return SECTION_TITLES[a as SectionKey] ?? path;
  return path;
}

/** The fragment id of a cell (the checker pages give each marked table cell this id). */
export function cellAnchor(path: CellPath): string {
  return `cell-${path}`;
}
