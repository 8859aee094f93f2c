/**
 * The supervisor's dashboard (issue 19 §5), mounted by room.ts: /supervision (choose the people's
 * government and the year), /supervision/:id (the dashboard of that government's agencies for a
 * year, ?state= filters the list, ?page= pages it), its exports (status.csv/.xlsx: the list;
 * tables.csv/.xlsx: every agency's tables 二/三/四), and the page's stylesheet. Every route needs
 * 'reports.review' — on the government named (another government's answers 404, one's own agency
 * without the role 403) or on any agency for the chooser.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { IsoDate } from '../law/dates.ts';
import { getAgency, listAgencies } from '../platform/accounts/store.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { access, PUBLIC } from '../platform/http/access.ts';
import type { FormState } from '../platform/http/form.tsx';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { dashboardCharts } from './dashboard-charts.ts';
import { DASHBOARD_CSS, DASHBOARD_CSS_PATH } from './dashboard-css.ts';
import { cellsTable, CSV_MEDIA_TYPE, exportFileNames, statusTable, toCsv, toXlsx, XLSX_MEDIA_TYPE, type ExportTable } from './dashboard-export.ts';
import { dashboardOf, FIRST_YEAR, ROW_FILTERS, rowMatches, type RowFilter } from './dashboard-service.ts';
import { canonicalsOf } from './dashboard-store.ts';
import { dashboardHref } from './pages/dashboard-format.ts';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { DashboardStartPage } from './pages/dashboard-start-page.tsx';

/** Agencies a page of the list shows. */
export const DASHBOARD_PAGE_SIZE = 100;

const queryProblem = (field: string, message: string) => new ValidationError('request.invalid_query', `查询条件有误：${message}`, { fields: [{ field, message }] });
const governmentMissing = () => new NotFoundError('supervision.government_not_found', '没有找到这个人民政府（或您无权查看）。');

/** A report year from the query, or `fallback`. */
function yearOf(raw: string | undefined, fallback: number): number {
  const text = raw?.trim() ?? '';
  if (text === '') return fallback;
  if (!/^\d{4}$/.test(text) || Number(text) < FIRST_YEAR || Number(text) > 2100) throw queryProblem('year', `报告年度（year）应为 ${FIRST_YEAR}–2100 之间的 4 位数字，如 2024`);
  return Number(text);
}

function filterOf(raw: string | undefined): RowFilter {
  const text = raw?.trim() ?? '';
  if (text === '') return 'all';
  if (!(ROW_FILTERS as readonly string[]).includes(text)) throw queryProblem('state', `显示哪些机关（state）应为 ${ROW_FILTERS.join('、')} 之一`);
  return text as RowFilter;
}

function pageOf(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  if (text === '') return 1;
  if (!/^[1-9]\d{0,4}$/.test(text)) throw queryProblem('page', '页码（page）应为正整数');
  return Number(text);
}

