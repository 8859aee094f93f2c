// Worker thread that imports report files for the server (pool.ts): registers tsx, as bin/gongkai.js
// does for the main thread (a worker does not inherit the main thread's loader), then serves requests.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker-main.ts');
