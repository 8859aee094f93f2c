/**
 * The template editor's pages in-process on the real database: guarded (the agency's administrator and
 * a system administrator 200, another agency's administrator 404, a handler 403, signed out → sign-in),
 * edit → preview → save → reset without JavaScript, unknown placeholders refused naming them, the
 * settings, and the stylesheet served to anyone.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import { declaredRoutes } from '../../platform/http/access.ts';
import { createHttpApp } from '../../platform/http/app.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { LETTERS_STYLESHEET_PATH } from './html.tsx';
import { LETTER_KINDS } from './model.ts';
import { lettersRouteModule } from './routes.tsx';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
let other: Agency;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  services = await createTestServices();
  app = createHttpApp(services, { modules: [lettersRouteModule(services)], nav: [] });
  agency = await addAgency(services, '测试区住房和城乡建设局');
  other = await addAgency(services, '测试区教育局');
  const people = { 'admin.a': [['agencyAdmin', agency]], 'handler.a': [['handler', agency]], 'admin.b': [['agencyAdmin', other]], root: [['sysAdmin', null]] } as const;
  for (const [username, roles] of Object.entries(people)) {
    await addPerson(services, username, roles);
    cookies[username] = await sessionCookie(services, username);
  }
});
afterAll(async () => {
  await services?.close();
});

const get = (path: string, who?: string) => app.request(path, { headers: { ...(who ? { cookie: cookies[who]! } : {}), accept: 'text/html' } });
const post = (path: string, who: string, fields: Record<string, string>) => app.request(path, {
  method: 'POST', body: new URLSearchParams(fields),
  headers: { cookie: cookies[who]!, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});
const base = () => `/agencies/${agency.id}/letters`;

describe('access', () => {
  it('every route declares its access: the stylesheet public, the editor the agency’s administrators', () => {
    const routes = declaredRoutes(app).filter((r) => r.path.includes('letters'));
    expect(routes.find((r) => r.path === '/assets/letters.css')?.access).toEqual({ kind: 'public' });
    for (const r of routes.filter((r) => r.path.startsWith('/agencies'))) {
      expect(r.access).toEqual({ kind: 'permission', permission: 'agency.profile', agency: { from: 'param', param: 'id' } });
    }
  });

  it.each([
    ['admin.a', 200], ['root', 200], ['handler.a', 403], ['admin.b', 404],
  ] as const)('%s: the list and the editor answer %i', async (who, status) => {
    expect((await get(base(), who)).status).toBe(status);
    expect((await get(`${base()}/denied`, who)).status).toBe(status);
    expect((await post(`${base()}/otherDisposal`, who, { title: 't', body: 'b', action: 'save' })).status).toBe(status === 200 ? 303 : status);
  });

  it('signed out: to the sign-in page; an unknown kind: 404', async () => {
    const res = await get(base());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(base())}`);
    expect((await get(`${base()}/nosuchkind`, 'admin.a')).status).toBe(404);
  });

  it('the stylesheet is served to anyone, with its print rules', async () => {
    const res = await get(LETTERS_STYLESHEET_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(await res.text()).toContain('@media print');
  });
});

describe('the editor', () => {
  it('lists every kind, default or own, with the settings form', async () => {
    const html = await (await get(base(), 'admin.a')).text();
    for (const kind of LETTER_KINDS) expect(html).toContain(`href="${base()}/${kind}"`);
    expect(html).toContain('默认文本');
    expect(html).toContain('name="reconsiderationBody"');
    expect(html).toContain(`<link rel="stylesheet" href="${LETTERS_STYLESHEET_PATH}"/>`);
  });

  it('shows the template in force, its preview and the placeholders', async () => {
    const html = await (await get(`${base()}/correction`, 'admin.a')).text();
    expect(html).toContain('<h1>补正告知书</h1>');
    expect(html).toContain('value="政府信息公开申请补正告知书"');
    expect(html).toContain('请您对以下事项作出补正：{{补正事项}}。');
    expect(html).toContain('<article class="letter"');
    expect(html).toContain('请您对以下事项作出补正：请写明所需信息的名称'); // the preview's made-up facts
    expect(html).toContain('<code>{{收到申请日期}}</code>');
    expect(html).toContain('测试区住房和城乡建设局'); // the agency's own name in the preview
  });

  it('预览 shows what was typed without storing it; 保存 stores it; 恢复默认文本 goes back', async () => {
    const typed = { title: '补正通知', body: '请{{申请人}}补正：{{补正事项}}。\n\n第二段。', action: 'preview' };
    const preview = await post(`${base()}/correction`, 'admin.a', typed);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('<p>请张三补正：请写明所需信息的名称、文号或者便于本机关查询的其他特征性描述。</p>');
    expect(html).toContain('尚未保存');
    expect((await services.db.query("SELECT 1 FROM letter_templates WHERE kind = 'correction'")).rows).toEqual([]);

    const saved = await post(`${base()}/correction`, 'admin.a', { ...typed, action: 'save' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${base()}/correction?notice=saved`);
    const after = await (await get(`${base()}/correction?notice=saved`, 'admin.a')).text();
    expect(after).toContain('模板已保存');
    expect(after).toContain('<h1>补正通知</h1>');
    expect(after).toContain('正在使用本机关的文本');
    expect(await (await get(base(), 'admin.a')).text()).toContain('本机关的文本（');

    const reset = await post(`${base()}/correction/reset`, 'admin.a', {});
    expect(reset.headers.get('location')).toBe(`${base()}/correction?notice=reset`);
    expect(await (await get(`${base()}/correction`, 'admin.a')).text()).toContain('正在使用系统的默认文本');
  });

  it('refuses unknown placeholders with a message naming them, the text kept', async () => {
    for (const action of ['preview', 'save']) {
      const res = await post(`${base()}/denied`, 'admin.a', { title: '答复书', body: '{{申请人}}：{{身份证号}}和{{电话}}', action });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('不认识的占位符：{{身份证号}}、{{电话}}');
      expect(html).toContain('href="#body"');
      expect(html).toContain('>{{申请人}}：{{身份证号}}和{{电话}}</textarea>');
      expect(html).toContain('文本有问题，改正后再预览');
    }
    expect((await services.db.query("SELECT 1 FROM letter_templates WHERE kind = 'denied' AND title = '答复书'")).rows).toEqual([]);
  });

  it('refuses control characters in every field (400, nothing stored)', async () => {
    const refused = await post(`${base()}/unclear`, 'admin.a', { title: 't\u0000', body: 'b\u0001', action: 'save' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('标题含有不能保存的控制字符');
    expect(html).toContain('正文含有不能保存的控制字符');
    const settings = await post(`${base()}/settings`, 'admin.a', { sealLine: '\u0000', reconsiderationBody: '', feePayment: '' });
    expect(settings.status).toBe(400);
    expect(await settings.text()).toContain('落款含有不能保存的控制字符');
    expect((await services.db.query("SELECT 1 FROM letter_templates WHERE kind = 'unclear'")).rows).toEqual([]);
  });

  it('saves the settings; a refused one is shown with its field', async () => {
    const ok = await post(`${base()}/settings`, 'admin.a', { sealLine: '', reconsiderationBody: '测试区人民政府', feePayment: '' });
    expect(ok.headers.get('location')).toBe(`${base()}?notice=settings`);
    expect(await (await get(base(), 'admin.a')).text()).toContain('value="测试区人民政府"');
    expect(await (await get(`${base()}/partiallyGranted`, 'admin.a')).text()).toContain('60日内先向测试区人民政府申请行政复议');
    const refused = await post(`${base()}/settings`, 'admin.a', { sealLine: '章'.repeat(61), reconsiderationBody: '', feePayment: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('落款最多 60 个字');
  });
});
