/**
 * The catalog's statistics routes (mounted by room.ts): 主动公开期限 (/catalog/due and its JSON), 主动公开统计
 * (/catalog/statistics: table 二 and the monthly counts, with the XLSX), 填报表二数字 (/catalog/figures),
 * 法定主动公开内容覆盖情况 (/catalog/coverage, and its limit). Every route declares its access first; the
 * lists read the viewer's agencies ('records.read': a supervisor's whole government); an agency chosen
 * outside them answers 404 as if it did not exist.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { IsoDate } from '../law/dates.ts';
import { agenciesWhere, can } from '../platform/accounts/core/roles.ts';
import { getPerson, listAgencies, type Agency } from '../platform/accounts/store.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import { formErrorsOf, type FormState } from '../platform/http/form.tsx';
import { renderPage } from '../platform/http/layout.tsx';
import { BEARER_SECURITY, errorResponse, jsonResponse } from '../platform/http/openapi.ts';
import type { AppEnv, OpenApiPaths } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { coverageOf, setCoverageMaxAge } from './coverage-service.ts';
import { DUE_KINDS, DUE_SOON_MAX, DUE_SOON_MIN, DUE_SOON_WORKING_DAYS } from './due.ts';
import { dueList, type DueEntry } from './due-service.ts';
import { saveFigures } from './figures-service.ts';
import { ITEM_STATUSES } from './model.ts';
import { CoveragePage } from './pages/coverage-page.tsx';
import { pageHref, yearChoices } from './pages/due-format.ts';
import { DuePage } from './pages/due-page.tsx';
import { FiguresPage } from './pages/figures-page.tsx';
import { StatisticsPage } from './pages/figures-statistics-page.tsx';
import { wanText } from './table2.ts';
import { getFigures, type StoredFigures } from './table2-store.ts';
import { catalogStatistics } from './table2-service.ts';
import { statisticsFileNames, statisticsXlsx, XLSX_MEDIA_TYPE } from './table2-xlsx.ts';

/** The staff page of an item (the core pages'). */
export const itemHref = (id: number) => `/catalog/items/${id}`;

/** Notices after a redirect, by code (`?notice=…`). */
const NOTICES: Record<string, string> = {
  figures: '表二数字已保存。',
  coverage: '过期期限已保存。',
};
const noticeOf = (c: Context<AppEnv>) => {
  const code = c.req.query('notice') ?? '';
  return Object.hasOwn(NOTICES, code) ? NOTICES[code] : undefined;
};

const agencyMissing = () => new NotFoundError('catalog.agency_not_found', '没有找到这个机关（或您无权查看）。', { fields: [{ field: 'agencyId', message: '机关：没有找到这个机关（或您无权查看）' }] });
const queryProblem = (field: string, message: string) => new ValidationError('request.invalid_query', `查询条件有误：${message}`, { fields: [{ field, message }] });

/** A positive id from a query value, or undefined. */
function idOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A year from the query (2008–2100), or `fallback`. */
function yearOf(raw: string | undefined, fallback: number, field = 'year'): number {
  const text = raw?.trim() ?? '';
  if (text === '') return fallback;
  if (!/^\d{4}$/.test(text) || Number(text) < 2008 || Number(text) > 2100) throw queryProblem(field, `年度（${field}）应为 2008–2100 之间的 4 位数字，如 2024`);
  return Number(text);
}

/** Working days of “due soon” from the query (1–20), or the default. */
function soonDaysOf(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  if (text === '') return DUE_SOON_WORKING_DAYS;
  const n = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= DUE_SOON_MIN && n <= DUE_SOON_MAX)) throw queryProblem('days', `即将到期的范围（days）应为 ${DUE_SOON_MIN}–${DUE_SOON_MAX} 个工作日`);
  return n;
}

/** The open agencies of a scope, in the agency tree's order. */
const agenciesIn = (services: Services, scope: 'all' | readonly number[]) => listAgencies(services.db, scope === 'all' ? {} : { ids: scope });

/** The agency a request chose (`agency` or `agencyId`) among `agencies`, or undefined when none was chosen; 404 outside them. */
function chosen(agencies: readonly Agency[], raw: string | undefined): Agency | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const id = idOf(raw);
  const agency = id === undefined ? undefined : agencies.find((a) => a.id === id);
  if (!agency) throw agencyMissing();
  return agency;
}

const choicesOf = (agencies: readonly Agency[]) => agencies.map((a) => ({ value: String(a.id), label: a.name }));

/** The form's text fields. */
async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

/** The figures as the form shows them. */
function figureValues(f: StoredFigures | undefined): Record<string, string> {
  const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return { licensing: text(f?.licensing), punishment: text(f?.punishment), enforcement: text(f?.enforcement), feesWan: f?.feesFen == null ? '' : wanText(f.feesFen) };
}

