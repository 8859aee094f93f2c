/**
 * The item API as tests outside the project call it (issue 18 §9): contract shapes, bearer tokens and
 * sessions, 401/403/404/409/422 with `{ error: { code, message, details } }`, the public metadata by
 * 索引号 (its slash raw or as %2F; 404 for drafts and withdrawn items), and the paths in /api/openapi.json.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, apiToken, sessionCookie } from '../../test/support/accounts.ts';
import { createTestApp } from '../../test/support/app.ts';
import { createTestServices } from '../../test/support/services.ts';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
let other: Agency;
const tokens: Record<string, string> = {};
const persons: Record<string, Person> = {};

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  agency = await addAgency(services, '接口测试局');
  other = await addAgency(services, '接口别处局');
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    handler: [['handler', agency]], reviewer: [['reviewer', agency]], reviewer2: [['reviewer', agency]], head: [['head', agency]],
    otherHandler: [['handler', other]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    persons[name] = await addPerson(services, `api-${name.toLowerCase()}`, grants);
    tokens[name] = await apiToken(services, persons[name]!);
  }
}, 120_000);
afterAll(async () => services.close());

async function call(method: string, path: string, who?: string, body?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (who) headers['authorization'] = `Bearer ${tokens[who]}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  return { status: res.status, json: await res.json() as Record<string, unknown> & { error?: { code: string; message: string; details: unknown } } };
}

const NEW_ITEM = (extra: Record<string, unknown> = {}) => ({
  agencyId: agency.id, title: '2024年文化市场“双随机、一公开”抽查结果', docNo: null, formedOn: '2024-06-03',
  body: '<p>抽查结果如下。</p><script>alert(1)</script>', article20Item: 13, topic: '文化、广电、新闻出版', ...extra,
});

describe('POST /api/v1/items', () => {
  it('201 with { id, indexNo } for a 经办人\'s token', async () => {
    const res = await call('POST', '/api/v1/items', 'handler', NEW_ITEM());
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(['id', 'indexNo']);
    expect(res.json['indexNo']).toMatch(/^GK\d{6}\/\d{4}-\d{5}$/);
  });

  it('401 without a token, 403 for a 审核人, 404 for another agency, 422 naming fields, 400 for bad JSON', async () => {
    expect((await call('POST', '/api/v1/items', undefined, NEW_ITEM())).status).toBe(401);
    expect(await call('POST', '/api/v1/items', 'reviewer', NEW_ITEM())).toMatchObject({ status: 403, json: { error: { code: 'auth.forbidden' } } });
    expect(await call('POST', '/api/v1/items', 'otherHandler', NEW_ITEM())).toMatchObject({ status: 404, json: { error: { code: 'catalog.agency_not_found' } } });
    const bad = await call('POST', '/api/v1/items', 'handler', NEW_ITEM({ title: '', formedOn: '2024/06/03', article20Item: 0 }));
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({ code: 'catalog.invalid', message: expect.stringContaining('标题') });
    expect((bad.json.error!.details as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['article20Item', 'formedOn', 'title']);
    expect((await call('POST', '/api/v1/items', 'handler', '{not json')).status).toBe(400);
  });
});

describe('POST /api/v1/items/{id}/events and the public metadata', () => {
  it('takes the review to publication; refusals say why; the public metadata appears only once published', async () => {
    const { json: created } = await call('POST', '/api/v1/items', 'handler', NEW_ITEM({ body: '<p>咨询电话 13800138000</p>' }));
    const id = created['id'] as number;
    const indexNo = created['indexNo'] as string;
    const pub = (path = encodeURIComponent(indexNo)) => call('GET', `/api/v1/items/${path}`);
    expect((await pub()).status).toBe(404);

    const submitted = await call('POST', `/api/v1/items/${id}/events`, 'handler', { type: 'submitted' });
    expect(submitted).toMatchObject({ status: 200, json: { id, status: 'attributeReview', statusLabel: '待公开属性审核', version: 1 } });
    expect(await call('POST', `/api/v1/items/${id}/events`, 'handler', { type: 'attributeReviewed', decision: '主动公开' })).toMatchObject({ status: 403, json: { error: { code: 'catalog.needs_reviewer' } } });
    expect(await call('POST', `/api/v1/items/${id}/events`, 'reviewer', { type: 'attributeReviewed', decision: '不予公开' })).toMatchObject({ status: 422, json: { error: { code: 'catalog.reason_required' } } });
    expect(await call('POST', `/api/v1/items/${id}/events`, 'reviewer', { type: 'attributeReviewed', decision: '主动公开', version: 0 })).toMatchObject({ status: 409, json: { error: { code: 'catalog.stale' } } });
    expect(await call('POST', `/api/v1/items/${id}/events`, 'reviewer', { type: 'nonsense' })).toMatchObject({ status: 422, json: { error: { code: 'catalog.invalid' } } });
    expect((await call('POST', `/api/v1/items/${id}/events`, 'reviewer', { type: 'attributeReviewed', decision: '主动公开', reason: '第二十条第（十三）项' })).status).toBe(200);
    expect((await call('POST', `/api/v1/items/${id}/events`, 'reviewer', { type: 'secrecyChecked' })).status).toBe(200);
    const blocked = await call('POST', `/api/v1/items/${id}/events`, 'head', { type: 'signed' });
    expect(blocked).toMatchObject({ status: 422, json: { error: { code: 'catalog.personal_data', message: expect.stringContaining('138****8000') } } });
    expect(await call('POST', `/api/v1/items/${id}/events`, 'head', { type: 'returned', reason: '删去电话' })).toMatchObject({ status: 200, json: { status: 'draft' } });
    // Back through review, justified by another 审核人 this time.
    await call('POST', `/api/v1/items/${id}/events`, 'handler', { type: 'submitted' });
    await call('POST', `/api/v1/items/${id}/events`, 'reviewer2', { type: 'attributeReviewed', decision: '主动公开' });
    await call('POST', `/api/v1/items/${id}/events`, 'reviewer2', { type: 'secrecyChecked', justification: '咨询电话为单位公开的服务电话' });
    const signed = await call('POST', `/api/v1/items/${id}/events`, 'head', { type: 'signed' });
    expect(signed).toMatchObject({ status: 200, json: { status: 'published', body: '<p>咨询电话 13800138000</p>' } });

    for (const path of [encodeURIComponent(indexNo), indexNo]) {
      const res = await pub(path);
      expect(res.status, path).toBe(200);
      expect(res.json).toMatchObject({
        indexNo, title: '2024年文化市场“双随机、一公开”抽查结果', docNo: null, agency: '接口测试局', publisher: '接口测试局',
        formedOn: '2024-06-03', publishedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), topic: '文化、广电、新闻出版', genre: '其他文件',
        article20Item: 13, validity: 'valid', url: `/items/${encodeURIComponent(indexNo)}`, attachments: [],
      });
    }
    expect(await call('GET', '/api/v1/items/no-such-index/2024-00001')).toMatchObject({ status: 404, json: { error: { code: 'catalog.not_found' } } });

    expect(await call('POST', `/api/v1/items/${id}/events`, 'head', { type: 'withdrawn', reason: '内容已更新' })).toMatchObject({ status: 200, json: { status: 'withdrawn' } });
    expect((await pub()).status).toBe(404);
  });

  it('the author cannot check its own item\'s secrecy (409); other agencies and visitors get 404/401', async () => {
    const author = await addPerson(services, 'api-author-reviewer', [['handler', agency], ['reviewer', agency]]);
    tokens['authorReviewer'] = await apiToken(services, author);
    const { json } = await call('POST', '/api/v1/items', 'authorReviewer', NEW_ITEM());
    const id = json['id'] as number;
    await call('POST', `/api/v1/items/${id}/events`, 'authorReviewer', { type: 'submitted' });
    await call('POST', `/api/v1/items/${id}/events`, 'authorReviewer', { type: 'attributeReviewed', decision: '主动公开' });
    const own = await call('POST', `/api/v1/items/${id}/events`, 'authorReviewer', { type: 'secrecyChecked' });
    expect(own).toMatchObject({ status: 409, json: { error: { code: 'catalog.own_item', message: expect.stringContaining('起草人以外') } } });
    expect((await call('POST', `/api/v1/items/${id}/events`, undefined, { type: 'secrecyChecked' })).status).toBe(401);
    expect(await call('POST', `/api/v1/items/${id}/events`, 'otherHandler', { type: 'secrecyChecked' })).toMatchObject({ status: 404, json: { error: { code: 'http.not_found' } } });
    expect((await call('GET', `/api/v1/items/${id}/staff`, 'otherHandler')).status).toBe(404);
    expect((await call('GET', `/api/v1/items/${id}/staff`)).status).toBe(401);
    const staff = await call('GET', `/api/v1/items/${id}/staff`, 'reviewer');
    expect(staff).toMatchObject({ status: 200, json: { id, status: 'secrecyCheck', events: expect.any(Array) } });
    expect((await call('GET', '/api/v1/items/99999999/staff', 'reviewer')).status).toBe(404);
  });

  it('a staff session (cookie) may draft too', async () => {
    const cookie = await sessionCookie(services, persons['handler']!.username);
    const res = await app.request('/api/v1/items', { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify(NEW_ITEM()) });
    expect(res.status).toBe(201);
  });
});

describe('the contract in /api/openapi.json', () => {
  it('documents the item paths', async () => {
    const doc = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths['/api/v1/items']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/items/{id}/events']!.post!.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '422']);
    expect(doc.paths['/api/v1/items/{indexNo}']!.get).toBeDefined();
    expect(doc.paths['/api/v1/items/{id}/staff']!.get).toBeDefined();
  });
});
