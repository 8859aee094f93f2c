/**
 * The platform logger: pino, JSON lines on standard error (standard output stays for the CLI's
 * own output). Never log request bodies or personal data.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** Creates the root logger at a level. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'gongkai' } }, pino.destination({ fd: 2, sync: false }));
}
