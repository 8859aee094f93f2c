/**
 * The applications API as tools outside the project call it (issue 17 §8): shapes and status codes,
 * public intake without a token, staff intake with one, another agency's case 404, steps refused with
 * the lifecycle's reason, optimistic locking, the public status, tables 三/四 as canonical JSON, errors
 * as { error: { code, message, details } }, every path in /api/openapi.json.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, apiToken } from '../../test/support/accounts.ts';
import { createTestApp } from '../../test/support/app.ts';
import { createTestServices } from '../../test/support/services.ts';
import { residentIdCheckCharacter } from './id-numbers.ts';
import { todayIn } from './service.ts';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
let other: Agency;
const tokens: Record<string, string> = {};
const people: Record<string, Person> = {};
const today = todayIn();
const ID_NUMBER = `11010519491231002${residentIdCheckCharacter('11010519491231002')}`;

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; details: unknown } };
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined || options.raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.raw ?? JSON.stringify(options.body);
  }
  const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const intake = (overrides: Record<string, unknown> = {}) => ({
  agencyId: agency.id,
  applicant: { kind: 'naturalPerson', name: '李四', idType: 'idCard', idNumber: ID_NUMBER, phone: '13912345678', address: '某市某路 2 号', email: 'li@example.com' },
  description: '本局 2023 年度部门预算公开说明中未列明的专项经费明细',
  provision: 'paper',
  delivery: 'post',
  ...overrides,
});

/** A case entered by the handler in person today (received at once). */
async function staffCase(): Promise<number> {
  const res = await call('POST', '/api/v1/applications', { token: tokens['handler'], body: intake({ channel: '当面', submitted: today }) });
  expect(res.status).toBe(201);
  return res.body['id'] as number;
}

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  const government = await addAgency(services, '接口测试市人民政府', 'government');
  agency = await addAgency(services, '接口测试市生态环境局', 'department', government);
  other = await addAgency(services, '接口测试别处局');
  const roles: [string, Parameters<typeof addPerson>[2]][] = [
    ['handler', [['handler', agency]]], ['reviewer', [['reviewer', agency]]], ['head', [['head', agency]]],
    ['supervisor', [['supervisor', government]]], ['otherHandler', [['handler', other]]],
  ];
  for (const [name, grants] of roles) {
    people[name] = await addPerson(services, `api-${name.toLowerCase()}`, grants);
    tokens[name] = await apiToken(services, people[name]);
  }
}, 60_000);
afterAll(async () => services.close());

