/**
 * Services for a test file: the real composition root on a fresh test database, silent logger.
 */
import { pino } from 'pino';
import type { Config } from '../../src/platform/config.ts';
import { createServices } from '../../src/platform/services.ts';
import type { Services } from '../../src/platform/services.ts';
import { createTestDatabase } from './db.ts';

/** Services on a fresh database; `close()` also drops the database. */
export async function createTestServices(config: Partial<Config> = {}): Promise<Services> {
  const database = await createTestDatabase();
  const services = await createServices({
    env: {},
    config: { databaseUrl: database.url, logLevel: 'silent', ...config },
    logger: pino({ level: 'silent' }),
  });
  const close = services.close;
  return {
    ...services,
    close: async () => {
      await close();
      await database.drop();
    },
  };
}
