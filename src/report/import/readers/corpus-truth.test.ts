/**
 * The readers against the development corpus, independent of the interpreter: for every row of
 * tables 二, 三 and 四 in a truth file there is a table-row line, in template order, whose label
 * cells carry the row's label and whose value cells are the truth's numbers (null ↔ '', '-', '/').
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusDir as corpus } from '../../../../test/support/corpus.ts';
import { describe, expect, it } from 'vitest';
import { TABLE2_2019, TABLE2_2021, TABLE3_ROWS_2019, TABLE3_ROWS_2021, TABLE4_COLUMNS, TABLE4_GROUPS } from '../../model.ts';
import type { SourceDocument, SourceLine } from '../source.ts';
import { readHtml } from './html/html.ts';
import { readPdf } from './pdf/pdf.ts';

const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(corpus, name)));

interface Truth {
  format: '2019' | '2021';
  table2: Record<string, Record<string, number | string | null>>;
  table3: { rows: Record<string, (number | null)[]> };
  table4: Record<string, Record<string, number | null>>;
}

/** A distinctive piece of each table 三 row label, as the readers print it (NFKC). */
const T3_LABELS: Record<string, string> = {
  newReceived: '本年新收', carriedOver: '上年结转', granted: '予以公开', partiallyGranted: '部分公开',
  'denied.stateSecret': '国家秘密', 'denied.prohibitedByLaw': '其他法律行政', 'denied.threeSecurityOneStability': '三安全一稳定',
  'denied.thirdPartyRights': '保护第三方', 'denied.internalAffairs': '三类内部事务', 'denied.processInformation': '四类过程性',
  'denied.enforcementFiles': '行政执法案卷', 'denied.administrativeQuery': '行政查询事项',
  'unableToProvide.notHeld': '本机关不掌握', 'unableToProvide.needsCreation': '另行制作', 'unableToProvide.unclearAfterCorrection': '补正后申请内容',
  'notProcessed.complaint': '信访举报投诉', 'notProcessed.duplicate': '重复申请', 'notProcessed.publication': '公开出版物',
  'notProcessed.excessive': '大量反复', 'notProcessed.confirmation': '确认或重新出具',
  'otherDisposal.noCorrection': '逾期不补正', 'otherDisposal.unpaidFee': '缴纳费用', 'otherDisposal.other': '3.其他',
  otherDisposal: '(六)其他处理', totalProcessed: '(七)总计', carriedForward: '结转下年度',
};
const T2_LABELS: Record<string, string[]> = {
  regulations: ['规章'], normativeDocuments: ['行政规范性文件', '规范性文件'], licensing: ['行政许可'],
  otherServices: ['其他对外管理服务事项'], punishment: ['行政处罚'], enforcement: ['行政强制'],
  fees: ['行政事业性收费'], procurement: ['政府集中采购'],
};

function cellMatches(cell: string, expected: number | string | null): boolean {
  if (expected === null) return ['', '-', '/', '—'].includes(cell);
  return typeof expected === 'number' ? cell !== '' && Number(cell) === expected : cell === expected;
}

/** Finds, from index `from` on, a table row whose labels contain `label` and whose last cells are `values`. */
function findRow(lines: readonly SourceLine[], from: number, label: (labels: string) => boolean, values: readonly (number | string | null)[]): number {
  return lines.findIndex((line, i) => {
    if (i < from || !line.isTableRow || line.cells.length < values.length + 1) return false;
    const labels = line.cells.slice(0, line.cells.length - values.length).join('');
    const tail = line.cells.slice(line.cells.length - values.length);
    return label(labels) && tail.every((c, k) => cellMatches(c, values[k] ?? null));
  });
}

function checkAgainstTruth(doc: SourceDocument, truth: Truth): void {
  const rows = truth.format === '2021' && truth.table3.rows['otherDisposal.other'] ? TABLE3_ROWS_2021 : TABLE3_ROWS_2019;
  let at = 0;
  for (const key of rows) {
    const values = truth.table3.rows[key];
    if (!values) continue;
    const found = findRow(doc.lines, at, (l) => l.includes(T3_LABELS[key] ?? key), values);
    expect(found, `table 三 row ${key} ${JSON.stringify(values)}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
  const t4 = TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => truth.table4[g]?.[c] ?? null));
  expect(doc.lines.some((l) => l.isTableRow && l.cells.length === 15 && l.cells.every((c, k) => cellMatches(c, t4[k] ?? null))), `table 四 ${JSON.stringify(t4)}`).toBe(true);
  const layout: Readonly<Record<string, readonly string[]>> = truth.format === '2021' ? TABLE2_2021 : TABLE2_2019;
  for (const [key, columns] of Object.entries(layout)) {
    const row = truth.table2[key];
    if (!row) continue;
    const values = columns.map((c) => row[c] ?? null);
    const found = findRow(doc.lines, 0, (l) => (T2_LABELS[key] ?? []).includes(l), values);
    expect(found, `table 二 row ${key} ${JSON.stringify(values)}`).toBeGreaterThanOrEqual(0);
  }
}

function truthOf(name: string): Truth {
  return JSON.parse(readFileSync(path.join(corpus, name), 'utf8')) as Truth;
}

describe('readers against the corpus truth', () => {
  it('shanghai-office-2019.html (Word markup, 2019 template, 135 blank cells)', () => {
    const doc = readHtml(load('shanghai-office-2019.html'));
    checkAgainstTruth(doc, truthOf('shanghai-office-2019.truth.json'));
    expect(doc.meta.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(doc.lines.some((l) => !l.isTableRow && l.cells[0] === '发布日期:2020-01-31')).toBe(true);
    expect(doc.warnings).toEqual([]);
  });

  it('shuyang-fgj-2023.html (saved CMS page, blank 法人 columns)', () => {
    const doc = readHtml(load('shuyang-fgj-2023.html'));
    checkAgainstTruth(doc, truthOf('shuyang-fgj-2023.truth.json'));
    expect(doc.meta).toMatchObject({ title: '沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局', publishedOn: '2024-01-17' });
    expect(doc.lines.some((l) => l.cells[0] === '2024年1月17日')).toBe(true);
  });

  it('hongze-2024.pdf (table 三 over two pages, wrapped labels)', async () => {
    const doc = await readPdf(load('hongze-2024.pdf'));
    checkAgainstTruth(doc, truthOf('hongze-2024.truth.json'));
    const t3 = doc.lines.filter((l) => l.isTableRow && l.cells.length >= 8);
    expect(t3.map((l) => l.page)).toContain(4);
    expect(doc.lines.some((l) => l.cells[0] === '(二)部分公开(区分处理的,只计这一情形,不计其他情形)' && l.cells.length === 8)).toBe(true);
    expect(doc.lines.some((l) => l.cells[0] === '5.要求行政机关确认或重新出具已获取信息')).toBe(true);
    expect(doc.lines.some((l) => /^-\s*\d\s*-$/u.test(l.cells[0] ?? ''))).toBe(false);
    expect(doc.warnings.map((w) => w.code)).toContain('pdf.table-page-break');
  });
});
