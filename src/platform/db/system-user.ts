/**
 * PostgreSQL refuses to run as root ("root" execution of the PostgreSQL server is not permitted).
 * When the app runs as root (containers, CI), the embedded server runs as an unprivileged system
 * user, created on first use: a system account without a home or login shell.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The uid/gid a child process is started with. */
export interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

/** True when this process runs as root. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function lookup(user: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { user, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Finds the system user, creating it (`useradd --system --user-group`) if absent. Root only. */
export async function ensureSystemUser(user: string): Promise<RunAs> {
  const found = await lookup(user);
  if (found) return found;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', user]);
  } catch (error) {
    // Two processes may race to create it: look again before failing.
    const raced = await lookup(user);
    if (raced) return raced;
    throw new Error(`以 root 运行时需要系统用户 ${user} 来运行 PostgreSQL，但创建失败：${(error as Error).message}`, { cause: error });
  }
  const created = await lookup(user);
  if (!created) throw new Error(`已创建系统用户 ${user}，但无法查到它的 uid`);
  return created;
}

/** Gives a folder tree to the user (chown -R), so PostgreSQL can own its data. */
export async function chownTree(dir: string, owner: RunAs): Promise<void> {
  await fs.chown(dir, owner.uid, owner.gid);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(p, owner);
    else await fs.lchown(p, owner.uid, owner.gid);
  }
}
