/**
 * The day it is in China. Statutory dates (第二十六条、第三十三条) are counted in Beijing time (UTC+8, no
 * summer time) whatever the server's time zone; code that needs “today” takes a clock so tests can
 * set it, and pure cores take the day itself as a parameter.
 */

/** Milliseconds since the epoch: `Date.now` in production, a fixed instant in tests. */
export type Clock = () => number;

/** Today in Beijing as 'YYYY-MM-DD'. */
export function todayIn(clock: Clock = Date.now): string {
  return new Date(clock() + 8 * 3600_000).toISOString().slice(0, 10);
}
