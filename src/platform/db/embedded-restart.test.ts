/**
 * The embedded PostgreSQL dies under the app (killed, out of memory): the app restarts it alone,
 * and no write it acknowledged is lost; when it cannot be restarted, the app gives up (the process
 * exits non-zero, so that its supervisor restarts it) instead of serving errors for ever.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { testDir } from '../../../test/support/temp-dir.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { createPool } from './pool.ts';
import { isProcessAlive } from './process-check.ts';

const SYSTEM_USER = process.env['GONGKAI_PG_USER'] || 'gongkai-pg';
const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('embedded PostgreSQL killed while the app runs', () => {
  it('is restarted by the app; writes acknowledged before and during the gap are all there', async () => {
    const dataDir = await testDir('restart');
    const server = await startEmbeddedPostgres({ dataDir, systemUser: SYSTEM_USER, logger: silent, restartDelaysMs: [100, 200, 400, 800, 1600] });
    const db = createPool(server.urlFor());
    try {
      await db.query('create table acknowledged (n integer primary key)');
      const acknowledged: number[] = [];
      let failures = 0;
      let n = 0;
      const firstPid = server.pid;
      // Writes one row after another until 20 in a row succeed after the restart.
      const writer = (async () => {
        const until = Date.now() + 20_000;
        let successesSinceFailure = 0;
        while (Date.now() < until && !(failures > 0 && successesSinceFailure >= 20)) {
          const value = ++n;
          try {
            await db.query('insert into acknowledged values ($1)', [value]);
            acknowledged.push(value);
            successesSinceFailure++;
          } catch {
            failures++;
            successesSinceFailure = 0;
            await sleep(50);
          }
        }
      })();
      await sleep(300);
      process.kill(firstPid, 'SIGKILL');
      await writer;
      expect(failures).toBeGreaterThan(0); // the gap was real
      // The pool may reconnect a moment before the supervisor's own start-up check says the new
      // server is up (and records its pid): wait for that.
      for (let i = 0; i < 100 && server.pid === firstPid; i++) await sleep(100);
      expect(server.pid).not.toBe(firstPid);
      expect(isProcessAlive(server.pid)).toBe(true);
      const stored = (await db.query<{ n: number }>('select n from acknowledged order by n')).rows.map((r) => r.n);
      expect(stored).toEqual(expect.arrayContaining(acknowledged));
      expect(stored.length).toBe(acknowledged.length);
    } finally {
      await db.end();
      await server.stop();
    }
  });

  it('gives up (so the process can exit non-zero) when the server cannot be started again', async () => {
    const dataDir = await testDir('restart-fails');
    let gaveUp: Error | undefined;
    const server = await startEmbeddedPostgres({
      dataDir, systemUser: SYSTEM_USER, logger: silent, restartDelaysMs: [50, 50], onGiveUp: (error) => (gaveUp = error),
    });
    try {
      const pgDir = (await fs.readFile(path.join(dataDir, 'pg-location'), 'utf8').catch(() => dataDir)).trim();
      // A data folder that no longer starts: PG_VERSION gone.
      await fs.rm(path.join(pgDir === dataDir ? dataDir : pgDir, 'pg', 'PG_VERSION'));
      process.kill(server.pid, 'SIGKILL');
      const until = Date.now() + 30_000;
      while (!gaveUp && Date.now() < until) await sleep(100);
      expect(gaveUp?.message).toContain('未能重新启动');
    } finally {
      await server.stop();
    }
  });
});
