/**
 * The platform's services: config, database (embedded or DATABASE_URL), migrations, logger.
 * The composition root (src/app.ts) gives them to the rooms; the server, the CLI and tests build
 * them here. No DI container.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { ensureDatabase } from './db/admin.ts';
import { connectToRunningEmbedded, startEmbeddedPostgres } from './db/embedded.ts';
import { sealUnchainedAuditRows } from './audit/verify.ts';
import { AppError } from './errors.ts';
import type { EmbeddedPostgres } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createPool } from './db/pool.ts';
import { createLogger } from './logger.ts';

/** What every part of the app is given. */
export interface Services {
  config: Config;
  db: pg.Pool;
  logger: Logger;
  /** The embedded server when DATABASE_URL is not set (its port, pid, stop). */
  embedded: EmbeddedPostgres | undefined;
  /** Work to do when the services close, before the database goes (a room's worker threads). */
  onClose(task: () => Promise<void>): void;
  /** Runs the onClose tasks, closes the pool, then stops the embedded server. Idempotent. */
  close(): Promise<void>;
}

/** Replacements for tests and tools. */
export interface ServiceOverrides {
  /** Environment to parse instead of process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Fields that win over the parsed environment (e.g. a test database URL). */
  config?: Partial<Config>;
  logger?: Logger;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /**
   * When another Gongkai process (the running site) holds the data folder, connect to its embedded
   * server instead of refusing (operator commands; `gongkai serve` still refuses a second site).
   */
  shareRunning?: boolean;
}

/** Name of the app's database on the embedded server. */
export const EMBEDDED_DATABASE = 'gongkai';

/** Starts (or connects to) the database, applies migrations, returns the services. */
export async function createServices(overrides: ServiceOverrides = {}): Promise<Services> {
  const config: Config = { ...loadConfig(overrides.env ?? process.env), ...overrides.config };
  const logger = overrides.logger ?? createLogger(config.logLevel);

  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startOrShare(config, logger, overrides.shareRunning === true);
    try {
      await ensureDatabase(embedded.urlFor('postgres'), EMBEDDED_DATABASE);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    url = embedded.urlFor(EMBEDDED_DATABASE);
  }

  const db = createPool(url);
  try {
    if (overrides.migrate !== false) {
      const applied = await migrate(db);
      if (applied.length > 0) logger.info({ applied }, '已应用数据库迁移');
      const sealed = await sealUnchainedAuditRows(db);
      if (sealed > 0) logger.info({ sealed }, '已把旧的审计记录纳入校验链');
    }
  } catch (error) {
    await db.end();
    await embedded?.stop();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const closeTasks: (() => Promise<void>)[] = [];
  return {
    config,
    db,
    logger,
    embedded,
    onClose: (task) => {
      closeTasks.push(task);
    },
    close: () =>
      (closing ??= (async () => {
        await Promise.allSettled(closeTasks.map((task) => task()));
        await db.end();
        await embedded?.stop();
      })()),
  };
}

/** Starts the embedded server, or (for operator commands) connects to the one the running site started. */
async function startOrShare(config: Config, logger: Logger, share: boolean): Promise<EmbeddedPostgres> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startEmbeddedPostgres({ dataDir: config.dataDir, systemUser: config.pgSystemUser, logger });
    } catch (error) {
      if (!share || !(error instanceof AppError) || error.code !== 'platform.data_dir_in_use') throw error;
      const running = await connectToRunningEmbedded(config.dataDir);
      if (running) {
        logger.debug({ port: running.port }, '连接到正在运行的 Gongkai 的内置数据库');
        return running;
      }
      // The holder went away meanwhile: start our own.
      if (attempt >= 2) throw error;
    }
  }
}
