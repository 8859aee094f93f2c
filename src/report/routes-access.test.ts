/**
 * The checker under accounts (issue 16 §6): anyone checks a report anonymously (kept 24 hours at its
 * key, listed nowhere); staff store their agency's report; other agencies' staff never find it; a
 * supervisor reads every agency under their government; the API stores with a token.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, apiToken, OPERATOR, sessionCookie } from '../../test/support/accounts.ts';
import { closeAgency, reviseAgency } from '../platform/accounts/service.ts';
import { createTestApp } from '../../test/support/app.ts';
import { canonicalReport, jsonFile, uploadForm } from '../../test/support/fixtures.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';

let services: Services;
let app: Hono<AppEnv>;
let gov: Agency;
let agencyA: Agency;
let agencyB: Agency;
let agencyC: Agency;
const cookies: Record<string, string> = {};
const people: Record<string, Person> = {};

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  gov = await addAgency(services, '访问测试市人民政府', 'government');
  agencyA = await addAgency(services, '访问测试甲局', 'department', gov);
  agencyC = await addAgency(services, '访问测试丙局', 'department', gov);
  agencyB = await addAgency(services, '访问测试乙局', 'department', await addAgency(services, '另一测试县人民政府', 'government'));
  const roles = {
    'handler-a': [['handler', agencyA]], 'handler-b': [['handler', agencyB]], 'reviewer-a': [['reviewer', agencyA]],
    'supervisor-gov': [['supervisor', gov]], 'head-a-handler-c': [['head', agencyA], ['handler', agencyC]],
  } as const;
  for (const [username, grants] of Object.entries(roles)) {
    people[username] = await addPerson(services, username, grants);
    cookies[username] = await sessionCookie(services, username);
  }
});
afterAll(async () => {
  await services.close();
});

const get = (path: string, as?: string) => app.request(path, { headers: as ? { cookie: cookies[as]! } : {} });
const html = async (path: string, as?: string) => (await get(path, as)).text();
/** Posts the upload form as a signed-in person (or signed out), with the agency's fields. */
function upload(files: File[], options: { as?: string; agencyId?: number | string; store?: string; previous?: File } = {}) {
  const form = uploadForm(files, options.previous);
  if (options.store !== undefined) form.append('store', options.store);
  if (options.agencyId !== undefined) form.append('agencyId', String(options.agencyId));
  const headers: Record<string, string> = { origin: 'http://localhost' };
  if (options.as) headers['cookie'] = cookies[options.as]!;
  return app.request('/reports', { method: 'POST', body: form, headers });
}
const locationOf = (res: Response) => res.headers.get('location') ?? '';
const idIn = (location: string) => Number(/^\/reports\/(\d+)/.exec(location)?.[1]);
const countWhere = async (agency: string) => (await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM checked_reports WHERE agency = $1', [agency])).rows[0]!.n;
/** Every page and download of a report. */
const subPaths = (ref: string | number) => ['', '/download.docx', '/download.xlsx', '/download.json', '/download.html', '/source', '/check-result', '/check-result.docx']
  .map((p) => `/reports/${ref}${p}`);

describe('an anonymous check', () => {
  let key = '';
  let id = 0;
  beforeAll(async () => {
    const res = await upload([jsonFile('anonymous.json', canonicalReport('匿名访问测试局', 2023))]);
    key = /^\/reports\/([0-9a-f]{32})\?/.exec(locationOf(res))?.[1] ?? '';
    id = (await services.db.query<{ id: number }>('SELECT id FROM checked_reports WHERE access_key = $1', [key])).rows[0]!.id;
  });

  it('is reached by its key by anyone, signed in or not, with every download', async () => {
    for (const path of subPaths(key)) {
      expect((await get(path)).status, path).toBe(200);
      expect((await get(path, 'handler-b')).status, path).toBe(200);
    }
  });

  it('is not reached by its id: signed out, the sign-in page; staff, 404', async () => {
    for (const path of subPaths(id)) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(locationOf(res)).toBe(`/signin?next=${encodeURIComponent(path)}`);
      expect((await get(path, 'handler-a')).status, path).toBe(404);
      expect((await get(path, 'supervisor-gov')).status, path).toBe(404);
    }
    expect((await get(`/api/v1/reports/${id}`, 'handler-a')).status).toBe(404);
  });

  it('is listed nowhere', async () => {
    for (const who of ['handler-a', 'supervisor-gov', 'reviewer-a']) expect(await html('/reports', who), who).not.toContain('匿名访问测试局');
  });

  it('is gone after 24 hours: its page, downloads and API answer 404', async () => {
    await services.db.query("UPDATE checked_reports SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    for (const path of [...subPaths(key), `/api/v1/reports/${key}`, `/api/v1/reports/${key}/findings`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
    expect(await html(`/reports/${key}`)).toContain('没有保存为机关年度报告的检查结果只保留 24 小时');
  });
});

describe('a report stored for an agency', () => {
  let id = 0;
  beforeAll(async () => {
    const wrong = canonicalReport('访问测试甲局', 2023, (r) => { r.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2]; });
    const res = await upload([jsonFile('甲局2023.json', wrong)], { as: 'handler-a', store: 'agency', agencyId: agencyA.id });
    expect(locationOf(res)).toMatch(/^\/reports\/\d+\?notice=checked$/);
    id = idIn(locationOf(res));
  });

  it('the handler\'s form offers storing for their agency, or only checking', async () => {
    const page = await html('/', 'handler-a');
    expect(page).toContain('<input type="radio" name="store" value="agency" checked=""/> 保存为本机关的年度报告（访问测试甲局）');
    expect(page).toContain(`<input type="hidden" name="agencyId" value="${agencyA.id}"/>`);
    expect(page).toContain('<input type="radio" name="store" value="check"/> 只检查，不保存');
    expect(page).toContain('<li><a href="/reports">已检查的报告</a></li>');
  });

  it('is the agency\'s, stored by the handler, with an audit entry naming them and the agency', async () => {
    const row = (await services.db.query('SELECT agency_id, stored_by, access_key, expires_at FROM checked_reports WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ agency_id: agencyA.id, stored_by: people['handler-a']!.id, access_key: null, expires_at: null });
    const audit = await services.db.query('SELECT actor, person_id, agency_id, action FROM audit_log WHERE subject = $1', [`checked_report:${id}`]);
    expect(audit.rows).toEqual([{ actor: 'person:handler-a', person_id: people['handler-a']!.id, agency_id: agencyA.id, action: 'report.store' }]);
  });

  it('the handler sees it in the list and opens it with every download', async () => {
    const list = await html('/reports', 'handler-a');
    expect(list).toContain(`<a href="/reports/${id}">访问测试甲局</a>`);
    expect(list).toContain('tag tag-error');
    for (const path of subPaths(id)) expect((await get(path, 'handler-a')).status, path).toBe(200);
  });

  it('another agency\'s handler gets 404 on it and its downloads, and does not see it listed', async () => {
    for (const path of subPaths(id)) {
      const res = await get(path, 'handler-b');
      expect(res.status, path).toBe(404);
    }
    expect(await html('/reports', 'handler-b')).not.toContain('访问测试甲局');
    const filtered = await get(`/reports?agencyId=${agencyA.id}`, 'handler-b');
    expect(filtered.status).toBe(400);
    expect(await filtered.text()).toContain('所选机关（agencyId）不在您可以查看的范围内');
  });

  it('the supervisor of the government above sees it, with the findings, and filters by agency', async () => {
    const list = await html('/reports', 'supervisor-gov');
    expect(list).toContain(`<a href="/reports/${id}">访问测试甲局</a>`);
    expect(list).toContain('<select id="agencyId" name="agencyId">');
    expect(list).toContain(`<option value="${agencyC.id}">访问测试丙局</option>`);
    expect(list).not.toContain('访问测试乙局');
    expect(await html(`/reports?agencyId=${agencyC.id}`, 'supervisor-gov')).not.toContain(`/reports/${id}"`);
    expect(await html(`/reports?agencyId=${agencyA.id}`, 'supervisor-gov')).toContain(`/reports/${id}"`);
    const page = await html(`/reports/${id}`, 'supervisor-gov');
    expect(page).toContain('data-rule="T3-ROW-TOTAL"');
    // A supervisor reads; the form does not offer storing.
    expect(await html('/', 'supervisor-gov')).not.toContain('name="store"');
  });

  it('a reviewer of the agency reads it, but the form does not offer storing, and storing is refused (403)', async () => {
    expect((await get(`/reports/${id}`, 'reviewer-a')).status).toBe(200);
    expect(await html('/reports', 'reviewer-a')).toContain(`/reports/${id}"`);
    const form = await html('/', 'reviewer-a');
    expect(form).not.toContain('name="store"');
    expect(form).toContain('您没有保存本机关年度报告的权限');
    const res = await upload([jsonFile('r.json', canonicalReport('审核人测试局', 2023))], { as: 'reviewer-a', store: 'agency', agencyId: agencyA.id });
    expect(res.status).toBe(403);
    expect(await countWhere('审核人测试局')).toBe(0);
  });

  it('the report of the year after is checked against it, never against another agency\'s', async () => {
    const next = canonicalReport('访问测试甲局', 2024);
    const own = await upload([jsonFile('甲局2024.json', next)], { as: 'handler-a', store: 'agency', agencyId: agencyA.id });
    expect(await html(locationOf(own), 'handler-a')).toContain(`已与<a href="/reports/${id}">上一年度报告</a>核对`);
    // Agency B's report of 2024, with A's name in it: no previous year of B's.
    const other = await upload([jsonFile('乙局2024.json', next)], { as: 'handler-b', store: 'agency', agencyId: agencyB.id });
    expect(await html(locationOf(other), 'handler-b')).toContain('本机关没有已保存的上一年度报告，未做跨年度核对');
  });
});

describe('storing: the agency chosen must be the person\'s', () => {
  it('another agency answers 404 and nothing is stored', async () => {
    const res = await upload([jsonFile('x.json', canonicalReport('越权测试局', 2023))], { as: 'handler-a', store: 'agency', agencyId: agencyB.id });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('没有找到所选的机关');
    expect(await countWhere('越权测试局')).toBe(0);
  });

  it('a missing or malformed agency comes back on the form, the field named', async () => {
    const missing = await upload([jsonFile('x.json', canonicalReport('越权测试局', 2023))], { as: 'head-a-handler-c', store: 'agency' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<a href="#agencyId">请选择保存到哪个机关</a>');
    const bad = await upload([jsonFile('x.json', canonicalReport('越权测试局', 2023))], { as: 'handler-a', store: 'agency', agencyId: 'abc' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('所选机关（agencyId）应为机关编号，实际为“abc”');
    expect(await countWhere('越权测试局')).toBe(0);
  });

  it('signed out, storing asks to sign in (401) and nothing is stored', async () => {
    const res = await upload([jsonFile('x.json', canonicalReport('越权测试局', 2023))], { store: 'agency', agencyId: agencyA.id });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('保存为机关的年度报告需要先登录');
    expect(await countWhere('越权测试局')).toBe(0);
  });

  it('a person of several agencies chooses one from a list', async () => {
    const page = await html('/', 'head-a-handler-c');
    expect(page).toContain('<label for="agencyId">保存到哪个机关</label>');
    expect(page).toContain(`<option value="${agencyC.id}">访问测试丙局</option>`);
    const res = await upload([jsonFile('c.json', canonicalReport('访问测试丙局', 2023))], { as: 'head-a-handler-c', store: 'agency', agencyId: agencyC.id });
    const id = idIn(locationOf(res));
    expect((await services.db.query('SELECT agency_id FROM checked_reports WHERE id = $1', [id])).rows[0]?.agency_id).toBe(agencyC.id);
  });

  it('a closed agency keeps its reports but takes no new one (the field named)', async () => {
    const closing = await addAgency(services, '撤销测试局', 'department', gov);
    await addPerson(services, 'handler-closing', [['handler', closing]]);
    cookies['handler-closing'] = await sessionCookie(services, 'handler-closing');
    const first = await upload([jsonFile('old.json', canonicalReport('撤销测试局', 2022))], { as: 'handler-closing', store: 'agency', agencyId: closing.id });
    const id = idIn(locationOf(first));
    await closeAgency(services.db, OPERATOR, closing.id);
    const res = await upload([jsonFile('new.json', canonicalReport('撤销测试局', 2023))], { as: 'handler-closing', store: 'agency', agencyId: closing.id });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('所选机关已撤销，不能再保存新的年度报告');
    expect(await countWhere('撤销测试局')).toBe(1);
    expect((await get(`/reports/${id}`, 'supervisor-gov')).status).toBe(200);
  });

  it('only checking keeps an anonymous check, and the upload is the person\'s', async () => {
    const res = await upload([jsonFile('only.json', canonicalReport('只检查测试局', 2023)), new File(['x'], 'bad.docx')], { as: 'handler-a', store: 'check', agencyId: agencyA.id });
    const location = locationOf(res);
    expect(location).toMatch(/^\/uploads\/[0-9a-f-]{36}$/);
    const uploadId = location.split('/').pop();
    const row = (await services.db.query('SELECT person_id FROM report_uploads WHERE id = $1', [uploadId])).rows[0];
    expect(row?.person_id).toBe(people['handler-a']!.id);
    const results = await html(location, 'handler-a');
    expect(results).toMatch(/<a href="\/reports\/[0-9a-f]{32}">查看检查结果和表格<\/a>/);
    expect(results).toContain('这些检查结果没有保存为机关的年度报告，只保留到');
    // Someone else's upload: 404 to other staff, the sign-in page signed out.
    expect((await get(location, 'handler-b')).status).toBe(404);
    expect((await get(location)).status).toBe(303);
  });

  it('an anonymous upload\'s results are open for 24 hours, then gone', async () => {
    const res = await upload([jsonFile('a.json', canonicalReport('匿名上传测试局', 2023)), new File(['x'], 'bad.docx')]);
    const location = locationOf(res);
    expect((await get(location)).status).toBe(200);
    expect((await get(location, 'handler-b')).status).toBe(200);
    await services.db.query("UPDATE report_uploads SET created_at = now() - interval '25 hours' WHERE id = $1", [location.split('/').pop()]);
    expect((await get(location)).status).toBe(404);
  });
});

describe('the API with a token', () => {
  const bearer = async (username: string) => ({ authorization: `Bearer ${await apiToken(services, people[username]!)}` });

  it('stores for the agency given, lists and reads it; another agency\'s token gets 404', async () => {
    const form = uploadForm([jsonFile('api-a.json', canonicalReport('接口保存测试局', 2023))]);
    form.append('agencyId', String(agencyA.id));
    const res = await app.request('/api/v1/reports', { method: 'POST', body: form, headers: await bearer('handler-a') });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { reports: { id: number; ref: string; url: string; agencyId: number; accessKey: null; expiresAt: null }[] };
    const [report] = body.reports;
    expect(report).toMatchObject({ agencyId: agencyA.id, accessKey: null, expiresAt: null, ref: String(report?.id), url: `http://localhost/reports/${report?.id}` });
    const audit = await services.db.query('SELECT actor, token_id FROM audit_log WHERE subject = $1', [`checked_report:${report?.id}`]);
    expect(audit.rows[0]?.actor).toMatch(/^token:\d+:handler-a$/);

    const list = (await (await app.request(`/api/v1/reports?agencyId=${agencyA.id}`, { headers: await bearer('handler-a') })).json()) as { items: { id: number; agencyName: string }[] };
    expect(list.items).toContainEqual(expect.objectContaining({ id: report?.id, agencyName: '访问测试甲局' }));
    expect((await app.request(`/api/v1/reports/${report?.id}`, { headers: await bearer('supervisor-gov') })).status).toBe(200);
    expect((await app.request(`/api/v1/reports/${report?.id}`, { headers: await bearer('handler-b') })).status).toBe(404);
    expect((await app.request(`/api/v1/reports/${report?.id}/findings`, { headers: await bearer('handler-b') })).status).toBe(404);
    const others = (await (await app.request('/api/v1/reports', { headers: await bearer('handler-b') })).json()) as { items: { id: number }[] };
    expect(others.items.map((i) => i.id)).not.toContain(report?.id);
  });

  it('without agencyId a token checks anonymously; another agency is 404, a reviewer 403, no token 401', async () => {
    const check = await app.request('/api/v1/reports', { method: 'POST', body: uploadForm([jsonFile('api-check.json', canonicalReport('接口检查测试局', 2023))]), headers: await bearer('handler-a') });
    expect(((await check.json()) as { reports: { accessKey: string }[] }).reports[0]?.accessKey).toMatch(/^[0-9a-f]{32}$/);
    const attempt = async (headers: Record<string, string>, agencyId: number) => {
      const form = uploadForm([jsonFile('api-x.json', canonicalReport('接口越权测试局', 2023))]);
      form.append('agencyId', String(agencyId));
      const res = await app.request('/api/v1/reports', { method: 'POST', body: form, headers });
      return { status: res.status, body: (await res.json()) as { error: { code: string; details: { fields: { field: string }[] } } } };
    };
    const other = await attempt(await bearer('handler-a'), agencyB.id);
    expect(other.status).toBe(404);
    expect(other.body.error.details.fields[0]?.field).toBe('agencyId');
    expect((await attempt(await bearer('reviewer-a'), agencyA.id)).status).toBe(403);
    expect((await attempt({}, agencyA.id)).status).toBe(401);
    expect(await countWhere('接口越权测试局')).toBe(0);
  });
});

describe('navigation', () => {
  it('已检查的报告 shows to staff only', async () => {
    const entry = '<li><a href="/reports">已检查的报告</a></li>';
    expect(await html('/')).not.toContain(entry);
    expect(await html(`/reports/${'0'.repeat(32)}`)).not.toContain(entry);
    expect(await html('/', 'reviewer-a')).toContain(entry);
    expect(await html('/', 'supervisor-gov')).toContain(entry);
  });
});

describe('the list of a supervisor of many agencies', () => {
  it('filters by part of an agency name instead of a select of hundreds, within the scope only', async () => {
    const city = await addAgency(services, '多机关测试市人民政府', 'government');
    const many = [];
    for (let i = 1; i <= 31; i++) many.push(await addAgency(services, `多机关测试市第${i}局`, 'department', city));
    const handler = await addPerson(services, 'many-handler', [['handler', many[6]!]]);
    await addPerson(services, 'many-supervisor', [['supervisor', city]]);
    cookies['many-supervisor'] = await sessionCookie(services, 'many-supervisor');
    cookies['many-handler'] = await sessionCookie(services, handler.username);
    const stored = idIn(locationOf(await upload([jsonFile('many.json', canonicalReport('多机关测试市第7局', 2023))], { as: 'many-handler', store: 'agency', agencyId: many[6]!.id })));
    const page = await html('/reports', 'many-supervisor');
    expect(page).toContain('<input type="text" id="agency" name="agency"');
    expect(page).not.toContain('<select id="agencyId"');
    expect(await html(`/reports?agency=${encodeURIComponent('第7局')}`, 'many-supervisor')).toContain(`/reports/${stored}"`);
    expect(await html(`/reports?agency=${encodeURIComponent('第8局')}`, 'many-supervisor')).not.toContain(`/reports/${stored}"`);
    // Another government's agency matched by name is still outside the scope.
    expect(await html(`/reports?agency=${encodeURIComponent('访问测试甲局')}`, 'many-supervisor')).toContain('共 0 份符合条件的报告');
  });
});

describe('the list of a supervisor follows the agency tree', () => {
  const reportIds = (page: string) => [...page.matchAll(/<a href="\/reports\/(\d+)">/g)].map((m) => Number(m[1]));
  const apiIds = async (path: string, as = 'tree-supervisor') => ((await (await get(path, as)).json()) as { items: { id: number }[] }).items.map((i) => i.id);

  it('lists an agency added under the government after sign-in (and its sub-units), not one moved out', async () => {
    const city = await addAgency(services, '树列表测试市人民政府', 'government');
    const first = await addAgency(services, '树列表测试市甲局', 'department', city);
    await addPerson(services, 'tree-supervisor', [['supervisor', city]]);
    cookies['tree-supervisor'] = await sessionCookie(services, 'tree-supervisor');
    const storeFor = async (agency: Agency, username: string) => {
      await addPerson(services, username, [['handler', agency]]);
      cookies[username] = await sessionCookie(services, username);
      return idIn(locationOf(await upload([jsonFile(`${username}.json`, canonicalReport(agency.name, 2023))], { as: username, store: 'agency', agencyId: agency.id })));
    };
    const inFirst = await storeFor(first, 'tree-handler-first');
    expect(reportIds(await html('/reports', 'tree-supervisor'))).toEqual([inFirst]);

    // Added after the supervisor signed in: a department, and a unit under it.
    const added = await addAgency(services, '树列表测试市乙局', 'department', city);
    const unit = await addAgency(services, '树列表测试市乙局派出所', 'department', added);
    const inAdded = await storeFor(added, 'tree-handler-added');
    const inUnit = await storeFor(unit, 'tree-handler-unit');
    expect(reportIds(await html('/reports', 'tree-supervisor'))).toEqual([inFirst, inAdded, inUnit]);
    expect(await apiIds('/api/v1/reports')).toEqual([inFirst, inAdded, inUnit]);
    expect(reportIds(await html(`/reports?agency=${encodeURIComponent('派出所')}`, 'tree-supervisor'))).toEqual([inUnit]);
    expect((await get(`/reports/${inUnit}`, 'tree-supervisor')).status).toBe(200);

    // 乙局 (with its unit) moved to another government: gone from the list, its reports 404.
    const other = await addAgency(services, '树列表测试县人民政府', 'government');
    await reviseAgency(services.db, OPERATOR, added.id, { parentId: other.id });
    const page = await html('/reports', 'tree-supervisor');
    expect(reportIds(page)).toEqual([inFirst]);
    expect(page).toContain('共 1 份');
    expect(await apiIds('/api/v1/reports')).toEqual([inFirst]);
    expect(reportIds(await html(`/reports?agency=${encodeURIComponent('乙局')}`, 'tree-supervisor'))).toEqual([]);
    for (const id of [inAdded, inUnit]) expect((await get(`/reports/${id}`, 'tree-supervisor')).status).toBe(404);
    // Moved back: listed again.
    await reviseAgency(services.db, OPERATOR, added.id, { parentId: city.id });
    expect(reportIds(await html('/reports', 'tree-supervisor'))).toEqual([inFirst, inAdded, inUnit]);
  });

  it('pages a supervisor\'s list forwards and back by cursor, the same reports as one long page', async () => {
    const city = await addAgency(services, '翻页测试市人民政府', 'government');
    const departments = [await addAgency(services, '翻页测试市甲局', 'department', city), await addAgency(services, '翻页测试市乙局', 'department', city)];
    departments.push(await addAgency(services, '翻页测试市乙局分局', 'department', departments[1]));
    await addPerson(services, 'paging-supervisor', [['supervisor', city]]);
    cookies['paging-supervisor'] = await sessionCookie(services, 'paging-supervisor');
    // Another government's reports are never on these pages.
    const outside = await addAgency(services, '翻页测试县甲局', 'department', await addAgency(services, '翻页测试县人民政府', 'government'));
    for (const [i, agency] of [...departments, outside].entries()) {
      await services.db.query(
        `INSERT INTO checked_reports (agency, agency_id, year, format, source_file_name, source_kind, source_sha256, source_size, source, canonical, findings, warnings)
         SELECT $2, $1, 2015 + n % 5, '2021', 'p' || n || '.json', 'json', md5(n::text), 1, '\\x00'::bytea, '{}'::jsonb, '[]'::jsonb, '[]'::jsonb
         FROM generate_series(1, $3::int) AS n`,
        [agency.id, agency.name, 19 + i],
      );
    }
    const everything = await apiIds('/api/v1/reports?limit=100', 'paging-supervisor');
    expect(everything).toHaveLength(19 + 20 + 21);
    const rows = await services.db.query<{ id: number }>('SELECT id FROM checked_reports WHERE agency_id = ANY($1) ORDER BY agency_id, -coalesce(year, 0), -id', [departments.map((d) => d.id)]);
    expect(everything).toEqual(rows.rows.map((r) => r.id));
    const cursor = (page: string, rel: 'next' | 'previous') => {
      const link = new RegExp(`href="(/reports[^"]*)"[^>]*>${rel === 'next' ? '下一页' : '上一页'}`).exec(page)?.[1];
      return link?.replaceAll('&amp;', '&');
    };
    const pages: string[] = [await html('/reports', 'paging-supervisor')];
    for (let next = cursor(pages[0]!, 'next'); next; next = cursor(pages.at(-1)!, 'next')) pages.push(await html(next, 'paging-supervisor'));
    expect(pages.map(reportIds).flat()).toEqual(everything);
    expect(pages).toHaveLength(3);
    expect(cursor(pages[1]!, 'next')).toMatch(/after=\d+/);
    const back: string[] = [pages.at(-1)!];
    for (let previous = cursor(back[0]!, 'previous'); previous; previous = cursor(back[0]!, 'previous')) back.unshift(await html(previous, 'paging-supervisor'));
    expect(back.map(reportIds)).toEqual(pages.map(reportIds));
  });
});