describe('POST /api/v1/applications', () => {
  it('public intake without a token: 201 {id, trackingCode}; received online, awaiting confirmation', async () => {
    const res = await call('POST', '/api/v1/applications', { body: intake() });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'trackingCode']);
    expect(res.body['trackingCode']).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){2}$/);
    const view = await call('GET', `/api/v1/applications/${res.body['id'] as number}`, { token: tokens['handler'] });
    expect(view.body).toMatchObject({ channel: 'online', submitted: today, status: 'awaitingConfirmation', receiptDate: null, replyDue: null });
  });

  it('staff intake with a token: channel, submitted and confirmed as law deadline reads them (names or codes)', async () => {
    const posted = await call('POST', '/api/v1/applications', { token: tokens['head'], body: intake({ channel: '邮寄', submitted: today, confirmed: today }) });
    expect(posted.status).toBe(201);
    const view = await call('GET', `/api/v1/applications/${posted.body['id'] as number}`, { token: tokens['head'] });
    expect(view.body).toMatchObject({ channel: 'post', receiptDate: today, status: 'processing', replyDue: expect.any(String) });
    const fax = await call('POST', '/api/v1/applications', { token: tokens['handler'], body: intake({ channel: 'fax', submitted: today }) });
    expect(fax.status).toBe(201);
  });

  it('refuses: staff fields without a token 401; without the role 403; another agency or an unknown one 404 naming agencyId; bad JSON 400', async () => {
    expect((await call('POST', '/api/v1/applications', { body: intake({ channel: '当面' }) })).status).toBe(401);
    const reviewer = await call('POST', '/api/v1/applications', { token: tokens['reviewer'], body: intake({ channel: '当面' }) });
    expect(reviewer.status).toBe(403);
    const elsewhere = await call('POST', '/api/v1/applications', { token: tokens['otherHandler'], body: intake({ channel: '当面' }) });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error!.message).toContain('agencyId');
    const unknown = await call('POST', '/api/v1/applications', { body: intake({ agencyId: 987_654 }) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'application.agency_not_found', details: { fields: [{ field: 'agencyId' }] } });
    expect(unknown.body.error!.message).toContain('987654');
    const bad = await call('POST', '/api/v1/applications', { raw: '{"agencyId": ' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_json' } } });
  });

  it('every field checked, each named in Chinese (422, details.fields); nothing saved', async () => {
    const before = (await services.db.query('SELECT count(*)::int AS n FROM applications')).rows[0]!.n as number;
    const res = await call('POST', '/api/v1/applications', {
      body: { agencyId: 'x', applicant: { kind: 'naturalPerson', name: '王五', idType: '身份证', idNumber: '110105194912310021', phone: '' }, description: 'a\u0000b', provision: 'paper', delivery: 'fax', foo: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error!.code).toBe('application.invalid');
    const fields = (res.body.error!.details as { fields: { field: string; message: string }[] }).fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['agencyId', 'applicant.idNumber', 'applicant.phone', 'delivery', 'description', 'foo']);
    expect(fields.find((f) => f.field === 'applicant.idNumber')!.message).toMatch(/^身份证明号码：身份证号码第 18 位（校验码）/);
    expect(fields.find((f) => f.field === 'delivery')!.message).toMatch(/^获取方式：/);
    expect(fields.find((f) => f.field === 'agencyId')!.message).toMatch(/^受理机关（agencyId）：/);
    expect((await services.db.query('SELECT count(*)::int AS n FROM applications')).rows[0]!.n).toBe(before);
  });
});

describe('GET /api/v1/applications/{id}', () => {
  it('the case with its dates and timeline; another agency 404, signed out 401; a supervisor sees contacts masked', async () => {
    const id = await staffCase();
    const res = await call('GET', `/api/v1/applications/${id}`, { token: tokens['handler'] });
    expect(res.status).toBe(200);
    for (const key of ['id', 'status', 'receiptDate', 'replyDue', 'extendedReplyDue', 'provisional', 'outcome', 'events', 'trackingCode', 'agencyId', 'version', 'correctionNoticeDue', 'thirdPartyOpinionDue']) {
      expect(res.body, key).toHaveProperty(key);
    }
    expect(res.body).toMatchObject({ id, status: 'processing', receiptDate: today, extendedReplyDue: null, outcome: null, events: [], version: 0 });
    expect(res.body['applicant']).toMatchObject({ phone: '13912345678', email: 'li@example.com' });
    expect(JSON.stringify(res.body)).not.toContain(ID_NUMBER);
    const supervisor = await call('GET', `/api/v1/applications/${id}`, { token: tokens['supervisor'] });
    expect(supervisor.status).toBe(200);
    expect((supervisor.body['applicant'] as { phone: string }).phone).toBe('139****5678');
    expect(await call('GET', `/api/v1/applications/${id}`, { token: tokens['otherHandler'] })).toMatchObject({ status: 404, body: { error: { code: 'http.not_found' } } });
    expect((await call('GET', `/api/v1/applications/${id}`)).status).toBe(401);
    expect((await call('GET', '/api/v1/applications/99999999', { token: tokens['handler'] })).status).toBe(404);
    expect((await call('GET', `/api/v1/applications/${'9'.repeat(30)}`, { token: tokens['handler'] })).status).toBe(404);
  });
});

