/**
 * The supervision records' pages in-process on the real database: each route's declared access; the
 * list of an agency's year shows exactly the records its counts count (not another year's or agency's),
 * grouped by kind, with overdue 整改 said in words; the forms save (POST → redirect → the list) and come
 * back with every wrong field named and linked; a 经办人 may not open the inspection form (403), a
 * supervisor of another government's agency finds nothing (404); the supervisor records an inspection
 * and its problem, the agency records its 整改. Pages speak Chinese: no program names in their text.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, apiToken, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import { declaredRoutes } from '../platform/http/access.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import type { IsoDate } from '../law/dates.ts';
import { recordFactsOf, insertRow } from './records-store.ts';
import { recordApiPaths } from './records-api.ts';
import { supervisionRecordRoutes } from './records-routes.tsx';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
let sibling: Agency;
let other: Agency;
const cookies: Record<string, string> = {};
const people: Record<string, Person> = {};
let trainingId: number;

/** 2024-06-20, noon in Beijing. */
const clock = () => Date.parse('2024-06-20T04:00:00Z');

beforeAll(async () => {
  services = await createTestServices();
  const county = await addAgency(services, '页面测试县人民政府', 'government');
  agency = await addAgency(services, '页面测试县文化旅游局', 'department', county);
  sibling = await addAgency(services, '页面测试县教育局', 'department', county);
  const otherCounty = await addAgency(services, '别处页面测试县人民政府', 'government');
  other = await addAgency(services, '别处页面测试县民政局', 'department', otherCounty);
  app = createHttpApp(services, { modules: [{ routes: supervisionRecordRoutes(services, clock), openapi: recordApiPaths }], nav: [] });
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    handler: [['handler', agency]], reviewer: [['reviewer', agency]], supervisor: [['supervisor', county]], otherSupervisor: [['supervisor', otherCounty]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    people[name] = await addPerson(services, `rec-${name.toLowerCase()}`, grants);
    cookies[name] = await sessionCookie(services, `rec-${name.toLowerCase()}`);
  }
  const { db } = services;
  trainingId = await insertRow(db, 'training', agency.id, { heldOn: '2023-09-12' as IsoDate, title: '全县政务公开业务培训会', attendees: 48, note: null }, null);
  await insertRow(db, 'training', agency.id, { heldOn: '2022-09-12' as IsoDate, title: '上一年度的培训', attendees: 10, note: null }, null);
  await insertRow(db, 'training', sibling.id, { heldOn: '2023-03-01' as IsoDate, title: '教育局的培训', attendees: 20, note: null }, null);
  const inspection = await insertRow(db, 'inspection', agency.id, { inspectedOn: '2023-10-09' as IsoDate, inspector: '页面测试县人民政府办公室', subject: '政府信息公开专栏检查', summary: null }, null);
  await insertRow(db, 'finding', inspection, { problem: '机构职能栏目未及时更新', deadline: '2023-11-09' as IsoDate }, null);
  await insertRow(db, 'finding', inspection, { problem: '政策解读与文件未关联', deadline: '2024-12-31' as IsoDate }, null);
  await insertRow(db, 'publicDay', agency.id, { heldOn: '2023-05-15' as IsoDate, title: '“5·15 政务公开日”开放活动', description: '邀请群众代表走进机关' }, null);
  await insertRow(db, 'consultation', agency.id, { receivedOn: '2023-07-03' as IsoDate, channel: 'hotline', kind: 'consultation', subject: '咨询非遗传承人申报条件', reply: '已告知申报条件和材料', repliedOn: '2023-07-05' as IsoDate }, null);
}, 60_000);
afterAll(async () => services?.close());

