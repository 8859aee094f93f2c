/**
 * Migrations: numbered SQL files `migrations/NNNN_name.sql`, applied in order, each in its own
 * transaction, recorded in `schema_migrations` with a SHA-256 checksum. A file changed after it
 * was applied stops the run (files are never edited once they land: add a new one). Several
 * processes sharing one database serialise on a PostgreSQL advisory lock.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { AppError } from '../errors.ts';

/** The folder of the platform's migrations (every room adds its numbered files there). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** A migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Arbitrary constant key of the advisory lock ("gongkai:migrate"). */
const LOCK_KEY = 7_346_205_118;
const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the migration files of a folder, ordered by version; rejects duplicate numbers. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_RE.exec(name);
    if (!match) throw new AppError('db.migration_name', `迁移文件名 ${name} 不合规范：应为 NNNN_小写名称.sql`);
    const sql = await fs.readFile(path.join(dir, name), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new AppError('db.migration_duplicate', `迁移编号 ${match[1]} 重复：${name}`);
    }
    migrations.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/** Applies pending migrations; returns the names applied now (empty when up to date). */
export async function migrate(pool: pg.Pool, options: { dir?: string } = {}): Promise<string[]> {
  const migrations = await readMigrations(options.dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = new Map(
        (await client.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations'))
          .rows.map((r) => [r.version, r]),
      );
      assertAppliedUnchanged(migrations, applied);
      const done: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new AppError('db.migration_failed', `迁移 ${m.name} 执行失败，已回滚：${(error as Error).message}`, { cause: error });
        }
        done.push(m.name);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

function assertAppliedUnchanged(
  migrations: Migration[],
  applied: Map<number, { version: number; name: string; checksum: string }>,
): void {
  for (const row of applied.values()) {
    const file = migrations.find((m) => m.version === row.version);
    if (!file) {
      throw new AppError('db.migration_unknown', `数据库已应用迁移 ${row.name}，但本程序没有这个文件：请使用更新版本的程序`, { details: { version: row.version } });
    }
    if (file.checksum !== row.checksum) {
      throw new AppError(
        'db.migration_changed',
        `迁移 ${file.name} 在应用到数据库之后被修改过（校验和不一致）：已应用的迁移不得修改，请恢复原文件，把改动写成新的迁移`,
        { details: { version: row.version, applied: row.checksum, file: file.checksum } },
      );
    }
  }
}
