import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import type { TestDatabase } from '../../test/support/db.ts';
import { canonicalReport } from '../../test/support/fixtures.ts';
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
  });
});
