import { describe, expect, it } from 'vitest';
import { validateReport } from './rules.ts';
import type { ValidationOptions } from './rules.ts';
import type { AnnualReport, CellPath } from './model.ts';
import type { Finding, RuleId } from './findings.ts';
import { cleanReport } from '../../test/support/report/clean-report.ts';

interface Expected {
  rule: RuleId;
  /** Cells the finding must list (all of them when `exact`). */
  cells: CellPath[];
  exact?: boolean;
}

interface Case {
  name: string;
  change: (report: AnnualReport) => void;
  previous?: (previous: AnnualReport) => void;
  expected: Expected[];
  message?: RegExp;
}

const setSection = (report: AnnualReport, key: string, text: string): void => {
  const section = report.sections?.find((s) => s.key === key);
  if (section) section.text = text;
};

const cases: Case[] = [
  { name: '干净的报告不产生任何发现', change: () => {}, expected: [] },
  {
    name: '新收行总计与各列之和不符（也与正文所述件数不符）',
    change: (r) => { r.table3.rows.newReceived = [10, 2, 0, 0, 0, 0, 11]; },
    expected: [
      { rule: 'T3-ROW-TOTAL', cells: ['t3.newReceived[6]', 't3.newReceived[0]', 't3.newReceived[1]', 't3.newReceived[2]', 't3.newReceived[3]', 't3.newReceived[4]', 't3.newReceived[5]'], exact: true },
      { rule: 'T3-BALANCE', cells: ['t3.newReceived[6]', 't3.carriedOver[6]', 't3.totalProcessed[6]', 't3.carriedForward[6]'], exact: true },
      { rule: 'TEXT-TABLE', cells: ['t3.newReceived[6]', 'sections.overview'], exact: true },
    ],
    message: /表三「一、本年新收政府信息公开申请数量」行「总计」列应为 12.*报告填写为 11/,
  },
  {
    name: '（七）总计少计一件：办理结果合计与平衡关系在两列同时不符',
    change: (r) => { r.table3.rows.totalProcessed = [10, 2, 0, 0, 0, 0, 12]; },
    expected: [
      { rule: 'T3-OUTCOME-TOTAL', cells: ['t3.totalProcessed[0]', 't3.granted[0]', 't3.otherDisposal.other[0]'] },
      { rule: 'T3-OUTCOME-TOTAL', cells: ['t3.totalProcessed[6]', 't3.granted[6]', 't3.otherDisposal.other[6]'] },
      { rule: 'T3-BALANCE', cells: ['t3.newReceived[0]', 't3.carriedOver[0]', 't3.totalProcessed[0]', 't3.carriedForward[0]'], exact: true },
      { rule: 'T3-BALANCE', cells: ['t3.newReceived[6]', 't3.carriedOver[6]', 't3.totalProcessed[6]', 't3.carriedForward[6]'], exact: true },
    ],
    message: /表三「（七）总计」行「总计」列应为 13（（一）至（六）各办理结果之和），报告填写为 12。/,
  },
  {
    name: '同一申请既计入办理结果又计入结转（平潭公安局式）只违反平衡关系',
    change: (r) => { r.table3.rows.carriedForward = [2, 0, 0, 0, 0, 0, 2]; },
    expected: [
      { rule: 'T3-BALANCE', cells: ['t3.carriedForward[0]'] },
      { rule: 'T3-BALANCE', cells: ['t3.carriedForward[6]'] },
    ],
    message: /表三「自然人」列不平衡/,
  },
  {
    name: '负数只报 T3-CELL，不再据此做加总',
    change: (r) => { r.table3.rows.granted = [5, -1, 0, 0, 0, 0, 6]; },
    expected: [{ rule: 'T3-CELL', cells: ['t3.granted[1]'], exact: true }],
    message: /表三「（一）予以公开」行「法人或其他组织·商业企业」列应为非负整数（申请件数），报告填写为 -1。/,
  },
  {
    name: '小数件数',
    change: (r) => { r.table3.rows.partiallyGranted = [1.5, 0, 0, 0, 0, 0, 2]; },
    expected: [{ rule: 'T3-CELL', cells: ['t3.partiallyGranted[0]'], exact: true }],
  },
  {
    name: '行政复议总计与各项之和不符（也与正文不符）',
    change: (r) => { (r.table4.reconsideration as { total: number }).total = 3; },
    expected: [
      { rule: 'T4-TOTAL', cells: ['t4.reconsideration.total', 't4.reconsideration.upheld', 't4.reconsideration.corrected', 't4.reconsideration.other', 't4.reconsideration.pending'], exact: true },
      { rule: 'TEXT-TABLE', cells: ['t4.reconsideration.total', 'sections.appeals'], exact: true },
    ],
    message: /表四「行政复议」「总计」应为 2（结果维持、结果纠正、其他结果、尚未审结之和：1 \+ 0 \+ 0 \+ 1），报告填写为 3。/,
  },
  {
    name: '表四负数只报 T4-CELL',
    change: (r) => { (r.table4.litigationDirect as { pending: number }).pending = -1; },
    expected: [{ rule: 'T4-CELL', cells: ['t4.litigationDirect.pending'], exact: true }],
  },
  {
    name: '表二处理决定数为小数、收费金额为负数',
    change: (r) => { r.table2.punishment = { decisions: 2.5 }; r.table2.fees = { amountWan: -3 }; },
    expected: [
      { rule: 'T2-CELL', cells: ['t2.punishment.decisions'], exact: true },
      { rule: 'T2-CELL', cells: ['t2.fees.amountWan'], exact: true },
    ],
    message: /表二「行政事业性收费」「本年收费金额（单位：万元）」应为非负数/,
  },
  {
    name: '表二数字写成文字',
    change: (r) => { r.table2.licensing = { decisions: '七十一' }; },
    expected: [{ rule: 'T2-CELL', cells: ['t2.licensing.decisions'], exact: true }],
  },
  {
    name: '2019 年格式的“本年增/减”可为负数，采购金额为文字',
    change: (r) => {
      r.format = '2019';
      r.year = 2020;
      r.publishedOn = '2021-01-20';
      r.sections = undefined;
      r.table2 = {
        regulations: { made: 0, published: 0, totalPublic: 3 }, normativeDocuments: { made: 1, published: 1, totalPublic: 9 },
        licensing: { itemsLastYear: 10, itemsChange: -2, decisions: 40 }, otherServices: { itemsLastYear: 0, itemsChange: 0, decisions: 0 },
        punishment: { itemsLastYear: 5, itemsChange: -5, decisions: 3 }, enforcement: { itemsLastYear: 0, itemsChange: 0, decisions: 0 },
        fees: { itemsLastYear: 2, itemsChange: 0 }, procurement: { projects: 8, amountText: '2059.2090万元' },
      };
      const rows = r.table3.rows;
      rows.otherDisposal = rows['otherDisposal.noCorrection'] ?? null as never;
      delete rows['otherDisposal.noCorrection'];
      delete rows['otherDisposal.unpaidFee'];
      delete rows['otherDisposal.other'];
    },
    expected: [],
  },
  {
    name: '缺少第六部分',
    change: (r) => { r.sections = r.sections?.filter((s) => s.key !== 'other'); },
    expected: [{ rule: 'STRUCT-SECTIONS', cells: ['sections.other'], exact: true }],
    message: /缺少第六部分「六、其他需要报告的事项」/,
  },
  {
    name: '第四、五部分顺序颠倒',
    change: (r) => {
      const s = r.sections ?? [];
      r.sections = [s[0], s[1], s[2], s[4], s[3], s[5]].filter((x) => x !== undefined);
    },
    expected: [{ rule: 'STRUCT-SECTIONS', cells: ['sections.problems', 'sections.appeals'], exact: true }],
  },
  { name: '没有 sections 的规范 JSON 只是表格文件：不报结构、正文和收费说明', change: (r) => { r.sections = undefined; }, expected: [] },
  {
    name: '表三缺少一行：结构错误，不据缺行做加总',
    change: (r) => { delete r.table3.rows['denied.stateSecret']; },
    expected: [{ rule: 'STRUCT-TABLES', cells: ['t3.denied.stateSecret'], exact: true }],
    message: /表三缺少「（三）不予公开 1\.属于国家秘密」行/,
  },
  {
    name: '表二缺少行政许可、表四缺少复议后起诉',
    change: (r) => { delete r.table2.licensing; delete r.table4.litigationAfterReconsideration; },
    expected: [
      { rule: 'STRUCT-TABLES', cells: ['t2.licensing'], exact: true },
      { rule: 'STRUCT-TABLES', cells: ['t4.litigationAfterReconsideration'], exact: true },
    ],
  },
  {
    name: '一行只有 6 个数值',
    change: (r) => { r.table3.rows.granted = [5, 1, 0, 0, 0, 6]; },
    expected: [{ rule: 'STRUCT-TABLES', cells: ['t3.granted'], exact: true }],
  },
  {
    name: '2021 年格式只印一行“（六）其他处理”：视为三行之和，不报缺行',
    change: (r) => {
      const rows = r.table3.rows;
      rows.otherDisposal = [1, 0, 0, 0, 0, 0, 1];
      delete rows['otherDisposal.noCorrection'];
      delete rows['otherDisposal.unpaidFee'];
      delete rows['otherDisposal.other'];
    },
    expected: [],
  },
  {
    name: '只印一行“（六）其他处理”且数字不合',
    change: (r) => {
      const rows = r.table3.rows;
      rows.otherDisposal = [0, 0, 0, 0, 0, 0, 0];
      delete rows['otherDisposal.noCorrection'];
      delete rows['otherDisposal.unpaidFee'];
      delete rows['otherDisposal.other'];
    },
    expected: [
      { rule: 'T3-OUTCOME-TOTAL', cells: ['t3.totalProcessed[0]', 't3.otherDisposal[0]'] },
      { rule: 'T3-OUTCOME-TOTAL', cells: ['t3.totalProcessed[6]', 't3.otherDisposal[6]'] },
    ],
  },
  {
    name: '三行中缺一行',
    change: (r) => { delete r.table3.rows['otherDisposal.unpaidFee']; },
    expected: [{ rule: 'STRUCT-TABLES', cells: ['t3.otherDisposal.unpaidFee'], exact: true }],
  },
  {
    name: '空白格只报 CELL-BLANK，不以 0 代入加总',
    change: (r) => { r.table3.rows.newReceived = [10, null, 0, 0, 0, 0, 12]; },
    expected: [{ rule: 'CELL-BLANK', cells: ['t3.newReceived[1]'], exact: true }],
    message: /表三「一、本年新收政府信息公开申请数量」行的「法人或其他组织·商业企业」列为空白/,
  },
  {
    name: '上年结转与上一年度结转下年度不一致',
    change: () => {},
    previous: (p) => {
      p.year = 2022;
      p.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
      p.table2.normativeDocuments = { issued: 2, repealed: 0, inForce: 10 }; // 10 + 3 − 1 = 12 this year
    },
    expected: [
      { rule: 'X-CARRY', cells: ['t3.carriedOver[0]'], exact: true },
      { rule: 'X-CARRY', cells: ['t3.carriedOver[6]'], exact: true },
    ],
    message: /表三「二、上年结转政府信息公开申请数量」行「自然人」列应为 1（2022 年度报告「四、结转下年度继续办理」同列），报告填写为 2。/,
  },
  {
    name: '上一年度报告并非前一年：不做跨年比对',
    change: () => {},
    previous: (p) => { p.year = 2020; p.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1]; },
    expected: [],
  },
  {
    name: '现行有效件数与上年推算不符',
    change: () => {},
    previous: (p) => { p.year = 2022; p.table3.rows.carriedForward = [2, 0, 0, 0, 0, 0, 2]; p.table2.normativeDocuments = { issued: 0, repealed: 0, inForce: 11 }; },
    expected: [{ rule: 'X-IN-FORCE', cells: ['t2.normativeDocuments.inForce', 't2.normativeDocuments.issued', 't2.normativeDocuments.repealed'], exact: true }],
    message: /应为 13（上年现行有效 11 \+ 本年制发 3 − 本年废止 1），报告填写为 12/,
  },
  {
    name: '正文所述收到申请件数与表三不符',
    change: (r) => { setSection(r, 'overview', '2023年，全年共收到政府信息公开申请二十件，均按时答复。'); },
    expected: [{ rule: 'TEXT-TABLE', cells: ['t3.newReceived[6]', 'sections.overview'], exact: true }],
    message: /正文写明本年收到的政府信息公开申请为 20 件/,
  },
  {
    name: '正文称未发生复议诉讼，表四却有案件',
    change: (r) => { setSection(r, 'appeals', '本年度未发生因政府信息公开引起的行政复议、行政诉讼。'); },
    expected: [
      { rule: 'TEXT-TABLE', cells: ['t4.reconsideration.total', 'sections.appeals'], exact: true },
      { rule: 'TEXT-TABLE', cells: ['t4.litigationDirect.total', 't4.litigationAfterReconsideration.total', 'sections.appeals'], exact: true },
    ],
  },
  {
    name: '第六部分未说明信息处理费',
    change: (r) => { setSection(r, 'other', '无。'); },
    expected: [{ rule: 'FEE-SECTION', cells: ['sections.other'], exact: true }],
  },
  {
    name: '部门 2 月 1 日发布，逾期',
    change: (r) => { r.publishedOn = '2024-02-01'; },
    expected: [{ rule: 'DEADLINE', cells: ['publishedOn'], exact: true }],
    message: /发布于 2024-02-01，晚于法定期限 2024-01-31/,
  },
  {
    name: '县级以上人民政府 3 月 31 日发布（当日视为按时）',
    change: (r) => { r.agencyKind = 'government'; r.publishedOn = '2024-03-31'; },
    expected: [],
  },
  {
    name: '县级以上人民政府 4 月 1 日发布，逾期',
    change: (r) => { r.agencyKind = 'government'; r.publishedOn = '2024-04-01'; },
    expected: [{ rule: 'DEADLINE', cells: ['publishedOn'], exact: true }],
  },
  {
    name: '未注明机关类型：按名称推定为区人民政府，3 月发布按时',
    change: (r) => { r.agencyKind = undefined; r.agency = '淮安市洪泽区人民政府'; r.publishedOn = '2024-03-15'; },
    expected: [],
  },
  {
    name: '未注明机关类型：镇人民政府不属县级以上，按部门期限',
    change: (r) => { r.agencyKind = undefined; r.agency = '沭阳县沭城镇人民政府'; r.publishedOn = '2024-02-15'; },
    expected: [{ rule: 'DEADLINE', cells: ['publishedOn'], exact: true }],
    message: /按名称「沭阳县沭城镇人民政府」推定为政府部门/,
  },
];

