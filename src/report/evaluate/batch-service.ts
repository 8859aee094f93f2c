/**
 * Bulk checks (评估模式, issue 19 §6): many published reports at once — a ZIP of them or many
 * files. The request only files them (the archives opened and their report files stored as the
 * batch's files, with a job queued in the same transaction); the job reads them on every core
 * (one import worker per core, each taking the next file) and stores each as a checked report, as
 * a single upload would (check-and-store of service.ts: same dedup, same audit), counting the
 * batch's progress file by file, so the batch page can show it and a job run again after a crash
 * takes up where the last stopped.
 */
import { availableParallelism } from 'node:os';
import type pg from 'pg';
import type { Logger } from 'pino';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { createImportPool, type ImportPool } from '../import/pool.ts';
import { SourceReadError } from '../import/readers/read-error.ts';
import { ANONYMOUS_KEEP_HOURS, checkAndStoreFile, type Keeping, type UploadedFile } from '../service.ts';
import { storableFileName } from '../text-safety.ts';
import { eachZipEntry, isZipName, MAX_BATCH_FILES, type SkippedEntry } from './batch-files.ts';
import {
  deleteExpiredBatches, finishFile, getBatch, insertBatch, insertBatchFile, listBatchFiles, setBatchState, setBatchTotal, takeFile, unfinishedFiles,
  type Batch, type BatchFileRow,
} from './batch-store.ts';

/** The job kind that reads a batch. */
export const BATCH_JOB = 'report.batch';

/**
 * An upload becomes a batch (queued, not read in the request) when it holds a ZIP or more files
 * than this: a handful of files is read at once, as before; more would keep the page waiting.
 */
export const BATCH_FROM_FILES = 10;

/** True when the files of an upload are a bulk check. */
export function isBulkUpload(files: readonly UploadedFile[]): boolean {
  return files.length > BATCH_FROM_FILES || files.some((f) => isZipName(f.name));
}

/** Input of createBatch. */
export interface NewBatchInput {
  files: UploadedFile[];
  actor: Actor;
  keeping: Keeping;
  ip?: string | null | undefined;
}

/**
 * Files a bulk check: ZIP archives are opened (capped) and their report files stored one by one,
 * other files as they are; a job is queued. Throws ValidationError (field 'files', Chinese) when an
 * archive is refused (too many entries, too large inflated, damaged), when there is no report file
 * at all, or when there are more than MAX_BATCH_FILES. Anonymous batches older than 24 hours are
 * deleted on the way.
 */
export async function createBatch(db: pg.Pool, input: NewBatchInput): Promise<{ batchId: string; total: number; skipped: SkippedEntry[] }> {
  const refuse = (message: string) => new ValidationError('report.batch_refused', message, { fields: [{ field: 'files', message }] });
  await deleteExpiredBatches(db, ANONYMOUS_KEEP_HOURS);
  return withTransaction(db, async (tx) => {
    const personId = input.actor.kind === 'person' ? input.actor.personId : null;
    const agencyId = input.keeping.kind === 'agency' ? input.keeping.agencyId : null;
    const batchId = await insertBatch(tx, { actor: input.actor, personId, agencyId, total: 0, skipped: [] });
    let total = 0;
    const skipped: SkippedEntry[] = [];
    const add = async (file: UploadedFile) => {
      if (total >= MAX_BATCH_FILES) throw refuse(`一次批量检查最多 ${MAX_BATCH_FILES} 个报告文件：请分几次上传。`);
      await insertBatchFile(tx, batchId, total, file.name, file.bytes);
      total += 1;
    };
    for (const file of input.files) {
      if (!isZipName(file.name)) {
        await add({ name: storableFileName(file.name), bytes: file.bytes });
        continue;
      }
      try {
        skipped.push(...(await eachZipEntry(file.name, file.bytes, add)));
      } catch (error) {
        if (error instanceof SourceReadError) throw refuse(error.message);
        throw error;
      }
    }
    if (total === 0) {
      const why = skipped.length > 0 ? `压缩包中的 ${skipped.length} 个文件都不是可检查的报告文件（如“${skipped[0]!.name}”：${skipped[0]!.reason}）` : '没有收到文件';
      throw refuse(`${why}。请上传 .txt、.md、.html、.pdf、.docx、.xlsx 或 .json 格式的年度报告，或装有它们的 .zip 压缩包。`);
    }
    await setBatchTotal(tx, batchId, total, skipped);
    await enqueue(tx, { kind: BATCH_JOB, payload: { batchId }, dedupeKey: `report.batch:${batchId}`, maxAttempts: 3 });
    await writeAudit(tx, { actor: input.actor, action: 'report.batch', subject: `report_batch:${batchId}`, agencyId, ip: input.ip, details: { files: total, skipped: skipped.length } });
    return { batchId, total, skipped };
  });
}

