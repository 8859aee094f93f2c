/**
 * Checking the audit chain (`gongkai audit verify`), and sealing rows written before the chain
 * existed (migration 0006) so that they are covered too.
 */
import type pg from 'pg';
import type { Queryable } from '../db/queryable.ts';
import { withTransaction } from '../db/transaction.ts';
import { GENESIS_HASH, rowHash, type ChainedRow } from './chain.ts';

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  person_id: number | null;
  token_id: number | null;
  agency_id: number | null;
  action: string;
  subject: string | null;
  details: unknown;
  ip: string | null;
  prev_hash: string | null;
  hash: string | null;
}

const toChained = (r: AuditRow): ChainedRow => ({
  id: r.id, at: r.at.toISOString(), actor: r.actor, personId: r.person_id, tokenId: r.token_id, agencyId: r.agency_id,
  action: r.action, subject: r.subject, details: r.details, ip: r.ip,
});

/** The result of a check: every row in order, or the first row where the chain breaks. */
export type ChainCheck =
  | { ok: true; rows: number; lastId: number | null }
  | { ok: false; rows: number; brokenId: number; reason: 'edited' | 'removed-before' | 'unsealed'; message: string };

const BATCH = 5000;

/** Reads the log in id order and checks each row's links and hash. */
export async function verifyAuditChain(db: Queryable): Promise<ChainCheck> {
  let previous = GENESIS_HASH;
  let afterId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.query<AuditRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, BATCH]);
    for (const r of batch.rows) {
      if (r.hash === null || r.prev_hash === null) {
        return { ok: false, rows, brokenId: r.id, reason: 'unsealed', message: `第 ${r.id} 条记录没有链上的校验值（在链建立后写入却未经应用程序，或校验值被清除）` };
      }
      if (r.prev_hash !== previous) {
        return { ok: false, rows, brokenId: r.id, reason: 'removed-before', message: `第 ${r.id} 条记录之前的记录被删除或改动：它记下的前一条校验值与实际不符` };
      }
      if (rowHash(previous, toChained(r)) !== r.hash) {
        return { ok: false, rows, brokenId: r.id, reason: 'edited', message: `第 ${r.id} 条记录的内容被改动：内容与它的校验值不符` };
      }
      previous = r.hash;
      rows++;
      afterId = r.id;
    }
    if (batch.rows.length < BATCH) return { ok: true, rows, lastId: rows === 0 ? null : afterId };
  }
}

/**
 * Chains the rows written before the chain existed (hash NULL, all older than any chained row).
 * Runs at start-up, under the chain's lock; a no-op once done.
 */
export async function sealUnchainedAuditRows(pool: pg.Pool): Promise<number> {
  const pending = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE hash IS NULL AND id < coalesce((SELECT min(id) FROM audit_log WHERE hash IS NOT NULL), 9223372036854775807)');
  if ((pending.rows[0]?.n ?? 0) === 0) return 0;
  return withTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [0x67_6b_61_75]);
    const legacy = await tx.query<AuditRow>('SELECT * FROM audit_log WHERE hash IS NULL AND id < coalesce((SELECT min(id) FROM audit_log WHERE hash IS NOT NULL), 9223372036854775807) ORDER BY id');
    let previous = GENESIS_HASH;
    for (const r of legacy.rows) {
      const hash = rowHash(previous, toChained(r));
      await tx.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, previous, hash]);
      previous = hash;
    }
    return legacy.rows.length;
  });
}
