/** The app as the server builds it (the composition root's rooms), for in-process route tests. */
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import type { AppEnv } from '../../src/platform/http/types.ts';
import type { Services } from '../../src/platform/services.ts';

/** Every room's routes on the services. */
export function createTestApp(services: Services): Promise<Hono<AppEnv>> {
  return createApp(services);
}
