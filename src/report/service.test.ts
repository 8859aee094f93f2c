import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import type { TestDatabase } from '../../test/support/db.ts';
import { canonicalReport, corpusFile } from '../../test/support/fixtures.ts';
import { checkAndStoreFiles, seedDemoReport, SEED_REPORT_URL } from './service.ts';

let db: TestDatabase;
const logger = pino({ level: 'silent' });
const file = (name: string, content: unknown) => ({ name, bytes: new TextEncoder().encode(typeof content === 'string' ? content : JSON.stringify(content)) });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('checker service', () => {
  it('seeds the demo report on an empty database only, once', async () => {
    const first = await seedDemoReport(db.pool, logger);
    expect(first).toMatchObject({ ok: true, agency: '阜新市太平区文化旅游和广播电视局', year: 2023 });
    expect(await seedDemoReport(db.pool, logger)).toBeUndefined();
    const audit = await db.pool.query("SELECT actor, action FROM audit_log WHERE action = 'report.check'");
    expect(audit.rows).toEqual([{ actor: 'cli', action: 'report.check' }]);
  });

  it('takes the demo from inside the project (a clone has no ../shared/), with its tables and sections', async () => {
    const project = path.resolve(import.meta.dirname, '../..');
    expect(path.relative(project, SEED_REPORT_URL.pathname).startsWith('..')).toBe(false);
    const [stored] = (await db.pool.query<{ canonical: { table2: { licensing: { decisions: number } }; sections: unknown[] } }>(
      "SELECT canonical FROM checked_reports WHERE agency = '阜新市太平区文化旅游和广播电视局'")).rows;
    expect(stored?.canonical.table2.licensing.decisions).toBe(71);
    expect(stored?.canonical.sections).toHaveLength(6);
  });

  it('checks each file independently and records the upload with every outcome', async () => {
    const outcome = await checkAndStoreFiles(db.pool, {
      actor: 'cli',
      files: [file('a.json', canonicalReport('服务测试局', 2023)), file('b.pdf', 'not a pdf'), file('c.json', '{"agency": 1')],
    }, logger);
    expect(outcome.results.map((r) => [r.fileName, r.ok])).toEqual([['a.json', true], ['b.pdf', false], ['c.json', false]]);
    const failed = outcome.results[2];
    expect(failed?.ok === false && failed.error.code).toBe('report.unreadable');
    const upload = await db.pool.query('SELECT actor, jsonb_array_length(results) AS n FROM report_uploads WHERE id = $1', [outcome.uploadId]);
    expect(upload.rows).toEqual([{ actor: 'cli', n: 3 }]);
  });

  it('ignores an uploaded "previous" report that is not of the year before, and uses the stored one instead', async () => {
    await checkAndStoreFiles(db.pool, {
      actor: 'cli', files: [file('2022.json', canonicalReport('服务测试乙局', 2022, (r) => { r.table3.rows.carriedForward = [5, 0, 0, 0, 0, 0, 5]; }))],
    }, logger);
    const outcome = await checkAndStoreFiles(db.pool, {
      actor: 'cli',
      files: [file('2023.json', canonicalReport('服务测试乙局', 2023))],
      previous: file('2020.json', canonicalReport('服务测试乙局', 2020)),
    }, logger);
    const current = outcome.results.find((r) => r.role === 'report');
    expect(current?.ok && current.errorCount).toBeGreaterThan(0); // X-CARRY against the stored 2022
    const stored2022 = await db.pool.query("SELECT id FROM checked_reports WHERE agency = '服务测试乙局' AND year = 2022");
    expect(current?.ok && current.previousReportId).toBe(stored2022.rows[0].id);
    // The 2020 file says why it was not used, and is not stored as a report of its own.
    expect(outcome.results[0]).toMatchObject({ ok: false, role: 'previous', error: { code: 'report.previous_not_used', message: expect.stringContaining('它是服务测试乙局2020年度的报告') } });
    expect((await db.pool.query("SELECT year FROM checked_reports WHERE agency = '服务测试乙局' ORDER BY year")).rows).toEqual([{ year: 2022 }, { year: 2023 }]);
  });
});

