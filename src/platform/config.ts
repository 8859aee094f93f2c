/**
 * The platform's configuration, read from the environment once, with a schema, failing fast
 * with a Chinese message that names the variable, what was expected and what was found.
 */
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** pino log levels accepted by `LOG_LEVEL`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The parsed configuration; every field has a value (defaults applied). */
export interface Config {
  /** HTTP port (`PORT`, default 3000; 0 picks a free port). */
  port: number;
  /** Address the HTTP server binds (`HOST`, default 127.0.0.1: loopback only). */
  host: string;
  /** Absolute data folder (`GONGKAI_DATA_DIR`, default `./data`): embedded PostgreSQL, lock file. */
  dataDir: string;
  /** External PostgreSQL (`DATABASE_URL`); when set, nothing is embedded. */
  databaseUrl: string | undefined;
  /** pino level (`LOG_LEVEL`, default info). */
  logLevel: LogLevel;
  /** Upper limit of one upload request in bytes (`GONGKAI_MAX_UPLOAD_MB`, default 20). */
  maxUploadBytes: number;
  /** An uploaded file still being read after this long is stopped (`GONGKAI_IMPORT_TIMEOUT_S`, default 60). */
  importTimeoutMs: number;
  /** System user that runs the embedded PostgreSQL when the app runs as root (`GONGKAI_PG_USER`). */
  pgSystemUser: string;
  /** Further origins allowed to POST forms, e.g. behind a proxy (`GONGKAI_ALLOWED_ORIGINS`, comma-separated). */
  allowedOrigins: string[];
  /**
   * Host names (optionally with port) the site answers to (`GONGKAI_PUBLIC_HOSTS`, comma-separated).
   * Bound to loopback, only loopback names and these are answered (DNS rebinding); bound elsewhere
   * with none given, any Host is answered.
   */
  publicHosts: string[];
  /** Trust `X-Forwarded-Proto`/`X-Forwarded-Host` from a reverse proxy (`GONGKAI_TRUST_PROXY`, default false). */
  trustProxy: boolean;
  /** Public forms that create work or send mail, per client address and hour (`GONGKAI_PUBLIC_POSTS_PER_HOUR`, default 20). */
  publicPostsPerHour: number;
  /** A session unused this long ends (`GONGKAI_SESSION_IDLE_MIN`, default 30 minutes). */
  sessionIdleSeconds: number;
  /** A session ends this long after sign-in, used or not (`GONGKAI_SESSION_MAX_HOURS`, default 12). */
  sessionMaxSeconds: number;
  /** Shortest password accepted (`GONGKAI_PASSWORD_MIN_LENGTH`, default 10). */
  passwordMinLength: number;
  /**
   * Key that encrypts applicants' ID numbers at rest (`GONGKAI_DATA_KEY`: 64 hex digits = 256 bits).
   * Unset: a key kept in `<data>/data-key` (made on first use, mode 0600) for the embedded database.
   */
  personalDataKey: string | undefined;
  /** The key before a rotation (`GONGKAI_DATA_KEY_PREVIOUS`): still read, never written. */
  previousPersonalDataKey: string | undefined;
  /** Outgoing mail server (`GONGKAI_SMTP_URL`, e.g. smtps://user:pass@mail.example.gov.cn:465); unset: mail goes to the outbox only. */
  smtpUrl: string | undefined;
  /** Sender of the platform's mail (`GONGKAI_MAIL_FROM`, default `Gongkai <noreply@localhost>`). */
  mailFrom: string;
}

