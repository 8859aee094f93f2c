/**
 * The portal's routes, mounted at '/': the public pages, the item pages, search, the feeds, the
 * subscriptions, and the staff form of the 指南/制度 texts. One page cache per app.
 */
import { Hono } from 'hono';
import type { AppEnv, RouteModule } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { feedApiPaths } from './feed-openapi.ts';
import { feedRoutes } from './feed-routes.ts';
import { makePortal } from './http.ts';
import { itemRoutes } from './item-routes.tsx';
import { publicPortalRoutes } from './public-routes.tsx';
import { searchRoutes } from './search-routes.tsx';
import { subscriptionRoutes } from './subscription-routes.tsx';
import { textsRoutes } from './texts-routes.tsx';

/** The portal's route module. */
export function portalRoutes(services: Services, clock?: () => Date): RouteModule {
  const portal = makePortal(services, clock);
  const app = new Hono<AppEnv>();
  // Search first: /open/search is not an agency's page.
  app.route('/', searchRoutes(portal));
  app.route('/', publicPortalRoutes(portal));
  app.route('/', textsRoutes(portal));
  app.route('/', subscriptionRoutes(portal));
  app.route('/', itemRoutes(portal));
  app.route('/', feedRoutes(portal));
  return { routes: app, openapi: feedApiPaths };
}
