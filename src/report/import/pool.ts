/**
 * Report imports off the server's thread: a file is read in a worker thread, so a slow file (a
 * 20 MB upload takes seconds) does not stop the server answering everyone else, and a file that
 * takes longer than the time limit is stopped with a clear message instead of running on.
 *
 * One worker, files in turn: on the project's two-core machines the other core stays with the
 * HTTP server and the database. The worker starts when warmed (the upload form is opened) or for
 * the first file, and is replaced after a file it had to stop; an idle worker does not keep the
 * process alive.
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
  /** A file still being read after this long is stopped (its worker is replaced). */
  timeoutMs: number;
  /** Heap limit of the worker in MiB (default 2048): a file that needs more fails alone. */
  maxHeapMiB?: number;
  /** An idle worker is let go after this long (default 30 s), and its memory with it. */
  idleMs?: number;
}

/** Imports files as `importReport` does, in a worker thread. */
export interface ImportPool {
  importFile(file: ReportFile): Promise<ImportResult>;
  /** Starts the worker now, so that the next file does not wait for it to load the readers; resolves once it has. */
  warm(): Promise<void>;
  /** Stops the worker; files still waiting are refused. */
  close(): Promise<void>;
  /** Whether a worker is there now (started, warm or reading). */
  hasWorker(): boolean;
}

interface Job {
  id: number;
  file: ReportFile;
  resolve(result: ImportResult): void;
  reject(error: Error): void;
}

/** An unexpected failure in the worker (not a file the readers refused): the service logs it. */
export class ImportWorkerError extends Error {}

const WORKER_URL = new URL('./import-worker.js', import.meta.url);
/** Files at least this large are read by a worker that is then replaced (its memory goes back at once). */
const RECYCLE_AFTER_BYTES = 4 * 2 ** 20;
/** The worker's first message: its readers are loaded. */
export const WORKER_READY = 'ready';

export function createImportPool(options: ImportPoolOptions): ImportPool {
  return new Pool(options);
}

class Pool implements ImportPool {
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private worker: Worker | undefined;
  /** The worker has loaded the readers (its start-up does not count against a file's time limit). */
  private ready = false;
  /** Settles when the current worker is ready or gone. */
  private started: Promise<void> = Promise.resolve();
  /** The file the worker is reading, and its time limit. */
  private job: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Lets an idle worker go. */
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ImportPoolOptions) {}

  importFile(file: ReportFile): Promise<ImportResult> {
    if (this.closed) return Promise.reject(new ImportWorkerError('导入进程已关闭。'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, resolve, reject });
      this.dispatch();
    });
  }

  hasWorker(): boolean {
    return this.worker !== undefined;
  }

  async warm(): Promise<void> {
    if (this.closed) return;
    this.worker ??= this.startWorker();
    await this.started;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new ImportWorkerError('服务正在停止，文件未读取。'));
    await this.stop(new ImportWorkerError('服务正在停止，文件读取被中止。'));
  }

  private dispatch(): void {
    if (this.job !== undefined || this.queue.length === 0) return;
    clearTimeout(this.idleTimer);
    this.job = this.queue.shift() as Job;
    const worker = (this.worker ??= this.startWorker());
    worker.ref();
    if (this.ready) this.send(worker);
  }

  /** Hands the current job to the ready worker and starts the job's time limit. */
  private send(worker: Worker): void {
    const job = this.job;
    if (job === undefined) return;
    this.timer = setTimeout(() => {
      const seconds = Number((this.options.timeoutMs / 1000).toFixed(1));
      void this.stop(new ReportReadError(`${job.file.name}：读取超过 ${seconds} 秒仍未完成，已停止。文件可能过大或结构异常，请检查后重新上传。`, job.file.name));
    }, this.options.timeoutMs);
    // The worker gets a copy of just these bytes, moved rather than cloned (a file of a multipart
    // upload is a view into the whole request); the caller keeps its own (stored with the report).
    const bytes = new Uint8Array(job.file.bytes);
    worker.postMessage({ id: job.id, name: job.file.name, bytes } satisfies WorkerRequest, [bytes.buffer]);
  }

  private startWorker(): Worker {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMiB ?? 2048 } });
    this.ready = false;
    let settle = (): void => undefined;
    this.started = new Promise((resolve) => {
      settle = resolve;
    });
    worker.once('exit', settle);
    worker.unref();
    worker.on('message', (reply: WorkerReply | typeof WORKER_READY) => {
      if (reply === WORKER_READY) {
        settle();
        if (this.worker !== worker) return;
        this.ready = true;
        this.send(worker);
        return;
      }
      const job = this.job;
      if (job === undefined || reply.id !== job.id) return;
      // A large file leaves the worker's heap large (V8 gives memory back slowly): a fresh worker
      // for the next file returns it to the system at once.
      if (job.file.bytes.length >= RECYCLE_AFTER_BYTES) this.retire(worker);
      this.finish();
      if (reply.ok) job.resolve(reply.result);
      else if (reply.kind === 'unreadable') job.reject(new ReportReadError(reply.message, job.file.name));
      else job.reject(new ImportWorkerError(reply.message));
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.lose((name) => outOfMemory
        ? new ReportReadError(`${name}：读取时所需内存超出上限，已停止。文件可能过大或结构异常，请检查后重新上传。`, name)
        : new ImportWorkerError(error instanceof Error ? error.message : String(error)));
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.lose(() => new ImportWorkerError('导入进程意外退出。'));
    });
    return worker;
  }

  /** The worker died by itself: its file fails with `reason` (given the file's name), the next file gets a new worker. */
  private lose(reason: (fileName: string) => Error): void {
    const job = this.job;
    this.worker = undefined;
    this.finish();
    job?.reject(reason(job.file.name));
  }

  /** Lets the worker go after its current reply; the next file starts a new one. */
  private retire(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
  }

  /** Ends the current job (the worker stays for the next). */
  private finish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.job = undefined;
    this.worker?.unref();
    if (!this.closed) this.dispatch();
    if (this.job === undefined && this.worker !== undefined) {
      // Nothing more to read: a worker kept warm holds its readers and heap (100 MB and more
      // after a PDF); after a while without files it goes, and the next file starts a new one.
      const idle = this.worker;
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        if (this.job === undefined) this.retire(idle);
      }, this.options.idleMs ?? 30_000);
      this.idleTimer.unref();
    }
  }

  /** Stops the worker, failing its current file with `reason`; a new worker starts for the next file. */
  private async stop(reason: Error): Promise<void> {
    const { worker, job } = this;
    this.worker = undefined;
    this.finish();
    job?.reject(reason);
    if (worker !== undefined) await worker.terminate();
  }
}
