import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import type { TestDatabase } from '../../test/support/db.ts';
import type { AnnualReport } from './model.ts';
import {
  countCheckedReports, findLatestReport, findReportsBySource, getCheckedReport, getReportSource, getUpload, insertCheckedReport, insertUpload,
  listCheckedReports, lockSource,
} from './store.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import type { NewCheckedReport } from './store.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function report(agency: string, year: number): AnnualReport {
  return {
    agency, year, format: '2021', agencyKind: 'department', publishedOn: `${year + 1}-01-20`,
    table2: { licensing: { decisions: 71 } },
    table3: { columns: ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'], rows: { carriedForward: [1, 0, 0, 0, 0, 0, 1] } },
    table4: {},
  };
}

function row(agency: string, year: number, overrides: Partial<NewCheckedReport> = {}): NewCheckedReport {
  const canonical = report(agency, year);
  return {
    agency, year, format: '2021', agencyKind: 'department', publishedOn: canonical.publishedOn ?? null,
    sourceFileName: `${agency}-${year}.txt`, sourceKind: 'text', sourceSha256: 'ab'.repeat(32), sourceSize: 5,
    source: new TextEncoder().encode('hello'), canonical,
    findings: [
      { rule: 'T3-ROW-TOTAL', severity: 'error', cells: ['t3.granted[6]'], message: '总计不等于各项之和' },
      { rule: 'FEE-SECTION', severity: 'warning', cells: ['sections.other'], message: '未说明是否收费' },
      { rule: 'T3-BALANCE', severity: 'error', cells: ['t3.newReceived[0]'], message: '不平衡' },
    ],
    warnings: [{ code: 'table3.cell-missing', path: 't3.granted', message: '少一格' }],
    previousReportId: null,
    ...overrides,
  };
}

describe('checked report store', () => {
  it('round-trips a report: columns, JSON, date as YYYY-MM-DD, source bytes', async () => {
    const id = await insertCheckedReport(db.pool, row('太平区文旅局', 2023));
    const stored = await getCheckedReport(db.pool, id);
    expect(stored).toMatchObject({
      id, agency: '太平区文旅局', year: 2023, format: '2021', agencyKind: 'department', publishedOn: '2024-01-20',
      sourceFileName: '太平区文旅局-2023.txt', sourceKind: 'text', sourceSize: 5, previousReportId: null,
      canonical: report('太平区文旅局', 2023),
    });
    expect(stored?.findings).toHaveLength(3);
    expect(stored?.warnings[0]?.path).toBe('t3.granted');
    expect(stored?.createdAt).toBeInstanceOf(Date);
    const source = await getReportSource(db.pool, id);
    expect(new TextDecoder().decode(source?.bytes)).toBe('hello');
    expect(await getCheckedReport(db.pool, 999_999)).toBeUndefined();
  });

  it('finds the newest report of an agency and year (for the cross-year rules)', async () => {
    const older = await insertCheckedReport(db.pool, row('平潭公安局', 2022));
    const newer = await insertCheckedReport(db.pool, row('平潭公安局', 2022, { previousReportId: older }));
    expect((await findLatestReport(db.pool, '平潭公安局', 2022))?.id).toBe(newer);
    expect((await findLatestReport(db.pool, '平潭公安局', 2022))?.previousReportId).toBe(older);
    expect(await findLatestReport(db.pool, '平潭公安局', 2021)).toBeUndefined();
    expect(await findLatestReport(db.pool, '平潭', 2022)).toBeUndefined(); // exact agency only
  });

  it('lists by agency then year, with error and warning counts, filtered and paged', async () => {
    await insertCheckedReport(db.pool, row('平潭公安局', 2023, { findings: [] }));
    const all = await listCheckedReports(db.pool, { limit: 50, offset: 0 });
    expect(all.total).toBe(await countCheckedReports(db.pool));
    // C collation: code point order (太 U+592A before 平 U+5E73); newest year first within an agency.
    expect(all.items.map((i) => `${i.agency} ${i.year}`)).toEqual([
      '太平区文旅局 2023', '平潭公安局 2023', '平潭公安局 2022', '平潭公安局 2022',
    ]);
    const taiping = all.items.find((i) => i.agency === '太平区文旅局');
    expect(taiping).toMatchObject({ errorCount: 2, warningCount: 1, parseWarningCount: 1 });

    const filtered = await listCheckedReports(db.pool, { agency: '平潭', year: 2023, limit: 50, offset: 0 });
    expect(filtered.total).toBe(1);
    expect(filtered.items[0]).toMatchObject({ agency: '平潭公安局', year: 2023, errorCount: 0, warningCount: 0 });
    const paged = await listCheckedReports(db.pool, { agency: '平潭', limit: 1, offset: 1 });
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(1);
  });

  it('treats % and _ in the agency filter as plain characters', async () => {
    expect((await listCheckedReports(db.pool, { agency: '%', limit: 50, offset: 0 })).total).toBe(0);
    expect((await listCheckedReports(db.pool, { agency: '_', limit: 50, offset: 0 })).total).toBe(0);
  });

  it('stores an upload with its per-file results under a UUID', async () => {
    const id = await insertUpload(db.pool, 'anonymous', [{ fileName: 'a.txt', ok: false }]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const upload = await getUpload<{ fileName: string; ok: boolean }>(db.pool, id);
    expect(upload).toMatchObject({ id, actor: 'anonymous', results: [{ fileName: 'a.txt', ok: false }] });
    expect(await getUpload(db.pool, 'not-a-uuid')).toBeUndefined();
    expect(await getUpload(db.pool, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('finds the checks of a source file by its SHA-256, newest first (index of migration 0004)', async () => {
    const sha = 'cd'.repeat(32);
    const first = await insertCheckedReport(db.pool, row('哈希测试局', 2023, { sourceSha256: sha }));
    const second = await insertCheckedReport(db.pool, row('哈希测试局', 2023, { sourceSha256: sha, previousReportId: first }));
    expect((await findReportsBySource(db.pool, sha)).map((r) => [r.id, r.previousReportId])).toEqual([[second, first], [first, null]]);
    expect(await findReportsBySource(db.pool, 'ef'.repeat(32))).toEqual([]);
    const index = await db.pool.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'checked_reports_source_sha256_idx'");
    expect(index.rows[0]?.indexdef).toContain('(source_sha256, created_at DESC)');
  });

  it('lockSource makes a second transaction on the same file wait until the first ends', async () => {
    const sha = '12'.repeat(32);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let locked!: () => void;
    const firstLocked = new Promise<void>((resolve) => { locked = resolve; });
    const first = withTransaction(db.pool, async (tx) => {
      await lockSource(tx, sha);
      locked();
      await held;
      order.push('first done');
    });
    await firstLocked;
    const second = withTransaction(db.pool, async (tx) => {
      await lockSource(tx, sha);
      order.push('second locked');
    });
    const other = withTransaction(db.pool, async (tx) => {
      await lockSource(tx, '34'.repeat(32)); // another file: not held up
      order.push('other locked');
    });
    await other;
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['other locked', 'first done', 'second locked']);
  });
});

describe('the list of checked reports, page by page (keyset)', () => {
  it('walks every report once, in list order, forwards by `after` and back by `before`, and agrees with offset paging', async () => {
    const list = await createTestDatabase();
    try {
      const agencies = ['乙局', '甲局', '丙局'];
      for (let i = 0; i < 23; i++) await insertCheckedReport(list.pool, row(agencies[i % 3]!, 2019 + (i % 4)));
      await insertCheckedReport(list.pool, row('甲局', 2021, { agency: null }));
      const everything = (await listCheckedReports(list.pool, { limit: 100 })).items.map((r) => r.id);
      expect(everything).toHaveLength(24);
      const forwards: number[][] = [];
      let page = await listCheckedReports(list.pool, { limit: 5 });
      forwards.push(page.items.map((r) => r.id));
      while (page.nextAfter !== undefined) {
        page = await listCheckedReports(list.pool, { limit: 5, after: page.nextAfter });
        forwards.push(page.items.map((r) => r.id));
      }
      expect(forwards.flat()).toEqual(everything);
      expect(forwards).toHaveLength(5);
      // Back from the last page, by `before`.
      const backwards: number[][] = [forwards.at(-1)!];
      while (page.previousBefore !== undefined) {
        page = await listCheckedReports(list.pool, { limit: 5, before: page.previousBefore });
        backwards.unshift(page.items.map((r) => r.id));
      }
      expect(backwards).toEqual(forwards);
      // The same pages as offset paging.
      for (let p = 0; p < 5; p++) expect((await listCheckedReports(list.pool, { limit: 5, offset: p * 5 })).items.map((r) => r.id)).toEqual(forwards[p]);
      // Order: by agency, year newest first, the unread agency last.
      const items = (await listCheckedReports(list.pool, { limit: 100 })).items;
      expect(items.at(-1)?.agency).toBeNull();
      expect(items.slice(0, 3).map((r) => r.agency)).toEqual(['丙局', '丙局', '丙局']);
    } finally {
      await list.drop();
    }
  });

  it('counts a newly stored report at once', async () => {
    const list = await createTestDatabase();
    try {
      await insertCheckedReport(list.pool, row('计数局', 2023));
      expect((await listCheckedReports(list.pool, { limit: 5 })).total).toBe(1);
      await insertCheckedReport(list.pool, row('计数局', 2022));
      expect((await listCheckedReports(list.pool, { limit: 5 })).total).toBe(2);
    } finally {
      await list.drop();
    }
  });
});
