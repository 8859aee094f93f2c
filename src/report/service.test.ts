import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson } from '../../test/support/accounts.ts';
import { canonicalReport, corpusFile } from '../../test/support/fixtures.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Actor } from '../platform/audit/audit-log.ts';
import type { Services } from '../platform/services.ts';
import { checkAndStoreFiles, purgeExpiredChecks, seedDemoReport, SEED_REPORT_URL, type Keeping } from './service.ts';

let services: Services;
let db: Services['db'];
const logger = pino({ level: 'silent' });
const file = (name: string, content: unknown) => ({ name, bytes: new TextEncoder().encode(typeof content === 'string' ? content : JSON.stringify(content)) });
const CLI: Actor = { kind: 'cli', user: 'test' };
const ANONYMOUS: Actor = { kind: 'anonymous' };
let agencyA: Keeping;
let agencyB: Keeping;
/** An agency of its own for a test (a report's previous year is its agency's, whatever the file's name says). */
const freshAgency = async (name: string): Promise<Keeping> => ({ kind: 'agency', agencyId: (await addAgency(services, name)).id });

beforeAll(async () => {
  services = await createTestServices();
  db = services.db;
  agencyA = { kind: 'agency', agencyId: (await addAgency(services, '服务测试甲机关')).id };
  agencyB = { kind: 'agency', agencyId: (await addAgency(services, '服务测试乙机关')).id };
});
afterAll(async () => {
  await services.close();
});

const stored = async (agency: string) => (await db.query<{ id: number; year: number }>(
  'SELECT id, year FROM checked_reports WHERE agency = $1 ORDER BY id', [agency])).rows;

describe('the demo report', () => {
  it('is stored only for the agency it names, once, and not at all without that agency', async () => {
    expect(await seedDemoReport(db, logger)).toBeUndefined();
    expect(await stored('阜新市太平区文化旅游和广播电视局')).toEqual([]);
    const demo = await addAgency(services, '阜新市太平区文化旅游和广播电视局');
    const first = await seedDemoReport(db, logger);
    expect(first).toMatchObject({ ok: true, agency: '阜新市太平区文化旅游和广播电视局', year: 2023, agencyId: demo.id, expiresAt: null });
    expect(first?.ok && first.ref).toBe(String(first?.ok && first.reportId));
    expect(await seedDemoReport(db, logger)).toBeUndefined();
    const audit = await db.query("SELECT actor, action, agency_id FROM audit_log WHERE action LIKE 'report.%'");
    expect(audit.rows).toEqual([{ actor: 'system', action: 'report.store', agency_id: demo.id }]);
  });

  it('comes from inside the project (a clone has no ../shared/), with its tables and sections', async () => {
    const project = path.resolve(import.meta.dirname, '../..');
    expect(path.relative(project, SEED_REPORT_URL.pathname).startsWith('..')).toBe(false);
    const [row] = (await db.query<{ canonical: { table2: { licensing: { decisions: number } }; sections: unknown[] } }>(
      "SELECT canonical FROM checked_reports WHERE agency = '阜新市太平区文化旅游和广播电视局'")).rows;
    expect(row?.canonical.table2.licensing.decisions).toBe(71);
    expect(row?.canonical.sections).toHaveLength(6);
  });
});

