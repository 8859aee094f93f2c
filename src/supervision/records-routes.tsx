/** Placeholder until the supervision records' pages land (issue 19 §4). */
import { Hono } from 'hono';
import type { Services } from '../platform/services.ts';
import type { AppEnv } from '../platform/http/types.ts';

export function supervisionRecordRoutes(_services: Services): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
