/**
 * The supervisor's dashboard of a people's government and a year (issue 19 §5): every agency under
 * it with its report's state and dates (status.ts), its findings counted by rule, its cross-year
 * breaks, its 第二十条 coverage gaps and its overdue applications as of today — and the tree's tables
 * 三/四 over the last five years for the charts. Six queries in all (status, findings, coverage's
 * two, overdue, year sums), whatever the number of agencies.
 */
import { overdueCountsOf } from '../applications/index.ts';
import { coverageOf } from '../catalog/index.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { CROSS_YEAR_RULES, RULE_IDS, RULE_NAMES, type RuleId } from '../report/index.ts';
import { findingCountsOf, yearSumsOf, type YearSums } from './dashboard-store.ts';
import { reportStatuses, STATUS_STATES, type AgencyReportStatus, type StatusState } from './status.ts';

/** How many years the trends go back (the year chosen included). */
export const TREND_YEARS = 5;
/** The first report year (条例 2008). */
export const FIRST_YEAR = 2008;

/** Findings of one rule in one report. */
export interface RuleCount {
  rule: RuleId;
  /** The rule in words (src/report RULE_NAMES). */
  name: string;
  error: number;
  warning: number;
}

/** One agency's row of the dashboard. */
export interface DashboardRow extends AgencyReportStatus {
  /** Reported to the supervising office and not sent back: submitted, accepted or published. */
  filed: boolean;
  /** Stored findings by rule, in the rules' order. */
  rules: RuleCount[];
  /** Findings of the cross-year rules (X-CARRY, X-IN-FORCE). */
  crossYear: number;
  /** 第二十条 items with nothing published (缺) and with only old items (过期), today. */
  coverage: { missing: number; stale: number };
  /** Open applications past their due date, today. */
  overdue: number;
}

/** The dashboard's filters of the agency list. */
export const ROW_FILTERS = ['all', ...STATUS_STATES, 'filed', 'late', 'errors'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

/** The counts at the top. */
export interface DashboardSummary {
  agencies: number;
  byState: Record<StatusState, number>;
  filed: number;
  published: number;
  late: number;
  withErrors: number;
  crossYear: number;
  coverageGaps: number;
  overdue: number;
}

/** Every rule's findings over all the agencies: how many reports, errors and warnings. */
export interface RuleTotal extends RuleCount {
  reports: number;
}

/** The whole dashboard. */
export interface Dashboard {
  governmentId: number;
  year: number;
  today: IsoDate;
  rows: DashboardRow[];
  summary: DashboardSummary;
  ruleTotals: RuleTotal[];
  /** Tables 三/四 of the tree per year, oldest first, ending with `year`. */
  trend: YearSums[];
}

const CROSS: ReadonlySet<string> = new Set(CROSS_YEAR_RULES);

/** Does a row pass the filter? */
export function rowMatches(row: DashboardRow, filter: RowFilter): boolean {
  switch (filter) {
    case 'all': return true;
    case 'filed': return row.filed;
    case 'late': return row.late;
    case 'errors': return row.findings.error > 0;
    default: return row.state === filter;
  }
}

/** The dashboard of `governmentId` for `year`, as of `today`. */
export async function dashboardOf(db: Queryable, governmentId: number, year: number, today: IsoDate): Promise<Dashboard> {
  const statuses = await reportStatuses(db, governmentId, year, today);
  const ids = statuses.map((s) => s.agencyId);
  const from = Math.max(FIRST_YEAR, year - TREND_YEARS + 1);
  const [findings, coverage, overdue, trend] = await Promise.all([
    findingCountsOf(db, governmentId, year),
    coverageOf(db, statuses.map((s) => ({ id: s.agencyId, name: s.agency })), today),
    overdueCountsOf(db, ids, today),
    yearSumsOf(db, governmentId, from, year),
  ]);
  const coverageById = new Map(coverage.map((c) => [c.agencyId, c.summary]));
  const rows = statuses.map((s): DashboardRow => {
    const counted = findings.get(s.agencyId);
    const rules = RULE_IDS.flatMap((rule): RuleCount[] => {
      const n = counted?.get(rule);
      return n ? [{ rule, name: RULE_NAMES[rule], error: n.error, warning: n.warning }] : [];
    });
    const gaps = coverageById.get(s.agencyId);
    return {
      ...s,
      filed: s.state === 'submitted' || s.state === 'accepted' || s.state === 'published',
      rules,
      crossYear: rules.filter((r) => CROSS.has(r.rule)).reduce((n, r) => n + r.error + r.warning, 0),
      coverage: { missing: gaps?.missing ?? 0, stale: gaps?.stale ?? 0 },
      overdue: overdue.get(s.agencyId) ?? 0,
    };
  });
  return { governmentId, year, today, rows, summary: summaryOf(rows), ruleTotals: ruleTotalsOf(rows), trend };
}

function summaryOf(rows: readonly DashboardRow[]): DashboardSummary {
  const byState = Object.fromEntries(STATUS_STATES.map((s) => [s, 0])) as Record<StatusState, number>;
  const summary: DashboardSummary = { agencies: rows.length, byState, filed: 0, published: 0, late: 0, withErrors: 0, crossYear: 0, coverageGaps: 0, overdue: 0 };
  for (const r of rows) {
    byState[r.state]++;
    if (r.filed) summary.filed++;
    if (r.state === 'published') summary.published++;
    if (r.late) summary.late++;
    if (r.findings.error > 0) summary.withErrors++;
    if (r.crossYear > 0) summary.crossYear++;
    if (r.coverage.missing > 0) summary.coverageGaps++;
    summary.overdue += r.overdue;
  }
  return summary;
}

function ruleTotalsOf(rows: readonly DashboardRow[]): RuleTotal[] {
  const totals = new Map<RuleId, RuleTotal>();
  for (const row of rows) {
    for (const r of row.rules) {
      const t = totals.get(r.rule) ?? { rule: r.rule, name: r.name, error: 0, warning: 0, reports: 0 };
      t.error += r.error;
      t.warning += r.warning;
      t.reports++;
      totals.set(r.rule, t);
    }
  }
  return RULE_IDS.flatMap((rule) => totals.get(rule) ?? []);
}