describe('checker service', () => {
  it('checks each file independently and records the upload with every outcome, its actor and person', async () => {
    const person = (await addPerson(services, 'service-tester', [])).id;
    const outcome = await checkAndStoreFiles(db, {
      actor: { kind: 'person', personId: person, username: 'service-tester' }, keeping: agencyA, ip: '192.0.2.7',
      files: [file('a.json', canonicalReport('服务测试局', 2023)), file('b.pdf', 'not a pdf'), file('c.json', '{"agency": 1')],
    }, logger);
    expect(outcome.results.map((r) => [r.fileName, r.ok])).toEqual([['a.json', true], ['b.pdf', false], ['c.json', false]]);
    const failed = outcome.results[2];
    expect(failed?.ok === false && failed.error.code).toBe('report.unreadable');
    const upload = await db.query('SELECT actor, person_id, jsonb_array_length(results) AS n FROM report_uploads WHERE id = $1', [outcome.uploadId]);
    expect(upload.rows).toEqual([{ actor: 'person:service-tester', person_id: person, n: 3 }]);
    const id = outcome.results[0]?.ok ? outcome.results[0].reportId : -1;
    const row = await db.query('SELECT agency_id, stored_by, access_key, expires_at FROM checked_reports WHERE id = $1', [id]);
    expect(row.rows).toEqual([{ agency_id: agencyA.kind === 'agency' && agencyA.agencyId, stored_by: person, access_key: null, expires_at: null }]);
    const audit = await db.query('SELECT actor, person_id, agency_id, ip, action FROM audit_log WHERE subject = $1', [`checked_report:${id}`]);
    expect(audit.rows).toEqual([{ actor: 'person:service-tester', person_id: person, agency_id: row.rows[0].agency_id, ip: '192.0.2.7', action: 'report.store' }]);
  });

  it('keeps an anonymous check under a random 32-hex key for 24 hours, owned by no agency', async () => {
    const outcome = await checkAndStoreFiles(db, { actor: ANONYMOUS, ip: '198.51.100.1', files: [file('anon.json', canonicalReport('匿名检查服务局', 2023))] }, logger);
    const result = outcome.results[0];
    expect(result).toMatchObject({ ok: true, agencyId: null, ref: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const row = (await db.query('SELECT agency_id, stored_by, access_key, expires_at - now() AS keep FROM checked_reports WHERE id = $1', [result?.ok && result.reportId])).rows[0];
    expect(row).toMatchObject({ agency_id: null, stored_by: null, access_key: result?.ok && result.ref });
    expect(row.keep.hours * 60 + (row.keep.minutes ?? 0)).toBeGreaterThanOrEqual(23 * 60 + 59);
    expect(result?.ok && new Date(result.expiresAt!).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const audit = await db.query('SELECT actor, agency_id, ip, action FROM audit_log WHERE subject = $1', [`checked_report:${result?.ok && result.reportId}`]);
    expect(audit.rows).toEqual([{ actor: 'anonymous', agency_id: null, ip: '198.51.100.1', action: 'report.check' }]);
    const upload = await db.query('SELECT actor, person_id FROM report_uploads WHERE id = $1', [outcome.uploadId]);
    expect(upload.rows).toEqual([{ actor: 'anonymous', person_id: null }]);
  });

  it('ignores an uploaded "previous" report that is not of the year before, and uses the agency\'s stored one instead', async () => {
    const keeping = await freshAgency('服务测试丙机关');
    await checkAndStoreFiles(db, {
      actor: CLI, keeping, files: [file('2022.json', canonicalReport('服务测试乙局', 2022, (r) => { r.table3.rows.carriedForward = [5, 0, 0, 0, 0, 0, 5]; }))],
    }, logger);
    const outcome = await checkAndStoreFiles(db, {
      actor: CLI, keeping,
      files: [file('2023.json', canonicalReport('服务测试乙局', 2023))],
      previous: file('2020.json', canonicalReport('服务测试乙局', 2020)),
    }, logger);
    const current = outcome.results.find((r) => r.role === 'report');
    expect(current?.ok && current.errorCount).toBeGreaterThan(0); // X-CARRY against the stored 2022
    const stored2022 = await db.query("SELECT id FROM checked_reports WHERE agency = '服务测试乙局' AND year = 2022");
    expect(current?.ok && current.previousReportId).toBe(stored2022.rows[0].id);
    // The 2020 file says why it was not used, and is not stored as a report of its own.
    expect(outcome.results[0]).toMatchObject({ ok: false, role: 'previous', error: { code: 'report.previous_not_used', message: expect.stringContaining('它是服务测试乙局2020年度的报告') } });
    expect((await db.query("SELECT year FROM checked_reports WHERE agency = '服务测试乙局' ORDER BY year")).rows).toEqual([{ year: 2022 }, { year: 2023 }]);
  });

  it('never takes another agency\'s stored report as the previous year, even under the same name', async () => {
    const previous = canonicalReport('同名测试局', 2022, (r) => { r.table3.rows.carriedForward = [7, 0, 0, 0, 0, 0, 7]; });
    await checkAndStoreFiles(db, { actor: CLI, keeping: agencyB, files: [file('b-2022.json', previous)] }, logger);
    const outcome = await checkAndStoreFiles(db, { actor: CLI, keeping: await freshAgency('同名测试甲机关'), files: [file('a-2023.json', canonicalReport('同名测试局', 2023))] }, logger);
    expect(outcome.results[0]).toMatchObject({ ok: true, previousReportId: null, errorCount: 0 });
  });

  it('an anonymous check never uses a stored report of the year before, only the file uploaded with it', async () => {
    const keeping = await freshAgency('匿名上年测试机关');
    const previous = canonicalReport('匿名上年测试局', 2022, (r) => { r.table3.rows.carriedForward = [3, 0, 0, 0, 0, 0, 3]; });
    await checkAndStoreFiles(db, { actor: CLI, keeping, files: [file('2022.json', previous)] }, logger);
    const current = file('2023.json', canonicalReport('匿名上年测试局', 2023));
    const alone = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [current] }, logger);
    expect(alone.results[0]).toMatchObject({ ok: true, previousReportId: null, errorCount: 0 });
    const withFile = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [current], previous: file('2022.json', previous) }, logger);
    const [prev, report] = withFile.results;
    expect(prev).toMatchObject({ ok: true, role: 'previous', agencyId: null, ref: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(report).toMatchObject({ ok: true, previousReportId: prev?.ok && prev.reportId });
    expect(report?.ok && report.errorCount).toBeGreaterThan(0); // X-CARRY against the uploaded file
  });
});

describe('checker service: files checked before, and the previous-year file', () => {
  it('does not store the same file twice within an agency: the second upload gets the earlier check (also within one upload)', async () => {
    const report = file('dup.json', canonicalReport('重复上传测试局', 2023));
    const first = await checkAndStoreFiles(db, { actor: CLI, keeping: agencyA, files: [report] }, logger);
    const again = await checkAndStoreFiles(db, { actor: CLI, keeping: agencyA, files: [report, { ...report, name: '改了名字.json' }] }, logger);
    const firstId = first.results[0]?.ok && first.results[0].reportId;
    expect(first.results[0]).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: null });
    expect(again.results).toMatchObject([
      { ok: true, fileName: 'dup.json', alreadyChecked: true, reportId: firstId },
      { ok: true, fileName: '改了名字.json', alreadyChecked: true, reportId: firstId },
    ]);
    // Another agency, and an anonymous check, store their own.
    const other = await checkAndStoreFiles(db, { actor: CLI, keeping: agencyB, files: [report] }, logger);
    expect(other.results[0]).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: null });
    const anonymous = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [report] }, logger);
    expect(anonymous.results[0]).toMatchObject({ ok: true, alreadyChecked: false, agencyId: null, earlierReportId: null });
    expect(await stored('重复上传测试局')).toHaveLength(3);
  });

  it('an anonymous re-upload gets the earlier anonymous check (its key), kept 24 hours from now; an expired one is not used', async () => {
    const report = file('anon-dup.json', canonicalReport('匿名重复测试局', 2023));
    const first = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [report] }, logger);
    const firstResult = first.results[0];
    if (!firstResult?.ok) throw new Error('not checked');
    await db.query("UPDATE checked_reports SET expires_at = now() + interval '1 hour' WHERE id = $1", [firstResult.reportId]);
    const again = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [report] }, logger);
    expect(again.results[0]).toMatchObject({ ok: true, alreadyChecked: true, reportId: firstResult.reportId, ref: firstResult.ref });
    const keep = (await db.query<{ hours: number }>('SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM checked_reports WHERE id = $1', [firstResult.reportId])).rows[0];
    expect(Number(keep?.hours)).toBeGreaterThan(23.9);

    await db.query("UPDATE checked_reports SET expires_at = now() - interval '1 second' WHERE id = $1", [firstResult.reportId]);
    const afterExpiry = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [report] }, logger);
    expect(afterExpiry.results[0]).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: null });
    expect(afterExpiry.results[0]?.ok && afterExpiry.results[0].ref).not.toBe(firstResult.ref);
  });

  it('checks a file again when the upload brings the previous year its earlier check lacked, and links the earlier check', async () => {
    const keeping = await freshAgency('补传测试机关');
    const current = file('2023.json', canonicalReport('补传上年测试局', 2023));
    const first = await checkAndStoreFiles(db, { actor: CLI, keeping, files: [current] }, logger);
    const firstId = first.results[0]?.ok ? first.results[0].reportId : -1;
    const previous = file('2022.json', canonicalReport('补传上年测试局', 2022, (r) => { r.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1]; }));
    const second = await checkAndStoreFiles(db, { actor: CLI, keeping, files: [current], previous }, logger);
    const [prev, report] = second.results;
    expect(prev).toMatchObject({ ok: true, role: 'previous', year: 2022, alreadyChecked: false });
    expect(report).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: firstId, earlierRef: String(firstId), previousReportId: prev?.ok && prev.reportId });
    expect(report?.ok && report.errorCount).toBeGreaterThan(0); // X-CARRY
    // The same two files once more: both were checked so, nothing new is stored.
    const third = await checkAndStoreFiles(db, { actor: CLI, keeping, files: [current], previous }, logger);
    expect(third.results.map((r) => r.ok && r.alreadyChecked)).toEqual([true, true]);
    expect((await stored('补传上年测试局')).map((r) => r.year)).toEqual([2023, 2022, 2023]);
  });

  it('checks a file again when the result changed (a newer importer or newer rules)', async () => {
    const keeping = await freshAgency('规则测试机关');
    const report = file('rules.json', canonicalReport('规则更新测试局', 2023));
    const first = await checkAndStoreFiles(db, { actor: CLI, keeping, files: [report] }, logger);
    const firstId = first.results[0]?.ok ? first.results[0].reportId : -1;
    await db.query(`UPDATE checked_reports SET findings = '[{"rule":"CELL-BLANK","severity":"warning","cells":[],"message":"旧规则"}]' WHERE id = $1`, [firstId]);
    const again = await checkAndStoreFiles(db, { actor: CLI, keeping, files: [report] }, logger);
    expect(again.results[0]).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: firstId });
  });

  it('says why a previous-year file of another agency was not used, and does not store it', async () => {
    const keeping = await freshAgency('核对测试机关');
    const outcome = await checkAndStoreFiles(db, {
      actor: CLI, keeping,
      files: [file('2023.json', canonicalReport('本机关测试局', 2023))],
      previous: file('other.json', canonicalReport('别的机关测试局', 2022, (r) => { r.table3.rows.carriedForward = [9, 0, 0, 0, 0, 0, 9]; })),
    }, logger);
    const [prev, report] = outcome.results;
    expect(prev).toMatchObject({ ok: false, role: 'previous', error: { code: 'report.previous_not_used' } });
    expect(prev?.ok === false && prev.error.message).toBe(
      '上一年度报告“other.json”未用于跨年度核对，也未保存：它是别的机关测试局2022年度的报告，而本次检查的是本机关测试局2023年度的报告，需要的是本机关测试局2022年度的报告。如需检查这份报告本身，请把它作为年度报告上传。');
    expect(report).toMatchObject({ ok: true, previousReportId: null, errorCount: 0 });
    expect(await stored('别的机关测试局')).toEqual([]);
  });

  it('says that the previous-year file was not used when no report of the upload could be read', async () => {
    const keeping = await freshAgency('无报告测试机关');
    const outcome = await checkAndStoreFiles(db, {
      actor: CLI, keeping, files: [file('bad.pdf', 'not a pdf')], previous: file('prev.json', canonicalReport('无报告测试局', 2022)),
    }, logger);
    expect(outcome.results[0]).toMatchObject({ ok: false, error: { code: 'report.previous_not_used', message: expect.stringContaining('本次没有能检查的年度报告') } });
    expect(await stored('无报告测试局')).toEqual([]);
  });

  it('pingtan-2023: the 行政规范性文件 cells the importer could not split are not reported as left blank', async () => {
    const outcome = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [{ name: 'pingtan-2023.txt', bytes: corpusFile('pingtan-2023.txt') }] }, logger);
    const id = outcome.results[0]?.ok ? outcome.results[0].reportId : -1;
    const row = (await db.query<{ findings: { rule: string }[]; warnings: { code: string }[] }>('SELECT findings, warnings FROM checked_reports WHERE id = $1', [id])).rows[0];
    expect(row?.warnings.map((w) => w.code)).toContain('table2.split-ambiguous');
    expect(row?.findings.filter((f) => f.rule === 'CELL-BLANK')).toEqual([]);
  });
});

describe('expired anonymous checks', () => {
  it('are deleted by the purge; agencies\' reports stay', async () => {
    const anonymous = await checkAndStoreFiles(db, { actor: ANONYMOUS, files: [file('purge.json', canonicalReport('清理测试局', 2023))] }, logger);
    const kept = await checkAndStoreFiles(db, { actor: CLI, keeping: agencyA, files: [file('purge.json', canonicalReport('清理测试局', 2023))] }, logger);
    const id = anonymous.results[0]?.ok ? anonymous.results[0].reportId : -1;
    await db.query("UPDATE checked_reports SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    const purged = await purgeExpiredChecks(db);
    expect(purged.reports).toBeGreaterThanOrEqual(1);
    expect((await db.query('SELECT id FROM checked_reports WHERE id = $1', [id])).rows).toEqual([]);
    expect((await stored('清理测试局')).map((r) => r.id)).toEqual([kept.results[0]?.ok && kept.results[0].reportId]);
  });
});
