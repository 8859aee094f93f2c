/**
 * The annual report drafted from a generated year of records (issue 19 §8): three agencies — a county
 * government and two departments under it — each with two years of applications (every outcome and
 * applicant kind, carried over and forward, late replies, fees, appeals of each kind and result) and
 * catalog items (规章 and 行政规范性文件 formed, repealed and in force, 政策解读), stored through the
 * rooms' own imports (test/support/generated-year.ts). For each agency the drafted tables equal a count
 * this test makes from the generated rows themselves; the report passes every rule (its sentences agree
 * with its tables); the government's tables 三/四 are its own plus its departments', cell by cell; and
 * with the year before published, this year's 上年结转 is what that report carried forward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_KINDS } from '../src/law/applicant-kinds.ts';
import type { IsoDate } from '../src/law/dates.ts';
import { OUTCOME_CODES } from '../src/law/outcomes.ts';
import type { Agency } from '../src/platform/accounts/store.ts';
import type { Services } from '../src/platform/services.ts';
import { validateReport, type AnnualReport, type Finding } from '../src/report/index.ts';
import { draftNow, takeStep } from '../src/supervision/workspace-service.ts';
import { addAgency, OPERATOR } from './support/accounts.ts';
import {
  APPEAL_KINDS, APPEAL_RESULTS, generateYear, loadGeneratedYear, type GeneratedAgencyRecords, type GeneratedCase, type GeneratedItem,
} from './support/generated-year.ts';
import { createTestServices } from './support/services.ts';

const YEAR = 2024;
const TODAY = '2025-02-15' as IsoDate;
const TOTAL = APPLICANT_KINDS.length;

let services: Services;
let agencies: Agency[];
let records: GeneratedAgencyRecords[];
let drafts: Awaited<ReturnType<typeof draftNow>>[];

// ---------- The independent count: the template's definitions applied to the generated rows ----------

const inYear = (d: string | null, year: number) => d !== null && d >= `${year}-01-01` && d <= `${year}-12-31`;

/** Table 三 of the cases: row → the six applicant kinds, then 总计. */
function table3Of(cases: readonly GeneratedCase[], year: number): Record<string, number[]> {
  const rows = ['newReceived', 'carriedOver', ...OUTCOME_CODES, 'totalProcessed', 'carriedForward'];
  const table: Record<string, number[]> = Object.fromEntries(rows.map((r) => [r, Array<number>(TOTAL + 1).fill(0)]));
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  for (const c of cases) {
    if (c.receivedOn === null) continue;
    const add = (row: string) => {
      table[row]![APPLICANT_KINDS.indexOf(c.applicantKind)]! += 1;
      table[row]![TOTAL]! += 1;
    };
    if (inYear(c.receivedOn, year)) add('newReceived');
    if (c.receivedOn < start && (c.closedOn === null || c.closedOn >= start)) add('carriedOver');
    if (c.closedOn !== null && inYear(c.closedOn, year)) {
      add(c.outcome!);
      add('totalProcessed');
    }
    if (c.receivedOn <= end && (c.closedOn === null || c.closedOn > end)) add('carriedForward');
  }
  return table;
}

/** Table 四: an appeal decided in the year in its result's column, one undecided at the year's end as 尚未审结. */
function table4Of(cases: readonly GeneratedCase[], year: number): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = Object.fromEntries(APPEAL_KINDS.map((k) => [k, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }]));
  for (const a of cases.flatMap((c) => c.appeals)) {
    if (a.filedOn > `${year}-12-31`) continue;
    const column = a.decidedOn !== undefined && inYear(a.decidedOn, year) ? a.result! : a.decidedOn === undefined || a.decidedOn > `${year}-12-31` ? 'pending' : null;
    if (column === null) continue;
    table[a.kind]![column]! += 1;
    table[a.kind]!['total']! += 1;
  }
  return table;
}

/** Table 二: the published 规章/行政规范性文件 formed, repealed and in force; the entered figures. */
function table2Of(r: GeneratedAgencyRecords, year: number) {
  const end = `${year}-12-31`;
  const row = (genre: GeneratedItem['genre']) => {
    const items = r.items.filter((i) => i.genre === genre && i.publishedOn !== null);
    return {
      issued: items.filter((i) => inYear(i.formedOn, year)).length,
      repealed: items.filter((i) => i.validity === 'repealed' && inYear(i.validityChangedOn, year)).length,
      inForce: items.filter((i) => i.formedOn <= end && (i.validity === 'valid' || i.validityChangedOn! > end)).length,
    };
  };
  const f = r.figures[year]!;
  return {
    regulations: row('规章'), normativeDocuments: row('行政规范性文件'),
    licensing: { decisions: f.licensing }, punishment: { decisions: f.punishment }, enforcement: { decisions: f.enforcement },
    fees: { amountWan: f.feesFen / 1_000_000 },
  };
}

