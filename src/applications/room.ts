/**
 * The applications room (依申请公开) as the composition root (src/app.ts) assembles it: its JSON API
 * (api-routes.ts) and its commands (`gongkai applications stats|import`). The routes are imported when
 * the app is built, so listing the room loads none of them.
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
};
