/**
 * The job queue: rows of `jobs` (migrations 0001, 0009) that any app process may claim. A claim
 * takes pending rows with FOR UPDATE SKIP LOCKED and marks them running with a lease
 * (`locked_until`) in one statement, so two processes never take the same job; a job whose process
 * died is put back when its lease has passed. Each claim bumps `attempts`, which serves as a fence:
 * a worker that lost its lease cannot complete or fail the job another worker now holds.
 */
import type { Queryable } from '../db/queryable.ts';

/** JSON a job carries (stored as jsonb). */
export type JobPayload = Readonly<Record<string, unknown>>;

/** A job to add. */
export interface EnqueueInput {
  /** What the job does, e.g. 'mail.send'; the worker's handler of that name runs it. */
  kind: string;
  payload?: JobPayload;
  /** Not before this instant (default now). */
  runAt?: Date;
  /** A job that must exist once: a second enqueue with the same key adds nothing. */
  dedupeKey?: string;
  /** Tries before the job is left failed (default 5). */
  maxAttempts?: number;
}

/** A job a worker holds. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  /** This try's number (1 for the first); the fence of complete/fail. */
  attempt: number;
  maxAttempts: number;
}

/** How long a claimed job stays reserved for its worker unless given otherwise (5 minutes). */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * Adds a job; returns its id, or null when a job with the same dedupe key exists (done or not).
 * Runs in the caller's transaction when given one: the job exists only if the transaction commits.
 */
export async function enqueue(db: Queryable, input: EnqueueInput): Promise<number | null> {
  const result = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, payload, run_at, dedupe_key, max_attempts)
     VALUES ($1, $2, coalesce($3, now()), $4, $5)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [input.kind, JSON.stringify(input.payload ?? {}), input.runAt ?? null, input.dedupeKey ?? null, input.maxAttempts ?? 5],
  );
  return result.rows[0]?.id ?? null;
}

interface ClaimedRow {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Takes up to `limit` due pending jobs of the given kinds, oldest first, skipping rows another
 * process is taking at this moment; they become running, leased for `leaseMs`. One statement: call
 * it on the pool, not inside a long transaction.
 */
export async function claim(db: Queryable, kinds: readonly string[], limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<ClaimedJob[]> {
  if (kinds.length === 0 || limit < 1) return [];
  const result = await db.query<ClaimedRow>(
    `WITH next AS (
       SELECT id FROM jobs
       WHERE state = 'pending' AND run_at <= now() AND kind = ANY($1::text[])
       ORDER BY run_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE jobs j
     SET state = 'running', attempts = j.attempts + 1, locked_until = now() + $3 * interval '1 millisecond', updated_at = now()
     FROM next WHERE j.id = next.id
     RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts`,
    [kinds, limit, leaseMs],
  );
  return result.rows
    .map((row) => ({ id: row.id, kind: row.kind, payload: row.payload, attempt: row.attempts, maxAttempts: row.max_attempts }))
    .sort((a, b) => a.id - b.id);
}

/** Marks a held job done; false when the worker no longer holds it (its lease passed and it was taken again). */
export async function complete(db: Queryable, job: Pick<ClaimedJob, 'id' | 'attempt'>): Promise<boolean> {
  const result = await db.query(
    `UPDATE jobs SET state = 'done', locked_until = NULL, last_error = NULL, updated_at = now()
     WHERE id = $1 AND state = 'running' AND attempts = $2`,
    [job.id, job.attempt],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Wait before try `attempt + 1` after try `attempt` failed: 30 s, 1 min, 2 min, 4 min … at most an
 * hour — a mail server that is down for a while is not hammered, and a passing fault costs half a minute.
 */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** What became of a failed try. */
export type FailOutcome = 'retry' | 'failed' | 'lost';

/**
 * Records a failed try of a held job: pending again after `retryDelayMs` while tries remain, else
 * failed. `message` is stored as `last_error` (callers keep personal data out of it). 'lost' when the
 * worker no longer held the job.
 */
export async function fail(db: Queryable, job: Pick<ClaimedJob, 'id' | 'attempt'>, message: string, delayMs = retryDelayMs(job.attempt)): Promise<FailOutcome> {
  const result = await db.query<{ state: 'pending' | 'failed' }>(
    `UPDATE jobs
     SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
         run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE now() + $3 * interval '1 millisecond' END,
         locked_until = NULL, last_error = left($4, 2000), updated_at = now()
     WHERE id = $1 AND state = 'running' AND attempts = $2
     RETURNING state`,
    [job.id, job.attempt, delayMs, message],
  );
  const state = result.rows[0]?.state;
  return state === undefined ? 'lost' : state === 'pending' ? 'retry' : 'failed';
}

/** Message stored on a job whose lease passed (its process stopped, or it ran far too long). */
export const LEASE_EXPIRED_MESSAGE = '处理中断：租期已过（进程退出或处理超时），已重新排队。';

/**
 * Puts back running jobs whose lease has passed — their worker died or hung — as pending (now), or
 * failed when their tries are spent. Returns how many were recovered.
 */
export async function recoverExpired(db: Queryable): Promise<number> {
  const result = await db.query(
    `UPDATE jobs
     SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
         run_at = now(), locked_until = NULL, last_error = $1, updated_at = now()
     WHERE state = 'running' AND locked_until < now()`,
    [LEASE_EXPIRED_MESSAGE],
  );
  return result.rowCount ?? 0;
}

/**
 * Deletes done jobs last touched more than `olderThanDays` ago (failed ones stay for an operator).
 * A purged job's dedupe key is free again: keys that must hold for ever belong in the job's own
 * table (the outbox's dedupe_key), not only here.
 */
export async function purgeDone(db: Queryable, olderThanDays = 30): Promise<number> {
  const result = await db.query(
    `DELETE FROM jobs WHERE state = 'done' AND updated_at < now() - $1 * interval '1 day'`,
    [olderThanDays],
  );
  return result.rowCount ?? 0;
}

/** Counts of jobs by state, for a status page. */
export async function countJobs(db: Queryable): Promise<Record<'pending' | 'running' | 'done' | 'failed', number>> {
  const result = await db.query<{ state: 'pending' | 'running' | 'done' | 'failed'; n: number }>(
    'SELECT state, count(*)::int AS n FROM jobs GROUP BY state',
  );
  const counts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const row of result.rows) counts[row.state] = row.n;
  return counts;
}