/** An item on the list as the API gives it. */
const dueJson = (r: DueEntry) => ({
  id: r.id, indexNo: r.indexNo, title: r.title, agencyId: r.agencyId, agency: r.agencyName, status: r.status, formedOn: r.formedOn,
  publishDue: r.publishDue, provisional: r.publishDueProvisional, publishedOn: r.publishedOn, kind: r.due.kind,
  workingDays: r.due.kind === 'dueSoon' ? r.due.workingDaysLeft : r.due.workingDaysOver, text: r.dueText,
});

/** The routes; `clock` is Date.now but for tests. */
export function statisticsRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } });
  const write = access({ kind: 'permission', permission: 'records.write', agency: { from: 'any' } });
  const profile = access({ kind: 'permission', permission: 'agency.profile', agency: { from: 'any' } });
  const readAgency = access({ kind: 'permission', permission: 'records.read', agency: { from: 'param', param: 'id' } });
  const today = () => todayIn(clock) as IsoDate;
  const thisYear = () => Number(today().slice(0, 4));

  // ---------- 主动公开期限 ----------

  const dueOf = async (c: Context<AppEnv>, agencyParam: string | undefined) => {
    const agencies = await agenciesIn(services, c.get('scope'));
    const agency = chosen(agencies, agencyParam);
    const days = soonDaysOf(c.req.query('days'));
    const year = yearOf(c.req.query('year'), thisYear());
    const list = await dueList(services.db, agency ? [agency.id] : c.get('scope'), { today: today(), soonWorkingDays: days, year });
    return { agencies, agency, list };
  };

  app.get('/catalog/due', read, async (c) => {
    const { agencies, agency, list } = await dueOf(c, c.req.query('agency'));
    const filters: FormState = { values: { agency: agency ? String(agency.id) : '', days: String(list.soonWorkingDays), year: String(list.year) }, errors: [] };
    return renderPage(c, '主动公开期限', (
      <DuePage list={list} agencyChoices={choicesOf(agencies)} filters={filters} years={yearChoices(thisYear(), list.year)} itemHref={itemHref} />
    ));
  });

  app.get('/api/v1/catalog/due', read, async (c) => {
    const { list } = await dueOf(c, c.req.query('agencyId'));
    c.header('Cache-Control', 'private, no-store');
    return c.json({
      today: list.today, soonWorkingDays: list.soonWorkingDays, soonUntil: list.soonUntil, year: list.year,
      counts: list.counts,
      late: { total: list.late.total, items: list.late.items.map(dueJson) },
      dueSoon: { total: list.dueSoon.total, items: list.dueSoon.items.map(dueJson) },
      publishedLate: { total: list.publishedLate.total, items: list.publishedLate.items.map(dueJson) },
    });
  });

  // ---------- 主动公开统计 (表二) ----------

  const statisticsOf = async (c: Context<AppEnv>) => {
    const agencies = await agenciesIn(services, c.get('scope'));
    const agency = chosen(agencies, c.req.query('agency')) ?? agencies[0];
    if (!agency) throw agencyMissing();
    const year = yearOf(c.req.query('year'), thisYear());
    return { agencies, agency, year, stats: await catalogStatistics(services.db, agency.id, year) };
  };

  app.get('/catalog/statistics', read, async (c) => {
    const { agencies, agency, year, stats } = await statisticsOf(c);
    const viewer = c.get('viewer')!;
    const by = stats.figures?.updatedBy ? await getPerson(services.db, stats.figures.updatedBy) : undefined;
    return renderPage(c, `${agency.name} ${year} 年主动公开统计`, (
      <StatisticsPage agencyName={agency.name} stats={stats} agencyChoices={choicesOf(agencies)} years={yearChoices(thisYear(), year)}
        mayWrite={can(viewer.grants, 'records.write', agency.id)} enteredBy={by?.name ?? null} />
    ), { notice: noticeOf(c) });
  });

  app.get('/catalog/statistics.xlsx', read, async (c) => {
    const { agency, year, stats } = await statisticsOf(c);
    const names = statisticsFileNames(agency.name, agency.id, year);
    c.header('Content-Type', XLSX_MEDIA_TYPE);
    c.header('Content-Disposition', `attachment; filename="${names.fallback}"; filename*=UTF-8''${encodeURIComponent(names.name)}`);
    c.header('Cache-Control', 'private, no-store');
    return c.body((await statisticsXlsx(agency.name, stats)) as Uint8Array<ArrayBuffer>);
  });

  app.get('/api/v1/agencies/:id{[0-9]+}/catalog-statistics', readAgency, async (c) => {
    const agencyId = c.get('agencyId');
    const year = yearOf(c.req.query('year'), thisYear());
    const stats = await catalogStatistics(services.db, agencyId, year);
    c.header('Cache-Control', 'private, no-store');
    return c.json({
      agencyId, year, table2: stats.table2,
      monthly: { rows: stats.monthly.rows.map((r) => ({ item: r.item, months: r.months, total: r.total })), totals: { months: stats.monthly.totals.months, total: stats.monthly.totals.total } },
    });
  });

  // ---------- 填报表二数字 ----------

  const figuresPage = async (c: Context<AppEnv>, agencyRaw: string | undefined, yearRaw: string | undefined, form: FormState | null, status: 200 | 400 | 409 = 200) => {
    const agencies = await agenciesIn(services, c.get('scope'));
    const agency = chosen(agencies, agencyRaw) ?? agencies[0];
    if (!agency) throw agencyMissing();
    const year = yearOf(yearRaw, thisYear());
    const stored = await getFigures(services.db, agency.id, year);
    return renderPage(c, `填报表二数字：${agency.name} ${year} 年`, (
      <FiguresPage agencyId={agency.id} agencyName={agency.name} year={year} agencyChoices={choicesOf(agencies)}
        years={yearChoices(thisYear(), year).filter((y) => y <= thisYear())} form={form ?? { values: figureValues(stored), errors: [] }}
        seen={stored?.updatedAt.toISOString() ?? ''} csrfToken={c.get('csrfToken')} />
    ), { status });
  };

  app.get('/catalog/figures', write, (c) => figuresPage(c, c.req.query('agency'), c.req.query('year'), null));

  app.post('/catalog/figures', write, async (c) => {
    const values = await formOf(c);
    const agencyId = idOf(values['agency']);
    try {
      if (agencyId === undefined) throw agencyMissing();
      await saveFigures(services, actingOf(c), agencyId, values, { today: today(), seen: values['seen'] || null });
      return c.redirect(pageHref('/catalog/statistics', { agency: agencyId, year: values['year'], notice: 'figures' }), 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'licensing', (f) => (f === 'agencyId' ? 'licensing' : f));
      if (!refused) throw error;
      return figuresPage(c, values['agency'], values['year'], { values, errors: refused.errors }, refused.status === 409 ? 409 : 400);
    }
  });

  // ---------- 法定主动公开内容覆盖情况 ----------

  /** The page over the agencies the person reads, with the limit's form for those they administer. */
  const coveragePage = async (c: Context<AppEnv>, settingsForm: FormState | null, status: 200 | 400 = 200) => {
    const { grants } = c.get('viewer')!;
    const [agencies, settable] = await Promise.all([
      agenciesIn(services, agenciesWhere(grants, 'records.read')), agenciesIn(services, agenciesWhere(grants, 'agency.profile')),
    ]);
    const rows = await coverageOf(services.db, agencies, today());
    const own = settable.length === 1 ? rows.find((r) => r.agencyId === settable[0]!.id) : undefined;
    const initial: Record<string, string> = own?.ownLimit ? { agency: String(own.agencyId), maxAgeDays: String(own.maxAgeDays) } : {};
    return renderPage(c, '法定主动公开内容覆盖情况', (
      <CoveragePage today={today()} rows={rows} settable={choicesOf(settable)} settingsForm={settingsForm ?? { values: initial, errors: [] }} csrfToken={c.get('csrfToken')} />
    ), { notice: noticeOf(c), status });
  };

  app.get('/catalog/coverage', read, (c) => coveragePage(c, null));

  app.post('/catalog/coverage/settings', profile, async (c) => {
    const values = await formOf(c);
    const agencyId = idOf(values['agency']);
    try {
      if (agencyId === undefined) throw agencyMissing();
      await setCoverageMaxAge(services, actingOf(c), agencyId, values['maxAgeDays']);
      return c.redirect('/catalog/coverage?notice=coverage', 303);
    } catch (error) {
      const refused = formErrorsOf(error, 'maxAgeDays', (f) => (f === 'agencyId' ? 'maxAgeDays' : f));
      if (!refused) throw error;
      return coveragePage(c, { values, errors: refused.errors }, 400);
    }
  });

  return app;
}

