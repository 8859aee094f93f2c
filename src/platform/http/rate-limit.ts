/**
 * A limit on how often one client address may post a public form that creates work for an agency or
 * sends mail (an application, a subscription): counted in PostgreSQL, so every app process shares the
 * count. A fixed window per hour; the 429 page says when to try again.
 */
import { createMiddleware } from 'hono/factory';
import type { Queryable } from '../db/queryable.ts';
import { AppError } from '../errors.ts';
import { clientIp } from './session.ts';
import type { AppEnv } from './types.ts';

/** What one limit allows. */
export interface RateLimit {
  /** Names the form in the key, e.g. 'apply'. */
  readonly action: string;
  /** Posts allowed per address in one window. */
  readonly perWindow: number;
  readonly windowSeconds: number;
  /** What the client was trying to do, for the message (“提交申请”). */
  readonly doing: string;
}

/** Counts one hit of `key` in the window that holds `now`; returns the hits so far and the seconds left in the window. */
export async function countHit(db: Queryable, key: string, windowSeconds: number, now: number): Promise<{ hits: number; secondsLeft: number }> {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const { rows } = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, to_timestamp($2), 1)
     ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
    [key, windowStart],
  );
  // Old windows are dropped now and then by the request that opens a new one.
  if (rows[0]!.hits === 1) await db.query('DELETE FROM rate_limits WHERE window_start < to_timestamp($1)', [windowStart - 86_400]);
  return { hits: rows[0]!.hits, secondsLeft: windowStart + windowSeconds - Math.floor(now / 1000) };
}

/**
 * The middleware that refuses (429) an anonymous client over the limit; put it after the route's
 * `access(…)`. Signed-in staff (entering a letter received by post, say) are not limited.
 */
export function rateLimited(db: Queryable, limit: RateLimit, trustProxy: boolean, clock: () => number = Date.now) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('viewer')) return next();
    const address = clientIp(c, trustProxy) ?? 'unknown';
    const { hits, secondsLeft } = await countHit(db, `${limit.action}:${address}`, limit.windowSeconds, clock());
    if (hits > limit.perWindow) {
      const minutes = Math.max(1, Math.ceil(secondsLeft / 60));
      throw new AppError('http.rate_limited', `${limit.doing}过于频繁：同一网络地址每小时最多${limit.perWindow}次。请 ${minutes} 分钟后再试；如需大量提交，请联系受理机关。`, {
        status: 429, details: { retryAfterSeconds: secondsLeft, limit: limit.perWindow },
      });
    }
    return next();
  });
}
