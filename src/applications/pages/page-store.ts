/**
 * What the applications pages read besides the use-cases: people's names, who may handle an agency's
 * cases, the dashboard's counts and the cases behind a number of tables 三/四. SQL only, read only,
 * no decisions (the scope and dates come from the caller).
 */
import type { ApplicantKind } from '../../law/applicant-kinds.ts';
import type { IsoDate } from '../../law/dates.ts';
import type { OutcomeCode } from '../../law/outcomes.ts';
import type { Queryable } from '../../platform/db/queryable.ts';
import type { CaseStatus } from '../model.ts';
import type { CaseSummary } from '../store.ts';

/** People's names by id (the timeline, the lists' 经办人). */
export async function peopleNames(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: string }>('SELECT id, name FROM people WHERE id = ANY($1::bigint[])', [unique]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** A person who may be a case's 经办人 in an agency (经办人 or 负责人 there). */
export interface HandlerChoice {
  personId: number;
  name: string;
  agencyId: number;
  role: 'handler' | 'head';
}

/** The 经办人 and 负责人 of the agencies ('all': of every agency), enabled accounts only, by name. */
export async function handlersOf(db: Queryable, agencyIds: 'all' | readonly number[]): Promise<HandlerChoice[]> {
  const { rows } = await db.query<{ person_id: number; name: string; agency_id: number; role: 'handler' | 'head' }>(
    `SELECT g.person_id, p.name, g.agency_id, g.role FROM role_grants g JOIN people p ON p.id = g.person_id
      WHERE g.role IN ('handler', 'head') AND p.disabled_at IS NULL ${agencyIds === 'all' ? '' : 'AND g.agency_id = ANY($1::bigint[])'}
      ORDER BY p.name, g.person_id, g.agency_id`, agencyIds === 'all' ? [] : [agencyIds]);
  return rows.map((r) => ({ personId: Number(r.person_id), name: r.name, agencyId: Number(r.agency_id), role: r.role }));
}

/** Open cases of one agency and handler (null: unassigned), with how many are due soon and overdue. */
export interface OpenCount {
  agencyId: number;
  handlerId: number | null;
  open: number;
  soon: number;
  overdue: number;
}

/**
 * The open cases per agency and handler within the scope: overdue when due before `today`, due soon
 * when due from `today` to `soonUntil` (as service.ts listCases marks them).
 */
export async function openCounts(db: Queryable, scope: 'all' | readonly number[], today: IsoDate, soonUntil: IsoDate): Promise<OpenCount[]> {
  const { rows } = await db.query<{ agency_id: number; handler_id: number | null; open: number; soon: number; overdue: number }>(
    `SELECT agency_id, handler_id, count(*)::int AS open,
            count(*) FILTER (WHERE due_on BETWEEN $1::date AND $2::date)::int AS soon,
            count(*) FILTER (WHERE due_on < $1::date)::int AS overdue
       FROM applications WHERE closed_on IS NULL ${scope === 'all' ? '' : 'AND agency_id = ANY($3::bigint[])'}
      GROUP BY 1, 2`, scope === 'all' ? [today, soonUntil] : [today, soonUntil, scope]);
  return rows.map((r) => ({ agencyId: Number(r.agency_id), handlerId: r.handler_id === null ? null : Number(r.handler_id), open: r.open, soon: r.soon, overdue: r.overdue }));
}

/** A row of the list of cases behind a number: a case list's row without its submission day and version. */
export type CaseRow = Omit<CaseSummary, 'submitted' | 'version'>;

/** The cases of these ids, newest first (at most `limit`). */
export async function casesByIds(db: Queryable, ids: readonly number[], limit: number): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{
    id: number; agency_id: number; agency_name: string; tracking_code: string; applicant_kind: ApplicantKind; applicant_name: string;
    status: CaseStatus; receipt_date: IsoDate | null; due_on: IsoDate | null; closed_on: IsoDate | null; outcome: OutcomeCode | null; handler_id: number | null;
  }>(
    `SELECT a.id, a.agency_id, g.name AS agency_name, a.tracking_code, a.applicant_kind, a.applicant_name, a.status,
            to_char(a.receipt_date, 'YYYY-MM-DD') AS receipt_date, to_char(a.due_on, 'YYYY-MM-DD') AS due_on,
            to_char(a.closed_on, 'YYYY-MM-DD') AS closed_on, a.outcome, a.handler_id
       FROM applications a JOIN agencies g ON g.id = a.agency_id WHERE a.id = ANY($1::bigint[]) ORDER BY a.id DESC LIMIT $2`,
    [ids, limit]);
  return rows.map((r) => ({
    id: Number(r.id), agencyId: Number(r.agency_id), agencyName: r.agency_name, trackingCode: r.tracking_code, applicantKind: r.applicant_kind,
    applicantName: r.applicant_name, status: r.status, receiptDate: r.receipt_date, dueOn: r.due_on, closedOn: r.closed_on, outcome: r.outcome,
    handlerId: r.handler_id === null ? null : Number(r.handler_id),
  }));
}

/** The cases of these appeals (table 四's numbers count appeals; the list shows their cases). */
export async function casesOfAppeals(db: Queryable, appealIds: readonly number[]): Promise<number[]> {
  if (appealIds.length === 0) return [];
  const { rows } = await db.query<{ application_id: number }>('SELECT DISTINCT application_id FROM appeals WHERE id = ANY($1::bigint[])', [appealIds]);
  return rows.map((r) => Number(r.application_id));
}