// ---------- The API's description ----------

const date = z.string().describe('日期 YYYY-MM-DD');
const dueItem = z.object({
  id: z.number().int(), indexNo: z.string().describe('索引号'), title: z.string(), agencyId: z.number().int(), agency: z.string(),
  status: z.enum(ITEM_STATUSES), formedOn: date.describe('成文日期'), publishDue: date.describe('第二十六条的公开期限（成文日期后第 20 个工作日）'),
  provisional: z.boolean().describe('期限跨入尚无官方节假日安排的年份，为暂定'), publishedOn: date.nullable().describe('发布日期'),
  kind: z.enum(DUE_KINDS).describe('late 逾期未公开；dueSoon 即将到期；publishedLate 超期公开'),
  workingDays: z.number().int().nullable().describe('dueSoon：距期限的工作日数（0 为今天到期）；late、publishedLate：超过期限的工作日数'),
  text: z.string().describe('期限情况的中文说明'),
});
const duePart = z.object({ total: z.number().int().describe('共有几条（items 最多列出 200 条）'), items: z.array(dueItem) });
const cellCount = z.number().int().nullable();
const table2Schema = z.object({
  regulations: z.object({ issued: z.number().int(), repealed: z.number().int(), inForce: z.number().int() }),
  normativeDocuments: z.object({ issued: z.number().int(), repealed: z.number().int(), inForce: z.number().int() }),
  licensing: z.object({ decisions: cellCount }), punishment: z.object({ decisions: cellCount }), enforcement: z.object({ decisions: cellCount }),
  fees: z.object({ amountWan: z.number().nullable().describe('万元，最多 6 位小数') }),
}).describe('表二（2021 年格式，shared/spec/annual-report.md 的规范 JSON）；未填报的数字为 null，不是 0');

