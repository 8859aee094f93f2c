/**
 * The administration of agencies and people (issue 16 §1, §2): the agencies' pages
 * (admin-agency-routes.tsx) and the people's (admin-people-routes.tsx). Every route declares its
 * access; the use-cases of src/platform/accounts/service.ts check grants again and write the audit log.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { agencyRoutes } from './admin-agency-routes.tsx';
import { peopleRoutes } from './admin-people-routes.tsx';

/** The administration routes. */
export function adminRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', agencyRoutes(services));
  app.route('/', peopleRoutes(services));
  return app;
}
