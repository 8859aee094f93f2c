import type pg from 'pg';

/**
 * What a store function needs of the database: a pool or a client inside a transaction.
 * Store functions take this as their first argument; the caller owns the transaction.
 */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** A named query: prepared once per connection, planned without parsing again (for the hottest statements). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: { name: string; text: string; values?: unknown[] }): Promise<pg.QueryResult<R>>;
}

/** Is this a pool (each query on any free connection), not one client? */
export function isPool(db: Queryable): db is pg.Pool {
  return typeof (db as Partial<pg.Pool>).connect === 'function' && typeof (db as Partial<pg.Pool>).totalCount === 'number';
}

/**
 * Runs independent reads at once on a pool, and one after another on a client (a transaction's
 * connection runs one query at a time; queueing them on it is deprecated by pg).
 */
export async function allOf<T extends readonly unknown[]>(db: Queryable, tasks: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (isPool(db)) return Promise.all(tasks.map((t) => t())) as unknown as Promise<T>;
  const out: unknown[] = [];
  for (const t of tasks) out.push(await t());
  return out as unknown as T;
}
