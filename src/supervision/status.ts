/**
 * Where each agency under a people's government stands with its annual report of a year (issue 19
 * §3, §7): one row per agency — the report's state, its dates, whether it is late (条例第四十九条) and
 * what the rules found when it was last drafted. One query over the agency tree's closure and the
 * workspace table, whatever the number of agencies.
 */
import { annualReportDueDate } from '../law/annual-report-dates.ts';
import type { AgencyKind } from '../law/agency-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import type { ReportState } from './core/workflow.ts';

/** The states the status list names: a report in correction was published and stays so. */
export const STATUS_STATES = ['missing', 'draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type StatusState = (typeof STATUS_STATES)[number];

/** One agency's report of the year, as the supervising office sees it. */
export interface AgencyReportStatus {
  agencyId: number;
  agency: string;
  agencyKind: AgencyKind;
  /** The agency's parent (null for the government asked about). */
  parentId: number | null;
  reportId: number | null;
  state: StatusState;
  submittedOn: IsoDate | null;
  acceptedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  /** 条例第四十九条's last day for this agency's report. */
  dueOn: IsoDate;
  /** Published after `dueOn`, or not published and `dueOn` has passed. */
  late: boolean;
  findings: { error: number; warning: number };
}

/** The statuses of every agency under `governmentId` (itself first), for `year`, as of `today`. */
export async function reportStatuses(db: Queryable, governmentId: number, year: number, today: IsoDate): Promise<AgencyReportStatus[]> {
  const { rows } = await db.query<{
    id: number; name: string; kind: AgencyKind; parent_id: number | null; report_id: number | null; state: ReportState | null;
    submitted_on: string | null; accepted_on: string | null; published_on: string | null; errors: number | null; warnings: number | null;
  }>(
    `SELECT a.id::int, a.name, a.kind, a.parent_id::int, r.id::int AS report_id, r.state,
            to_char(r.submitted_on, 'YYYY-MM-DD') AS submitted_on, to_char(r.accepted_on, 'YYYY-MM-DD') AS accepted_on,
            to_char(r.published_on, 'YYYY-MM-DD') AS published_on, r.errors, r.warnings
       FROM agency_closure c
       JOIN agencies a ON a.id = c.agency_id
       LEFT JOIN annual_reports r ON r.agency_id = a.id AND r.year = $2
      WHERE c.ancestor_id = $1 AND (a.closed_at IS NULL OR a.closed_at >= make_date($2, 1, 1))
      ORDER BY (a.id <> $1), a.name, a.id`,
    [governmentId, year]);
  return rows.map((r) => {
    const dueOn = annualReportDueDate(year, r.kind);
    const publishedOn = r.published_on as IsoDate | null;
    return {
      agencyId: r.id, agency: r.name, agencyKind: r.kind, parentId: r.id === governmentId ? null : r.parent_id,
      reportId: r.report_id, state: stateOf(r.state),
      submittedOn: r.submitted_on as IsoDate | null, acceptedOn: r.accepted_on as IsoDate | null, publishedOn, dueOn,
      late: publishedOn !== null ? publishedOn > dueOn : today > dueOn,
      findings: { error: r.errors ?? 0, warning: r.warnings ?? 0 },
    };
  });
}

function stateOf(state: ReportState | null): StatusState {
  if (state === null) return 'missing';
  return state === 'correcting' ? 'published' : state;
}
