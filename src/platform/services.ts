/**
 * The one composition root: config, database, logger. Used by the server, the CLI and tests.
 * (Stub: the platform room is writing it.)
 */
import type pg from 'pg';
import type { Logger } from 'pino';

export interface Services {
  db: pg.Pool;
  logger: Logger;
  close(): Promise<void>;
}

/** Starts (or connects to) the database, applies migrations, returns the services. */
export async function createServices(): Promise<Services> {
  throw new Error('createServices not implemented yet');
}
