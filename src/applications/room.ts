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
  routes: async (services) => {
    const [{ applicationApiRoutes }, { applicationApiPaths }] = await Promise.all([import('./api-routes.ts'), import('./api-openapi.ts')]);
    return { routes: applicationApiRoutes(services), openapi: applicationApiPaths };
  },
  commands: applicationsCommands,
  // The reminder scan and the mail outbox run in every server process (each job runs once across them).
  onStart: async (services) => {
    await (await import('./reminders.ts')).startApplicationJobs(services);
  },
};