describe('POST /api/v1/applications/{id}/events', () => {
  it('a step answers 200 with the case; the draft goes through the reviewer and the 负责人', async () => {
    const id = await staffCase();
    const replied = await call('POST', `/api/v1/applications/${id}/events`, { token: tokens['handler'], body: { type: 'replied', date: today, outcome: 'partiallyGranted', version: 0 } });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ id, status: 'awaitingReview', version: 1, events: [{ seq: 1, type: 'replied', outcome: 'partiallyGranted', date: today }] });
    const reviewed = await call('POST', `/api/v1/applications/${id}/events`, { token: tokens['reviewer'], body: { type: 'reviewed', date: today, approved: true } });
    expect(reviewed).toMatchObject({ status: 200, body: { status: 'awaitingSignOff' } });
    expect((await call('POST', `/api/v1/applications/${id}/events`, { token: tokens['head'], body: { type: 'signed', date: today } })).body['status']).toBe('awaitingDelivery');
    const delivered = await call('POST', `/api/v1/applications/${id}/events`, { token: tokens['handler'], body: { type: 'delivered', date: today, method: 'post' } });
    expect(delivered.body).toMatchObject({ status: 'replied', outcome: 'partiallyGranted', closedOn: today, version: 4 });
  });

  it('refused with the lifecycle\'s reason: 403 role, 409 state or stale version, 422 facts and fields; another agency 404', async () => {
    const id = await staffCase();
    const path = `/api/v1/applications/${id}/events`;
    const extension = await call('POST', path, { token: tokens['handler'], body: { type: 'extended', date: today, workingDays: 10 } });
    expect(extension).toMatchObject({ status: 403, body: { error: { code: 'application.needs_head' } } });
    expect(extension.body.error!.message).toContain('负责人');
    const confirm = await call('POST', path, { token: tokens['handler'], body: { type: 'confirm', date: today } });
    expect(confirm).toMatchObject({ status: 409, body: { error: { code: 'application.illegal_step' } } });
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await call('POST', path, { token: tokens['handler'], body: { type: 'withdrawn', date: tomorrow } })).toMatchObject({ status: 422, body: { error: { code: 'application.future_date' } } });
    const unknownType = await call('POST', path, { token: tokens['handler'], body: { type: 'archive', date: today } });
    expect(unknownType).toMatchObject({ status: 422, body: { error: { code: 'application.invalid' } } });
    expect(unknownType.body.error!.message).toMatch(/^步骤类型：应为 confirm（确认收到申请）/);
    const missing = await call('POST', path, { token: tokens['handler'], body: { type: 'replied', date: '2024-02-30', final: true } });
    expect((missing.body.error!.details as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['date', 'final', 'outcome']);
    expect((await call('POST', path, { token: tokens['head'], body: { type: 'feeNoticed', date: today, version: 0 } })).status).toBe(200);
    const stale = await call('POST', path, { token: tokens['handler'], body: { type: 'withdrawn', date: today, version: 0 } });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'application.stale', message: '本申请已被他人修改，请刷新后再办理。' } } });
    expect(await call('POST', path, { token: tokens['otherHandler'], body: { type: 'withdrawn', date: today } })).toMatchObject({ status: 404 });
    expect(await call('POST', path, { token: tokens['supervisor'], body: { type: 'withdrawn', date: today } })).toMatchObject({ status: 403, body: { error: { code: 'application.needs_write' } } });
    expect((await call('POST', path, { body: { type: 'withdrawn', date: today } })).status).toBe(401);
  });
});

