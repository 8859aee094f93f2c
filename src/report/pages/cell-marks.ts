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

const PLACES: Record<string, string> = {
  t2: '表二', t3: '表三', t4: '表四', 't3.columns': '表三的各列', sections: '报告各部分',
  publishedOn: '发布日期', agency: '机关名称', year: '报告年度', format: '模板版本', agencyKind: '机关类型',
};

/**
 * A person's name for a path of a finding or parse warning: '表三 · （一）予以公开 · 自然人',
 * '六、其他需要报告的事项', '原文件第 3 页'. Never the path itself: an unknown one is '文件中的一处'.
 */
export function describePath(path: CellPath): string {
  const place = PLACES[path];
  if (place) return place;
  const t3 = /^t3\.([A-Za-z.]+)(?:\[(\d)\])?$/.exec(path);
  if (t3) {
    const row = TABLE3_ROW_LABELS[t3[1] as Table3RowKey] as string | undefined;
    const column = t3[2] === undefined ? undefined : TABLE3_COLUMN_LABELS[TABLE3_COLUMNS[Number(t3[2])] ?? 'total'];
    return ['表三', row, column].filter(Boolean).join(' · ');
  }
  const [table, a, b] = path.split('.');
  if (table === 't4' && a) {
    return ['表四', TABLE4_GROUP_LABELS[a as Table4Group], b && TABLE4_COLUMN_LABELS[b as Table4Column]].filter(Boolean).join(' · ');
  }
  if (table === 't2' && a) {
    return ['表二', TABLE2_ROW_LABELS[a as Table2RowKey], b && TABLE2_COLUMN_LABELS[b]].filter(Boolean).join(' · ');
  }
  if (table === 'sections' && a) return SECTION_TITLES[a as SectionKey] ?? '报告各部分';
  const page = /^page\[(\d+)\]$/.exec(path);
  if (page) return `原文件第 ${page[1]} 页`;
  const row = /^table\[(\d+)\]\.row\[(\d+)\]$/.exec(path);
  if (row) return `原文件第 ${row[1]} 个表格第 ${row[2]} 行`;
  const sheet = /^xlsx\.(.+)\.row\[(\d+)\]$/.exec(path);
  if (sheet) return `工作表“${sheet[1]}”第 ${sheet[2]} 行`;
  return '文件中的一处';
}

/**
 * Where on the report page a path is shown, as a fragment: a table cell (the first cell of a row),
 * a table, a section of the report, an item of the report's details; undefined for a place in the
 * source file (a page, a table of the original).
 */
export function hrefOfPath(path: CellPath, format: ReportFormat): string | undefined {
  if (path === 't2' || path === 't3' || path === 't4') return `#table${path.slice(1)}`;
  if (path === 't3.columns') return '#table3';
  if (isTablePath(path)) return `#${cellAnchor(cellsOfPath(path, format)[0] ?? path)}`;
  if (path === 'sections') return '#sections';
  if (path.startsWith('sections.')) return `#section-${path.slice('sections.'.length)}`;
  const meta: Record<string, string> = { publishedOn: 'published', agency: 'agency', year: 'year', format: 'format', agencyKind: 'agency-kind' };
  return meta[path] === undefined ? undefined : `#meta-${meta[path]}`;
}

/** A message with any cell path in it ('t3.carriedForward[6] 为空') in words ('表三 · 四、结转下年度继续办理 · 总计 为空'). */
export function pathsInWords(message: string): string {
  return message.replace(/\bt[234](?:\.[A-Za-z]+)+(?:\[\d+\])?/g, (path) => describePath(path));
}

/** The fragment id of a cell (the checker pages give each marked table cell this id). */
export function cellAnchor(path: CellPath): string {
  return `cell-${path}`;
}
