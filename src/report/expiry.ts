/**
 * Anonymous checks are gone after 24 hours: reads already ignore them (`expires_at > now()`); this
 * deletes them, and anonymous uploads' results, when the site starts and every hour while it runs.
 */
import type { Services } from '../platform/services.ts';
import { purgeExpiredChecks } from './service.ts';

const EVERY_MS = 60 * 60 * 1000;

/** Purges now and every hour until the services close. */
export async function startExpiryPurge(services: Services): Promise<void> {
  const run = async () => {
    const { reports, uploads } = await purgeExpiredChecks(services.db);
    if (reports + uploads > 0) services.logger.info({ reports, uploads }, '已删除超过 24 小时的匿名检查结果');
  };
  await run();
  const timer = setInterval(() => void run().catch((error: unknown) => services.logger.warn({ err: (error as Error).message }, '删除过期的匿名检查结果失败')), EVERY_MS);
  timer.unref();
  services.onClose(async () => clearInterval(timer));
}
