/**
 * Tables 三 and 四 counted in SQL from the columns each event keeps on its case (status, receipt_date,
 * closed_on, outcome; migration 0008), by the same rules as statistics.ts `rowsOf` and `appealColumnOf`
 * (a test holds them equal on a generated year). A case counted in a year is in one of three disjoint
 * index ranges of its agency: received in the year; received before it and closed on or after its
 * first day; received before it and still open. So the count reads only the cases the year touches,
 * however many years the agency's cases span.
 */
import { APPLICANT_KINDS, type ApplicantKind } from '../law/applicant-kinds.ts';
import type { OutcomeCode } from '../law/outcomes.ts';
import { isPool, type Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import {
  APPEAL_KINDS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS, type AppealKind, type CountedAppeal, type CountedCase, type Table3Row, type Table4Column,
} from './statistics.ts';

/** Table 三: row → 7 integers (the applicant kinds, then 总计). */
export type Table3Counts = Record<Table3Row, number[]>;
/** Table 四: kind → the five columns. */
export type Table4Counts = Record<AppealKind, Record<Table4Column, number>>;

const emptyTable3 = (): Table3Counts => Object.fromEntries(TABLE3_ROW_KEYS.map((row) => [row, TABLE3_COLUMN_KEYS.map(() => 0)])) as Table3Counts;
const emptyTable4 = (): Table4Counts =>
  Object.fromEntries(APPEAL_KINDS.map((k) => [k, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }])) as Table4Counts;

const yearBounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/**
 * The three ranges of the cases a year touches (see the file's comment); $1 agencies, $2 first day, $3
 * last day. An open case has neither closing date nor outcome (the fold sets both when it closes), so
 * the third range reads the index of open cases alone.
 */
const casesOfYearSql = (columns: string) => `
  SELECT ${columns}, closed_on, outcome FROM applications
   WHERE agency_id = ANY($1::bigint[]) AND receipt_date BETWEEN $2::date AND $3::date
  UNION ALL
  SELECT ${columns}, closed_on, outcome FROM applications
   WHERE agency_id = ANY($1::bigint[]) AND closed_on >= $2::date AND receipt_date < $2::date
  UNION ALL
  SELECT ${columns}, NULL::date, NULL::text FROM applications
   WHERE agency_id = ANY($1::bigint[]) AND closed_on IS NULL AND receipt_date < $2::date`;

/**
 * Runs the aggregate with enough memory to hash its groups (a few per agency, kind and outcome; the
 * planner's estimate is far higher and it would sort 1,000,000 rows instead: 1.3 s instead of 0.4 s
 * over 1,000 agencies) and in one process (the servers are small, the web requests need the others).
 */
async function withAggregateSettings<T>(db: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const settings = async (tx: Queryable) => {
    await tx.query("SELECT set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)");
    return work(tx);
  };
  return isPool(db) ? withTransaction(db, settings) : settings(db);
}

/** The aggregate of table 三 (exported for the plan check of the scale test). */
export const TABLE3_SQL = `SELECT agency_id, applicant_kind,
            CASE WHEN closed_on BETWEEN $2::date AND $3::date AND outcome IS NOT NULL AND receipt_date <= closed_on THEN outcome END AS processed,
            count(*) FILTER (WHERE receipt_date >= $2::date)::int AS new_received,
            count(*) FILTER (WHERE receipt_date < $2::date)::int AS carried_over,
            count(*) FILTER (WHERE closed_on IS NULL OR closed_on > $3::date)::int AS carried_forward,
            count(*)::int AS n
       FROM (${casesOfYearSql('agency_id, applicant_kind, receipt_date')}) c (agency_id, applicant_kind, receipt_date, closed_on, outcome)
      GROUP BY 1, 2, 3`;

/**
 * Table 三 of each agency for a year, one aggregate: per agency, applicant kind and (for a case closed
 * in the year) its outcome, how many were received in the year, carried over, and carried forward.
 * Agencies without cases get a table of zeros.
 */
