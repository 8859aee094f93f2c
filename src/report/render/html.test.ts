import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../model.ts';
import { TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, table2CellPath, table2Layout, table3CellPath, table4CellPath } from '../model.ts';
import type { Table3RowKey } from '../model.ts';
import { renderHtml } from './html.tsx';
import { ReportTables } from './report-tables.tsx';
import { loadTruth, seedWithSections } from '../../../test/support/truth.ts';

/** An element of a page as htmlparser2 parses it (domhandler's Element). */
type Element = ReturnType<typeof DomUtils.findAll>[number];
type Node = ReturnType<typeof parseDocument> | Element;

function page(report: AnnualReport): Node {
  return parseDocument(renderHtml(report));
}

/** The elements inside `root` (itself too) with one of the names (any name for '*') and every attribute given (`true`: present, whatever its value). */
function all(root: Node | undefined, names: string, attrs: Record<string, string | true> = {}): Element[] {
  if (root === undefined) return [];
  const tags = names.split(',');
  return DomUtils.findAll((e) => (tags.includes('*') || tags.includes(e.name)) && Object.entries(attrs).every(([k, v]) => (v === true ? k in e.attribs : e.attribs[k] === v)), [root]);
}

function one(root: Node | undefined, names: string, attrs: Record<string, string | true> = {}): Element | undefined {
  return all(root, names, attrs)[0];
}

const text = (e: Element): string => DomUtils.textContent(e);
const hasClass = (e: Element | undefined, name: string): boolean => (e?.attribs.class ?? '').split(/\s+/u).includes(name);

function headerCell(root: Node, tableId: string, label: string): Element {
  const cell = all(one(root, 'table', { id: tableId }), 'th,td').find((c) => text(c).trim() === label);
  if (cell === undefined) throw new Error(`${tableId}: no cell ${label}`);
  return cell;
}

function spans(cell: Element): { colspan: number; rowspan: number } {
  return { colspan: Number(cell.attribs.colspan ?? 1), rowspan: Number(cell.attribs.rowspan ?? 1) };
}

/** Widths of the rows of a table after rowspans, as a browser lays it out. */
function rowWidths(table: Element): number[] {
  const taken = new Set<string>();
  return all(table, 'tr').map((tr, r) => {
    let col = 0;
    for (const cell of all(tr, 'th,td')) {
      while (taken.has(`${r}:${col}`)) col += 1;
      const { colspan, rowspan } = spans(cell);
      for (let dr = 0; dr < rowspan; dr += 1) for (let dc = 0; dc < colspan; dc += 1) taken.add(`${r + dr}:${col + dc}`);
      col += colspan;
    }
    let width = col;
    while (taken.has(`${r}:${width}`)) width += 1;
    return width;
  });
}

/** Every value cell path a report's tables must carry. */
function expectedPaths(report: AnnualReport): string[] {
  const paths: string[] = [];
  for (const [row, columns] of Object.entries(table2Layout(report.format))) {
    if (report.table2[row as keyof typeof report.table2] !== undefined) paths.push(...columns.map((c) => table2CellPath(row, c)));
  }
  for (const row of Object.keys(report.table3.rows)) paths.push(...TABLE3_COLUMNS.map((_, i) => table3CellPath(row as Table3RowKey, i)));
  for (const group of TABLE4_GROUPS) paths.push(...TABLE4_COLUMNS.map((c) => table4CellPath(group, c)));
  return paths.sort();
}

