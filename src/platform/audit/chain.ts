/**
 * The audit chain: each row's hash is SM3 (GB/T 32905, from Node's crypto) over the previous row's
 * hash and the row's content, so that a row edited or deleted in SQL breaks the chain at that row.
 * The content is serialised canonically (keys sorted, as jsonb gives them back in any order), so a
 * row hashes the same when written and when read back.
 */
import { createHash } from 'node:crypto';

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of one row that the hash covers. */
export interface ChainedRow {
  id: number;
  /** ISO 8601 with milliseconds (what timestamptz gives back for a JS Date). */
  at: string;
  actor: string;
  personId: number | null;
  tokenId: number | null;
  agencyId: number | null;
  action: string;
  subject: string | null;
  details: unknown;
  ip: string | null;
}

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SM3 of the previous hash and the row, as 64 hex digits. */
export function rowHash(previousHash: string, row: ChainedRow): string {
  const content = canonicalJson([row.id, row.at, row.actor, row.personId, row.tokenId, row.agencyId, row.action, row.subject, row.details ?? null, row.ip]);
  return createHash('sm3').update(previousHash).update('\n').update(content).digest('hex');
}
