/**
 * Storage of bulk checks (migration 0022): a batch, its files (bytes until read, then the check or
 * why not) and its progress. SQL only; snake_case mapped to camelCase here, once.
 */
import type { Actor } from '../../platform/audit/audit-log.ts';
import type { Queryable } from '../../platform/db/queryable.ts';
import type { Finding } from '../findings.ts';
import type { AnnualReport, ReportFormat } from '../model.ts';
import type { SkippedEntry } from './batch-files.ts';

/** A batch's state: waiting for the job, being read, finished (every file read or refused), or given up. */
export type BatchState = 'queued' | 'running' | 'done' | 'failed';

/** A batch and its progress. */
export interface Batch {
  id: string;
  actor: Actor;
  personId: number | null;
  /** The agency whose record its checks are kept in (null: anonymous checks). */
  agencyId: number | null;
  state: BatchState;
  total: number;
  /** Files read so far (checked or refused). */
  done: number;
  /** Of those, files that could not be checked. */
  failed: number;
  skipped: SkippedEntry[];
  createdAt: Date;
  finishedAt: Date | null;
}

interface BatchRow {
  id: string; actor: Actor; person_id: number | null; agency_id: number | null; state: BatchState; total: number; done: number; failed: number;
  skipped: SkippedEntry[]; created_at: Date; finished_at: Date | null;
}

