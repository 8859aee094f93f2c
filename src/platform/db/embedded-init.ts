/**
 * First use of an embedded data folder: `initdb` with a random superuser password (kept in
 * `<dataDir>/pg-password`, mode 0600), UTF-8, C collation, password (SCRAM) authentication.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { RunAs } from './system-user.ts';

/** The embedded server's superuser. */
export const SUPERUSER = 'gongkai';

interface InitOptions {
  dataDir: string;
  pgDir: string;
  initdb: string;
  runAs: RunAs | undefined;
  logger: Logger;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

/** Initialises the cluster if needed; returns the superuser password. */
export async function initCluster(o: InitOptions): Promise<string> {
  const passwordFile = path.join(o.dataDir, 'pg-password');
  if (await exists(path.join(o.pgDir, 'PG_VERSION'))) {
    try {
      return (await fs.readFile(passwordFile, 'utf8')).trim();
    } catch {
      throw new Error(`找不到内置数据库的密码文件 ${passwordFile}：它与 ${o.pgDir} 一同创建，请从备份恢复`);
    }
  }
  await fs.mkdir(o.pgDir, { recursive: true, mode: 0o700 });
  if ((await fs.readdir(o.pgDir)).length > 0) {
    throw new Error(`${o.pgDir} 不是完整的 PostgreSQL 数据目录（缺少 PG_VERSION），可能上次初始化被中断：确认其中没有需要的数据后删除它，再重新启动`);
  }
  if (o.runAs) await fs.chown(o.pgDir, o.runAs.uid, o.runAs.gid);

  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(passwordFile, password + '\n', { mode: 0o600 });
  // initdb reads the password from a file; it runs as runAs, so that user must own it briefly
  // (beside the cluster, which that user can reach; the data folder itself may be closed to it).
  const pwFile = path.join(path.dirname(o.pgDir), `.initdb-pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwFile, password + '\n', { mode: 0o600 });
  if (o.runAs) await fs.chown(pwFile, o.runAs.uid, o.runAs.gid);
  o.logger.info({ pgDir: o.pgDir, user: o.runAs?.user }, '首次使用：正在初始化内置 PostgreSQL 数据目录');
  try {
    await runToEnd(o.initdb, [
      `--pgdata=${o.pgDir}`, `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256',
      '--encoding=UTF8', '--no-locale', '--no-instructions',
    ], o.runAs);
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  return password;
}

function runToEnd(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      uid: runAs?.uid,
      gid: runAs?.gid,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb 失败（退出码 ${code ?? '-'}）：${output.slice(-2000)}`)),
    );
  });
}

/** The last lines a log file gained since byte `offset` (for error messages). */
export async function readLogSince(file: string, offset: number): Promise<string> {
  try {
    const text = (await fs.readFile(file)).subarray(offset).toString('utf8');
    return text.split('\n').filter(Boolean).slice(-15).join('\n');
  } catch {
    return '';
  }
}
