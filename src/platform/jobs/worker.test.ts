import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createServices, type Services } from '../services.ts';
import { enqueue } from './queue.ts';
import { describeError, startWorker, type JobHandler } from './worker.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query('CREATE TABLE job_effects (key text PRIMARY KEY, worker text NOT NULL)');
});
afterAll(async () => {
  await database.drop();
});

/** An app process: its own services and pool on the shared test database. */
const appProcess = (): Promise<Services> =>
  createServices({ env: {}, config: { databaseUrl: database.url, logLevel: 'silent' }, logger: pino({ level: 'silent' }), migrate: false });

const until = async (condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const pendingOrRunning = async (kind: string) =>
  (await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind = $1 AND state IN ('pending', 'running')`, [kind])).rows[0]!.n;

describe('two app processes on one database', () => {
  it('run each of 200 jobs once: every effect happens once, no job is lost', async () => {
    for (let i = 0; i < 200; i++) await enqueue(database.pool, { kind: 'test.effect', payload: { key: `k${i}` } });
    const calls: string[] = [];
    const handler = (worker: string): JobHandler => async (payload, services) => {
      const { key } = payload as { key: string };
      calls.push(key);
      await new Promise((resolve) => setTimeout(resolve, 1));
      // A second run would break the primary key and fail the job.
      await services.db.query('INSERT INTO job_effects (key, worker) VALUES ($1, $2)', [key, worker]);
    };
    const [a, b] = await Promise.all([appProcess(), appProcess()]);
    try {
      startWorker(a!, { 'test.effect': handler('a') }, { intervalMs: 50, batchSize: 5 });
      startWorker(b!, { 'test.effect': handler('b') }, { intervalMs: 50, batchSize: 5 });
      await until(async () => (await pendingOrRunning('test.effect')) === 0);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
    }
    expect(calls).toHaveLength(200);
    expect(new Set(calls).size).toBe(200);
    const effects = await database.pool.query<{ worker: string; n: number }>('SELECT worker, count(*)::int AS n FROM job_effects GROUP BY worker');
    const byWorker = Object.fromEntries(effects.rows.map((r) => [r.worker, r.n]));
    expect((byWorker.a ?? 0) + (byWorker.b ?? 0)).toBe(200);
    // Both processes took part in the race.
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    const states = await database.pool.query(`SELECT state, count(*)::int AS n FROM jobs WHERE kind = 'test.effect' GROUP BY state`);
    expect(states.rows).toEqual([{ state: 'done', n: 200 }]);
  });

  it('runs a job a dead process left running once its lease has passed', async () => {
    const id = await enqueue(database.pool, { kind: 'test.orphan' });
    // The dead process's claim: running, with a lease already over.
    await database.pool.query(`UPDATE jobs SET state = 'running', attempts = 1, locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    const services = await appProcess();
    let runs = 0;
    try {
      startWorker(services, { 'test.orphan': async () => void runs++ }, { intervalMs: 20 });
      await until(async () => (await pendingOrRunning('test.orphan')) === 0);
    } finally {
      await services.close();
    }
    expect(runs).toBe(1);
    const row = await database.pool.query('SELECT state, attempts FROM jobs WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ state: 'done', attempts: 2 });
  });
});

describe('a worker', () => {
  it('wakes on a new job without waiting for its poll interval', async () => {
    const services = await appProcess();
    const ran: number[] = [];
    try {
      startWorker(services, { 'test.wake': async (payload) => void ran.push((payload as { n: number }).n) }, { intervalMs: 60_000 });
      // Let it make its first (empty) poll and start listening.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await enqueue(database.pool, { kind: 'test.wake', payload: { n: 7 } });
      await until(async () => ran.length === 1, 10_000);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await services.close();
    }
    expect(ran).toEqual([7]);
  });

  it('records a failed try for a retry, without the addresses in its error', async () => {
    const id = await enqueue(database.pool, { kind: 'test.failing' });
    const services = await appProcess();
    try {
      startWorker(services, {
        'test.failing': async () => {
          throw new Error('550 <zhang.san@example.gov.cn>: mailbox unavailable');
        },
      }, { intervalMs: 20 });
      await until(async () => (await database.pool.query(`SELECT 1 FROM jobs WHERE id = $1 AND state = 'pending' AND attempts = 1`, [id])).rowCount === 1);
    } finally {
      await services.close();
    }
    const row = await database.pool.query<{ last_error: string }>('SELECT last_error FROM jobs WHERE id = $1', [id]);
    expect(row.rows[0]!.last_error).toBe('550 <[邮箱地址]>: mailbox unavailable');
  });

  it('finishes the job in hand when the services close', async () => {
    await enqueue(database.pool, { kind: 'test.slow' });
    const services = await appProcess();
    let started = false;
    let finished = false;
    startWorker(services, {
      'test.slow': async (_payload, s) => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 300));
        await s.db.query('SELECT 1');
        finished = true;
      },
    }, { intervalMs: 20 });
    await until(async () => started);
    await services.close();
    expect(finished).toBe(true);
    const row = await database.pool.query(`SELECT state FROM jobs WHERE kind = 'test.slow'`);
    expect(row.rows[0]).toEqual({ state: 'done' });
  });
});

describe('describeError', () => {
  it('removes e-mail addresses and keeps the error short', () => {
    expect(describeError(new TypeError('to li@a.cn, wang@b.cn'))).toBe('TypeError: to [邮箱地址], [邮箱地址]');
    expect(describeError('x'.repeat(5000))).toHaveLength(2000);
  });
});
