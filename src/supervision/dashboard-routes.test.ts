/**
 * The supervisor's dashboard in-process on the real database: a county government and three agencies
 * whose 2023 reports stand in different states (published on time, submitted late with findings, never
 * started), reports rows written as the workspace stores them (canonical JSON of the spec's shape).
 * The page lists each state, the late agencies, findings by rule in words, cross-year breaks, coverage
 * gaps and overdue applications, the four charts as inline SVG images with their numbers as tables;
 * the filter narrows the list; the exports carry the same columns and values. A 经办人 gets 403 on
 * their own government and 404 elsewhere; another government's supervisor 404.
 */
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { declaredRoutes } from '../platform/http/access.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { dashboardRoutes } from './dashboard-routes.tsx';
import { insertTestCase, insertTestReport, testCanonical } from './dashboard-testing.ts';

let services: Services;
let app: Hono<AppEnv>;
let county: Agency;
let culture: Agency;
let education: Agency;
let civil: Agency;
let elsewhere: Agency;
const cookies: Record<string, string> = {};

/** 2024-02-20 at noon, Beijing time: departments' 2023 reports were due on 2024-01-31, the government's on 2024-03-31. */
const clock = () => Date.parse('2024-02-20T04:00:00Z');

const canonical = testCanonical;
const insertReport = (agency: Agency, year: number, fields: Parameters<typeof insertTestReport>[3]) => insertTestReport(services.db, agency.id, year, fields);
const insertCase = (agency: Agency, fields: Parameters<typeof insertTestCase>[2]) => insertTestCase(services.db, agency.id, fields);

beforeAll(async () => {
  services = await createTestServices();
  county = await addAgency(services, '监督测试县人民政府', 'government');
  culture = await addAgency(services, '监督测试县文化旅游局', 'department', county);
  education = await addAgency(services, '监督测试县教育局', 'department', county);
  civil = await addAgency(services, '监督测试县民政局', 'department', county);
  elsewhere = await addAgency(services, '别处监督测试县人民政府', 'government');
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    supervisor: [['supervisor', county]], handler: [['handler', culture]], countyHandler: [['handler', county]], otherSupervisor: [['supervisor', elsewhere]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    await addPerson(services, `dash-${name.toLowerCase()}`, grants);
    cookies[name] = await sessionCookie(services, `dash-${name.toLowerCase()}`);
  }
  // 2023: the county's roll-up (drafting), culture published on time, education submitted (late, with findings), civil affairs nothing.
  await insertReport(county, 2023, { state: 'draft', canonical: canonical(county.name, 2023, { newReceived: 100, totalProcessed: 100, granted: 40, partiallyGranted: 10, 'denied.stateSecret': 5, 'unableToProvide.notHeld': 25, 'notProcessed.duplicate': 15, 'otherDisposal.other': 5 }, { upheld: 6, corrected: 2, other: 2, pending: 3 }) });
  await insertReport(culture, 2023, { state: 'published', submittedOn: '2024-01-10', acceptedOn: '2024-01-15', publishedOn: '2024-01-20', canonical: canonical(culture.name, 2023, { newReceived: 30, totalProcessed: 30, granted: 30 }, { upheld: 1, corrected: 0, other: 0, pending: 0 }) });
  await insertReport(education, 2023, {
    state: 'submitted', submittedOn: '2024-01-25', canonical: canonical(education.name, 2023, { newReceived: 12, carriedOver: 3, totalProcessed: 12, granted: 12, carriedForward: 3 }, { upheld: 0, corrected: 0, other: 0, pending: 0 }),
    findings: [
      { rule: 'X-CARRY', severity: 'error', cells: ['t3.carriedOver[0]'], message: '…' },
      { rule: 'X-CARRY', severity: 'error', cells: ['t3.carriedOver[6]'], message: '…' },
      { rule: 'CELL-BLANK', severity: 'warning', cells: ['t2.fees.amountWan'], message: '…' },
    ],
  });
  // 2022: the county's published report (the trend's year before).
  await insertReport(county, 2022, { state: 'published', publishedOn: '2023-03-20', canonical: canonical(county.name, 2022, { newReceived: 80, totalProcessed: 70, granted: 35, partiallyGranted: 7, 'denied.stateSecret': 8, 'unableToProvide.notHeld': 20 }, { upheld: 4, corrected: 1, other: 0, pending: 0 }) });
  // A report of another government must count nowhere here.
  await insertReport(elsewhere, 2023, { state: 'published', publishedOn: '2024-02-01', canonical: canonical(elsewhere.name, 2023, { newReceived: 9999, totalProcessed: 9999, granted: 9999 }, { upheld: 0, corrected: 0, other: 0, pending: 0 }) });
  // Applications of civil affairs: two overdue, one due later, one closed late (not open), one elsewhere.
  await insertCase(civil, { received: '2024-01-02', due: '2024-02-01' });
  await insertCase(civil, { received: '2024-01-03', due: '2024-02-19' });
  await insertCase(civil, { received: '2024-02-05', due: '2024-03-05' });
  await insertCase(civil, { received: '2023-12-01', due: '2024-01-02', closed: '2024-01-10' });
  await insertCase(elsewhere, { received: '2024-01-02', due: '2024-02-01' });
  app = createHttpApp(services, { modules: [{ routes: dashboardRoutes(services, clock) }], nav: [] });
}, 60_000);
afterAll(async () => services?.close());

