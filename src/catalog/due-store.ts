/**
 * The SQL of the on-time list (第二十六条): items still on their way to publication due by a day, items
 * published after their due date in a period, and the counts of both per agency. `agencies` is the
 * viewer's scope ('all' for the command line or a sysAdmin) or the one agency chosen.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { PENDING_STATUSES, type ItemStatus } from './model.ts';

/** Which agencies a query reads. */
export type AgencyScope = 'all' | readonly number[];

/** An item as the on-time list shows it. */
export interface DueRow {
  id: number;
  agencyId: number;
  agencyName: string;
  indexNo: string;
  title: string;
  status: ItemStatus;
  formedOn: IsoDate;
  publishDue: IsoDate;
  publishDueProvisional: boolean;
  publishedOn: IsoDate | null;
}

const COLUMNS = `i.id, i.agency_id AS "agencyId", a.name AS "agencyName", i.index_no AS "indexNo", i.title, i.status,
  i.formed_on AS "formedOn", i.publish_due AS "publishDue", i.publish_due_provisional AS "publishDueProvisional", i.published_on AS "publishedOn"`;

/** `NULL` for every agency, else the ids (the query tests `$n::bigint[] IS NULL OR agency_id = ANY($n)`). */
const scopeParam = (agencies: AgencyScope): number[] | null => (agencies === 'all' ? null : [...agencies]);

/**
 * Items still on their way to publication (draft … 待签发) due in [from, until] (from null: any day up to
 * `until`), earliest first; `total` counts them all.
 */
export async function pendingDueIn(db: Queryable, agencies: AgencyScope, from: IsoDate | null, until: IsoDate, limit: number): Promise<{ rows: DueRow[]; total: number }> {
  const { rows } = await db.query<DueRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total
       FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
      WHERE i.status = ANY($1::text[]) AND i.publish_due <= $2 AND ($5::date IS NULL OR i.publish_due >= $5)
        AND ($3::bigint[] IS NULL OR i.agency_id = ANY($3))
      ORDER BY i.publish_due, i.id
      LIMIT $4`,
    [PENDING_STATUSES, until, scopeParam(agencies), limit, from],
  );
  return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** Items published after their due date, with a 发布日期 in [from, to], latest first. */
export async function publishedLateIn(db: Queryable, agencies: AgencyScope, from: IsoDate, to: IsoDate, limit: number): Promise<{ rows: DueRow[]; total: number }> {
  const { rows } = await db.query<DueRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total
       FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
      WHERE i.status = 'published' AND i.published_on BETWEEN $1 AND $2 AND i.published_on > i.publish_due
        AND ($3::bigint[] IS NULL OR i.agency_id = ANY($3))
      ORDER BY i.published_on DESC, i.id DESC
      LIMIT $4`,
    [from, to, scopeParam(agencies), limit],
  );
  return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** Per agency with any: items late, due soon (today … `soonUntil`), and published late in [from, to]. */
export interface DueCounts {
  agencyId: number;
  agencyName: string;
  late: number;
  dueSoon: number;
  publishedLate: number;
}

/** The counts of the list per agency (agencies with none are left out), by agency name. */
export async function dueCountsByAgency(db: Queryable, agencies: AgencyScope, today: IsoDate, soonUntil: IsoDate, from: IsoDate, to: IsoDate): Promise<DueCounts[]> {
  const { rows } = await db.query<DueCounts>(
    `WITH pending AS (
       SELECT agency_id, count(*) FILTER (WHERE publish_due < $1) AS late, count(*) FILTER (WHERE publish_due >= $1) AS soon
         FROM catalog_items
        WHERE status = ANY($3::text[]) AND publish_due <= $2 AND ($6::bigint[] IS NULL OR agency_id = ANY($6))
        GROUP BY agency_id
     ), published AS (
       SELECT agency_id, count(*) AS n
         FROM catalog_items
        WHERE status = 'published' AND published_on BETWEEN $4 AND $5 AND published_on > publish_due
          AND ($6::bigint[] IS NULL OR agency_id = ANY($6))
        GROUP BY agency_id
     )
     SELECT a.id AS "agencyId", a.name AS "agencyName", coalesce(p.late, 0)::int AS late, coalesce(p.soon, 0)::int AS "dueSoon", coalesce(q.n, 0)::int AS "publishedLate"
       FROM agencies a LEFT JOIN pending p ON p.agency_id = a.id LEFT JOIN published q ON q.agency_id = a.id
      WHERE p.agency_id IS NOT NULL OR q.agency_id IS NOT NULL
      ORDER BY a.name, a.id`,
    [today, soonUntil, PENDING_STATUSES, from, to, scopeParam(agencies)],
  );
  return rows;
}
