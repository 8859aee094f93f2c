import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import type { TestDatabase } from '../../test/support/db.ts';
import type { AnnualReport } from './model.ts';
import {
  countAgencyReports, deleteExpiredChecks, extendExpiry, findLatestReport, findReportsBySource, getCheckedReport, getReportByRef, getReportOwner,
  getReportSource, getUpload, getUploadOwner, insertCheckedReport, insertUpload, listCheckedReports, lockSource,
} from './store.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import type { NewCheckedReport } from './store.ts';

let db: TestDatabase;
/** Agencies of each test database, by name. */
const agencies = new WeakMap<Queryable, Map<string, number>>();
beforeAll(async () => {
  db = await createTestDatabase();
});

/** An agency's id in a test database (created on first use). */
async function agencyIn(pool: Queryable, name: string): Promise<number> {
  let byName = agencies.get(pool);
  if (!byName) agencies.set(pool, (byName = new Map()));
  const known = byName.get(name);
  if (known !== undefined) return known;
  const { rows } = await pool.query<{ id: number }>("INSERT INTO agencies (name, kind) VALUES ($1, 'department') RETURNING id", [name]);
  byName.set(name, rows[0]!.id);
  return rows[0]!.id;
}
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
    previousReportId: null, agencyId: null, storedBy: null, accessKey: null, keepHours: null,
    ...overrides,
  };
}

/** An agency's report row. */
async function owned(pool: Queryable, agency: string, year: number, overrides: Partial<NewCheckedReport> = {}): Promise<NewCheckedReport> {
  return row(agency, year, { agencyId: await agencyIn(pool, agency), ...overrides });
}

