/**
 * Seeded generators of VALID annual reports for property tests (fast-check Arbitraries), and a
 * single-cell corruption that says which rule must fire at which cell. Deterministic: the same
 * fast-check seed (or `generateValidReport(seed)`) gives the same report; `corruptOneCell` draws
 * only from the `rng` it is given.
 *
 * A valid report: both formats (the format of its year; 2021-format reports sometimes print the
 * single （六）其他处理 row), every table sum consistent, no blank cell, six sections whose narrative
 * states the right counts and says whether 信息处理费 were collected (or no sections: a
 * tables-only document), published within the deadline of 条例第四十九条.
 */
import fc from 'fast-check';
import {
  SECTION_KEYS, SECTION_TITLES, TABLE3_COLUMNS, TABLE3_OUTCOME_ROWS_2021, TABLE4_GROUPS, defaultFormatForYear,
} from '../../../src/report/model.ts';
import type { AnnualReport, Cell, ReportFormat, ReportSection, Table2, Table3RowKey, Table4 } from '../../../src/report/model.ts';
import type { AgencyKind } from '../../../src/law/agency-kinds.ts';
import { annualReportDueDate } from '../../../src/law/annual-report-dates.ts';
import { toChineseNumeral } from './chinese-numerals.ts';

export { toChineseNumeral };

/** A source of random numbers in [0, 1). */
export type Rng = () => number;

/** A deterministic Rng (mulberry32) from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------- agencies ----------

const PLACES = ['淮安市洪泽区', '沭阳县', '阜新市太平区', '苏州市吴江区', '宁波市鄞州区', '成都市武侯区', '大理市', '上海市', '福建省', '平潭综合实验区'] as const;
const DEPARTMENTS = ['发展和改革局', '公安局', '文化旅游和广播电视局', '自然资源和规划局', '卫生健康委员会', '教育局', '市场监督管理局', '住房和城乡建设局'] as const;
const TOWNS = ['高良涧街道', '沭城镇', '老河镇'] as const;

interface Agency {
  name: string;
  kind: AgencyKind;
}

const arbitraryAgency: fc.Arbitrary<Agency> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...DEPARTMENTS)).map(([p, d]): Agency => ({ name: `${p}${d}`, kind: 'department' })) },
  { weight: 2, arbitrary: fc.constantFrom(...PLACES).map((p): Agency => ({ name: p.endsWith('实验区') ? p : `${p}人民政府`, kind: 'government' })) },
  // A town's government is below county level: its report is due by 31 January like an agency's.
  { weight: 1, arbitrary: fc.constantFrom(...TOWNS).map((t): Agency => ({ name: t.endsWith('镇') ? `${t}人民政府` : `${t}办事处`, kind: 'department' })) },
);

// ---------- tables ----------

/** Mostly zeros and small counts, now and then a large one, as in real reports. */
const count = (max: number): fc.Arbitrary<number> => fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: Math.min(9, max) }) },
  { weight: 1, arbitrary: fc.integer({ min: Math.min(10, max), max }) },
);

interface ColumnRecipe {
  outcomes: number[]; // 21 values, 2021 order
  carriedForward: number;
  carriedOverShare: number;
}

const arbitraryColumn = (busy: boolean): fc.Arbitrary<ColumnRecipe> => fc.record({
  outcomes: fc.array(busy ? count(120) : count(3), { minLength: 21, maxLength: 21 }),
  carriedForward: busy ? count(20) : count(2),
  carriedOverShare: fc.integer({ min: 0, max: 100 }),
});

