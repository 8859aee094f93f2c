/**
 * Housekeeping of accounts while the site runs: ended sessions and stale sign-in counters are deleted
 * every 15 minutes (reads already ignore them; this keeps the tables small).
 */
import { deleteExpiredSessions } from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';

const EVERY_MS = 15 * 60 * 1000;

/** Deletes expired sessions and sign-in counters older than a day; returns how many of each. */
export async function sweepAccounts(services: Services): Promise<{ sessions: number; throttles: number }> {
  const sessions = await deleteExpiredSessions(services.db, services.config.sessionIdleSeconds);
  const { rowCount } = await services.db.query("DELETE FROM sign_in_throttle WHERE last_failure < now() - interval '24 hours' AND (locked_until IS NULL OR locked_until < now())");
  return { sessions, throttles: rowCount ?? 0 };
}

/** Sweeps now and every 15 minutes until the services close. */
export function startAccountHousekeeping(services: Services): void {
  const run = () => void sweepAccounts(services).catch((error: unknown) => services.logger.warn({ err: (error as Error).message }, '清理过期会话失败'));
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  services.onClose(async () => clearInterval(timer));
}
