// Worker thread of the catalog benchmark's generator (catalog-items.ts): registers tsx, as bin/gongkai.js
// does for the main thread (a worker does not inherit the main thread's loader), then makes batches.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveBatches } = await import('./catalog-items.ts');
serveBatches(parentPort, workerData.n);
