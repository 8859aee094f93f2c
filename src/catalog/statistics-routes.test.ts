/**
 * The statistics routes in-process on the real database: each route's declared access; the on-time page
 * and its JSON (an agency sees its own items only, a supervisor every agency of its government with the
 * agency's name, another agency chosen answers 404); table 二's page and XLSX; the figures form (saved,
 * refused with the field named, a 审核人 refused); coverage for one agency and for a supervisor over two,
 * with the limit's form for the 机关管理员. Pages speak Chinese: no program names in their text.
 */
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, apiToken, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import { declaredRoutes } from '../platform/http/access.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { statisticsRoutes } from './statistics-routes.tsx';
import { table2Of } from './table2-service.ts';
import { insertTestItem } from './table2-testing.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let agency: Agency;
let sibling: Agency;
let other: Agency;
const people: Record<string, Person> = {};
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

/** 2024-10-08 (a Tuesday after the National Day holiday) at noon, Beijing time. */
const clock = () => Date.parse('2024-10-08T04:00:00Z');

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '路由测试县人民政府', 'government');
  agency = await addAgency(services, '路由测试县文化旅游局', 'department', government);
  sibling = await addAgency(services, '路由测试县教育局', 'department', government);
  other = await addAgency(services, '别处路由测试县民政局');
  app = createHttpApp(services, { modules: [{ routes: statisticsRoutes(services, clock) }], nav: [] });
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    handler: [['handler', agency]], reviewer: [['reviewer', agency]], admin: [['agencyAdmin', agency]],
    supervisor: [['supervisor', government]], otherHandler: [['handler', other]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    people[name] = await addPerson(services, `stats-${name.toLowerCase()}`, grants);
    cookies[name] = await sessionCookie(services, `stats-${name.toLowerCase()}`);
  }
  const add = async (key: string, at: Agency, item: Parameters<typeof insertTestItem>[2]) => void (ids[key] = await insertTestItem(services.db, at.id, item));
  await add('late', agency, { title: '关于文化市场执法检查的通知', status: 'signing', formedOn: '2024-08-30', publishDue: '2024-09-30' });
  await add('soon', agency, { title: '全年文化惠民演出计划', status: 'draft', formedOn: '2024-09-13', publishDue: '2024-10-14' });
  await add('publishedLate', agency, { title: '非遗认定结果公示', formedOn: '2024-08-30', publishDue: '2024-09-30', publishedOn: '2024-10-10', article20Item: 'other' });
  await add('siblingLate', sibling, { title: '学区划分方案', status: 'draft', formedOn: '2024-08-01', publishDue: '2024-08-29' });
  await add('otherLate', other, { title: '别处民政救助办法', status: 'draft', formedOn: '2024-08-01', publishDue: '2024-08-29' });
  await add('rule', agency, { title: '文化市场管理规定', genre: '行政规范性文件', formedOn: '2024-02-01', article20Item: 'regulations' });
  await add('organisation', agency, { title: '机构概况', formedOn: '2024-05-06', article20Item: 'organisation' });
  await add('oldBudget', sibling, { title: '2022 年部门预算', formedOn: '2023-02-01', article20Item: 'budget' });
}, 60_000);
afterAll(async () => services?.close());

