/**
 * The interpreter on small hand-made documents: each case is one way a real report is damaged.
 */
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../source.ts';
import { interpretReport } from './index.ts';
import { expectLinearGrowth } from '../../../../test/support/growth.ts';

type Line = string | string[];

/** A document: a string is a line of running text, an array a table row. */
function doc(lines: Line[], kind: SourceDocument['kind'] = 'html'): SourceDocument {
  return {
    kind,
    lines: lines.map((l) => (typeof l === 'string' ? { cells: [l], isTableRow: false } : { cells: l, isTableRow: true })),
    meta: {},
    warnings: [],
  };
}

const zeros = ['0', '0', '0', '0', '0', '0', '0'];
const T3_HEAD: Line[] = ['三、收到和处理政府信息公开申请情况', ['(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)', '申请人情况']];

/** A clean 2021 table 三 with every row zero except the overrides (label → 7 cells). */
function table3(overrides: Record<string, string[]> = {}): Line[] {
  const labels = [
    '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '(一)予以公开', '(二)部分公开(区分处理的,只计这一情形,不计其他情形)',
    '1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息',
    '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项', '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作',
    '3.补正后申请内容仍不明确', '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请',
    '5.要求行政机关确认或重新出具已获取信息', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他', '(七)总计', '四、结转下年度继续办理',
  ];
  return [...T3_HEAD, ...labels.map((l) => [l, ...(overrides[l] ?? zeros)])];
}

