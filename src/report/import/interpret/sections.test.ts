/**
 * Section text: running text only — the rows of the data tables and the signature under the
 * report (agency name, date) are not text of any section.
 */
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../source.ts';
import { interpretReport } from './index.ts';
import { withoutSignature } from './signature.ts';

/** A document: a string is a line of running text, an array a table row. */
function doc(lines: (string | string[])[]): SourceDocument {
  return {
    kind: 'html',
    lines: lines.map((l) => (typeof l === 'string' ? { cells: [l], isTableRow: false } : { cells: l, isTableRow: true })),
    meta: {},
    warnings: [],
  };
}

const textOf = (lines: (string | string[])[], key: string): string | undefined =>
  interpretReport(doc(lines)).sections?.find((s) => s.key === key)?.text;

const REPORT: (string | string[])[] = [
  '某局2023年政府信息公开工作年度报告',
  '一、总体情况', '本局依法公开政府信息。',
  '二、主动公开政府信息情况', '主动公开情况见下表。',
  ['第二十条第(一)项', '', '', ''], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], ['规章', '0', '0', '0'],
  '三、收到和处理政府信息公开申请情况',
  ['(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)', '申请人情况'], ['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0'],
  '四、政府信息公开行政复议、行政诉讼情况', ['行政复议', '行政诉讼'], ['0', '0', '0', '0', '0'],
  '五、存在的主要问题及改进情况', '问题与改进。',
  '六、其他需要报告的事项', '本年度未收取信息处理费。', '某市某区文化旅游和广播电视局', '2024年1月20日',
];

describe('section text', () => {
  it('leaves out the rows of the tables in sections 二, 三 and 四 (headers and template note included)', () => {
    expect(textOf(REPORT, 'proactive')).toBe('主动公开情况见下表。');
    expect(textOf(REPORT, 'applications')).toBe('');
    expect(textOf(REPORT, 'appeals')).toBe('');
  });

  it('drops the agency name and date signed under the report from section 六; publishedOn keeps the date', () => {
    expect(textOf(REPORT, 'other')).toBe('本年度未收取信息处理费。');
    expect(interpretReport(doc(REPORT)).publishedOn).toBe('2024-01-20');
  });

  it('keeps a table whose rows each hold one cell: a layout box around running text', () => {
    const lines = [...REPORT.slice(0, 3), ['本局全年主动公开信息 55 条。'], ['依申请公开 0 件。'], ...REPORT.slice(3)];
    expect(textOf(lines, 'overview')).toBe('本局依法公开政府信息。\n本局全年主动公开信息 55 条。\n依申请公开 0 件。');
  });
});

describe('withoutSignature', () => {
  it.each([
    [['无。', '阜新市太平区文化旅游和广播电视局', '2024年1月20日'], ['无。']],
    [['无。', '阜新市太平区文化旅游和广播电视局', '2024 年 1 月 20 日', ''], ['无。']],
    [['无。', '淮安市洪泽区人民政府', '二〇二四年一月五日'], ['无。']],
    // A date alone goes; a line that is not a name stays.
    [['（三）其他工作', '无', '2024年1月20日'], ['（三）其他工作', '无']],
    [['本年度未收取信息处理费。', '2024年1月20日'], ['本年度未收取信息处理费。']],
    // Without a final date line, nothing is dropped.
    [['本年度未收取信息处理费。', '某市某区文化旅游和广播电视局'], ['本年度未收取信息处理费。', '某市某区文化旅游和广播电视局']],
    [['统计期限为2023年1月1日至2023年12月31日。'], ['统计期限为2023年1月1日至2023年12月31日。']],
  ])('%j → %j', (lines, kept) => {
    expect(withoutSignature(lines, null)).toEqual(kept);
  });

  it('takes the report agency as the name even when it ends unusually', () => {
    expect(withoutSignature(['无。', '上海张江', '2024年1月20日'], '上海张江')).toEqual(['无。']);
  });
});
