/**
 * The composition root: the one list of rooms. The server (`gongkai serve`), the CLI (src/cli.ts)
 * and the tests (test/support/) build the app from it; a new room is added here and nowhere else.
 * platform/ provides the machinery (HTTP, CLI, database, config) and imports no room.
 */
import type { Hono } from 'hono';
import { accountsRoom } from './accounts/room.ts';
import { applicationsRoom } from './applications/room.ts';
import { catalogRoom } from './catalog/room.ts';
import { lawRoom } from './law/edge/room.ts';
import { defineCommand, type Command } from './platform/cli/types.ts';
import { platformCommands } from './platform/commands.ts';
import type { AppEnv } from './platform/http/types.ts';
import type { Room, RoomStartOptions } from './platform/room.ts';
import type { Services } from './platform/services.ts';
import { portalRoom } from './portal/room.ts';
import { reportRoom } from './report/room.ts';
import { supervisionRoom } from './supervision/room.ts';

/** The rooms, in the order of the navigation, the mounted routes and `gongkai help`. */
export const ROOMS: readonly Room[] = [accountsRoom, reportRoom, applicationsRoom, catalogRoom, portalRoom, supervisionRoom, lawRoom];

/** Options of `gongkai serve`. */
export const SERVE_OPTIONS = {
  port: { type: 'string', value: '端口', description: 'HTTP 端口（默认 PORT 或 3000；0 表示任一空闲端口）' },
  host: { type: 'string', value: '地址', description: '监听地址（默认 HOST 或 127.0.0.1）' },
  'no-seed': { type: 'boolean', description: '空数据库时不存入示例报告' },
} as const;

/** Every `gongkai` command: serve, the platform's, then each room's. */
export const COMMANDS: readonly Command[] = [
  defineCommand({
    path: ['serve'],
    summary: '启动网站（年度报告检查）；首次启动时准备内置数据库并存入示例报告',
    usage: 'gongkai serve [--port 端口] [--host 地址] [--no-seed]',
    options: SERVE_OPTIONS,
    load: async () => (await import('./serve.ts')).runServe,
  }),
  ...platformCommands,
  ...ROOMS.flatMap((room) => room.commands ?? []),
];

/** The HTTP app of the rooms on the services (in-process tests call `app.request(...)`). */
export async function createApp(services: Services, rooms: readonly Room[] = ROOMS): Promise<Hono<AppEnv>> {
  // Loaded here, not at the top, so that the CLI's command table does not load the HTTP stack.
  const { createHttpApp } = await import('./platform/http/app.ts');
  const modules = await Promise.all(rooms.flatMap((room) => (room.routes ? [room.routes(services)] : [])));
  return createHttpApp(services, { modules, nav: rooms.flatMap((room) => room.nav ?? []) });
}

/** Runs each room's start-up work, in order (the server calls it once the database is ready). */
export async function startRooms(services: Services, options: RoomStartOptions, rooms: readonly Room[] = ROOMS): Promise<void> {
  for (const room of rooms) await room.onStart?.(services, options);
}
