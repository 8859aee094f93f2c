/** `gongkai migrate`: applies the pending database migrations and says which. */
import type { CommandRun } from './cli/types.ts';
import { migrate } from './db/migrate.ts';

/** Opens the database without migrating at start-up, so the command itself reports what it applied. */
export const runMigrate: CommandRun<Record<string, never>> = async (_args, io, context) => {
  const services = await context.openServices({ migrate: false });
  try {
    const applied = await migrate(services.db);
    io.stdout(applied.length === 0 ? '数据库已是最新，无需迁移。\n' : `已应用 ${applied.length} 个迁移：\n${applied.map((n) => `  ${n}\n`).join('')}`);
    return 0;
  } finally {
    await services.close();
  }
};
