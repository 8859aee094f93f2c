/**
 * The pg connection pool, with the type parsing every store relies on: bigint (int8) as a JS
 * number (our ids and counts stay far below 2^53) and `date` as a 'YYYY-MM-DD' string (a legal
 * date is never a Date at midnight).
 */
import pg from 'pg';

const INT8_OID = 20;
const DATE_OID = 1082;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === DATE_OID) return (value: string) => value;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Creates a pool for a connection URL. */
export function createPool(url: string, options: { max?: number; applicationName?: string } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'gongkai',
    types,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}
