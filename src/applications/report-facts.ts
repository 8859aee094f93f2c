/**
 * What an annual report (issue 19) reads of the applications, for many agencies at once: tables 三/四
 * of each agency's year (statistics-store.ts, one aggregate each), the replies given after their due
 * date, and the 信息处理费 collected. A handful of queries, however many agencies.
 */
import { allOf, type Queryable } from '../platform/db/queryable.ts';
import { countTable3, countTable4, type Table3Counts, type Table4Counts } from './statistics-store.ts';

/** Tables 三/四 of one agency's year (2021 template, canonical row keys). */
export interface CaseTables {
  table3: Table3Counts;
  table4: Table4Counts;
}

/** Tables 三/四 of each agency's year. */
export async function caseTablesOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, CaseTables>> {
  const [t3, t4] = await allOf(db, [() => countTable3(db, agencyIds, year), () => countTable4(db, agencyIds, year)] as const);
  return new Map(agencyIds.map((id) => [id, { table3: t3.get(id)!, table4: t4.get(id)! }]));
}

/** The applications' facts a report's sentences quote. */
export interface ApplicationYearFacts {
  /** Cases closed in the year after their statutory due date. */
  repliedLate: number;
  /** Cases whose 信息处理费 was paid in the year, and the amount noticed for them (fen). */
  feeCases: number;
  feeFen: number;
}

/** The facts of each agency's year (every agency asked gets an entry). */
export async function applicationFactsOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, ApplicationYearFacts>> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const [late, fees] = await allOf(db, [
    () => db.query<{ agency_id: number; n: number }>(
      `SELECT agency_id::int, count(*)::int AS n FROM applications
        WHERE agency_id = ANY($1::bigint[]) AND closed_on BETWEEN $2::date AND $3::date AND due_on IS NOT NULL AND closed_on > due_on
        GROUP BY 1`, [agencyIds, start, end]),
    () => db.query<{ agency_id: number; cases: number; fen: string | null }>(
      `SELECT a.agency_id::int, count(DISTINCT a.id)::int AS cases,
              sum((SELECT (n.payload->>'amountFen')::bigint FROM application_events n
                    WHERE n.application_id = a.id AND n.type = 'feeNoticed' AND n.payload ? 'amountFen' ORDER BY n.seq DESC LIMIT 1))::text AS fen
         FROM application_events p JOIN applications a ON a.id = p.application_id
        WHERE a.agency_id = ANY($1::bigint[]) AND p.type = 'feePaid' AND p.date BETWEEN $2::date AND $3::date
        GROUP BY 1`, [agencyIds, start, end]),
  ] as const);
  const out = new Map<number, ApplicationYearFacts>(agencyIds.map((id) => [id, { repliedLate: 0, feeCases: 0, feeFen: 0 }]));
  for (const r of late.rows) out.get(r.agency_id)!.repliedLate = r.n;
  for (const r of fees.rows) Object.assign(out.get(r.agency_id)!, { feeCases: r.cases, feeFen: Number(r.fen ?? 0) });
  return out;
}
