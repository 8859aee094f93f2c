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