const get = (path: string, who: string, accept = 'text/html') => app.request(path, { headers: { cookie: cookies[who]!, accept } });
const post = (path: string, who: string, fields: Record<string, string>) => app.request(path, {
  method: 'POST', body: new URLSearchParams(fields),
  headers: { cookie: cookies[who]!, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const page = async (path: string, who: string) => {
  const res = await get(path, who);
  expect(res.status, path).toBe(200);
  return text(await res.text());
};
/** Program names a page must not show (keys, statuses, camelCase words). */
const PROGRAM_WORDS = /\b(licensing|punishment|enforcement|feesWan|amountWan|regulations|normativeDocuments|publishedLate|dueSoon|late|draft|signing|published|inForce|agencyId|null|undefined|NaN)\b|[a-z]+[A-Z][a-zA-Z]+/;

describe('access', () => {
  it('reads need records.read over the viewer’s agencies, the figures records.write, the limit agency.profile', () => {
    const routes = declaredRoutes(app);
    const find = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.access;
    const any = (permission: string) => ({ kind: 'permission', permission, agency: { from: 'any' } });
    expect(find('GET', '/catalog/due')).toEqual(any('records.read'));
    expect(find('GET', '/api/v1/catalog/due')).toEqual(any('records.read'));
    expect(find('GET', '/catalog/statistics')).toEqual(any('records.read'));
    expect(find('GET', '/catalog/statistics.xlsx')).toEqual(any('records.read'));
    expect(find('GET', '/catalog/coverage')).toEqual(any('records.read'));
    expect(find('GET', '/catalog/figures')).toEqual(any('records.write'));
    expect(find('POST', '/catalog/figures')).toEqual(any('records.write'));
    expect(find('POST', '/catalog/coverage/settings')).toEqual(any('agency.profile'));
    expect(find('GET', '/api/v1/agencies/:id{[0-9]+}/catalog-statistics')).toEqual({ kind: 'permission', permission: 'records.read', agency: { from: 'param', param: 'id' } });
  });
});

describe('主动公开期限', () => {
  it('an agency’s staff see its late, due-soon and published-late items, never another agency’s', async () => {
    const body = await page('/catalog/due', 'handler');
    expect(body).toContain('关于文化市场执法检查的通知');
    expect(body).toMatch(/逾期未公开\s*逾期 1 个工作日/);
    expect(body).toContain('全年文化惠民演出计划');
    expect(body).toMatch(/即将到期\s*还有 5 个工作日/);
    expect(body).toContain('非遗认定结果公示');
    expect(body).toMatch(/超期公开\s*超过期限 3 个工作日公开/);
    expect(body).not.toContain('学区划分方案');
    expect(body).not.toContain('别处民政救助办法');
    expect(body).not.toMatch(PROGRAM_WORDS);
  });

  it('a supervisor sees every agency of the government with its name and counts, and may narrow to one', async () => {
    const body = await page('/catalog/due', 'supervisor');
    expect(body).toContain('学区划分方案');
    expect(body).toContain('路由测试县教育局');
    expect(body).toContain('按机关统计');
    expect(body).not.toContain('别处民政救助办法');
    const one = await page(`/catalog/due?agency=${sibling.id}`, 'supervisor');
    expect(one).toContain('学区划分方案');
    expect(one).not.toContain('关于文化市场执法检查的通知');
  });

  it('another agency chosen answers 404; a bad range 400', async () => {
    const res = await get(`/catalog/due?agency=${other.id}`, 'handler', 'application/json');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'catalog.agency_not_found' } });
    expect((await get('/catalog/due?days=99', 'handler')).status).toBe(400);
  });

  it('the JSON with a bearer token', async () => {
    const token = await apiToken(services, people['supervisor']!);
    const res = await app.request(`/api/v1/catalog/due?agencyId=${agency.id}&days=5`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const json = await res.json() as { today: string; soonUntil: string; late: { total: number; items: { id: number; kind: string; workingDays: number; agency: string }[] }; dueSoon: { items: { id: number }[] }; publishedLate: { items: { id: number }[] } };
    expect([json.today, json.soonUntil]).toEqual(['2024-10-08', '2024-10-14']);
    expect(json.late.items).toEqual([expect.objectContaining({ id: ids['late'], kind: 'late', workingDays: 1, agency: '路由测试县文化旅游局' })]);
    expect(json.dueSoon.items.map((i) => i.id)).toEqual([ids['soon']]);
    expect(json.publishedLate.items.map((i) => i.id)).toEqual([ids['publishedLate']]);
    const refused = await app.request(`/api/v1/catalog/due?agencyId=${other.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(404);
  });
});

describe('主动公开统计 and the figures', () => {
  it('table 二 from the catalog; figures not entered show as 未填报, never 0; the monthly counts', async () => {
    const body = await page('/catalog/statistics?year=2024', 'handler');
    expect(body).toMatch(/行政规范性文件 1 0 1/);
    expect(body).toMatch(/行政许可 未填报/);
    expect(body).toMatch(/行政事业性收费 未填报/);
    expect(body).toContain('2024 年按月发布的信息（共 3 条）');
    expect(body).toContain('填报表二数字');
    expect(body).not.toMatch(PROGRAM_WORDS);
    expect(await page('/catalog/statistics?year=2024', 'reviewer')).not.toContain('填报表二数字');
  });

  it('the form saves (audited, shown on the statistics page) and refuses a bad value naming the field', async () => {
    const form = await page(`/catalog/figures?agency=${agency.id}&year=2023`, 'handler');
    expect(form).toContain('行政许可决定数');
    expect(form).not.toMatch(PROGRAM_WORDS);
    const saved = await post('/catalog/figures', 'handler', { agency: String(agency.id), year: '2023', seen: '', licensing: '71', punishment: '0', enforcement: '', feesWan: '12.5' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/catalog/statistics?agency=${agency.id}&year=2023&notice=figures`);
    const shown = await page(saved.headers.get('location')!, 'handler');
    expect(shown).toContain('表二数字已保存');
    expect(shown).toMatch(/行政许可 71/);
    expect(shown).toMatch(/行政处罚 0/);
    expect(shown).toMatch(/行政强制 未填报/);
    expect(shown).toMatch(/行政事业性收费 12\.5/);
    expect(await table2Of(services.db, agency.id, 2023)).toMatchObject({ licensing: { decisions: 71 }, enforcement: { decisions: null }, fees: { amountWan: 12.5 } });

    // A form drawn before that save (no figures then) does not overwrite it.
    const stale = await post('/catalog/figures', 'handler', { agency: String(agency.id), year: '2023', seen: '', licensing: '70', punishment: '', enforcement: '', feesWan: '' });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain('已被他人修改');
    expect((await table2Of(services.db, agency.id, 2023)).licensing.decisions).toBe(71);
    const seen = /name="seen" value="([^"]*)"/.exec(await (await get(`/catalog/figures?agency=${agency.id}&year=2023`, 'handler')).text())![1]!;
    const refused = await post('/catalog/figures', 'handler', { agency: String(agency.id), year: '2023', seen, licensing: '七十', punishment: '', enforcement: '', feesWan: '' });
    expect(refused.status).toBe(400);
    const body = text(await refused.text());
    expect(body).toContain('行政许可决定数：应为不小于 0 的整数');
    expect(body).not.toMatch(PROGRAM_WORDS);
  });

  it('a 审核人 may not enter figures (403); another agency’s staff are not offered it (404)', async () => {
    expect((await post('/catalog/figures', 'reviewer', { agency: String(agency.id), year: '2023', licensing: '1' })).status).toBe(403);
    const res = await post('/catalog/figures', 'otherHandler', { agency: String(agency.id), year: '2023', seen: '', licensing: '1' });
    expect(res.status).toBe(404);
    expect((await table2Of(services.db, agency.id, 2023)).licensing.decisions).toBe(71);
  });

  it('the XLSX has 表二 (blank where not entered) and the monthly counts', async () => {
    const res = await get(`/catalog/statistics.xlsx?agency=${agency.id}&year=2023`, 'supervisor');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`catalog-statistics-${agency.id}-2023.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['表二', '按月统计']);
    const values: unknown[][] = [];
    workbook.getWorksheet('表二')!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const rowOf = (label: string) => values.find((r) => r[0] === label);
    expect(rowOf('行政许可')).toContain(71);
    expect(rowOf('行政强制')?.filter((v) => v !== null && v !== undefined && v !== '行政强制')).toEqual([]);
    expect(rowOf('行政事业性收费')).toContain(12.5);
    const monthly = workbook.getWorksheet('按月统计')!;
    expect(monthly.getRow(2).getCell(14).value).toBe('全年');
  });

  it('another agency’s statistics answer 404', async () => {
    expect((await get(`/catalog/statistics?agency=${other.id}`, 'handler')).status).toBe(404);
    expect((await get(`/catalog/statistics.xlsx?agency=${other.id}`, 'supervisor')).status).toBe(404);
  });
});

describe('coverage', () => {
  it('one agency: each of the fifteen items in words, with the latest date', async () => {
    const body = await page('/catalog/coverage', 'handler');
    expect(body).toMatch(/（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名 有 最近发布于 2024年5月6日/);
    expect(body).toMatch(/（七）财政预算、决算信息 缺 没有已发布的信息/);
    expect(body).not.toContain('设置过期期限');
    expect(body).not.toMatch(PROGRAM_WORDS);
  });

  it('a supervisor: all its agencies in one table, each cell 有 / 过期 / 缺 with its words for screen readers', async () => {
    const html = await (await get('/catalog/coverage', 'supervisor')).text();
    const body = text(html);
    expect(body).toContain('路由测试县文化旅游局');
    expect(body).toContain('路由测试县教育局');
    expect(body).not.toContain('别处路由测试县民政局');
    expect(body).toMatch(/过期 ：（七）财政预算、决算信息，最近发布于 2023年2月1日/);
    expect(html).toContain('<th scope="row">路由测试县教育局</th>');
    expect(body).not.toMatch(PROGRAM_WORDS);
  });

  it('the 机关管理员 sets the limit on the page; a wrong value is refused naming it; a 经办人 may not', async () => {
    expect(await page('/catalog/coverage', 'admin')).toContain('设置过期期限');
    const saved = await post('/catalog/coverage/settings', 'admin', { agency: String(agency.id), maxAgeDays: '30' });
    expect(saved.status).toBe(303);
    const body = await page('/catalog/coverage?notice=coverage', 'admin');
    expect(body).toContain('过期期限已保存');
    expect(body).toContain('过期期限 30 天');
    expect(body).toMatch(/（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名 过期/);
    const refused = await post('/catalog/coverage/settings', 'admin', { agency: String(agency.id), maxAgeDays: '5000' });
    expect(refused.status).toBe(400);
    expect(text(await refused.text())).toContain('过期期限：应为 1–3660 之间的整数天数');
    expect((await post('/catalog/coverage/settings', 'handler', { agency: String(agency.id), maxAgeDays: '10' })).status).toBe(403);
  });
});
