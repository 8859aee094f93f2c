import type { CliCommand, CliIo } from '../cli-types.ts';
import { seedDemoReport } from '../report/service.ts';
import type { Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { createApp } from './http/app.ts';
import { startHttpServer } from './http/server.ts';
import { createServices } from './services.ts';

/** Resolves with the first of the signals received (handlers removed afterwards). */
export function waitForSignal(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [s, h] of handlers) process.removeListener(s, h);
        resolve(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
  });
}

/** Parses `--port N`, `--host H`, `--no-seed`. */
function parseServeArgs(args: readonly string[]): { config: Partial<Config>; seed: boolean } {
  const config: Partial<Config> = {};
  let seed = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--no-seed') seed = false;
    else if (arg === '--port' || arg === '--host') {
      const value = args[++i];
      if (value === undefined) throw new AppError('cli.usage', `${arg} 后面缺少取值`, { status: 400 });
      if (arg === '--host') config.host = value;
      else {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('cli.usage', `--port 应为 0–65535 的整数，实际为“${value}”`, { status: 400 });
        config.port = port;
      }
    } else throw new AppError('cli.usage', `不认识的参数：${arg}。用法：gongkai serve [--port 端口] [--host 地址] [--no-seed]`, { status: 400 });
  }
  return { config, seed };
}

const serve: CliCommand = {
  path: ['serve'],
  summary: '启动网站（年度报告检查）；首次启动时准备内置数据库并存入示例报告',
  usage: 'gongkai serve [--port 端口] [--host 地址] [--no-seed]',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parseServeArgs(args);
    const services = await createServices({ config: options.config });
    try {
      if (options.seed) await seedDemoReport(services.db, services.logger);
      const server = await startHttpServer(createApp(services), { port: services.config.port, host: services.config.host });
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
  },
};

const migrateCommand: CliCommand = {
  path: ['migrate'],
  summary: '应用数据库迁移（启动时也会自动应用）',
  usage: 'gongkai migrate',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    if (args.length > 0) throw new AppError('cli.usage', `gongkai migrate 不接受参数：${args.join(' ')}`, { status: 400 });
    const services = await createServices({ migrate: false });
    try {
      const applied = await migrate(services.db);
      io.stdout(applied.length === 0 ? '数据库已是最新，无需迁移。\n' : `已应用 ${applied.length} 个迁移：\n${applied.map((n) => `  ${n}\n`).join('')}`);
      return 0;
    } finally {
      await services.close();
    }
  },
};

/** The `gongkai` commands of the platform room. */
export const platformCommands: readonly CliCommand[] = [serve, migrateCommand];
