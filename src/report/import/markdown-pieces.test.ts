/**
 * Markdown transcriptions (converter or LLM output) that cut table 三 into pieces: each section its
 * own small table under generic column headers (数据1 … 数据6 | 总计), section headings between
 * them, a header row printed again (or a wrong one) mid-table. Rows are found by their labels, so
 * every cell is read whatever the headers say.
 */
import { describe, expect, it } from 'vitest';
import { importReport } from './index.ts';
import { TABLE3_ROW_LABELS, TABLE3_ROWS_2021, type Cell, type Table3RowKey } from '../model.ts';

function cityRows(seed: number): Record<Table3RowKey, Cell[]> {
  let s = seed;
  const next = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const rows = {} as Record<Table3RowKey, Cell[]>;
  for (const key of TABLE3_ROWS_2021) {
    const cells: Cell[] = [next(9000) + 100, next(900), next(6), next(40), next(3), next(15)];
    cells.push(cells.reduce<number>((a, b) => a + (b ?? 0), 0));
    rows[key] = cells;
  }
  return rows;
}

interface Shape {
  /** The header of each piece. */
  header: string;
  /** A header row put between two rows of the （五） piece. */
  stray?: string;
}

const SEPARATOR = (n: number): string => `|${'---|'.repeat(n)}\n`;
const GENERIC = `| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n${SEPARATOR(8)}`;

/** A report whose table 三 is cut into one table per section, with headings between the pieces. */
function piecesMarkdown(rows: Record<Table3RowKey, Cell[]>, shape: Shape): string {
  const row = (k: Table3RowKey): string => `| ${TABLE3_ROW_LABELS[k]} | ${rows[k].map((c) => c ?? '').join(' | ')} |\n`;
  const piece = (keys: readonly Table3RowKey[], strayAfter = -1): string =>
    shape.header + keys.map((k, i) => row(k) + (i === strayAfter && shape.stray ? shape.stray : '')).join('');
  const of = (prefix: string): Table3RowKey[] => TABLE3_ROWS_2021.filter((k) => k.startsWith(prefix));
  return [
    '# 某市人民政府2024年政府信息公开工作年度报告\n',
    '## 一、总体情况\n\n全年共受理政府信息公开申请。\n',
    '## 三、收到和处理政府信息公开申请情况\n',
    piece(['newReceived', 'carriedOver']),
    '### 三、本年度办理结果\n',
    piece(['granted', 'partiallyGranted']),
    '### (三) 不予公开\n',
    piece(of('denied.')),
    '### (四) 无法提供\n',
    piece(of('unableToProvide.')),
    '### (五) 不予处理\n',
    piece(of('notProcessed.'), 1),
    '### (六) 其他处理\n',
    piece(of('otherDisposal.')),
    piece(['totalProcessed', 'carriedForward']),
    '## 四、政府信息公开行政复议、行政诉讼情况\n\n本年度行政复议维持1件。\n',
    '## 五、存在的主要问题及改进情况\n\n无。\n',
  ].join('\n');
}

describe('markdown with table 三 in pieces', () => {
  it.each<[string, Shape]>([
    ['generic headers 数据1 … 数据6 | 总计 and a section heading before each piece', { header: GENERIC }],
    ['a wrong header row (the applicant kinds, no label column) inserted mid-table', { header: GENERIC, stray: '| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n' }],
    ['the generic header repeated mid-table with its separator', { header: GENERIC, stray: GENERIC }],
    ['headers without a label column', { header: `| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n${SEPARATOR(7)}` }],
    ['headers that number the columns 1 … 7', { header: `| 项目 | 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n${SEPARATOR(8)}` }],
  ])('reads every cell: %s', async (_name, shape) => {
    const rows = cityRows(11);
    const { report } = await importReport({ name: 'report.md', bytes: new TextEncoder().encode(piecesMarkdown(rows, shape)) });
    for (const key of TABLE3_ROWS_2021) expect({ key, cells: report.table3.rows[key] }).toEqual({ key, cells: rows[key] });
    const codes = (report.warnings ?? []).map((w) => w.code);
    expect(codes).not.toContain('table3.row-unreadable');
    expect(codes).not.toContain('table3.row-missing');
  });
});