describe('checker service: files checked before, and the previous-year file', () => {
  const stored = async (agency: string) => (await db.pool.query<{ id: number; year: number }>(
    'SELECT id, year FROM checked_reports WHERE agency = $1 ORDER BY id', [agency])).rows;

  it('does not store the same file twice: the second upload gets the earlier check (also within one upload)', async () => {
    const report = file('dup.json', canonicalReport('重复上传测试局', 2023));
    const first = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [report] }, logger);
    const again = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [report, { ...report, name: '改了名字.json' }] }, logger);
    const firstId = first.results[0]?.ok && first.results[0].reportId;
    expect(first.results[0]).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: null });
    expect(again.results).toMatchObject([
      { ok: true, fileName: 'dup.json', alreadyChecked: true, reportId: firstId },
      { ok: true, fileName: '改了名字.json', alreadyChecked: true, reportId: firstId },
    ]);
    expect(await stored('重复上传测试局')).toHaveLength(1);
  });

  it('checks a file again when the upload brings the previous year its earlier check lacked, and links the earlier check', async () => {
    const current = file('2023.json', canonicalReport('补传上年测试局', 2023));
    const first = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [current] }, logger);
    const firstId = first.results[0]?.ok ? first.results[0].reportId : -1;
    const previous = file('2022.json', canonicalReport('补传上年测试局', 2022, (r) => { r.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1]; }));
    const second = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [current], previous }, logger);
    const [prev, report] = second.results;
    expect(prev).toMatchObject({ ok: true, role: 'previous', year: 2022, alreadyChecked: false });
    expect(report).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: firstId, previousReportId: prev?.ok && prev.reportId });
    expect(report?.ok && report.errorCount).toBeGreaterThan(0); // X-CARRY
    // The same two files once more: both were checked so, nothing new is stored.
    const third = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [current], previous }, logger);
    expect(third.results.map((r) => r.ok && r.alreadyChecked)).toEqual([true, true]);
    expect((await stored('补传上年测试局')).map((r) => r.year)).toEqual([2023, 2022, 2023]);
  });

  it('checks a file again when the result changed (a newer importer or newer rules)', async () => {
    const report = file('rules.json', canonicalReport('规则更新测试局', 2023));
    const first = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [report] }, logger);
    const firstId = first.results[0]?.ok ? first.results[0].reportId : -1;
    await db.pool.query(`UPDATE checked_reports SET findings = '[{"rule":"CELL-BLANK","severity":"warning","cells":[],"message":"旧规则"}]' WHERE id = $1`, [firstId]);
    const again = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [report] }, logger);
    expect(again.results[0]).toMatchObject({ ok: true, alreadyChecked: false, earlierReportId: firstId });
  });

  it('says why a previous-year file of another agency was not used, and does not store it', async () => {
    const outcome = await checkAndStoreFiles(db.pool, {
      actor: 'cli',
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
    const outcome = await checkAndStoreFiles(db.pool, {
      actor: 'cli', files: [file('bad.pdf', 'not a pdf')], previous: file('prev.json', canonicalReport('无报告测试局', 2022)),
    }, logger);
    expect(outcome.results[0]).toMatchObject({ ok: false, error: { code: 'report.previous_not_used', message: expect.stringContaining('本次没有能检查的年度报告') } });
    expect(await stored('无报告测试局')).toEqual([]);
  });

  it('pingtan-2023: the 行政规范性文件 cells the importer could not split are not reported as left blank', async () => {
    const outcome = await checkAndStoreFiles(db.pool, { actor: 'cli', files: [{ name: 'pingtan-2023.txt', bytes: corpusFile('pingtan-2023.txt') }] }, logger);
    const id = outcome.results[0]?.ok ? outcome.results[0].reportId : -1;
    const row = (await db.pool.query<{ findings: { rule: string }[]; warnings: { code: string }[] }>('SELECT findings, warnings FROM checked_reports WHERE id = $1', [id])).rows[0];
    expect(row?.warnings.map((w) => w.code)).toContain('table2.split-ambiguous');
    expect(row?.findings.filter((f) => f.rule === 'CELL-BLANK')).toEqual([]);
  });
});