/** Thrown when the environment is invalid; the message lists every problem, in Chinese. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const intInRange = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const n = Number(raw.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} 应为 ${min}–${max} 之间的整数，实际为“${raw}”` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: intInRange('PORT', 0, 65535, 3000),
  HOST: z.string().trim().min(1).optional(),
  GONGKAI_DATA_DIR: z.string().trim().optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL 应以 postgres:// 或 postgresql:// 开头',
    }),
  LOG_LEVEL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || (LOG_LEVELS as readonly string[]).includes(v), {
      message: `LOG_LEVEL 应为 ${LOG_LEVELS.join('、')} 之一`,
    }),
  GONGKAI_MAX_UPLOAD_MB: intInRange('GONGKAI_MAX_UPLOAD_MB', 1, 1024, 20),
  GONGKAI_IMPORT_TIMEOUT_S: intInRange('GONGKAI_IMPORT_TIMEOUT_S', 1, 3600, 60),
  GONGKAI_PG_USER: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^[a-z_][a-z0-9_-]{0,31}$/.test(v), {
      message: 'GONGKAI_PG_USER 应为合法的系统用户名（小写字母、数字、-、_）',
    }),
  GONGKAI_ALLOWED_ORIGINS: z.string().optional(),
  GONGKAI_PUBLIC_POSTS_PER_HOUR: intInRange('GONGKAI_PUBLIC_POSTS_PER_HOUR', 1, 100000, 20),
  GONGKAI_SESSION_IDLE_MIN: intInRange('GONGKAI_SESSION_IDLE_MIN', 1, 24 * 60, 30),
  GONGKAI_SESSION_MAX_HOURS: intInRange('GONGKAI_SESSION_MAX_HOURS', 1, 24 * 30, 12),
  GONGKAI_PASSWORD_MIN_LENGTH: intInRange('GONGKAI_PASSWORD_MIN_LENGTH', 8, 128, 10),
  GONGKAI_DATA_KEY: z.string().trim().optional().refine((v) => !v || /^[0-9a-fA-F]{64}$/.test(v), {
    message: 'GONGKAI_DATA_KEY 应为 64 位十六进制数字（256 位密钥），可用 openssl rand -hex 32 生成',
  }),
  GONGKAI_DATA_KEY_PREVIOUS: z.string().trim().optional().refine((v) => !v || /^[0-9a-fA-F]{64}$/.test(v), {
    message: 'GONGKAI_DATA_KEY_PREVIOUS 应为 64 位十六进制数字（轮换前的密钥）',
  }),
  GONGKAI_SMTP_URL: z.string().trim().optional().refine((v) => !v || /^smtps?:\/\/[^\s]+$/.test(v), {
    message: 'GONGKAI_SMTP_URL 应形如 smtps://用户名:密码@mail.example.gov.cn:465 或 smtp://mail.example.gov.cn:25',
  }),
  GONGKAI_MAIL_FROM: z.string().trim().max(200).optional(),
  GONGKAI_PUBLIC_HOSTS: z.string().optional(),
  GONGKAI_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || ['', 'true', 'false', '1', '0', 'yes', 'no'].includes(v.toLowerCase()), {
      message: 'GONGKAI_TRUST_PROXY 应为 true 或 false',
    }),
});

/**
 * Parses the environment into a Config, or throws ConfigError listing every problem.
 * Relative paths resolve against `cwd`.
 *
 * @example loadConfig({ PORT: '8080' }).port // 8080
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const e = parsed.data;
  const origins = (e.GONGKAI_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const badOrigin = origins.find((o) => !/^https?:\/\/[^/]+$/.test(o));
  if (badOrigin) {
    throw new ConfigError([`GONGKAI_ALLOWED_ORIGINS 中的“${badOrigin}”不是来源（应形如 https://gongkai.example.gov.cn，不带路径）`]);
  }
  const publicHosts = (e.GONGKAI_PUBLIC_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const badHost = publicHosts.find((h) => !/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(h));
  if (badHost) {
    throw new ConfigError([`GONGKAI_PUBLIC_HOSTS 中的“${badHost}”不是主机名（应形如 gongkai.example.gov.cn 或 gongkai.example.gov.cn:8443，不带 https:// 和路径）`]);
  }
  return {
    port: e.PORT,
    host: e.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, e.GONGKAI_DATA_DIR || './data'),
    databaseUrl: e.DATABASE_URL || undefined,
    logLevel: (e.LOG_LEVEL || 'info') as LogLevel,
    maxUploadBytes: e.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024,
    importTimeoutMs: e.GONGKAI_IMPORT_TIMEOUT_S * 1000,
    pgSystemUser: e.GONGKAI_PG_USER || 'gongkai-pg',
    allowedOrigins: origins,
    publicHosts,
    publicPostsPerHour: e.GONGKAI_PUBLIC_POSTS_PER_HOUR,
    trustProxy: ['true', '1', 'yes'].includes((e.GONGKAI_TRUST_PROXY ?? '').toLowerCase()),
    sessionIdleSeconds: e.GONGKAI_SESSION_IDLE_MIN * 60,
    sessionMaxSeconds: e.GONGKAI_SESSION_MAX_HOURS * 3600,
    passwordMinLength: e.GONGKAI_PASSWORD_MIN_LENGTH,
    personalDataKey: e.GONGKAI_DATA_KEY?.toLowerCase() || undefined,
    previousPersonalDataKey: e.GONGKAI_DATA_KEY_PREVIOUS?.toLowerCase() || undefined,
    smtpUrl: e.GONGKAI_SMTP_URL || undefined,
    mailFrom: e.GONGKAI_MAIL_FROM || 'Gongkai <noreply@localhost>',
  };
}
