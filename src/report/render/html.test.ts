import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../model.ts';
import { TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, table2CellPath, table2Layout, table3CellPath, table4CellPath } from '../model.ts';
import type { Table3RowKey } from '../model.ts';
import { renderHtml } from './html.tsx';
import { ReportTables } from './report-tables.tsx';
import { loadTruth, seedWithSections } from '../../../test/support/truth.ts';

function page(report: AnnualReport): HTMLElement {
  return parse(renderHtml(report));
}

function headerCell(root: HTMLElement, tableId: string, text: string): HTMLElement {
  const cell = root.querySelectorAll(`#${tableId} th, #${tableId} td`).find((c) => c.text.trim() === text);
  if (cell === undefined) throw new Error(`${tableId}: no cell ${text}`);
  return cell;
}

function spans(cell: HTMLElement): { colspan: number; rowspan: number } {
  return { colspan: Number(cell.getAttribute('colspan') ?? 1), rowspan: Number(cell.getAttribute('rowspan') ?? 1) };
}

/** Widths of the rows of a table after rowspans, as a browser lays it out. */
function rowWidths(table: HTMLElement): number[] {
  const taken = new Set<string>();
  return table.querySelectorAll('tr').map((tr, r) => {
    let col = 0;
    for (const cell of tr.querySelectorAll('th, td')) {
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
    expect(root.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
    expect(root.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(root.querySelector('meta[name=viewport]')).not.toBeNull();
    expect(root.querySelector('title')?.text).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    expect(root.querySelector('h1')?.text).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    expect(root.querySelector('meta[name=PubDate]')?.getAttribute('content')).toBe('2024-01-20');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('application/json');
    expect(html).not.toContain('"newReceived"');
  });

  it('prints the six sections in order, with the tables inside sections 二, 三, 四', () => {
    const headings = root.querySelectorAll('section h2').map((h) => h.text);
    expect(headings).toEqual(report.sections?.map((s) => s.title));
    const tableOf = (key: string) => root.querySelector(`#section-${key}`)?.querySelectorAll('table').map((t) => t.id);
    expect(tableOf('proactive')).toEqual(['table2']);
    expect(tableOf('applications')).toEqual(['table3']);
    expect(tableOf('appeals')).toEqual(['table4']);
    expect(tableOf('overview')).toEqual([]);
    const overview = root.querySelectorAll('#section-overview p').map((p) => p.text);
    expect(overview.join('\n')).toBe(report.sections?.[0]?.text);
    expect(root.querySelector('footer time')?.getAttribute('datetime')).toBe('2024-01-20');
    expect(root.querySelector('footer')?.text).toContain('2024年1月20日');
  });

  it('prints the six headings even when the report has no sections', () => {
    const bare = page(loadTruth('hongze-2024'));
    expect(bare.querySelectorAll('section h2').map((h) => h.text)).toEqual([
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    expect(bare.querySelector('footer')).toBeNull();
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
    expect(headerCell(root, 'table3', '三、本年度办理结果').getAttribute('scope')).toBe('rowgroup');
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
    expect(root.querySelectorAll('#table4 th').filter((c) => c.text === '结果维持').map((c) => spans(c).rowspan)).toEqual([2, 1, 1]);
    expect(spans(headerCell(root, 'table2', '第二十条第（一）项'))).toEqual({ colspan: 4, rowspan: 1 });
    expect(spans(headerCell(root, 'table2', '本年收费金额（单位：万元）'))).toEqual({ colspan: 3, rowspan: 1 });
    const old = page(loadTruth('shanghai-office-2019'));
    expect(spans(headerCell(old, 'table2', '第二十条第（九）项'))).toEqual({ colspan: 5, rowspan: 1 });
    expect(headerCell(old, 'table2', '规范性文件').getAttribute('scope')).toBe('row');
    expect(headerCell(old, 'table2', '251000元').getAttribute('data-cell')).toBe('t2.procurement.amountText');
  });

  it('lays every table out as a full rectangle (every row as wide as the table)', () => {
    for (const name of ['seed-taiping-wenlv-2023', 'shanghai-office-2019', 'hongze-2024']) {
      for (const table of page(loadTruth(name)).querySelectorAll('table')) {
        const width = table.querySelectorAll('col').length;
        expect(new Set(rowWidths(table)), `${name} ${table.id}`).toEqual(new Set([width]));
      }
    }
  });

  it('carries every value cell once, blank cells empty (never 0)', () => {
    for (const name of ['seed-taiping-wenlv-2023', 'shanghai-office-2019', 'shuyang-fgj-2023']) {
      const truth = loadTruth(name);
      const cells = page(truth).querySelectorAll('td[data-cell]');
      const paths = cells.map((c) => c.getAttribute('data-cell') ?? '');
      expect(paths.slice().sort(), name).toEqual(expectedPaths(truth));
      expect(new Set(paths).size).toBe(paths.length);
    }
    const shanghai = page(loadTruth('shanghai-office-2019'));
    const cell = (path: string) => shanghai.querySelector(`td[data-cell="${path}"]`)?.text;
    expect(cell('t3.newReceived[2]')).toBe('');
    expect(cell('t3.newReceived[1]')).toBe('35');
    expect(cell('t4.reconsideration.corrected')).toBe('');
    expect(cell('t4.reconsideration.total')).toBe('7');
    expect(shanghai.querySelector('td[data-cell="t3.newReceived[2]"]')?.innerHTML).toBe('');
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
    const root = parse(html);
    const error = root.querySelector('td[data-cell="t3.granted[6]"]');
    expect(error?.classList.contains('cell-error')).toBe(true);
    expect(error?.querySelector('.visually-hidden')?.text).toBe('（有误）');
    expect(root.querySelector('td[data-cell="t4.reconsideration.corrected"]')?.classList.contains('cell-warning')).toBe(true);
    expect(root.querySelector('td[data-cell="t2.fees.itemsChange"]')?.classList.contains('cell-doubt')).toBe(true);
    expect(root.querySelectorAll('td.cell-error, td.cell-warning, td.cell-doubt')).toHaveLength(3);
    expect(root.querySelectorAll('table caption').map((c) => c.text)).toHaveLength(3);
    expect(root.querySelectorAll('th[scope]').length).toBeGreaterThan(40);
  });
});
