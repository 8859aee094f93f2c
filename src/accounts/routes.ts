/** The accounts room's pages, mounted together. */
import { Hono } from 'hono';
import type { AppEnv, RouteModule } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { adminRoutes } from './admin-routes.tsx';
import { auditRoutes } from './audit-routes.tsx';
import { meRoutes } from './me-routes.tsx';
import { signInRoutes } from './sign-in-routes.tsx';

export function accountsRouteModule(services: Services): RouteModule {
  const app = new Hono<AppEnv>();
  app.route('/', signInRoutes(services));
  app.route('/', meRoutes(services));
  app.route('/', adminRoutes(services));
  app.route('/', auditRoutes(services));
  return { routes: app };
}
