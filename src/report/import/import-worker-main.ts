/**
 * The import worker's side of pool.ts: one request at a time, `importReport` on the bytes, the
 * result or the reader's Chinese message sent back. Anything else that goes wrong is sent back as
 * a crash, for the server to log and report as an unexpected error.
 */
import { parentPort } from 'node:worker_threads';
import { importReport, ReportReadError } from './index.ts';
import { WORKER_READY, type WorkerReply, type WorkerRequest } from './pool.ts';

const port = parentPort;
if (port === null) throw new Error('import-worker-main.ts runs only as a worker thread (pool.ts).');

port.on('message', (request: WorkerRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});
port.postMessage(WORKER_READY);

async function answer({ id, name, bytes }: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id, ok: true, result: await importReport({ name, bytes }) };
  } catch (error) {
    if (error instanceof ReportReadError) return { id, ok: false, kind: 'unreadable', message: error.message };
    return { id, ok: false, kind: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