const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
const text = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The table row (HTML) of an agency on the page. */
const rowHtml = (html: string, name: string) => (html.match(/<tr>(?:(?!<\/tr>)[\s\S])*<\/tr>/g) ?? []).find((r) => r.includes(`>${name}</a>`)) ?? '';
/** The same, as text. */
const rowOf = (html: string, name: string) => text(rowHtml(html, name));
/** A download's text, its byte-order mark kept (Response.text() drops it). */
const bodyOf = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());

describe('access', () => {
  it('every route needs reports.review (the government by its id; any agency for the chooser), the stylesheet is public', () => {
    const routes = declaredRoutes(app);
    const review = (from: string) => ({ kind: 'permission', permission: 'reports.review', agency: from === 'any' ? { from: 'any' } : { from: 'param', param: 'id' } });
    expect(routes.find((r) => r.path === '/supervision')?.access).toEqual(review('any'));
    for (const path of ['/supervision/:id{[0-9]+}', '/supervision/:id{[0-9]+}/status.csv', '/supervision/:id{[0-9]+}/status.xlsx', '/supervision/:id{[0-9]+}/tables.csv', '/supervision/:id{[0-9]+}/tables.xlsx']) {
      expect(routes.find((r) => r.path === path)?.access, path).toEqual(review('param'));
    }
    expect(routes.find((r) => r.path === '/assets/supervision-dashboard.css')?.access).toEqual({ kind: 'public' });
  });

  it('a 经办人 of the government gets 403, of an agency below 404 (the government is not theirs); another government’s supervisor 404', async () => {
    expect((await get(`/supervision/${county.id}?year=2023`, 'countyHandler')).status).toBe(403);
    expect((await get(`/supervision/${county.id}?year=2023`, 'handler')).status).toBe(404);
    expect((await get(`/supervision/${county.id}/status.csv?year=2023`, 'otherSupervisor')).status).toBe(404);
    expect((await get(`/supervision/${county.id}?year=2023`, 'otherSupervisor')).status).toBe(404);
    expect((await get('/supervision', 'handler')).status).toBe(403);
  });

  it('a department is not a government: 404; a bad year, filter or page: 400, never a 5xx', async () => {
    expect((await get(`/supervision/${culture.id}?year=2023`, 'supervisor')).status).toBe(404);
    for (const query of ['year=23', 'year=1999', 'year=2023%00', 'year=2023&state=drop', 'year=2023&state=%ED%A0%80']) {
      expect((await get(`/supervision/${county.id}?${query}`, 'supervisor')).status, query).toBe(400);
      expect((await get(`/supervision/${county.id}/status.csv?${query}`, 'supervisor')).status, query).toBe(400);
    }
    for (const query of ['year=2023&page=0', 'year=2023&page=99999999999', 'year=2023&page=1%00']) {
      expect((await get(`/supervision/${county.id}?${query}`, 'supervisor')).status, query).toBe(400);
    }
    expect((await get(`/supervision?government=%00&year=2023`, 'supervisor')).status).toBe(404);
    // A page past the end shows the last one.
    expect((await get(`/supervision/${county.id}?year=2023&page=7`, 'supervisor')).status).toBe(200);
  });
});

