/**
 * `gongkai report draft|rollup` on the real database (issue 19 §7): a county government with two
 * departments, each with last year's cases from a ledger. The roll-up's tables 三/四 are the sum of the
 * departments' and the government's own cases, counted here from the ledger rows; the draft is
 * canonical JSON (parseCanonicalReport) with its six sections, the same report the workspace shows
 * (an edited sentence included); an unknown agency or a bad year is named, exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLedger } from '../applications/index.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { todayIn } from '../platform/clock.ts';
import type { Services } from '../platform/services.ts';
import { parseCanonicalReport, SECTION_KEYS, type AnnualReport } from '../report/index.ts';
import { addAgency, OPERATOR } from '../../test/support/accounts.ts';
import { runCli } from '../../test/support/cli.ts';
import { createTestServices } from '../../test/support/services.ts';
import { demoLedger } from './demo.ts';
import { editSentence, workspaceOf } from './workspace-service.ts';

let services: Services;
let government: Agency;
let culture: Agency;
let education: Agency;
const YEAR = Number(todayIn().slice(0, 4)) - 1;
const TODAY = todayIn() as IsoDate;

const gongkai = (argv: readonly string[]) =>
  runCli(argv, '', { openServices: async () => ({ ...services, close: async () => undefined }), actor: () => 'tester' });

/** The ledger rows of each agency: the government's own two, four for each department. */
const ROWS = { government: demoLedger(YEAR).slice(0, 2), culture: demoLedger(YEAR), education: demoLedger(YEAR) };

async function load(agency: Agency, rows: Record<string, unknown>[]) {
  const outcome = await importLedger(services, OPERATOR, agency.id, rows.map((value, i) => ({ line: i + 1, value })));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
}

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '测试县人民政府', 'government');
  culture = await addAgency(services, '测试县文化旅游局', 'department', government);
  education = await addAgency(services, '测试县教育局', 'department', government);
  await load(government, ROWS.government);
  await load(culture, ROWS.culture);
  await load(education, ROWS.education);
}, 60_000);
afterAll(async () => services.close());

const json = (stdout: string) => JSON.parse(stdout) as AnnualReport;
/** Table 三's cell counted from ledger rows (all replied in the year): column 0 自然人, 1 商业企业, 6 总计. */
function cellCount(rows: readonly Record<string, unknown>[], row: string, column: number): number {
  const counted = rows.filter((r) => row === 'newReceived' || row === 'totalProcessed' || r['outcome'] === row);
  if (column === 6) return counted.length;
  const kind = column === 0 ? '自然人' : column === 1 ? '商业企业' : null;
  return counted.filter((r) => (r['applicant'] as { kind: string }).kind === kind).length;
}
const outcomes = (rows: readonly Record<string, unknown>[], outcome: string) => rows.filter((r) => r['outcome'] === outcome).length;

describe('gongkai report rollup', () => {
  it("a government's tables 三/四: its own cases plus every department's, cell by cell", async () => {
    const run = await gongkai(['report', 'rollup', '--agency', government.name, '--year', String(YEAR), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = json(run.stdout);
    const all = [...ROWS.government, ...ROWS.culture, ...ROWS.education];
    expect(report.table3.rows['newReceived']?.[6]).toBe(all.length);
    expect(report.table3.rows['totalProcessed']?.[6]).toBe(all.length);
    expect(report.table3.rows['granted']?.[6]).toBe(outcomes(all, 'granted'));
    expect(report.table3.rows['unableToProvide.notHeld']?.[6]).toBe(outcomes(all, 'unableToProvide.notHeld'));
    // The company's case: column 商业企业 (index 1).
    expect(report.table3.rows['denied.processInformation']?.[1]).toBe(2);
    expect(report.table4['reconsideration']).toEqual({ upheld: 2, corrected: 0, other: 0, pending: 0, total: 2 });

    // Each cell: the departments' own drafts plus the government's own cases, and the count of all the rows.
    const [a, b] = await Promise.all([culture, education].map(async (d) => json((await gongkai(['report', 'draft', '--agency', d.name, '--year', String(YEAR), '--json'])).stdout)));
    const cell = (r: AnnualReport, row: string, i: number) => (r.table3.rows as Record<string, (number | null)[]>)[row]![i]!;
    for (const [row, cells] of Object.entries(report.table3.rows)) {
      cells!.forEach((n, i) => {
        expect(n, `${row}[${i}]`).toBe(cell(a!, row, i) + cell(b!, row, i) + cellCount(ROWS.government, row, i));
        expect(n, `${row}[${i}]`).toBe(cellCount(all, row, i));
      });
    }
  });

  it('without --json: a summary in Chinese', async () => {
    const run = await gongkai(['report', 'rollup', '--agency', government.name, '--year', String(YEAR)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('本级及所属 2 个机关');
    expect(run.stdout).toContain('新收申请 10 件');
  });
});

describe('gongkai report draft', () => {
  it('prints the canonical report the workspace shows: six sections, an edited sentence, valid JSON', async () => {
    const before = (await workspaceOf(services.db, culture.id, YEAR, TODAY)).sentences;
    const first = Object.values(before).flat()[0]!;
    await editSentence(services, OPERATOR, culture.id, YEAR, TODAY, { sentenceId: first.id, text: '本局认真贯彻落实《政府信息公开条例》（测试修改）。' });
    const run = await gongkai(['report', 'draft', '--agency', culture.name, '--year', String(YEAR), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const parsed = parseCanonicalReport(JSON.parse(run.stdout));
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    const report = json(run.stdout);
    expect(report).toMatchObject({ agency: culture.name, year: YEAR, format: '2021' });
    expect(report.sections?.map((s) => s.key)).toEqual([...SECTION_KEYS]);
    expect(report.sections?.map((s) => s.text).join('\n')).toContain('（测试修改）');
    expect(report).toEqual((await workspaceOf(services.db, culture.id, YEAR, TODAY)).report);
    expect(report.table3.rows['newReceived']?.[6]).toBe(ROWS.culture.length);
  });

  it('without --json: the state, the findings by severity and each finding', async () => {
    const run = await gongkai(['report', 'draft', '--agency', education.name, '--year', String(YEAR)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${education.name}${YEAR}年政府信息公开工作年度报告`);
    expect(run.stdout).toMatch(/状态：尚未开始编制/);
    expect(run.stdout).toMatch(/检查发现：错误 \d+ 项，警告 \d+ 项/);
  });

  it('an unknown agency or a bad year: named, exit 2 (JSON under --json)', async () => {
    const unknown = await gongkai(['report', 'draft', '--agency', '不存在的局', '--year', String(YEAR), '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({ error: { field: '--agency', message: expect.stringContaining('不存在的局') } });
    const text = await gongkai(['report', 'rollup', '--agency', '不存在的局', '--year', String(YEAR)]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('没有名为“不存在的局”的机关');
    const badYear = await gongkai(['report', 'draft', '--agency', culture.name, '--year', '25', '--json']);
    expect(badYear.code).toBe(2);
    expect(JSON.parse(badYear.stdout).error.field).toBe('--year');
    const future = await gongkai(['report', 'draft', '--agency', culture.name, '--year', String(YEAR + 5)]);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('--year');
    const missing = await gongkai(['report', 'rollup', '--agency', culture.name, '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.field).toBe('--year');
  });
});