/** Options of runBatch. */
export interface RunBatchOptions {
  /** Import workers at most (default: the cores this process may use). */
  parallelism?: number;
  /** A file still being read after this long is stopped (its check fails alone). */
  timeoutMs: number;
  /** Stop taking new files after this long (default 20 minutes): the job queues its own continuation, so a lease never runs out under it. */
  budgetMs?: number;
  logger?: Logger | undefined;
  /** Called after each file (tests watch the progress). */
  onFile?: () => void;
}

/**
 * Reads a batch's unread files on up to one worker per core and stores each; resolves to
 * 'done' when every file is read, or 'continue' when the time budget ran out first (the caller
 * queues a continuation). A file that cannot be read fails alone, with its reason.
 */
export async function runBatch(db: pg.Pool, batchId: string, options: RunBatchOptions): Promise<'done' | 'continue' | 'gone'> {
  const batch = await getBatch(db, batchId);
  if (!batch) return 'gone';
  if (batch.state === 'done') return 'done';
  await setBatchState(db, batchId, 'running');
  const positions = await unfinishedFiles(db, batchId);
  const keeping: Keeping = batch.agencyId === null ? { kind: 'anonymous' } : { kind: 'agency', agencyId: batch.agencyId };
  const lanes = Math.max(1, Math.min(options.parallelism ?? availableParallelism(), positions.length));
  const pools: ImportPool[] = Array.from({ length: lanes }, () => createImportPool({ timeoutMs: options.timeoutMs }));
  const until = Date.now() + (options.budgetMs ?? 20 * 60_000);
  let next = 0;
  const lane = async (pool: ImportPool): Promise<void> => {
    while (next < positions.length && Date.now() < until) {
      const position = positions[next++]!;
      const file = await takeFile(db, batchId, position);
      if (!file) continue;
      const outcome = await checkAndStoreFile(db, file, { actor: batch.actor, keeping, logger: options.logger, importer: (f) => pool.importFile(f) });
      await finishFile(db, batchId, position, outcome.ok ? { reportId: outcome.reportId } : { error: outcome.error });
      options.onFile?.();
    }
  };
  try {
    await Promise.all(pools.map(lane));
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
  if (next < positions.length) return 'continue';
  await setBatchState(db, batchId, 'done');
  return 'done';
}

/** A batch and its files, or NotFoundError. */
export async function getBatchOrThrow(db: pg.Pool, id: string, options: { withCanonical?: boolean } = {}): Promise<{ batch: Batch; files: BatchFileRow[] }> {
  const batch = await getBatch(db, id);
  if (!batch) throw batchNotFound();
  return { batch, files: await listBatchFiles(db, id, options) };
}

/** The message for a batch that is not (or no longer) at an address. */
export function batchNotFound(): NotFoundError {
  return new NotFoundError('report.batch_not_found', `找不到这次批量检查：链接可能有误，或未登录时的批量检查已超过 ${ANONYMOUS_KEEP_HOURS} 小时被删除。`);
}
