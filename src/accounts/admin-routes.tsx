/** Placeholder, replaced by the module's implementation. */
import { Hono } from 'hono';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';

export function adminRoutes(_services: Services): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
