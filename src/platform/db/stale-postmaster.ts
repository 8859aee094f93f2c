/**
 * Recovery after a crash: PostgreSQL's `postmaster.pid` left behind by a server that died, or by
 * one still running because the app that started it was killed (kill -9, OOM) and it was orphaned.
 * Called only while we hold the data folder's gongkai.lock, so no live app owns that server.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { isProcessAlive, processCommandLine } from './process-check.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isProcessAlive(pid)) return true;
    await sleep(100);
  }
  return false;
}

/** What was found and done about `postmaster.pid`. */
export type StalePostmasterOutcome = 'none' | 'removed-dead' | 'removed-reused' | 'stopped-orphan';

/**
 * Makes the data folder startable: removes a `postmaster.pid` whose process is dead or is some
 * other program (pid reused), and shuts down an orphaned postmaster of this very folder
 * (SIGINT = fast shutdown, then SIGQUIT, then SIGKILL).
 */
export async function clearStalePostmaster(pgDir: string, logger: Logger): Promise<StalePostmasterOutcome> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  let text: string;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch {
    return 'none';
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  const commandLine = Number.isInteger(pid) ? processCommandLine(pid) : undefined;

  if (!isProcessAlive(pid) || commandLine === '') {
    logger.warn({ pidFile, pid }, '发现上次异常退出留下的 postmaster.pid（进程已不存在），已删除');
    await fs.rm(pidFile, { force: true });
    return 'removed-dead';
  }
  if (commandLine !== undefined && !(commandLine.includes('postgres') && commandLine.includes(pgDir))) {
    logger.warn({ pidFile, pid }, 'postmaster.pid 中的进程号已被其他程序占用，已删除该文件');
    await fs.rm(pidFile, { force: true });
    return 'removed-reused';
  }

  logger.warn({ pid, pgDir }, '发现上次未正常退出时遗留的 PostgreSQL 进程，正在关闭它');
  for (const [signal, ms] of [['SIGINT', 30_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break; // already gone
    }
    if (await waitForExit(pid, ms)) break;
  }
  if (isProcessAlive(pid)) {
    throw new Error(`无法关闭遗留的 PostgreSQL 进程（pid ${pid}），请手动结束它后重试`);
  }
  // After SIGKILL the file stays; after a clean shutdown it is already gone.
  await fs.rm(pidFile, { force: true });
  return 'stopped-orphan';
}