const T4: Line[] = ['四、政府信息公开行政复议、行政诉讼情况', ['行政复议', '行政诉讼'], ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
  ['1', '0', '0', '0', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']];

const codes = (r: ReturnType<typeof interpretReport>, path: string): string[] => (r.warnings ?? []).filter((w) => w.path === path).map((w) => w.code);

describe('interpretReport', () => {
  it('reads a clean report: title, year, format, all three tables', () => {
    const r = interpretReport(doc([
      '某市某区某某局2023年政府信息公开工作年度报告', '一、总体情况', '本局……',
      '二、主动公开政府信息情况', ['第二十条第(一)项'], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'], ['行政规范性文件', '2', '1', '9'], ['行政许可', '71'], ['行政处罚', '3'], ['行政强制', '0'],
      ['信息内容', '本年收费金额(单位:万元)'], ['行政事业性收费', '12.5'],
      ...table3(), ...T4,
    ]));
    expect(r).toMatchObject({ agency: '某市某区某某局', year: 2023, format: '2021' });
    expect(r.table2.normativeDocuments).toEqual({ issued: 2, repealed: 1, inForce: 9 });
    expect(r.table2.fees).toEqual({ amountWan: 12.5 });
    expect(r.table3.rows['otherDisposal.other']).toEqual(zeros.map(Number));
    expect(r.table4.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
  });

  it('reads the agency of a report sent as a letter (X关于报送…年度报告的函)', () => {
    const r = interpretReport(doc(['某区某片区管理局关于报送2020年度政府信息公开工作年度报告的函', '区办公室：', ...table3(), ...T4]));
    expect(r).toMatchObject({ agency: '某区某片区管理局', year: 2020 });
  });

  it('finds a label broken across lines, with a neighbouring merged cell interleaved (（五）不 … 予处理)', () => {
    const lines = table3();
    const i = lines.findIndex((l) => Array.isArray(l) && l[0] === '1.信访举报投诉类申请');
    lines.splice(i, 2, ['(五)不', '1.信访举报投诉类申请', '2', '0', '0', '0', '0', '0', '2'], ['予处理', '2.重复', '申请', '1', '0', '0', '0', '0', '0', '1']);
    const r = interpretReport(doc(lines));
    expect(r.table3.rows['notProcessed.complaint']).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(r.table3.rows['notProcessed.duplicate']).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('finds a label wrapped over two running-text lines (PDF), numbers on the second', () => {
    const lines = table3();
    const i = lines.findIndex((l) => Array.isArray(l) && String(l[0]).startsWith('(二)部分公开'));
    lines.splice(i, 1, '(二)部分公开(区分处理的,只计这一情 形,不', '计其他情形) 9 0 0 0 0 0 9');
    const r = interpretReport(doc(lines, 'pdf'));
    expect(r.table3.rows.partiallyGranted).toEqual([9, 0, 0, 0, 0, 0, 9]);
  });

  it('reads the typo 其他法律行政止公开 and full-width digits', () => {
    const lines = table3({ '2.其他法律行政法规禁止公开': ['１２', '０', '0', '0', '0', '0', '１２'] });
    const i = lines.findIndex((l) => Array.isArray(l) && l[0] === '2.其他法律行政法规禁止公开');
    (lines[i] as string[])[0] = '2.其他法律行政止公开';
    const r = interpretReport(doc(lines));
    expect(r.table3.rows['denied.prohibitedByLaw']).toEqual([12, 0, 0, 0, 0, 0, 12]);
  });

  it('reads blank, dash and slash cells as null, never 0', () => {
    const r = interpretReport(doc(table3({ '1.属于国家秘密': ['3', '—', '/', '-', '－', '', '3'] })));
    expect(r.table3.rows['denied.stateSecret']).toEqual([3, null, null, null, null, null, 3]);
  });

  it('fills a lost cell from the row total when only one reading exists, and says so', () => {
    const r = interpretReport(doc(table3({ '(一)予以公开': ['0', '0', '0', '0', '0', '0'] }), 'text'));
    expect(r.table3.rows.granted).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(codes(r, 't3.granted')).toContain('table3.cell-missing-inferred');
  });

  it('settles a lost cell with several row readings by the column sums, and says so', () => {
    const r = interpretReport(doc(table3({
      '一、本年新收政府信息公开申请数量': ['3', '0', '0', '0', '0', '0', '3'],
      '(一)予以公开': ['3', '0', '0', '0', '0', '3'],
      '(七)总计': ['3', '0', '0', '0', '0', '0', '3'],
    }), 'text'));
    expect(r.table3.rows.granted).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect((r.warnings ?? []).find((w) => w.path === 't3.granted')?.message).toMatch(/只有一种/);
  });

  it('splits run-together digits when exactly one split satisfies the row total (801000081)', () => {
    const r = interpretReport(doc(['申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量0000000'], 'crawler-text'));
    expect(r.table3.rows.newReceived).toEqual([80, 1, 0, 0, 0, 0, 81]);
    expect(r.table3.rows.carriedOver).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(codes(r, 't3.newReceived')).toEqual(['table3.split-inferred']);
  });

  it('leaves the open cells of an ambiguous split null with a warning, and reads those all readings share (191000020: 19,1,… or 1,9,10,…)', () => {
    const r = interpretReport(doc(['申请人情况(二)部分公开(区分处理的,只计这一情形,不计其他情形)191000020(三)不予公开'], 'crawler-text'));
    expect(r.table3.rows.partiallyGranted).toEqual([null, null, null, 0, 0, 0, 20]);
    expect(codes(r, 't3.partiallyGranted')).toEqual(['table3.row-partly-read']);
    const message = (r.warnings ?? []).find((w) => w.path === 't3.partiallyGranted')?.message;
    expect(message).toMatch(/「自然人」「商业企业」「科研机构」列各读法不同/);
    expect(message).toMatch(/19\|1\|0\|0\|0\|0\|20/);
    expect(message).toMatch(/1\|9\|10\|0\|0\|0\|20/);
  });

  it('uses the column sums to settle an ambiguous split', () => {
    // 191000020 alone reads 19,1,0,0,0,0,20 or 1,9,10,0,0,0,20; only the first adds up with 总计 20,1,… .
    const digits: Record<string, string> = {
      '一、本年新收政府信息公开申请数量': '201000021', '(一)予以公开': '191000020', '(二)部分公开(区分处理的,只计这一情形,不计其他情形)': '1000001', '(七)总计': '201000021',
    };
    const text = table3().filter(Array.isArray).map((l) => `${l[0]}${l.length > 2 ? digits[l[0]!] ?? '0000000' : ''}`).join('');
    const r = interpretReport(doc([text], 'crawler-text'));
    expect(r.table3.rows.totalProcessed).toEqual([20, 1, 0, 0, 0, 0, 21]);
    expect(r.table3.rows.granted).toEqual([19, 1, 0, 0, 0, 0, 20]);
    expect((r.warnings ?? []).find((w) => w.path === 't3.granted')?.message).toMatch(/只有一种符合/);
  });

  it('puts rows detached from their labels (markdown from PDF) in template order, and says so', () => {
    const lines = table3({ '(一)予以公开': ['9', '0', '0', '0', '0', '0', '9'] });
    const i = lines.findIndex((l) => Array.isArray(l) && String(l[0]).startsWith('(二)部分公开'));
    lines.splice(i, 1, ['4', '0', '0', '0', '0', '0', '4'], '(二)部分公开(区分处理的,只', '度办', '理结计这一情形,不计其他情形)');
    const r = interpretReport(doc(lines, 'markdown'));
    expect(r.table3.rows.partiallyGranted).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(codes(r, 't3.partiallyGranted')).toContain('table3.row-label-detached');
  });

  it('keeps a single （六）其他处理 row as otherDisposal, and reads a 2019 table 二', () => {
    const lines = table3().filter((l) => !(Array.isArray(l) && /^[123]\.(申请人|其他)/.test(String(l[0]))));
    lines.splice(lines.length - 2, 0, ['(六)其他处理', ...zeros]);
    const r = interpretReport(doc(['2019年某市人民政府办公厅政府信息公开工作年度报告', ['第二十条第(一)项'],
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'], ['规章', '13', '13', '524'],
      ['第二十条第(九)项'], ['信息内容', '采购项目数量', '采购总金额'], ['政府集中采购', '6', '251000元'], ...lines]));
    expect(r.format).toBe('2019');
    expect(r.table2.regulations).toEqual({ made: 13, published: 13, totalPublic: 524 });
    expect(r.table2.procurement).toEqual({ projects: 6, amountText: '251000元' });
    expect(r.table3.rows.otherDisposal).toEqual(zeros.map(Number));
    expect(r.table3.rows['otherDisposal.other']).toBeUndefined();
  });

  it('splits table 四 by its group totals, but leaves an ambiguous table 二 run null', () => {
    const r = interpretReport(doc(['二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470'
      + '申请人情况四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计110024001510102五、存在的主要问题'], 'crawler-text'));
    expect(r.table2.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(r.table2.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
    expect(codes(r, 't2.normativeDocuments')).toEqual(['table2.split-ambiguous']);
    expect(r.table4.litigationDirect).toEqual({ upheld: 4, corrected: 0, other: 0, pending: 1, total: 5 });
    expect(codes(r, 't4')).toEqual(['table4.split-inferred']);
  });

  it('never throws on a document that is not a report: nulls and warnings', () => {
    const r = interpretReport(doc(['今天天气很好。', ['a', 'b'], '1 2 3 4 5 6 7', ['—', '/', '']]));
    expect(r.agency).toBeNull();
    expect(r.table3.rows).toEqual({});
    expect((r.warnings ?? []).map((w) => w.code)).toEqual(expect.arrayContaining(['table3.not-found', 'table4.not-found', 'report.agency-not-found']));
  });

  it('stays fast on long runs of digits in every row (bounded search: twice the digits, about twice the time)', async () => {
    const crawl = (n: number) => {
      const digits = '1234567890'.repeat(n);
      const rows = ['本年新收', '上年结转', '(一)予以公开', '(二)部分公开', '1.属于国家秘密', '(七)总计', '四、结转下年度继续办理'].map((l) => l + digits).join('');
      return interpretReport(doc([`申请人情况${rows}四、政府信息公开行政复议行政诉讼结果维持${digits}${digits}`], 'crawler-text'));
    };
    expect(crawl(7).table3.rows.newReceived).toEqual([null, null, null, null, null, null, null]);
    await expectLinearGrowth('digit runs', crawl, 7);
  });

  it('stays fast and keeps its warnings short on a large damaged document', async () => {
    const damaged = (n: number) => {
      const lines: Line[] = [];
      for (let i = 0; i < 40; i++) lines.push(...table3());
      for (let i = 0; i < n; i++) lines.push(['1', '2', '3']);
      return interpretReport(doc(lines, 'text'));
    };
    const r = damaged(5000);
    expect((r.warnings ?? []).length).toBeLessThan(100);
    expect(r.table3.rows.newReceived).toEqual(zeros.map(Number));
    await expectLinearGrowth('damaged lines', damaged, 5000);
  });
});