/** The API paths of these routes, for /api/openapi.json (room.ts adds them to the catalog's). */
export const statisticsApiPaths: OpenApiPaths = {
  '/api/v1/catalog/due': {
    get: {
      summary: '主动公开期限：逾期未公开、即将到期、超期公开的信息',
      description: '第二十六条：自政府信息形成或者变更之日起 20 个工作日内公开。列出您可查看的机关（监督员为所在人民政府的全部机关）中尚未发布而已过期限的（late）、'
        + '期限在今天起若干个工作日内届满的（dueSoon）、在某一年度发布但晚于期限的（publishedLate）信息，以及按机关的条数。认证：Bearer 令牌，需要“查看本机关的记录”权限。',
      security: BEARER_SECURITY,
      parameters: [
        { name: 'agencyId', in: 'query', required: false, schema: { type: 'integer', minimum: 1 }, description: '只看这个机关（须为您可查看的机关，否则 404）' },
        { name: 'days', in: 'query', required: false, schema: { type: 'integer', minimum: DUE_SOON_MIN, maximum: DUE_SOON_MAX, default: DUE_SOON_WORKING_DAYS }, description: '即将到期：几个工作日内' },
        { name: 'year', in: 'query', required: false, schema: { type: 'integer', minimum: 2008, maximum: 2100 }, description: '超期公开的年度（按发布日期，默认今年）' },
      ],
      responses: {
        '200': jsonResponse('期限情况', z.object({
          today: date, soonWorkingDays: z.number().int(), soonUntil: date, year: z.number().int(),
          counts: z.array(z.object({ agencyId: z.number().int(), agencyName: z.string(), late: z.number().int(), dueSoon: z.number().int(), publishedLate: z.number().int() })),
          late: duePart, dueSoon: duePart, publishedLate: duePart,
        })),
        '400': errorResponse('查询条件有误'), '401': errorResponse('没有令牌或令牌无效'), '403': errorResponse('没有查看记录的权限'), '404': errorResponse('没有这个机关，或您无权查看'),
      },
    },
  },
  '/api/v1/agencies/{id}/catalog-statistics': {
    get: {
      summary: '由主动公开目录统计的年度报告表二，和按第二十条事项、月份的发布条数',
      description: '规章、行政规范性文件按已发布的信息统计：本年制发（成文日期在本年）、本年废止（有效性为废止且废止日期在本年）、现行有效（年底仍有效）；'
        + '行政许可、行政处罚、行政强制的处理决定数和行政事业性收费金额为本机关填报的数字，未填报的为 null。monthly 按发布日期统计本年已发布的信息，item 为第二十条事项（null 为未标注）。'
        + '认证：Bearer 令牌，需要对该机关有“查看本机关的记录”权限；其他机关答复 404。',
      security: BEARER_SECURITY,
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '机关的编号' },
        { name: 'year', in: 'query', required: false, schema: { type: 'integer', minimum: 2008, maximum: 2100 }, description: '年度（默认今年）' },
      ],
      responses: {
        '200': jsonResponse('表二和按月统计', z.object({
          agencyId: z.number().int(), year: z.number().int(), table2: table2Schema,
          monthly: z.object({
            rows: z.array(z.object({ item: z.string().nullable(), months: z.array(z.number().int()).length(12), total: z.number().int() })),
            totals: z.object({ months: z.array(z.number().int()).length(12), total: z.number().int() }),
          }),
        })),
        '400': errorResponse('年度有误'), '401': errorResponse('没有令牌或令牌无效'), '403': errorResponse('本机关但没有查看记录的权限'), '404': errorResponse('没有这个机关，或您无权查看'),
      },
    },
  },
};