describe('checked report store', () => {
  it('round-trips a report: columns, JSON, date as YYYY-MM-DD, source bytes, the owner', async () => {
    const id = await insertCheckedReport(db.pool, await owned(db.pool, '太平区文旅局', 2023));
    const stored = await getCheckedReport(db.pool, id);
    expect(stored).toMatchObject({
      id, ref: String(id), agencyId: await agencyIn(db.pool, '太平区文旅局'), agencyName: '太平区文旅局', accessKey: null, expiresAt: null,
      agency: '太平区文旅局', year: 2023, format: '2021', agencyKind: 'department', publishedOn: '2024-01-20',
      sourceFileName: '太平区文旅局-2023.txt', sourceKind: 'text', sourceSize: 5, previousReportId: null, previousRef: null,
      canonical: report('太平区文旅局', 2023),
    });
    expect(stored?.findings).toHaveLength(3);
    expect(stored?.warnings[0]?.path).toBe('t3.granted');
    expect(stored?.createdAt).toBeInstanceOf(Date);
    const source = await getReportSource(db.pool, id);
    expect(new TextDecoder().decode(source?.bytes)).toBe('hello');
    expect(await getCheckedReport(db.pool, 999_999)).toBeUndefined();
  });

  it('an anonymous check is found by its key until it expires, never by its id; an agency\'s report by its id', async () => {
    const key = 'a1'.repeat(16);
    const anonymous = await insertCheckedReport(db.pool, row('匿名检查局', 2023, { accessKey: key, keepHours: 24 }));
    const agencyReport = await insertCheckedReport(db.pool, await owned(db.pool, '机关报告局', 2023, { previousReportId: anonymous }));
    const found = await getReportByRef(db.pool, { key });
    expect(found).toMatchObject({ id: anonymous, ref: key, accessKey: key, agencyId: null });
    const hours = ((found?.expiresAt?.getTime() ?? 0) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect(await getReportByRef(db.pool, { id: anonymous })).toBeUndefined();
    expect(await getReportOwner(db.pool, { id: anonymous })).toBeUndefined();
    expect(await getReportOwner(db.pool, { key })).toEqual({ id: anonymous, agencyId: null });
    expect(await getReportOwner(db.pool, { id: agencyReport })).toEqual({ id: agencyReport, agencyId: await agencyIn(db.pool, '机关报告局') });
    expect((await getReportByRef(db.pool, { id: agencyReport }))?.previousRef).toBe(key);

    await db.pool.query("UPDATE checked_reports SET expires_at = now() - interval '1 second' WHERE id = $1", [anonymous]);
    expect(await getReportByRef(db.pool, { key })).toBeUndefined();
    expect(await getReportOwner(db.pool, { key })).toBeUndefined();
    // Handed out again: kept 24 hours from now.
    await extendExpiry(db.pool, anonymous, 24);
    expect(await getReportByRef(db.pool, { key })).toBeDefined();
  });

  it('finds the newest report an agency stored for a year, never another agency\'s', async () => {
    const older = await insertCheckedReport(db.pool, await owned(db.pool, '平潭公安局', 2022));
    const newer = await insertCheckedReport(db.pool, await owned(db.pool, '平潭公安局', 2022, { previousReportId: older }));
    // Another agency, and an anonymous check, with the same name in the report: never found.
    await insertCheckedReport(db.pool, await owned(db.pool, '冒名局', 2022, { agency: '平潭公安局' }));
    await insertCheckedReport(db.pool, row('平潭公安局', 2022, { accessKey: 'b2'.repeat(16), keepHours: 24 }));
    const pingtan = await agencyIn(db.pool, '平潭公安局');
    expect((await findLatestReport(db.pool, pingtan, 2022))?.id).toBe(newer);
    expect((await findLatestReport(db.pool, pingtan, 2022))?.previousReportId).toBe(older);
    expect(await findLatestReport(db.pool, pingtan, 2021)).toBeUndefined();
  });

  it('lists agencies\' reports within a scope by agency then year, with error and warning counts, filtered and paged', async () => {
    const list = await createTestDatabase();
    try {
      const a = await agencyIn(list.pool, '列表甲局');
      const b = await agencyIn(list.pool, '列表乙局');
      await insertCheckedReport(list.pool, row('列表甲局', 2023, { agencyId: a }));
      await insertCheckedReport(list.pool, row('列表乙局', 2022, { agencyId: b, findings: [] }));
      await insertCheckedReport(list.pool, row('列表乙局', 2023, { agencyId: b, findings: [] }));
      await insertCheckedReport(list.pool, row('匿名局', 2023, { accessKey: 'c3'.repeat(16), keepHours: 24 }));
      await insertCheckedReport(list.pool, row('旧报告局', 2023)); // checked before accounts: no owner
      const all = await listCheckedReports(list.pool, { scope: 'all', limit: 50, offset: 0 });
      expect(all.total).toBe(3);
      expect(all.items.map((i) => `${i.agencyName} ${i.year}`)).toEqual(['列表甲局 2023', '列表乙局 2023', '列表乙局 2022']);
      expect(all.items[0]).toMatchObject({ agencyId: a, agency: '列表甲局', errorCount: 2, warningCount: 1, parseWarningCount: 1 });

      expect((await listCheckedReports(list.pool, { scope: { agencies: [b], subtrees: [] }, limit: 50 })).items.map((i) => i.agencyId)).toEqual([b, b]);
      expect((await listCheckedReports(list.pool, { scope: { agencies: [], subtrees: [] }, limit: 50 })).total).toBe(0);
      const filtered = await listCheckedReports(list.pool, { scope: { agencies: [a, b], subtrees: [] }, agencyId: b, year: 2023, limit: 50, offset: 0 });
      expect(filtered.total).toBe(1);
      expect(filtered.items[0]).toMatchObject({ agencyName: '列表乙局', year: 2023, errorCount: 0, warningCount: 0 });
      const paged = await listCheckedReports(list.pool, { scope: 'all', agencyId: b, limit: 1, offset: 1 });
      expect(paged.total).toBe(2);
      expect(paged.items.map((i) => i.year)).toEqual([2022]);
      // A cursor outside the scope positions nothing.
      expect((await listCheckedReports(list.pool, { scope: { agencies: [b], subtrees: [] }, limit: 50, after: all.items[0]!.id })).items).toEqual([]);
      expect(await countAgencyReports(list.pool, b)).toBe(2);
    } finally {
      await list.drop();
    }
  });

  it('stores an upload with its per-file results and its person under a UUID', async () => {
    const id = await insertUpload(db.pool, { actor: 'anonymous', personId: null }, [{ fileName: 'a.txt', ok: false }]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const upload = await getUpload<{ fileName: string; ok: boolean }>(db.pool, id);
    expect(upload).toMatchObject({ id, actor: 'anonymous', personId: null, results: [{ fileName: 'a.txt', ok: false }] });
    expect(await getUploadOwner(db.pool, id, 24)).toEqual({ personId: null, recent: true });
    expect(await getUpload(db.pool, 'not-a-uuid')).toBeUndefined();
    expect(await getUpload(db.pool, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(await getUploadOwner(db.pool, 'not-a-uuid', 24)).toBeUndefined();
  });

  it('deletes expired anonymous checks and old anonymous uploads, never agencies\' reports nor unowned old ones', async () => {
    const list = await createTestDatabase();
    try {
      const a = await agencyIn(list.pool, '清理局');
      const kept = await insertCheckedReport(list.pool, row('清理局', 2023, { agencyId: a }));
      const old = await insertCheckedReport(list.pool, row('旧报告局', 2023));
      const fresh = await insertCheckedReport(list.pool, row('匿名局', 2023, { accessKey: 'd4'.repeat(16), keepHours: 24 }));
      const expired = await insertCheckedReport(list.pool, row('匿名局', 2022, { accessKey: 'e5'.repeat(16), keepHours: 24 }));
      await list.pool.query("UPDATE checked_reports SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired]);
      const recentUpload = await insertUpload(list.pool, { actor: 'anonymous', personId: null }, []);
      const oldUpload = await insertUpload(list.pool, { actor: 'anonymous', personId: null }, []);
      await list.pool.query("UPDATE report_uploads SET created_at = now() - interval '25 hours' WHERE id = $1", [oldUpload]);
      expect(await getUploadOwner(list.pool, oldUpload, 24)).toEqual({ personId: null, recent: false });
      expect(await deleteExpiredChecks(list.pool, 24)).toEqual({ reports: 1, uploads: 1 });
      const left = (await list.pool.query<{ id: number }>('SELECT id FROM checked_reports ORDER BY id')).rows.map((r) => r.id);
      expect(left).toEqual([kept, old, fresh]);
      expect(await getUpload(list.pool, recentUpload)).toBeDefined();
      expect(await getUpload(list.pool, oldUpload)).toBeUndefined();
    } finally {
      await list.drop();
    }
  });

  it('finds the checks of a source file by its SHA-256 within one agency or the unexpired anonymous checks, newest first', async () => {
    const sha = 'cd'.repeat(32);
    const first = await insertCheckedReport(db.pool, await owned(db.pool, '哈希测试局', 2023, { sourceSha256: sha }));
    const second = await insertCheckedReport(db.pool, await owned(db.pool, '哈希测试局', 2023, { sourceSha256: sha, previousReportId: first }));
    const other = await insertCheckedReport(db.pool, await owned(db.pool, '哈希另一局', 2023, { sourceSha256: sha }));
    const anonymous = await insertCheckedReport(db.pool, row('哈希测试局', 2023, { sourceSha256: sha, accessKey: 'f6'.repeat(16), keepHours: 24 }));
    await insertCheckedReport(db.pool, row('哈希测试局', 2023, { sourceSha256: sha })); // before accounts: in no scope
    const agencyId = await agencyIn(db.pool, '哈希测试局');
    expect((await findReportsBySource(db.pool, sha, { agencyId })).map((r) => [r.id, r.previousReportId])).toEqual([[second, first], [first, null]]);
    expect((await findReportsBySource(db.pool, sha, { agencyId: await agencyIn(db.pool, '哈希另一局') })).map((r) => r.id)).toEqual([other]);
    expect((await findReportsBySource(db.pool, sha, { anonymous: true })).map((r) => r.id)).toEqual([anonymous]);
    await db.pool.query("UPDATE checked_reports SET expires_at = now() - interval '1 second' WHERE id = $1", [anonymous]);
    expect(await findReportsBySource(db.pool, sha, { anonymous: true })).toEqual([]);
    expect(await findReportsBySource(db.pool, 'ef'.repeat(32), { agencyId })).toEqual([]);
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
      const ids = [await agencyIn(list.pool, '乙局'), await agencyIn(list.pool, '甲局'), await agencyIn(list.pool, '丙局')];
      for (let i = 0; i < 23; i++) await insertCheckedReport(list.pool, row('某局', 2019 + (i % 4), { agencyId: ids[i % 3]! }));
      await insertCheckedReport(list.pool, row('甲局', 2021, { agency: null, year: null, agencyId: ids[1]! }));
      const scope = { scope: { agencies: ids, subtrees: [] } };
      const everything = (await listCheckedReports(list.pool, { ...scope, limit: 100 })).items.map((r) => r.id);
      expect(everything).toHaveLength(24);
      const forwards: number[][] = [];
      let page = await listCheckedReports(list.pool, { ...scope, limit: 5 });
      forwards.push(page.items.map((r) => r.id));
      while (page.nextAfter !== undefined) {
        page = await listCheckedReports(list.pool, { ...scope, limit: 5, after: page.nextAfter });
        forwards.push(page.items.map((r) => r.id));
      }
      expect(forwards.flat()).toEqual(everything);
      expect(forwards).toHaveLength(5);
      // Back from the last page, by `before`.
      const backwards: number[][] = [forwards.at(-1)!];
      while (page.previousBefore !== undefined) {
        page = await listCheckedReports(list.pool, { ...scope, limit: 5, before: page.previousBefore });
        backwards.unshift(page.items.map((r) => r.id));
      }
      expect(backwards).toEqual(forwards);
      // The same pages as offset paging.
      for (let p = 0; p < 5; p++) expect((await listCheckedReports(list.pool, { ...scope, limit: 5, offset: p * 5 })).items.map((r) => r.id)).toEqual(forwards[p]);
      // Order: by agency (id), year newest first (a report without a year last), newest check first.
      const items = (await listCheckedReports(list.pool, { ...scope, limit: 100 })).items;
      expect(items.slice(0, 8).map((r) => r.agencyName)).toEqual(Array(8).fill('乙局'));
      const jia = items.filter((r) => r.agencyName === '甲局');
      expect(jia.at(-1)?.year).toBeNull();
      expect(jia.map((r) => r.year ?? 0)).toEqual([...jia.map((r) => r.year ?? 0)].sort((x, y) => y - x));
    } finally {
      await list.drop();
    }
  });

  it('the list order is the order of migration 0006\'s index, so a page is one index range', async () => {
    const plan = await withTransaction(db.pool, async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      await tx.query('SET LOCAL enable_sort = off');
      return tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT r.id FROM checked_reports r WHERE r.agency_id IS NOT NULL ORDER BY r.agency_id, -coalesce(r.year, 0), -r.id LIMIT 21`);
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('checked_reports_agency_list_idx');
  });

  it('counts a newly stored report at once', async () => {
    const list = await createTestDatabase();
    try {
      const id = await agencyIn(list.pool, '计数局');
      await insertCheckedReport(list.pool, row('计数局', 2023, { agencyId: id }));
      expect((await listCheckedReports(list.pool, { scope: 'all', limit: 5 })).total).toBe(1);
      await insertCheckedReport(list.pool, row('计数局', 2022, { agencyId: id }));
      expect((await listCheckedReports(list.pool, { scope: 'all', limit: 5 })).total).toBe(2);
    } finally {
      await list.drop();
    }
  });
});
