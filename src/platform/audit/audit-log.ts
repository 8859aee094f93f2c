/**
 * The audit log: who did what to which subject, written in the same transaction as the change.
 */
import type { Queryable } from '../db/queryable.ts';

/** One audit entry. */
export interface AuditEntry {
  /** 'anonymous', 'cli', or later a user id. */
  actor: string;
  /** Stable action name, e.g. 'report.check'. */
  action: string;
  /** What it concerns, e.g. 'checked_report:12'. */
  subject?: string;
  /** Facts worth keeping (never personal data beyond what the action needs). */
  details?: Record<string, unknown>;
}

/** Appends an entry to audit_log. */
export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (actor, action, subject, details) VALUES ($1, $2, $3, $4)', [
    entry.actor,
    entry.action,
    entry.subject ?? null,
    entry.details === undefined ? null : JSON.stringify(entry.details),
  ]);
}