function matches(finding: Finding, expected: Expected): boolean {
  if (finding.rule !== expected.rule) return false;
  if (expected.exact) return JSON.stringify(finding.cells) === JSON.stringify(expected.cells);
  return expected.cells.every((c) => finding.cells.includes(c));
}

describe('validateReport: hand-made reports', () => {
  it.each(cases)('$name', ({ change, previous, expected, message }) => {
    const report = cleanReport();
    change(report);
    const options: ValidationOptions = {};
    if (previous) {
      options.previous = cleanReport();
      previous(options.previous);
    }
    const findings = validateReport(report, options);
    expect(findings.map((f) => f.rule).sort(), JSON.stringify(findings, null, 1)).toEqual(expected.map((e) => e.rule).sort());
    const unmatched = [...findings];
    for (const e of expected) {
      const index = unmatched.findIndex((f) => matches(f, e));
      expect(index, `${e.rule} ${e.cells.join(' ')} in ${JSON.stringify(findings, null, 1)}`).toBeGreaterThanOrEqual(0);
      unmatched.splice(index, 1);
    }
    if (message) expect(findings.map((f) => f.message).join('\n')).toMatch(message);
  });

  it('gives every finding the severity of the spec', () => {
    const severity: Record<RuleId, 'error' | 'warning'> = {
      'T3-ROW-TOTAL': 'error', 'T3-OUTCOME-TOTAL': 'error', 'T3-BALANCE': 'error', 'T3-CELL': 'error', 'T4-TOTAL': 'error',
      'T4-CELL': 'error', 'T2-CELL': 'error', 'STRUCT-SECTIONS': 'error', 'STRUCT-TABLES': 'error', 'CELL-BLANK': 'warning',
      'X-CARRY': 'error', 'X-IN-FORCE': 'warning', 'TEXT-TABLE': 'warning', 'FEE-SECTION': 'warning', 'DEADLINE': 'warning',
    };
    const seen = new Set<RuleId>();
    for (const c of cases) {
      const report = cleanReport();
      c.change(report);
      const previous = cleanReport();
      c.previous?.(previous);
      for (const f of validateReport(report, c.previous ? { previous } : {})) {
        expect(f.severity, f.rule).toBe(severity[f.rule]);
        seen.add(f.rule);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(severity).sort());
  });

  it('does not modify the report', () => {
    const report = cleanReport();
    report.table3.rows.newReceived = [10, null, 0, 0, 0, 0, 11];
    const before = JSON.stringify(report);
    validateReport(report, { previous: cleanReport() });
    expect(JSON.stringify(report)).toBe(before);
  });
});

describe('CELL-BLANK and the cells the importer declined to read', () => {
  const blanks = (report: AnnualReport) => validateReport(report).filter((f) => f.rule === 'CELL-BLANK');

  it('表二数字连写、有多种拆法而留空：不算机关留空（pingtan-2023 行政规范性文件）', () => {
    const report = cleanReport();
    report.table2.normativeDocuments = { issued: null, repealed: null, inForce: null };
    expect(blanks(report).flatMap((f) => f.cells)).toEqual(['t2.normativeDocuments.issued', 't2.normativeDocuments.repealed', 't2.normativeDocuments.inForce']);
    report.warnings = [{ code: 'table2.split-ambiguous', path: 't2.normativeDocuments', message: '表二「行政规范性文件」一行数字连在一起（77132470）……可能的读法：77|132|470、771|32|470。' }];
    expect(blanks(report)).toEqual([]);
  });

  it('表三一行有多种读法而留空：该行不报空白，同一报告中机关留空的格照报', () => {
    const report = cleanReport();
    report.table3.rows.granted = [null, null, null, null, null, null, null];
    report.table3.rows.carriedForward = [1, null, 0, 0, 0, 0, 1];
    report.warnings = [{ code: 'table3.row-ambiguous', path: 't3.granted', message: '表三「（一）予以公开」一行有 2 种与表格规则一致的读法，各格留空，请人工核对。' }];
    expect(blanks(report).flatMap((f) => f.cells)).toEqual(['t3.carriedForward[1]']);
  });

  it('表四数字连写有多种读法：十五格都不报空白', () => {
    const report = cleanReport();
    for (const group of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const) {
      report.table4[group] = { upheld: null, corrected: null, other: null, pending: null, total: null };
    }
    expect(blanks(report)).toHaveLength(3);
    report.warnings = [{ code: 'table4.ambiguous', path: 't4', message: '表四有多种与各组合计一致的读法，各格留空，请人工核对。' }];
    expect(blanks(report)).toEqual([]);
  });

  it('表三数字与行名对不上而留空：从所指的行起，连续未找到的各行都不报空白', () => {
    const report = cleanReport();
    const empty = () => [null, null, null, null, null, null, null];
    report.table3.rows['denied.stateSecret'] = empty();
    report.table3.rows['denied.prohibitedByLaw'] = empty();
    report.table3.rows.carriedForward = empty(); // not found, and not part of the run
    report.warnings = [
      { code: 'table3.rows-unaligned', path: 't3.denied.stateSecret', message: '表三有 1 行数字与行名分离，而其间缺 2 行……这些行留空。' },
      { code: 'table3.row-missing', path: 't3.denied.stateSecret', message: '表三未找到「1.属于国家秘密」一行，各格留空。' },
      { code: 'table3.row-missing', path: 't3.denied.prohibitedByLaw', message: '表三未找到「2.其他法律行政法规禁止公开」一行，各格留空。' },
      { code: 'table3.row-missing', path: 't3.carriedForward', message: '表三未找到「四、结转下年度继续办理」一行，各格留空。' },
    ];
    expect(blanks(report).flatMap((f) => f.cells)).toEqual(Array.from({ length: 7 }, (_, i) => `t3.carriedForward[${i}]`));
  });

  it('只印了行名、没有数字的行（pingtan-scj-2022 （六）2、3）仍报空白：导入程序没有存疑', () => {
    const report = cleanReport();
    report.table3.rows['otherDisposal.unpaidFee'] = [null, null, null, null, null, null, null];
    report.warnings = [{ code: 'table3.row-missing', path: 't3.otherDisposal.unpaidFee', message: '表三未找到「2.申请人逾期未按收费通知要求缴纳费用……」一行，各格留空。' }];
    expect(blanks(report).flatMap((f) => f.cells)).toHaveLength(7);
  });

  it('整列空白时，未能读出的行不计入，其余各行仍合为一条', () => {
    const report = cleanReport();
    for (const cells of Object.values(report.table3.rows)) cells[1] = null;
    report.table3.rows.granted = [null, null, null, null, null, null, null];
    report.warnings = [{ code: 'table3.row-ambiguous', path: 't3.granted', message: '表三「（一）予以公开」一行有 2 种读法，各格留空。' }];
    const found = blanks(report);
    expect(found).toHaveLength(1);
    expect(found[0]!.cells).not.toContain('t3.granted[1]');
    expect(found[0]!.message).toMatch(/列除未能读出的 1 行外，其余 \d+ 行均为空白/);
  });
});
