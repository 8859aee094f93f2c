/**
 * `gongkai applications rekey` — the last step of rotating the personal-data key (README “申请人个人信息的
 * 加密 / Personal data key”): every stored ID number not yet under the current key (`GONGKAI_DATA_KEY`)
 * is opened with the key that made it (`GONGKAI_DATA_KEY_PREVIOUS`) and sealed again under the current
 * one, its look-up hash recomputed. Batches in their own transactions (a long run holds no lock on the
 * whole table and a stop loses at most one batch); rows already under the current key are skipped, so
 * running it again finishes what a stopped run left. One audit row per run with the counts.
 */
import type { Actor } from '../platform/audit/audit-log.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { UsageError } from '../platform/cli/args.ts';
import type { CommandRun } from '../platform/cli/types.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { dataKeyring, resealIdNumber, type SealOptions } from './personal-data.ts';

/** Rows re-encrypted in one transaction unless `--batch-size` says otherwise. */
export const DEFAULT_REKEY_BATCH = 500;
const MAX_REKEY_BATCH = 10_000;
/** At most this many failed rows are named in the audit row (the count is always there). */
const AUDITED_FAILURES = 100;

/** Options of `gongkai applications rekey`. */
export const REKEY_OPTIONS = {
  'batch-size': {
    type: 'string', value: 'N',
    description: `每个事务重新加密的申请数（1–${MAX_REKEY_BATCH}，默认 ${DEFAULT_REKEY_BATCH}）`,
  },
  json: {
    type: 'boolean',
    description: '输出一行 JSON：{"keyId", "rekeyed", "alreadyCurrent", "remaining", "failed": [{"id", "message"}]}；参数有误时输出 {"error": {"field", "message"}}，退出码 2',
  },
} as const;

/**
 * The declaration of the command without `load`, for the applications room's cli-commands.ts:
 * `defineCommand({ ...REKEY_COMMAND_SPEC, load: async () => (await import('./rekey.ts')).runRekey })`.
 */
export const REKEY_COMMAND_SPEC = {
  path: ['applications', 'rekey'],
  summary: '轮换个人信息密钥后，把申请人的证件号码全部改用当前密钥（GONGKAI_DATA_KEY）加密；可重复运行',
  usage: 'gongkai applications rekey [--batch-size N] [--json]',
  options: REKEY_OPTIONS,
  jsonErrors: true,
} as const;

/** What a run did. */
export interface RekeyResult {
  /** The current key's id (first 4 bytes of its SM3, hex), as the ciphers carry it. */
  keyId: string;
  /** Rows re-encrypted by this run. */
  rekeyed: number;
  /** Rows already under the current key when the run began (left alone). */
  alreadyCurrent: number;
  /** Rows still under another key when the run ended: the failed ones and any written meanwhile by a process with the old key. */
  remaining: number;
  /** Rows that could not be opened (a key neither current nor previous, a damaged cipher), with the reason. */
  failed: { id: number; message: string }[];
}

/** Options of {@link rekeyIdNumbers}. */
export interface RekeyOptions extends SealOptions {
  batchSize?: number;
}

/** The first 4 bytes after the version byte: the key id (personal-data.ts layout). */
const KEY_ID_SQL = 'substring(id_number_cipher FROM 2 FOR 4)';

/**
 * Re-encrypts every `applications.id_number_cipher` not under the current key, in batches of
 * `batchSize` rows each in a transaction (rows locked while they change), and writes one audit row
 * (`applications.rekey`) with the counts. A row that cannot be opened is left as it was and named in
 * the result. Never logs a key or a number.
 */