function buildTable3(columns: ColumnRecipe[], format: ReportFormat, singleOtherRow: boolean): AnnualReport['table3'] {
  const rows: Partial<Record<Table3RowKey, Cell[]>> = {};
  const outcomeRows: Table3RowKey[] = format === '2021' && !singleOtherRow ? [...TABLE3_OUTCOME_ROWS_2021] : [...TABLE3_OUTCOME_ROWS_2021.slice(0, 18), 'otherDisposal'];
  const perColumn = columns.map((col) => {
    const outcomes = outcomeRows.length === 21 ? col.outcomes : [...col.outcomes.slice(0, 18), (col.outcomes[18] ?? 0) + (col.outcomes[19] ?? 0) + (col.outcomes[20] ?? 0)];
    const processed = outcomes.reduce((a, b) => a + b, 0);
    const carriedOver = Math.floor(((processed + col.carriedForward) * col.carriedOverShare) / 100 / 3);
    return { outcomes, processed, carriedOver, carriedForward: col.carriedForward, received: processed + col.carriedForward - carriedOver };
  });
  const withTotal = (values: number[]): Cell[] => [...values, values.reduce((a, b) => a + b, 0)];
  rows.newReceived = withTotal(perColumn.map((c) => c.received));
  rows.carriedOver = withTotal(perColumn.map((c) => c.carriedOver));
  outcomeRows.forEach((row, i) => { rows[row] = withTotal(perColumn.map((c) => c.outcomes[i] as number)); });
  rows.totalProcessed = withTotal(perColumn.map((c) => c.processed));
  rows.carriedForward = withTotal(perColumn.map((c) => c.carriedForward));
  return { columns: [...TABLE3_COLUMNS], rows };
}

const arbitraryTable4: fc.Arbitrary<Table4> = fc.tuple(...TABLE4_GROUPS.map(() => fc.array(count(15), { minLength: 4, maxLength: 4 })))
  .map((groups) => {
    const table4: Table4 = {};
    TABLE4_GROUPS.forEach((group, i) => {
      const [upheld, corrected, other, pending] = groups[i] as [number, number, number, number];
      table4[group] = { upheld, corrected, other, pending, total: upheld + corrected + other + pending };
    });
    return table4;
  });

const arbitraryTable2 = (format: ReportFormat): fc.Arbitrary<Table2> => format === '2021'
  ? fc.record({
    regulations: fc.record({ issued: count(5), repealed: count(5), inForce: count(60) }),
    normativeDocuments: fc.record({ issued: count(80), repealed: count(40), inForce: count(500) }),
    licensing: fc.record({ decisions: count(9000) }),
    punishment: fc.record({ decisions: count(3000) }),
    enforcement: fc.record({ decisions: count(100) }),
    fees: fc.record({ amountWan: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100)) }),
  })
  : fc.record({
    regulations: fc.record({ made: count(20), published: count(20), totalPublic: count(600) }),
    normativeDocuments: fc.record({ made: count(80), published: count(80), totalPublic: count(500) }),
    licensing: fc.record({ itemsLastYear: count(100), itemsChange: fc.integer({ min: -10, max: 10 }), decisions: count(9000) }),
    otherServices: fc.record({ itemsLastYear: count(100), itemsChange: fc.integer({ min: -10, max: 10 }), decisions: count(500) }),
    punishment: fc.record({ itemsLastYear: count(100), itemsChange: fc.integer({ min: -10, max: 10 }), decisions: count(3000) }),
    enforcement: fc.record({ itemsLastYear: count(20), itemsChange: fc.integer({ min: -5, max: 5 }), decisions: count(100) }),
    fees: fc.record({ itemsLastYear: count(20), itemsChange: fc.integer({ min: -5, max: 5 }) }),
    procurement: fc.record({
      projects: count(30),
      amountText: fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.boolean()).map(([n, wan]) => (wan ? `${(n / 10000).toFixed(4)}万元` : `${n}元`)),
    }),
  });

// ---------- narrative ----------

interface NarrativeRecipe {
  chineseNumerals: boolean;
  feeCollected: boolean;
  feeYuan: number;
}

