/**
 * One app instance per data folder: `<data>/gongkai.lock` holds the pid (and the embedded
 * PostgreSQL port) of the instance using it. A lock whose process is gone is stale and taken over.
 */
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '../errors.ts';
import { isProcessAliveAs } from './process-check.ts';

/** What the lock file records. */
export interface LockInfo {
  pid: number;
  /** Port of the embedded PostgreSQL, once started. */
  port?: number;
  startedAt: string;
}

/** A held lock. */
export interface DataDirLock {
  readonly file: string;
  /** Records more facts (the port) in the lock file. */
  update(info: Partial<LockInfo>): Promise<void>;
  /** Removes the lock file. */
  release(): Promise<void>;
}

const LOCK_NAME = 'gongkai.lock';
/** Data folders this process holds, so a second start in the same process is refused too. */
const held = new Set<string>();

async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

/** The lock of a data folder held by another live Gongkai process, if any. */
export async function readLiveLock(dataDir: string): Promise<LockInfo | undefined> {
  const holder = await readLock(path.join(dataDir, LOCK_NAME));
  if (!holder || holder.pid === process.pid || !isProcessAliveAs(holder.pid, /node|gongkai|tsx|vitest/)) return undefined;
  return holder;
}

function refuse(dataDir: string, pid: number): ConflictError {
  return new ConflictError(
    'platform.data_dir_in_use',
    `数据目录 ${dataDir} 正被另一个 Gongkai 进程（pid ${pid}）使用：同一数据目录只能运行一个实例。` +
      `请先停止那个进程，或用 GONGKAI_DATA_DIR 指定另一个目录，或用 DATABASE_URL 让多个进程共用一个 PostgreSQL。`,
    { dataDir, pid },
  );
}

/** Takes the data folder's lock or throws ConflictError (code platform.data_dir_in_use). */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_NAME);
  if (held.has(dataDir)) throw refuse(dataDir, process.pid);
  await fs.mkdir(dataDir, { recursive: true });
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(info), { flag: 'wx', mode: 0o644 });
      held.add(dataDir);
      const onExit = () => rmSync(file, { force: true });
      process.once('exit', onExit);
      return {
        file,
        update: async (more) => {
          info = { ...info, ...more };
          await fs.writeFile(file, JSON.stringify(info));
        },
        release: async () => {
          process.removeListener('exit', onExit);
          held.delete(dataDir);
          const current = await readLock(file);
          if (current?.pid === process.pid) await fs.rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(file);
    if (holder === undefined) {
      // Unreadable: a writer may be between create and write; give it a moment, then treat as stale.
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs < 2000) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
    } else if (holder.pid !== process.pid && isProcessAliveAs(holder.pid, /node|gongkai|tsx|vitest/)) {
      throw refuse(dataDir, holder.pid);
    }
    await fs.rm(file, { force: true });
  }
  throw new ConflictError('platform.data_dir_lock_failed', `无法取得数据目录 ${dataDir} 的锁文件 ${file}`);
}
