/**
 * Liveness checks for pids read from lock files (our gongkai.lock, PostgreSQL's postmaster.pid).
 * A pid in a lock file may be dead, or reused by an unrelated process after a reboot or in a
 * container: both mean the lock is stale.
 */
import { readFileSync } from 'node:fs';

/**
 * True when a process with this pid runs (EPERM: it exists but belongs to another user). A zombie
 * (exited, not yet reaped — common for orphans in containers whose init does not reap) is dead.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2); // "pid (comm) S …"
    return state === 'Z' || state === 'X';
  } catch {
    return false; // no /proc: trust kill(0)
  }
}

/**
 * The command line of a process (Linux /proc), or undefined where it cannot be read
 * (then callers must assume the pid is what the lock says).
 */
export function processCommandLine(pid: number): string | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // A zombie has an empty command line: it is dead for our purposes.
    return raw.replace(/\0/g, ' ').trim();
  } catch {
    return undefined;
  }
}

/** True when the pid is alive and, where /proc tells, its command line matches `pattern`. */
export function isProcessAliveAs(pid: number, pattern: RegExp): boolean {
  if (!isProcessAlive(pid)) return false;
  const commandLine = processCommandLine(pid);
  if (commandLine === undefined) return true;
  return pattern.test(commandLine);
}