function narrative(report: AnnualReport, agency: string, recipe: NarrativeRecipe): ReportSection[] {
  const n = (value: number): string => (recipe.chineseNumerals ? toChineseNumeral(value) : String(value));
  const received = report.table3.rows.newReceived?.[6] ?? 0;
  const t4 = report.table4;
  const reconsiderations = t4.reconsideration?.total ?? 0;
  const lawsuits = (t4.litigationDirect?.total ?? 0) + (t4.litigationAfterReconsideration?.total ?? 0);
  const year = report.year ?? 2023;
  const text: Record<(typeof SECTION_KEYS)[number], string> = {
    overview: `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。`
      + `（一）主动公开。及时公开各类政府信息。（二）依申请公开。全年共收到政府信息公开申请${n(received)}件，均在法定期限内答复。`
      + '（三）政府信息管理。严格落实保密审查。（四）平台建设。持续优化门户网站。（五）监督保障。加强考核评议。',
    proactive: '主动公开政府信息情况见下表。',
    applications: '收到和处理政府信息公开申请情况见下表。',
    appeals: reconsiderations === 0 && lawsuits === 0
      ? '本年度未发生因政府信息公开引起的行政复议、行政诉讼。'
      : `本年度因政府信息公开被申请行政复议${n(reconsiderations)}件；提起行政诉讼${n(lawsuits)}件。`,
    problems: '存在的主要问题：公开内容的深度还不够。改进措施：加强业务培训，提升公开质量。',
    other: recipe.feeCollected
      ? `本年度共收取信息处理费${recipe.feeYuan}元。`
      : '本年度未收取信息处理费。无其他需要报告的事项。',
  };
  return SECTION_KEYS.map((key) => ({ key, title: SECTION_TITLES[key], text: text[key] }));
}

// ---------- the report ----------

/** Options of `arbitraryValidReport`. */
export interface ValidReportOptions {
  /** Only this template generation (years follow it: 2019–2020 or 2021–2030). */
  format?: ReportFormat;
  /** Always (true) or never (false) include sections; random by default. */
  withSections?: boolean;
}

/** The date `offset` days after 1 January of `year` (offset small enough to stay in Q1). */
function dayOfYear(year: number, offset: number): string {
  const months = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31];
  let month = 0;
  let day = offset;
  while (month < months.length - 1 && day >= (months[month] as number)) {
    day -= months[month] as number;
    month++;
  }
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day + 1).padStart(2, '0')}`;
}

/** Arbitrary valid reports (no error finding; see the module comment). */
export function arbitraryValidReport(options: ValidReportOptions = {}): fc.Arbitrary<AnnualReport> {
  const years = options.format === '2019' ? { min: 2019, max: 2020 } : options.format === '2021' ? { min: 2021, max: 2030 } : { min: 2019, max: 2030 };
  return fc.integer(years).chain((year) => {
    const format = defaultFormatForYear(year);
    return fc.record({
      year: fc.constant(year),
      format: fc.constant(format),
      agency: arbitraryAgency,
      statesKind: fc.boolean(),
      publishedOffset: fc.option(fc.integer({ min: 0, max: 89 }), { nil: undefined }),
      // 自然人 carries most applications; the five 法人或其他组织 columns are mostly small or zero.
      columns: fc.tuple(arbitraryColumn(true), ...Array.from({ length: 5 }, () => arbitraryColumn(false))),
      singleOtherRow: format === '2021' ? fc.boolean() : fc.constant(true),
      table2: arbitraryTable2(format),
      table4: arbitraryTable4,
      sections: options.withSections === undefined ? fc.boolean() : fc.constant(options.withSections),
      narrative: fc.record({ chineseNumerals: fc.boolean(), feeCollected: fc.boolean(), feeYuan: fc.integer({ min: 1, max: 5000 }) }),
    });
  }).map((r) => {
    const report: AnnualReport = {
      agency: r.agency.name,
      year: r.year,
      format: r.format,
      table2: r.table2,
      table3: buildTable3(r.columns, r.format, r.singleOtherRow),
      table4: r.table4,
    };
    if (r.statesKind) report.agencyKind = r.agency.kind;
    if (r.publishedOffset !== undefined) {
      // Within the deadline of the kind the rules will use (the stated kind, or the one inferred from the name).
      const deadline = annualReportDueDate(r.year, r.agency.kind);
      const date = dayOfYear(r.year + 1, r.publishedOffset);
      report.publishedOn = date <= deadline ? date : deadline;
    }
    if (r.sections) report.sections = narrative(report, r.agency.name, r.narrative);
    return report;
  });
}

/** One valid report from a seed (the same seed, the same report). */
export function generateValidReport(seed: number, options: ValidReportOptions = {}): AnnualReport {
  return fc.sample(arbitraryValidReport(options), { seed, numRuns: 1 })[0] as AnnualReport;
}

export { arbitraryCorruption, corruptOneCell } from './corrupt.ts';
export type { Corruption } from './corrupt.ts';