describe('the public status, lists, appeals, statistics', () => {
  it('GET /api/v1/applications/status: status and dates only; a wrong code or phone the same 404', async () => {
    const created = await call('POST', '/api/v1/applications', { body: intake() });
    const code = created.body['trackingCode'] as string;
    const res = await call('GET', `/api/v1/applications/status?trackingCode=${encodeURIComponent(code.toLowerCase())}&phone=139-1234-5678`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['agency', 'closedOn', 'extendedReplyDue', 'provisional', 'receiptDate', 'replyDue', 'status', 'statusLabel', 'submitted', 'trackingCode']);
    expect(res.body).toMatchObject({ trackingCode: code, status: 'awaitingConfirmation', statusLabel: '待确认收到', agency: agency.name });
    const wrongPhone = await call('GET', `/api/v1/applications/status?trackingCode=${code}&phone=13912345679`);
    const wrongCode = await call('GET', `/api/v1/applications/status?trackingCode=2222-2222-2222&phone=13912345678`);
    expect(wrongPhone.status).toBe(404);
    expect(wrongCode.body).toEqual(wrongPhone.body);
    expect((await call('GET', '/api/v1/applications/status?trackingCode=&phone=1')).status).toBe(400);
  });

  it('GET /api/v1/applications lists the reader\'s agencies\' cases, filtered', async () => {
    const id = await staffCase();
    const list = await call('GET', `/api/v1/applications?agencyId=${agency.id}&open=true&limit=200`, { token: tokens['supervisor'] });
    expect(list.status).toBe(200);
    expect((list.body['items'] as { id: number; urgency: unknown }[]).map((i) => i.id)).toContain(id);
    expect((await call('GET', '/api/v1/applications', { token: tokens['otherHandler'] })).body['items']).toEqual([]);
    expect((await call('GET', '/api/v1/applications?due=later', { token: tokens['handler'] })).status).toBe(400);
    expect((await call('GET', '/api/v1/applications')).status).toBe(401);
  });

  it('appeals: recorded (201) and decided (200); table 四 counts them', async () => {
    const id = await staffCase();
    await call('POST', `/api/v1/applications/${id}/events`, { token: tokens['head'], body: { type: 'replied', date: today, outcome: 'denied.processInformation' } });
    const filed = await call('POST', `/api/v1/applications/${id}/appeals`, { token: tokens['handler'], body: { kind: 'reconsideration', filedOn: today } });
    expect(filed.status).toBe(201);
    const appealId = (filed.body['appeals'] as { id: number }[])[0]!.id;
    expect((await call('POST', `/api/v1/applications/${id}/appeals`, { token: tokens['reviewer'], body: { kind: 'reconsideration', filedOn: today } })).status).toBe(403);
    const decided = await call('POST', `/api/v1/applications/${id}/appeals/${appealId}/decision`, { token: tokens['handler'], body: { decidedOn: today, result: 'corrected' } });
    expect(decided).toMatchObject({ status: 200, body: { appeals: [{ id: appealId, decidedOn: today, result: 'corrected' }] } });
    const stats = await call('GET', `/api/v1/agencies/${agency.id}/statistics?year=${today.slice(0, 4)}`, { token: tokens['handler'] });
    expect((stats.body['table4'] as Record<string, { corrected: number }>)['reconsideration']!.corrected).toBeGreaterThanOrEqual(1);
  });

  it('GET /api/v1/agencies/{id}/statistics: the canonical JSON; another agency 404; a bad year 400', async () => {
    const year = Number(today.slice(0, 4));
    const res = await call('GET', `/api/v1/agencies/${agency.id}/statistics?year=${year}`, { token: tokens['supervisor'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ agency: agency.name, year, format: '2021', agencyKind: 'department' });
    const table3 = res.body['table3'] as { columns: string[]; rows: Record<string, number[]> };
    expect(table3.columns).toEqual(['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total']);
    expect(table3.rows['newReceived']![6]).toBeGreaterThan(0);
    expect(Object.keys(table3.rows)).toHaveLength(25);
    expect(await call('GET', `/api/v1/agencies/${other.id}/statistics?year=${year}`, { token: tokens['handler'] })).toMatchObject({ status: 404 });
    expect(await call('GET', `/api/v1/agencies/${agency.id}/statistics?year=20x4`, { token: tokens['handler'] })).toMatchObject({ status: 400, body: { error: { details: { fields: [{ field: 'year' }] } } } });
    expect((await call('GET', `/api/v1/agencies/${agency.id}/statistics?year=${year}`)).status).toBe(401);
  });

  it('every path is in /api/openapi.json with its responses', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const [path, method] of [
      ['/api/v1/applications', 'post'], ['/api/v1/applications', 'get'], ['/api/v1/applications/status', 'get'], ['/api/v1/applications/{id}', 'get'],
      ['/api/v1/applications/{id}/events', 'post'], ['/api/v1/applications/{id}/appeals', 'post'], ['/api/v1/applications/{id}/appeals/{appealId}/decision', 'post'],
      ['/api/v1/agencies/{id}/statistics', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.responses, `${method} ${path}`).toBeDefined();
    }
  });
});
