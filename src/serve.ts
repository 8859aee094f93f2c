/** What `gongkai serve` does (declared in app.ts): database, the rooms' start-up work, HTTP, until a signal. */
import { createApp, startRooms, type SERVE_OPTIONS } from './app.ts';
import { UsageError } from './platform/cli/args.ts';
import type { CommandRun } from './platform/cli/types.ts';
import type { Config } from './platform/config.ts';
import { startHttpServer } from './platform/http/server.ts';
import { waitForSignal } from './platform/signals.ts';

/** The config the options override. */
function configFrom(values: { port?: string; host?: string }): Partial<Config> {
  const config: Partial<Config> = {};
  if (values.host !== undefined) config.host = values.host;
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port 应为 0–65535 的整数，实际为“${values.port}”`);
    config.port = port;
  }
  return config;
}

/** Serves until SIGINT or SIGTERM, then closes the server and the services. */
export const runServe: CommandRun<typeof SERVE_OPTIONS> = async ({ values }, io, context) => {
  // A second site on the same data folder is refused (one app per data folder).
  const services = await context.openServices({ config: configFrom(values), shareRunning: false });
  try {
    await startRooms(services, { demoData: !values['no-seed'] });
    const server = await startHttpServer(await createApp(services), { port: services.config.port, host: services.config.host });
    const where = services.embedded ? `内置数据库，数据目录 ${services.config.dataDir}` : '外部数据库（DATABASE_URL）';
    io.stdout(`Gongkai 已启动：${server.url}\n${where}。按 Ctrl+C 停止。\n`);
    const signal = await waitForSignal();
    io.stdout(`收到 ${signal}，正在停止…\n`);
    await server.close();
  } finally {
    await services.close();
  }
  io.stdout('已停止。\n');
  return 0;
};
