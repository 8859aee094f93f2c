/**
 * The administration pages against the real database: agencies (tree, new, contact facts, rename,
 * close), people (add, grant, revoke, password, disable) and the refusals that keep a handler or an
 * agency administrator from raising their own rights or reaching another agency.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, apiToken, sessionCookie, TEST_PASSWORD } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { accountsRoom } from './room.ts';

let services: Services;
let app: Hono<AppEnv>;
let gov: Agency, culture: Agency, education: Agency;
const people: Record<string, Person> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  services = await createTestServices();
  // The accounts room alone: these pages do not depend on the other rooms.
  app = createHttpApp(services, { modules: [await accountsRoom.routes!(services)], nav: accountsRoom.nav ?? [] });
  gov = await addAgency(services, '测试区人民政府', 'government');
  culture = await addAgency(services, '测试区文化旅游局', 'department', gov);
  education = await addAgency(services, '测试区教育局', 'department', gov);
  const roles = {
    root: [['sysAdmin', null]], 'admin.a': [['agencyAdmin', culture]], 'handler.a': [['handler', culture]],
    'admin.b': [['agencyAdmin', education]], 'handler.b': [['handler', education]], 'both.ab': [['handler', culture], ['handler', education]],
    watcher: [['supervisor', gov]],
  } as const;
  for (const [username, list] of Object.entries(roles)) {
    people[username] = await addPerson(services, username, list);
    cookies[username] = await sessionCookie(services, username);
  }
});
afterAll(async () => {
  await services?.close();
});

const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
const post = (path: string, who: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.request(path, { method: 'POST', body, headers: { cookie: cookies[who]!, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
};
const grantsOf = async (person: Person) =>
  (await services.db.query<{ role: string; agency_id: number | null }>('SELECT role, agency_id FROM role_grants WHERE person_id = $1 ORDER BY id', [person.id])).rows;
const auditCount = async () => (await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;

describe('agencies', () => {
  it('a sysAdmin sees every agency as a tree; an agencyAdmin only theirs', async () => {
    const all = await (await get('/admin/agencies', 'root')).text();
    expect(all).toMatch(/测试区人民政府<\/a>[^]*?<ul>[^]*?测试区文化旅游局[^]*?测试区教育局[^]*?<\/ul>/);
    expect(all).toContain('href="/admin/agencies/new"');
    const mine = await (await get('/admin/agencies', 'admin.a')).text();
    expect(mine).toContain('测试区文化旅游局');
    expect(mine).not.toContain('测试区教育局');
    expect(mine).not.toContain('测试区人民政府');
    expect(mine).not.toContain('href="/admin/agencies/new"');
  });

  it('a handler cannot open the administration: 403 in its own agency, 404 in another', async () => {
    expect((await get('/admin/agencies', 'handler.a')).status).toBe(403);
    expect((await get(`/admin/agencies/${culture.id}`, 'handler.a')).status).toBe(403);
    expect((await get(`/admin/agencies/${education.id}`, 'handler.a')).status).toBe(404);
    expect((await get('/admin/agencies/new', 'handler.a')).status).toBe(403);
    expect((await get('/admin/people', 'handler.a')).status).toBe(403);
    expect((await get(`/admin/people/${people['handler.a']!.id}`, 'handler.a')).status).toBe(403);
    expect((await get(`/admin/people/${people['handler.b']!.id}`, 'handler.a')).status).toBe(404);
  });

  it('signed out, the pages send to the sign-in page', async () => {
    const res = await app.request('/admin/agencies');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fadmin%2Fagencies');
  });

  it('a sysAdmin creates an agency; a wrong credit code is refused naming the character, the values kept', async () => {
    const fields = { name: '测试区卫生健康局', shortName: '卫健局', creditCode: '11210000MB1234567X', kind: 'department', parent: String(gov.id), postcode: '123000' };
    const bad = await post('/admin/agencies/new', 'root', fields);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<a href="#creditCode">');
    expect(html).toMatch(/第 ?18 ?位/);
    expect(html).toContain('value="测试区卫生健康局"');
    expect(html).toMatch(/<option value="\d+" selected="">测试区人民政府<\/option>/);

    const noKind = await post('/admin/agencies/new', 'root', { name: '测试区某局' });
    expect(noKind.status).toBe(400);
    expect(await noKind.text()).toContain('<a href="#kind-government">');

    const ok = await post('/admin/agencies/new', 'root', { ...fields, creditCode: '' });
    expect(ok.status).toBe(303);
    const page = await (await app.request(ok.headers.get('location')!, { headers: { cookie: cookies['root']! } })).text();
    expect(page).toContain('机关已新建');
    expect(page).toContain('<h1>测试区卫生健康局</h1>');
    expect(page).toContain('123000');

    const again = await post('/admin/agencies/new', 'root', { ...fields, creditCode: '' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('已有名为“测试区卫生健康局”的机关');
    expect((await post('/admin/agencies/new', 'admin.a', { ...fields, name: '越权新建' })).status).toBe(403);
  });

  it('an agencyAdmin edits its contact facts, not another agency’s, and cannot rename', async () => {
    const bad = await post(`/admin/agencies/${culture.id}/contacts`, 'admin.a', { address: '测试路 1 号', postcode: '12AB', phone: '0418-1234567' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<a href="#postcode">邮政编码应为 6 位数字');
    expect(html).toContain('value="测试路 1 号"');
    expect(html).toContain('<details class="admin-form" open="">');

    const ok = await post(`/admin/agencies/${culture.id}/contacts`, 'admin.a', { address: '测试路 1 号', postcode: '123000', phone: '0418-1234567', officeHours: '工作日 8:30—17:00' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/admin/agencies/${culture.id}?notice=contacts`);
    const page = await (await get(ok.headers.get('location')!, 'admin.a')).text();
    expect(page).toContain('联系方式已保存');
    expect(page).toContain('0418-1234567');
    expect(page).not.toContain(`/admin/agencies/${culture.id}/revise`);

    expect((await post(`/admin/agencies/${education.id}/contacts`, 'admin.a', { address: 'x' })).status).toBe(404);
    expect((await post(`/admin/agencies/${culture.id}/revise`, 'admin.a', { name: '改名' })).status).toBe(403);
    expect((await get(`/admin/agencies/${culture.id}/close`, 'admin.a')).status).toBe(403);
    expect((await post(`/admin/agencies/${culture.id}/contacts`, 'handler.a', { address: 'x' })).status).toBe(403);
  });

  it('a sysAdmin renames an agency (the old name stays in its history) and cannot make it its own parent', async () => {
    const loop = await post(`/admin/agencies/${gov.id}/revise`, 'root', { name: gov.name, parent: String(culture.id) });
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain('<a href="#parent">');
    const ok = await post(`/admin/agencies/${culture.id}/revise`, 'root', { name: '测试区文化旅游和广播电视局', parent: String(gov.id) });
    expect(ok.status).toBe(303);
    const page = await (await get(`/admin/agencies/${culture.id}`, 'root')).text();
    expect(page).toContain('<h1>测试区文化旅游和广播电视局</h1>');
    expect(page).toMatch(/曾用名[^]*测试区文化旅游局[^]*测试区文化旅游和广播电视局/);
  });

  it('closing asks for confirmation, is refused while agencies are under it, and keeps the agency apart', async () => {
    const confirm = await (await get(`/admin/agencies/${gov.id}/close`, 'root')).text();
    expect(confirm).toContain('name="confirm"');
    expect((await post(`/admin/agencies/${gov.id}/close`, 'root', {})).status).toBe(400);
    const refused = await post(`/admin/agencies/${gov.id}/close`, 'root', { confirm: 'yes' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('下还有');

    const leaf = await addAgency(services, '测试区临时机构', 'department', gov);
    expect((await post(`/admin/agencies/${leaf.id}/close`, 'root', { confirm: 'yes' })).status).toBe(303);
    const list = await (await get('/admin/agencies', 'root')).text();
    expect(list).toMatch(/<details class="closed-agencies"><summary>已撤销的机关（1 个）<\/summary>[^]*测试区临时机构/);
    const page = await (await get(`/admin/agencies/${leaf.id}`, 'root')).text();
    expect(page).toContain('已于');
    expect(page).not.toContain('添加人员');
  });
});

describe('people', () => {
  it('an agencyAdmin adds a person with the roles it may grant; a weak password is refused, the entries kept', async () => {
    const form = await (await get(`/admin/agencies/${culture.id}/people/new`, 'admin.a')).text();
    for (const role of ['handler', 'reviewer', 'head', 'agencyAdmin']) expect(form).toContain(`value="${role}"`);
    expect(form).not.toContain('value="supervisor"');
    expect(form).not.toContain('value="sysAdmin"');

    const weak = await post(`/admin/agencies/${culture.id}/people/new`, 'admin.a', { name: '王五', username: 'wang.wu', role: ['handler', 'reviewer'], password: 'short' });
    expect(weak.status).toBe(400);
    const html = await weak.text();
    expect(html).toContain('<a href="#password">');
    expect(html).toContain('value="wang.wu"');
    expect(html).toMatch(/value="reviewer" checked=""/);
    expect(html).not.toContain('value="short"');

    const noRole = await post(`/admin/agencies/${culture.id}/people/new`, 'admin.a', { name: '王五', username: 'wang.wu', password: TEST_PASSWORD });
    expect(noRole.status).toBe(400);
    expect(await noRole.text()).toContain('<a href="#role-handler">请至少选择一个角色');

    const ok = await post(`/admin/agencies/${culture.id}/people/new`, 'admin.a', { name: '王五', username: 'wang.wu', role: ['handler', 'reviewer'], password: TEST_PASSWORD });
    expect(ok.status).toBe(303);
    const id = Number(/\/admin\/people\/(\d+)/.exec(ok.headers.get('location')!)![1]);
    const grants = (await services.db.query('SELECT role, agency_id FROM role_grants WHERE person_id = $1 ORDER BY role', [id])).rows;
    expect(grants).toEqual([{ role: 'handler', agency_id: culture.id }, { role: 'reviewer', agency_id: culture.id }]);
    expect(await sessionCookie(services, 'wang.wu')).toMatch(/^gk_session=/);

    const taken = await post(`/admin/agencies/${culture.id}/people/new`, 'admin.a', { name: '王六', username: 'wang.wu', role: 'handler', password: TEST_PASSWORD });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('<a href="#username">用户名“wang.wu”已被使用');
  });

  it('an agencyAdmin cannot add a supervisor by a forged form, nor add people to another agency', async () => {
    const forged = await post(`/admin/agencies/${culture.id}/people/new`, 'admin.a', { name: '赵六', username: 'zhao.liu', role: 'sysAdmin', password: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    expect((await post(`/admin/agencies/${education.id}/people/new`, 'admin.a', { name: '赵六', username: 'zhao.liu', role: 'handler', password: TEST_PASSWORD })).status).toBe(404);
    expect((await services.db.query("SELECT 1 FROM people WHERE username = 'zhao.liu'")).rows).toEqual([]);
  });

  it('a sysAdmin is offered supervisor on a government only', async () => {
    expect(await (await get(`/admin/agencies/${gov.id}/people/new`, 'root')).text()).toContain('value="supervisor"');
    expect(await (await get(`/admin/agencies/${culture.id}/people/new`, 'root')).text()).not.toContain('value="supervisor"');
  });

  it('a handler cannot grant itself a role: refused, nothing changed', async () => {
    const me = people['handler.a']!;
    const before = await grantsOf(me);
    const res = await post(`/admin/people/${me.id}/grant`, 'handler.a', { role: 'agencyAdmin', agency: String(culture.id) });
    expect(res.status).toBe(403);
    expect((await post(`/admin/people/${me.id}/grant`, 'handler.a', { role: 'sysAdmin' })).status).toBe(403);
    expect(await grantsOf(me)).toEqual(before);
  });

  it('an agencyAdmin cannot grant sysAdmin or supervisor, grant in another agency, or grant to itself', async () => {
    const target = people['handler.a']!;
    const before = await grantsOf(target);
    const sys = await post(`/admin/people/${target.id}/grant`, 'admin.a', { role: 'sysAdmin' });
    expect(sys.status).toBe(403);
    expect(await sys.text()).toContain('您无权授予或撤销“系统管理员”角色');
    expect((await post(`/admin/people/${target.id}/grant`, 'admin.a', { role: 'supervisor', agency: String(gov.id) })).status).toBe(404);
    expect((await post(`/admin/people/${target.id}/grant`, 'admin.a', { role: 'supervisor', agency: String(culture.id) })).status).toBe(403);
    expect((await post(`/admin/people/${target.id}/grant`, 'admin.a', { role: 'handler', agency: String(education.id) })).status).toBe(404);
    expect(await grantsOf(target)).toEqual(before);

    const self = await post(`/admin/people/${people['admin.a']!.id}/grant`, 'admin.a', { role: 'head', agency: String(culture.id) });
    expect(self.status).toBe(403);
    expect(await self.text()).toContain('不能给自己授予或撤销角色');
    expect(await grantsOf(people['admin.a']!)).toEqual([{ role: 'agencyAdmin', agency_id: culture.id }]);
  });

  it('an agencyAdmin cannot open or change a person of another agency (404)', async () => {
    const other = people['handler.b']!;
    expect((await get(`/admin/people/${other.id}`, 'admin.a')).status).toBe(404);
    for (const action of ['status', 'password', 'grant', 'revoke', 'tokens/revoke']) {
      expect((await post(`/admin/people/${other.id}/${action}`, 'admin.a', { status: 'disabled', token: '1', password: 'another-long-passphrase', role: 'handler', agency: String(education.id) })).status).toBe(404);
    }
    expect((await get(`/admin/people/${people['root']!.id}`, 'admin.a')).status).toBe(404);
    expect((await get('/admin/people/999999', 'root')).status).toBe(404);
  });

  it('an agencyAdmin grants and revokes in its agency; the audit log records both', async () => {
    const target = people['handler.a']!;
    const count = await auditCount();
    const granted = await post(`/admin/people/${target.id}/grant`, 'admin.a', { role: 'head', agency: String(culture.id) });
    expect(granted.status).toBe(303);
    const page = await (await get(granted.headers.get('location')!, 'admin.a')).text();
    expect(page).toContain('角色已授予');
    expect(page).toContain('负责人');
    expect((await post(`/admin/people/${target.id}/revoke`, 'admin.a', { role: 'head', agency: String(culture.id) })).status).toBe(303);
    expect(await grantsOf(target)).toEqual([{ role: 'handler', agency_id: culture.id }]);
    const rows = (await services.db.query('SELECT action, agency_id, ip FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log) ORDER BY id')).rows;
    expect(await auditCount()).toBe(count + 2);
    expect(rows.map((r) => r.action)).toEqual(['person.grant', 'person.revoke']);
    expect(rows[0].agency_id).toBe(culture.id);
  });

  it('the last sysAdmin cannot revoke its own role', async () => {
    const root = people['root']!;
    const res = await post(`/admin/people/${root.id}/revoke`, 'root', { role: 'sysAdmin' });
    expect(res.status).toBe(403);
    expect(await grantsOf(root)).toEqual([{ role: 'sysAdmin', agency_id: null }]);
    const page = await (await get(`/admin/people/${root.id}`, 'root')).text();
    expect(page).toContain('这是您自己的账号');
    expect(page).not.toContain('/revoke"');
  });

  it('an agencyAdmin cannot take over an account holding a role it could not grant', async () => {
    const both = people['both.ab']!;
    const page = await (await get(`/admin/people/${both.id}`, 'admin.a')).text();
    expect(page).toContain('另在其他机关有 1 个角色');
    expect(page).not.toContain('测试区教育局');
    expect(page).not.toContain('重设密码');
    const res = await post(`/admin/people/${both.id}/password`, 'admin.a', { password: 'another-long-passphrase' });
    expect(res.status).toBe(403);
    expect((await post(`/admin/people/${both.id}/status`, 'admin.a', { status: 'disabled' })).status).toBe(403);
    expect((await post(`/admin/people/${people['admin.a']!.id}/status`, 'admin.a', { status: 'disabled' })).status).toBe(403);
  });

  it('an agencyAdmin resets the password of its handler (sessions end) and disables the account', async () => {
    const person = await addPerson(services, 'li.si', [['handler', culture]]);
    const theirs = await sessionCookie(services, 'li.si');
    const weak = await post(`/admin/people/${person.id}/password`, 'admin.a', { password: 'li.si12345' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('<a href="#password">');
    expect((await post(`/admin/people/${person.id}/password`, 'admin.a', { password: 'another-long-passphrase' })).status).toBe(303);
    expect((await app.request('/admin/agencies', { headers: { cookie: theirs } })).status).toBe(303);
    expect(await sessionCookie(services, 'li.si', 'another-long-passphrase')).toMatch(/^gk_session=/);

    expect((await post(`/admin/people/${person.id}/status`, 'admin.a', {})).status).toBe(400);
    expect((await post(`/admin/people/${person.id}/status`, 'admin.a', { status: 'disabled' })).status).toBe(303);
    const disabled = (await services.db.query('SELECT disabled_at FROM people WHERE id = $1', [person.id])).rows[0];
    expect(disabled.disabled_at).toBeInstanceOf(Date);
    expect(await (await get(`/admin/people/${person.id}`, 'admin.a')).text()).toContain('启用账号');
    expect((await post(`/admin/people/${person.id}/status`, 'admin.a', { status: 'active' })).status).toBe(303);
    expect(await sessionCookie(services, 'li.si', 'another-long-passphrase')).toMatch(/^gk_session=/);
    const actions = (await services.db.query('SELECT action FROM audit_log WHERE subject = $1 ORDER BY id', [`person:${person.id}`])).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['person.password_reset', 'person.disable', 'person.enable']));
  });

  it('an agencyAdmin revokes the API token of its handler', async () => {
    const person = await addPerson(services, 'zhou.qi', [['handler', culture]]);
    await apiToken(services, person);
    const tokenId = (await services.db.query<{ id: number }>('SELECT id FROM api_tokens WHERE person_id = $1', [person.id])).rows[0]!.id;
    expect(await (await get(`/admin/people/${person.id}`, 'admin.a')).text()).toContain(`name="token" value="${tokenId}"`);
    expect((await post(`/admin/people/${person.id}/tokens/revoke`, 'admin.a', { token: String(tokenId) })).status).toBe(303);
    const row = (await services.db.query('SELECT revoked_at FROM api_tokens WHERE id = $1', [tokenId])).rows[0];
    expect(row.revoked_at).toBeInstanceOf(Date);
  });

  it('the list: a sysAdmin finds everyone, an agencyAdmin the people of its agency', async () => {
    const all = await (await get('/admin/people', 'root')).text();
    expect(all).toContain('>root<');
    expect(all).toContain('handler.b');
    const mine = await (await get('/admin/people', 'admin.a')).text();
    expect(mine).toContain('handler.a');
    expect(mine).not.toContain('handler.b');
    expect(mine).not.toContain('>root<');
    // Roles elsewhere are not named to them.
    expect(mine).not.toContain('测试区教育局');
    const found = await (await get('/admin/people?q=HANDLER', 'root')).text();
    expect(found).toContain('handler.a');
    expect(found).not.toContain('>root<');
    expect(await (await get('/admin/people?q=%25', 'root')).text()).toContain('没有找到');
  });
});
