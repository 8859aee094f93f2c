/**
 * Overdue applications per agency (the supervisor's dashboard, issue 19 §5): cases still open whose
 * reply due date in force (due_on, extensions included) is before today — the same test as the staff
 * list's “已逾期” (service.ts). One aggregate over the open-cases index (applications_due_idx),
 * whatever the number of agencies.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';

/** Per agency asked, how many open cases are past their due date on `today` (0 when none). */
export async function overdueCountsOf(db: Queryable, agencyIds: readonly number[], today: IsoDate): Promise<Map<number, number>> {
  const { rows } = await db.query<{ agency_id: number; n: number }>(
    `SELECT agency_id::int, count(*)::int AS n FROM applications
      WHERE agency_id = ANY($1::bigint[]) AND closed_on IS NULL AND due_on IS NOT NULL AND due_on < $2::date
      GROUP BY 1`, [agencyIds, today]);
  const out = new Map<number, number>(agencyIds.map((id) => [id, 0]));
  for (const r of rows) out.set(r.agency_id, r.n);
  return out;
}
