/** Placeholder until the supervisor's dashboard lands (issue 19 §5). */
import { Hono } from 'hono';
import type { Services } from '../platform/services.ts';
import type { AppEnv } from '../platform/http/types.ts';

export function dashboardRoutes(_services: Services): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
