/**
 * The report room's job: reading a queued batch (batch-service.ts). A run reads files for at most
 * its time budget, then queues its own continuation, so that a batch of hundreds of PDFs never
 * outlives the lease of the job that holds it (another process would take it up beside it).
 */
import { z } from 'zod';
import { enqueue } from '../../platform/jobs/queue.ts';
import { startWorker, type JobHandler, type Worker, type WorkerOptions } from '../../platform/jobs/worker.ts';
import type { Services } from '../../platform/services.ts';
import { BATCH_JOB, runBatch } from './batch-service.ts';
import { setBatchState } from './batch-store.ts';

const payloadSchema = z.object({ batchId: z.string().uuid(), part: z.number().int().min(0).optional() });

/** Lease of a batch job: longer than a run's budget (20 minutes) with room for the last file. */
export const BATCH_LEASE_MS = 40 * 60_000;

/** Options of the batch job (tests: fewer workers, a short budget). */
export interface BatchJobOptions {
  parallelism?: number;
  budgetMs?: number;
}

/** The report room's job handlers: `{ 'report.batch': … }`. */
export function reportJobs(options: BatchJobOptions = {}): Record<string, JobHandler> {
  return {
    [BATCH_JOB]: async (payload, services, job) => {
      const { batchId, part = 0 } = payloadSchema.parse(payload);
      try {
        const result = await runBatch(services.db, batchId, {
          timeoutMs: services.config.importTimeoutMs, logger: services.logger, parallelism: options.parallelism, budgetMs: options.budgetMs,
        });
        if (result === 'continue') {
          await enqueue(services.db, { kind: BATCH_JOB, payload: { batchId, part: part + 1 }, dedupeKey: `report.batch:${batchId}:${part + 1}`, maxAttempts: 3 });
        }
        services.logger.info({ jobId: job.id, batchId, result }, '批量检查任务');
      } catch (error) {
        // Its last try failed: the page says so instead of "running" for ever.
        if (job.lastAttempt) await setBatchState(services.db, batchId, 'failed');
        throw error;
      }
    },
  };
}

/** Starts a worker for the report room's jobs in this process. */
export function startReportJobs(services: Services, options: WorkerOptions & BatchJobOptions = {}): Worker {
  // One batch at a time per process: its files are already spread over every core.
  return startWorker(services, reportJobs(options), { batchSize: 1, leaseMs: BATCH_LEASE_MS, ...options });
}
