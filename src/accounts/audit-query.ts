/**
 * Reading the audit trail: rows newest first, filtered by agency, person, record and date, limited to
 * the agencies the reader may see, paged by keyset on id. SQL only; the route decides the scope.
 */
import type { ChainedRow } from '../platform/audit/chain.ts';
import type { Queryable } from '../platform/db/queryable.ts';

/** What is asked of the trail. */
export interface AuditFilter {
  /** The agencies the reader may see ('all': a sysAdmin, who alone sees rows of no agency). */
  scope: 'all' | readonly number[];
  agencyId?: number | undefined;
  /** A username or a person's name. */
  person?: string | undefined;
  /** A record as the log names it ('agency:3', 'checked_report:12'). */
  subject?: string | undefined;
  /** First and last day, YYYY-MM-DD, in Beijing time. */
  from?: string | undefined;
  to?: string | undefined;
}

/** One row of the trail (the content the chain covers, its time as a Date) with the names it refers to. */
export interface AuditRow extends Omit<ChainedRow, 'at'> {
  at: Date;
  username: string | null;
  personName: string | null;
  agencyName: string | null;
}

interface Row {
  id: number; at: Date; actor: string; person_id: number | null; token_id: number | null; agency_id: number | null; action: string;
  subject: string | null; details: unknown; ip: string | null; username: string | null; person_name: string | null; agency_name: string | null;
}

function whereOf(filter: AuditFilter, values: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  // Rows of no agency (sign-ins, commands) fall outside any list of agencies: only 'all' sees them.
  if (filter.scope !== 'all') where.push(`a.agency_id = ANY(${add(filter.scope)}::bigint[])`);
  if (filter.agencyId !== undefined) where.push(`a.agency_id = ${add(filter.agencyId)}`);
  if (filter.person !== undefined) {
    const p = add(filter.person);
    // A failed sign-in is nobody's act: it is found by the username that was tried.
    where.push(`(a.person_id IN (SELECT id FROM people WHERE username = lower(${p}) OR name = ${p}) OR (a.action = 'signin.fail' AND a.details->>'username' = lower(${p})))`);
  }
  if (filter.subject !== undefined) where.push(`a.subject = ${add(filter.subject)}`);
  if (filter.from !== undefined) where.push(`a.at >= (${add(filter.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (filter.to !== undefined) where.push(`a.at < (${add(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  return where;
}

/**
 * Up to `limit` rows, newest first: before the row `before` (older), after the row `after` (newer,
 * still returned newest first), or the newest.
 */
export async function listAudit(db: Queryable, filter: AuditFilter, page: { before?: number | undefined; after?: number | undefined; limit: number }): Promise<AuditRow[]> {
  const values: unknown[] = [];
  const where = whereOf(filter, values);
  if (page.before !== undefined) {
    values.push(page.before);
    where.push(`a.id < $${values.length}`);
  } else if (page.after !== undefined) {
    values.push(page.after);
    where.push(`a.id > $${values.length}`);
  }
  values.push(page.limit);
  const ascending = page.before === undefined && page.after !== undefined;
  const { rows } = await db.query<Row>(
    `SELECT a.id, a.at, a.actor, a.person_id, a.token_id, a.agency_id, a.action, a.subject, a.details, a.ip,
            p.username, p.name AS person_name, g.name AS agency_name
     FROM audit_log a LEFT JOIN people p ON p.id = a.person_id LEFT JOIN agencies g ON g.id = a.agency_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.id ${ascending ? 'ASC' : 'DESC'} LIMIT $${values.length}`, values);
  const list = rows.map((r): AuditRow => ({
    id: r.id, at: r.at, actor: r.actor, personId: r.person_id, tokenId: r.token_id, agencyId: r.agency_id, action: r.action,
    subject: r.subject, details: r.details, ip: r.ip, username: r.username, personName: r.person_name, agencyName: r.agency_name,
  }));
  return ascending ? list.reverse() : list;
}

/** The names of the agencies and people the rows' records are ('agency:3' → its name, 'person:5' → 姓名（用户名）). */
export async function recordNames(db: Queryable, subjects: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = (prefix: string) => [...new Set(subjects.flatMap((s) => {
    const m = s === null ? null : new RegExp(`^${prefix}:([0-9]{1,15})$`).exec(s);
    return m ? [Number(m[1])] : [];
  }))];
  const names = new Map<string, string>();
  const agencies = ids('agency');
  const people = ids('person');
  if (agencies.length > 0) {
    const { rows } = await db.query<{ id: number; name: string }>('SELECT id, name FROM agencies WHERE id = ANY($1::bigint[])', [agencies]);
    for (const r of rows) names.set(`agency:${r.id}`, r.name);
  }
  if (people.length > 0) {
    const { rows } = await db.query<{ id: number; name: string; username: string }>('SELECT id, name, username FROM people WHERE id = ANY($1::bigint[])', [people]);
    for (const r of rows) names.set(`person:${r.id}`, `${r.name}（${r.username}）`);
  }
  return names;
}