const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
const post = (path: string, who: string, fields: Record<string, string>) => app.request(path, {
  method: 'POST', body: new URLSearchParams(fields),
  headers: { cookie: cookies[who]!, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const page = async (path: string, who: string) => {
  const res = await get(path, who);
  expect(res.status, path).toBe(200);
  return text(await res.text());
};
/** Program names a page must not show. */
const PROGRAM_WORDS = /\b(training|inspection|publicDay|consultation|hotline|rectified|open|null|undefined|NaN)\b|[a-z]+[A-Z][a-zA-Z]+/;

describe('access', () => {
  it('the list needs records.read; the agency’s forms records.write; inspections and their problems reports.review; 整改 records.write', () => {
    const routes = declaredRoutes(app);
    const find = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.access;
    expect(find('GET', '/supervision/records')).toEqual({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } });
    for (const segment of ['trainings', 'public-days', 'consultations']) {
      expect(find('POST', `/supervision/agencies/:id{[0-9]+}/${segment}/new`)).toEqual({ kind: 'permission', permission: 'records.write', agency: { from: 'param', param: 'id' } });
      expect(find('POST', `/supervision/${segment}/:id{[0-9]+}/edit`)).toMatchObject({ permission: 'records.write', agency: { from: 'record' } });
    }
    expect(find('POST', '/supervision/agencies/:id{[0-9]+}/inspections/new')).toEqual({ kind: 'permission', permission: 'reports.review', agency: { from: 'param', param: 'id' } });
    expect(find('POST', '/supervision/inspections/:id{[0-9]+}/edit')).toMatchObject({ permission: 'reports.review', agency: { from: 'record', resource: 'inspection' } });
    expect(find('POST', '/supervision/inspections/:id{[0-9]+}/findings')).toMatchObject({ permission: 'reports.review' });
    expect(find('POST', '/supervision/findings/:id{[0-9]+}/edit')).toMatchObject({ permission: 'reports.review', agency: { from: 'record', resource: 'finding' } });
    expect(find('POST', '/supervision/findings/:id{[0-9]+}/rectify')).toMatchObject({ permission: 'records.write', agency: { from: 'record', resource: 'finding' } });
  });
});

describe('the list of a year’s records', () => {
  it('lists exactly the records the report’s counts count, grouped by kind, with the counts', async () => {
    const body = await page(`/supervision/records?agency=${agency.id}&year=2023`, 'handler');
    const facts = (await recordFactsOf(services.db, [agency.id], 2023)).get(agency.id)!;
    expect(facts.trainings).toEqual({ count: 1, attendees: 48 });
    expect(body).toContain('政务公开培训（1 次，共 48 人次）');
    expect(body).toContain('政务公开检查（1 次，发现问题 2 个，已整改 0 个，整改中 2 个）');
    expect(body).toContain('“5·15 政务公开日”活动（1 次）');
    expect(body).toContain('公众咨询和建议（1 件，已答复 1 件，其中 12345 热线转办 1 件）');
    expect(body).toContain('全县政务公开业务培训会');
    expect(body).not.toContain('上一年度的培训');
    expect(body).not.toContain('教育局的培训');
    // Overdue in words; the other still within its deadline.
    expect(body).toMatch(/机构职能栏目未及时更新 2023年11月9日 逾期未整改 已超过整改期限 224 天/);
    expect(body).toMatch(/政策解读与文件未关联 2024年12月31日 整改中 距整改期限还有 194 天/);
    expect(body).not.toMatch(PROGRAM_WORDS);
  });

  it('one kind only, when asked; another year; defaults to the viewer’s agency and this year', async () => {
    const trainings = await page(`/supervision/records?agency=${agency.id}&year=2023&kind=training`, 'handler');
    expect(trainings).toContain('全县政务公开业务培训会');
    expect(trainings).not.toContain('政务公开检查（');
    expect(await page(`/supervision/records?agency=${agency.id}&year=2022&kind=training`, 'handler')).toContain('上一年度的培训');
    const now = await page('/supervision/records', 'handler');
    expect(now).toContain('页面测试县文化旅游局 2024 年政务公开工作记录');
    expect(now).toContain('本年度没有培训记录。');
  });

  it('a supervisor chooses any agency of its government; another agency answers 404; a bad year or kind 400', async () => {
    expect(await page(`/supervision/records?agency=${sibling.id}&year=2023`, 'supervisor')).toContain('教育局的培训');
    expect((await get(`/supervision/records?agency=${agency.id}&year=2023`, 'otherSupervisor')).status).toBe(404);
    expect((await get(`/supervision/records?agency=${sibling.id}`, 'handler')).status).toBe(404);
    expect((await get('/supervision/records?year=20x3', 'handler')).status).toBe(400);
    expect((await get('/supervision/records?kind=cases', 'handler')).status).toBe(400);
  });

  it('offers each form to whom may use it', async () => {
    const handler = await (await get(`/supervision/records?agency=${agency.id}&year=2023`, 'handler')).text();
    expect(handler).toContain(`/supervision/agencies/${agency.id}/trainings/new`);
    expect(handler).not.toContain(`/supervision/agencies/${agency.id}/inspections/new`);
    const supervisor = await (await get(`/supervision/records?agency=${agency.id}&year=2023`, 'supervisor')).text();
    expect(supervisor).toContain(`/supervision/agencies/${agency.id}/inspections/new`);
    expect(supervisor).not.toContain(`/supervision/agencies/${agency.id}/trainings/new`);
  });
});

describe('forms', () => {
  it('a training is saved and listed; a wrong one comes back with each field named and linked', async () => {
    const path = `/supervision/agencies/${agency.id}/trainings/new`;
    expect(await page(path, 'handler')).toContain('记录一次政务公开培训');
    const bad = await post(path, 'handler', { title: '', heldOn: '2024-02-30', attendees: '四十' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#title"');
    expect(html).toContain('href="#attendees"');
    expect(text(html)).toContain('参加人次：应为 1 到 1000000 之间的整数，实际为 "四十"');
    expect(text(html)).toContain('培训日期：应为真实存在的日期');
    expect(text(html)).not.toMatch(/（attendees）/);
    const ok = await post(path, 'handler', { title: '新任经办人培训', heldOn: '2024-03-05', attendees: '12', note: '' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/supervision/records?agency=${agency.id}&year=2024&kind=training&notice=saved`);
    const listed = await page(ok.headers.get('location')!, 'handler');
    expect(listed).toContain('记录已保存。');
    expect(listed).toContain('政务公开培训（1 次，共 12 人次）');
  });

  it('refuses text PostgreSQL cannot store, naming the field, never a 500', async () => {
    // (A form cannot carry a lone surrogate: the browser sends U+FFFD; the use-case's test covers it.)
    for (const bad of ['培训\u0000名称', '\u0000']) {
      const res = await post(`/supervision/agencies/${agency.id}/trainings/new`, 'handler', { title: bad, heldOn: '2024-03-05', attendees: '12' });
      expect(res.status).toBe(422);
      expect(text(await res.text())).toMatch(/培训名称：(含有无法保存的字符|必须填写)/);
    }
  });

  it('an edit over a change made meanwhile is refused with the reason', async () => {
    const path = `/supervision/trainings/${trainingId}/edit`;
    expect(await page(path, 'handler')).toContain('全县政务公开业务培训会');
    const fields = { title: '全县政务公开业务培训会', heldOn: '2023-09-12', attendees: '50', note: '', version: '1' };
    expect((await post(path, 'handler', fields)).status).toBe(303);
    const stale = await post(path, 'handler', { ...fields, attendees: '52' });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain('这条记录已被他人修改，请刷新页面后重新填写。');
    expect((await get(path, 'otherSupervisor')).status).toBe(404);
    expect((await get(path, 'supervisor')).status).toBe(403);
  });

  it('a consultation names its radios in the summary, and keeps no contact', async () => {
    const path = `/supervision/agencies/${agency.id}/consultations/new`;
    const bad = await post(path, 'handler', { receivedOn: '2024-05-06', subject: '建议增加景区无障碍设施', phone: '13800000000' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#channel-phone"');
    expect(html).toContain('href="#kind-consultation"');
    const ok = await post(path, 'handler', { receivedOn: '2024-05-06', channel: 'phone', kind: 'suggestion', subject: '建议增加景区无障碍设施', phone: '13800000000' });
    expect(ok.status).toBe(303);
    expect(await page(ok.headers.get('location')!, 'handler')).toContain('尚未答复');
    const { rows } = await services.db.query("SELECT to_jsonb(c)::text AS row FROM supervision_consultations c WHERE subject = '建议增加景区无障碍设施'");
    expect(rows[0].row).not.toContain('13800000000');
  });
});

describe('inspections', () => {
  it('a 经办人 may not record an inspection (403); a supervisor of another government finds nothing (404)', async () => {
    expect((await get(`/supervision/agencies/${agency.id}/inspections/new`, 'handler')).status).toBe(403);
    expect((await post(`/supervision/agencies/${agency.id}/inspections/new`, 'handler', { inspectedOn: '2024-05-01', inspector: '某办公室', subject: '检查' })).status).toBe(403);
    expect((await get(`/supervision/agencies/${agency.id}/inspections/new`, 'otherSupervisor')).status).toBe(404);
    expect((await get(`/supervision/agencies/${other.id}/inspections/new`, 'supervisor')).status).toBe(404);
  });

  it('the supervisor records an inspection and a problem; the agency records its 整改', async () => {
    const form = await (await get(`/supervision/agencies/${agency.id}/inspections/new`, 'supervisor')).text();
    expect(form).toContain('value="页面测试县人民政府办公室"');
    const added = await post(`/supervision/agencies/${agency.id}/inspections/new`, 'supervisor', { inspectedOn: '2024-04-10', inspector: '页面测试县人民政府办公室', subject: '依申请公开办理检查', summary: '' });
    expect(added.status).toBe(303);
    const inspectionPath = added.headers.get('location')!.split('?')[0]!;
    expect(await page(`${inspectionPath}?notice=inspection`, 'supervisor')).toContain('检查已记录');
    const early = await post(`${inspectionPath}/findings`, 'supervisor', { problem: '答复书未告知救济途径', deadline: '2024-04-01' });
    expect(early.status).toBe(422);
    expect(text(await early.text())).toContain('整改期限：不能早于检查日期（2024-04-10）');
    expect((await post(`${inspectionPath}/findings`, 'supervisor', { problem: '答复书未告知救济途径', deadline: '2024-05-10' })).status).toBe(303);
    expect((await post(`${inspectionPath}/findings`, 'handler', { problem: '自己记的问题', deadline: '2024-05-10' })).status).toBe(403);

    const handlerView = await (await get(inspectionPath, 'handler')).text();
    const rectifyPath = /href="(\/supervision\/findings\/\d+\/rectify)"/.exec(handlerView)?.[1];
    expect(rectifyPath).toBeDefined();
    expect(text(handlerView)).toContain('逾期未整改');
    const rectified = await post(rectifyPath!, 'handler', { rectifiedOn: '2024-05-08', rectification: '已修改答复书模板，补充救济途径', version: '1' });
    expect(rectified.status).toBe(303);
    const after = await page(rectified.headers.get('location')!, 'handler');
    expect(after).toContain('整改情况已记录。');
    expect(after).toContain('已整改 2024年5月8日完成整改');
    expect((await post(rectifyPath!, 'supervisor', { rectifiedOn: '2024-05-08', rectification: '监督员代记', version: '2' })).status).toBe(403);
    const list = await page(`/supervision/records?agency=${agency.id}&year=2024&kind=inspection`, 'supervisor');
    expect(list).toContain('政务公开检查（1 次，发现问题 1 个，已整改 1 个，整改中 0 个）');
    expect(list).not.toMatch(PROGRAM_WORDS);
  });
});

describe('the JSON API', () => {
  it('gives a supervisor an agency’s records of a year with the facts, and nothing of another government', async () => {
    const bearer = (who: string) => apiToken(services, people[who]!).then((t) => ({ authorization: `Bearer ${t}` }));
    const res = await app.request(`/api/v1/supervision/records?agencyId=${agency.id}&year=2023`, { headers: await bearer('supervisor') });
    expect(res.status).toBe(200);
    const json = await res.json() as { facts: unknown; page: string; trainings: { title: string }[]; inspections: { findings: unknown[] }[]; consultations: { channel: string }[] };
    expect(json.facts).toEqual((await recordFactsOf(services.db, [agency.id], 2023)).get(agency.id));
    expect(json.page).toBe(`/supervision/records?agency=${agency.id}&year=2023`);
    expect(json.trainings.map((t) => t.title)).toEqual(['全县政务公开业务培训会']);
    expect(json.inspections[0]!.findings).toHaveLength(2);
    expect(json.consultations[0]!.channel).toBe('hotline');
    expect((await app.request(`/api/v1/supervision/records?agencyId=${agency.id}&year=2023`, { headers: await bearer('otherSupervisor') })).status).toBe(404);
    expect((await app.request(`/api/v1/supervision/records?agencyId=${agency.id}&year=23`, { headers: await bearer('supervisor') })).status).toBe(400);
    expect((await app.request(`/api/v1/supervision/records?agencyId=${agency.id}&year=2023`)).status).toBe(401);
    const doc = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/supervision/records');
  });
});
