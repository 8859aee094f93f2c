/**
 * Report imports off the server's thread: a file is read in a worker thread, so a slow file (a
 * 20 MB upload takes seconds) does not stop the server answering everyone else, and a file that
 * takes longer than the time limit is stopped with a clear message instead of running on.
 *
 * One worker by default: on the project's two-core machines one core stays with the HTTP server
 * and the database. Workers start on first use; an idle worker does not keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import { ReportReadError, type ImportResult, type ReportFile } from './index.ts';

/** A request to a worker (import-worker-main.ts). */
export interface WorkerRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}

/** A worker's answer: the import, or the reader's message, or an unexpected failure. */
export type WorkerReply =
  | { id: number; ok: true; result: ImportResult }
  | { id: number; ok: false; kind: 'unreadable' | 'crash'; message: string };

export interface ImportPoolOptions {
  /** Worker threads (default 1). */
  workers?: number;
  /** A file still being read after this long is stopped (its worker is replaced). */
  timeoutMs: number;
  /** Heap limit of a worker in MiB (default 2048): a file that needs more fails alone. */
  maxHeapMiB?: number;
}

/** Imports files as `importReport` does, in worker threads. */
export interface ImportPool {
  importFile(file: ReportFile): Promise<ImportResult>;
  /** Starts the workers now, so that the next file does not wait for one to load the readers; resolves once they have. */
  warm(): Promise<void>;
  /** Stops the workers; files still waiting are refused. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  file: ReportFile;
  resolve(result: ImportResult): void;
  reject(error: Error): void;
}

/** An unexpected failure in a worker (not a file the readers refused): the service logs it. */
export class ImportWorkerError extends Error {}

const WORKER_URL = new URL('./import-worker.js', import.meta.url);
/** The worker's first message: its readers are loaded. */
export const WORKER_READY = 'ready';

export function createImportPool(options: ImportPoolOptions): ImportPool {
  return new Pool(options);
}

class Slot {
  worker: Worker | undefined;
  /** The worker has loaded the readers (its start-up does not count against a file's time limit). */
  ready = false;
  /** Settles when the current worker is ready or gone. */
  started: Promise<void> = Promise.resolve();
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

class Pool implements ImportPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ImportPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.workers ?? 1) }, () => new Slot());
  }

  importFile(file: ReportFile): Promise<ImportResult> {
    if (this.closed) return Promise.reject(new ImportWorkerError('导入进程已关闭。'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, resolve, reject });
      this.dispatch();
    });
  }

  async warm(): Promise<void> {
    if (this.closed) return;
    for (const slot of this.slots) slot.worker ??= this.startWorker(slot);
    await Promise.all(this.slots.map((slot) => slot.started));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ImportWorkerError('服务正在停止，文件未读取。'));
    await Promise.all(this.slots.map((slot) => this.stop(slot, new ImportWorkerError('服务正在停止，文件读取被中止。'))));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job !== undefined || this.queue.length === 0) continue;
      slot.job = this.queue.shift() as Job;
      const worker = (slot.worker ??= this.startWorker(slot));
      worker.ref();
      if (slot.ready) this.send(slot, worker);
    }
  }

  /** Hands the slot's job to its ready worker and starts the job's time limit. */
  private send(slot: Slot, worker: Worker): void {
    const job = slot.job;
    if (job === undefined) return;
    slot.timer = setTimeout(() => {
      const seconds = Number((this.options.timeoutMs / 1000).toFixed(1));
      void this.stop(slot, new ReportReadError(`${job.file.name}：读取超过 ${seconds} 秒仍未完成，已停止。文件可能过大或结构异常，请检查后重新上传。`, job.file.name));
    }, this.options.timeoutMs);
    // The worker gets a copy of just these bytes, moved rather than cloned (a file of a multipart
    // upload is a view into the whole request); the caller keeps its own (stored with the report).
    const bytes = new Uint8Array(job.file.bytes);
    worker.postMessage({ id: job.id, name: job.file.name, bytes } satisfies WorkerRequest, [bytes.buffer]);
  }

  private startWorker(slot: Slot): Worker {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMiB ?? 2048 } });
    slot.ready = false;
    let settle = (): void => undefined;
    slot.started = new Promise((resolve) => {
      settle = resolve;
    });
    worker.once('exit', settle);
    worker.unref();
    worker.on('message', (reply: WorkerReply | typeof WORKER_READY) => {
      if (reply === WORKER_READY) {
        settle();
        if (slot.worker !== worker) return;
        slot.ready = true;
        this.send(slot, worker);
        return;
      }
      const job = slot.job;
      if (job === undefined || reply.id !== job.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.result);
      else if (reply.kind === 'unreadable') job.reject(new ReportReadError(reply.message, job.file.name));
      else job.reject(new ImportWorkerError(reply.message));
    });
    worker.on('error', (error) => {
      if (slot.worker !== worker) return;
      const job = slot.job;
      slot.worker = undefined;
      this.finish(slot);
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      job?.reject(outOfMemory
        ? new ReportReadError(`${job.file.name}：读取时所需内存超出上限，已停止。文件可能过大或结构异常，请检查后重新上传。`, job.file.name)
        : new ImportWorkerError(error instanceof Error ? error.message : String(error)));
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      const job = slot.job;
      slot.worker = undefined;
      this.finish(slot);
      job?.reject(new ImportWorkerError('导入进程意外退出。'));
    });
    return worker;
  }

  /** Ends the slot's current job (its worker stays for the next). */
  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker?.unref();
    if (!this.closed) this.dispatch();
  }

  /** Stops the slot's worker, failing its current job with `reason`; a new worker starts for the next job. */
  private async stop(slot: Slot, reason: Error): Promise<void> {
    const { worker, job } = slot;
    slot.worker = undefined;
    this.finish(slot);
    job?.reject(reason);
    if (worker !== undefined) await worker.terminate();
  }
}
