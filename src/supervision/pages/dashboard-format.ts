/**
 * How the dashboard's pages and exports write its values: dates, states, addresses. Pure.
 */
import { REPORT_STATE_LABELS } from '../core/workflow.ts';
import type { RowFilter } from '../dashboard-service.ts';
import type { StatusState } from '../status.ts';

/** '2024年6月3日' from '2024-06-03'; '—' for none. */
export function dateText(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** A report's state in words (a missing report: not started). */
export const STATUS_LABELS: Record<StatusState, string> = {
  missing: '尚未起草',
  draft: REPORT_STATE_LABELS.draft,
  submitted: REPORT_STATE_LABELS.submitted,
  returned: REPORT_STATE_LABELS.returned,
  accepted: REPORT_STATE_LABELS.accepted,
  published: REPORT_STATE_LABELS.published,
};

/** The filters of the agency list in words. */
export const FILTER_LABELS: Record<RowFilter, string> = {
  all: '全部机关',
  ...STATUS_LABELS,
  filed: '已报送（待审查、审查通过或已发布）',
  late: '逾期（超过法定发布日期）',
  errors: '报告有错误',
};

/** The report's page in the workspace. */
export const reportHref = (agencyId: number, year: number) => `/annual-reports/${agencyId}/${year}`;

/** The dashboard's address with its query (empty values and the defaults left out). */
export function dashboardHref(governmentId: number, query: { year: number; state?: RowFilter; page?: number }, file = ''): string {
  const params = new URLSearchParams({ year: String(query.year) });
  if (query.state && query.state !== 'all') params.set('state', query.state);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return `/supervision/${governmentId}${file}?${params.toString()}`;
}
