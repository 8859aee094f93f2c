import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../findings.ts';
import type { AnnualReport } from '../model.ts';
import { validateReport } from '../rules.ts';
import { seedTruth } from '../../../test/support/fixtures.ts';
import { seedWithSections } from '../../../test/support/truth.ts';
import { buildCheckResult, checkDateOf, checkResultLines, checkResultTitle } from './check-result.ts';

/** The seed report with 表三「（七）总计」「总计」 filled as 9 (every other cell is 0) and one blank in 表四. */
function corruptedSeed(): AnnualReport {
  const report = seedTruth();
  report.table3.rows.totalProcessed = [0, 0, 0, 0, 0, 0, 9];
  report.table4.reconsideration = { upheld: null, corrected: 0, other: 0, pending: 0, total: 0 };
  return report;
}

function resultOf(report: AnnualReport, previous?: AnnualReport) {
  const findings = validateReport(report, previous ? { previous } : {});
  return { findings, result: buildCheckResult({ report, findings, previous, checkedOn: '2025-03-01' }) };
}

/** No rule id and no cell path (t3.…, t4.…, t2.…, sections.…, publishedOn) in the words. */
function expectNoIdsOrPaths(text: string): void {
  for (const id of RULE_IDS) expect(text).not.toContain(id);
  expect(text).not.toMatch(/\bt[234]\.|sections\.|publishedOn|\[\d+\]/u);
}

describe('检查意见 (buildCheckResult)', () => {
  it('names the agency and year in the title, counts the findings and dates the check', () => {
    const { result } = resultOf(corruptedSeed());
    expect(result.title).toBe('关于阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告的检查意见');
    expect(result.addressee).toBe('阜新市太平区文化旅游和广播电视局：');
    expect(result.agency).toBe('阜新市太平区文化旅游和广播电视局');
    expect(result.year).toBe(2023);
    expect(result.checkedOnText).toBe('2025年3月1日');
    expect(result.opening[0]).toContain('你单位2023年政府信息公开工作年度报告');
    expect(result.opening[0]).toContain('发现错误 3 项、提醒 1 项');
    expect(result.opening[1]).toContain('未取得同一机关上一年度的年度报告');
  });

  it('gives each finding in words with its cells named as an official reads them and their values, errors first', () => {
    const { findings, result } = resultOf(corruptedSeed());
    expect(result.groups.map((g) => g.heading)).toEqual(['一、错误（3 项）', '二、提醒（1 项）']);
    const errors = result.groups[0]!.items;
    expect(errors.map((i) => i.message)).toEqual(findings.filter((f) => f.severity === 'error').map((f) => f.message));
    const outcome = errors.find((i) => i.message.includes('（一）至（六）各办理结果之和'));
    expect(outcome?.cells).toEqual(['表三「（七）总计」行「总计」列 = 9', '其余 21 格均为 0。']);
    const balance = errors.find((i) => i.message.startsWith('表三「总计」列不平衡'));
    expect(balance?.cells).toEqual([
      '表三「一、本年新收政府信息公开申请数量」行「总计」列 = 0',
      '表三「二、上年结转政府信息公开申请数量」行「总计」列 = 0',
      '表三「（七）总计」行「总计」列 = 9',
      '表三「四、结转下年度继续办理」行「总计」列 = 0',
    ]);
    expect(result.groups[1]!.items).toEqual([{
      number: 1, severity: 'warning', message: expect.stringContaining('表四「行政复议」的「结果维持」为空白'),
      cells: ['表四「行政复议」「结果维持」 = 空白'], cellsHeading: '涉及单元格：',
    }]);
    expectNoIdsOrPaths(checkResultLines(result).join('\n'));
  });

  it('lists the cells that carry a long sum and counts its zeros in one line', () => {
    const report = corruptedSeed();
    report.table3.rows.granted = [2, 0, 0, 0, 0, 0, 2];
    report.table3.rows['unableToProvide.notHeld'] = [0, 0, 0, 0, 1, 0, 1];
    const { result } = resultOf(report);
    const outcome = result.groups[0]!.items.find((i) => i.message.startsWith('表三「（七）总计」行「总计」列应为 3（（一）至（六）'));
    expect(outcome?.cells).toEqual([
      '表三「（七）总计」行「总计」列 = 9',
      '表三「（一）予以公开」行「总计」列 = 2',
      '表三「（四）无法提供 1.本机关不掌握相关政府信息」行「总计」列 = 1',
      '其余 19 格均为 0。',
    ]);
    const row = result.groups[0]!.items.find((i) => i.message.startsWith('表三「（七）总计」行「总计」列应为 0（自然人'));
    expect(row?.cells).toHaveLength(7); // a row of 表三 is listed cell by cell
  });

  it('sums up a finding of many blank cells in one line (its message names them)', () => {
    const report = seedTruth();
    for (const cells of Object.values(report.table3.rows)) cells[1] = null;
    const { result } = resultOf(report);
    const blank = result.groups.flatMap((g) => g.items).find((i) => i.message.includes('「法人或其他组织·商业企业」列全部'));
    expect(blank?.cells).toEqual([`以上 ${Object.keys(report.table3.rows).length} 格均为空白。`]);
  });

  it('names the publication date, the sections and the previous year in words', () => {
    const report: AnnualReport = { ...seedWithSections(), publishedOn: '2024-02-05' };
    report.sections = report.sections!.map((s) => (s.key === 'other' ? { ...s, text: '无。' } : s));
    const previous = { ...seedTruth(), year: 2022 };
    previous.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    const { result } = resultOf(report, previous);
    const lines = checkResultLines({ ...result });
    expect(lines).toContain('发布日期 = 2024年2月5日');
    expect(lines).toContain('「六、其他需要报告的事项」部分');
    const fee = result.groups.flatMap((g) => g.items).find((i) => i.message.includes('信息处理费'));
    expect(fee?.cellsHeading).toBe('涉及：');
    expect(lines).toContain('表三「二、上年结转政府信息公开申请数量」行「自然人」列 = 0');
    expect(buildCheckResult({ report, findings: [], previous: { year: 2022 }, checkedOn: '2025-03-01' }).opening[1])
      .toBe('已与同一机关2022年度报告核对「二、上年结转政府信息公开申请数量」等跨年度数据。');
    expectNoIdsOrPaths(lines.join('\n'));
  });

  it('says there is nothing to correct when the report is clean', () => {
    const { result } = resultOf(seedTruth());
    expect(result.groups).toEqual([]);
    expect(result.opening[0]).toContain('未发现错误或需要核实的事项');
    expect(result.closing).toBe('特此告知。');
  });

  it('leaves out what the report does not show (no agency, no year)', () => {
    expect(checkResultTitle({ agency: null, year: null })).toBe('关于政府信息公开工作年度报告的检查意见');
    const report = { ...seedTruth(), agency: null };
    const result = buildCheckResult({ report, findings: [], checkedOn: '2025-03-01' });
    expect(result.addressee).toBeUndefined();
    expect(result.title).toBe('关于2023年政府信息公开工作年度报告的检查意见');
  });

  it('dates a check by the day in China', () => {
    expect(checkDateOf(new Date('2025-02-28T17:30:00Z'))).toBe('2025-03-01');
    expect(checkDateOf(new Date('2025-02-28T15:30:00Z'))).toBe('2025-02-28');
  });
});
