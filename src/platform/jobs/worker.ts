/**
 * A worker: claims jobs of the kinds it has handlers for, runs them, records the result. Every app
 * process may run one on the same database; the queue's claim gives each job to one of them. It
 * polls, and wakes early on `LISTEN gongkai_jobs` (migration 0009's trigger notifies at every
 * insert's commit). It stops through `services.onClose`, waiting for the jobs in hand.
 */
import type { Services } from '../services.ts';
import { claim, complete, DEFAULT_LEASE_MS, fail, purgeDone, recoverExpired, type ClaimedJob } from './queue.ts';

/** What a handler is told about its job. */
export interface JobContext {
  id: number;
  kind: string;
  /** This try's number, from 1. */
  attempt: number;
  maxAttempts: number;
  /** Whether no try follows this one if it fails. */
  lastAttempt: boolean;
}

/**
 * Runs one job. Throwing fails the try (retried with back-off). The payload is JSON from the table:
 * parse it (zod) before use. A job may run again after a crash, so effects should be idempotent
 * (lock the row the job is about and check it is not done yet).
 */
export type JobHandler = (payload: unknown, services: Services, job: JobContext) => Promise<void>;

/** Options of a worker. */
export interface WorkerOptions {
  /** Poll interval when idle (default 5 s; a notification wakes it sooner). */
  intervalMs?: number;
  /** Jobs taken and run together (default 5). */
  batchSize?: number;
  /** Lease of a claimed job (default 5 min): a job still running after it may be run elsewhere. */
  leaseMs?: number;
  /** Wait for notifications of new jobs (default true). */
  listen?: boolean;
  /** On stop, how long to wait for the jobs in hand before leaving them to lease recovery (default 15 s). */
  stopTimeoutMs?: number;
}

/** A running worker. */
export interface Worker {
  /** Stops claiming, waits for the jobs in hand (up to stopTimeoutMs). Idempotent. */
  stop(): Promise<void>;
  /** Wakes the worker now (tests, or after enqueuing in-process). */
  wake(): void;
}

const CHANNEL = 'gongkai_jobs';
/** Expired leases are looked for at most this often (a cheap indexed update). */
const RECOVERY_EVERY_MS = 30_000;
/** Old done jobs are purged this often. */
const PURGE_EVERY_MS = 6 * 3_600_000;

/** Starts a worker for the handlers' kinds on the services' database; it stops when the services close. */
export function startWorker(services: Services, handlers: Readonly<Record<string, JobHandler>>, options: WorkerOptions = {}): Worker {
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 5;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const kinds = Object.keys(handlers);
  const log = services.logger.child({ component: 'jobs' });

  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let dropListener: (() => void) | undefined;
  let nextRecovery = 0;
  let nextPurge = 0;

  // A notification that arrives while jobs run is kept, so that the next sleep ends at once.
  let woken = false;
  const wake = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    if (resolve) resolve();
    else woken = true;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(() => wake(), ms);
      timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const runOne = async (job: ClaimedJob): Promise<void> => {
    const handler = handlers[job.kind];
    const context: JobContext = { id: job.id, kind: job.kind, attempt: job.attempt, maxAttempts: job.maxAttempts, lastAttempt: job.attempt >= job.maxAttempts };
    try {
      if (!handler) throw new Error(`没有处理 ${job.kind} 的程序`);
      await handler(job.payload, services, context);
    } catch (error) {
      const message = describeError(error);
      const outcome = await fail(services.db, job, message);
      // Only ids and the cleaned message: payloads and errors may name people.
      log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempt, outcome, error: message }, '后台任务失败');
      return;
    }
    if (!(await complete(services.db, job))) log.warn({ jobId: job.id, kind: job.kind }, '后台任务完成时已被重新分配（超过租期）');
  };

  const housekeeping = async (now: number) => {
    if (now >= nextRecovery) {
      nextRecovery = now + Math.min(RECOVERY_EVERY_MS, leaseMs);
      const recovered = await recoverExpired(services.db);
      if (recovered > 0) log.warn({ recovered }, '已收回超过租期的后台任务');
    }
    if (now >= nextPurge) {
      nextPurge = now + PURGE_EVERY_MS;
      await purgeDone(services.db);
    }
  };

  const loop = async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        await housekeeping(Date.now());
        const jobs = await claim(services.db, kinds, batchSize, leaseMs);
        claimed = jobs.length;
        await Promise.all(jobs.map((job) => runOne(job).catch((error: unknown) => {
          log.error({ jobId: job.id, kind: job.kind, error: describeError(error) }, '记录后台任务结果失败');
        })));
      } catch (error) {
        // The database went away for a moment (restart): try again after the interval.
        if (!stopping) log.warn({ error: describeError(error) }, '取后台任务失败，稍后重试');
      }
      if (!stopping && claimed < batchSize) await sleep(intervalMs);
    }
  };

  const listen = async () => {
    if (options.listen === false || stopping) return;
    try {
      const client = await services.db.connect();
      let released = false;
      const drop = () => {
        if (released) return;
        released = true;
        if (dropListener === drop) dropListener = undefined;
        client.release(true);
      };
      client.on('notification', wake);
      client.on('error', () => {
        // The connection broke: drop it, keep polling, listen again later.
        drop();
        if (!stopping) setTimeout(() => void listen(), intervalMs).unref();
      });
      try {
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        drop();
        throw error;
      }
      if (stopping) {
        drop();
        return;
      }
      dropListener = drop;
    } catch (error) {
      log.warn({ error: describeError(error) }, '无法监听新任务通知，仅按间隔轮询');
    }
  };

  if (kinds.length === 0) throw new Error('startWorker: 至少需要一种任务的处理程序');
  void listen();
  const running = loop();

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      wake();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, stopTimeoutMs);
        timer.unref();
      });
      await Promise.race([running, timeout]);
      clearTimeout(timer);
      // A listening connection is not returned to the pool for others: it is closed.
      dropListener?.();
    })());
  services.onClose(stop);
  return { stop, wake };
}

const ADDRESS = /[^\s<>"'@,;:()]+@[^\s<>"'@,;:()]+/g;

/**
 * An error as stored and logged: its message (with its class unless a plain Error) with e-mail
 * addresses removed, at most 2,000 characters.
 */
export function describeError(error: unknown): string {
  const raw = !(error instanceof Error) ? String(error) : error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return raw.replace(ADDRESS, '[邮箱地址]').slice(0, 2000);
}
