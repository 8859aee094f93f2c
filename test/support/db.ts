/**
 * A fresh database per test file on the run's PostgreSQL (test/global-setup.ts), migrations
 * applied, so that test files are isolated and run in parallel.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase, withDatabase } from '../../src/platform/db/admin.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { createPool } from '../../src/platform/db/pool.ts';

/** A database of one test file. */
export interface TestDatabase {
  /** Its connection URL (pass as `databaseUrl` to createServices). */
  url: string;
  pool: pg.Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** The admin URL provided by the global setup. */
export function adminUrl(): string {
  return inject('pgAdminUrl');
}

/** Creates a database with a unique name; applies the migrations unless `migrate: false`. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `gk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(admin, name);
  const url = withDatabase(admin, name);
  const pool = createPool(url, { max: 4 });
  if (options.migrate !== false) await migrate(pool);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await dropDatabase(admin, name);
    },
  };
}