describe('the chooser', () => {
  it('lists the governments the supervisor reviews, last year by default, and sends a choice to the dashboard', async () => {
    const res = await get('/supervision', 'supervisor');
    const html = await res.text();
    expect(html).toContain(`href="/supervision/${county.id}?year=2023"`);
    expect(html).not.toContain(elsewhere.name);
    const go = await get(`/supervision?government=${county.id}&year=2022`, 'supervisor');
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toBe(`/supervision/${county.id}?year=2022`);
    expect((await get(`/supervision?government=${elsewhere.id}&year=2022`, 'supervisor')).status).toBe(404);
  });
});

describe('the dashboard', () => {
  let html = '';
  beforeAll(async () => {
    const res = await get(`/supervision/${county.id}?year=2023`, 'supervisor');
    expect(res.status).toBe(200);
    html = await res.text();
  });

  it('counts at the top: agencies, filed, published, late, with errors', () => {
    const top = text(html.slice(html.indexOf('id="summary-title"'), html.indexOf('id="agencies-title"')));
    expect(top).toContain('4 个机关');
    expect(top).toContain('2 个已报送');
    expect(top).toContain('1 个已发布');
    expect(top).toContain('2 个逾期');
    expect(top).toContain('1 个报告有错误');
    expect(top).toContain('1 个尚未起草');
    expect(top).toContain('逾期未办结的政府信息公开申请：2 件');
  });

  it('a row per agency with its state, dates, lateness, findings by rule, cross-year breaks, coverage gaps and overdue cases, linked to its report', () => {
    expect(html).toContain(`href="/annual-reports/${culture.id}/2023"`);
    const cultureRow = rowOf(html, culture.name);
    expect(cultureRow).toContain('已发布');
    expect(cultureRow).toContain('2024年1月20日');
    expect(cultureRow).not.toContain('逾期');
    expect(cultureRow).toContain('未发现问题');
    const educationRow = rowOf(html, education.name);
    expect(educationRow).toContain('已报送，待审查');
    expect(educationRow).toContain('逾期');
    expect(educationRow).toContain('2024年1月25日');
    expect(educationRow).toContain('上年结转与上年报告的结转下年不符：错误 2 处');
    expect(educationRow).toContain('表格有空白单元格：提醒 1 处');
    const civilRow = rowOf(html, civil.name);
    expect(civilRow).toContain('尚未起草');
    expect(civilRow).toContain('逾期');
    expect(rowHtml(html, civil.name)).toContain('<td data-label="逾期未办结的申请" class="num">2</td>');
    expect(rowHtml(html, culture.name)).toContain('<td data-label="逾期未办结的申请" class="num">0</td>');
    const countyRow = rowOf(html, county.name);
    expect(countyRow).toContain('起草中');
    expect(countyRow).toContain('2024年3月31日');
    expect(countyRow).not.toContain('逾期');
    // Every agency has nothing published in the catalog: 15 items missing.
    expect((html.match(/<td data-label="法定主动公开缺项" class="num">15<\/td>/g) ?? []).length).toBe(4);
    expect(html).toContain('<td data-label="跨年度衔接问题" class="num">2</td>');
  });

  it('findings by rule over all agencies, in words (no rule ids)', () => {
    const rules = text(html.slice(html.indexOf('id="rule-table"'), html.indexOf('</table>', html.indexOf('id="rule-table"'))));
    expect(rules).toContain('上年结转与上年报告的结转下年不符 1 2 0');
    expect(rules).toContain('表格有空白单元格 1 0 1');
    expect(text(html)).not.toMatch(/X-CARRY|CELL-BLANK|\bmissing\b|\bsubmitted\b|NaN|undefined/);
  });

  it('four charts as inline SVG images with their numbers and the rates’ definitions beside them', () => {
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-label="[^"]+"/);
    }
    expect(html).not.toMatch(/<svg[\s\S]*?style=/);
    expect(html).not.toContain('<style');
    const page = text(html);
    // The trend: 2022 and 2023 from the county's own reports (its roll-up), not the agencies' added again.
    expect(page).toContain('2022年 80 70 1 份');
    expect(page).toContain('2023年 100 100 1 份');
    expect(page).toContain('2021年 无报告 无报告 0 份');
    // The outcome mix of 2023.
    expect(page).toContain('予以公开 40 40.0%');
    expect(page).toContain('不予处理 15 15.0%');
    // 实质公开率 2023: (40 + 10) ÷ (100 − 15 − 5) = 62.5%; 2022: 42 ÷ 70 = 60.0%. 纠错率 2023: 2 ÷ 10; 2022: 1 ÷ 5.
    expect(page).toContain('2023年 50 80 62.5%');
    expect(page).toContain('2022年 42 70 60.0%');
    expect(page).toContain('2023年 2 10 20.0%');
    expect(page).toContain('2022年 1 5 20.0%');
    expect(page).toContain('实质公开率 =（予以公开 + 部分公开）÷（办理结果总计 − 不予处理 − 其他处理）');
    expect(page).toContain('纠错率 = 结果纠正 ÷（结果维持 + 结果纠正 + 其他结果）');
    expect(page).not.toContain('9999');
  });

  it('the filter narrows the list: late agencies only', async () => {
    const res = await get(`/supervision/${county.id}?year=2023&state=late`, 'supervisor');
    const list = await res.text();
    const table = list.slice(list.indexOf('id="agency-table"'), list.indexOf('</table>', list.indexOf('id="agency-table"')));
    expect(table).toContain(education.name);
    expect(table).toContain(civil.name);
    expect(table).not.toContain(culture.name);
    expect(table).not.toContain(`>${county.name}<`);
  });
});