export async function countTable3(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, Table3Counts>> {
  const [start, end] = yearBounds(year);
  const { rows } = await withAggregateSettings(db, (tx) => tx.query<{
    agency_id: number; applicant_kind: ApplicantKind; processed: OutcomeCode | null; new_received: number; carried_over: number; carried_forward: number; n: number;
  }>(TABLE3_SQL, [agencyIds, start, end]));
  const tables = new Map(agencyIds.map((id) => [id, emptyTable3()]));
  const total = APPLICANT_KINDS.length;
  for (const r of rows) {
    const table = tables.get(r.agency_id);
    const column = APPLICANT_KINDS.indexOf(r.applicant_kind);
    if (!table || column < 0) continue;
    const add = (row: Table3Row, n: number) => {
      table[row][column]! += n;
      table[row][total]! += n;
    };
    add('newReceived', r.new_received);
    add('carriedOver', r.carried_over);
    add('carriedForward', r.carried_forward);
    if (r.processed !== null && r.processed in table) {
      add(r.processed, r.n);
      add('totalProcessed', r.n);
    }
  }
  return tables;
}

/** Table 四 of each agency for a year: an appeal decided in the year in its result's column, one undecided at the year's end under 尚未审结. */
export async function countTable4(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, Table4Counts>> {
  const [start, end] = yearBounds(year);
  const { rows } = await db.query<{ agency_id: number; kind: AppealKind; col: Exclude<Table4Column, 'total'> | null; n: number }>(
    `SELECT agency_id, kind,
            CASE WHEN decided_on BETWEEN $2::date AND $3::date AND result IS NOT NULL THEN result
                 WHEN decided_on IS NULL OR decided_on > $3::date THEN 'pending' END AS col,
            count(*)::int AS n
       FROM appeals
      WHERE agency_id = ANY($1::bigint[]) AND filed_on <= $3::date AND (decided_on IS NULL OR decided_on >= $2::date)
      GROUP BY 1, 2, 3`,
    [agencyIds, start, end]);
  const tables = new Map(agencyIds.map((id) => [id, emptyTable4()]));
  for (const r of rows) {
    const table = tables.get(r.agency_id);
    if (!table || r.col === null) continue;
    table[r.kind][r.col] += r.n;
    table[r.kind].total += r.n;
  }
  return tables;
}

/** The cases a year's table 三 of an agency counts (for the list behind each number: statistics.ts `casesBehind`). */
export async function casesOfYear(db: Queryable, agencyId: number, year: number): Promise<CountedCase[]> {
  const [start, end] = yearBounds(year);
  const { rows } = await db.query<{ id: number; applicant_kind: ApplicantKind; receipt_date: string | null; closed_on: string | null; outcome: OutcomeCode | null }>(
    `SELECT * FROM (${casesOfYearSql('id, applicant_kind, receipt_date')}) c (id, applicant_kind, receipt_date, closed_on, outcome) ORDER BY id`, [[agencyId], start, end]);
  return rows.map((r) => ({ id: r.id, applicantKind: r.applicant_kind, receiptDate: r.receipt_date, closedOn: r.closed_on, outcome: r.outcome }) as CountedCase);
}

/** The appeals of an agency's cases a year's table 四 counts. */
export async function appealsOfYear(db: Queryable, agencyId: number, year: number): Promise<CountedAppeal[]> {
  const [start, end] = yearBounds(year);
  const { rows } = await db.query<{ id: number; kind: AppealKind; filed_on: string; decided_on: string | null; result: CountedAppeal['result'] }>(
    `SELECT id, kind, filed_on, decided_on, result FROM appeals
      WHERE agency_id = $1 AND filed_on <= $3::date AND (decided_on IS NULL OR decided_on >= $2::date) ORDER BY id`, [agencyId, start, end]);
  return rows.map((r) => ({ id: r.id, kind: r.kind, filedOn: r.filed_on, decidedOn: r.decided_on, result: r.result }) as CountedAppeal);
}
