/**
 * The catalog room (主动公开, issue 18) as the composition root (src/app.ts) assembles it: the item API
 * (api-routes.ts), the staff pages (staff-routes.tsx), the public search API (search/routes.ts), the
 * statistics pages (statistics-routes.tsx: the due list, table 二, coverage, figures), and the commands
 * (`gongkai catalog import`, `gongkai catalog figures import`). At each publication one job
 * 'catalog.published' (payload { itemId }) is queued on the platform job queue: the portal room
 * registers its handler, which sends the subscription mails.
 */
import type { Room } from '../platform/room.ts';
import { catalogCommands } from './cli-commands.ts';
import { figuresCommands } from './figures-commands.ts';

/** The catalog room. */
export const catalogRoom: Room = {
  name: 'catalog',
  nav: [{ href: '/catalog', label: '主动公开', needs: 'records.read' }],
  routes: async (services) => {
    const [{ itemApiRoutes }, { itemApiPaths }, { staffCatalogRoutes }, { searchRoutes }, { statisticsRoutes, statisticsApiPaths }] = await Promise.all([
      import('./api-routes.ts'), import('./api-openapi.ts'), import('./staff-routes.tsx'), import('./search/routes.ts'), import('./statistics-routes.tsx'),
    ]);
    const routes = itemApiRoutes(services);
    const search = searchRoutes(services);
    routes.route('/', search.routes);
    routes.route('/', statisticsRoutes(services));
    routes.route('/', staffCatalogRoutes(services));
    return { routes, openapi: { ...itemApiPaths, ...search.openapi, ...statisticsApiPaths } };
  },
  commands: [...catalogCommands, ...figuresCommands],
  // The demo agency's items (after the accounts room created the agency and its people).
  onStart: async (services, { demoData }) => {
    if (demoData) await (await import('./demo.ts')).seedDemoCatalog(services);
  },
};