describe('exports', () => {
  it('status.csv: UTF-8 with BOM, the page’s columns, one row per agency', async () => {
    const res = await get(`/supervision/${county.id}/status.csv?year=2023`, 'supervisor');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const body = await bodyOf(res);
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('机关编号,机关,年度,状态,是否逾期,报送日期,审查通过日期,发布日期,法定发布期限,错误,提醒,发现的问题,跨年度衔接问题,法定主动公开缺项,法定主动公开过期项,逾期未办结的申请,年度报告页面');
    expect(lines).toHaveLength(5);
    expect(lines).toContain(`${education.id},${education.name},2023,已报送，待审查,是,2024-01-25,,,2024-01-31,2,1,表格有空白单元格（提醒1）；上年结转与上年报告的结转下年不符（错误2）,2,15,0,0,/annual-reports/${education.id}/2023`);
    expect(lines).toContain(`${civil.id},${civil.name},2023,尚未起草,是,,,,2024-01-31,,,,,15,0,2,/annual-reports/${civil.id}/2023`);
    const late = await bodyOf(await get(`/supervision/${county.id}/status.csv?year=2023&state=late`, 'supervisor'));
    expect(late.trimEnd().split('\r\n')).toHaveLength(3);
  });

  it('status.xlsx: the same head and values', async () => {
    const res = await get(`/supervision/${county.id}/status.xlsx?year=2023`, 'supervisor');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['机关编号', '机关', '年度', '状态']);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const culturalRow = rows.find((r) => r[2] === culture.name)!;
    expect(culturalRow.slice(1, 9)).toEqual([culture.id, culture.name, 2023, '已发布', '否', '2024-01-10', '2024-01-15', '2024-01-20']);
  });

  it('tables.csv and .xlsx: one row per agency, one column per cell path', async () => {
    const csv = await bodyOf(await get(`/supervision/${county.id}/tables.csv?year=2023`, 'supervisor'));
    const [head, ...rows] = csv.slice(1).trimEnd().split('\r\n');
    const columns = head!.split(',');
    expect(columns.slice(0, 4)).toEqual(['机关编号', '机关', '年度', '状态']);
    expect(columns).toContain('t2.licensing.decisions');
    expect(columns).toContain('t3.newReceived[6]');
    expect(columns).toContain('t4.reconsideration.corrected');
    const at = (name: string, path: string) => rows.find((r) => r.includes(`,${name},`))!.split(',')[columns.indexOf(path)];
    expect(at(culture.name, 't3.newReceived[6]')).toBe('30');
    expect(at(county.name, 't4.reconsideration.corrected')).toBe('2');
    expect(at(civil.name, 't3.newReceived[6]')).toBe('');
    const res = await get(`/supervision/${county.id}/tables.xlsx?year=2023`, 'supervisor');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const data = workbook.getWorksheet('数据')!;
    const xhead = data.getRow(1).values as unknown[];
    const educationRow = (data.getSheetValues() as unknown[][]).find((r) => r?.[2] === education.name)!;
    expect(educationRow[xhead.indexOf('t3.carriedOver[6]')]).toBe(3);
    expect(workbook.getWorksheet('列说明')!.getRow(2).values).toEqual([undefined, 't2.regulations.issued', '表二 规章 · 本年制发件数']);
  });
});
