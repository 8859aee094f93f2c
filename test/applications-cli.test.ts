/**
 * `gongkai applications stats|import`, the contract tools outside the project call (issue 17 §1, §6, §8):
 * the README's example ledger imported (every row through the lifecycle), tables 三/四 of its year as
 * canonical JSON (the same as the API's), a ledger with one bad row refused whole with the row named,
 * the same ledger twice refused, an XLSX ledger with Chinese headings, bad options named.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statistics } from '../src/applications/service.ts';
import type { Agency } from '../src/platform/accounts/store.ts';
import type { Services } from '../src/platform/services.ts';
import { addAgency } from './support/accounts.ts';
import { runCli } from './support/cli.ts';
import { createTestServices } from './support/services.ts';
import { testDir } from './support/temp-dir.ts';

let services: Services;
let agency: Agency;
const EXAMPLE = join(import.meta.dirname, '..', 'docs', 'examples', 'ledger.jsonl');

const gongkai = (argv: readonly string[]) =>
  runCli(argv, '', { openServices: async () => ({ ...services, close: async () => undefined }), actor: () => 'tester' });

const count = async (agencyId: number) =>
  (await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications WHERE agency_id = $1', [agencyId])).rows[0]!.n;

/** The one JSON line a command printed. */
function jsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

beforeAll(async () => {
  services = await createTestServices();
  agency = await addAgency(services, '台账测试县自然资源局');
}, 60_000);
afterAll(async () => services.close());

