/**
 * The audit log: who (a person, a token, the command line, an anonymous visitor), acting for which
 * agency, did what to which record, when and from where — one row per change, written in the same
 * transaction as the change, and chained by SM3 hashes (chain.ts) so that an edited or deleted row
 * is found by `gongkai audit verify`.
 */
import { isPool, type Queryable } from '../db/queryable.ts';
import { withTransaction } from '../db/transaction.ts';
import { GENESIS_HASH, rowHash } from './chain.ts';

/** Who acted. */
export type Actor =
  | { kind: 'person'; personId: number; username: string; tokenId?: number | undefined }
  | { kind: 'cli'; user: string }
  | { kind: 'anonymous' }
  | { kind: 'system' };

/** One audit entry. */
export interface AuditEntry {
  actor: Actor;
  /** Stable action name, e.g. 'report.check', 'person.grant'. */
  action: string;
  /** The record, e.g. 'checked_report:12', 'agency:3'. */
  subject?: string | undefined;
  /** The agency the actor acted for (the record's agency). */
  agencyId?: number | null | undefined;
  /** Facts worth keeping; for a change `{ before, after }` of the changed fields. Never a password or a token. */
  details?: Record<string, unknown> | undefined;
  /** The client's address (web requests). */
  ip?: string | null | undefined;
}

/** The actor as the `actor` column shows it: 'person:zhang', 'token:7:zhang', 'cli:root', 'anonymous', 'system'. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'person':
      return actor.tokenId === undefined ? `person:${actor.username}` : `token:${actor.tokenId}:${actor.username}`;
    case 'cli':
      return `cli:${actor.user}`;
    default:
      return actor.kind;
  }
}


/** Key of the advisory lock that orders appends to the chain (any constant no other lock uses). */
const CHAIN_LOCK = 0x67_6b_61_75; // 'gkau'

/**
 * Appends an entry. Call it inside the change's transaction: the advisory lock taken here is held
 * until that transaction ends, so rows are chained in id order across processes.
 */
export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  // A pool runs each statement in its own transaction: the lock would not order anything.
  if (isPool(db)) return withTransaction(db, (tx) => writeAudit(tx, entry));
  await db.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const last = await db.query<{ hash: string | null }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const previous = last.rows[0]?.hash ?? GENESIS_HASH;
  const { rows } = await db.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id");
  const id = rows[0]!.id;
  const at = new Date();
  const actor = entry.actor;
  const row = {
    id,
    at: at.toISOString(),
    actor: actorLabel(actor),
    personId: actor.kind === 'person' ? actor.personId : null,
    tokenId: actor.kind === 'person' ? actor.tokenId ?? null : null,
    agencyId: entry.agencyId ?? null,
    action: entry.action,
    subject: entry.subject ?? null,
    // As jsonb will give it back: undefined dropped, dates as strings.
    details: entry.details === undefined ? null : (JSON.parse(JSON.stringify(entry.details)) as unknown),
    ip: entry.ip ?? null,
  };
  await db.query(
    `INSERT INTO audit_log (id, at, actor, person_id, token_id, agency_id, action, subject, details, ip, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, at, row.actor, row.personId, row.tokenId, row.agencyId, row.action, row.subject,
      row.details === null ? null : JSON.stringify(row.details), row.ip, previous, rowHash(previous, row)],
  );
}
