/**
 * A database that is not there (the embedded server being restarted, a DATABASE_URL server down)
 * is answered with 503 and a page that says to wait, never a 500; the API says the same in JSON.
 */
import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../db/embedded.ts';
import { createPool } from '../db/pool.ts';
import { errorHandler } from './error-handler.tsx';
import type { AppEnv } from './types.ts';

async function appOnDeadDatabase(): Promise<{ app: Hono<AppEnv>; close: () => Promise<void> }> {
  const port = await findFreePort(); // nothing listens there
  const db = createPool(`postgres://nobody:x@127.0.0.1:${port}/none`);
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(pino({ level: 'silent' })));
  app.get('/reports', async (c) => c.json((await db.query('SELECT 1')).rows));
  app.get('/api/reports', async (c) => c.json((await db.query('SELECT 1')).rows));
  return { app, close: () => db.end() };
}

describe('error handler: the database is not there', () => {
  it('answers a page with 503, Retry-After and a message to wait', async () => {
    const { app, close } = await appOnDeadDatabase();
    try {
      const res = await app.request('/reports', { headers: { accept: 'text/html' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      const html = await res.text();
      expect(html).toContain('服务暂时不可用');
      expect(html).toContain('请稍等一分钟后再试');
    } finally {
      await close();
    }
  });

  it('answers the API with 503 and {"error": {"code": "database.unavailable"}}', async () => {
    const { app, close } = await appOnDeadDatabase();
    try {
      const res = await app.request('/api/reports');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database.unavailable');
    } finally {
      await close();
    }
  });
});