const toBatch = (r: BatchRow): Batch => ({
  id: r.id, actor: r.actor, personId: r.person_id, agencyId: r.agency_id, state: r.state, total: r.total, done: r.done, failed: r.failed,
  skipped: r.skipped, createdAt: r.created_at, finishedAt: r.finished_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inserts a batch of `total` files; returns its id (a UUID: an anonymous batch's only address). */
export async function insertBatch(db: Queryable, b: { actor: Actor; personId: number | null; agencyId: number | null; total: number; skipped: SkippedEntry[] }): Promise<string> {
  const result = await db.query<{ id: string }>(
    'INSERT INTO report_batches (actor, person_id, agency_id, total, skipped) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [JSON.stringify(b.actor), b.personId, b.agencyId, b.total, JSON.stringify(b.skipped)],
  );
  return result.rows[0]!.id;
}

/** Adds a file (its bytes kept until the job reads it). */
export async function insertBatchFile(db: Queryable, batchId: string, position: number, fileName: string, bytes: Uint8Array): Promise<void> {
  await db.query('INSERT INTO report_batch_files (batch_id, position, file_name, bytes) VALUES ($1, $2, $3, $4)', [batchId, position, fileName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
}

/** Sets the count of files and the skipped entries once the archives are expanded. */
export async function setBatchTotal(db: Queryable, batchId: string, total: number, skipped: SkippedEntry[]): Promise<void> {
  await db.query('UPDATE report_batches SET total = $2, skipped = $3 WHERE id = $1', [batchId, total, JSON.stringify(skipped)]);
}

/** One batch, or undefined (also for a malformed id). */
export async function getBatch(db: Queryable, id: string): Promise<Batch | undefined> {
  if (!UUID.test(id)) return undefined;
  const result = await db.query<BatchRow>('SELECT * FROM report_batches WHERE id = $1', [id]);
  return result.rows[0] && toBatch(result.rows[0]);
}

/** Who made a batch and whether it is younger than `hours` (for the access check), or undefined. */
export async function getBatchOwner(db: Queryable, id: string, hours: number): Promise<{ personId: number | null; recent: boolean } | undefined> {
  if (!UUID.test(id)) return undefined;
  const result = await db.query<{ person_id: number | null; recent: boolean }>(
    'SELECT person_id, created_at > now() - make_interval(hours => $2::int) AS recent FROM report_batches WHERE id = $1', [id, hours],
  );
  const row = result.rows[0];
  return row && { personId: row.person_id, recent: row.recent };
}

/** Marks a batch running (the job started) or finished. */
export async function setBatchState(db: Queryable, id: string, state: BatchState): Promise<void> {
  await db.query(`UPDATE report_batches SET state = $2, finished_at = CASE WHEN $2 IN ('done', 'failed') THEN now() ELSE NULL END WHERE id = $1`, [id, state]);
}

/** The positions of the files not read yet, in order. */
export async function unfinishedFiles(db: Queryable, batchId: string): Promise<number[]> {
  const result = await db.query<{ position: number }>('SELECT position FROM report_batch_files WHERE batch_id = $1 AND NOT finished ORDER BY position', [batchId]);
  return result.rows.map((r) => r.position);
}

/** One unread file's name and bytes (fetched one at a time: a batch's files are not all held in memory), or undefined. */
export async function takeFile(db: Queryable, batchId: string, position: number): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  const result = await db.query<{ file_name: string; bytes: Buffer }>(
    'SELECT file_name, bytes FROM report_batch_files WHERE batch_id = $1 AND position = $2 AND NOT finished AND bytes IS NOT NULL', [batchId, position],
  );
  const row = result.rows[0];
  return row && { name: row.file_name, bytes: new Uint8Array(row.bytes) };
}

/**
 * Records what became of a file (its check, or why not), drops its bytes and counts it in the
 * batch's progress — once: a file recorded before (a job run again after a crash) counts nothing.
 */
export async function finishFile(db: Queryable, batchId: string, position: number, outcome: { reportId: number } | { error: { code: string; message: string } }): Promise<void> {
  const reportId = 'reportId' in outcome ? outcome.reportId : null;
  const error = 'error' in outcome ? JSON.stringify(outcome.error) : null;
  await db.query(
    `WITH f AS (
       UPDATE report_batch_files SET finished = true, bytes = NULL, report_id = $3, error = $4
       WHERE batch_id = $1 AND position = $2 AND NOT finished RETURNING 1
     )
     UPDATE report_batches SET done = done + (SELECT count(*) FROM f)::int, failed = failed + CASE WHEN $4::jsonb IS NULL THEN 0 ELSE (SELECT count(*) FROM f)::int END
     WHERE id = $1`,
    [batchId, position, reportId, error],
  );
}

/** A file of a batch as its table shows it: the check's facts, or why it was not checked. */
export interface BatchFileRow {
  position: number;
  fileName: string;
  finished: boolean;
  error: { code: string; message: string } | null;
  /** The check, while it is kept (an anonymous check is deleted after 24 hours: then null with `finished`). */
  report: {
    id: number; ref: string; agency: string | null; year: number | null; format: ReportFormat; findings: Finding[]; parseWarningCount: number;
    canonical?: AnnualReport;
  } | null;
}

/** A batch's files in order, with their checks (`withCanonical`: the canonical JSON too, for the exports). */
export async function listBatchFiles(db: Queryable, batchId: string, options: { withCanonical?: boolean } = {}): Promise<BatchFileRow[]> {
  const result = await db.query<{
    position: number; file_name: string; finished: boolean; error: { code: string; message: string } | null;
    id: number | null; ref: string | null; agency: string | null; year: number | null; format: ReportFormat | null; findings: Finding[] | null;
    parse_warning_count: number | null; canonical: AnnualReport | null;
  }>(
    `SELECT f.position, f.file_name, f.finished, f.error, r.id, coalesce(r.access_key, r.id::text) AS ref, r.agency, r.year, r.format, r.findings,
       jsonb_array_length(r.warnings) AS parse_warning_count, ${options.withCanonical ? 'r.canonical' : 'NULL::jsonb AS canonical'}
     FROM report_batch_files f LEFT JOIN checked_reports r ON r.id = f.report_id AND (r.expires_at IS NULL OR r.expires_at > now())
     WHERE f.batch_id = $1 ORDER BY f.position`,
    [batchId],
  );
  return result.rows.map((r) => ({
    position: r.position, fileName: r.file_name, finished: r.finished, error: r.error,
    report: r.id === null ? null : {
      id: r.id, ref: r.ref!, agency: r.agency, year: r.year, format: r.format!, findings: r.findings ?? [], parseWarningCount: r.parse_warning_count ?? 0,
      ...(r.canonical ? { canonical: r.canonical } : {}),
    },
  }));
}

/** Deletes anonymous batches older than `hours` (their checks are deleted by then too); returns how many. */
export async function deleteExpiredBatches(db: Queryable, hours: number): Promise<number> {
  const result = await db.query('DELETE FROM report_batches WHERE person_id IS NULL AND created_at <= now() - make_interval(hours => $1::int)', [hours]);
  return result.rowCount ?? 0;
}
