/**
 * Services for a test file: the real composition root on a fresh test database, silent logger.
 */
import { pino } from 'pino';
import type { Config } from '../../src/platform/config.ts';
import { createServices } from '../../src/platform/services.ts';
import type { Services } from '../../src/platform/services.ts';
import { createTestDatabase } from './db.ts';

/**
 * The personal-data key of test services: a deployment on DATABASE_URL (as tests are) must have one
 * (src/applications/personal-data.ts). Fixed, so a failing test's ciphers can be read.
 */
export const TEST_DATA_KEY = '7e57da7a'.repeat(8);

/** Services on a fresh database; `close()` also drops the database. */
export async function createTestServices(config: Partial<Config> = {}): Promise<Services> {
  const database = await createTestDatabase();
  const services = await createServices({
    env: {},
    config: { databaseUrl: database.url, logLevel: 'silent', personalDataKey: TEST_DATA_KEY, ...config },
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
