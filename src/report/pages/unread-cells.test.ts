import { describe, expect, it } from 'vitest';
import { cleanReport } from '../../../test/support/report/clean-report.ts';
import { describePath, hrefOfPath, pathsInWords } from './cell-marks.ts';
import { readingsOf, unreadCells } from './unread-cells.ts';

describe('cells shown as 未能读出', () => {
  it('表二一行：每格列出它在各种读法中的值，去重、按读法顺序', () => {
    const report = cleanReport();
    report.table2.normativeDocuments = { issued: null, repealed: null, inForce: null };
    const warnings = [
      { code: 'table2.split-inferred', path: 't2.regulations', message: '只有一种拆分。' },
      { code: 'table2.split-ambiguous', path: 't2.normativeDocuments', message: '表二「行政规范性文件」一行数字连在一起（77132470）……各格留空，请人工核对。可能的读法（共 21 种，列出 3 种）：77|132|470、771|32|470、771|324|70、…' },
    ];
    const cells = unreadCells(report, warnings);
    expect([...cells.keys()]).toEqual(['t2.normativeDocuments.issued', 't2.normativeDocuments.repealed', 't2.normativeDocuments.inForce']);
    expect(cells.get('t2.normativeDocuments.issued')).toEqual({ warning: 1, candidates: ['77', '771'], more: true });
    expect(cells.get('t2.normativeDocuments.inForce')?.candidates).toEqual(['470', '70']);
  });

  it('表四整表：十五格按组、按列对应读法中的位置', () => {
    const report = cleanReport();
    for (const group of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const) {
      report.table4[group] = { upheld: null, corrected: null, other: null, pending: null, total: null };
    }
    const message = '表四有多种与各组合计一致的读法，各格留空，请人工核对。可能的读法：1|0|0|0|1|2|0|0|0|2|0|0|0|0|0、1|0|0|0|1|0|2|0|0|2|0|0|0|0|0。';
    const cells = unreadCells(report, [{ code: 'table4.ambiguous', path: 't4', message }]);
    expect(cells.size).toBe(15);
    expect(cells.get('t4.litigationDirect.upheld')?.candidates).toEqual(['2', '0']);
    expect(cells.get('t4.litigationDirect.total')?.candidates).toEqual(['2']);
    expect(cells.get('t4.reconsideration.total')).toEqual({ warning: 0, candidates: ['1'], more: false });
  });

  it('没有列出读法的警告（格数不符）：仍标为未能读出，只是没有候选值', () => {
    const report = cleanReport();
    report.table3.rows.granted = [null, null, null, null, null, null, null];
    const cells = unreadCells(report, [{ code: 'table3.row-unreadable', path: 't3.granted', message: '表三「（一）予以公开」一行格数不符，无法读取，各格留空，请人工核对。' }]);
    expect(cells.get('t3.granted[6]')).toEqual({ warning: 0, candidates: [], more: false });
  });

  it('读法的写法：“空”表示空格，省略号表示没有列全', () => {
    expect(readingsOf('可能的读法：1|空|3、4|5|6。')).toEqual({ readings: [['1', '空', '3'], ['4', '5', '6']], more: false });
    expect(readingsOf('没有读法。')).toEqual({ readings: [], more: false });
  });
});

describe('places in words', () => {
  it.each([
    ['t3.newReceived[6]', '表三 · 一、本年新收政府信息公开申请数量 · 总计', '#cell-t3.newReceived[6]'],
    ['t3.granted', '表三 · （一）予以公开', '#cell-t3.granted[0]'],
    ['t4.reconsideration.total', '表四 · 行政复议 · 总计', '#cell-t4.reconsideration.total'],
    ['t2.fees.amountWan', '表二 · 行政事业性收费 · 本年收费金额（单位：万元）', '#cell-t2.fees.amountWan'],
    ['t3', '表三', '#table3'],
    ['t3.columns', '表三的各列', '#table3'],
    ['sections.other', '六、其他需要报告的事项', '#section-other'],
    ['sections', '报告各部分', '#sections'],
    ['publishedOn', '发布日期', '#meta-published'],
    ['agency', '机关名称', '#meta-agency'],
    ['page[3]', '原文件第 3 页', undefined],
    ['table[2].row[5]', '原文件第 2 个表格第 5 行', undefined],
    ['xlsx.Sheet1.row[4]', '工作表“Sheet1”第 4 行', undefined],
    ['something.new', '文件中的一处', undefined],
  ])('%s → %s', (path, words, href) => {
    expect(describePath(path)).toBe(words);
    expect(hrefOfPath(path, '2021')).toBe(href);
  });

  it('a path inside a message is put in words', () => {
    expect(pathsInWords('t3.carriedForward[6] 为空，按行合计应为 1')).toBe('表三 · 四、结转下年度继续办理 · 总计 为空，按行合计应为 1');
  });
});