export async function rekeyIdNumbers(
  services: Pick<Services, 'db' | 'config' | 'logger'>, actor: Actor, options: RekeyOptions = {},
): Promise<RekeyResult> {
  const keyring = dataKeyring(services);
  const keyId = keyring.current.id;
  const keyIdBytes = Buffer.from(keyId, 'hex');
  const batchSize = options.batchSize ?? DEFAULT_REKEY_BATCH;
  const countUnder = async (op: '=' | '<>') => {
    const { rows } = await services.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM applications WHERE id_number_cipher IS NOT NULL AND ${KEY_ID_SQL} ${op} $1`, [keyIdBytes]);
    return Number(rows[0]!.n);
  };

  const alreadyCurrent = await countUnder('=');
  let rekeyed = 0;
  const failed: RekeyResult['failed'] = [];
  let after = 0;
  for (;;) {
    const batch = await withTransaction(services.db, async (tx) => {
      const { rows } = await tx.query<{ id: string; id_number_cipher: Buffer }>(
        `SELECT id, id_number_cipher FROM applications
          WHERE id > $1 AND id_number_cipher IS NOT NULL AND ${KEY_ID_SQL} <> $2
          ORDER BY id LIMIT $3 FOR UPDATE`,
        [after, keyIdBytes, batchSize]);
      for (const row of rows) {
        const id = Number(row.id);
        try {
          const sealed = resealIdNumber(services, row.id_number_cipher, options);
          if (!sealed) continue;
          await tx.query('UPDATE applications SET id_number_cipher = $2, id_lookup = $3 WHERE id = $1', [id, sealed.cipher, sealed.lookup]);
          rekeyed += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed.push({ id, message: error.message });
        }
      }
      return rows;
    });
    if (batch.length > 0) after = Number(batch[batch.length - 1]!.id);
    if (batch.length < batchSize) break;
  }

  const remaining = await countUnder('<>');
  await writeAudit(services.db, {
    actor,
    action: 'applications.rekey',
    details: {
      keyId, previousKeyId: keyring.previous?.id ?? null, rekeyed, alreadyCurrent, remaining,
      failed: failed.length, failedIds: failed.slice(0, AUDITED_FAILURES).map((f) => f.id),
    },
  });
  services.logger.info({ keyId, rekeyed, alreadyCurrent, remaining, failed: failed.length }, '已用当前密钥重新加密申请人的证件号码');
  return { keyId, rekeyed, alreadyCurrent, remaining, failed };
}

/** `--batch-size` as a number, or a refusal naming the option. */
function batchSizeOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_REKEY_BATCH;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > MAX_REKEY_BATCH) {
    throw new UsageError(`--batch-size 应为 1–${MAX_REKEY_BATCH} 之间的整数，实际为“${raw}”`, '--batch-size');
  }
  return n;
}

/**
 * `gongkai applications rekey`: exit 0 when every row is under the current key, 1 when some could
 * not be re-encrypted (each named on stderr, or in `failed` with `--json`), 2 for bad options.
 */
export const runRekey: CommandRun<typeof REKEY_OPTIONS> = async ({ values }, io, context) => {
  const batchSize = batchSizeOf(values['batch-size']);
  const services = await context.openServices();
  let result: RekeyResult;
  try {
    result = await rekeyIdNumbers(services, { kind: 'cli', user: context.actor() }, { batchSize });
  } finally {
    await services.close();
  }
  if (values.json === true) {
    io.stdout(JSON.stringify(result) + '\n');
  } else {
    io.stdout(`已用当前密钥（编号 ${result.keyId}）重新加密 ${result.rekeyed} 个申请的证件号码；${result.alreadyCurrent} 个原已使用当前密钥，未改动。\n`);
    for (const f of result.failed) io.stderr(`申请 ${f.id}：${f.message}\n`);
    if (result.failed.length > 0) {
      io.stderr(`有 ${result.failed.length} 个申请的证件号码未能重新加密（见上）：在处理好之前，不要删除 GONGKAI_DATA_KEY_PREVIOUS。\n`);
    } else if (result.remaining > 0) {
      io.stdout(`运行期间又有 ${result.remaining} 个申请用旧密钥保存：请确认各应用进程都已使用新密钥重启，再运行一次本命令。\n`);
    } else {
      io.stdout('全部证件号码已使用当前密钥：可以从各进程的环境中删除 GONGKAI_DATA_KEY_PREVIOUS 并重启。\n');
    }
  }
  return result.failed.length > 0 || result.remaining > 0 ? 1 : 0;
};
