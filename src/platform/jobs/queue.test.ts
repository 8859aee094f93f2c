import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { claim, complete, countJobs, enqueue, fail, LEASE_EXPIRED_MESSAGE, purgeDone, recoverExpired, retryDelayMs } from './queue.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await database.pool.query('DELETE FROM jobs');
});

const jobRow = async (id: number) =>
  (await database.pool.query<{ state: string; attempts: number; last_error: string | null; locked_until: Date | null; run_at: Date }>(
    'SELECT state, attempts, last_error, locked_until, run_at FROM jobs WHERE id = $1', [id],
  )).rows[0]!;

describe('enqueue', () => {
  it('adds a job with a dedupe key once: the second enqueue adds nothing', async () => {
    const first = await enqueue(database.pool, { kind: 'test.a', payload: { n: 1 }, dedupeKey: 'once' });
    const second = await enqueue(database.pool, { kind: 'test.a', payload: { n: 2 }, dedupeKey: 'once' });
    expect(first).toBeTypeOf('number');
    expect(second).toBeNull();
    const rows = await database.pool.query('SELECT payload FROM jobs');
    expect(rows.rows).toEqual([{ payload: { n: 1 } }]);
  });

  it('adds jobs without a key as often as asked', async () => {
    await enqueue(database.pool, { kind: 'test.a' });
    await enqueue(database.pool, { kind: 'test.a' });
    expect((await countJobs(database.pool)).pending).toBe(2);
  });

  it('adds nothing when the caller’s transaction rolls back', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await enqueue(client, { kind: 'test.a', dedupeKey: 'rolled-back' });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await enqueue(database.pool, { kind: 'test.a', dedupeKey: 'rolled-back' })).toBeTypeOf('number');
  });
});

describe('claim', () => {
  it('takes due pending jobs of the kinds asked for, oldest first, and leases them', async () => {
    const a = await enqueue(database.pool, { kind: 'test.a', payload: { x: 'a' } });
    await enqueue(database.pool, { kind: 'test.other' });
    await enqueue(database.pool, { kind: 'test.a', runAt: new Date(Date.now() + 60_000) });
    const b = await enqueue(database.pool, { kind: 'test.a', payload: { x: 'b' } });
    const jobs = await claim(database.pool, ['test.a'], 10, 60_000);
    expect(jobs).toEqual([
      { id: a, kind: 'test.a', payload: { x: 'a' }, attempt: 1, maxAttempts: 5 },
      { id: b, kind: 'test.a', payload: { x: 'b' }, attempt: 1, maxAttempts: 5 },
    ]);
    const row = await jobRow(a!);
    expect(row.state).toBe('running');
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(await claim(database.pool, ['test.a'], 10)).toEqual([]);
  });

  it('respects the limit and takes nothing for no kinds', async () => {
    for (let i = 0; i < 5; i++) await enqueue(database.pool, { kind: 'test.a' });
    expect(await claim(database.pool, ['test.a'], 3)).toHaveLength(3);
    expect(await claim(database.pool, [], 3)).toEqual([]);
  });

  it('gives each job to one of many concurrent claims', async () => {
    for (let i = 0; i < 60; i++) await enqueue(database.pool, { kind: 'test.a' });
    const batches = await Promise.all(Array.from({ length: 8 }, () => claim(database.pool, ['test.a'], 10)));
    const ids = batches.flat().map((job) => job.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });
});

describe('complete and fail', () => {
  it('marks a held job done', async () => {
    const id = await enqueue(database.pool, { kind: 'test.a' });
    const [job] = await claim(database.pool, ['test.a'], 1);
    expect(await complete(database.pool, job!)).toBe(true);
    expect((await jobRow(id!)).state).toBe('done');
    expect(await complete(database.pool, job!)).toBe(false);
  });

  it('retries a failed try later, then leaves the job failed when its tries are spent', async () => {
    const id = await enqueue(database.pool, { kind: 'test.a', maxAttempts: 2 });
    const [first] = await claim(database.pool, ['test.a'], 1);
    expect(await fail(database.pool, first!, '服务器无响应')).toBe('retry');
    let row = await jobRow(id!);
    expect(row.state).toBe('pending');
    expect(row.last_error).toBe('服务器无响应');
    expect(row.run_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing to claim.
    expect(await claim(database.pool, ['test.a'], 1)).toEqual([]);

    await database.pool.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
    const [second] = await claim(database.pool, ['test.a'], 1);
    expect(second!.attempt).toBe(2);
    expect(await fail(database.pool, second!, '仍无响应', 0)).toBe('failed');
    row = await jobRow(id!);
    expect(row).toMatchObject({ state: 'failed', attempts: 2, last_error: '仍无响应', locked_until: null });
  });

  it('backs off 30 s, 1 min, 2 min … at most an hour', () => {
    expect([1, 2, 3, 4, 10, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });
});

describe('a worker that died', () => {
  it('has its job put back when the lease passes, and cannot complete it after another took it', async () => {
    const id = await enqueue(database.pool, { kind: 'test.a', maxAttempts: 3 });
    const [dead] = await claim(database.pool, ['test.a'], 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await recoverExpired(database.pool)).toBe(1);
    expect(await jobRow(id!)).toMatchObject({ state: 'pending', last_error: LEASE_EXPIRED_MESSAGE });

    const [alive] = await claim(database.pool, ['test.a'], 1);
    expect(alive!.attempt).toBe(2);
    // The first worker comes back to life: its results no longer count.
    expect(await complete(database.pool, dead!)).toBe(false);
    expect(await fail(database.pool, dead!, 'x')).toBe('lost');
    expect(await complete(database.pool, alive!)).toBe(true);
  });

  it('leaves a job failed when the lease passes on its last try', async () => {
    const id = await enqueue(database.pool, { kind: 'test.a', maxAttempts: 1 });
    await claim(database.pool, ['test.a'], 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await recoverExpired(database.pool)).toBe(1);
    expect((await jobRow(id!)).state).toBe('failed');
  });

  it('does not touch jobs whose lease still runs', async () => {
    await enqueue(database.pool, { kind: 'test.a' });
    await claim(database.pool, ['test.a'], 1, 60_000);
    expect(await recoverExpired(database.pool)).toBe(0);
  });
});

describe('purgeDone', () => {
  it('deletes old done jobs only', async () => {
    const old = await enqueue(database.pool, { kind: 'test.a', dedupeKey: 'old' });
    const failed = await enqueue(database.pool, { kind: 'test.a' });
    const recent = await enqueue(database.pool, { kind: 'test.a' });
    await database.pool.query(`UPDATE jobs SET state = 'done' WHERE id IN ($1, $2)`, [old, recent]);
    await database.pool.query(`UPDATE jobs SET state = 'failed' WHERE id = $1`, [failed]);
    await database.pool.query(`UPDATE jobs SET updated_at = now() - interval '40 days' WHERE id IN ($1, $2)`, [old, failed]);
    expect(await purgeDone(database.pool, 30)).toBe(1);
    expect(await countJobs(database.pool)).toEqual({ pending: 0, running: 0, done: 1, failed: 1 });
  });
});
