/**
 * The applications room (依申请公开) as the composition root (src/app.ts) assembles it: its JSON API
 * (api-routes.ts), its commands (`gongkai applications stats|import|rekey`) and, when the server starts,
 * the deadline reminders and the mail outbox (reminders.ts). Everything is imported when used, so
 * listing the room loads none of it.
 */
import type { Room } from '../platform/room.ts';
import { applicationsCommands } from './cli-commands.ts';

/** The applications room. */
export const applicationsRoom: Room = {
  name: 'applications',
  nav: [
    { href: '/apply', label: '申请政府信息公开' },
    { href: '/applications', label: '依申请公开', needs: 'records.read' },
  ],
  routes: async (services) => {
    const [{ applicationApiRoutes }, { applicationApiPaths }, { lettersRouteModule }, { publicApplicationRoutes }, { staffApplicationRoutes }] = await Promise.all([
      import('./api-routes.ts'), import('./api-openapi.ts'), import('./letters/routes.tsx'), import('./public-routes.tsx'), import('./staff-routes.tsx'),
    ]);
    const routes = applicationApiRoutes(services);
    // The agencies' letter templates (editor, preview) and the letters' stylesheet.
    routes.route('/', lettersRouteModule(services).routes);
    // The pages: the public form and status look-up; the staff's cases, statistics and outbox.
    routes.route('/', publicApplicationRoutes(services));
    routes.route('/', staffApplicationRoutes(services));
    return { routes, openapi: applicationApiPaths };
  },
  commands: applicationsCommands,
  // The reminder scan and the mail outbox run in every server process (each job runs once across them).
  onStart: async (services) => {
    // A deployment without its personal-data key must not start (DATABASE_URL without GONGKAI_DATA_KEY).
    (await import('./personal-data.ts')).dataKeyring(services);
    await (await import('./reminders.ts')).startApplicationJobs(services);
  },
};