describe('gongkai applications import', () => {
  it('imports the README\'s example ledger: every row, through the lifecycle, with its tracking code', async () => {
    const run = await gongkai(['applications', 'import', EXAMPLE, '--agency', agency.name, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = jsonLine(run.stdout) as { agencyId: number; imported: number; applications: { line: number; id: number; trackingCode: string }[] };
    expect(out).toMatchObject({ agencyId: agency.id, imported: 7 });
    expect(out.applications.map((a) => a.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out.applications.every((a) => /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/.test(a.trackingCode))).toBe(true);
    const { rows } = await services.db.query<{ status: string; outcome: string | null; ledger_ref: string; cipher: boolean }>(
      'SELECT status, outcome, ledger_ref, id_number_cipher IS NOT NULL AS cipher FROM applications WHERE agency_id = $1 ORDER BY id', [agency.id]);
    expect(rows.map((r) => [r.ledger_ref, r.status, r.outcome])).toEqual([
      ['2023-001', 'replied', 'granted'], ['2023-002', 'replied', 'partiallyGranted'], ['2023-003', 'replied', 'denied.thirdPartyRights'],
      ['2023-004', 'withdrawn', 'otherDisposal.other'], ['2023-005', 'replied', 'otherDisposal.noCorrection'], ['2023-006', 'replied', 'otherDisposal.unpaidFee'],
      ['2023-007', 'processing', null],
    ]);
    expect(rows.map((r) => r.cipher)).toEqual([true, true, true, false, true, true, true]);
    const audit = await services.db.query('SELECT actor, details FROM audit_log WHERE action = $1 AND agency_id = $2', ['application.import', agency.id]);
    expect(audit.rows).toEqual([expect.objectContaining({ actor: 'cli:tester', details: expect.objectContaining({ rows: 7 }) })]);
  });

  it('the same ledger again: refused, each row named (登记编号 already imported), nothing stored', async () => {
    const before = await count(agency.id);
    const run = await gongkai(['applications', 'import', EXAMPLE, '--agency', agency.name]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('台账中有 7 行不能导入，什么也没有保存');
    expect(run.stderr).toContain('第 1 行（ref）：登记编号：“2023-001”已经导入过');
    expect(await count(agency.id)).toBe(before);
  });

  it('a ledger with one bad row stores nothing and names the row and the reason (exit 2)', async () => {
    const dir = await testDir('applications-cli');
    const other = await addAgency(services, '台账测试县林业和草原局');
    const lines = (await readFile(EXAMPLE, 'utf8')).trimEnd().split('\n');
    const bad = JSON.parse(lines[2]!) as Record<string, unknown>;
    // The reply before the third party answered: the lifecycle refuses it.
    bad['events'] = [{ type: 'confirm', date: '2023-05-05' }, { type: 'thirdPartySent', date: '2023-05-10' }, { type: 'replied', date: '2023-05-20', outcome: 'granted' }];
    lines[2] = JSON.stringify(bad);
    const file = join(dir, 'one-bad-row.jsonl');
    await writeFile(file, ['', ...lines].join('\n'));
    const text = await gongkai(['applications', 'import', file, '--agency', other.name]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/第 4 行（events\[2\]）：办理过程第 3 项（答复，2023-05-20）：正在征求第三方意见/);
    const json = await gongkai(['applications', 'import', file, '--agency', other.name, '--json']);
    expect(json.code).toBe(2);
    const error = (jsonLine(json.stdout) as { error: { field: string; message: string; details: { line: number; field: string; message: string }[] } }).error;
    expect(error.field).toBe('FILE');
    expect(error.message).toMatch(/^台账中有 1 行不能导入，什么也没有保存（共 7 行）：第 4 行：/);
    expect(error.details).toEqual([{ line: 4, field: 'events[2]', message: expect.stringContaining('正在征求第三方意见') }]);
    expect(await count(other.id)).toBe(0);

    const broken = join(dir, 'broken.jsonl');
    await writeFile(broken, `${lines[0]}\n{"ref": \n${JSON.stringify({ ...JSON.parse(lines[1]!) as object, submitted: '2023-02-30', ref: 'X' })}\n`);
    const problems = (jsonLine((await gongkai(['applications', 'import', broken, '--agency', other.name, '--json'])).stdout) as { error: { details: { line: number; field: string | null }[] } }).error.details;
    expect(problems.map((p) => [p.line, p.field])).toEqual([[2, null], [3, 'submitted']]);
    expect(await count(other.id)).toBe(0);
  });

  it('reads an XLSX ledger: Chinese headings, dates as dates, steps as JSON; the sheet row named on refusal', async () => {
    const dir = await testDir('applications-cli');
    const xlsxAgency = await addAgency(services, '台账测试县水利局');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记台账');
    sheet.addRow(['登记编号', '申请人类型', '申请人姓名或名称', '联系电话', '所需政府信息的描述', '提供形式', '获取方式', '提交渠道', '提交日期', '收到申请之日', '答复日期', '办理结果', '办理过程（events）']);
    sheet.addRow(['X-1', '自然人', '孙七', 13600001111, '本县 2023 年水库除险加固资金安排', '电子', '自行领取', '当面', new Date(Date.UTC(2023, 2, 1)), null, new Date(Date.UTC(2023, 2, 10)), '予以公开', null]);
    sheet.addRow(['X-2', '社会公益组织', '某环保协会', '0418-1112222', '某河段 2023 年水质监测数据', 'electronic', 'pickup', '邮寄', '2023-04-03', '2023-04-06', null, null,
      JSON.stringify([{ type: 'correctionRequested', date: '2023-04-10' }, { type: 'corrected', date: '2023-04-12' }, { type: 'replied', date: '2023-05-05', outcome: 'unableToProvide.notHeld' }])]);
    const good = join(dir, 'ledger.xlsx');
    await workbook.xlsx.writeFile(good);
    const run = await gongkai(['applications', 'import', good, '--agency', xlsxAgency.name, '--json']);
    expect(run.code, run.stdout).toBe(0);
    expect(jsonLine(run.stdout)).toMatchObject({ imported: 2, applications: [{ line: 2 }, { line: 3 }] });
    const report = await statistics(services, xlsxAgency.id, 2023);
    expect(report.table3.rows.granted[6]).toBe(1);
    expect(report.table3.rows['unableToProvide.notHeld'][6]).toBe(1);
    expect(report.table3.rows.newReceived).toEqual([1, 0, 0, 1, 0, 0, 2]);

    sheet.addRow(['X-3', '自然人', '周八', '13600002222', '某文件', '纸质', '自行领取', '当面', '2023-06-01', null, '2023-05-01', 'granted', null]);
    const bad = join(dir, 'bad-ledger.xlsx');
    await workbook.xlsx.writeFile(bad);
    const refused = await gongkai(['applications', 'import', bad, '--agency', '台账测试县水利局']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('第 2 行（ref）：登记编号：“X-1”已经导入过');
    expect(refused.stderr).toMatch(/第 4 行（events\[0\]）：办理过程第 1 项（答复，2023-05-01）：日期 2023-05-01 早于本申请上一步的日期 2023-06-01/);

    const unknownColumn = new ExcelJS.Workbook();
    unknownColumn.addWorksheet('表').addRow(['申请人类型', '备注']);
    const odd = join(dir, 'odd.xlsx');
    await unknownColumn.xlsx.writeFile(odd);
    const oddRun = await gongkai(['applications', 'import', odd, '--agency', xlsxAgency.name, '--json']);
    expect(oddRun.code).toBe(2);
    expect(jsonLine(oddRun.stdout)).toMatchObject({ error: { field: 'FILE', message: expect.stringContaining('不认识的列 “备注”') } });
    const notXlsx = join(dir, 'not.xlsx');
    await writeFile(notXlsx, 'not a workbook');
    expect((await gongkai(['applications', 'import', notXlsx, '--agency', xlsxAgency.name])).stderr).toContain('不是 XLSX 文件');
  });

  it('names what is wrong with the command: an unknown agency, a file of another kind', async () => {
    const unknown = await gongkai(['applications', 'import', EXAMPLE, '--agency', '没有这个局', '--json']);
    expect(unknown.code).toBe(2);
    expect(jsonLine(unknown.stdout)).toMatchObject({ error: { field: '--agency', message: expect.stringContaining('没有名为“没有这个局”的机关') } });
    const csv = await gongkai(['applications', 'import', join(tmpdir(), 'ledger.csv'), '--agency', agency.name, '--json']);
    expect(jsonLine(csv.stdout)).toMatchObject({ error: { field: 'FILE', message: expect.stringContaining('.jsonl') } });
  });
});

describe('gongkai applications stats', () => {
  it('--json prints the canonical report of the year: the example ledger\'s tables 三 and 四, as the API gives them', async () => {
    const run = await gongkai(['applications', 'stats', '--agency', agency.name, '--year', '2023', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = jsonLine(run.stdout) as { table3: { columns: string[]; rows: Record<string, number[]> }; table4: Record<string, Record<string, number>> };
    expect(report).toEqual(JSON.parse(JSON.stringify(await statistics(services, agency.id, 2023))));
    expect(report).toMatchObject({ agency: agency.name, year: 2023, format: '2021', agencyKind: 'department' });
    const rows = report.table3.rows;
    expect(rows['newReceived']).toEqual([4, 1, 1, 0, 1, 0, 7]);
    expect(rows['carriedOver']![6]).toBe(0);
    expect(rows['totalProcessed']![6]).toBe(6);
    expect(rows['carriedForward']).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect([rows['granted']![6], rows['partiallyGranted']![6], rows['denied.thirdPartyRights']![6], rows['otherDisposal.other']![6], rows['otherDisposal.noCorrection']![6], rows['otherDisposal.unpaidFee']![6]]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(report.table4['reconsideration']).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    const next = jsonLine((await gongkai(['applications', 'stats', '--agency', agency.name, '--year', '2024', '--json'])).stdout) as typeof report;
    expect(next.table3.rows['carriedOver']).toEqual(rows['carriedForward']);
  });

  it('without --json, the tables in words; a bad year or agency is named (exit 2)', async () => {
    const run = await gongkai(['applications', 'stats', '--agency', agency.name, '--year', '2023']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('一、本年新收政府信息公开申请数量：4  1  1  0  1  0  7');
    expect(run.stdout).toContain('行政复议：1  0  0  0  1');
    const year = await gongkai(['applications', 'stats', '--agency', agency.name, '--year', '23', '--json']);
    expect(year.code).toBe(2);
    expect(jsonLine(year.stdout)).toMatchObject({ error: { field: '--year' } });
    const missing = await gongkai(['applications', 'stats', '--year', '2023', '--json']);
    expect(missing.code).toBe(2);
    expect(jsonLine(missing.stdout)).toMatchObject({ error: { field: '--agency' } });
  });
});
