/**
 * Vitest global setup: ONE embedded PostgreSQL for the whole run, in a temporary data folder
 * (unless GONGKAI_TEST_DATABASE_URL or DATABASE_URL names a server to use). Test files get its
 * admin URL through `inject('pgAdminUrl')` and create their own database (test/support/db.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the `postgres` database of the test server, as a role that may create databases. */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['GONGKAI_TEST_DATABASE_URL'] || process.env['DATABASE_URL'];
  if (external) {
    project.provide('pgAdminUrl', external);
    return async () => {};
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gongkai-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    systemUser: process.env['GONGKAI_PG_USER'] || 'gongkai-pg',
    logger: pino({ level: 'warn' }),
  });
  project.provide('pgAdminUrl', server.urlFor('postgres'));
  return async () => {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
