/**
 * Transactions: the caller of store functions owns them (style: stores take a Queryable).
 */
import type pg from 'pg';
import type { Queryable } from './queryable.ts';

/** Runs `work` inside BEGIN … COMMIT on one client of the pool; rolls back if it throws. */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