/** The facts the sentences quote. */
function sentenceFacts(cases: readonly GeneratedCase[], items: readonly GeneratedItem[], year: number) {
  const paid = cases.filter((c) => c.fee !== null && inYear(c.fee.paidOn, year));
  return {
    late: cases.filter((c) => c.late && inYear(c.closedOn, year)).length,
    feeCases: paid.length,
    feeFen: paid.reduce((n, c) => n + c.fee!.amountFen, 0),
    published: items.filter((i) => inYear(i.publishedOn, year)).length,
    interpretations: items.filter((i) => i.genre === '政策解读' && inYear(i.publishedOn, year)).length,
  };
}

/** What each agency's tables cover: the government its own records and its departments'. */
const coveredBy = (k: number): GeneratedAgencyRecords[] => (k === 0 ? records : [records[k]!]);
const casesOf = (k: number) => coveredBy(k).flatMap((r) => r.cases);
const itemsOf = (k: number) => coveredBy(k).flatMap((r) => r.items);
const sectionText = (report: AnnualReport, key: string) => report.sections!.find((s) => s.key === key)!.text;
const rulesOf = (findings: readonly Finding[]) => findings.map((f) => `${f.rule}: ${f.message}`);

beforeAll(async () => {
  services = await createTestServices();
  const government = await addAgency(services, '生成县人民政府', 'government');
  agencies = [government, await addAgency(services, '生成县交通运输局', 'department', government), await addAgency(services, '生成县市场监督管理局', 'department', government)];
  records = generateYear({ seed: 20_240_615, year: YEAR, today: TODAY, agencies: 3, cases: 260, items: 120 });
  await loadGeneratedYear(services, agencies.map((a) => a.id), records, TODAY);
  // The year before, published through the workspace's own steps (the departments reviewed by the government above them).
  for (const a of agencies.slice(1)) {
    for (const step of ['submit', 'accept', 'publish'] as const) await takeStep(services, OPERATOR, a.id, YEAR - 1, '2024-01-20' as IsoDate, { step });
  }
  await takeStep(services, OPERATOR, agencies[0]!.id, YEAR - 1, '2024-03-20' as IsoDate, { step: 'publish' });
  drafts = [];
  for (const a of agencies) drafts.push(await draftNow(services.db, a.id, YEAR, undefined));
}, 240_000);
afterAll(async () => services?.close());

describe('the generated year', () => {
  it('holds every kind of record the report tells apart', () => {
    const all = casesOf(0);
    const t3 = table3Of(all, YEAR);
    for (const outcome of OUTCOME_CODES) expect(t3[outcome]![TOTAL], outcome).toBeGreaterThan(0);
    for (let k = 0; k < TOTAL; k++) expect(t3['newReceived']![k], APPLICANT_KINDS[k]).toBeGreaterThan(0);
    expect(t3['carriedOver']![TOTAL]).toBeGreaterThan(0);
    expect(t3['carriedForward']![TOTAL]).toBeGreaterThan(0);
    expect(all.some((c) => c.receivedOn === null)).toBe(true);
    const t4 = table4Of(all, YEAR);
    for (const kind of APPEAL_KINDS) {
      expect(t4[kind]!['pending'], `${kind} pending`).toBeGreaterThan(0);
      for (const result of APPEAL_RESULTS) expect(t4[kind]![result], `${kind} ${result}`).toBeGreaterThan(0);
    }
    for (let k = 0; k < 3; k++) {
      const facts = sentenceFacts(casesOf(k), itemsOf(k), YEAR);
      expect(facts.late, `late replies of agency ${k}`).toBeGreaterThan(0);
      expect(facts.feeCases).toBeGreaterThan(0);
      expect(facts.interpretations).toBeGreaterThan(0);
      const t2 = table2Of(records[k]!, YEAR);
      for (const row of [t2.regulations, t2.normativeDocuments]) {
        expect(row.issued).toBeGreaterThan(0);
        expect(row.repealed).toBeGreaterThan(0);
        expect(row.inForce).toBeGreaterThan(row.issued);
      }
    }
  });
});

