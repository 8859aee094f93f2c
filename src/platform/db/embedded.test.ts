import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';
import { ensureNativeSymlinks, findNativeBinaries } from './native-binaries.ts';
import { isProcessAlive } from './process-check.ts';
import { isRoot } from './system-user.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SYSTEM_USER = process.env['GONGKAI_PG_USER'] || 'gongkai-pg';
const silent = pino({ level: 'silent' });
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gongkai-embedded-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const start = (logger = silent) => startEmbeddedPostgres({ dataDir, systemUser: SYSTEM_USER, logger });

async function query(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as Record<string, unknown>;
  } finally {
    await client.end();
  }
}

/** Runs the CLI in another process; resolves with its exit code and output. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/gongkai.js', ...args], { cwd: REPO, env: { ...process.env, ...env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A pid that certainly belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('embedded PostgreSQL', () => {
  it('initialises on first start, listens on loopback only, keeps fsync on, records its port, stops cleanly', async () => {
    const server = await start();
    let pid: number;
    try {
      pid = server.pid;
      const settings = await query(server.urlFor(), "SELECT current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets");
      expect(settings).toEqual({ fsync: 'on', listen: '127.0.0.1', sockets: '' });
      const lock = JSON.parse(await fs.readFile(path.join(dataDir, 'gongkai.lock'), 'utf8')) as { pid: number; port: number };
      expect(lock).toMatchObject({ pid: process.pid, port: server.port });
      expect((await fs.stat(path.join(dataDir, 'pg-password'))).mode & 0o777).toBe(0o600);
    } finally {
      await server.stop();
    }
    expect(isProcessAlive(pid)).toBe(false);
    await expect(fs.access(path.join(dataDir, 'gongkai.lock'))).rejects.toThrow();
  });

  it.runIf(isRoot())('as root, runs PostgreSQL as the unprivileged system user, who owns the data', async () => {
    const server = await start();
    try {
      expect(server.runAs?.user).toBe(SYSTEM_USER);
      const status = await fs.readFile(`/proc/${server.pid}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      expect(uid).toBe(server.runAs?.uid);
      expect(uid).not.toBe(0);
      expect((await fs.stat(path.join(dataDir, 'pg'))).uid).toBe(uid);
      expect(await query(server.urlFor(), 'SELECT 1 AS ok')).toEqual({ ok: 1 });
    } finally {
      await server.stop();
    }
  });

  it('refuses a second instance on the same data folder, in this process and from another process; operator commands share it', async () => {
    const server = await start();
    try {
      await expect(start()).rejects.toMatchObject({ code: 'platform.data_dir_in_use' });
      const site = await runCli(['serve', '--port', '0', '--no-seed'], { GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      expect(site.code).toBe(2);
      expect(site.stderr).toContain(`数据目录 ${dataDir} 正被另一个 Gongkai 进程（pid ${process.pid}）使用`);
      // An operator command connects to the running server instead of refusing (issue 16 §4).
      const command = await runCli(['agency', 'list', '--json'], { GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      expect(command).toMatchObject({ code: 0, stderr: '' });
      expect(await query(server.urlFor(), 'SELECT 1 AS ok')).toEqual({ ok: 1 }); // the first is unharmed
    } finally {
      await server.stop();
    }
  });

  it('starts after a crash left a stale postmaster.pid and gongkai.lock whose processes are dead', async () => {
    const pid = await deadPid();
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    await fs.writeFile(pidFile, `${pid}\n${path.join(dataDir, 'pg')}\n1700000000\n5432\n\n127.0.0.1\n  0  0\nready   \n`);
    await fs.writeFile(path.join(dataDir, 'gongkai.lock'), JSON.stringify({ pid, port: 5432, startedAt: '2024-01-01T00:00:00Z' }));
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const server = await start(logger);
    try {
      expect(await query(server.urlFor(), 'SELECT 1 AS ok')).toEqual({ ok: 1 });
      expect(lines.join('')).toContain('postmaster.pid（进程已不存在），已删除');
    } finally {
      await server.stop();
    }
  });

  it('recovers after the app was killed with SIGKILL and left its PostgreSQL running', async () => {
    const child = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--port', '0', '--no-seed'], {
      cwd: REPO,
      env: { ...process.env, GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('已启动') && resolve());
      child.on('exit', (code) => reject(new Error(`serve exited early: ${code}`)));
    });
    const orphan = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isProcessAlive(orphan)).toBe(true); // the crash left the server running

    const server = await start();
    try {
      expect(server.pid).not.toBe(orphan);
      expect(isProcessAlive(orphan)).toBe(false);
      expect(await query(server.urlFor(), 'SELECT 1 AS ok')).toEqual({ ok: 1 });
    } finally {
      await server.stop();
    }
  });
});

describe('native binaries', () => {
  it('the installed platform package has every library link it lists', async () => {
    const { packageDir, postgres } = findNativeBinaries();
    await ensureNativeSymlinks(packageDir);
    const links = JSON.parse(await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as { target: string }[];
    for (const link of links) await expect(fs.stat(path.join(packageDir, link.target))).resolves.toBeTruthy();
    await expect(fs.access(postgres)).resolves.toBeUndefined();
  });

  it('recreates missing library links (npm may skip the package postinstall script)', async () => {
    const fake = await fs.mkdtemp(path.join(os.tmpdir(), 'gongkai-native-'));
    try {
      await fs.mkdir(path.join(fake, 'native', 'lib'), { recursive: true });
      await fs.writeFile(path.join(fake, 'native', 'lib', 'libpq.so.5.18'), 'lib');
      await fs.writeFile(path.join(fake, 'native', 'pg-symlinks.json'), JSON.stringify([
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
      ]));
      expect(await ensureNativeSymlinks(fake)).toEqual(['native/lib/libpq.so.5', 'native/lib/libpq.so']);
      expect(await fs.readlink(path.join(fake, 'native', 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
      expect(await fs.readFile(path.join(fake, 'native', 'lib', 'libpq.so'), 'utf8')).toBe('lib');
      expect(await ensureNativeSymlinks(fake)).toEqual([]);
    } finally {
      await fs.rm(fake, { recursive: true, force: true });
    }
  });
});