/** The years offered: last year and the five before, and the one shown if outside them. */
function yearChoices(lastYear: number, shown: number): number[] {
  const years = Array.from({ length: 6 }, (_, i) => lastYear - i).filter((y) => y >= FIRST_YEAR);
  if (!years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/** The routes; `clock` is Date.now but for tests. */
export function dashboardRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const reviewAny = access({ kind: 'permission', permission: 'reports.review', agency: { from: 'any' } });
  const reviewGovernment = access({ kind: 'permission', permission: 'reports.review', agency: { from: 'param', param: 'id' } });
  const today = () => todayIn(clock) as IsoDate;
  const lastYear = () => Number(today().slice(0, 4)) - 1;

  app.get('/assets/supervision-dashboard.css', PUBLIC, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(DASHBOARD_CSS);
  });

  app.get('/supervision', reviewAny, async (c) => {
    const scope = c.get('scope');
    const agencies = await listAgencies(services.db, scope === 'all' ? {} : { ids: scope });
    const governments = agencies.filter((a) => a.kind === 'government').map((a) => ({ id: a.id, name: a.name }));
    const chosenRaw = c.req.query('government')?.trim() ?? '';
    const year = yearOf(c.req.query('year'), lastYear());
    if (chosenRaw !== '') {
      const chosen = governments.find((g) => String(g.id) === chosenRaw);
      if (!chosen) throw new NotFoundError('supervision.government_not_found', '没有找到这个人民政府（或您无权查看）。', { fields: [{ field: 'government', message: '人民政府：没有找到（或您无权查看）' }] });
      return c.redirect(dashboardHref(chosen.id, { year }), 303);
    }
    const form: FormState = { values: { year: String(year), government: String(governments[0]?.id ?? '') }, errors: [] };
    return renderPage(c, '政务公开监督', <DashboardStartPage governments={governments} years={yearChoices(lastYear(), year)} defaultYear={lastYear()} form={form} />);
  });

  /** The government named by the path (a people's government, open), and the year and filter asked. */
  const loadOf = async (c: Context<AppEnv>) => {
    const government = await getAgency(services.db, c.get('agencyId'));
    if (!government || government.kind !== 'government' || government.closedAt !== null) throw governmentMissing();
    const year = yearOf(c.req.query('year'), lastYear());
    const filter = filterOf(c.req.query('state'));
    const dashboard = await dashboardOf(services.db, government.id, year, today());
    return { government, year, filter, dashboard, rows: dashboard.rows.filter((r) => rowMatches(r, filter)) };
  };

  app.get('/supervision/:id{[0-9]+}', reviewGovernment, async (c) => {
    const { government, year, filter, dashboard, rows } = await loadOf(c);
    const pages = Math.max(1, Math.ceil(rows.length / DASHBOARD_PAGE_SIZE));
    const page = Math.min(pageOf(c.req.query('page')), pages);
    const shown = rows.slice((page - 1) * DASHBOARD_PAGE_SIZE, page * DASHBOARD_PAGE_SIZE);
    c.header('Cache-Control', 'private, no-store');
    return renderPage(c, `${government.name}${year}年度报告监督`, (
      <DashboardPage government={government.name} dashboard={dashboard} filter={filter} rows={shown} matching={rows.length}
        page={page} pages={pages} pageSize={DASHBOARD_PAGE_SIZE} years={yearChoices(lastYear(), year)} charts={dashboardCharts(dashboard.trend)} />
    ), { stylesheets: [DASHBOARD_CSS_PATH] });
  });

  const download = async (c: Context<AppEnv>, kind: 'status' | 'tables', extension: 'csv' | 'xlsx', table: ExportTable, governmentId: number, government: string, year: number) => {
    const names = exportFileNames(kind, governmentId, government, year, extension);
    c.header('Content-Type', extension === 'csv' ? CSV_MEDIA_TYPE : XLSX_MEDIA_TYPE);
    c.header('Content-Disposition', `attachment; filename="${names.fallback}"; filename*=UTF-8''${encodeURIComponent(names.name)}`);
    c.header('Cache-Control', 'private, no-store');
    return extension === 'csv' ? c.body(toCsv(table)) : c.body((await toXlsx(table)) as Uint8Array<ArrayBuffer>);
  };

  for (const extension of ['csv', 'xlsx'] as const) {
    app.get(`/supervision/:id{[0-9]+}/status.${extension}`, reviewGovernment, async (c) => {
      const { government, year, rows } = await loadOf(c);
      return download(c, 'status', extension, statusTable(government.name, year, rows), government.id, government.name, year);
    });
    app.get(`/supervision/:id{[0-9]+}/tables.${extension}`, reviewGovernment, async (c) => {
      const { government, year, dashboard } = await loadOf(c);
      const canonicals = await canonicalsOf(services.db, government.id, year);
      return download(c, 'tables', extension, cellsTable(government.name, year, dashboard.rows, canonicals), government.id, government.name, year);
    });
  }

  return app;
}
