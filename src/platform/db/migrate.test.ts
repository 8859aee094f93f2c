import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { TestDatabase } from '../../../test/support/db.ts';
import { AppError } from '../errors.ts';
import { migrate, readMigrations } from './migrate.ts';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gongkai-migrations-'));
});
afterAll(async () => {
  await db.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const write = (name: string, sql: string) => fs.writeFile(path.join(dir, name), sql);
const tables = async () =>
  (await db.pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);

describe('migrate', () => {
  it('the platform migrations apply on an empty database and create audit_log with exactly its columns', async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const applied = await migrate(fresh.pool);
      expect(applied.slice(0, 2)).toEqual(['0001_platform.sql', '0002_reports.sql']);
      const columns = await fresh.pool.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' ORDER BY ordinal_position",
      );
      expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'at', 'actor', 'action', 'subject', 'details', 'person_id', 'token_id', 'agency_id', 'ip', 'prev_hash', 'hash']);
      expect(await migrate(fresh.pool)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('applies files in order, each once, and records them with a checksum', async () => {
    await write('0001_first.sql', 'CREATE TABLE a (id int);');
    await write('0002_second.sql', 'CREATE TABLE b (id int); INSERT INTO b VALUES (1);');
    expect(await migrate(db.pool, { dir })).toEqual(['0001_first.sql', '0002_second.sql']);
    expect(await tables()).toEqual(['a', 'b', 'schema_migrations']);
    const rows = (await db.pool.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows;
    expect(rows.map((r) => [r.version, r.name])).toEqual([[1, '0001_first.sql'], [2, '0002_second.sql']]);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(db.pool, { dir })).toEqual([]);
  });

  it('refuses to run when an applied file was changed', async () => {
    await write('0001_first.sql', 'CREATE TABLE a (id int, name text);');
    await expect(migrate(db.pool, { dir })).rejects.toMatchObject({ code: 'db.migration_changed' });
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/0001_first\.sql 在应用到数据库之后被修改过/);
    await write('0001_first.sql', 'CREATE TABLE a (id int);');
  });

  it('rolls back a failing migration completely and applies nothing after it', async () => {
    await write('0003_broken.sql', 'CREATE TABLE c (id int); SELECT * FROM no_such_table;');
    await write('0004_after.sql', 'CREATE TABLE d (id int);');
    const error = await migrate(db.pool, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('迁移 0003_broken.sql 执行失败，已回滚');
    expect(await tables()).toEqual(['a', 'b', 'schema_migrations']);
    await fs.rm(path.join(dir, '0003_broken.sql'));
    await fs.rm(path.join(dir, '0004_after.sql'));
  });

  it('serialises concurrent runs on the advisory lock: each file applied exactly once', async () => {
    await write('0005_counter.sql', 'CREATE TABLE e (id int); INSERT INTO e VALUES (1);');
    const results = await Promise.all([migrate(db.pool, { dir }), migrate(db.pool, { dir }), migrate(db.pool, { dir })]);
    expect(results.flat()).toEqual(['0005_counter.sql']);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM e')).rows[0].n).toBe(1);
  });

  it('refuses a database that has a migration this program does not know', async () => {
    await db.pool.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (99, '0099_future.sql', 'x')");
    await expect(migrate(db.pool, { dir })).rejects.toMatchObject({ code: 'db.migration_unknown' });
    await db.pool.query('DELETE FROM schema_migrations WHERE version = 99');
  });

  it('rejects badly named files', async () => {
    await write('7_bad name.sql', 'SELECT 1');
    await expect(readMigrations(dir)).rejects.toThrow(/不合规范/);
    await fs.rm(path.join(dir, '7_bad name.sql'));
  });
});