describe('HTML page', () => {
  const report = seedWithSections();
  const root = page(report);

  it('is a standalone zh-CN page with charset, viewport, title and metadata', () => {
    const html = renderHtml(report);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(one(root, 'html')?.attribs.lang).toBe('zh-CN');
    expect(one(root, 'meta', { charset: true })?.attribs.charset).toBe('utf-8');
    expect(one(root, 'meta', { name: 'viewport' })).toBeDefined();
    expect(text(one(root, 'title') as Element)).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    expect(text(one(root, 'h1') as Element)).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    expect(one(root, 'meta', { name: 'PubDate' })?.attribs.content).toBe('2024-01-20');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('application/json');
    expect(html).not.toContain('"newReceived"');
  });

  it('prints the six sections in order, with the tables inside sections 二, 三, 四', () => {
    const headings = all(root, 'section').flatMap((s) => all(s, 'h2')).map(text);
    expect(headings).toEqual(report.sections?.map((s) => s.title));
    const tableOf = (key: string) => all(one(root, 'section', { id: `section-${key}` }), 'table').map((t) => t.attribs.id);
    expect(tableOf('proactive')).toEqual(['table2']);
    expect(tableOf('applications')).toEqual(['table3']);
    expect(tableOf('appeals')).toEqual(['table4']);
    expect(tableOf('overview')).toEqual([]);
    const overview = all(one(root, 'section', { id: 'section-overview' }), 'p').map(text);
    expect(overview.join('\n')).toBe(report.sections?.[0]?.text);
    expect(one(one(root, 'footer'), 'time')?.attribs.datetime).toBe('2024-01-20');
    expect(text(one(root, 'footer') as Element)).toContain('2024年1月20日');
  });

  it('prints the six headings even when the report has no sections', () => {
    const bare = page(loadTruth('hongze-2024'));
    expect(all(bare, 'section').flatMap((s) => all(s, 'h2')).map(text)).toEqual([
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    expect(one(bare, 'footer')).toBeUndefined();
  });

  it('has the merged headers of 表三 (2021 template)', () => {
    expect(spans(headerCell(root, 'table3', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'))).toEqual({ colspan: 3, rowspan: 3 });
    expect(spans(headerCell(root, 'table3', '申请人情况'))).toEqual({ colspan: 7, rowspan: 1 });
    expect(spans(headerCell(root, 'table3', '自然人'))).toEqual({ colspan: 1, rowspan: 2 });
    expect(spans(headerCell(root, 'table3', '法人或其他组织'))).toEqual({ colspan: 5, rowspan: 1 });
    expect(spans(headerCell(root, 'table3', '总计'))).toEqual({ colspan: 1, rowspan: 2 });
    expect(spans(headerCell(root, 'table3', '一、本年新收政府信息公开申请数量'))).toEqual({ colspan: 3, rowspan: 1 });
    expect(spans(headerCell(root, 'table3', '三、本年度办理结果'))).toEqual({ colspan: 1, rowspan: 22 });
    expect(spans(headerCell(root, 'table3', '（一）予以公开'))).toEqual({ colspan: 2, rowspan: 1 });
    expect(spans(headerCell(root, 'table3', '（三）不予公开'))).toEqual({ colspan: 1, rowspan: 8 });
    expect(spans(headerCell(root, 'table3', '（四）无法提供'))).toEqual({ colspan: 1, rowspan: 3 });
    expect(spans(headerCell(root, 'table3', '（五）不予处理'))).toEqual({ colspan: 1, rowspan: 5 });
    expect(spans(headerCell(root, 'table3', '（六）其他处理'))).toEqual({ colspan: 1, rowspan: 3 });
    expect(spans(headerCell(root, 'table3', '（七）总计'))).toEqual({ colspan: 2, rowspan: 1 });
    expect(spans(headerCell(root, 'table3', '四、结转下年度继续办理'))).toEqual({ colspan: 3, rowspan: 1 });
    expect(headerCell(root, 'table3', '三、本年度办理结果').attribs.scope).toBe('rowgroup');
  });

  it('prints a single （六）其他处理 row where the report has one (2019 template, 洪泽区 2024)', () => {
    for (const name of ['shanghai-office-2019', 'hongze-2024']) {
      const doc = page(loadTruth(name));
      expect(spans(headerCell(doc, 'table3', '三、本年度办理结果')).rowspan).toBe(20);
      expect(spans(headerCell(doc, 'table3', '（六）其他处理'))).toEqual({ colspan: 2, rowspan: 1 });
    }
  });

  it('has the merged headers of 表四 and 表二', () => {
    expect(spans(headerCell(root, 'table4', '行政复议'))).toEqual({ colspan: 5, rowspan: 1 });
    expect(spans(headerCell(root, 'table4', '行政诉讼'))).toEqual({ colspan: 10, rowspan: 1 });
    expect(spans(headerCell(root, 'table4', '未经复议直接起诉'))).toEqual({ colspan: 5, rowspan: 1 });
    expect(spans(headerCell(root, 'table4', '复议后起诉'))).toEqual({ colspan: 5, rowspan: 1 });
    expect(all(one(root, 'table', { id: 'table4' }), 'th').filter((c) => text(c) === '结果维持').map((c) => spans(c).rowspan)).toEqual([2, 1, 1]);
    expect(spans(headerCell(root, 'table2', '第二十条第（一）项'))).toEqual({ colspan: 4, rowspan: 1 });
    expect(spans(headerCell(root, 'table2', '本年收费金额（单位：万元）'))).toEqual({ colspan: 3, rowspan: 1 });
    const old = page(loadTruth('shanghai-office-2019'));
    expect(spans(headerCell(old, 'table2', '第二十条第（九）项'))).toEqual({ colspan: 5, rowspan: 1 });
    expect(headerCell(old, 'table2', '规范性文件').attribs.scope).toBe('row');
    expect(headerCell(old, 'table2', '251000元').attribs['data-cell']).toBe('t2.procurement.amountText');
  });

  it('lays every table out as a full rectangle (every row as wide as the table)', () => {
    for (const name of ['seed-taiping-wenlv-2023', 'shanghai-office-2019', 'hongze-2024']) {
      for (const table of all(page(loadTruth(name)), 'table')) {
        const width = all(table, 'col').length;
        expect(new Set(rowWidths(table)), `${name} ${table.attribs.id}`).toEqual(new Set([width]));
      }
    }
  });

  it('carries every value cell once, blank cells empty (never 0)', () => {
    for (const name of ['seed-taiping-wenlv-2023', 'shanghai-office-2019', 'shuyang-fgj-2023']) {
      const truth = loadTruth(name);
      const cells = all(page(truth), 'td', { 'data-cell': true });
      const paths = cells.map((c) => c.attribs['data-cell'] ?? '');
      expect(paths.slice().sort(), name).toEqual(expectedPaths(truth));
      expect(new Set(paths).size).toBe(paths.length);
    }
    const shanghai = page(loadTruth('shanghai-office-2019'));
    const cellAt = (path: string) => one(shanghai, 'td', { 'data-cell': path });
    const cell = (path: string) => { const c = cellAt(path); return c && text(c); };
    expect(cell('t3.newReceived[2]')).toBe('');
    expect(cell('t3.newReceived[1]')).toBe('35');
    expect(cell('t4.reconsideration.corrected')).toBe('');
    expect(cell('t4.reconsideration.total')).toBe('7');
    expect(cellAt('t3.newReceived[2]')?.children).toEqual([]);
  });

  it('escapes the text of the report', () => {
    const report = { ...loadTruth('hongze-2024'), agency: '<b>某局</b>&', sections: [{ key: 'overview' as const, title: '一、总体情况', text: '<script>x</script>' }] };
    const html = renderHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>某局');
  });
});

describe('ReportTables', () => {
  it('marks cells with a class and an accessible marker, and names each table by a caption', () => {
    const report = loadTruth('shanghai-office-2019');
    const html = String(ReportTables({ report, cellMarks: { 't3.granted[6]': 'error', 't4.reconsideration.corrected': 'warning', 't2.fees.itemsChange': 'doubt' } }));
    const root = parseDocument(html);
    const error = one(root, 'td', { 'data-cell': 't3.granted[6]' });
    expect(hasClass(error, 'cell-error')).toBe(true);
    const marker = all(error, '*').find((e) => hasClass(e, 'visually-hidden'));
    expect(marker && text(marker)).toBe('（有误）');
    expect(hasClass(one(root, 'td', { 'data-cell': 't4.reconsideration.corrected' }), 'cell-warning')).toBe(true);
    expect(hasClass(one(root, 'td', { 'data-cell': 't2.fees.itemsChange' }), 'cell-doubt')).toBe(true);
    expect(all(root, 'td').filter((c) => hasClass(c, 'cell-error') || hasClass(c, 'cell-warning') || hasClass(c, 'cell-doubt'))).toHaveLength(3);
    expect(all(root, 'table').flatMap((t) => all(t, 'caption'))).toHaveLength(3);
    expect(all(root, 'th', { scope: true }).length).toBeGreaterThan(40);
  });
});