describe('the drafted report of each agency', () => {
  it('has tables 二/三/四 equal to the count made from the generated rows', () => {
    for (let k = 0; k < 3; k++) {
      const { report } = drafts[k]!;
      expect(report.table3.rows, `table 三 of ${agencies[k]!.name}`).toEqual(table3Of(casesOf(k), YEAR));
      expect(report.table4, `table 四 of ${agencies[k]!.name}`).toEqual(table4Of(casesOf(k), YEAR));
      // Table 二 is the agency's own, a government's too.
      expect(report.table2, `table 二 of ${agencies[k]!.name}`).toEqual(table2Of(records[k]!, YEAR));
    }
  });

  it('passes every rule: no error, and the sentences agree with the tables (no TEXT-TABLE, FEE-SECTION, STRUCT)', () => {
    for (const { findings } of drafts) {
      expect(findings.filter((f) => f.severity === 'error'), rulesOf(findings).join('\n')).toEqual([]);
      expect(findings.filter((f) => /^(TEXT-TABLE|FEE-SECTION|STRUCT-)/.test(f.rule)), rulesOf(findings).join('\n')).toEqual([]);
      // With table 二's figures entered and the year before published, nothing at all is found.
      expect(rulesOf(findings)).toEqual([]);
    }
  });

  it("gives the government's tables 三/四 as its own plus its two departments', cell by cell", () => {
    const [government, ...departments] = drafts.map((d) => d.report);
    const own3 = table3Of(records[0]!.cases, YEAR);
    const own4 = table4Of(records[0]!.cases, YEAR);
    for (const [row, cells] of Object.entries(government!.table3.rows)) {
      cells!.forEach((n, c) => expect(n, `t3.${row}[${c}]`).toBe(own3[row]![c]! + departments.reduce((s, d) => s + (d.table3.rows as Record<string, number[]>)[row]![c]!, 0)));
    }
    for (const [group, cells] of Object.entries(government!.table4)) {
      for (const [column, n] of Object.entries(cells!)) {
        expect(n, `t4.${group}.${column}`).toBe(own4[group]![column]! + departments.reduce((s, d) => s + (d.table4[group as keyof typeof d.table4]![column as 'total'] as number), 0));
      }
    }
    expect(sectionText(government!, 'overview')).toContain('本级及所属2个机关');
  });

  it('states the counts of the tables and the records in its sentences', () => {
    for (let k = 0; k < 3; k++) {
      const { report } = drafts[k]!;
      const t3 = table3Of(casesOf(k), YEAR);
      const t4 = table4Of(casesOf(k), YEAR);
      const facts = sentenceFacts(casesOf(k), itemsOf(k), YEAR);
      const overview = sectionText(report, 'overview');
      expect(overview).toContain(`新收政府信息公开申请${t3['newReceived']![TOTAL]}件`);
      expect(overview).toContain(`上年结转${t3['carriedOver']![TOTAL]}件`);
      expect(overview).toContain(`办结${t3['totalProcessed']![TOTAL]}件，结转下年度继续办理${t3['carriedForward']![TOTAL]}件`);
      expect(overview).toContain(`全年主动公开政府信息${facts.published}条`);
      expect(overview).toContain(`其中政策解读${facts.interpretations}条`);
      expect(sectionText(report, 'applications')).toContain(`予以公开${t3['granted']![TOTAL]}件，部分公开${t3['partiallyGranted']![TOTAL]}件`);
      expect(sectionText(report, 'appeals')).toContain(`行政复议案件${t4['reconsideration']!['total']}件、行政诉讼案件${t4['litigationDirect']!['total']! + t4['litigationAfterReconsideration']!['total']!}件`);
      expect(sectionText(report, 'other')).toContain(`收取信息处理费${facts.feeCases}件，共计${(facts.feeFen / 100).toFixed(2)}元`);
    }
  });

  it('never says 均在法定期限内 when a reply was late, and says how many were', () => {
    for (let k = 0; k < 3; k++) {
      const overview = sectionText(drafts[k]!.report, 'overview');
      const { late } = sentenceFacts(casesOf(k), itemsOf(k), YEAR);
      expect(drafts[k]!.facts.applications.repliedLate, `late replies of ${agencies[k]!.name}`).toBe(late);
      expect(overview).not.toContain('均在法定期限内');
      expect(overview).toContain(`其中${late}件超过法定期限答复`);
    }
  });

  it("carries over what the published report of the year before carried forward (X-CARRY), and would say so if it did not", async () => {
    for (const [k, a] of agencies.entries()) {
      const { rows } = await services.db.query<{ canonical: AnnualReport }>(
        `SELECT v.canonical FROM annual_report_versions v JOIN annual_reports r ON r.id = v.report_id WHERE r.agency_id = $1 AND r.year = $2 ORDER BY v.version_no DESC LIMIT 1`,
        [a.id, YEAR - 1]);
      const previous = rows[0]?.canonical;
      expect(previous, `the published ${YEAR - 1} report of ${a.name}`).toBeDefined();
      const { report, findings } = drafts[k]!;
      expect(report.table3.rows['carriedOver']).toEqual(previous!.table3.rows['carriedForward']);
      expect(report.table3.rows['carriedOver']![TOTAL]).toBeGreaterThan(0);
      expect(findings.filter((f) => f.rule === 'X-CARRY')).toEqual([]);
      // The same check against a previous report that carried one case fewer finds the break.
      const changed = structuredClone(previous!);
      changed.table3.rows['carriedForward']![TOTAL] = changed.table3.rows['carriedForward']![TOTAL]! - 1;
      expect(validateReport(report, { previous: changed }).map((f) => f.rule)).toContain('X-CARRY');
    }
  });
});
